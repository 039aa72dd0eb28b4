// The harness is plain ESM JavaScript (test/harness/codeServer.mjs, typed by its .d.mts); these
// CommonJS test files load it with a dynamic import.
// typescript-eslint cannot resolve the import attribute on the next line; tsc checks it.
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
export type Harness = typeof import('../harness/codeServer.mjs', { with: { 'resolution-mode': 'import' } });
export type { ExtensionTestResults, Workbench } from '../harness/codeServer.mjs' with { 'resolution-mode': 'import' };

export function loadHarness(): Promise<Harness> {
  return import('../harness/codeServer.mjs');
}
