#!/usr/bin/env python3
"""Generate Python 3.11's Unicode tables for src/python/unicode/ (dev tool).

Usage: python3.11 scripts/gen-unicode-tables.py

Python 3.11 carries Unicode 14.0; Node carries a newer Unicode, so classes
such as `\\d`, `\\w`, `str.isprintable()` and IGNORECASE matching must come from
Python itself, not from `\\p{...}`. Writes:

  src/python/unicode/tables.generated.ts   \\w and \\d ranges, non-printable ranges,
                                           IGNORECASE equivalence classes, CJK ideograph ranges
  src/python/unicode/names.generated.ts    character names and aliases `unicodedata.lookup`
                                           accepts (for `\\N{...}`), brotli-compressed
  test/data/unicode/python-unicode.json    vectors computed with Python for the tests

Every table is read from Python (`re`, `_sre`, `unicodedata`); Perl's Unicode
14 name list (unicore/Name.pl) only proposes alias names, each kept only if
`unicodedata.lookup` resolves it. Brotli compression needs `node` on PATH.
"""
import json
import random
import re
import subprocess
import sys
import unicodedata

import _sre

if unicodedata.unidata_version != "14.0.0":
    sys.exit(f"needs Python 3.11 (Unicode 14.0.0), found Unicode {unicodedata.unidata_version}")

PERL_NAMES = "/usr/share/perl/5.36.0/unicore/Name.pl"
TABLES = "src/python/unicode/tables.generated.ts"
NAMES = "src/python/unicode/names.generated.ts"
VECTORS = "test/data/unicode/python-unicode.json"
CODE_POINTS = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]


def b36(number):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if number < 0:
        return "-" + b36(-number)
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


def ranges_of(predicate, code_points=range(0x110000)):
    out = []
    for cp in code_points:
        if predicate(cp):
            if out and out[-1][1] == cp - 1:
                out[-1][1] = cp
            else:
                out.append([cp, cp])
    return out


def encode_ranges(ranges):
    """`start-previousEnd,length-1` pairs in base 36, space-separated."""
    previous = 0
    parts = []
    for start, end in ranges:
        parts.append(f"{b36(start - previous)},{b36(end - start)}")
        previous = end
    return " ".join(parts)


def matcher(pattern):
    compiled = re.compile(pattern)
    return lambda cp: not 0xD800 <= cp <= 0xDFFF and compiled.match(chr(cp)) is not None


def case_classes():
    """Python's IGNORECASE classes: code points whose lowercase (`_sre`) is one letter, or `_EXTRA_CASES` relatives."""
    from re._casefix import _EXTRA_CASES

    parent = {}

    def find(cp):
        while parent.get(cp, cp) != cp:
            cp = parent[cp]
        return cp

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for cp in range(0x110000):
        lower = _sre.unicode_tolower(cp)
        if lower != cp:
            union(cp, lower)
    for lower, others in _EXTRA_CASES.items():
        for other in others:
            union(lower, other)
    members = {}
    for cp in set(parent) | {p for p in parent.values()}:
        members.setdefault(find(cp), set()).add(cp)
    classes = sorted(sorted(group) for group in members.values() if len(group) > 1)
    for group in classes:
        # Outside the BMP every class is an upper/lower pair with the capital first (regex.ts relies on it).
        if group[0] > 0xFFFF:
            assert len(group) == 2 and _sre.unicode_tolower(group[0]) == group[1], group
    return classes


def encode_classes(classes):
    """Each class: first member as a delta from the previous class's first, then offsets from it; base 36."""
    previous = 0
    parts = []
    for group in classes:
        parts.append(",".join([b36(group[0] - previous)] + [b36(cp - group[0]) for cp in group[1:]]))
        previous = group[0]
    return " ".join(parts)


def lookup(name):
    try:
        found = unicodedata.lookup(name)
    except KeyError:
        return None
    return ord(found) if len(found) == 1 else None


ALGORITHMIC = re.compile(r"^(?:HANGUL SYLLABLE |CJK UNIFIED IDEOGRAPH-)")


