#!/usr/bin/env python3
"""Independent oracle for the authors of Epoch models in an export (`export --include-models`).

Reads the bundled snapshot (data/epoch-notable-ai-models.csv.gz) with Python's csv and gzip
modules, without the TypeScript code under test, and splits every `Authors` cell by the rule that
docs/cli.md states (`epochAuthors` in src/core/sources/epochWork.ts implements it):

* "et al." and a following "(N additional authors not shown)" are not names;
* names are separated by `;` when the cell has one, else by `,`, and by blank lines; a single line
  break is white space (cells wrap inside names: "Areeba\nKamal");
* within a part, a leading "and " is dropped and "X and Y" is two names, unless the part has an
  organization word (University, Institute, Authority, Team, ...);
* footnote marks (‡ † *) and a full stop after a word of two or more letters at the end are dropped;
* in a `;` cell, "Family, Given" becomes "Given Family".

Prints JSON: the number of models, of models with at least one author, the total number of
authors, and for a few models (the rows whose name, white space collapsed, is that; the first when several) the raw
cell's length and the names.

Usage: python3 test/tools/expected_epoch_authors.py > test/unit/expectedEpochAuthors.json
"""
import csv
import gzip
import io
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SNAPSHOT = os.path.join(HERE, '..', '..', 'data', 'epoch-notable-ai-models.csv.gz')

ORG = re.compile(r'\b(university|institute|authority|laboratory|laboratories|lab|labs|team|center|centre|academy|company|inc|corporation|foundation|council|agency|department|group|association|society)\b', re.I)
ET_AL = re.compile(r'\bet\s+al\b\.?\s*(\([^)]*\))?', re.I)
PLACEHOLDER = re.compile(r'^(others|et\.?\s*al\.?)$', re.I)

MODELS = ['VGG16', 'LSTM', 'MLP with back-propagation', 'ADALINE', 'Table Tennis Agent', 'ALLaM adapted 70B', 'Aramco Metabrain AI',
          'GPT-4 (Mar 2023)', 'RETRO-7B', 'Telechat2-115B', 'Hunyuan-Large', 'Inkling']


def split(cell):
    text = ET_AL.sub(',', cell)
    seps = r';|(?:\r?\n|\r){2,}' if ';' in text else r',|(?:\r?\n|\r){2,}'
    out = []
    for part in re.split(seps, text):
        part = ' '.join(part.split())
        part = re.sub(r'^and\s+', '', part, flags=re.I)
        names = [part] if ORG.search(part) else re.split(r'\s+and\s+', part, flags=re.I)
        for name in names:
            name = re.sub('[‡†*]+', '', name)
            if re.search(r'[^\W\d_]{2}\.$', name):
                name = name[:-1]
            name = name.strip()
            # A part of punctuation alone (no letter or digit) is no author.
            if not re.search(r'[^\W_]', name) or PLACEHOLDER.match(name):
                continue
            if ',' in name and name.index(',') > 0:
                family, given = name.split(',', 1)
                family, given = family.strip(), given.strip()
                name = f'{given} {family}' if given else family
            out.append(name)
    return out


def main():
    with gzip.open(SNAPSHOT, 'rb') as f:
        rows = list(csv.DictReader(io.TextIOWrapper(f, encoding='utf-8-sig', newline='')))
    authors = [split(r['Authors']) for r in rows]
    picked = {}
    for name in MODELS:
        row = next(r for r in rows if ' '.join(r['Model'].split()) == name)
        picked[name] = {'cellLength': len(row['Authors']), 'authors': split(row['Authors'])}
    print(json.dumps({
        'models': len(rows),
        'modelsWithAuthors': sum(1 for a in authors if a),
        'authors': sum(len(a) for a in authors),
        'picked': picked,
    }, ensure_ascii=False, indent=1))


if __name__ == '__main__':
    main()
