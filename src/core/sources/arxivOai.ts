/**
 * arXiv OAI-PMH `ListRecords` pages with `metadataPrefix=arXiv` (spec imports.md "Sources and
 * formats"): one work per `<record>`, authors from `<keyname>`/`<forenames>`/`<suffix>` with their
 * `<affiliation>`s, `<categories>` (the first is the primary one), `<doi>`, `<journal-ref>`.
 * Numeric character references (`G&#xf6;teborg`) are decoded by the XML parser.
 */
import { normalizeArxiv, normalizeDoi } from './identifiers';
import type { Importer, ImportResult, ImportSource } from './importer';
import { decodeUtf8 } from './jsonUtil';
import { repairWorkMojibake } from './mojibake';
import type { Author, ImportDiagnostic, Work } from './work';
import { buildWork, checkTitle, collapseWhitespace, isoDate } from './workBuild';
import { asArray, attr, readXmlRecords, textOf, type XmlNode, type XmlRecordLayout } from './xmlUtil';

const OAI_LAYOUT: XmlRecordLayout = { path: ['OAI-PMH', 'ListRecords'], record: 'record', arrays: ['author', 'affiliation'] };

/** Kept by their own names in `raw` (`journal-ref` is the venue). */
const RAW_FIELDS = ['comments', 'report-no', 'msc-class', 'acm-class', 'license', 'updated', 'proxy'] as const;

function recordToWork(record: XmlNode, source: ImportSource, index: number, line: number): Work | undefined {
  const header = (record['header'] ?? {}) as XmlNode;
  const meta = ((record['metadata'] ?? {}) as XmlNode)['arXiv'] as XmlNode | undefined;
  if (!meta || typeof meta !== 'object') return undefined;
  const ids: string[] = [];
  const arxiv = normalizeArxiv(collapseWhitespace(textOf(meta['id']))) ?? normalizeArxiv(textOf(header['identifier']).replace(/^oai:arXiv\.org:/i, ''));
  if (arxiv) ids.push(`arxiv:${arxiv}`);
  for (const d of collapseWhitespace(textOf(meta['doi'])).split(/\s+/)) {
    const doi = d ? normalizeDoi(d) : undefined;
    if (doi) ids.push(`doi:${doi}`);
  }
  const authors: Author[] = asArray(((meta['authors'] ?? {}) as XmlNode)['author']).map((a) => {
    const family = collapseWhitespace(textOf(a['keyname']));
    const given = collapseWhitespace(textOf(a['forenames']));
    const suffix = collapseWhitespace(textOf(a['suffix']));
    const author: Author = {
      name: [given, family, suffix].filter(Boolean).join(' '),
      affiliations: asArray(a['affiliation']).map((x) => collapseWhitespace(textOf(x))).filter(Boolean),
      institutions: [],
    };
    if (family) author.family = family;
    if (given) author.given = given;
    return author;
  });
  const raw: Record<string, string> = {};
  for (const field of RAW_FIELDS) {
    const v = collapseWhitespace(textOf(meta[field]));
    if (v) raw[field] = v;
  }
  const venue = collapseWhitespace(textOf(meta['journal-ref']));
  return buildWork({
    title: collapseWhitespace(textOf(meta['title'])),
    authors,
    date: isoDate(textOf(meta['created']).trim()) ?? isoDate(textOf(header['datestamp']).trim()),
    ...(venue ? { venue } : {}),
    abstract: collapseWhitespace(textOf(meta['abstract'])),
    identifiers: ids,
    links: arxiv ? [`https://arxiv.org/abs/${arxiv}`] : [],
    categories: collapseWhitespace(textOf(meta['categories'])).split(' ').filter(Boolean),
    type: 'preprint',
    raw,
    provenance: [{ source: source.name, format: 'arxiv-oai', line, index }],
  });
}

/**
 * The arXiv OAI-PMH importer: recognises an `<OAI-PMH>` response with `ListRecords` and arXiv
 * metadata (0.95; 0.6 for another OAI-PMH response); reads each `<record>` into a work. A record
 * whose header says `status="deleted"` or that has no `<arXiv>` metadata gives a `partial-record`
 * diagnostic and no work; a damaged file is salvaged record by record (`readXmlRecords`), a record
 * cut by a syntax error kept as far as it reads with a `partial-record` diagnostic.
 */
export const arxivOaiImporter: Importer = {
  format: 'arxiv-oai',
  recognise(head: string, fileName: string): number {
    if (!/<OAI-PMH[\s>]/.test(head)) return 0;
    const tie = /\.xml$/i.test(fileName) ? 0.05 : 0;
    return (/<ListRecords[\s>]/.test(head) && /(<arXiv[\s>]|arxiv\.org\/OAI\/arXiv)/.test(head) ? 0.9 : 0.6) + tie;
  },
  read(bytes: Uint8Array, source: ImportSource): ImportResult {
    const { records, diagnostics: xmlDiagnostics } = readXmlRecords(decodeUtf8(bytes), OAI_LAYOUT);
    const diagnostics: ImportDiagnostic[] = [...xmlDiagnostics];
    const works: Work[] = [];
    records.forEach((rec, index) => {
      const work = recordToWork(rec.node, source, index, rec.line);
      const header = (rec.node['header'] ?? {}) as XmlNode;
      if (!work) {
        const deleted = attr(header, 'status') === 'deleted';
        diagnostics.push({
          kind: 'partial-record',
          line: rec.line,
          column: rec.column,
          message: `record ${index + 1} (${collapseWhitespace(textOf(header['identifier'])) || 'no identifier'}) ${deleted ? 'is marked deleted' : 'has no arXiv metadata'}; no work read from it`,
        });
        return;
      }
      const label = `record ${index + 1}${work.identifiers.length ? ` (${work.identifiers[0]})` : ''}`;
      if (rec.partial) {
        diagnostics.push({ kind: 'partial-record', line: rec.line, column: rec.column, message: `${label} is cut off by a syntax error; kept as far as it could be read` });
      }
      repairWorkMojibake(work, { line: rec.line, label }, diagnostics);
      checkTitle(work, rec.line, label, diagnostics);
      works.push(work);
    });
    return { format: 'arxiv-oai', works, diagnostics };
  },
};
