#!/usr/bin/env python3
"""Which model names Find Paper must rank first for a query, worked out with Python's csv and
unicodedata modules (shares no code with src/core/search.ts). A name and the query are folded
(NFKD, combining marks dropped, lower case, runs of white space made one space, trimmed) and
compared as written and in a compact form (spaces, hyphens, dashes U+2010-U+2015 and U+2212 and
underscores removed). Tiers, best first:

    0  the name equals the query
    1  the compact name equals the compact query ("gpt4" for GPT-4, "llama 3 70b" for Llama 3-70B)
    2  the name starts with the query as whole words (the next character is not a letter, digit
       or "."), as written or in the compact form ("GPT-4 (Mar 2023)" for "gpt4")
    3  the name starts with the query inside a word ("GPT-4o" for "gpt-4")
    4  the name holds the query further on ("RoBERTa" for "bert")

Names in none of these are left out (typo matches, organizations and authors rank after them).

    python3 test/tools/expected_find_paper.py FILE.csv QUERY...
        → JSON {query: {name: tier}} over the table's `Model` column
"""
import csv
import json
import re
import sys
import unicodedata

COMPACT_DROP = re.compile(r'[\s\-\u2010-\u2015\u2212_]+')


def fold(text):
    text = unicodedata.normalize('NFKD', text)
    text = ''.join(c for c in text if not unicodedata.combining(c)).lower()
    return ' '.join(text.split())


def compact(folded):
    return COMPACT_DROP.sub('', folded)


def prefix_tier(text, prefix):
    if not text.startswith(prefix):
        return None
    rest = text[len(prefix):len(prefix) + 1]
    return 3 if rest and (rest.isalnum() or rest == '.') else 2


def tier(name, query):
    n, q = fold(name), fold(query)
    cn, cq = compact(n), compact(q)
    if n == q:
        return 0
    if cq and cn == cq:
        return 1
    tiers = [t for t in (prefix_tier(n, q), prefix_tier(cn, cq) if cq else None) if t is not None]
    if tiers:
        return min(tiers)
    if q in n or (cq and cq in cn):
        return 4
    return None


def main(path, queries):
    with open(path, encoding='utf-8-sig', newline='') as f:
        names = [' '.join(row['Model'].split()) for row in csv.DictReader(f)]
    out = {}
    for query in queries:
        out[query] = {name: t for name in names if name and (t := tier(name, query)) is not None}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])
