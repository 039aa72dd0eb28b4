#!/usr/bin/env python3
"""Independent oracle for presets, large-scale definitions, frontier fits and the leaning switch
(src/core/dataset/presets.ts, src/core/trends/largeScale.ts, src/core/sector/leaning.ts and the
CLI's ``--preset``, ``shares --large-scale``, ``trends --frontier`` and
``--collaborations-by-leaning``).

Reads Epoch CSVs with the standard-library loader oracle (``expected_epoch_counts.py``, written
from the spec) and the fit/share oracle (``expected_trends.py``), and writes
``test/unit/expectedLargeScale.json``. The rules (documented in docs/trends.md, docs/cli.md):

- preset ``paper``: a notability-criteria item (cell split on commas, trimmed) contains, ignoring
  case, ``SOTA improvement``, ``Historical significance`` or ``Highly cited``; and a publication
  date on or after 2010-01-01. Preset ``large-scale``: training compute >= 1e23 FLOP.
- leaning: a Collaboration leaning to academia counts as Academia, to industry as Industry.
- shares ``threshold``: per year, the points with compute >= F; ``residual``: per segment of the
  default breaks, the OLS fit of all points, residual r = y - (intercept + slope x), s =
  sqrt(SSE / (n - 2)), keep r / s >= z. Years keeping nothing are left out.
- frontier ``top-k``: each year's k largest (compute desc, id by code point); ``sector-top-k``: the
  same within each (year, sector); ``flag``: the ``Frontier model`` cell is True/Yes/1 (any case).
  Then the fits of expected_trends.py over those points.

Usage:
    python3 test/tools/expected_large_scale.py [DATA_DIR] [OUT_JSON]
"""

import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from expected_epoch_counts import decode, detect_delimiter, load, read_records, trim  # noqa: E402
from expected_trends import decimal_year, fit, in_segment, segments, shares, trends  # noqa: E402

SECTORS = ["Academia", "Industry", "Collaboration", "Other", "Unknown"]
BREAKS = ["2010-01-01", "2015-09-01"]
FILES = [
    "pcd_notable_ml_systems_2022-09.csv",
    "all_ml_systems_full_view_2023-12-14.csv",
    "notable_ai_models_2026-07.csv",
    "notable_ai_models_excel_resaved_ddmmyyyy.csv",
]
PAPER_NOTABILITY = ["sota improvement", "historical significance", "highly cited"]


def extra_cells(path):
    """Line -> (notability items, frontier flag or None when the table has no such column)."""
    with open(path, "rb") as fh:
        text, _ = decode(fh.read())
    records, _ = read_records(text, detect_delimiter(text))
    header = [trim(h).lower() for h in records[0][1]]
    nota = next((header.index(a) for a in ("notability criteria", "inclusion criteria") if a in header), None)
    flag = header.index("frontier model") if "frontier model" in header else None
    out = {}
    for line, fields in records[1:]:
        cell = lambda i: trim(fields[i]) if i is not None and i < len(fields) else ""  # noqa: E731
        items = [trim(p) for p in cell(nota).split(",") if trim(p) != ""]
        out[line] = (items, None if flag is None else cell(flag).lower() in ("true", "yes", "1"))
    return out, flag is not None


def rows_of(path):
    rows, _d, _m = load(path)
    extra, has_flag = extra_cells(path)
    for r in rows:
        r["notability"], r["frontier"] = extra[r["line"]]
    return rows, has_flag


def by_leaning(r):
    if r["teamSector"] == "Collaboration" and r["leaning"] == "academia":
        return "Academia"
    if r["teamSector"] == "Collaboration" and r["leaning"] == "industry":
        return "Industry"
    return r["teamSector"]


def points(rows, sector_of=lambda r: r["teamSector"]):
    pts = []
    for r in rows:
        date, flop = r["publicationDate"], r["trainingComputeFlop"]
        if date is None or flop is None or not flop > 0 or not math.isfinite(flop):
            continue
        pts.append({"id": r["id"], "date": date, "x": decimal_year(date), "y": math.log10(flop),
                    "flop": flop, "sector": sector_of(r), "frontier": r["frontier"]})
    return pts


