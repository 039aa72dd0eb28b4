#!/usr/bin/env python3
"""Independent oracle for the TypeScript Epoch CSV loader's unit tests.

Computes, with the standard library only (``csv`` for RFC-4180 parsing), the
values the loader must produce for every CSV in ``/work/shared/data/epoch/``
and writes them to ``test/unit/expectedEpochCounts.json``.

Contract: /work/shared/spec/sector-and-dataset.md (loader rules, team sector),
/work/shared/spec/cli.md (``summary`` JSON shape), /work/shared/data/README.md.

Usage:
    python3 test/tools/expected_epoch_counts.py [DATA_DIR] [OUT_JSON]
    python3 test/tools/expected_epoch_counts.py --check-br02 FIELD_CASES_DIR
    python3 test/tools/expected_epoch_counts.py --details FILE.csv   (diagnostics to stdout)

The data files are only read, never written.

Interpretations (where the spec is silent or needs a concrete rule)
-------------------------------------------------------------------
I1  "White space" means the Unicode White_Space property:
    TAB LF VT FF CR SPACE U+0085 U+00A0 U+1680 U+2000-U+200A U+2028 U+2029
    U+202F U+205F U+3000.  NOT U+200B (zero-width space), U+2060, U+FEFF, and
    NOT U+001C-U+001F (Python's str.isspace() treats those as space, JS's
    String.prototype.trim() does not; JS trim() additionally strips U+FEFF).
    The same set is used for cell trimming and for collapsing runs inside names.
    In the shipped data none of the disputed characters (U+001C-1F, U+0085,
    U+FEFF) sits at the edge of any cell or inside any name/date/number/category
    cell, so the choice does not change any expected value.
I2  Line numbers are physical lines as an editor counts them: a line ends at
    LF, CRLF or a lone CR (io.StringIO(newline='') splits exactly there and
    csv.reader.line_num counts those lines).  The header is line 1; a record's
    line is the line on which it starts; quoted newlines advance the count.
I3  Delimiter: count ',', ';' and TAB in the first physical line (outside
    double quotes); the most frequent wins; ties and "none found" -> ','.
I4  Blank line between records (csv.reader yields []) is not a record.  A line
    holding only white space WOULD be a one-field record (ragged); no file has one.
I5  Column matching: for each meaning, the aliases are tried in the spec's order
    (e.g. Model before System) and the first header column (left to right) equal
    to the alias after trim + lowercase wins.  Matching is exact, so
    'Organization categorization (from Organization)' and 'Training compute
    lower bound' are NOT matched.  No file has both Model and System.
I6  csv-syntax: csv.reader(strict=True) is used; on its first error the records
    read so far are kept, one csv-syntax diagnostic is raised at the line where
    the broken record starts, and reading stops.  (Python's csv tolerates a quote
    inside an unquoted field even in strict mode; none of the data files has one
    - checked separately with a hand-written RFC-4180 scanner.)
I7  Ragged record (field count != header count): kept, read by position (missing
    cells empty, surplus ignored), values still parsed (date, number, sector,
    id suffix), but the ONLY diagnostic for that row is one ragged-row; its
    duplicate-name/empty-name/bad-date/bad-number/unknown-category/
    length-mismatch diagnostics are suppressed.  Ragged rows are not used to
    decide whether a file is list-style.  (No shipped file has a ragged row.)
I8  Ids: the set of "used" strings starts as all non-empty normalised names of
    the file (all rows, also later ones) and grows with each id assigned;
    a later row with an already-seen name gets the first ' #k' (k = 2, 3, ...)
    not in that set.  Ids are case-sensitive.  Empty name -> '(unnamed, line N)'.
I9  Dates: 'YYYY-MM-DD' and 'DD-MM-YYYY' need exactly 2-digit day/month;
    the slash form accepts 1 or 2 digits for day and month (covers DD/MM/YYYY,
    D/M/YYYY and mixed D/MM/YYYY).  ASCII digits only.  Year 0000 is impossible.
    Anything else (time part, text, '2020', '2020-05') -> null + bad-date.
I10 Numbers: regex  [+-]? (digits [. digits*]? | . digits) ([eE] [+-]? digits)?
    then float().  'N/A' and 'NA' (exact, case-sensitive, after trim) and '' ->
    null without diagnostic.  Everything else unreadable ('1,2e+22', 'about
    1e22', 'inf', 'NaN', '0x10', '1_000'), infinite after conversion ('1e+400'),
    zero or negative -> null + bad-number.  Only the training-compute column is
    checked for bad-number (Parameters, Citations, ... are not read here).
I11 Leaning for rule 5 uses exact integer arithmetic: academia if 10a > 7(a+i),
    industry if 10a < 3(a+i), else balanced (a/(a+i) == 0.7 exactly -> balanced;
    with IEEE doubles 7/10 > 0.7 is false too, so JS float code agrees).
I12 unknown-category: counted once per DISTINCT unknown part (lower-cased) per
    row.  Known parts: academia, industry, government, research collective,
    non-profit, nonprofit, and anything starting with
    'industry - academia collaboration'.
I13 length-mismatch (list-style files only): the category cell has >= 1 part
    after split/trim/drop-empty, no part is a collaboration label, and
    len(org parts) != len(category parts).  An empty organization cell beside a
    non-empty category cell is a mismatch (0 vs n).
I14 encoding: one diagnostic per file when the bytes are not valid UTF-8; the
    text is then decoded as WHATWG windows-1252 (Python cp1252, with the five
    undefined bytes 0x81 0x8D 0x8F 0x90 0x9D mapped to U+0081 ... as browsers'
    TextDecoder does).  All shipped files are valid UTF-8.
I15 A file without an organization-categorization column (large_scale_ai_models)
    gives every row the sector Unknown (rule 2, no parts) and is not list-style.
    No file has a 'Team sector' column, so the export-override rule never fires.
I16 leaning is null for non-Collaboration rows; the per-file "leaning" object
    counts Collaboration rows only (its three counts sum to Collaboration).
I17 "examples": 5 rows at 0-based indices round(k*(n-1)/4), k = 0..4 (the first
    row, three spread through the file, the last row).
"""

