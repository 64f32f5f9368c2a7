#!/usr/bin/env python3
"""Generate byte-identity cases for `aigc compliance export` (dev tool).

Usage: PYTHONPATH=/work/ref python3 scripts/gen-compliance-cases.py [OUT_DIR]

Makes real audit artifacts with the Python reference (nealsolves/aigc 0.3.3,
importable from PYTHONPATH) by enforcing fixtures/invocations/examples.jsonl
against policies/ at a frozen clock, adds hand-made artifacts and edge lines
(non-ASCII, astral characters, null and missing gates, floats, big integers,
NaN, duplicate keys, CRLF and lone-CR endings, a BOM, Python-only whitespace,
invalid JSON, arrays, schema-invalid objects, lineage trees, chained
artifacts), writes each case's JSONL input, then runs the reference's
`python -m aigc compliance export` on it and stores stdout, stderr and the exit
code. OUT_DIR defaults to test/data/compliance; cases.json lists the cases.
Cases the reference cannot run (it crashes) are not generated here.
"""
import copy
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "test", "data", "compliance")
CLOCK = 1700000000

time.time = lambda: float(CLOCK)  # every artifact gets the same timestamp

from aigc import AIGCError, AuditChain, enforce_invocation  # noqa: E402
from aigc._internal.lineage import AuditLineage  # noqa: E402


def reference_artifacts():
    """One artifact per example invocation, PASS or FAIL, made by the reference."""
    artifacts = []
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with open(os.path.join(ROOT, "fixtures", "invocations", "examples.jsonl"), encoding="utf-8") as f:
            for line in f:
                invocation = json.loads(line)
                try:
                    artifacts.append(enforce_invocation(invocation))
                except AIGCError as error:
                    artifacts.append(error.audit_artifact)
    finally:
        os.chdir(cwd)
    return artifacts


BASE = reference_artifacts()
PASSES = [a for a in BASE if a["enforcement_result"] == "PASS"]
FAILS = [a for a in BASE if a["enforcement_result"] == "FAIL"]


def variant(artifact, **changes):
    copied = copy.deepcopy(artifact)
    copied.update(changes)
    return copied


def dumps(value, style="sink"):
    """A line as different writers write it: the reference's sink, compact, raw UTF-8, sorted."""
    if style == "sink":
        return json.dumps(value)
    if style == "compact":
        return json.dumps(value, separators=(",", ":"))
    if style == "utf8":
        return json.dumps(value, ensure_ascii=False)
    if style == "sorted":
        return json.dumps(value, sort_keys=True, indent=None)
    raise ValueError(style)


def lines_of(artifacts, style="sink"):
    return [dumps(a, style) for a in artifacts]


NON_ASCII_POLICIES = [
    "policies/richtlinie-für-ärzte.yaml",
    "policies/Zebra.yaml",
    "policies/ポリシー.yaml",
    "policies/\uff5ewide.yaml",
    "policies/\U0001f600-emoji.yaml",
    "policies/a|pipe`tick.yaml",
]


def non_ascii_artifacts():
    out = []
    for i, name in enumerate(NON_ASCII_POLICIES):
        source = (PASSES + FAILS)[i % len(BASE)]
        out.append(variant(
            source,
            policy_file=name,
            policy_version=f"v{i}-ß",
            context={"note": "Grüße \u2028 line sep", "emoji": "\U0001f9ea", "controls": "del\x7f bell\x07 nul\x00", "i": i},
        ))
    return out


def float_artifacts():
    out = []
    for i, source in enumerate(PASSES[:3]):
        out.append(variant(
            source,
            risk_score=[1.0, 0.5, 1e-07][i],
            context={"ratio": 2.50, "big": 123456789012345678901234567890, "neg_zero": -0.0, "exp": 1e22, "tiny": 5e-324},
            metadata=dict(source["metadata"], weight=1.0, threshold=0.0),
        ))
    return out


def gate_null(artifact):
    return variant(artifact, failure_gate=None)


def gate_missing(artifact):
    copied = copy.deepcopy(artifact)
    del copied["failure_gate"]
    return copied


