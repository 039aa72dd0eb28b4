#!/usr/bin/env python3
"""Topic counts of an Epoch table as the Papers tree groups it, worked out with Python's csv module
(shares no code with the TypeScript loader): each model counts once under each part of its
`Domain` cell (split on commas, trimmed, empty parts dropped, duplicates within a cell counted
once), models without a domain under "(no domain)". Reads a CSV or a gzip-compressed CSV.

    python3 test/tools/expected_topic_counts.py FILE.csv[.gz]   → JSON {topic: count}, by count then name
"""
import csv
import gzip
import io
import json
import sys


def main(path):
    raw = open(path, 'rb').read()
    if path.endswith('.gz'):
        raw = gzip.decompress(raw)
    text = raw.decode('utf-8-sig')
    reader = csv.reader(io.StringIO(text, newline=''))
    header = [h.strip() for h in next(reader)]
    col = header.index('Domain')
    counts = {}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        cell = row[col] if col < len(row) else ''
        parts = []
        for part in cell.split(','):
            part = ' '.join(part.split())
            if part and part not in parts:
                parts.append(part)
        for topic in parts or ['(no domain)']:
            counts[topic] = counts.get(topic, 0) + 1
    ordered = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    print(json.dumps(ordered, ensure_ascii=False))


if __name__ == '__main__':
    main(sys.argv[1])
