/**
 * Suites that need the test corpus (see paths.ts). `describeWithCorpus` declares one: when the
 * corpus (or the part of it named in `needs`) is missing, the suite is registered with
 * `describe.skip`, so each of its tests is reported as pending (skipped), never as passed, and the
 * runner's closing line counts them. Mocha still calls the body of a skipped suite to collect its
 * tests, so such bodies read no file themselves: reads go in `before` or `it`.
 */
import { corpusHas } from './paths';

/** Appended to the title of a suite skipped for a missing corpus; the runner counts tests under it. */
export const NEEDS_CORPUS_MARK = '[skipped: needs the test corpus]';

/**
 * `describe(title, fn)` when the corpus holds every file under `needs` (manifest paths or folders
 * ending in `/`; default: the whole corpus), otherwise `describe.skip` with a title that says why.
 */
export function describeWithCorpus(title: string, fn: (this: Mocha.Suite) => void, needs?: readonly string[]): Mocha.Suite | void {
  return corpusHas(needs) ? describe(title, fn) : describe.skip(`${title} ${NEEDS_CORPUS_MARK}`, fn);
}

/** `it(title, fn)` when the corpus holds every file under `needs`, otherwise `it.skip` with a title that says why. */
export function itWithCorpus(title: string, fn: Mocha.Func | Mocha.AsyncFunc, needs?: readonly string[]): Mocha.Test {
  return corpusHas(needs) ? it(title, fn) : it.skip(`${title} ${NEEDS_CORPUS_MARK}`, fn);
}

/** Whether a test was skipped by `itWithCorpus` or sits under a suite that `describeWithCorpus` skipped. */
export function skippedForCorpus(test: Mocha.Runnable): boolean {
  if (test.title.endsWith(NEEDS_CORPUS_MARK)) return true;
  for (let suite: Mocha.Suite | undefined = test.parent; suite; suite = suite.parent) {
    if (suite.title.endsWith(NEEDS_CORPUS_MARK)) return true;
  }
  return false;
}
