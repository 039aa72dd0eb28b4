#!/usr/bin/env python3
"""Independent oracle for the compute-trend statistics (src/core/trends.ts and the CLI's
``trends`` and ``shares`` commands).

Reads Epoch CSVs with the standard library (the loader rules are those of the sibling oracle
``expected_epoch_counts.py``, itself written from the spec and not from the TypeScript), applies
the rules of /work/shared/spec/trends.md and writes ``test/unit/expectedTrends.json``, which
``test/unit/trendsCli.unit.test.ts`` compares with ``compute-divide trends|shares --json`` at a
relative tolerance of 1e-9, ``test/unit/trendsExport.unit.test.ts`` with the panel's CSV of
the top-k shares and of the models per year (chart 3), and ``test/unit/trendsViewModel.unit.test.ts``
with the x range of each fit line the panel draws (``fitRanges``).

Contract: /work/shared/spec/trends.md (points, fits, shares), /work/shared/spec/cli.md (JSON),
/work/shared/spec/sector-and-dataset.md (dates, training compute, team sector).

Usage:
    python3 test/tools/expected_trends.py [DATA_DIR] [OUT_JSON]

Method, chosen to share nothing with the TypeScript:
- x: ``datetime.date`` ordinals (year + (ordinal - ordinal of 1 January) / days in the year).
- sums with ``math.fsum`` (exactly rounded), SSE from the residuals of the fitted line.
- the t quantile: bisection on the exact finite series for the t distribution with an integer
  number of degrees of freedom (Abramowitz & Stegun 26.7.3-4), with no incomplete beta function
  at all. When SciPy is importable, ``scipy.stats.t.ppf`` and ``scipy.stats.linregress`` are
  checked against it (to 1e-12); SciPy is not needed to run the script.
- shares: Python's ``str`` ordering, which is by code point, for the id tie-break.
"""

import calendar
import datetime
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from expected_epoch_counts import load  # noqa: E402  (the loader oracle, from the spec)

SECTORS = ["Academia", "Industry", "Collaboration", "Other", "Unknown"]
DEFAULT_BREAKS = ["2010-01-01", "2015-09-01"]
FILES = ["pcd_notable_ml_systems_2022-09.csv", "notable_ai_models_2026-07.csv"]
T_TABLE_DF = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 30, 60, 100, 120, 1000]

try:  # optional cross-check only
    from scipy import stats as scipy_stats
except ImportError:  # pragma: no cover
    scipy_stats = None


# ---------------------------------------------------------------- t quantile
def t_central_probability(t, df):
    """P(|T| <= t) for Student's t with an integer df >= 1 (A&S 26.7.3 and 26.7.4)."""
    theta = math.atan(t / math.sqrt(df))
    s, c = math.sin(theta), math.cos(theta)
    c2 = c * c
    if df % 2 == 1:
        if df == 1:
            return 2 * theta / math.pi
        term, total = c, c  # cos θ + 2/3 cos³θ + (2·4)/(3·5) cos⁵θ + …
        for k in range(1, (df - 3) // 2 + 1):
            term *= c2 * (2 * k) / (2 * k + 1)
            total += term
        return 2 / math.pi * (theta + s * total)
    term, total = 1.0, 1.0  # 1 + 1/2 cos²θ + (1·3)/(2·4) cos⁴θ + …
    for k in range(1, (df - 2) // 2 + 1):
        term *= c2 * (2 * k - 1) / (2 * k)
        total += term
    return s * total


def t_quantile_975(df):
    """The 0.975 quantile of Student's t, integer df, by bisection to the last representable bit."""
    target = 0.95  # P(|T| <= t) = 2·0.975 − 1
    lo, hi = 0.0, 1.0
    while t_central_probability(hi, df) < target:
        hi *= 2
    while True:
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if t_central_probability(mid, df) < target:
            lo = mid
        else:
            hi = mid
    # lo and hi are adjacent doubles; take the one whose probability is nearer the target.
    return lo if abs(t_central_probability(lo, df) - target) <= abs(t_central_probability(hi, df) - target) else hi


def t_quantile(df):
    q = t_quantile_975(df)
    if scipy_stats is not None:
        ref = float(scipy_stats.t.ppf(0.975, df))
        assert abs(q - ref) <= 1e-12 * ref, (df, q, ref)
    return q


# ---------------------------------------------------------------- points
def decimal_year(iso):
    d = datetime.date.fromisoformat(iso)
    days = 366 if calendar.isleap(d.year) else 365
    return d.year + (d.toordinal() - datetime.date(d.year, 1, 1).toordinal()) / days


def points_of(path):
    rows, _diags, _meta = load(path)
    pts = []
    for r in rows:
        date, flop = r["publicationDate"], r["trainingComputeFlop"]
        if date is None or flop is None or not flop > 0:
            continue
        pts.append({"id": r["id"], "date": date, "x": decimal_year(date), "y": math.log10(flop),
                    "flop": flop, "sector": r["teamSector"]})
    return pts


# ---------------------------------------------------------------- fits
def fit(pts):
    n = len(pts)
    if n < 3 or len(set(p["x"] for p in pts)) == 1:
        return None
    xs = [p["x"] for p in pts]
    ys = [p["y"] for p in pts]
    mx = math.fsum(xs) / n
    all_y_equal = len(set(ys)) == 1
    my = ys[0] if all_y_equal else math.fsum(ys) / n
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys))
    syy = math.fsum((y - my) ** 2 for y in ys)
    slope = 0.0 if all_y_equal else sxy / sxx
    intercept = my - slope * mx
    sse = math.fsum((y - (my + slope * (x - mx))) ** 2 for x, y in zip(xs, ys))
    se = math.sqrt(sse / (n - 2) / sxx)
    half = t_quantile(n - 2) * se
    r2 = None if all_y_equal else 1 - sse / syy
    if scipy_stats is not None and not all_y_equal:
        lr = scipy_stats.linregress(xs, ys)
        assert abs(lr.slope - slope) <= 1e-9 * abs(slope) + 1e-12, (lr.slope, slope)
        assert abs(lr.rvalue ** 2 - r2) <= 1e-9, (lr.rvalue ** 2, r2)
        assert abs(lr.stderr - se) <= 1e-9 * se + 1e-15, (lr.stderr, se)
    return {
        "n": n,
        "slope_oom_per_year": slope,
        "intercept": intercept,
        "r2": r2,
        "doubling_time_months": 12 * math.log10(2) / slope if slope > 0 else None,
        "slope_ci95": [slope - half, slope + half],
    }