import csv
import datetime
import io
import json
import math
import os
import re
import sys

csv.field_size_limit(1 << 30)

SECTORS = ["Academia", "Industry", "Collaboration", "Other", "Unknown"]
LEANINGS = ["academia", "industry", "balanced"]
DIAG_KINDS = ["duplicate-name", "empty-name", "bad-date", "bad-number",
              "unknown-category", "length-mismatch", "ragged-row", "encoding",
              "csv-syntax"]

# I1: Unicode White_Space property (not U+200B, not U+FEFF, not U+001C-1F).
WS_CHARS = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
            "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
WS_RUN = re.compile("[" + re.escape(WS_CHARS) + "]+")


def trim(s):
    return s.strip(WS_CHARS)


def normalise_name(s):
    return WS_RUN.sub(" ", trim(s))


COLUMN_ALIASES = {
    "name": ["model", "system"],
    "orgs": ["organization", "organization(s)"],
    "cats": ["organization categorization"],
    "date": ["publication date"],
    "compute": ["training compute (flop)", "training compute (flops)"],
    "domain": ["domain"],
    "task": ["task"],
}


def match_columns(header):
    low = [trim(h).lower() for h in header]
    out = {}
    for key, aliases in COLUMN_ALIASES.items():
        out[key] = None
        for a in aliases:  # I5
            if a in low:
                out[key] = low.index(a)
                break
    return out


# ---------------------------------------------------------------- decoding
def decode(raw):
    """Return (text, encoding_diagnostic: bool). BOM dropped."""
    try:
        text = raw.decode("utf-8")
        bad = False
    except UnicodeDecodeError:
        bad = True
        # I14: WHATWG windows-1252
        chars = []
        for b in raw:
            try:
                chars.append(bytes([b]).decode("cp1252"))
            except UnicodeDecodeError:
                chars.append(chr(b))
        text = "".join(chars)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, bad


