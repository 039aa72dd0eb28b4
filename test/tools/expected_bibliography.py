#!/usr/bin/env python3
"""Independent oracle for the BibTeX, RIS and CSL-JSON importers (stdlib only).

Counts the records of the five shared bibliography files and extracts their DOIs with plain
regular expressions / json, without the TypeScript code under test, and works out how many of the
76 BibTeX and 76 RIS records of the graph-embedding review share a DOI (the lead's duplicate test).

DOIs are read from the DOI field (`doi = {...}`, `DO  - `, `"DOI"`) and from doi.org URLs in the
url fields (`url = {...}`, `UR  - `, `"URL"`), lower-cased, without the resolver prefix.

Usage: python3 test/tools/expected_bibliography.py [DATA_DIR] > test/unit/expectedBibliography.json
"""
import json
import os
import re
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'data')

DOI_IN_URL = re.compile(r'https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)', re.I)


def norm_doi(text):
    t = text.strip()
    t = re.sub(r'^doi:\s*', '', t, flags=re.I)
    t = re.sub(r'^https?://(?:dx\.)?doi\.org/', '', t, flags=re.I)
    t = t.strip().rstrip('.,;')
    return t.lower() if re.match(r'^10\.\d{4,9}/\S+$', t) else None


def read(path):
    with open(os.path.join(DATA, path), 'rb') as f:
        data = f.read()
    if data.startswith(b'\xef\xbb\xbf'):
        data = data[3:]
    return data.decode('utf-8')


def bibtex_entries(text):
    """(type, key, line, body) of every entry: split at lines that start with @type{ (not string/preamble/comment)."""
    starts = [m for m in re.finditer(r'^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s]*)', text, re.M)]
    out = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        if m.group(1).lower() in ('string', 'preamble', 'comment'):
            continue
        out.append((m.group(1).lower(), m.group(2), text.count('\n', 0, m.start()) + 1, text[m.start():end]))
    return out


def bibtex_field(body, name):
    m = re.search(r'(?:^|[,\s])' + name + r'\s*=\s*[{"]((?:[^{}]|\{[^{}]*\})*)[}"]', body, re.I)
    return m.group(1) if m else None


def bibtex_dois(body):
    dois = set()
    d = bibtex_field(body, 'doi')
    if d and norm_doi(d.replace('\\_', '_')):
        dois.add(norm_doi(d.replace('\\_', '_')))
    u = bibtex_field(body, 'url')
    if u:
        for m in DOI_IN_URL.finditer(u):
            if norm_doi(m.group(1)):
                dois.add(norm_doi(m.group(1)))
    return dois


def ris_records(text):
    """(line, {tag: [values]}) per TY..ER record; continuation lines (not a tag) joined with a space."""
    recs = []
    cur = None
    last = None
    for i, line in enumerate(text.splitlines()):
        m = re.match(r'^([A-Z][A-Z0-9])  -(?: (.*))?$', line.rstrip() if line.startswith('ER') else line)
        if not m:
            if cur is not None and last is not None and line.strip():
                cur[1][last][-1] = (cur[1][last][-1] + ' ' + line.strip()).strip()
            continue
        tag, value = m.group(1), (m.group(2) or '').strip()
        if tag == 'TY':
            cur = (i + 1, {'TY': [value]})
            recs.append(cur)
            last = 'TY'
        elif tag == 'ER':
            cur, last = None, None
        elif cur is not None:
            cur[1].setdefault(tag, []).append(value)
            last = tag
    return recs


def ris_dois(tags):
    dois = set()
    for v in tags.get('DO', []):
        if norm_doi(v):
            dois.add(norm_doi(v))
    for v in tags.get('UR', []):
        for m in DOI_IN_URL.finditer(v):
            if norm_doi(m.group(1)):
                dois.add(norm_doi(m.group(1)))
    return dois


ARXIV_IN_URL = re.compile(r'arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})', re.I)


