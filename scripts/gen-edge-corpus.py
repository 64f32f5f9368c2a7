#!/usr/bin/env python3
"""Generate the edge-case conformance corpus test/data/corpus-edges (dev tool).

Usage: gen-edge-corpus.py OUT_DIR

Writes OUT_DIR/policies/*.yaml and OUT_DIR/invocations.jsonl: small families
of policies aimed at places where the engine once disagreed with the
reference (guard `then` blocks that leave the effective policy in shapes the
policy schema forbids, max_calls of every YAML type, enum uniqueness per
JSON Schema draft, Python regex features, Unicode 14 character classes,
provenance hashes, YAML escapes). Expected artifacts come from the reference:

  shared/tools/ref-run REF_DIR OUT_DIR
  sed -i "s#$(realpath OUT_DIR)#<CORPUS>#g" OUT_DIR/expected.jsonl
"""
import json
import os
import sys

POLICIES = {}
INVOCATIONS = []

RISK = ("risk: {mode: risk_scored, factors: [{name: b, weight: 0.5, condition: broad_roles}, "
        "{name: n, weight: 0.25, condition: no_preconditions}, {name: o, weight: 0.125, condition: no_output_schema}, "
        "{name: h, weight: 0.0625, condition: high_tool_count}]}\n")


def policy(name, text):
    POLICIES[name] = text
    return f"policies/{name}.yaml"


def invoke(policy_file, role="planner", context=None, output=None, tool_calls=None, **extra):
    invocation = {"policy_file": policy_file, "model_provider": "p", "model_identifier": "m", "role": role,
                  "input": {}, "context": context if context is not None else {},
                  "output": output if output is not None else {}}
    if tool_calls is not None:
        invocation["tool_calls"] = tool_calls
    invocation.update(extra)
    INVOCATIONS.append(invocation)


def guard_policy(then, base="", risk=False):
    return ("policy_version: '1'\nroles: [planner]\n" + base + (RISK if risk else "")
            + "guards:\n- when: {condition: role == planner}\n  then: " + then + "\n")


# A guard's `then` block replaces policy blocks with any YAML value.
THEN_BLOCKS = [
    "{roles: 'planner'}", "{roles: 'xplannerx'}", "{roles: {planner: 1}}", "{roles: null}", "{roles: 5}",
    "{roles: true}", "{roles: [[planner]]}", "{roles: ''}", "{roles: 1.5}", "{roles: {1: planner}}",
    "{pre_conditions: 'abc'}", "{pre_conditions: null}", "{pre_conditions: 5}", "{pre_conditions: [a]}",
    "{pre_conditions: {required: 'ab'}}", "{pre_conditions: {required: 5}}", "{pre_conditions: {required: null}}",
    "{pre_conditions: {required: {a: null}}}", "{pre_conditions: {required: {a: 'string'}}}",
    "{pre_conditions: {required: {a: 'xyz'}}}", "{pre_conditions: {required: {a: [type]}}}",
    "{pre_conditions: {required: {a: [x]}}}", "{pre_conditions: {required: {a: 5}}}",
    "{pre_conditions: {required: {a: true}}}", "{pre_conditions: {required: {1: {type: string}}}}",
    "{pre_conditions: {required: [{a: 1}]}}", "{pre_conditions: {required: [1, 2]}}",
    "{pre_conditions: {required: [null]}}", "{pre_conditions: {required: [[a]]}}",
    "{pre_conditions: {required: {a: {type: [string, integer]}}}}",
    "{pre_conditions: {required: {a: {type: any, minimum: 1}}}}", "{pre_conditions: {required: true}}",
    "{pre_conditions: {required: {}}}", "{pre_conditions: {required: []}}", "{pre_conditions: {}}",
    "{post_conditions: 'abc'}", "{post_conditions: null}", "{post_conditions: 5}",
    "{post_conditions: {required: 'output_schema_valid'}}", "{post_conditions: {required: {output_schema_valid: 1}}}",
    "{post_conditions: {required: {true: 1}}}", "{post_conditions: {required: [null]}}",
    "{post_conditions: {required: [5]}}", "{post_conditions: {required: null}}",
    "{post_conditions: {required: [output_schema_valid]}}", "{post_conditions: {required: []}}",
    "{post_conditions: [x]}", "{output_schema: 'x'}", "{output_schema: null}", "{output_schema: true}",
    "{output_schema: false}", "{output_schema: 5}", "{output_schema: [1]}", "{output_schema: {}}",
    "{output_schema: {type: object, required: [a]}}",
    "{tools: 'abc'}", "{tools: null}", "{tools: [1]}", "{tools: 5}", "{tools: {}}", "{tools: {allowed_tools: 'ab'}}",
    "{tools: {allowed_tools: ''}}", "{tools: {allowed_tools: null}}", "{tools: {allowed_tools: 5}}",
    "{tools: {allowed_tools: [calc]}}", "{tools: {allowed_tools: [{name: calc}]}}",
    "{tools: {allowed_tools: [{max_calls: 1}]}}", "{tools: {allowed_tools: [{name: 5, max_calls: 1}]}}",
    "{tools: {allowed_tools: [{name: null, max_calls: 1}]}}", "{tools: {allowed_tools: [{name: [a], max_calls: 1}]}}",
    "{tools: {allowed_tools: [null]}}", "{tools: {allowed_tools: [[calc, 1]]}}", "{tools: {allowed_tools: [5]}}",
    "{tools: {allowed_tools: {a: 1}}}", "{tools: {x: 1}}",
    "{tools: {allowed_tools: [{name: calc, max_calls: 1}, {name: calc, max_calls: 3}]}}",
    "{tools: {allowed_tools: [{name: 1, max_calls: 1}, {name: 1.0, max_calls: 2}, {name: true, max_calls: 5}]}}",
]
THEN_CONTEXTS = [({}, []), ({"a": "x", "b": 1}, [{"name": "calc"}]), ({"a": 5, "abc": True, "x": 1}, [{"name": 5}]),
                 ({"a": "", "1": "x"}, [{"name": 1}, {"name": True}, {"name": 1.0}])]