def detect_delimiter(text):
    # I3: first physical line, outside quotes
    counts = {",": 0, ";": 0, "\t": 0}
    inq = False
    for ch in text:
        if ch == '"':
            inq = not inq
        elif not inq and ch in "\r\n":
            break
        elif not inq and ch in counts:
            counts[ch] += 1
    best = ","
    for d in (",", ";", "\t"):
        if counts[d] > counts[best]:
            best = d
    return best


def read_records(text, delimiter):
    """Yield (start_line, fields) and finally maybe ('csv-syntax', line)."""
    f = io.StringIO(text, newline="")
    reader = csv.reader(f, delimiter=delimiter, quotechar='"', strict=True)
    records = []
    syntax_error_line = None
    prev = 0
    while True:
        start = prev + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            syntax_error_line = start  # I6
            break
        prev = reader.line_num
        if row == []:  # I4 blank line
            continue
        records.append((start, row))
    return records, syntax_error_line


# ---------------------------------------------------------------- cells
DATE_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
DATE_SLASH = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")
DATE_DASH = re.compile(r"^([0-9]{2})-([0-9]{2})-([0-9]{4})$")


def parse_date(cell):
    """Return (iso_or_None, bad: bool). cell already trimmed."""
    if cell == "":
        return None, False
    m = DATE_ISO.match(cell)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = DATE_SLASH.match(cell) or DATE_DASH.match(cell)
        if not m:
            return None, True
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        dt = datetime.date(y, mo, d)
    except ValueError:
        return None, True
    return "%04d-%02d-%02d" % (dt.year, dt.month, dt.day), False


NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")


def parse_compute(cell):
    """Return (value_or_None, bad: bool). cell already trimmed."""
    if cell in ("", "N/A", "NA"):
        return None, False
    if not NUMBER.match(cell):
        return None, True
    v = float(cell)
    if math.isinf(v) or math.isnan(v) or v <= 0:
        return None, True
    return v, False


def split_list(cell):
    return [p for p in (trim(x) for x in cell.split(",")) if p != ""]


COLLAB = "industry - academia collaboration"
KNOWN = {"academia", "industry", "government", "research collective",
         "non-profit", "nonprofit"}


def team_sector(parts):
    """Rules 1-6 of the spec. Return (sector, leaning, unknown_parts)."""
    low = [p.lower() for p in parts]
    unknown = []  # original spelling, distinct case-insensitively (I12)
    for p, pl in zip(parts, low):
        if pl not in KNOWN and not pl.startswith(COLLAB) and \
                pl not in [u.lower() for u in unknown]:
            unknown.append(p)
    # rule 1
    for p in low:
        if p.startswith(COLLAB):
            if "academia leaning" in p:
                lean = "academia"
            elif "industry leaning" in p:
                lean = "industry"
            else:
                lean = "balanced"
            return "Collaboration", lean, unknown
    # rule 2
    if not low:
        return "Unknown", None, unknown
    # rule 3, 4
    if all(p == "academia" for p in low):
        return "Academia", None, unknown
    if all(p == "industry" for p in low):
        return "Industry", None, unknown
    a = sum(1 for p in low if p == "academia")
    i = sum(1 for p in low if p == "industry")
    # rule 5 (I11)
    if a > 0 and i > 0:
        if 10 * a > 7 * (a + i):
            lean = "academia"
        elif 10 * a < 3 * (a + i):
            lean = "industry"
        else:
            lean = "balanced"
        return "Collaboration", lean, unknown
    # rule 6
    return "Other", None, unknown


def has_collab_label(parts):
    return any(p.lower().startswith(COLLAB) for p in parts)


