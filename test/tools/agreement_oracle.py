"""Independent oracle for labels agreement (Cohen's kappa, Krippendorff's nominal alpha).

Writes test/unit/fixtures/labels/agreementOracle.json: seeded random rating tables (units x
annotators, None = missing) with kappa for annotators 0 and 1 and nominal alpha for all.
Computed differently from src/core/labels/agreement.ts on purpose: kappa from the full
contingency table; alpha by enumerating every ordered pair of pairable values within a unit,
each weighted 1/(m_u - 1), building the coincidence matrix cell by cell (Krippendorff 2011,
"Computing Krippendorff's Alpha-Reliability"), then alpha = 1 - (n-1) * sum_{c!=k} o_ck /
sum_{c!=k} n_c n_k. Standard library only.

Usage: python3 test/tools/agreement_oracle.py  (from the repository root)
"""
import itertools
import json
import os
import random


def kappa(pairs):
    if not pairs:
        return None
    cats = sorted({v for p in pairs for v in p})
    n = len(pairs)
    table = {(a, b): 0 for a in cats for b in cats}
    for a, b in pairs:
        table[(a, b)] += 1
    po = sum(table[(c, c)] for c in cats) / n
    row = {c: sum(table[(c, b)] for b in cats) / n for c in cats}
    col = {c: sum(table[(a, c)] for a in cats) / n for c in cats}
    pe = sum(row[c] * col[c] for c in cats)
    return None if pe == 1 else (po - pe) / (1 - pe)


def alpha(units):
    o = {}
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, j in itertools.permutations(range(m), 2):
            key = (values[i], values[j])
            o[key] = o.get(key, 0.0) + 1.0 / (m - 1)
    cats = sorted({c for c, _ in o})
    nc = {c: sum(o.get((c, k), 0.0) for k in cats) for c in cats}
    n = sum(nc.values())
    if n < 2:
        return None
    disagree = sum(o.get((c, k), 0.0) for c in cats for k in cats if c != k)
    expected = sum(nc[c] * nc[k] for c in cats for k in cats if c != k)
    if expected == 0:
        return None
    return 1 - (n - 1) * disagree / expected


def main():
    rng = random.Random(20261129)
    cases = []
    for case in range(40):
        annotators = rng.randint(2, 5)
        size = rng.randint(5, 60)
        cats = ["Academia", "Industry", "Government", "Research collective", "Non-profit"][: rng.randint(2, 5)]
        missing = rng.choice([0.0, 0.1, 0.3])
        agree = rng.random()
        units = []
        for _ in range(size):
            truth = rng.choice(cats)
            unit = []
            for _ in range(annotators):
                if rng.random() < missing:
                    unit.append(None)
                else:
                    unit.append(truth if rng.random() < agree else rng.choice(cats))
            units.append(unit)
        pairs = [(u[0], u[1]) for u in units if u[0] is not None and u[1] is not None]
        cases.append({"units": units, "kappa01": kappa(pairs), "alpha": alpha(units)})
    out = os.path.join("test", "unit", "fixtures", "labels", "agreementOracle.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"generator": "test/tools/agreement_oracle.py", "cases": cases}, f, indent=None)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()
