/**
 * How label targets are matched: organizations by a normalised name, papers by id, annotators by
 * name. Source: `../shared/spec/labels.md` ("An event": organizations are matched by name with
 * Unicode NFC, white space folded as for paper names, case-insensitive, accents count) and
 * `sector-and-dataset.md` ("Names and paper ids").
 */
import { normaliseName } from '../dataset/cells';
import { modelNameKey } from '../analyses/baseModels';

/** Memoise a string → string function (tables and logs repeat names); the cache is bounded. */
function cached(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let out = cache.get(s);
    if (out === undefined) {
      out = fn(s);
      if (cache.size >= 50_000) cache.clear();
      cache.set(s, out);
    }
    return out;
  };
}

/**
 * The matching key of an organization name: Unicode NFC, white space folded as for paper names
 * (surrounding runs removed, inner runs → one space), then case-folded. Case folding is
 * upper-then-lower, which approximates Unicode full case folding (`STRASSE` and `Straße` match)
 * without touching accents (`Université` and `Universite` stay apart: accents count). Pure
 * (memoised).
 *
 * @param name an organization name as written in a table or an event (any white space, any case)
 * @returns the key; `''` for a name that is only white space
 */
export const organizationKey: (name: string) => string = cached((name) => normaliseName(name.normalize('NFC')).toUpperCase().toLowerCase().normalize('NFC'));

/**
 * The display form of an organization name: NFC, white space folded (case kept). Used to show
 * a label's target when the table does not name that organization.
 */
export const organizationDisplayName: (name: string) => string = cached((name) => normaliseName(name.normalize('NFC')));

/**
 * The key of a paper target: the id with white space folded as for names and Unicode NFC
 * (ids are case-sensitive: `CALM` and `CaLM` are two papers; spec "Names and paper ids").
 * A label written on an id with stray white space (`"GPT-3 "`) still finds its paper.
 */
export const paperKey: (id: string) => string = cached((id) => normaliseName(id).normalize('NFC'));

/**
 * The identity of an annotator: the name with white space folded and Unicode NFC, case kept
 * (`Ada` and `ada` are two people; spec: "two people are never merged into one annotator").
 */
export const annotatorKey: (name: string) => string = cached((name) => normaliseName(name).normalize('NFC'));

/**
 * The key of a `model` target (a base model by name, labels.md): the name folded as analyses.md
 * folds base-model names (NFC, zero-width characters removed, white space folded, spaces around
 * commas removed), lower-cased, so a label finds the name however a `Base model` cell spells it.
 */
export const modelKey: (name: string) => string = cached(modelNameKey);
