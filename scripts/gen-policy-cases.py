"""Regenerates test/data/policy/*.json from the Python reference (aigc 0.3.3).

Run from the repository root:
    PYTHONPATH=/path/to/reference python3 scripts/gen-policy-cases.py

Each case is a small directory of policy files (text, or base64 bytes), optional
symlinks and directories, the string passed to `load_policy`, the working
directory, and the calendar day. The day is pinned for the whole extends chain
(the reference's `validate_policy_dates` is patched to default to it), because
this project applies one injected day to every level. The outcome is recorded
as the reference produced it: the policy's Python `repr` (key order, int vs
float and dates included), or the exception's class, message and details
`repr`. Absolute paths are written as `<root>` (the case directory) and
`<schema>` (the policy schema file) so the tests can replay them anywhere.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import aigc._internal.policy_loader as policy_loader
from aigc._internal.errors import AIGCError, PolicyLoadError, PolicyValidationError

OUT = Path(__file__).resolve().parent.parent / "test" / "data" / "policy"
DEFAULT_TODAY = "2025-06-15"
SCHEMA_PATH = str(policy_loader.POLICY_DSL_SCHEMA_PATH)

_original_validate_dates = policy_loader.validate_policy_dates
_pinned_day: list[date] = []


def _validate_dates_on_pinned_day(policy, *, clock=None):
    return _original_validate_dates(policy, clock=clock or (lambda: _pinned_day[0]))


policy_loader.validate_policy_dates = _validate_dates_on_pinned_day


class MemoryLoader(policy_loader.PolicyLoaderBase):
    """A custom loader replaying one recorded behaviour (the TS tests build the same)."""

    def __init__(self, spec: dict):
        self.spec = spec

    def load(self, policy_ref):
        kind = self.spec["kind"]
        if kind == "returns":
            return json.loads(self.spec["value"])
        if kind == "yaml":
            import yaml

            return yaml.safe_load(self.spec["value"])
        raise build_exception(self.spec)


def build_exception(spec: dict) -> Exception:
    kind = spec["kind"]
    if kind == "raises-PolicyLoadError":
        return PolicyLoadError(spec["message"], details=spec.get("details"))
    if kind == "raises-PolicyValidationError":
        return PolicyValidationError(spec["message"], details=spec.get("details"))
    if kind == "raises-KeyError":
        return KeyError(spec["message"])
    if kind == "raises-ValueError":
        return ValueError(spec["message"])
    raise AssertionError(kind)


def normalise(text: str, root: str) -> str:
    return text.replace(SCHEMA_PATH, "<schema>").replace(root, "<root>")


def outcome(thunk, root: str) -> dict:
    try:
        return {"result": normalise(repr(thunk()), root)}
    except AIGCError as exc:
        return {
            "error": type(exc).__name__,
            "message": normalise(str(exc), root),
            "details": normalise(repr(exc.details), root),
        }
    except Exception as exc:  # the reference's raw crashes, recorded so tests can name the difference
        return {"raw": type(exc).__name__, "message": normalise(str(exc), root)}


def write_tree(root: Path, case: dict) -> None:
    for directory in case.get("dirs", []):
        (root / directory).mkdir(parents=True, exist_ok=True)
    for name, content in case.get("files", {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict):
            path.write_bytes(base64.b64decode(content["base64"]))
        else:
            path.write_bytes(content.replace("<root>", str(root)).encode("utf-8"))
    for link, target in case.get("symlinks", {}).items():
        path = root / link
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)


def run(case: dict) -> dict:
    root = Path(os.path.realpath(tempfile.mkdtemp(prefix="aigc-policy-")))
    previous = os.getcwd()
    try:
        write_tree(root, case)
        os.chdir(root / case.get("cwd", "."))
        _pinned_day[:] = [date.fromisoformat(case.get("today", DEFAULT_TODAY))]
        target = case["load"].replace("<root>", str(root))
        loader = MemoryLoader(case["loader"]) if "loader" in case else None
        return outcome(lambda: policy_loader.load_policy(target, loader=loader), str(root))
    finally:
        os.chdir(previous)
        shutil.rmtree(root)


GROUPS: dict[str, list[dict]] = {}


def case(group: str, name: str, **spec) -> None:
    spec.setdefault("load", "p.yaml")
    GROUPS.setdefault(group, []).append({"name": name, **spec})


def one(name: str, text: str, group: str, **spec) -> None:
    """A case with a single policy file `p.yaml`."""
    case(group, name, files={"p.yaml": text}, **spec)


VALID = "policy_version: '1.0'\nroles: [planner]\n"

# --------------------------------------------------------------------------
# Paths (§1.2, §1.9)
# --------------------------------------------------------------------------

P = "paths"
case(P, "a relative path resolves against the working directory", files={"p.yaml": VALID})
case(P, "a .yml file loads", files={"p.yml": VALID}, load="p.yml")
case(P, "an absolute path loads as given", files={"p.yaml": VALID}, load="<root>/p.yaml")
case(P, "./ and a missing directory's .. collapse", files={"p.yaml": VALID}, load="./missing/../p.yaml")
case(P, "a trailing slash still names the file", files={"p.yaml": VALID}, load="p.yaml/")
case(P, "~ is not expanded", files={"p.yaml": VALID}, load="~/p.yaml")
case(P, "../ outside the working directory loads when the file exists",
     files={"outside.yaml": VALID}, dirs=["sub"], cwd="sub", load="../outside.yaml")
case(P, "upper-case .YAML is not YAML", files={"UP.YAML": VALID}, load="UP.YAML")
case(P, "an existing .txt is not YAML", files={"ok.txt": VALID}, load="ok.txt")
case(P, "a missing .txt reports must-be-YAML before existence", load="x.txt")
case(P, "the empty string is not YAML", load="")
case(P, "a dotfile named .yaml has no suffix", files={".yaml": VALID}, load=".yaml")
case(P, "a name ending in a dot has no suffix", files={"p.yaml.": VALID}, load="p.yaml.")
case(P, "a missing .yaml does not exist", load="missing.yaml")
case(P, "a missing absolute path reports the original string", load="<root>/missing.yaml")
case(P, "a directory named x.yaml is not a file", dirs=["dir.yaml"], load="dir.yaml")
case(P, "a symlink a.yaml to a.txt is refused by the target's suffix",
     files={"a.txt": VALID}, symlinks={"a.yaml": "a.txt"}, load="a.yaml")
case(P, "a symlink a.txt to b.yaml is accepted by the target's suffix",
     files={"b.yaml": VALID}, symlinks={"a.txt": "b.yaml"}, load="a.txt")
case(P, "a dangling symlink to a .yaml does not exist", symlinks={"a.yaml": "gone.yaml"}, load="a.yaml")
case(P, "a symlink to a directory named .yaml is not a file",
     dirs=["real.yaml"], symlinks={"link.yaml": "real.yaml"}, load="link.yaml")
case(P, "a symlinked directory on the way is followed",
     files={"real/p.yaml": VALID}, symlinks={"alias": "real"}, load="alias/p.yaml")

# --------------------------------------------------------------------------
# Reading and YAML (§1.3, §1.9, §12.1)
# --------------------------------------------------------------------------

R = "reading"
one("an empty file is not a mapping", "", R)
one("a comment-only file is not a mapping", "# nothing here\n# at all\n", R)
one("a scalar root is not a mapping", "hello\n", R)
one("a list root is not a mapping", "- policy_version: '1.0'\n", R)
one("two documents fail to parse", VALID + "---\n" + VALID, R)
one("tab indentation fails to parse", "roles:\n\t- a\n", R)
one("an unknown python tag fails to parse", "policy_version: !!python/object:object {}\nroles: [a]\n", R)
one("an unclosed flow sequence fails to parse", "policy_version: '1.0'\nroles: [a\n", R)
one("duplicate keys: the last wins", "policy_version: '1.0'\nroles: [a]\nroles: [b]\n", R)
one("a leading BOM is accepted", "\ufeff" + VALID, R)
one("anchors and aliases load", "policy_version: '1.0'\nroles: &r [a, b]\npre_conditions: {optional: *r}\n", R)
one("the merge key << loads",
    "policy_version: '1.0'\nroles: [a]\nconditions:\n  base: &b {type: boolean, default: true}\n"
    "  c: {<<: *b, required: false}\n", R)
one("a document start marker is allowed", "---\n" + VALID, R)
one("quoted and plain strings keep their text",
    "policy_version: \"1.0\"\ndescription: 'it''s'\nroles: [\"a b\", c]\n", R)
case(R, "Latin-1 bytes are not UTF-8",
     files={"p.yaml": {"base64": base64.b64encode(b"policy_version: '1.0'\nroles: [caf\xe9]\n").decode()}})
case(R, "binary garbage is not UTF-8",
     files={"p.yaml": {"base64": base64.b64encode(bytes(range(256)) * 4).decode()}})
for label, raw in [
    ("an overlong encoding", b"\xc0\x80"),
    ("a UTF-16 surrogate", b"\xed\xa0\x80"),
    ("a sequence cut off at the end", b"\xe2\x82"),
    ("a byte above F4", b"\xf5\x80\x80\x80"),
    ("a lone continuation byte", b"\x80"),
    ("a code point above U+10FFFF", b"\xf4\x90\x80\x80"),
]:
    case(R, f"{label} is not UTF-8",
         files={"p.yaml": {"base64": base64.b64encode(b"roles: [\xc3\xa9" + raw).decode()}})
one("an invalid calendar date is a raw ValueError in PyYAML", "policy_version: '1.0'\nroles: [a]\neffective_date: 2020-13-45\n", R)

# --------------------------------------------------------------------------
# Schema errors (§1.1 step 5, §1.3, §1.4, §1.9)
# --------------------------------------------------------------------------

S = "schema"
for name, text in [
    ("a minimal policy is valid", VALID),
    ("policy_version 1.0 is a float", "policy_version: 1.0\nroles: [a]\n"),
    ("policy_version 1 is an int", "policy_version: 1\nroles: [a]\n"),
    ("an unquoted effective_date is a date object", "policy_version: '1.0'\nroles: [a]\neffective_date: 2020-01-01\n"),
    ("an unquoted timestamp is a datetime object", "policy_version: '1.0'\nroles: [a]\nexpiration_date: 2020-01-01 10:00:00\n"),
    ("yes/no/on/off roles are booleans", "policy_version: '1.0'\nroles: [yes, no, on, off]\n"),
    ("an integer key is an unexpected property", "policy_version: '1.0'\nroles: [a]\n1: x\n"),
    ("a boolean key is an unexpected property", "policy_version: '1.0'\nroles: [a]\ntrue: x\n"),
    ("an unknown key is named", "policy_version: '1.0'\nroles: [a]\nfoo: 1\n"),
    ("several unknown keys are listed sorted", "policy_version: '1.0'\nroles: [a]\nfoo: 1\nbar: 2\n"),
    ("the error at $ sorts first", "policy_version: 1\nroles: []\nfoo: 1\n"),
    ("additionalProperties precedes required at $", "policy_version: '1.0'\nfoo: 1\n"),
    ("both required keys missing reports policy_version", "description: x\n"),
    ("null roles", "policy_version: '1.0'\nroles:\n"),
    ("empty roles", "policy_version: '1.0'\nroles: []\n"),
    ("$.roles.10 sorts before $.roles.2",
     "policy_version: '1.0'\nroles: [a, b, 3, d, e, f, g, h, i, j, 11]\n"),
    ("an empty string role and duplicates are allowed", "policy_version: ''\nroles: ['', a, a]\n"),
    ("max_calls 0 is below the minimum", "policy_version: '1.0'\nroles: [a]\ntools: {allowed_tools: [{name: s, max_calls: 0}]}\n"),
    ("max_calls 2.0 is an integer", "policy_version: '1.0'\nroles: [a]\ntools: {allowed_tools: [{name: s, max_calls: 2.0}]}\n"),
    ("max_calls true is not an integer", "policy_version: '1.0'\nroles: [a]\ntools: {allowed_tools: [{name: s, max_calls: true}]}\n"),
    ("tools without allowed_tools", "policy_version: '1.0'\nroles: [a]\ntools: {}\n"),
    ("risk threshold above one", "policy_version: '1.0'\nroles: [a]\nrisk: {mode: strict, threshold: 1.5}\n"),
    ("risk without mode", "policy_version: '1.0'\nroles: [a]\nrisk: {threshold: 0.5}\n"),
    ("risk with an unknown mode", "policy_version: '1.0'\nroles: [a]\nrisk: {mode: lenient}\n"),
    ("a condition type other than boolean", "policy_version: '1.0'\nroles: [a]\nconditions: {c: {type: string}}\n"),
    ("pre_conditions.required a string fails oneOf", "policy_version: '1.0'\nroles: [a]\npre_conditions: {required: abc}\n"),
    ("typed preconditions allow unknown keys", "policy_version: '1.0'\nroles: [a]\npre_conditions: {required: {x: {type: string, format: email}}}\n"),
    ("an empty output_schema", "policy_version: '1.0'\nroles: [a]\noutput_schema: {}\n"),
    ("a date without dashes fails the pattern", "policy_version: '1.0'\nroles: [a]\neffective_date: '20250101'\n"),
    ("a guard without then", "policy_version: '1.0'\nroles: [a]\nguards: [{when: {condition: x}}]\n"),
    ("retry_policy with a negative backoff", "policy_version: '1.0'\nroles: [a]\nretry_policy: {max_retries: 1, backoff_ms: -1}\n"),
    ("composition_strategy bogus without extends", "policy_version: '1.0'\nroles: [a]\ncomposition_strategy: bogus\n"),
    ("composition_strategy union without extends stays", "policy_version: '1.0'\nroles: [a]\ncomposition_strategy: union\n"),
    ("extends null fails the schema", "policy_version: '1.0'\nroles: [a]\nextends:\n"),
    ("extends empty is ignored and kept", "policy_version: '1.0'\nroles: [a]\nextends: ''\n"),
    ("YAML 1.1 integers and floats", "policy_version: '1.0'\nroles: [a]\nrisk: {mode: strict, threshold: 0.5, factors: "
     "[{name: '0x10', weight: 0.25, condition: x}]}\nretry_policy: {max_retries: 0x10, backoff_ms: 1_000}\n"),
    ("sexagesimal and octal integers", "policy_version: '1.0'\nroles: [a]\nretry_policy: {max_retries: 017, backoff_ms: 1:20}\n"),
    ("an output_schema keeps its contents unchecked",
     "policy_version: '1.0'\nroles: [a]\noutput_schema: {type: nonsense, properties: {x: {minimum: abc}}}\n"),
    ("the full DSL is valid",
     "policy_version: '3.1'\ndescription: all fields\nroles: [planner, verifier]\n"
     "conditions: {c: {type: boolean, required: false, default: true}}\n"
     "pre_conditions: {required: {a: {type: string, minLength: 1, pattern: '^x'}}, optional: [o]}\n"
     "post_conditions: {required: [output_schema_valid], optional: []}\n"
     "output_schema: {type: object}\ntools: {allowed_tools: [{name: search, max_calls: 3}]}\n"
     "retry_policy: {max_retries: 2, backoff_ms: 100}\n"
     "risk: {mode: risk_scored, threshold: 0.7, factors: [{name: f, weight: 1, condition: external_model}]}\n"
     "guards: [{when: {condition: c}, then: {post_conditions: {required: [output_schema_valid]}}}]\n"
     "effective_date: '2020-01-01'\nexpiration_date: '2030-12-31'\n"),
]:
    one(name, text, S)

# --------------------------------------------------------------------------
# Composition (§2)
# --------------------------------------------------------------------------

C = "composition"
BASE = """policy_version: '1.0'
description: base
roles: [planner, verifier, reviewer]
pre_conditions: {required: {a: {type: string}}, optional: [o1]}
post_conditions: {required: [output_schema_valid]}
output_schema: {type: object, properties: {result: {type: string}, extra: {type: number}}, required: [result, extra]}
tools: {allowed_tools: [{name: search, max_calls: 2}, {name: calc, max_calls: 1}]}
guards: [{when: {condition: "role == planner"}, then: {description: g1}}]
risk: {mode: strict, threshold: 0.5, factors: [{name: f1, weight: 0.3, condition: no_output_schema}]}
conditions: {c1: {type: boolean, default: false}}
"""
CHILD = """extends: base.yaml
policy_version: '2.0'
roles: [planner, verifier]
pre_conditions: {required: {b: {type: integer}}, optional: [o2]}
post_conditions: {required: [output_schema_valid]}
output_schema: {properties: {result: {type: integer}}, required: [result]}
tools: {allowed_tools: [{name: search, max_calls: 10}]}
guards: [{when: {condition: "role == verifier"}, then: {description: g2}}]
risk: {mode: warn_only, factors: [{name: f1, weight: 0.3, condition: no_output_schema}, {name: f2, weight: 0.9, condition: external_model}]}
conditions: {c2: {type: boolean, default: true}}
"""
for strategy in (None, "intersect", "union", "replace"):
    child = CHILD + (f"composition_strategy: {strategy}\n" if strategy else "")
    case(C, f"the worked example with the {strategy or 'default'} strategy",
         files={"base.yaml": BASE, "child.yaml": child}, load="child.yaml")

SIMPLE_BASE = "policy_version: '1.0'\nroles: [planner, verifier]\npost_conditions: {required: [output_schema_valid]}\noutput_schema: {type: object}\n"


def composed(name: str, child: str, base: str = SIMPLE_BASE, **spec) -> None:
    case(C, name, files={"base.yaml": base, "child.yaml": "extends: base.yaml\n" + child}, load="child.yaml", **spec)


composed("a partial child inherits version and roles", "description: child only\n")
composed("a base without policy_version fails on its own", "policy_version: '2.0'\n", base="roles: [a]\n")
composed("the default strategy cannot add a role", "roles: [admin]\n")
composed("union reports only escalation when also weakening",
         "composition_strategy: union\nroles: [zeta, admin]\npost_conditions: {required: []}\n")
composed("replace with empty post_conditions weakens", "composition_strategy: replace\npost_conditions: {}\n")
composed("replace with empty pre_conditions silently removes them",
         "composition_strategy: replace\npre_conditions: {}\n",
         base=SIMPLE_BASE + "pre_conditions: {required: {a: {type: string}}}\n")
composed("a child precondition list replaces a typed dict",
         "pre_conditions: {required: [x]}\n", base=SIMPLE_BASE + "pre_conditions: {required: {a: {type: string}}}\n")
composed("intersect to no roles fails the schema", "composition_strategy: intersect\nroles: [other]\n")
composed("composition_strategy null is the default", "composition_strategy:\nroles: [planner]\n")
composed("composition_strategy 5 is invalid", "composition_strategy: 5\n")
composed("composition_strategy bogus is invalid", "composition_strategy: bogus\n")
composed("composition_strategy Union is case-sensitive", "composition_strategy: Union\n")
composed("a child unknown key fails the schema after merging", "foo: 1\n")
composed("roles as a string escalates character by character", "roles: admin\n")
composed("roles as a string of base characters", "roles: ''\n")
composed("a child post_conditions list crashes the reference", "post_conditions: [x]\n")
composed("a child post_conditions null crashes the reference", "post_conditions:\n")
composed("a child post_conditions string crashes the reference", "post_conditions: abc\n")
composed("a child roles integer crashes the reference", "roles: 5\n")
composed("a child roles of mixed types crashes the reference", "roles: [1, planner]\n")
composed("a child roles of numbers on a base of numbers",
         "roles: [1.0, true]\n", base="policy_version: '1.0'\nroles: [a]\n")
composed("nested extends and composition_strategy keys are dropped",
         "output_schema: {properties: {extends: {type: string}, composition_strategy: {type: string}, keep: {type: string}}}\n",
         base=SIMPLE_BASE.replace("output_schema: {type: object}", "output_schema: {type: object, properties: {x: {type: string}}}"))
composed("nested composition keys survive when only the child has the parent",
         "output_schema: {type: object, properties: {extends: {type: string}}}\n",
         base="policy_version: '1.0'\nroles: [planner]\n")
composed("replace keeps nested composition keys",
         "composition_strategy: replace\noutput_schema: {properties: {extends: {type: string}}}\n")
composed("key order: base keys first, child-only keys appended",
         "retry_policy: {backoff_ms: 5, max_retries: 1}\ndescription: child\npolicy_version: '9'\n",
         base="roles: [planner]\npolicy_version: '1.0'\n")
composed("union dedupes by Python str",
         "composition_strategy: union\nguards: [{when: {condition: '1'}, then: {x: 1}}, {when: {condition: '1'}, then: {x: 1}}]\n"
         "output_schema: {enum: ['1', {b: 2, a: 1}, true, 'True', ~, 'None']}\n",
         base=SIMPLE_BASE.replace("output_schema: {type: object}", "output_schema: {type: object, enum: [1, {a: 1, b: 2}, 1, null]}"))
composed("intersect compares by Python ==",
         "composition_strategy: intersect\noutput_schema: {enum: [true, 1.0, {b: 2, a: 1}, [2, 1]]}\n",
         base=SIMPLE_BASE.replace("output_schema: {type: object}", "output_schema: {type: object, enum: [1, 2, 1, {a: 1, b: 2}, [1, 2]]}"))
composed("intersect with an empty child list empties it",
         "composition_strategy: intersect\npre_conditions: {optional: []}\n",
         base=SIMPLE_BASE + "pre_conditions: {optional: [a, b]}\n")
composed("union dedupes duplicates already in the base",
         "composition_strategy: union\npre_conditions: {optional: []}\n",
         base=SIMPLE_BASE + "pre_conditions: {optional: [a, a, b]}\n")
composed("typed enum widened by the default strategy",
         "pre_conditions: {required: {x: {enum: [b, c], type: integer}}}\n",
         base=SIMPLE_BASE + "pre_conditions: {required: {x: {type: string, enum: [a, b]}}}\n")
composed("typed enum widened by union",
         "composition_strategy: union\npre_conditions: {required: {x: {enum: [b, c]}}}\n",
         base=SIMPLE_BASE + "pre_conditions: {required: {x: {type: string, enum: [a, b]}}}\n")
composed("a type mismatch list against dict is replaced",
         "output_schema: [a]\n")
composed("risk can be downgraded", "risk: {mode: warn_only}\n", base=SIMPLE_BASE + "risk: {mode: strict, threshold: 0.2}\n")
composed("dates can be overridden by the child", "expiration_date: '2030-01-01'\n",
         base=SIMPLE_BASE + "expiration_date: '2029-01-01'\n")
composed("an expired base fails even when the child extends the date", "expiration_date: '2030-01-01'\n",
         base=SIMPLE_BASE + "expiration_date: '2020-01-01'\n")
composed("a base not yet active fails before the child", "effective_date: '2020-01-01'\n",
         base=SIMPLE_BASE + "effective_date: '2026-01-01'\n")
composed("an invalid strategy is reported before an escalation", "composition_strategy: bogus\nroles: [admin]\n")
composed("a weakening is reported before a schema error",
         "composition_strategy: replace\npost_conditions: {}\nfoo: 1\n")
composed("an escalation is reported before a weakening", "composition_strategy: replace\nroles: [admin]\npost_conditions: {}\n")
composed("a schema error is reported before a date error", "foo: 1\nexpiration_date: '2020-01-01'\n")
case(C, "a 400-level chain loads",
     files={"l0.yaml": "policy_version: '1.0'\nroles: [a, b]\n",
            **{f"l{level}.yaml": f"extends: l{level - 1}.yaml\ndescription: level {level}\n" for level in range(1, 400)}},
     load="l399.yaml")
case(C, "extends to a .txt is not YAML (absolute base path in details)",
     files={"base.txt": SIMPLE_BASE, "child.yaml": "extends: base.txt\n"}, load="child.yaml")
case(C, "a missing base does not exist (absolute base path in details)",
     files={"child.yaml": "extends: nope.yaml\ncomposition_strategy: bogus\nroles: [admin]\n"}, load="child.yaml")
case(C, "extends resolves against the policy's directory, not the working directory",
     files={"pol/base.yaml": SIMPLE_BASE, "pol/child.yaml": "extends: base.yaml\n", "base.yaml": "roles: [other]\n"},
     load="pol/child.yaml")
case(C, "an absolute extends is used as is",
     files={"b/base.yaml": SIMPLE_BASE, "child.yaml": "extends: <root>/b/base.yaml\n"}, load="child.yaml")
case(C, "extends with .. reaches a sibling directory",
     files={"shared/base.yaml": SIMPLE_BASE, "team/child.yaml": "extends: ../shared/base.yaml\nroles: [verifier]\n"},
     load="team/child.yaml")
case(C, "a base with a YAML error reports its own path",
     files={"base.yaml": "roles:\n\t- a\n", "child.yaml": "extends: base.yaml\n"}, load="child.yaml")
case(C, "a base with a schema error reports its own path",
     files={"base.yaml": "policy_version: '1.0'\nroles: []\n", "child.yaml": "extends: base.yaml\nroles: [a]\n"},
     load="child.yaml")
case(C, "a base whose root is a list",
     files={"base.yaml": "- a\n", "child.yaml": "extends: base.yaml\n"}, load="child.yaml")
case(C, "an escalation is checked against the immediate base",
     files={"l0.yaml": "policy_version: '1.0'\nroles: [a, b, c]\n",
            "l1.yaml": "extends: l0.yaml\ncomposition_strategy: intersect\nroles: [a, b]\n",
            "l2.yaml": "extends: l1.yaml\nroles: [c]\n"}, load="l2.yaml")
case(C, "a four-level chain with mixed strategies",
     files={"l0.yaml": "policy_version: '1.0'\nroles: [a, b, c, d]\n",
            "l1.yaml": "extends: l0.yaml\ncomposition_strategy: intersect\nroles: [a, b, c]\n",
            "l2.yaml": "extends: l1.yaml\ncomposition_strategy: union\nroles: [c, a]\n",
            "l3.yaml": "extends: l2.yaml\nroles: [a]\n"}, load="l3.yaml")
case(C, "extends null with other keys fails the schema",
     files={"child.yaml": "extends:\npolicy_version: '1.0'\nroles: [a]\n"}, load="child.yaml")
case(C, "extends 5 crashes the reference", files={"child.yaml": "extends: 5\npolicy_version: '1.0'\nroles: [a]\n"},
     load="child.yaml")
case(C, "extends true crashes the reference", files={"child.yaml": "extends: true\npolicy_version: '1.0'\nroles: [a]\n"},
     load="child.yaml")
case(C, "extends a list crashes the reference",
     files={"child.yaml": "extends: [base.yaml]\npolicy_version: '1.0'\nroles: [a]\n", "base.yaml": SIMPLE_BASE},
     load="child.yaml")
case(C, "the repository fixture child over base",
     files={"base.yaml": "policy_version: '1.0'\nroles: [planner, verifier]\n"
                         "pre_conditions:\n  required:\n    role_declared: {type: boolean}\n",
            "child.yaml": "extends: base.yaml\npolicy_version: '2.0'\nroles: [verifier]\n"
                          "pre_conditions:\n  required:\n    citations_available: {type: boolean}\n"},
     load="child.yaml")

# Cycles (§2.1 step 4).
K = "cycles"
case(K, "self-extension is a cycle", files={"self.yaml": "extends: self.yaml\npolicy_version: '1'\nroles: [a]\n"},
     load="self.yaml")
case(K, "a two-cycle", files={"a.yaml": "extends: b.yaml\n", "b.yaml": "extends: a.yaml\n"}, load="a.yaml")
case(K, "a three-cycle reports the sorted chain",
     files={"c1.yaml": "extends: c2.yaml\n", "c2.yaml": "extends: c3.yaml\n", "c3.yaml": "extends: c1.yaml\n"},
     load="c1.yaml")
case(K, "a three-cycle entered from the middle",
     files={"c1.yaml": "extends: c2.yaml\n", "c2.yaml": "extends: c3.yaml\n", "c3.yaml": "extends: c1.yaml\n"},
     load="c3.yaml")
case(K, "the chain sorts lexicographically, not by visit order",
     files={"z.yaml": "extends: sub/m.yaml\n", "sub/m.yaml": "extends: ../a.yaml\n", "a.yaml": "extends: z.yaml\n"},
     load="z.yaml")
case(K, "a cycle through a symlinked name",
     files={"a.yaml": "extends: link.yaml\n"}, symlinks={"link.yaml": "a.yaml"}, load="a.yaml")
case(K, "a diamond is not a cycle",
     files={"root.yaml": "policy_version: '1'\nroles: [a, b]\n", "left.yaml": "extends: root.yaml\nroles: [a]\n",
            "child.yaml": "extends: left.yaml\ndescription: d\n"}, load="child.yaml")

# --------------------------------------------------------------------------
# Dates (§3)
# --------------------------------------------------------------------------

D = "dates"


def dated(name: str, fields: str, today: str) -> None:
    one(name, VALID + fields, D, today=today)


dated("active on the effective date", "effective_date: '2025-06-15'\n", "2025-06-15")
dated("not active the day before the effective date", "effective_date: '2025-06-15'\n", "2025-06-14")
dated("active the day after the effective date", "effective_date: '2025-06-15'\n", "2025-06-16")
dated("active on the expiration date", "expiration_date: '2025-06-15'\n", "2025-06-15")
dated("expired the day after the expiration date", "expiration_date: '2025-06-15'\n", "2025-06-16")
dated("active the day before the expiration date", "expiration_date: '2025-06-15'\n", "2025-06-14")
dated("equal dates are active on that day", "effective_date: '2025-06-15'\nexpiration_date: '2025-06-15'\n", "2025-06-15")
dated("equal dates are inactive the day before", "effective_date: '2025-06-15'\nexpiration_date: '2025-06-15'\n", "2025-06-14")
dated("equal dates are expired the day after", "effective_date: '2025-06-15'\nexpiration_date: '2025-06-15'\n", "2025-06-16")
dated("effective after expiration is refused before the clock",
      "effective_date: '2025-07-01'\nexpiration_date: '2025-06-30'\n", "2025-06-15")
dated("year boundary: expired on new year's day", "expiration_date: '2024-12-31'\n", "2025-01-01")
dated("leap day is a valid date", "effective_date: '2024-02-29'\n", "2024-02-29")
dated("February 29th of a non-leap year is invalid", "effective_date: '2025-02-29'\n", "2025-06-15")
dated("February 30th is invalid", "effective_date: '2025-02-30'\n", "2025-06-15")
dated("month 13 is invalid", "expiration_date: '2025-13-01'\n", "2025-06-15")
dated("day 00 is invalid", "expiration_date: '2025-01-00'\n", "2025-06-15")
dated("a trailing newline passes the schema but not the parser", "effective_date: \"2025-01-01\\n\"\n", "2025-06-15")
dated("a datetime string fails the schema pattern", "effective_date: '2025-01-01T10:00:00'\n", "2025-06-15")
dated("an empty date string fails the schema pattern", "effective_date: ''\n", "2025-06-15")
dated("Arabic-Indic digits pass the schema but not the parser",
      "effective_date: '\u0662\u0660\u0662\u0665-\u0660\u0661-\u0660\u0661'\n", "2025-06-15")
dated("a week date fails the schema pattern", "effective_date: '2025-W01-1'\n", "2025-06-15")
dated("a null date fails the schema", "effective_date:\nexpiration_date: '2030-01-01'\n", "2025-06-15")
dated("an unquoted date object fails the schema before dates", "effective_date: 2020-01-01\n", "2025-06-15")
dated("an integer date fails the schema", "effective_date: 12345\n", "2025-06-15")
dated("far-future effective date is not yet active", "effective_date: '2099-01-01'\n", "2025-06-15")
dated("year 0001 is valid", "effective_date: '0001-01-01'\n", "2025-06-15")
dated("year 0000 is invalid", "effective_date: '0000-01-01'\n", "2025-06-15")
case(D, "a child date is checked on the merged policy",
     files={"base.yaml": VALID, "child.yaml": "extends: base.yaml\neffective_date: '2099-01-01'\n"},
     load="child.yaml", today="2100-01-01")
case(D, "a child expiry before the effective date is refused after merging",
     files={"base.yaml": VALID + "effective_date: '2025-01-01'\n", "child.yaml": "extends: base.yaml\nexpiration_date: '2024-01-01'\n"},
     load="child.yaml", today="2025-06-15")

# --------------------------------------------------------------------------
# Custom loaders (§1.8)
# --------------------------------------------------------------------------

L = "loaders"


def loaded(name: str, spec: dict, ref: str = "my-policy", **extra) -> None:
    case(L, name, loader=spec, load=ref, **extra)


loaded("a mapping is validated like a file", {"kind": "returns", "value": json.dumps({"policy_version": "1", "roles": ["a"]})})
loaded("a list result is not a mapping", {"kind": "returns", "value": "[1, 2]"})
loaded("a null result is not a mapping", {"kind": "returns", "value": "null"})
loaded("a string result is not a mapping", {"kind": "returns", "value": "\"policy\""})
loaded("a KeyError is wrapped", {"kind": "raises-KeyError", "message": "zzz"})
loaded("a ValueError is wrapped", {"kind": "raises-ValueError", "message": "database unavailable"})
loaded("a PolicyLoadError passes through",
       {"kind": "raises-PolicyLoadError", "message": "not in the store", "details": {"policy_file": "my-policy", "store": "db"}})
loaded("a PolicyValidationError is re-wrapped",
       {"kind": "raises-PolicyValidationError", "message": "bad policy", "details": {"why": "x"}})
loaded("a loader result still meets the schema", {"kind": "returns", "value": json.dumps({"roles": ["a"]})})
loaded("a loader result still meets the dates",
       {"kind": "returns", "value": json.dumps({"policy_version": "1", "roles": ["a"], "expiration_date": "2020-01-01"})})
loaded("a loader's date objects fail the schema",
       {"kind": "yaml", "value": "policy_version: '1'\nroles: [a]\neffective_date: 2020-01-01\n"})
loaded("a loader ref path is not checked", {"kind": "returns", "value": json.dumps({"policy_version": "1", "roles": ["a"]})},
       ref="not/a/file.txt")
loaded("extends in a loaded policy reads the base from the working directory",
       {"kind": "returns", "value": json.dumps({"extends": "base.yaml", "roles": ["planner"]})},
       files={"base.yaml": SIMPLE_BASE})
loaded("extends to another in-memory id is a file path",
       {"kind": "returns", "value": json.dumps({"extends": "p", "roles": ["planner"]})})
loaded("extends in a loaded policy is relative to the ref's directory",
       {"kind": "returns", "value": json.dumps({"extends": "base.yaml"})},
       ref="team/ref", files={"team/base.yaml": SIMPLE_BASE})


# --------------------------------------------------------------------------
# merge_policies and validate_policy_dates called directly
# --------------------------------------------------------------------------

MERGES = [
    # §2.2 verified examples
    ({"x": [1, {"a": 1, "b": 2}]}, {"x": ["1", {"b": 2, "a": 1}, True, "True"]}, "union"),
    ({"x": [1, 2, 1]}, {"x": [True, 1.0]}, "intersect"),
    ({"x": [1, 1, 2]}, {"x": []}, "union"),
    ({"x": [None, "None", 1.0, "1.0", 1]}, {"x": []}, "union"),
    ({"x": [[1, 2], [2, 1]]}, {"x": [[2, 1]]}, "intersect"),
    ({"x": [{"a": 1, "b": 2}]}, {"x": [{"b": 2, "a": 1}]}, "intersect"),
    ({"x": [0, False, 0.0]}, {"x": [False]}, "intersect"),
    ({"x": [1, 1]}, {"x": [1]}, None),
    ({"x": [1]}, {"x": [2]}, "bogus"),
    ({"x": [1]}, {"x": [2]}, "replace"),
    ({"x": {"a": [1], "b": 1}}, {"x": {"a": [2], "c": 3}}, None),
    ({"x": {"a": [1], "b": 1}}, {"x": {"a": [2], "c": 3}}, "replace"),
    ({"x": [1]}, {"x": {"a": 1}}, None),
    ({"x": {"a": 1}}, {"x": [1]}, "union"),
    ({"x": "s"}, {"x": ["s"]}, None),
    ({"x": None}, {"x": [1]}, None),
    ({"x": [1]}, {"x": None}, "intersect"),
    ({"b": 1, "a": 2}, {"c": 3, "a": 4, "b": 5}, None),
    ({"extends": "keep", "x": {"extends": 1, "composition_strategy": 2}},
     {"extends": "drop", "composition_strategy": "union", "x": {"extends": 3, "composition_strategy": 4, "y": 5}}, None),
    ({"x": {"extends": 1}}, {"x": {"extends": 3}, "extends": "e"}, "replace"),
    ({"x": [1.5, 2.0]}, {"x": [2, 1.5]}, "union"),
    ({"x": [1.5, 2.0]}, {"x": [2, 1.5]}, "intersect"),
]
for base, overlay, strategy in MERGES:
    GROUPS.setdefault("merges", []).append({
        "base": json.dumps(base), "overlay": json.dumps(overlay), "strategy": json.dumps(strategy),
        "result": repr(policy_loader._merge_policies(base, overlay, strategy)),
    })

DATE_CHECKS = [
    ("effective_date: '20250101'\n", "2025-06-15"),
    ("effective_date: '2025-W01-1'\n", "2024-12-29"),
    ("effective_date: '2025-W01-1'\n", "2024-12-30"),
    ("effective_date: '2025W011'\n", "2025-06-15"),
    ("effective_date: '2025-W01'\n", "2025-06-15"),
    ("effective_date: '2025-W53-1'\n", "2025-06-15"),
    ("effective_date: '2020-W53-7'\n", "2025-06-15"),
    ("effective_date: '2004-W53-1'\n", "2025-06-15"),
    ("effective_date: '2015-W53-7'\n", "2025-06-15"),
    ("effective_date: '2026-W53-1'\n", "2027-06-15"),
    ("effective_date: '2025-W00-1'\n", "2025-06-15"),
    ("effective_date: '2025-W01-0'\n", "2025-06-15"),
    ("effective_date: '2025-W01-8'\n", "2025-06-15"),
    ("effective_date: '0001-W01-1'\n", "2025-06-15"),
    ("expiration_date: '9999-W52-7'\n", "2025-06-15"),
    ("expiration_date: '9999-12-31'\n", "2025-06-15"),
    ("effective_date: '0050-02-29'\n", "2025-06-15"),
    ("effective_date: '0048-02-29'\n", "2025-06-15"),
    ("effective_date: '2000-02-29'\n", "2025-06-15"),
    ("effective_date: '1900-02-29'\n", "2025-06-15"),
    ("effective_date: '2025-04-31'\n", "2025-06-15"),
    ("effective_date: '2025-01-01T10:00:00'\n", "2025-06-15"),
    ("effective_date: ''\n", "2025-06-15"),
    ("effective_date: 12345\n", "2025-06-15"),
    ("effective_date: true\n", "2025-06-15"),
    ("effective_date: 1.5\n", "2025-06-15"),
    ("effective_date: [2025-01-01]\n", "2025-06-15"),
    ("effective_date: 2025-01-01\n", "2024-12-31"),
    ("expiration_date: 2025-01-01 23:59:59\n", "2025-01-01"),
    ("expiration_date: 2025-01-01 23:59:59\n", "2025-01-02"),
    ("expiration_date: 2025-01-01t01:00:00+05:00\n", "2025-01-01"),
    ("effective_date: '2025-01-01'\nexpiration_date: 2024-12-31\n", "2025-06-15"),
    ("effective_date:\nexpiration_date:\n", "2025-06-15"),
    ("{}\n", "2025-06-15"),
    ("effective_date: '2025-06-15'\nexpiration_date: '2025-06-16'\n", "2025-06-16"),
    ("effective_date: 'x'\nexpiration_date: 5\n", "2025-06-15"),
    ("effective_date: '2025-1-1'\n", "2025-06-15"),
    ("effective_date: ' 2025-01-01'\n", "2025-06-15"),
]


def date_check(text: str, today: str) -> dict:
    import yaml

    policy = yaml.safe_load(text)
    day = date.fromisoformat(today)
    return outcome(lambda: _original_validate_dates(policy, clock=lambda: day), "/nonexistent-root")


for text, today in DATE_CHECKS:
    GROUPS.setdefault("date-checks", []).append({"yaml": text, "today": today, **date_check(text, today)})


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for group, cases in GROUPS.items():
        recorded = [spec if "load" not in spec else {**spec, **run(spec)} for spec in cases]
        path = OUT / f"{group}.json"
        path.write_text(json.dumps({"cases": recorded}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{len(recorded)} cases written to {path}")


if __name__ == "__main__":
    main()
