import * as path from 'node:path';

/** The repository root (this file is test/support/paths.ts). */
export const REPO = path.resolve(__dirname, '..', '..');
/** `<repo>/../shared/data`: the real data shared beside the repository (read-only, never copied in). */
export const SHARED_DATA = path.resolve(REPO, '..', 'shared', 'data');
