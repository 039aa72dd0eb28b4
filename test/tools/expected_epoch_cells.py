#!/usr/bin/env python3
"""Independent oracle for the `cells` and `name` of every row the loader reads.

For every CSV in the Epoch folder, with the standard library only (``csv`` for
RFC-4180 parsing), computes a SHA-256 over each row's cells as the loader must
give them (sector-and-dataset.md, "Columns" and "Rows"): every column keyed by
its header (trimmed; an empty header is ``(column N)``, a repeated one gets
`` (2)``, `` (3)``...), in header order, each value trimmed, a short row's
missing cells empty, a long row's surplus ignored; and a SHA-256 over the rows'
names (white-space runs folded to one space, trimmed). Writes
``test/unit/expectedEpochCells.json``; the unit test hashes the loader's output
the same way.

Usage: python3 test/tools/expected_epoch_cells.py [DATA_DIR] [OUT_JSON]

Trimming is String.prototype.trim's set (ECMAScript WhiteSpace and
LineTerminator), not Python's str.strip: U+FEFF is white space, U+001C-U+001F
and U+0085 are not. Name folding uses the Unicode White_Space property (the
loader's rule, expected_epoch_counts.py I1). Files are read only.
"""
import csv
import hashlib
import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'epoch')
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, '..', 'unit', 'expectedEpochCells.json')
sys.path.insert(0, HERE)
from expected_epoch_counts import detect_delimiter  # noqa: E402  (the loader oracle's delimiter rule, spec I3)

JS_TRIM = set('\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff')
WHITE_SPACE = set('\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000')


def js_trim(s):
    start, end = 0, len(s)
    while start < end and s[start] in JS_TRIM:
        start += 1
    while end > start and s[end - 1] in JS_TRIM:
        end -= 1
    return s[start:end]


def fold_name(s):
    out, in_space = [], False
    for ch in s:
        if ch in WHITE_SPACE:
            if not in_space:
                out.append(' ')
            in_space = True
        else:
            out.append(ch)
            in_space = False
    return js_trim(''.join(out))


def name_column(headers):
    lowered = [' '.join(h.split()).lower() for h in headers]
    for alias in ('model', 'system'):
        if alias in lowered:
            return lowered.index(alias)
    return None


def expected(path):
    raw = open(path, 'rb').read()
    if raw.startswith(b'\xef\xbb\xbf'):
        raw = raw[3:]
    text = raw.decode('utf-8')  # every shipped snapshot is valid UTF-8
    rows = [r for r in csv.reader(io.StringIO(text, newline=''), delimiter=detect_delimiter(text.lstrip('\r\n \t')))]
    rows = [r for r in rows if r and not (len(r) == 1 and js_trim(r[0]) == '')]
    headers = [js_trim(h) for h in rows[0]]
    keys, used = [], set()
    for i, h in enumerate(headers):
        key = h if h != '' else f'(column {i + 1})'
        k = 2
        while key in used:
            key = f'{h} ({k})'
            k += 1
        used.add(key)
        keys.append(key)
    cells_hash = hashlib.sha256()
    names_hash = hashlib.sha256()
    name_at = name_column(headers)
    for row in rows[1:]:
        pairs = [[key, js_trim(row[i]) if i < len(row) else ''] for i, key in enumerate(keys)]
        cells_hash.update((json.dumps(pairs, ensure_ascii=False, separators=(',', ':')) + '\n').encode('utf-8'))
        name = fold_name(row[name_at]) if name_at is not None and name_at < len(row) else ''
        names_hash.update((json.dumps(name, ensure_ascii=False) + '\n').encode('utf-8'))
    return {'rows': len(rows) - 1, 'cells': cells_hash.hexdigest(), 'names': names_hash.hexdigest()}


def main():
    result = {f: expected(os.path.join(DATA, f)) for f in sorted(os.listdir(DATA)) if f.endswith('.csv')}
    with open(OUT, 'w', encoding='utf-8') as out:
        json.dump(result, out, indent=2)
        out.write('\n')


if __name__ == '__main__':
    main()