def names_table():
    """(code point, NAME) for every name and alias `unicodedata.lookup` resolves to one character."""
    candidates = set()
    for cp in CODE_POINTS:
        name = unicodedata.name(chr(cp), None)
        if name:
            candidates.add(name)
    with open(PERL_NAMES, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    candidates.update(line for line in lines if line and not line.startswith("#") and re.match(r"^[A-Z]", line))
    table = []
    for name in candidates:
        if ALGORITHMIC.match(name):
            continue
        cp = lookup(name)
        if cp is not None:
            table.append((cp, name))
    table.sort()
    return table


def encode_names(table):
    previous = 0
    lines = []
    for cp, name in table:
        lines.append(f"{b36(cp - previous)} {name}")
        previous = cp
    text = "\n".join(lines).encode("ascii")
    script = ("const z=require('zlib');const c=z.constants;let b=Buffer.alloc(0);process.stdin.on('data',d=>b=Buffer.concat([b,d]));"
              "process.stdin.on('end',()=>process.stdout.write(z.brotliCompressSync(b,{params:{[c.BROTLI_PARAM_QUALITY]:11,"
              "[c.BROTLI_PARAM_LGWIN]:24,[c.BROTLI_PARAM_SIZE_HINT]:b.length}}).toString('base64')))")
    return subprocess.run(["node", "-e", script], input=text, capture_output=True, check=True).stdout.decode("ascii")


def cjk_unified_ranges():
    return ranges_of(lambda cp: lookup(f"CJK UNIFIED IDEOGRAPH-{cp:04X}") == cp, range(0x3400, 0x40000))


def write_tables():
    word = ranges_of(matcher(r"\w"))
    digit = ranges_of(matcher(r"\d"))
    space = ranges_of(matcher(r"\s"))
    non_printable = ranges_of(lambda cp: not chr(cp).isprintable())
    classes = case_classes()
    cjk = cjk_unified_ranges()
    with open(TABLES, "w", encoding="utf-8") as handle:
        handle.write(f"""// Generated by scripts/gen-unicode-tables.py from Python {sys.version.split()[0]} (Unicode {unicodedata.unidata_version}); do not edit.
// Ranges: space-separated `gap,length` pairs in base 36 (start minus the previous range's end, end minus start).

export const UNICODE_VERSION = '{unicodedata.unidata_version}';

/** What `\\w` matches in a str pattern: `str.isalnum()` or `_`. */
export const WORD_RANGES = '{encode_ranges(word)}';

/** What `\\d` matches in a str pattern: the decimal digits (category Nd). */
export const DIGIT_RANGES = '{encode_ranges(digit)}';

/** What `\\s` matches in a str pattern. */
export const SPACE_RANGES = '{encode_ranges(space)}';

/** Code points `str.isprintable()` rejects, which `repr()` escapes (unassigned ones included). */
export const NON_PRINTABLE_RANGES = '{encode_ranges(non_printable)}';

/**
 * IGNORECASE equivalence classes: characters with the same `_sre.unicode_tolower`,
 * joined by `re._casefix._EXTRA_CASES`. Space-separated classes, each its first
 * member (a delta from the previous class's first) then offsets from that member.
 */
export const CASE_CLASSES = '{encode_classes(classes)}';

/** The code points `unicodedata.lookup("CJK UNIFIED IDEOGRAPH-XXXX")` accepts. */
export const CJK_UNIFIED_RANGES = '{encode_ranges(cjk)}';
""")
    return word, digit, space, non_printable, classes


def write_names(table):
    with open(NAMES, "w", encoding="utf-8") as handle:
        handle.write(f"""// Generated by scripts/gen-unicode-tables.py from Python {sys.version.split()[0]} (Unicode {unicodedata.unidata_version}); do not edit.

/**
 * Every name and alias `unicodedata.lookup` resolves to one character, Hangul
 * syllables and CJK unified ideographs aside (their names are computed): lines
 * `<code point delta, base 36> <NAME>` in code point order, brotli-compressed, base64.
 */
export const NAMES_BROTLI_BASE64 =
  '{encode_names(table)}';

export const NAME_COUNT = {len(table)};
""")


def write_vectors(table, classes):
    rng = random.Random(14)
    names = [name for _cp, name in rng.sample(table, 400)]
    names += [name.lower() for name in names[:40]] + [name.title() for name in names[40:60]]
    names += ["HANGUL SYLLABLE GA", "HANGUL SYLLABLE GAG", "HANGUL SYLLABLE GGWAELH", "HANGUL SYLLABLE HIH",
              "hangul syllable ga", "HANGUL SYLLABLE GAX", "Hangul Syllable GA", "HANGUL SYLLABLE ",
              "CJK UNIFIED IDEOGRAPH-4E00", "CJK UNIFIED IDEOGRAPH-04E00", "cjk unified ideograph-4E00",
              "CJK UNIFIED IDEOGRAPH-4e00", "CJK UNIFIED IDEOGRAPH-2B739", "CJK UNIFIED IDEOGRAPH-3134A",
              "CJK UNIFIED IDEOGRAPH-31350", "CJK UNIFIED IDEOGRAPH-4E0", "CJK UNIFIED IDEOGRAPH-004E00",
              "CJK COMPATIBILITY IDEOGRAPH-F900", "TANGUT IDEOGRAPH-17000", "KHITAN SMALL SCRIPT CHARACTER-18B00",
              "NUSHU CHARACTER-1B170", "LATIN CAPITAL LETTER GHA", "BYTE ORDER MARK", "LINE FEED", "NULL", "NUL",
              "LATIN CAPITAL LETTER A WITH MACRON AND GRAVE", "KAWI LETTER A", " SPACE", "SPACE ", "SPACE", "",
              "LATIN SMALL LETTER  A", "<control>", "LATIN SMALL LETTER É", "EM DASH", "em dash"]
    code_points = sorted(set(rng.sample(CODE_POINTS, 1500) + [0x11F50, 0x11F04, 0x1F6DC, 0x378, 0x0345, 0x1E9E, 0x130,
                                                            0x131, 0x17F, 0x212A, 0x10400, 0x10428, 0xA7CB, 0x264]))
    word, digit, space = re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s")
    pairs = []
    for group in rng.sample(classes, 80):
        pairs.append([group[0], group[-1]])
        pairs.append([group[-1], rng.choice(CODE_POINTS)])
    pairs += [[0x130, 0x69], [0x69, 0x130], [0xDF, 0x1E9E], [0x1E9E, 0xDF], [0x264, 0xA7CB], [0x6B, 0x212A]]
    vectors = {
        "names": [[name, lookup(name)] for name in names],
        "code_points": [[cp, repr(chr(cp)), bool(word.match(chr(cp))), bool(digit.match(chr(cp))),
                         bool(space.match(chr(cp)))] for cp in code_points],
        "ignore_case": [[a, b, re.match("(?i)" + re.escape(chr(a)), chr(b)) is not None] for a, b in pairs],
    }
    with open(VECTORS, "w", encoding="utf-8") as handle:
        json.dump(vectors, handle, ensure_ascii=True, indent=0)
        handle.write("\n")


if __name__ == "__main__":
    _word, _digit, _space, _non_printable, case = write_tables()
    names = names_table()
    write_names(names)
    write_vectors(names, case)
