#!/usr/bin/env python3
"""Lists every msgid the report translates, one JSON string per line, or the gaps of one
catalogue: check titles, category titles, the T("...") and N_("...") labels of src/report_html.c, and the
format strings the checks pass to sa_verdict_set / sa_verdict_recommend or mark with N_().

    python3 tools/l10n_msgids.py            # every msgid
    python3 tools/l10n_msgids.py ru         # msgids locale/ru.json does not translate yet

tests/unit/test_l10n.c does the same extraction in C and fails on gaps; this script is for
translators.
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
LIT = r'"(?:[^"\\]|\\.)*"'
SEQ = re.compile(r'(?:' + LIT + r'\s*)+')


def unquote(seq):
    out = ""
    for lit in re.findall(LIT, seq):
        out += bytes(lit[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
    return out


def format_argument(src, pos, skip):
    """The literal format given as the argument after `skip` top-level commas, as the C gap
    test reads it; None when that argument is not a literal (a variable marked with N_)."""
    depth = 0
    while skip and pos < len(src):
        c = src[pos]
        depth += 1 if c == "(" else -1 if c == ")" else 0
        skip -= 1 if c == "," and depth == 0 else 0
        pos += 1
    m = SEQ.match(src, pos + len(src[pos:]) - len(src[pos:].lstrip()))
    return unquote(m.group(0)) if m else None


def msgids():
    ids = []
    for path in sorted(glob.glob(os.path.join(ROOT, "checks", "*.c"))):
        src = open(path, encoding="utf-8").read()
        for m in re.finditer(r'\.title\s*=\s*(' + LIT + r')', src):
            ids.append(unquote(m.group(1)))
        for m in re.finditer(r'sa_verdict_(set|recommend)\(', src):
            ids.append(format_argument(src, m.end(), 3 if m.group(1) == "set" else 1))
        for m in re.finditer(r'\bN_\(\s*(' + LIT + r'(?:\s*' + LIT + r')*)', src):
            ids.append(unquote(m.group(1)))
    src = open(os.path.join(ROOT, "src", "score.c"), encoding="utf-8").read()
    for m in re.finditer(r'\{"\w+", (' + LIT + r'), [0-9.]+\}', src):
        ids.append(unquote(m.group(1)))
    src = open(os.path.join(ROOT, "src", "report_html.c"), encoding="utf-8").read()
    for m in re.finditer(r'\b(?:T|N_)\(\s*(' + LIT + r'(?:\s*' + LIT + r')*)', src):
        ids.append(unquote(m.group(1)))
    seen, out = set(), []
    for i in ids:
        if i and i not in seen and re.search(r'[A-Za-z]{2}', i):
            seen.add(i)
            out.append(i)
    return out


if __name__ == "__main__":
    ids = msgids()
    if len(sys.argv) > 1:
        cat = json.load(open(os.path.join(ROOT, "locale", sys.argv[1] + ".json"), encoding="utf-8"))
        ids = [i for i in ids if not cat["messages"].get(i)]
    for i in ids:
        print(json.dumps(i, ensure_ascii=False))
