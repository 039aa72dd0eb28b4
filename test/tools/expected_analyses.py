#!/usr/bin/env python3
"""Independent oracle for the topic and diffusion analyses (src/core/analyses/, the CLI's
``topics`` and ``diffusion`` commands).

Reads Epoch CSVs with the standard library (rows, ids, dates, training compute and team sectors
from the sibling loader oracle ``expected_epoch_counts.py``, itself written from the spec; the
Domain, Task, Base model and accessibility cells straight from its csv records), applies
/work/shared/spec/analyses.md and writes ``test/unit/expectedAnalyses.json``, which
``test/unit/analyses.unit.test.ts`` compares with the TypeScript at a relative tolerance of 1e-9.

Usage:
    python3 test/tools/expected_analyses.py [DATA_DIR] [OUT_JSON]

Method, chosen to share nothing with the TypeScript:
- ranks: each value's rank is 1 + (number of smaller values) + (number of equal values - 1) / 2,
  counted pairwise (no sort-and-scan); rho as Pearson's r of the ranks with ``math.fsum``.
- p-value: P(|T| > t) with k-2 degrees of freedom. Where x = 1 - rho^2 < 0.5, the power series of
  the incomplete beta I_x(a, 1/2) = x^a (1-x)^(1/2) / (a B(a, 1/2)) * 2F1(a + 1/2, 1; a + 1; x)
  (``math.lgamma`` for B), summed until the terms stop mattering; elsewhere 1 minus the exact
  finite series of A&S 26.7.3-4 for P(|T| <= t) (integer df). No continued fraction.
- exact p: ``itertools.permutations`` of the academic shares themselves, re-ranked each time.
- quantile: numpy's type 7 written out; median by ``statistics.median``.
- base models: every candidate name looked up by scanning a dict built here.
"""

import itertools
import json
import math
import os
import re
import statistics
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from expected_epoch_counts import WS_CHARS, decode, detect_delimiter, load, read_records  # noqa: E402

SECTORS = ["Academia", "Industry", "Collaboration", "Other", "Unknown"]
KNOWN = SECTORS[:4]
PERIODS = [("2010-2014", 2010, 2014), ("2015-2018", 2015, 2018), ("2019-2022", 2019, 2022), ("2023-", 2023, None)]
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
WS_RUN = re.compile("[" + re.escape(WS_CHARS) + "]+")
QUOTES = "\"'\u201c\u201d\u2018\u2019"
TRIM = WS_CHARS + "\ufeff"


def fold(text):
    text = unicodedata.normalize("NFC", text)
    text = "".join(c for c in text if c not in ZERO_WIDTH)
    return WS_RUN.sub(" ", text).strip(WS_CHARS)


def fold_topic(part):
    return fold(part).strip(QUOTES + WS_CHARS)


def fold_model(name):
    return fold(name).replace(" , ", ",").replace(", ", ",").replace(" ,", ",")


def cells_of(path):
    """The raw cells by lower-cased header for each record, in file order."""
    with open(path, "rb") as fh:
        text, _bad = decode(fh.read())
    records, _ = read_records(text, detect_delimiter(text))
    header = [h.strip(TRIM).lower() for h in records[0][1]]
    out = []
    for _line, fields in records[1:]:
        row = {}
        for i, h in enumerate(header):
            if h not in row:
                row[h] = fields[i].strip(TRIM) if i < len(fields) else ""
        out.append(row)
    return header, out


def table(path):
    rows, _diags, _meta = load(path)
    header, cells = cells_of(path)
    assert len(rows) == len(cells)
    for r, c in zip(rows, cells):
        r["cells"] = c
    return header, rows


# ---------------------------------------------------------------- statistics
def quantile7(values, q):
    v = sorted(values)
    if not v:
        return None
    h = (len(v) - 1) * q
    lo = math.floor(h)
    return v[lo] + (h - lo) * (v[min(lo + 1, len(v) - 1)] - v[lo])


def ranks(values):
    return [1 + sum(1 for w in values if w < v) + (sum(1 for w in values if w == v) - 1) / 2 for v in values]


