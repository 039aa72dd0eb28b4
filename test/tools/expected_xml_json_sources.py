#!/usr/bin/env python3
"""Expected values for the arXiv (Atom, recorded JSON, OAI-PMH), OpenAlex and Semantic Scholar importers.

Worked out independently of the TypeScript code, with the standard library only (xml.etree, json, re):
record counts, and for a few records per file the title (white space collapsed), the first author,
their raw affiliations, the year, the normalised identifiers, the categories and the line where the
record starts. Writes test/unit/expectedXmlJsonSources.json, which
test/unit/xmlJsonSources.unit.test.ts reads.

Usage: python3 test/tools/expected_xml_json_sources.py [DATA_DIR]   (default ../shared/data)
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, '..', 'shared', 'data')
OUT = os.path.join(REPO, 'test', 'unit', 'expectedXmlJsonSources.json')

ATOM = '{http://www.w3.org/2005/Atom}'
ARXIV = '{http://arxiv.org/schemas/atom}'
OAI = '{http://www.openarchives.org/OAI/2.0/}'
OAI_ARXIV = '{http://arxiv.org/OAI/arXiv/}'


def collapse(s):
    return ' '.join((s or '').split())


def line_of_nth(text, tag_re, n):
    """1-based line of the n-th (0-based) match of tag_re in text."""
    for i, m in enumerate(re.finditer(tag_re, text)):
        if i == n:
            return text.count('\n', 0, m.start()) + 1
    raise ValueError('not found')


def arxiv_from_abs(url):
    m = re.search(r'arxiv\.org/abs/(.+?)(v\d+)?$', url.strip())
    return m.group(1).lower() if m else None


def repair(s):
    """Double-encoded UTF-8: each run of U+0080..U+00FF re-encoded as Latin-1 and decoded as UTF-8."""
    def fix(m):
        try:
            return m.group(0).encode('latin-1').decode('utf-8')
        except UnicodeDecodeError:
            return m.group(0)
    return re.sub('[\u0080-\u00ff]+', fix, s)


def atom_entries(xml_text, with_lines):
    root = ET.fromstring(xml_text.encode('utf-8'))
    out = []
    for i, e in enumerate(root.findall(ATOM + 'entry')):
        ids = []
        ax = arxiv_from_abs(e.findtext(ATOM + 'id'))
        if ax:
            ids.append('arxiv:' + ax)
        doi = e.findtext(ARXIV + 'doi')
        if doi:
            ids.append('doi:' + doi.strip().lower())
        authors = e.findall(ATOM + 'author')
        prim = e.find(ARXIV + 'primary_category')
        cats = [prim.get('term')] if prim is not None else []
        for c in e.findall(ATOM + 'category'):
            if c.get('term') not in cats:
                cats.append(c.get('term'))
        first = authors[0]
        rec = {
            'index': i,
            'title': repair(collapse(e.findtext(ATOM + 'title'))),
            'firstAuthor': repair(collapse(first.findtext(ATOM + 'name'))),
            'firstAuthorAffiliations': [collapse(a.text) for a in first.findall(ARXIV + 'affiliation')],
            'authorCount': len(authors),
            'year': int(e.findtext(ATOM + 'published').strip()[:4]),
            'identifiers': sorted(ids),
            'categories': cats,
            'venue': collapse(e.findtext(ARXIV + 'journal_ref')) or None,
        }
        if with_lines:
            rec['line'] = line_of_nth(xml_text, r'<entry[\s>]', i)
        out.append(rec)
    return out


def arxiv_atom():
    path = os.path.join(DATA, 'arxiv', 'api_query_cs.RO_neural_2025-10.xml')
    text = open(path, encoding='utf-8').read()
    entries = atom_entries(text, True)
    return {'count': len(entries), 'records': entries}


def arxiv_recorded():
    path = os.path.join(DATA, 'arxiv', 'api_recorded_q_testing_m100_2026-04.json')
    raw = json.load(open(path, encoding='utf-8'))
    body = raw['body']
    entries = atom_entries(body, False)
    # Fields that the repair changes, counted per (entry, field) as the importer reports them.
    root = ET.fromstring(body.encode('utf-8'))
    changed = 0
    changed_names = []
    for e in root.findall(ATOM + 'entry'):
        fields = [collapse(e.findtext(ATOM + 'title')), collapse(e.findtext(ATOM + 'summary'))]
        for tag in ('journal_ref', 'comment'):
            v = collapse(e.findtext(ARXIV + tag))
            if v:
                fields.append(v)
        for a in e.findall(ATOM + 'author'):
            n = collapse(a.findtext(ATOM + 'name'))
            fields.append(n)
            if repair(n) != n:
                changed_names.append(repair(n))
            fields += [collapse(x.text) for x in a.findall(ARXIV + 'affiliation')]
        changed += sum(1 for f in fields if repair(f) != f)
    with_aff = [r for r in entries if r['firstAuthorAffiliations']]
    with_doi = [r for r in entries if any(i.startswith('doi:') for i in r['identifiers'])]
    return {
        'count': len(entries),
        'mojibakeCharsInBody': body.count('\u00c3'),
        'repairedFields': changed,
        'repairedAuthorNames': changed_names,
        'records': [entries[0], entries[1], with_aff[0]],
        'withDoi': len(with_doi),
    }


def arxiv_oai():
    path = os.path.join(DATA, 'arxiv', 'oai_pmh_listrecords_arXiv_cs_2015-12.xml')
    text = open(path, encoding='utf-8').read()
    root = ET.fromstring(text.encode('utf-8'))
    records = root.find(OAI + 'ListRecords').findall(OAI + 'record')
    out = []
    affiliations = 0
    for i, r in enumerate(records):
        meta = r.find(OAI + 'metadata').find(OAI_ARXIV + 'arXiv')
        authors = meta.find(OAI_ARXIV + 'authors').findall(OAI_ARXIV + 'author')
        affiliations += sum(len(a.findall(OAI_ARXIV + 'affiliation')) for a in authors)
        first = authors[0]
        name = ' '.join(x for x in [collapse(first.findtext(OAI_ARXIV + 'forenames')), collapse(first.findtext(OAI_ARXIV + 'keyname')), collapse(first.findtext(OAI_ARXIV + 'suffix'))] if x)
        ids = ['arxiv:' + meta.findtext(OAI_ARXIV + 'id').strip()]
        for d in (meta.findtext(OAI_ARXIV + 'doi') or '').split():
            ids.append('doi:' + d.lower())
        out.append({
            'index': i,
            'line': line_of_nth(text, r'<record[\s>]', i),
            'title': collapse(meta.findtext(OAI_ARXIV + 'title')),
            'firstAuthor': name,
            'firstAuthorAffiliations': [collapse(a.text) for a in first.findall(OAI_ARXIV + 'affiliation')],
            'authorCount': len(authors),
            'year': int(meta.findtext(OAI_ARXIV + 'created')[:4]),
            'identifiers': sorted(ids),
            'categories': meta.findtext(OAI_ARXIV + 'categories').split(),
        })
    goteborg = next(r for r in out if any('teborg' in a for a in r['firstAuthorAffiliations']))
    with_doi = next(r for r in out if len(r['identifiers']) > 1)
    return {
        'count': len(records),
        'authors': sum(r['authorCount'] for r in out),
        'affiliations': affiliations,
        'records': [out[0], goteborg, with_doi, out[-1]],
    }


def openalex_ids(w):
    ids = w.get('ids') or {}
    out = []
    doi = ids.get('doi') or w.get('doi')
    if doi:
        out.append('doi:' + re.sub(r'^https?://(dx\.)?doi\.org/', '', doi).lower())
    oa = ids.get('openalex') or w.get('id')
    if oa:
        out.append('openalex:' + oa.rsplit('/', 1)[-1])
    if ids.get('pmid'):
        out.append('pmid:' + re.search(r'(\d+)/?$', ids['pmid']).group(1))
    for loc in [w.get('primary_location') or {}] + (w.get('locations') or []):
        for u in [loc.get('landing_page_url'), loc.get('pdf_url')]:
            ax = arxiv_from_abs(u) if u else None
            if ax and 'arxiv:' + ax not in out:
                out.append('arxiv:' + ax)
    return sorted(out)


def openalex_record(w, index, line=None):
    au = w.get('authorships') or []
    first = au[0] if au else None
    aff = []
    if first:
        aff = first.get('raw_affiliation_strings') or ([first['raw_affiliation_string']] if first.get('raw_affiliation_string') else [])
    rec = {
        'index': index,
        'title': collapse(w.get('title') or w.get('display_name') or ''),
        'firstAuthor': first['author']['display_name'] if first else None,
        'firstAuthorAffiliations': [collapse(a) for a in aff],
        'authorCount': len(au),
        'year': w.get('publication_year'),
        'identifiers': openalex_ids(w),
    }
    if line is not None:
        rec['line'] = line
    return rec


def rebuild_abstract(inv):
    pos = {}
    for word, ps in (inv or {}).items():
        for p in ps:
            pos[p] = word
    return ' '.join(pos[k] for k in sorted(pos))


def openalex_work():
    w = json.load(open(os.path.join(DATA, 'openalex', 'openalex_work_W2741809807.json'), encoding='utf-8'))
    authors = []
    for a in w['authorships']:
        authors.append({
            'name': a['author']['display_name'],
            'types': sorted({i['type'].lower() for i in a['institutions'] if i.get('type')}),
            'rors': [i['ror'].rsplit('/', 1)[-1] for i in a['institutions'] if i.get('ror')],
            'affiliations': [collapse(s) for s in (a.get('raw_affiliation_strings') or [])],
        })
    abstract = rebuild_abstract(w.get('abstract_inverted_index'))
    return {
        'count': 1,
        'record': openalex_record(w, 0),
        'authors': authors,
        'companyAuthors': sum(1 for a in authors if 'company' in a['types']),
        'educationAuthors': sum(1 for a in authors if 'education' in a['types']),
        'abstractStart': abstract[:120],
        'abstractWords': len(abstract.split(' ')),
        'venue': ((w.get('primary_location') or {}).get('source') or {}).get('display_name'),
        'date': w.get('publication_date'),
        'concepts': [c['display_name'] for c in w.get('concepts') or []],
    }


def openalex_shard():
    path = os.path.join(DATA, 'openalex', 'openalex_works_snapshot_2023-05-16_part_000.jsonl')
    recs = []
    for n, line in enumerate(open(path, encoding='utf-8').read().split('\n'), start=1):
        if line.strip():
            recs.append((n, json.loads(line)))
    out = [openalex_record(w, i, n) for i, (n, w) in enumerate(recs)]
    untitled = [r['line'] for r in out if not r['title']]
    return {
        'count': len(recs),
        'emptyAuthorships': sum(1 for _, w in recs if w.get('authorships') == []),
        'untitledLines': untitled,
        'withAbstract': sum(1 for _, w in recs if w.get('abstract_inverted_index')),
        'records': [out[0], out[1], out[-1]],
    }


def s2_record(p, index):
    ext = p.get('externalIds') or {}
    ids = []
    if ext.get('DOI'):
        ids.append('doi:' + ext['DOI'].lower())
    if ext.get('ArXiv'):
        ids.append('arxiv:' + re.sub(r'v\d+$', '', ext['ArXiv']).lower())
    if ext.get('PubMed'):
        ids.append('pmid:' + str(ext['PubMed']))
    if p.get('paperId'):
        ids.append('s2:' + p['paperId'])
    authors = p.get('authors') or []
    fos = p.get('fieldsOfStudy') or []
    if not fos:
        for f in p.get('s2FieldsOfStudy') or []:
            if f.get('category') and f['category'] not in fos:
                fos.append(f['category'])
    return {
        'index': index,
        'title': collapse(p.get('title') or ''),
        'firstAuthor': authors[0]['name'] if authors else None,
        'firstAuthorAffiliations': (authors[0].get('affiliations') or []) if authors else [],
        'authorCount': len(authors),
        'year': p.get('year'),
        'identifiers': sorted(ids),
        'categories': fos,
    }


def s2_paper():
    p = json.load(open(os.path.join(DATA, 'semantic_scholar', 'graph_v1_paper_turing1950_with_citations.json'), encoding='utf-8'))
    cits = [c for c in p['citations'] if c.get('paperId')]
    refs = [r for r in p['references'] if r.get('paperId')]
    main = s2_record(p, 0)
    cit0 = s2_record(cits[0], 1)
    ref0 = s2_record(refs[0], 1 + len(cits))
    ref_last = s2_record(refs[-1], len(cits) + len(refs))
    no_year = sum(1 for c in cits if c.get('year') is None)
    return {
        'count': 1 + len(cits) + len(refs),
        'citations': len(p['citations']),
        'citationsWithId': len(cits),
        'references': len(p['references']),
        'referencesWithId': len(refs),
        'citationsWithoutAbstract': sum(1 for c in p['citations'] if not c.get('abstract')),
        'citationsWithoutYear': no_year,
        'records': [main, cit0, ref0, ref_last],
    }


def s2_author():
    a = json.load(open(os.path.join(DATA, 'semantic_scholar', 'graph_v1_author_with_papers.json'), encoding='utf-8'))
    papers = a['papers']
    recs = [s2_record(p, i) for i, p in enumerate(papers)]
    return {
        'count': len(papers),
        'withoutPublicationDate': sum(1 for p in papers if p.get('publicationDate') is None),
        'withoutYear': sum(1 for p in papers if p.get('year') is None),
        'records': [recs[0], recs[1], recs[-1]],
    }


def institutions_shard():
    path = os.path.join(DATA, 'institutions', 'openalex_institutions_snapshot_2023-09-04_part_000.jsonl')
    n = sum(1 for line in open(path, encoding='utf-8') if line.strip())
    return {'count': n}


def main():
    out = {
        'arxivAtom': arxiv_atom(),
        'arxivRecorded': arxiv_recorded(),
        'arxivOai': arxiv_oai(),
        'openalexWork': openalex_work(),
        'openalexShard': openalex_shard(),
        's2Paper': s2_paper(),
        's2Author': s2_author(),
        'institutionsShard': institutions_shard(),
    }
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write('\n')
    print('wrote', OUT)


if __name__ == '__main__':
    main()
