"""Oracle for the 100,000-row label test (test/integration/scale.suite.ts).

Generates the br-19 field case (field-cases/br-19-make-100k-papers.py, deterministic) and counts,
with the csv module alone, the rows that name ORG: all of them, and those that name it as their only
organization (Academia in the table; a label "Industry" on ORG makes every one of them Industry by
labels.md rule 1, so the team sector of exactly those rows changes from Academia to Industry).

Usage: python3 test/tools/expected_br19_label.py [DATA_DIR]  (default ../shared/data)
"""
import csv, os, subprocess, sys, tempfile

ORG = "Placeholder University 7"
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "br19.csv")
    subprocess.run([sys.executable, os.path.join(data, "field-cases", "br-19-make-100k-papers.py"), out], check=True)
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
naming = [r for r in rows if ORG in [o.strip() for o in r["Organization"].split(",")]]
alone = [r for r in naming if r["Organization"].strip() == ORG]
assert all(r["Organization categorization"].strip() == "Academia" for r in alone)
print({"rows": len(rows), "org": ORG, "naming": len(naming), "alone": len(alone), "firstAlone": alone[0]["Model"]})