def segments(breaks):
    b = sorted(breaks)
    bounds = [None] + b + [None]
    return [{"from": bounds[i], "to": bounds[i + 1]} for i in range(len(bounds) - 1)]


def in_segment(date, seg):
    return (seg["from"] is None or date >= seg["from"]) and (seg["to"] is None or date < seg["to"])


def trends(pts, breaks):
    fits = []
    for group in ["All"] + SECTORS:
        members = pts if group == "All" else [p for p in pts if p["sector"] == group]
        for seg in segments(breaks):
            f = fit([p for p in members if in_segment(p["date"], seg)])
            if f is not None:
                row = {"sector": group, "segment": seg}
                row.update(f)
                fits.append(row)
    return {"points": len(pts), "fits": fits}


def fit_ranges(pts, breaks):
    """The x range each fit of ``trends`` spans (the panel draws a fit from its first to its last
    model's date): min and max x of the group's points in the segment, for the fits that exist."""
    ranges = []
    for row in trends(pts, breaks)["fits"]:
        xs = [p["x"] for p in pts if (row["sector"] == "All" or p["sector"] == row["sector"]) and in_segment(p["date"], row["segment"])]
        ranges.append({"sector": row["sector"], "segment": row["segment"], "xMin": min(xs), "xMax": max(xs)})
    return ranges


# ---------------------------------------------------------------- shares
def shares(pts, k):
    by_year = {}
    for p in pts:
        by_year.setdefault(int(p["date"][:4]), []).append(p)
    years = []
    for year in sorted(by_year):
        kept = sorted(by_year[year], key=lambda p: (-p["flop"], p["id"]))[:k]
        row = {"year": year, "n": len(kept)}
        for s in SECTORS:
            row[s] = sum(1 for p in kept if p["sector"] == s) / len(kept)
        years.append(row)
    return {"top": k, "years": years}


# ---------------------------------------------------------------- models per year
def counts_per_year(path):
    """Chart 3: every row with a publication date, per year and team sector, and of those the rows
    with a plottable training compute (finite, > 0)."""
    rows, _diags, _meta = load(path)
    by_year = {}
    for r in rows:
        date = r["publicationDate"]
        if date is None:
            continue
        year = int(date[:4])
        row = by_year.setdefault(year, {"year": year, **{s: 0 for s in SECTORS}, "withCompute": {s: 0 for s in SECTORS}})
        row[r["teamSector"]] += 1
        flop = r["trainingComputeFlop"]
        if flop is not None and flop > 0 and math.isfinite(flop):
            row["withCompute"][r["teamSector"]] += 1
    return [by_year[y] for y in sorted(by_year)]


def main(argv):
    data_dir = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "data", "epoch")
    out_path = argv[2] if len(argv) > 2 else os.path.join(HERE, "..", "unit", "expectedTrends.json")
    result = {
        "tQuantile975": {str(df): t_quantile(df) for df in T_TABLE_DF},
        "scipyChecked": scipy_stats is not None,
        "files": {},
    }
    for name in FILES:
        pts = points_of(os.path.join(data_dir, name))
        result["files"][name] = {
            "trends": trends(pts, DEFAULT_BREAKS),
            "trendsOneSegment": trends(pts, []),
            "fitRanges": fit_ranges(pts, DEFAULT_BREAKS),
            "shares": shares(pts, 10),
            "sharesTop5": shares(pts, 5),
            "countsPerYear": counts_per_year(os.path.join(data_dir, name)),
        }
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print("wrote", os.path.normpath(out_path), "(SciPy cross-check: %s)" % ("yes" if scipy_stats else "no"),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
