#!/usr/bin/env python3
"""Independent oracle for the institutions data, organization categories and the author-share
team sector (spec /work/shared/spec/imports.md, "Organization categories from affiliation
evidence" and "Team sector of a work with authors"; /work/shared/data/README.md section 3).

Standard library only. Reads the shared ROR sample (v1 and v2), the OpenAlex institutions shard
and the OpenAlex work W2741809807, and writes test/unit/expectedInstitutions.json:

* per ROR file: id, display name, lower-cased types, the category by the spec's precedence
  (first of education, company, government, nonprofit the record has);
* the OpenAlex shard: record count, counts by type, counts by category;
* name lookups on real names: exact display names, aliases, acronyms that name exactly one
  institution (and acronyms that name several: ambiguous), computed over every record of both
  sources the way the spec orders them (exact name, then label/alias, then acronym);
* the work: per author the institution types and categories, the numbers a (academic authors)
  and i (industrial authors), the team sector and its leaning (rule 5 thresholds 0.7 / 0.3).

Usage: python3 test/tools/expected_institutions.py [DATA_DIR] [OUT_JSON]
"""
import collections
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', '..', 'shared', 'data')
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, '..', 'unit', 'expectedInstitutions.json')

PRECEDENCE = [('education', 'Academia'), ('company', 'Industry'), ('government', 'Government'), ('nonprofit', 'Non-profit')]


def category(types):
    lower = [t.lower() for t in types]
    for t, c in PRECEDENCE:
        if t in lower:
            return c
    return None


def ror_id(url):
    return url.rsplit('/', 1)[-1]


def key(name):
    # NFKC, case-folded, white space collapsed. Only ASCII-safe examples are chosen below, so
    # Python's casefold and JS's upper-then-lower agree on them.
    return re.sub(r'\s+', ' ', unicodedata.normalize('NFKC', name).casefold()).strip()


def read_ror(path):
    d = json.load(open(path, encoding='utf-8'))
    if 'names' in d:
        names = d['names']
        display = next(n['value'] for n in names if 'ror_display' in n['types'])
        labels = [n['value'] for n in names if 'label' in n['types'] and n['value'] != display]
        aliases = [n['value'] for n in names if 'alias' in n['types'] and n['value'] != display]
        acronyms = [n['value'] for n in names if 'acronym' in n['types']]
        schema = 'ror-v2'
    else:
        display = d['name']
        labels = [l['label'] for l in d.get('labels', []) if l['label'] != display]
        aliases = [a for a in d.get('aliases', []) if a != display]
        acronyms = d.get('acronyms', [])
        schema = 'ror-v1'
    return {'ror': ror_id(d['id']), 'name': display, 'labels': labels, 'aliases': aliases, 'acronyms': acronyms,
            'types': [t.lower() for t in d['types']], 'schema': schema}