def paper_preset(r):
    return (r["publicationDate"] is not None and r["publicationDate"] >= "2010-01-01"
            and any(t in item.lower() for item in r["notability"] for t in PAPER_NOTABILITY))


def large_scale_preset(r):
    return r["trainingComputeFlop"] is not None and r["trainingComputeFlop"] >= 1e23


def per_year(pts):
    by_year = {}
    for p in pts:
        by_year.setdefault(int(p["date"][:4]), []).append(p)
    return [dict({"year": y, "n": len(by_year[y])},
                 **{s: sum(1 for p in by_year[y] if p["sector"] == s) / len(by_year[y]) for s in SECTORS})
            for y in sorted(by_year)]


def above_trend(pts, z):
    keep = set()
    for seg in segments(BREAKS):
        members = [p for p in pts if in_segment(p["date"], seg)]
        f = fit(members)
        if f is None:
            continue
        res = [p["y"] - (f["intercept"] + f["slope_oom_per_year"] * p["x"]) for p in members]
        s = math.sqrt(math.fsum(r * r for r in res) / (len(members) - 2))
        if s > 0:
            keep.update(id(p) for p, r in zip(members, res) if r / s >= z)
    return [p for p in pts if id(p) in keep]


def frontier(pts, how, k=10):
    if how == "flag":
        return [p for p in pts if p["frontier"]]
    groups = {}
    for p in pts:
        key = p["date"][:4] if how == "top-k" else (p["date"][:4], p["sector"])
        groups.setdefault(key, []).append(p)
    keep = set()
    for g in groups.values():
        keep.update(id(p) for p in sorted(g, key=lambda p: (-p["flop"], p["id"]))[:k])
    return [p for p in pts if id(p) in keep]


def sector_counts(rows, sector_of):
    """Rows with a publication date per sector (what topics' `overall` and diffusion's groups count)."""
    return {s: sum(1 for r in rows if r["publicationDate"] is not None and sector_of(r) == s) for s in SECTORS}


def main(argv):
    data_dir = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "data", "epoch")
    out_path = argv[2] if len(argv) > 2 else os.path.join(HERE, "..", "unit", "expectedLargeScale.json")
    result = {"files": {}}
    for name in FILES:
        rows, has_flag = rows_of(os.path.join(data_dir, name))
        pts = points(rows)
        lean = points(rows, by_leaning)
        paper = points([r for r in rows if paper_preset(r)])
        big = points([r for r in rows if large_scale_preset(r)])
        entry = {
            "hasFrontierColumn": has_flag,
            "presetPaper": {"trends": trends(paper, BREAKS), "shares": shares(paper, 10)},
            "presetLargeScale": {"trends": trends(big, BREAKS), "shares": shares(big, 10)},
            "leaning": {"trends": trends(lean, BREAKS), "shares": shares(lean, 10),
                        "sectorCounts": sector_counts(rows, by_leaning),
                        "sectorCountsPlain": sector_counts(rows, lambda r: r["teamSector"])},
            "sharesThreshold": per_year([p for p in pts if p["flop"] >= 1e23]),
            "sharesThreshold1e21": per_year([p for p in pts if p["flop"] >= 1e21]),
            "sharesResidual": per_year(above_trend(pts, 1.0)),
            "sharesResidualZ2": per_year(above_trend(pts, 2.0)),
            "frontierTopK": trends(frontier(pts, "top-k"), BREAKS),
            "frontierTopK5": trends(frontier(pts, "top-k", 5), BREAKS),
            "frontierSectorTopK": trends(frontier(pts, "sector-top-k"), BREAKS),
        }
        if has_flag:
            entry["frontierFlag"] = trends(frontier(pts, "flag"), BREAKS)
        result["files"][name] = entry
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print("wrote", os.path.normpath(out_path), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
