/**
 * Topics of a work (spec imports.md "Topics of a work"): the source's own vocabulary (arXiv
 * categories, OpenAlex topics/concepts, keywords) mapped onto Epoch's domains through one
 * editable mapping. The default below is meant to become a setting's default.
 */
import { NO_DOMAIN } from '../dataset/paperGroups';
import type { Work } from './work';

/**
 * Source term or pattern → Epoch domain, or `null` for a term that deliberately maps to no
 * domain (listed so that a researcher editing the mapping sees the decision). Terms are compared
 * case-insensitively after white space folding; `*` matches any run of characters (`q-bio.*`).
 */
export type TopicMapping = Readonly<Record<string, string | null>>;

/**
 * The default mapping onto the domains Epoch's tables use (Language, Vision, Speech, Robotics,
 * Biology, Games, Multimodal, Image generation, Video, Audio, Recommendation, Driving, Medicine,
 * Mathematics, Materials science, Earth science, 3D modeling).
 *
 * `cs.LG`, `stat.ML`, `cs.AI`, `cs.NE` map to no domain: they are cross-listed on nearly every
 * machine-learning paper whatever its application, so mapping them would put most works under one
 * domain; a work with only these goes under `(no domain)` for the researcher to assign (a `topic`
 * label). Broad OpenAlex level-0 concepts (`Computer science`, `Mathematics`, `Medicine`, …) are
 * not mapped for the same reason, except where the concept name is an Epoch domain of its own
 * and specific (`Robotics`, `Bioinformatics`).
 */
export const DEFAULT_TOPIC_MAPPING: TopicMapping = {
  // arXiv categories (https://arxiv.org/category_taxonomy)
  'cs.CL': 'Language',
  'cs.CV': 'Vision',
  'eess.IV': 'Vision',
  'cs.RO': 'Robotics',
  'cs.SD': 'Speech',
  'eess.AS': 'Speech',
  'q-bio.*': 'Biology',
  'cs.IR': 'Recommendation',
  'cs.GT': 'Games',
  'cs.MM': 'Multimodal',
  'physics.ao-ph': 'Earth science',
  'cond-mat.mtrl-sci': 'Materials science',
  'math.*': 'Mathematics',
  'cs.LG': null,
  'stat.ML': null,
  'cs.AI': null,
  'cs.NE': null,
  // OpenAlex topics and concepts, S2 fields of study, keywords (by name)
  'Natural language processing': 'Language',
  'Natural language understanding': 'Language',
  'Language model': 'Language',
  'Large language model*': 'Language',
  'Machine translation': 'Language',
  'Question answering': 'Language',
  'Computer vision': 'Vision',
  'Image segmentation': 'Vision',
  'Object detection': 'Vision',
  'Image classification': 'Vision',
  'Speech recognition': 'Speech',
  'Speech synthesis': 'Speech',
  'Robotics': 'Robotics',
  'Robot': 'Robotics',
  'Bioinformatics': 'Biology',
  'Protein structure prediction': 'Biology',
  'Computational biology': 'Biology',
  'Recommender system': 'Recommendation',
  'Recommender systems': 'Recommendation',
  'Video game*': 'Games',
  'Image generation': 'Image generation',
  'Text-to-image*': 'Image generation',
  'Autonomous driving': 'Driving',
  'Self-driving car*': 'Driving',
  'Medical imaging': 'Medicine',
  'Computer science': null,
  'Artificial intelligence': null,
  'Machine learning': null,
  'Deep learning': null,
};

interface CompiledRule {
  term: string;
  domain: string | null;
  exact?: string;
  pattern?: RegExp;
}

const fold = (s: string): string => s.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();

/** The most distinct terms a compiled mapping remembers its answer for (a hostile file could have millions). */
const TERMS_REMEMBERED = 100_000;

/**
 * Compile a mapping once for many works: exact terms in a map, `*` patterns as anchored regular
 * expressions (other characters literal). Later entries do not override earlier exact ones.
 */
export function compileTopicMapping(mapping: TopicMapping): (term: string) => { rule: string; domain: string | null } | undefined {
  const exact = new Map<string, CompiledRule>();
  const patterns: CompiledRule[] = [];
  for (const [term, domain] of Object.entries(mapping)) {
    const key = fold(term);
    if (key.includes('*')) {
      const source = key.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      patterns.push({ term, domain, pattern: new RegExp(`^${source}$`, 'u') });
    } else if (!exact.has(key)) exact.set(key, { term, domain, exact: key });
  }
  // Terms repeat across works (an OpenAlex concept is on thousands): each is looked up once. The
  // answers are shared, so never changed by callers; at most TERMS_REMEMBERED terms are kept.
  const answers = new Map<string, { rule: string; domain: string | null } | undefined>();
  return (raw) => {
    if (answers.has(raw)) return answers.get(raw);
    const key = fold(raw);
    const rule = exact.get(key) ?? patterns.find((p) => p.pattern!.test(key));
    const answer = rule ? { rule: rule.term, domain: rule.domain } : undefined;
    if (answers.size < TERMS_REMEMBERED) answers.set(raw, answer);
    return answer;
  };
}

/** Why a work is under a domain: which of its terms matched which rule. */
export interface TopicEvidence {
  term: string;
  rule: string;
  domain: string;
}

/** A work's domains (Epoch's vocabulary) and where they came from. */
export interface WorkTopics {
  /** Domains in order of first appearance; `[NO_DOMAIN]` when no term maps to one. */
  domains: string[];
  evidence: TopicEvidence[];
  /** True when a paper `topic` label decided. */
  labelled: boolean;
}

/**
 * The domains of a work: each of its categories, then each keyword, looked up in the mapping
 * (`compileTopicMapping`; exact terms before `*` patterns, `null` rules map to nothing); the
 * domains found, once each, in that order; none → `(no domain)` (`NO_DOMAIN` of paperGroups.ts).
 * An Epoch row's own domains (`model.domains`) come first. A paper `topic` label overrides it all.
 *
 * @param work the work (categories, keywords, model)
 * @param mapping the mapping (default `DEFAULT_TOPIC_MAPPING`) or its compiled form
 * @param topicLabel the paper's effective `topic` label, if any
 */
export function workTopics(
  work: Pick<Work, 'categories' | 'keywords' | 'model'>,
  mapping: TopicMapping | ReturnType<typeof compileTopicMapping> = DEFAULT_TOPIC_MAPPING,
  topicLabel?: string,
): WorkTopics {
  if (topicLabel !== undefined && topicLabel.trim() !== '') return { domains: [topicLabel.trim()], evidence: [], labelled: true };
  const lookup = typeof mapping === 'function' ? mapping : compileTopicMapping(mapping);
  const domains: string[] = [...(work.model?.domains ?? [])];
  const evidence: TopicEvidence[] = [];
  const visit = (term: string): void => {
    const hit = lookup(term);
    if (!hit || hit.domain === null) return;
    evidence.push({ term, rule: hit.rule, domain: hit.domain });
    if (!domains.includes(hit.domain)) domains.push(hit.domain);
  };
  for (const term of work.categories) visit(term);
  for (const term of work.keywords) visit(term);
  return { domains: domains.length > 0 ? domains : [NO_DOMAIN], evidence, labelled: false };
}