def bibtex_ids(body):
    """DOIs, plus arXiv ids of arxiv.org abs/pdf URLs (imports.md: any shared identifier merges)."""
    ids = {'doi:' + d for d in bibtex_dois(body)}
    ids |= {'arxiv:' + m.group(1) for m in ARXIV_IN_URL.finditer(body)}
    return ids


def ris_ids(tags):
    ids = {'doi:' + d for d in ris_dois(tags)}
    for value in tags.get('UR', []):
        ids |= {'arxiv:' + m.group(1) for m in ARXIV_IN_URL.finditer(value)}
    return ids


def merged_count(id_sets):
    """Records that share any DOI are one work (union-find); the number of works after merging."""
    parent = list(range(len(id_sets)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first = {}
    for i, ids in enumerate(id_sets):
        for d in ids:
            if d in first:
                parent[find(i)] = find(first[d])
            else:
                first[d] = i
    return len({find(i) for i in range(len(id_sets))})


def main():
    out = {'files': {}}
    for path in ('bibtex/d2l.bib', 'bibtex/graph_embedding_review_refs.bib'):
        entries = bibtex_entries(read(path))
        dois = [bibtex_dois(e[3]) for e in entries]
        out['files'][path] = {
            'records': len(entries),
            'recordsWithDoi': sum(1 for d in dois if d),
            'distinctDois': len(set().union(*dois)),
            'firstKeys': [e[1] for e in entries[:3]],
            'firstLines': [e[2] for e in entries[:3]],
        }
    ris = ris_records(read('ris/graph_embedding_review_references.ris'))
    ris_doi = [ris_dois(t) for _, t in ris]
    out['files']['ris/graph_embedding_review_references.ris'] = {
        'records': len(ris),
        'recordsWithDoi': sum(1 for d in ris_doi if d),
        'distinctDois': len(set().union(*ris_doi)),
        'firstLines': [r[0] for r in ris[:3]],
        'firstTitles': [r[1].get('TI', [''])[0] for r in ris[:3]],
        'firstAuthors': [r[1].get('AU', [''])[0] for r in ris[:3]],
        'firstYears': [r[1].get('PY', [''])[0] for r in ris[:3]],
    }
    for path in ('csl_json/manubot_fm_survey_references.json', 'csl_json/zotero_better_csl_json_stats_ml_library.json'):
        items = json.loads(read(path))
        dois = []
        for it in items:
            d = set()
            if isinstance(it.get('DOI'), str) and norm_doi(it['DOI']):
                d.add(norm_doi(it['DOI']))
            if isinstance(it.get('URL'), str):
                for m in DOI_IN_URL.finditer(it['URL']):
                    if norm_doi(m.group(1)):
                        d.add(norm_doi(m.group(1)))
            dois.append(d)
        out['files'][path] = {
            'records': len(items),
            'recordsWithDoi': sum(1 for d in dois if d),
            'distinctDois': len(set().union(*dois)),
        }
    bib = bibtex_entries(read('bibtex/graph_embedding_review_refs.bib'))
    bib_doi = [bibtex_dois(e[3]) for e in bib]
    bib_all = set().union(*bib_doi)
    ris_all = set().union(*ris_doi)
    out['graphEmbeddingReview'] = {
        'bibtexRecords': len(bib),
        'risRecords': len(ris),
        'sharedDois': len(bib_all & ris_all),
        'risRecordsSharingADoiWithBibtex': sum(1 for d in ris_doi if d & bib_all),
        'bibtexRecordsSharingADoiWithRis': sum(1 for d in bib_doi if d & ris_all),
        'mergedWorksByDoi': merged_count(bib_doi + ris_doi),
        'mergedWorks': merged_count([bibtex_ids(e[3]) for e in bib] + [ris_ids(t) for _, t in ris]),
        'note': 'DOIs from doi/DO fields and doi.org URLs in url/UR, lower-cased; computed by test/tools/expected_bibliography.py',
    }
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
