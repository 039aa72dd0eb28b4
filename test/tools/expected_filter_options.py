#!/usr/bin/env python3
"""Independent oracle for the filter bar's choices (src/core/dataset/filterOptions.ts) and the
models per year (src/core/trends/countsPerYear.ts), moved from the host into core.

Reads Epoch CSVs with the loader oracle ``expected_epoch_counts.py`` (written from the spec, not
from the TypeScript), splits the Domain cell on commas as it does the other list cells, and writes
``test/unit/expectedFilterOptions.json``: per file and per filter case, each domain's and each
team sector's ``count`` (rows passing every other filter that carry the value) and ``total``
(rows of the whole file), the earliest and latest publication date, and the models per year and
sector with and without training compute.

Usage:
    python3 test/tools/expected_filter_options.py [DATA_DIR] [OUT_JSON]
"""

import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from expected_epoch_counts import load, split_list  # noqa: E402

SECTORS = ["Academia", "Industry", "Collaboration", "Other", "Unknown"]
# Three eras of Epoch's table: 2022 PCD, the 2023 full view, the 2026 notable models.
FILES = ["pcd_notable_ml_systems_2022-09.csv", "all_ml_systems_full_view_2023-12-14.csv", "notable_ai_models_2026-07.csv"]
# Filter cases: no filter; Academia only; dated 2015-09-01 onward (inclusive) in Language.
CASES = {
    "none": {},
    "academia": {"sectors": ["Academia"]},
    "languageSince2015": {"domains": ["Language"], "since": "2015-09-01"},
}


def rows_of(path):
    rows, _diags, _meta = load(path)
    for r in rows:
        # A row counts once per distinct domain (a domain written twice in a cell is one).
        r["domains"] = list(dict.fromkeys(split_list(r["domainCell"])))
    return rows


def passes(r, case, skip):
    if skip != "sectors" and case.get("sectors") and r["teamSector"] not in case["sectors"]:
        return False
    if skip != "domains" and case.get("domains") and not any(d in r["domains"] for d in case["domains"]):
        return False
    if case.get("since") and (r["publicationDate"] is None or r["publicationDate"] < case["since"]):
        return False
    return True


def options(rows, case):
    domain_total, domain_count = {}, {}
    for r in rows:
        for d in r["domains"]:
            domain_total[d] = domain_total.get(d, 0) + 1
            if passes(r, case, "domains"):
                domain_count[d] = domain_count.get(d, 0) + 1
    sectors = []
    for s in SECTORS:
        sectors.append({"value": s, "count": sum(1 for r in rows if r["teamSector"] == s and passes(r, case, "sectors")),
                        "total": sum(1 for r in rows if r["teamSector"] == s)})
    dates = sorted(r["publicationDate"] for r in rows if r["publicationDate"] is not None)
    return {
        "domains": {d: {"count": domain_count.get(d, 0), "total": t} for d, t in domain_total.items()},
        "sectors": sectors,
        "dateRange": {"min": dates[0], "max": dates[-1]} if dates else None,
    }


def counts_per_year(rows):
    by_year = {}
    for r in rows:
        if r["publicationDate"] is None:
            continue
        y = int(r["publicationDate"][:4])
        row = by_year.setdefault(y, {"year": y, **{s: 0 for s in SECTORS}, "withCompute": {s: 0 for s in SECTORS}})
        row[r["teamSector"]] += 1
        flop = r["trainingComputeFlop"]
        if flop is not None and flop > 0 and math.isfinite(flop):
            row["withCompute"][r["teamSector"]] += 1
    return [by_year[y] for y in sorted(by_year)]


def main(argv):
    data_dir = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "data", "epoch")
    out_path = argv[2] if len(argv) > 2 else os.path.join(HERE, "..", "unit", "expectedFilterOptions.json")
    result = {}
    for name in FILES:
        rows = rows_of(os.path.join(data_dir, name))
        result[name] = {
            "rows": len(rows),
            "options": {k: options(rows, c) for k, c in CASES.items()},
            "countsPerYearLanguageSince2015": counts_per_year([r for r in rows if passes(r, CASES["languageSince2015"], None)]),
        }
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump({"cases": CASES, "files": result}, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print("wrote", os.path.normpath(out_path), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