def lineage_artifacts():
    """A small derivation tree with a duplicate, an orphan and a chained parent."""
    lineage = AuditLineage()
    root = variant(PASSES[0], context={"step": "root"})
    root_key = lineage.checksum_of(root)
    left = variant(PASSES[1], context={"step": "left"}, provenance={"derived_from_audit_checksums": [root_key]})
    left_key = lineage.checksum_of(left)
    right = variant(FAILS[0], context={"step": "right"}, provenance={"derived_from_audit_checksums": [root_key], "source_ids": ["doc-1"]})
    right_key = lineage.checksum_of(right)
    merge = variant(PASSES[2], context={"step": "merge"}, provenance={"derived_from_audit_checksums": [left_key, right_key]})
    orphan = variant(FAILS[1], context={"step": "orphan"}, provenance={"derived_from_audit_checksums": ["f" * 64]})
    half_orphan = variant(PASSES[3 % len(PASSES)], context={"step": "half"}, provenance={"derived_from_audit_checksums": [root_key, "e" * 64]})
    chained_parent = variant(PASSES[4 % len(PASSES)], context={"step": "chained"})
    chained_key = lineage.checksum_of(chained_parent)
    chain = AuditChain(chain_id="chain-1")
    chain.append(chained_parent)
    chained_child = variant(FAILS[2], context={"step": "after-chain"}, provenance={"derived_from_audit_checksums": [chained_key]})
    return [root, left, right, merge, orphan, half_orphan, chained_parent, chained_child, copy.deepcopy(left), root]


def with_floats_in_line(artifact):
    """A sink line with floats spelled as Python writes them, kept verbatim for --include-artifacts."""
    return dumps(variant(artifact, risk_score=1.0, context={"a": 1.5, "b": 100.0}))


INVALID_LINES = [
    "{not json",
    "[1, 2, 3]",
    '"just a string"',
    "42",
    "null",
    '{"policy_file": "x.yaml"}',
    "{}",
]


def schema_invalid(artifact):
    return [
        dumps(variant(artifact, enforcement_result="MAYBE")),
        dumps(variant(artifact, input_checksum="XYZ")),
        dumps(variant(artifact, timestamp=-1)),
        dumps(variant(artifact, unexpected_field=True)),
        dumps(variant(artifact, failure_gate="made_up_gate")),
    ]


def rate_lines(passes, total):
    artifacts = [PASSES[i % len(PASSES)] for i in range(passes)] + [FAILS[i % len(FAILS)] for i in range(total - passes)]
    return lines_of(artifacts)