for index, then in enumerate(THEN_BLOCKS):
    for risk in (False, True):
        path = policy(f"then{index}{'r' if risk else ''}", guard_policy(then, risk=risk))
        for context, calls in THEN_CONTEXTS[:2] if risk else THEN_CONTEXTS:
            invoke(path, context=context, output={"a": 1}, tool_calls=calls)

# max_calls of every YAML type, set by a guard (the policy schema guards the base policy).
MAX_CALLS = ["'3'", "null", ".inf", "-.inf", ".nan", "2.0", "1e3", "1.0e3", "'1e3'", "true", "false", "2.5", "[1]",
             "{a: 1}", "'abc'", "0", "-1", "2020-01-01", "0x10", "1_0", "9999999999999999999999"]
for index, value in enumerate(MAX_CALLS):
    base = "tools: {allowed_tools: [{name: calc, max_calls: 1}]}\n"
    path = policy(f"maxcalls{index}", guard_policy(f"{{tools: {{allowed_tools: [{{name: calc, max_calls: {value}}}]}}}}", base))
    for count in (1, 2, 5):
        invoke(path, tool_calls=[{"name": "calc"}] * count)
    invoke(path, tool_calls=[{"name": "other"}, {"name": "calc"}])
    invoke(path, tool_calls=[])

# Provenance checksums: Python's `$` also matches before a final newline.
HEX = "a" * 64
PROVENANCE_PATH = policy("provenance", "policy_version: '1'\nroles: [planner]\n")
for value in [HEX + "\n", HEX + "\n\n", HEX + "\r", "\n" + HEX, HEX.upper(), HEX[:63] + "\n", HEX + " ", HEX + "\u2028"]:
    invoke(PROVENANCE_PATH, context={"provenance": {"derived_from_audit_checksums": [value, HEX]}})
    invoke(PROVENANCE_PATH, context={"provenance": {"compilation_source_hash": value, "source_ids": [value]}})

# enum items: unique and non-empty in draft-04's metaschema only.
DRAFTS = {"none": None, "d4": "http://json-schema.org/draft-04/schema#", "d6": "http://json-schema.org/draft-06/schema#",
          "d7": "http://json-schema.org/draft-07/schema#", "d19": "https://json-schema.org/draft/2019-09/schema",
          "d20": "https://json-schema.org/draft/2020-12/schema"}