def pearson(x, y):
    n = len(x)
    mx, my = math.fsum(x) / n, math.fsum(y) / n
    sxy = math.fsum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = math.fsum((a - mx) ** 2 for a in x)
    syy = math.fsum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def t_central(t, df):
    """P(|T| <= t), integer df >= 1 (A&S 26.7.3-4)."""
    theta = math.atan(t / math.sqrt(df))
    s, c = math.sin(theta), math.cos(theta)
    if df % 2 == 1:
        if df == 1:
            return 2 * theta / math.pi
        term = total = c
        for k in range(1, (df - 3) // 2 + 1):
            term *= c * c * (2 * k) / (2 * k + 1)
            total += term
        return 2 / math.pi * (theta + s * total)
    term = total = 1.0
    for k in range(1, (df - 2) // 2 + 1):
        term *= c * c * (2 * k - 1) / (2 * k)
        total += term
    return s * total


def t_two_sided_p(rho, k):
    if abs(rho) == 1:
        return 0.0
    df = k - 2
    x = 1 - rho * rho  # = df / (df + t^2)
    if x < 0.5:
        a, b = df / 2, 0.5
        log_front = a * math.log(x) + b * math.log1p(-x) - math.log(a) - (math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
        term, total, n = 1.0, 1.0, 0
        while True:
            term *= (a + b + n) / (a + 1 + n) * x
            n += 1
            total += term
            if term < 1e-18 * total:
                break
        return math.exp(log_front) * total
    t = abs(rho) * math.sqrt(df / x)
    return 1 - t_central(t, df)


def spearman(x, y):
    k = len(x)
    if k < 3:
        return {"rho": None, "p": None, "p_exact": None}
    rx, ry = ranks(x), ranks(y)
    rho = pearson(rx, ry)
    if rho is None:
        return {"rho": None, "p": None, "p_exact": None}
    p_exact = None
    if k <= 8:
        hits = total = 0
        for perm in itertools.permutations(y):
            total += 1
            r = pearson(rx, ranks(list(perm)))
            if r is not None and abs(r) >= abs(rho) - 1e-12:
                hits += 1
        p_exact = hits / total
    return {"rho": rho, "p": t_two_sided_p(rho, k), "p_exact": p_exact}


# ---------------------------------------------------------------- common
def window(rows, since=None, until=None):
    undated = sum(1 for r in rows if r["publicationDate"] is None)
    inside = [r for r in rows if r["publicationDate"] is not None
              and (since is None or r["publicationDate"] >= since)
              and (until is None or r["publicationDate"] < until)]
    return inside, undated


def share(a, b):
    return None if b == 0 else a / b


def counts(rows):
    return {s: sum(1 for r in rows if r["teamSector"] == s) for s in SECTORS}


def log10_flop(r):
    f = r["trainingComputeFlop"]
    return math.log10(f) if f is not None and f > 0 else None


# ---------------------------------------------------------------- topics
def topics(header, rows, by, since):
    column = by  # 'domain' or 'task'
    needed = {"domain": "Domain", "task": "Task"}[by]
    missing = [name for name, h in ((needed, column), ("Publication date", "publication date"),
                                    ("Organization categorization", "organization categorization")) if h not in header]
    if missing:
        return {"available": False, "missing_columns": missing}
    inside, undated = window(rows, since)
    logs = [log10_flop(r) for r in inside]
    threshold = quantile7([v for v in logs if v is not None], 0.75)
    spell = {}
    members = {}
    for i, r in enumerate(inside):
        keys = []
        for part in r["cells"][column].split(","):
            f = fold_topic(part)
            if not f:
                continue
            key = f.lower()
            spell.setdefault(key, []).append(f)
            if key not in keys:
                keys.append(key)
        for key in keys or [None]:
            members.setdefault(key, []).append(i)

    def display(key):
        if key is None:
            return "(no %s)" % by
        seen = spell[key]
        return max(seen, key=lambda s: (seen.count(s), -seen.index(s)))

    def numbers(idx):
        rs = [inside[i] for i in idx]
        ys = [logs[i] for i in idx if logs[i] is not None]
        top = [inside[i] for i in idx if logs[i] is not None and threshold is not None and logs[i] >= threshold]
        c = counts(rs)
        known = len(rs) - c["Unknown"]
        tc = counts(top)
        return {
            "n_models": len(rs), "n_with_compute": len(ys),
            "median_log10_flop": statistics.median(ys) if ys else None,
            "sector_counts": c,
            "shares": {s: share(c[s], len(rs)) for s in SECTORS},
            "shares_known_sector": {s: share(c[s], known) for s in KNOWN},
            "top_quantile": {"n": len(top), "sector_counts": tc, "shares": {s: share(tc[s], len(top)) for s in SECTORS}},
        }

    out = []
    for key, idx in members.items():
        entry = {"topic": display(key)}
        entry.update(numbers(idx))
        entry["time_view"] = []
        for label, lo, hi in PERIODS:
            rs = [inside[i] for i in idx if int(inside[i]["publicationDate"][:4]) >= lo
                  and (hi is None or int(inside[i]["publicationDate"][:4]) <= hi)]
            a = sum(1 for r in rs if r["teamSector"] == "Academia")
            entry["time_view"].append({"period": label, "n": len(rs), "n_academia": a, "academia_share": share(a, len(rs))})
        out.append((key is None, -entry["n_models"], entry["topic"], entry))
    out.sort(key=lambda t: t[:3])
    listed = [t[3] for t in out]
    entering = [t for t in listed if not t["topic"].startswith("(no ") and t["n_models"] >= 10 and t["n_with_compute"] > 0]
    corr = spearman([t["median_log10_flop"] for t in entering], [t["shares"]["Academia"] for t in entering])
    return {
        "available": True, "rows_in_window": len(inside), "rows_without_date": undated,
        "threshold_log10_flop": threshold, "overall": numbers(range(len(inside))), "topics": listed,
        "correlation": {"n_topics": len(entering), "spearman_rho": corr["rho"], "p_value": corr["p"],
                        "p_exact": corr["p_exact"], "topics": [t["topic"] for t in entering]},
    }


# ---------------------------------------------------------------- diffusion
def openness(r, mode):
    access = r["cells"].get("model accessibility", "").strip().lower()
    if mode == "unrestricted":
        if access == "":
            return "unknown"
        return "open" if ("unrestricted" in access or access == "open source") else "closed"
    if access:
        for p in ("open weights", "open access", "open source"):
            if access.startswith(p):
                return "open"
        for p in ("unreleased", "api access", "hosted access"):
            if access.startswith(p):
                return "closed"
        return "unknown"
    flag = r["cells"].get("open model weights?", "").strip().lower()
    return {"yes": "open", "true": "open", "no": "closed", "false": "closed"}.get(flag, "unknown")


def diffusion(header, rows, mode="any", since=None):
    missing = [name for name, h in (("Base model", "base model"), ("Publication date", "publication date"),
                                    ("Organization categorization", "organization categorization")) if h not in header]
    if missing:
        return {"available": False, "missing_columns": missing}
    exact, lower = {}, {}
    for i, r in enumerate(rows):
        f = fold_model(r["name"])
        if f:
            exact.setdefault(f, []).append(i)
            lower.setdefault(f.lower(), []).append(i)
    has_access = "model accessibility" in header or "open model weights?" in header
    ambiguous = {}

    def find(name, me):
        f = fold_model(name)
        for table_, key in ((exact, f), (lower, f.lower())):
            hits = [i for i in table_.get(key, []) if i != me]
            if hits:
                if len(hits) > 1:
                    ambiguous.setdefault(f.lower(), [rows[i]["id"] for i in hits])
                return hits[0]
        return None

    inside, undated = window(rows, since)
    index_of = {id(r): i for i, r in enumerate(rows)}
    facts = []
    links = unmatched_links = 0
    unmatched = {}
    for r in inside:
        me = index_of[id(r)]
        cell = r["cells"]["base model"]
        parents, misses = [], []
        if fold_model(cell):
            whole = find(cell, me)
            if whole is not None:
                parents = [whole]
            else:
                pieces = [p.strip(TRIM) for p in cell.split(",")]
                pieces = [p for p in pieces if fold_model(p)]
                i = 0
                while i < len(pieces):
                    for j in range(min(len(pieces), i + 16), i, -1):
                        hit = find(", ".join(pieces[i:j]), me)
                        if hit is not None:
                            parents.append(hit)
                            i = j
                            break
                    else:
                        misses.append(fold(pieces[i]))
                        i += 1
        links += len(parents) + len(misses)
        unmatched_links += len(misses)
        for m in misses:
            u = unmatched.setdefault(fold_model(m).lower(), {"name": m, "count": 0, "sectors": {s: 0 for s in SECTORS}})
            u["count"] += 1
            u["sectors"][r["teamSector"]] += 1
        industry = [p for p in parents if rows[p]["teamSector"] == "Industry"]
        facts.append({
            "year": int(r["publicationDate"][:4]), "sector": r["teamSector"],
            "with_base": cell.strip(TRIM) != "", "matched": bool(parents), "industry": bool(industry),
            "open": any(openness(rows[p], mode) == "open" for p in industry),
        })

    def tally(fs):
        n = len(fs)
        matched = sum(f["matched"] for f in fs)
        ind = sum(f["industry"] for f in fs)
        op = sum(f["open"] for f in fs) if has_access else None
        return {"n_models": n, "n_with_base": sum(f["with_base"] for f in fs), "n_base_matched": matched,
                "n_base_industry": ind, "n_base_industry_open": op,
                "share_models_on_industry_open_base": None if op is None else share(op, n),
                "share_industry_of_matched": share(ind, matched)}

    groups = {}
    for g in ("Academia", "Collaboration", "Industry", "All"):
        fs = facts if g == "All" else [f for f in facts if f["sector"] == g]
        groups[g] = {
            "years": [dict(year=y, **tally([f for f in fs if f["year"] == y])) for y in sorted({f["year"] for f in fs})],
            "periods": [dict(period=label, **tally([f for f in fs if f["year"] >= lo and (hi is None or f["year"] <= hi)]))
                        for label, lo, hi in PERIODS],
            "total": tally(fs),
        }
    with_base = sum(1 for r in rows if r["cells"]["base model"].strip(TRIM) != "")
    names = sorted(unmatched.values(), key=lambda u: (-u["count"], u["name"]))
    return {
        "available": True, "rows_in_window": len(inside), "rows_without_date": undated, "groups": groups,
        "base_model_links": {"links": links, "unmatched": unmatched_links, "unmatched_distinct": len(unmatched)},
        "unmatched_base_names": names, "ambiguous_names": sorted(fold(k) for k in ambiguous),
        "base_column_coverage": {"rows_with_base": with_base, "rows": len(rows), "share": share(with_base, len(rows))},
        "sparse_note": with_base < 0.05 * len(rows),
    }


FILES = [
    "notable_ai_models_2026-07.csv",
    "all_ml_systems_full_view_2023-12-14.csv",
    "pcd_notable_ml_systems_2022-09.csv",
    "all_ml_systems_full_view_2025-06.csv",
    "large_scale_ai_models_2025-11.csv",
    # Every other shared snapshot too (the issue: both analyses on every snapshot).
    "all_ai_models_2025-03.csv",
    "all_systems_2024-05.csv",
    "frontier_ai_models_2025-11.csv",
    "ml_systems_org_view_2024-08.csv",
    "notable_ai_models_excel_resaved_ddmmyyyy.csv",
    "pcd_all_ml_systems_2023-03.csv",
]


def main(argv):
    data = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "data", "epoch")
    out_path = argv[2] if len(argv) > 2 else os.path.join(HERE, "..", "unit", "expectedAnalyses.json")
    out = {}
    for name in FILES:
        header, rows = table(os.path.join(data, name))
        by_task = topics(header, rows, "task", "2010-01-01")
        if by_task["available"]:  # tasks are many: the ones with 10 or more models, without time view
            by_task["topics"] = [dict((k, v) for k, v in t.items() if k != "time_view") for t in by_task["topics"] if t["n_models"] >= 10]
        unrestricted = diffusion(header, rows, "unrestricted")
        if unrestricted["available"]:
            unrestricted = {"available": True, "groups": {g: {"periods": v["periods"], "total": v["total"]} for g, v in unrestricted["groups"].items()}}
        out[name] = {
            "topics_domain_since_2010": topics(header, rows, "domain", "2010-01-01"),
            "topics_task_since_2010": by_task,
            "topics_domain_all_time": topics(header, rows, "domain", None),
            "diffusion": diffusion(header, rows),
            "diffusion_unrestricted": unrestricted,
        }
    with open(out_path, "w", encoding="utf-8") as fh:
        # One line per snapshot and analysis: small, and a change shows up as a line in a diff.
        fh.write("{\n")
        for n, (name, analyses) in enumerate(out.items()):
            fh.write(" %s: {\n" % json.dumps(name))
            for m, (key, value) in enumerate(analyses.items()):
                comma = "," if m < len(analyses) - 1 else ""
                fh.write("  %s: %s%s\n" % (json.dumps(key), json.dumps(value, ensure_ascii=False, separators=(",", ":")), comma))
            fh.write(" }%s\n" % ("," if n < len(out) - 1 else ""))
        fh.write("}\n")
    for name, r in out.items():
        t, d = r["topics_domain_since_2010"], r["diffusion"]
        if t["available"]:
            c = t["correlation"]
            print(name, "topics: rows", t["rows_in_window"], "threshold", round(t["threshold_log10_flop"], 4),
                  "rho", c["spearman_rho"], "p", c["p_value"], "k", c["n_topics"])
        if d["available"]:
            print(name, "diffusion: Academia", d["groups"]["Academia"]["total"], "links", d["base_model_links"])


if __name__ == "__main__":
    main(sys.argv)