def build_cases():
    mixed = (
        lines_of(BASE)
        + lines_of(non_ascii_artifacts(), "utf8")
        + lines_of(non_ascii_artifacts()[:2], "sink")
        + INVALID_LINES
        + schema_invalid(PASSES[0])
        + lines_of(FAILS[:3], "compact")
        + lines_of(PASSES[:2], "sorted")
        + [gate_missing_line for gate_missing_line in lines_of([gate_missing(FAILS[0])])]
        + ["", "   ", "\t"]
        + lines_of(float_artifacts())
        + [with_floats_in_line(PASSES[0])]
    )
    lineage = lines_of(lineage_artifacts())
    cases = [
        ("mixed", "mixed.jsonl", "\n".join(mixed) + "\n", [[]]),
        ("mixed", "mixed.jsonl", None, [["--include-artifacts"], ["--lineage"], ["--include-artifacts", "--lineage"]]),
        ("lineage", "lineage.jsonl", "\n".join(lineage) + "\n", [["--lineage"], ["--lineage", "--include-artifacts"]]),
        ("null-gates", "null-gates.jsonl", "\n".join(lines_of([gate_null(a) for a in FAILS[:3]] + PASSES[:1])) + "\n", [[], ["--include-artifacts"]]),
        ("unknown-gate", "unknown-gate.jsonl", "\n".join(lines_of([gate_missing(FAILS[0]), FAILS[1]])) + "\n", [[]]),
        ("empty", "empty.jsonl", "", [[], ["--lineage", "--include-artifacts"]]),
        ("blank-lines", "blank-lines.jsonl", "\n  \n\t\n\r\n", [[]]),
        ("all-invalid", "all-invalid.jsonl", "\n".join(INVALID_LINES + schema_invalid(PASSES[0])) + "\n", [[]]),
        ("rate-one-third", "one-third.jsonl", "\n".join(rate_lines(1, 3)) + "\n", [[]]),
        ("rate-two-thirds", "two-thirds.jsonl", "\n".join(rate_lines(2, 3)) + "\n", [[]]),
        ("rate-five-eighths", "five-eighths.jsonl", "\n".join(rate_lines(5, 8)) + "\n", [[]]),
        ("rate-tie-even-down", "one-in-32.jsonl", "\n".join(rate_lines(1, 32)) + "\n", [[]]),
        ("rate-tie-even-up", "three-in-32.jsonl", "\n".join(rate_lines(3, 32)) + "\n", [[]]),
        ("rate-all-pass", "all-pass.jsonl", "\n".join(rate_lines(4, 4)) + "\n", [[]]),
        ("rate-all-fail", "all-fail.jsonl", "\n".join(rate_lines(0, 5)) + "\n", [[]]),
        ("crlf", "crlf.jsonl", "\r\n".join(lines_of(BASE[:4])) + "\r\n", [[]]),
        ("no-final-newline", "no-final-newline.jsonl", "\n".join(lines_of(BASE[:3])), [[]]),
        ("truncated-last-line", "truncated.jsonl", "\n".join(lines_of(BASE[:3])) + "\n" + dumps(BASE[3])[:40], [[]]),
        ("bom", "bom.jsonl", "\ufeff" + "\n".join(lines_of(BASE[:3])) + "\n", [[]]),
        ("bom-blank-first-line", "bom-blank.jsonl", "\ufeff\n" + "\n".join(lines_of(BASE[:2])) + "\n", [[]]),
        ("lone-cr", "lone-cr.jsonl", dumps(BASE[0]) + "\r" + dumps(BASE[1]) + "\n" + dumps(BASE[2]).replace(", ", ",\r", 1) + "\n" + dumps(BASE[3]) + "\r{broken\n", [[]]),
        ("python-whitespace", "python-whitespace.jsonl", "\x0c" + dumps(BASE[0]) + "\xa0\n\u3000" + dumps(BASE[1]) + "\x1c\n\x1f\n\u2028\n" + dumps(BASE[2]) + "\n", [[]]),
        ("duplicate-keys", "duplicate-keys.jsonl", dumps(BASE[0])[:-1] + ', "enforcement_result": "FAIL", "failure_gate": "role_validation"}\n' + dumps(BASE[1]) + "\n", [[], ["--include-artifacts"]]),
        ("lone-surrogate", "lone-surrogate.jsonl", dumps(variant(PASSES[0], context={"lone": "\ud800", "pair": "\ud83d\ude00"})) + "\n", [[], ["--include-artifacts"]]),
        ("nan-context", "nan.jsonl", dumps(variant(PASSES[0], context={"x": float("nan"), "y": float("inf")})) + "\n" + dumps(FAILS[0]) + "\n", [[], ["--include-artifacts"]]),
        ("only-non-ascii", "non-ascii.jsonl", "\n".join(lines_of(non_ascii_artifacts(), "utf8")) + "\n", [[], ["--include-artifacts", "--lineage"]]),
        ("path-normalized", "sub/dir/trail.jsonl", "\n".join(lines_of(BASE[:2])) + "\n", [[]]),
    ]
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = []
    written = set()
    for name, input_name, content, flag_sets in build_cases():
        input_path = os.path.join(OUT, "inputs", input_name)
        if content is not None and input_name not in written:
            os.makedirs(os.path.dirname(input_path), exist_ok=True)
            with open(input_path, "w", encoding="utf-8", newline="") as f:
                f.write(content)
            written.add(input_name)
        for flags in flag_sets:
            # As given on the command line: path-normalized cases spell the path untidily.
            given = "./" + input_name.replace("/", "//") if name == "path-normalized" else input_name
            args = ["compliance", "export", "-i", given, *flags]
            run = subprocess.run([sys.executable, "-m", "aigc", *args], cwd=os.path.join(OUT, "inputs"), capture_output=True, env=dict(os.environ))
            case_id = "-".join([name, *[flag.lstrip("-") for flag in flags]])
            expected = os.path.join(OUT, "expected", f"{case_id}.out")
            os.makedirs(os.path.dirname(expected), exist_ok=True)
            with open(expected, "wb") as f:
                f.write(run.stdout)
            manifest.append({
                "id": case_id,
                "args": args,
                "input": input_name,
                "exitCode": run.returncode,
                "stdout": f"expected/{case_id}.out",
                "stderr": run.stderr.decode("utf-8"),
            })
            if b"Traceback" in run.stderr:
                raise SystemExit(f"{case_id}: the reference crashed:\n{run.stderr.decode()}")
    with open(os.path.join(OUT, "cases.json"), "w", encoding="utf-8") as f:
        json.dump({"generatedBy": "scripts/gen-compliance-cases.py", "reference": "nealsolves/aigc 0.3.3", "cases": manifest}, f, indent=2)
        f.write("\n")
    print(f"{len(manifest)} cases written to {OUT}")


if __name__ == "__main__":
    main()
