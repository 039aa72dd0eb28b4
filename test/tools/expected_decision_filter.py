"""Oracle for the decision filter (issue #10): a small hand-made label log of screening decisions
on the real notable table, folded by hand as labels.md says (per (paper, annotator) the latest
event wins, null retracts; the effective value is the latest of any annotator, no adjudicator
here), and the points (rows with a publication date and a training compute > 0, as
expected_trends.py reads them with the spec's loader oracle) that each decision choice keeps.

Writes test/unit/expectedDecisionFilter.json: the events (written by the test as a log) and, per
choice, the kept point ids and row count. Independent of the TypeScript code under test.

    python3 test/tools/expected_decision_filter.py [DATA_DIR]
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from expected_trends import points_of  # noqa: E402
from expected_epoch_counts import load  # noqa: E402

FILE = "notable_ai_models_2026-07.csv"

# (annotator, second, paper id, decision or None)
EVENTS = [
    ("ada", 0, "PaLM 2", "include"),
    ("ada", 1, "Llama 2-70B", "include"),
    ("ada", 2, "ELMo", "include"),
    ("ada", 3, "BERT-Large", "exclude"),
    ("ada", 4, "GPT-3 175B (davinci)", "maybe"),
    ("bob", 5, "BERT-Large", "include"),  # later than ada's: effective include, and disputed
    ("ada", 6, "AlphaGo Zero", "include"),
    ("ada", 7, "AlphaGo Zero", None),  # retracted: undecided again
    ("ada", 8, "Claude Mythos 5", "include"),  # no training compute: a row, not a point
    ("bob", 9, "Transformer", "exclude"),
]


def effective(events):
    latest = {}  # (paper, annotator) -> (second, value)
    for annotator, second, paper, value in events:
        latest[(paper, annotator)] = (second, value)
    out = {}
    for (paper, _annotator), (second, value) in latest.items():
        if value is None:
            continue
        if paper not in out or second > out[paper][0]:
            out[paper] = (second, value)
    return {paper: value for paper, (_s, value) in out.items()}


def main(argv):
    data = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "data")
    path = os.path.join(data, "epoch", FILE)
    decisions = effective(EVENTS)
    rows, _d, _m = load(path)
    points = points_of(path)
    expected = {}
    for choice in ["include", "exclude", "maybe", "undecided"]:
        keep = lambda pid: decisions.get(pid, "undecided") == choice  # noqa: E731
        expected[choice] = {
            "rows": sum(1 for r in rows if keep(r["id"])),
            "points": sorted(p["id"] for p in points if keep(p["id"])),
        }
        if choice == "undecided":
            expected[choice]["points"] = len(expected[choice]["points"])  # a count: too many ids
    out = {
        "file": FILE,
        "events": [{"annotator": a, "second": s, "paper": p, "value": v} for a, s, p, v in EVENTS],
        "effective": decisions,
        "expected": expected,
    }
    target = os.path.join(HERE, "..", "unit", "expectedDecisionFilter.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(expected, indent=2))


if __name__ == "__main__":
    main(sys.argv)