def main():
    out = {'ror': {}, 'openalex': {}, 'lookups': {}, 'work': {}}
    records = []
    for version in ('v1', 'v2'):
        for path in sorted(glob.glob(os.path.join(DATA, 'institutions', 'ror_records_sample', version, '*.json'))):
            r = read_ror(path)
            records.append(r)
            out['ror'][f'{version}/{os.path.basename(path)}'] = {'ror': r['ror'], 'name': r['name'], 'types': r['types'], 'category': category(r['types'])}

    shard = os.path.join(DATA, 'institutions', 'openalex_institutions_snapshot_2023-09-04_part_000.jsonl')
    oa = [json.loads(line) for line in open(shard, encoding='utf-8') if line.strip()]
    out['openalex']['records'] = len(oa)
    out['openalex']['byType'] = dict(collections.Counter(x['type'] for x in oa).most_common())
    out['openalex']['byCategory'] = dict(collections.Counter(category([x['type']]) or '(none)' for x in oa).most_common())
    for x in oa:
        records.append({'ror': ror_id(x['ror']) if x.get('ror') else None, 'openalex': x['id'].rsplit('/', 1)[-1], 'name': x['display_name'], 'labels': [],
                        'aliases': [a for a in x.get('display_name_alternatives') or [] if a != x['display_name']],
                        'acronyms': x.get('display_name_acronyms') or [], 'types': [x['type']], 'schema': 'openalex'})

    # Entries: records with the same ROR id are one institution.
    entry_of = {}
    for r in records:
        entry_of.setdefault(r['ror'] or 'openalex:' + r['openalex'], []).append(r)
    out['entries'] = len(entry_of)
    out['rorSharedBySchemas'] = sorted(k for k, v in entry_of.items() if len(v) > 1)
    names, others, acr = collections.defaultdict(set), collections.defaultdict(set), collections.defaultdict(set)
    for k, rs in entry_of.items():
        first = rs[0]
        for r in rs:
            names[key(r['name'])].add(k)
            for l in r['labels'] + r['aliases']:
                if l != first['name']:
                    others[key(l)].add(k)
            if r is not first and r['name'] != first['name']:
                others[key(r['name'])].add(k)
            for a in r['acronyms']:
                acr[re.sub(r'\s+', ' ', unicodedata.normalize('NFKC', a)).strip()].add(k)

    def lookup(text):
        k = key(text)
        for tier, table in (('name', names), ('alias-or-label', others)):
            if k in table:
                return tier, sorted(table[k])
        a = re.sub(r'\s+', ' ', unicodedata.normalize('NFKC', text)).strip()
        if a in acr:
            return 'acronym', sorted(acr[a])
        return 'none', []

    ascii_ok = lambda s: all(32 <= ord(c) < 127 for c in s)
    cases = []
    # Exact display names from the shard (every 97th record, ASCII only), then aliases and acronyms.
    for x in oa[::97]:
        if ascii_ok(x['display_name']):
            cases.append(x['display_name'])
    alias_cases = [a for x in oa for a in (x.get('display_name_alternatives') or []) if ascii_ok(a) and lookup(a)[0] == 'alias-or-label' and len(lookup(a)[1]) == 1]
    cases += alias_cases[:: max(1, len(alias_cases) // 5)][:5]
    acr_unique = [a for x in oa for a in (x.get('display_name_acronyms') or []) if ascii_ok(a) and lookup(a) == ('acronym', sorted(acr[a])) and len(acr[a]) == 1]
    cases += acr_unique[:: max(1, len(acr_unique) // 5)][:5]
    acr_shared = sorted({a for a, ks in acr.items() if len(ks) > 1 and ascii_ok(a) and lookup(a)[0] == 'acronym'})
    cases += acr_shared[:3]
    cases += ['Facebook', 'MIT', 'Universidad Stanford', 'Massachusetts Institute of Technology', 'massachusetts  institute of TECHNOLOGY', 'AI2', 'Google Research', 'mit']
    for c in cases:
        tier, ks = lookup(c)
        out['lookups'][c] = {'tier': tier, 'keys': ks}
    out['ambiguousAcronyms'] = {a: sorted(ks) for a, ks in acr.items() if len(ks) > 1}

    w = json.load(open(os.path.join(DATA, 'openalex', 'openalex_work_W2741809807.json'), encoding='utf-8'))
    authors = []
    for au in w['authorships']:
        cats = sorted({category([i['type']]) for i in au['institutions'] if category([i['type']])})
        authors.append({'name': au['author']['display_name'], 'types': [i['type'] for i in au['institutions']], 'categories': cats})
    a = sum(1 for x in authors if 'Academia' in x['categories'])
    i = sum(1 for x in authors if 'Industry' in x['categories'])
    share = a / (a + i) if a + i else None
    leaning = None if share is None else 'academia' if share > 0.7 else 'industry' if share < 0.3 else 'balanced'
    out['work'] = {'id': w['id'], 'authors': authors, 'academic': a, 'industrial': i, 'teamSector': 'Collaboration' if a and i else None, 'leaning': leaning}

    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write('\n')
    print(f'wrote {OUT}: {len(out["ror"])} ROR records, {len(oa)} OpenAlex institutions, {len(out["lookups"])} lookups; work a={a} i={i} {leaning}')


if __name__ == '__main__':
    main()
