/**
 * The annotator's name and the `.gitattributes` line that lets git merge label logs (spec
 * `../shared/spec/labels.md`: "The annotator's name comes from a setting; when it is unset and the
 * OS user name is a generic one (`root`, `coder`, `vscode`, `node`), ask once … Offer to add
 * `labels.jsonl merge=union` to the workspace's `.gitattributes`").
 */
import * as path from 'node:path';
import { annotatorKey } from '../../core/labels/keys';

/** OS user names shared by many people (containers, dev boxes), so never used as an annotator. */
export const GENERIC_USER_NAMES: readonly string[] = ['root', 'coder', 'vscode', 'node'];

/**
 * Who is labelling: the setting when it is set (white space folded), else the OS user name unless
 * it is generic. `ask` is true when neither gives a name, so the host asks once and stores the
 * answer in the setting; two people are then never merged into one annotator.
 *
 * @param setting the `annotator` setting's value (empty or undefined when unset)
 * @param osUserName `os.userInfo().username` (passed in, so this stays pure)
 */
export function resolveAnnotator(setting: string | undefined, osUserName: string | undefined): { name?: string; ask: boolean } {
  const fromSetting = annotatorKey(setting ?? '');
  if (fromSetting !== '') return { name: fromSetting, ask: false };
  const user = annotatorKey(osUserName ?? '');
  if (user === '' || GENERIC_USER_NAMES.includes(user.toLowerCase())) return { ask: true };
  return { name: user, ask: false };
}

/** The `.gitattributes` line for a label log: its file name with `merge=union` (labels.md). */
export function unionMergeLine(logPath: string): string {
  return `${path.basename(logPath)} merge=union`;
}

/**
 * True when `.gitattributes` text already gives the log's file name (or a path ending in it)
 * `merge=union`, so the offer is not made again.
 */
export function hasUnionMerge(gitattributes: string, logPath: string): boolean {
  const name = path.basename(logPath);
  return gitattributes.split(/\r?\n/).some((line) => {
    const [pattern, ...attributes] = line.trim().split(/\s+/);
    return pattern !== undefined && (pattern === name || pattern.endsWith(`/${name}`)) && attributes.includes('merge=union');
  });
}

/** `.gitattributes` text with the union-merge line appended (on a line of its own), unless present. */
export function withUnionMerge(gitattributes: string, logPath: string): string {
  if (hasUnionMerge(gitattributes, logPath)) return gitattributes;
  const separator = gitattributes === '' || gitattributes.endsWith('\n') ? '' : '\n';
  return `${gitattributes}${separator}${unionMergeLine(logPath)}\n`;
}
