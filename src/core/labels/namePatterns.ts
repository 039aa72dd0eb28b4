/**
 * Name patterns that hint at an organization's category, with a confidence (0–1) and the reason
 * shown to the user. Calibrated on Epoch AI's own per-organization categories in the 2024–2026
 * exports (`../shared/data/epoch/`): e.g. "Labs" names are mostly companies (AI21 Labs, Intel
 * Labs) but not always (Shanghai AI Lab is academic), so they get a lower confidence; Epoch files
 * non-profits such as the Allen Institute for AI and foundations as "Research collective".
 */
import type { OrganizationCategory } from '../dataset/model';

export interface NamePattern {
  category: OrganizationCategory;
  confidence: number;
  /** Shown as "name pattern: <why>". */
  why: string;
  test: RegExp;
  /** The pattern does not apply when this matches too (e.g. "Department of" inside a university). */
  unless?: RegExp;
}

/** Whole words, case-insensitive, Unicode-aware (JavaScript's \b is ASCII-only: Université, Universität). */
const word = (source: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'iu');
/** A word that starts with the given letters (Universit… matches University, Università, Universitat). */
const stem = (source: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})`, 'iu');
/** A legal-form suffix such as "Inc." or "S.A.": at the end of the name or before a comma/bracket. */
const suffix = (source: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?=\\s*(?:$|[,()]))`, 'iu');

const ACADEMIC_WORDS = stem('universit|universid|univerzit|uniwersytet|üniversite|college|school|polytechn|politecnico|hochschule|école|ecole');

const COMPANIES = [
  'Google', 'DeepMind', 'OpenAI', 'Microsoft', 'Meta AI', 'Meta', 'Facebook', 'Amazon', 'AWS', 'Apple', 'NVIDIA', 'IBM', 'Intel', 'AMD', 'Qualcomm',
  'Baidu', 'Alibaba', 'Tencent', 'Huawei', 'Samsung', 'Anthropic', 'ByteDance', 'Salesforce', 'Adobe', 'Uber', 'Yandex', 'Naver', 'Kakao', 'Sony',
  'Mistral AI', 'Cohere', 'xAI', 'Xiaomi', 'Kuaishou', 'SenseTime', 'Megvii', 'iFlytek', 'Zhipu AI', 'Moonshot AI', 'DeepSeek', 'MiniMax',
  'Stability AI', 'Hugging Face', 'Character.AI', 'Inflection AI', 'AI21', 'Aleph Alpha', 'Databricks', 'MosaicML', 'Snowflake', 'Twitter',
  'Netflix', 'Spotify', 'Toyota', 'Bosch', 'Siemens', 'Tesla', 'Waymo', 'NTT', 'Fujitsu', 'Hitachi', 'Toshiba', 'Preferred Networks', 'Upstage',
  'Rakuten', 'OPPO', 'vivo', 'JD.com', 'Midjourney', 'Runway', 'Reka', 'Perplexity', 'Inflection',
];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The patterns, strongest first within each category. */
export const NAME_PATTERNS: readonly NamePattern[] = [
  { category: 'Academia', confidence: 0.9, why: 'a university (University, Université, Universität, Universidad…)', test: stem('universit|universid|univerzit|uniwersytet|üniversite') },
  { category: 'Academia', confidence: 0.85, why: 'an institute of technology or polytechnic', test: stem('institute of technology|polytechn|politecnico|technische hochschule|hochschule|école|ecole normale|ETH Zurich|EPFL') },
  { category: 'Academia', confidence: 0.8, why: 'a college', test: word('college') },
  { category: 'Academia', confidence: 0.75, why: 'a school (School of…, Medical School)', test: word('school') },
  { category: 'Academia', confidence: 0.7, why: 'an academy of sciences', test: word('academy of sciences?|academia sinica') },
  { category: 'Academia', confidence: 0.35, why: '"Institute" names are mostly academic in Epoch\'s tables, but some are non-profit, government or company institutes', test: word('institut[e]?|instituto|istituto'), unless: word('national|federal|government|allen') },
  { category: 'Industry', confidence: 0.9, why: 'a company legal form (Inc., Ltd, LLC, GmbH, Corp., AG, S.A., PLC…)', test: suffix('inc\\.?|incorporated|ltd\\.?|limited|llc|l\\.l\\.c\\.|gmbh|corp\\.?|corporation|co\\.|company|ag|s\\.a\\.|s\\.p\\.a\\.|sas|plc|pty|b\\.v\\.|k\\.k\\.|co\\.,? ?ltd\\.?') },
  { category: 'Industry', confidence: 0.85, why: 'a known company', test: word(COMPANIES.map(escape).join('|')), unless: stem('universit|technological institute') },
  { category: 'Industry', confidence: 0.5, why: '"Labs" names are mostly companies (AI21 Labs, Intel Labs), but some are academic or collective', test: word('labs|laboratories'), unless: word('national|state key|university') },
  { category: 'Industry', confidence: 0.5, why: 'a company-style name (Technologies, Solutions)', test: word('technologies|solutions'), unless: ACADEMIC_WORDS },
  { category: 'Government', confidence: 0.85, why: 'a ministry or government body', test: stem('ministry|ministère|ministerio|ministerium|government|governo|gobierno') },
  { category: 'Government', confidence: 0.8, why: 'a national laboratory', test: word('national lab(?:oratory|oratories|s)?') },
  { category: 'Government', confidence: 0.75, why: 'a government agency, authority or administration', test: word('agency|authority|administration|commission|bureau|NASA|NOAA|DARPA|national institutes? of health'), unless: ACADEMIC_WORDS },
  { category: 'Government', confidence: 0.6, why: 'a department of state', test: word('department of'), unless: ACADEMIC_WORDS },
  { category: 'Government', confidence: 0.6, why: 'a defence or military body', test: word('military|army|navy|air force|defen[cs]e'), unless: ACADEMIC_WORDS },
  { category: 'Government', confidence: 0.55, why: 'a national supercomputing centre', test: stem('supercomput'), unless: ACADEMIC_WORDS },
  { category: 'Research collective', confidence: 0.8, why: 'a known open research collective', test: word('EleutherAI|LAION|BigScience|BigCode|LLM360|OpenBioML|Cohere For AI|Open Assistant') },
  { category: 'Research collective', confidence: 0.5, why: 'a collective, community, initiative or consortium', test: word('collective|community|initiative|consortium|open[- ]source') },
  { category: 'Research collective', confidence: 0.45, why: 'a foundation (Epoch files non-profits such as foundations under "Research collective" since 2024)', test: word('foundation|fondation|stiftung') },
  { category: 'Non-profit', confidence: 0.4, why: 'a foundation, society or association (the 2022–2023 tables call these "Non-profit")', test: word('foundation|fondation|stiftung|society|association|non-?profit') },
];

/** The patterns that apply to a name, in list order. */
export function matchNamePatterns(name: string): NamePattern[] {
  return NAME_PATTERNS.filter((p) => p.test.test(name) && !(p.unless?.test(name) ?? false));
}
