"""Expected numbers of test/unit/agreementReport.unit.test.ts, from the independent oracle.

The hand-made log there: ada and bob label seven organizations; the rows R1-R8 give each
annotator's team sector by the sector rules (worked out by hand in the test's comments). This
prints kappa (ada, bob) and nominal alpha for both, with agreement_oracle.py's kappa (contingency
table) and alpha (coincidence matrix cell by cell). Standard library only.

Usage: python3 test/tools/agreement_report_expected.py  (from the repository root)
"""
import importlib.util
import os

spec = importlib.util.spec_from_file_location('oracle', os.path.join(os.path.dirname(__file__), 'agreement_oracle.py'))
oracle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oracle)

# Organization categories: MIT, Google, Stanford University, Meta, NIST, Inria; ETH Zurich by ada only.
ORGS = [('Academia', 'Academia'), ('Industry', 'Industry'), ('Academia', 'Industry'), ('Industry', 'Industry'), ('Government', 'Government'), ('Academia', 'Academia')]
# Team sectors: R1, R2, R3, R4, R5, R7; R6 by ada only, R8 by bob only.
SECTORS = [('Academia', 'Academia'), ('Industry', 'Industry'), ('Academia', 'Industry'), ('Collaboration', 'Collaboration'), ('Other', 'Other'), ('Collaboration', 'Industry')]

print('organizations kappa', oracle.kappa(ORGS), 'alpha', oracle.alpha([list(p) for p in ORGS] + [['Academia', None]]))
print('sectors kappa', oracle.kappa(SECTORS), 'alpha', oracle.alpha([list(p) for p in SECTORS] + [['Academia', None], [None, 'Academia']]))
