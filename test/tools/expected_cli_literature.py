#!/usr/bin/env python3
"""Independent oracle for `compute-divide summary` / `export` over files of the literature (stdlib only).

- The graph-embedding review's BibTeX + RIS exports: works after merging (both files, and the
  BibTeX file alone: two of its entries share a DOI) and the distinct DOIs over both files (using the plain-regex readers of expected_bibliography.py), which an export must keep.
- The arXiv OAI-PMH page: records with at least one non-empty <affiliation> of an author (the works
  that `withAffiliations` counts; no other file of the combination has per-author affiliations).

Usage: python3 test/tools/expected_cli_literature.py [DATA_DIR] > test/unit/expectedCliLiterature.json
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
import expected_bibliography as eb  # noqa: E402

DATA = eb.DATA


def main():
    bib = eb.bibtex_entries(eb.read('bibtex/graph_embedding_review_refs.bib'))
    ris = eb.ris_records(eb.read('ris/graph_embedding_review_references.ris'))
    dois = set().union(*[eb.bibtex_dois(e[3]) for e in bib], *[eb.ris_dois(t) for _, t in ris])
    ns = {'oai': 'http://www.openarchives.org/OAI/2.0/', 'a': 'http://arxiv.org/OAI/arXiv/'}
    records = ET.parse(os.path.join(DATA, 'arxiv', 'oai_pmh_listrecords_arXiv_cs_2015-12.xml')).getroot().findall('.//oai:record', ns)
    with_aff = sum(1 for r in records if any((a.text or '').strip() for a in r.findall('.//a:author/a:affiliation', ns)))
    out = {
        'review': {
            'records': len(bib) + len(ris),
            'mergedWorks': eb.merged_count([eb.bibtex_ids(e[3]) for e in bib] + [eb.ris_ids(t) for _, t in ris]),
            'distinctDois': len(dois),
            'bibtexAloneMergedWorks': eb.merged_count([eb.bibtex_ids(e[3]) for e in bib]),
        },
        'oai': {'records': len(records), 'recordsWithAffiliation': with_aff},
        'note': 'computed by test/tools/expected_cli_literature.py',
    }
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
