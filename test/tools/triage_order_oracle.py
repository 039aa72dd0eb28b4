#!/usr/bin/env python3
"""Independent oracle for the triage queue's order (src/core/labels/triageQueue.ts, orderAttention).

Input: the papers that need attention in a real Epoch table, in table order, with their open
organizations and publication dates (written by test/tools/dumpTriageItems.ts). Output: the same
JSON plus ``expected``, the paper ids in each order, which test/unit/triageQueue.unit.test.ts
compares with orderAttention.

Rules (issue #10, written from the docstring, not the code):
- resolves-most: reach(o) = number of queued papers naming organization o among their open
  organizations (names matched NFC, white space folded, case-insensitive; a paper counts once);
  score(paper) = max reach over its distinct open organizations (0 with none); order by score
  descending, then the sum of those reaches descending, then table order.
- table: as given.
- newest: publication date descending, undated last, ties in table order.

Usage: python3 test/tools/triage_order_oracle.py ITEMS.json OUT.json
"""

import json
import re
import sys
import unicodedata


def key(name):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().lower()


def main(src, out):
    data = json.load(open(src, encoding="utf-8"))
    items = data["items"]
    reach = {}
    for item in items:
        for k in {key(o) for o in item["organizations"]}:
            reach[k] = reach.get(k, 0) + 1

    def score(pair):
        index, item = pair
        counts = [reach[k] for k in {key(o) for o in item["organizations"]}]
        return (-(max(counts) if counts else 0), -sum(counts), index)

    resolves = [item["paperId"] for _, item in sorted(enumerate(items), key=score)]
    dated = [(i, it) for i, it in enumerate(items) if it["date"]]
    undated = [it["paperId"] for it in items if not it["date"]]
    # Python's sort is stable: sort by index, then by date descending.
    newest = [it["paperId"] for _, it in sorted(sorted(dated, key=lambda p: p[0]), key=lambda p: p[1]["date"], reverse=True)] + undated
    data["expected"] = {"resolves-most": resolves, "table": [it["paperId"] for it in items], "newest": newest}
    data["reach"] = dict(sorted(reach.items(), key=lambda kv: (-kv[1], kv[0]))[:10])
    with open(out, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