# ---------------------------------------------------------------- loader
def load(path):
    """Return (rows, diagnostics, meta).  rows: list of dicts."""
    with open(path, "rb") as fh:
        raw = fh.read()
    text, bad_enc = decode(raw)
    diags = []
    if bad_enc:
        diags.append({"kind": "encoding", "line": None, "column": None,
                      "raw": "not valid UTF-8; read as windows-1252"})
    delim = detect_delimiter(text)
    records, syntax_line = read_records(text, delim)
    if not records:
        raise ValueError("empty file")
    header = [trim(h) for h in records[0][1]]
    cols = match_columns(header)
    if cols["name"] is None or all(cols[k] is None for k in
                                   ("orgs", "cats", "date", "compute", "domain", "task")):
        raise ValueError("not an Epoch table")
    ncols = len(header)

    def cell(fields, key):
        idx = cols[key]
        if idx is None or idx >= len(fields):
            return ""
        return trim(fields[idx])

    rows = []
    for line, fields in records[1:]:
        r = {"line": line, "ragged": len(fields) != ncols, "nfields": len(fields)}
        r["rawName"] = fields[cols["name"]] if cols["name"] < len(fields) else ""
        r["name"] = normalise_name(r["rawName"])
        r["dateCell"] = cell(fields, "date")
        r["computeCell"] = cell(fields, "compute")
        r["orgCell"] = cell(fields, "orgs")
        r["catCell"] = cell(fields, "cats")
        r["domainCell"] = cell(fields, "domain")  # read by expected_filter_options.py
        rows.append(r)
    if syntax_line is not None:
        diags.append({"kind": "csv-syntax", "line": syntax_line, "column": None,
                      "raw": "CSV syntax breaks here; later records not read"})

    # list-style (I7: ragged rows excluded)
    list_style = any(len(split_list(r["catCell"])) >= 2 for r in rows if not r["ragged"])

    used = set(r["name"] for r in rows if r["name"] != "")  # I8
    seen = set()
    name_col = header[cols["name"]]
    for r in rows:
        own = []  # diagnostics of this row
        if r["ragged"]:
            diags.append({"kind": "ragged-row", "line": r["line"], "column": None,
                          "raw": "%d fields, header has %d" % (r["nfields"], ncols)})
        # id
        if r["name"] == "":
            r["id"] = "(unnamed, line %d)" % r["line"]
            own.append({"kind": "empty-name", "line": r["line"], "column": name_col,
                        "raw": r["rawName"]})
        elif r["name"] in seen:
            k = 2
            while "%s #%d" % (r["name"], k) in used:
                k += 1
            r["id"] = "%s #%d" % (r["name"], k)
            used.add(r["id"])
            own.append({"kind": "duplicate-name", "line": r["line"], "column": name_col,
                        "raw": r["rawName"]})
        else:
            r["id"] = r["name"]
            seen.add(r["name"])
        # date
        r["publicationDate"], bad = parse_date(r["dateCell"])
        if bad:
            own.append({"kind": "bad-date", "line": r["line"],
                        "column": header[cols["date"]], "raw": r["dateCell"]})
        # compute
        r["trainingComputeFlop"], bad = parse_compute(r["computeCell"])
        if bad:
            own.append({"kind": "bad-number", "line": r["line"],
                        "column": header[cols["compute"]], "raw": r["computeCell"]})
        # sector
        cats = split_list(r["catCell"])
        r["teamSector"], r["leaning"], unknown = team_sector(cats)
        for u in unknown:
            own.append({"kind": "unknown-category", "line": r["line"],
                        "column": header[cols["cats"]], "raw": u})
        if list_style and cats and not has_collab_label(cats):
            orgs = split_list(r["orgCell"])
            if len(orgs) != len(cats):
                r["needsReview"] = True
                own.append({"kind": "length-mismatch", "line": r["line"],
                            "column": header[cols["cats"]],
                            "raw": "length mismatch (%d organizations, %d categories)"
                                   % (len(orgs), len(cats))})
        if not r["ragged"]:
            diags.extend(own)
    meta = {"listStyle": list_style, "delimiter": delim, "columns": cols,
            "header": header, "encodingFallback": bad_enc}
    return rows, diags, meta