ENUMS = ["[1, 1.0]", "[1, 1]", "[a, a]", "[[1], [1.0]]", "[{k: 1}, {k: 1.0}]", "[]", "[1, true]", "[0, false, 0.0]", "[.nan, .nan]"]
for draft, uri in DRAFTS.items():
    for index, items in enumerate(ENUMS):
        header = f"  $schema: '{uri}'\n" if uri else ""
        path = policy(f"enum-{draft}-{index}", "policy_version: '1'\nroles: [planner]\noutput_schema:\n" + header
                      + f"  type: object\n  properties:\n    a: {{enum: {items}}}\n")
        for value in (1, 1.0, True, "a", [1], {"k": 1}, 2):
            invoke(path, output={"a": value})

# Python regex features in precondition and output-schema patterns, and Unicode 14 classes.
PATTERNS = [r"^\N{LATIN SMALL LETTER E WITH ACUTE}$", r"\N{EM DASH}", r"(?i:abc)d", r"(?i)a(?-i:b)c", r"^(a)?(?(1)b|c)$",
            r"^(?P<q><)?\w+(?(q)>)$", r"^\d$", r"^\w+$", r"^[^\d]$", r"(?i)^k$", r"(?i)^[a-z]+$", r"(?i)^ß$", r"(?>(a)b)\1",
            r"(?i:(a)\1)", r"(?i)(a)\1", r"\N{NOT A NAME}", r"(a)(?(2)b|c)", r"(?i)^\u0264$"]
VALUES = ["é", "e", "—", "ABCd", "ABCD", "AbC", "ABC", "ab", "c", "ac", "<a>", "a", "<a", "\U00011f50", "\U00011f04", "5",
          "\u212a", "\u017f\u0131", "ẞ", "aba", "aA", "\ua7cb", "\U0001f6dc", "\u0378"]
for index, pattern in enumerate(PATTERNS):
    quoted = json.dumps(pattern)
    pre = policy(f"regex-pre{index}", "policy_version: '1'\nroles: [planner]\npre_conditions:\n  required:\n"
                 f"    v: {{type: string, pattern: {quoted}}}\n")
    out = policy(f"regex-out{index}", "policy_version: '1'\nroles: [planner]\noutput_schema:\n  type: object\n"
                 f"  properties:\n    v: {{type: string, pattern: {quoted}}}\n  patternProperties:\n    {quoted}: {{type: integer}}\n")
    for value in VALUES:
        invoke(pre, context={"v": value})
        invoke(out, output={"v": value, value: value})
UNICODE_PATH = policy("unicode14", "policy_version: '1'\nroles: [planner]\npre_conditions:\n  required:\n"
                      "    s: {type: integer}\n    d: {type: string, pattern: '^\\d$'}\n")
for value in ["\U0001f6dc", "\u0378", "\U00011f50", "\U0001fae8", "\u0e01", "\ufeff", "\U000e0001", "\u2028"]:
    invoke(UNICODE_PATH, context={"s": value, "d": "5"})
    invoke(UNICODE_PATH, context={"s": 1, "d": value})

# Nesting: the reference's checksum recursion fails beyond 495 levels of input or output.
def nested(levels, kind):
    value = 1
    for level in range(levels):
        value = [value] if kind == "list" or (kind == "mix" and level % 2) else {"d": value}
    return value


DEPTH_PATH = policy("depth", "policy_version: '1'\nroles: [planner]\n")
for levels in (494, 495, 496, 497):
    for kind in ("list", "dict", "mix"):
        invoke(DEPTH_PATH, **{"input": {"x": nested(levels - 1, kind)}})
        invoke(DEPTH_PATH, output={"x": nested(levels - 1, kind)})
    invoke(DEPTH_PATH, role="nobody", **{"input": {"x": nested(levels - 1, "list")}})
    invoke(DEPTH_PATH, model_provider=5, output={"x": nested(levels - 1, "list")})


def write(out_dir):
    os.makedirs(os.path.join(out_dir, "policies"), exist_ok=True)
    for name, text in POLICIES.items():
        with open(os.path.join(out_dir, "policies", f"{name}.yaml"), "w", encoding="utf-8") as handle:
            handle.write(text)
    with open(os.path.join(out_dir, "invocations.jsonl"), "w", encoding="utf-8") as handle:
        for invocation in INVOCATIONS:
            handle.write(json.dumps(invocation, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write(sys.argv[1])