def example(r):
    return {"line": r["line"], "id": r["id"], "name": r["name"],
            "publicationDate": r["publicationDate"],
            "trainingComputeFlop": r["trainingComputeFlop"],
            "teamSector": r["teamSector"], "leaning": r["leaning"]}


def summarise(path):
    rows, diags, meta = load(path)
    n = len(rows)
    out = {
        "rows": n,
        "withDate": sum(1 for r in rows if r["publicationDate"] is not None),
        "withCompute": sum(1 for r in rows if r["trainingComputeFlop"] is not None
                           and r["trainingComputeFlop"] > 0),
        "teamSector": {s: sum(1 for r in rows if r["teamSector"] == s) for s in SECTORS},
        "leaning": {l: sum(1 for r in rows if r["teamSector"] == "Collaboration"
                           and r["leaning"] == l) for l in LEANINGS},
        "listStyle": meta["listStyle"],
        "diagnostics": {k: sum(1 for d in diags if d["kind"] == k) for k in DIAG_KINDS},
    }
    if rows:
        r0 = rows[0]
        out["firstRow"] = {"id": r0["id"], "publicationDate": r0["publicationDate"],
                           "trainingComputeFlop": r0["trainingComputeFlop"],
                           "teamSector": r0["teamSector"]}
        idx = sorted(set(int(round(k * (n - 1) / 4.0)) for k in range(5)))
        out["examples"] = [example(rows[i]) for i in idx]
    else:
        out["firstRow"] = None
        out["examples"] = []
    return out


# ---------------------------------------------------------------- br-02
def check_br02(folder):
    rows, diags, meta = load(os.path.join(folder, "br-02-sector-label-variants.csv"))
    with open(os.path.join(folder, "br-02-expected.csv"), encoding="utf-8", newline="") as fh:
        exp = list(csv.DictReader(fh))
    by_line = {}
    for d in diags:
        by_line.setdefault(d["line"], []).append(d)
    ok = True
    for r, e in zip(rows, exp):
        ds = by_line.get(r["line"], [])
        align = "; ".join(d["raw"] for d in ds if d["kind"] == "length-mismatch")
        other = "; ".join("unknown category: " + d["raw"] for d in ds
                          if d["kind"] == "unknown-category")
        got = (r["id"], r["teamSector"], r["leaning"] or "", align, other)
        want = (e["System"], e["team_sector"], e["leaning"], e["alignment_diagnostic"],
                e["other_diagnostic"])
        flag = "ok  " if got == want else "DIFF"
        if got != want:
            ok = False
        print(flag, got if got == want else (got, want))
    if len(rows) != len(exp):
        ok = False
        print("row count differs", len(rows), len(exp))
    print("listStyle", meta["listStyle"], "ALL MATCH" if ok else "MISMATCHES")
    return ok


def main(argv):
    if len(argv) >= 2 and argv[1] == "--check-br02":
        return 0 if check_br02(argv[2] if len(argv) > 2 else
                               "/work/shared/data/field-cases") else 1
    if len(argv) >= 2 and argv[1] == "--details":
        rows, diags, meta = load(argv[2])
        print(json.dumps({"meta": meta, "diagnostics": diags}, ensure_ascii=False, indent=1))
        return 0
    here = os.path.dirname(os.path.abspath(__file__))
    data_dir = argv[1] if len(argv) > 1 else "/work/shared/data/epoch"
    out_path = argv[2] if len(argv) > 2 else os.path.join(here, "..", "unit",
                                                          "expectedEpochCounts.json")
    result = {}
    for name in sorted(os.listdir(data_dir)):
        if name.lower().endswith(".csv"):
            result[name] = summarise(os.path.join(data_dir, name))
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    print("wrote", os.path.normpath(out_path), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
