#!/usr/bin/env python3
"""Compare our policy DSL schema with the Python reference's, error by error.

Dev tool, not a test. The reference reports only the first schema error of a
policy: all Draft-07 errors sorted (stably) by their dotted pointer. Both
schemas must therefore give the same first error -- pointer, keyword and
message -- for every policy, valid or not. The corpus is a set of hand-written
policies plus seeded single and combined mutations of a complete policy.

Usage: python3 scripts/compare-policy-schema.py [--reference PATH] [--seed N]
       [--combos N] [--verbose]
Exit status: 0 when every policy agrees, 1 otherwise.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import random
import sys
from pathlib import Path

from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parent.parent
OURS = ROOT / "schemas" / "policy_dsl.schema.json"
REFERENCE = Path("/work/shared/reference/schemas/policy_dsl.schema.json")

COMPLETE_POLICY = {
    "extends": "base.yaml",
    "composition_strategy": "union",
    "policy_version": "1.0",
    "description": "complete policy",
    "effective_date": "2025-01-01",
    "expiration_date": "2030-12-31",
    "roles": ["planner", "verifier"],
    "conditions": {"is_enterprise": {"type": "boolean", "required": True, "default": False}},
    "tools": {"allowed_tools": [{"name": "search", "max_calls": 2}]},
    "retry_policy": {"max_retries": 2, "backoff_ms": 100},
    "risk": {
        "mode": "strict",
        "threshold": 0.5,
        "factors": [{"name": "ext", "weight": 0.4, "condition": "external_model"}],
    },
    "pre_conditions": {
        "required": {"role_declared": {"type": "boolean"}, "ticket": {"type": "string", "pattern": "^T-"}},
        "optional": ["locale"],
    },
    "post_conditions": {"required": ["output_schema_valid"], "optional": ["x"]},
    "output_schema": {"type": "object", "properties": {"result": {"type": "string"}}},
    "guards": [{"when": {"condition": "is_enterprise"}, "then": {"roles": ["auditor"]}}],
}

# Values each field is replaced with; most are wrong for some field.
PALETTE = [
    None, True, False, 0, 1, -1, 2, 2.0, 1.5, -0.5, 0.0, 1.0, "", "x", "2025-01-01",
    "20250101", "2025-1-1", "2025-01-01\n", "\u0662\u0660\u0662\u0665-\u0660\u0661-\u0660\u0661",
    "intersect", "strict", "boolean", [], ["a"], [1], [None], {}, {"a": 1}, {"type": "boolean"},
    datetime.date(2020, 1, 1), [{"name": "t", "max_calls": 1}], [{"name": "t"}],
    [{"when": {"condition": "c"}, "then": {}}], [{"when": {}, "then": {}}],
    {"k": {"type": "string"}}, {"k": "string"}, {"k": {"minLength": -1}}, {"k": {"enum": "a"}},
    [{"name": "f", "weight": 2, "condition": "c"}], [{"name": "f", "weight": 0.1}],
]

HAND_WRITTEN = [
    None, 1, "policy", [], {}, {"policy_version": "1"}, {"roles": ["a"]},
    {"policy_version": "", "roles": [""]},
    {"policy_version": 1.0, "roles": ["a"]},
    {"policy_version": "1", "roles": [True, False]},
    {"policy_version": "1", "roles": []},
    {"policy_version": "1", "roles": "a"},
    {"policy_version": "1", "roles": ["a"], "foo": 1, "bar": 2},
    {"policy_version": "1", "roles": ["a"], 1: "x"},
    {"foo": 1},
    {"policy_version": "1", "roles": ["a"], "effective_date": datetime.date(2020, 1, 1)},
    {"policy_version": "1", "roles": ["a"], "effective_date": "20250101"},
    {"policy_version": "1", "roles": ["a"], "expiration_date": "2025-01-01\n"},
    {"policy_version": "1", "roles": ["a"], "tools": {}},
    {"policy_version": "1", "roles": ["a"], "tools": {"allowed_tools": []}},
    {"policy_version": "1", "roles": ["a"], "tools": {"allowed_tools": [{"name": "t", "max_calls": 0}]}},
    {"policy_version": "1", "roles": ["a"], "tools": {"allowed_tools": [{"name": "t", "max_calls": 2.0}]}},
    {"policy_version": "1", "roles": ["a"], "tools": {"allowed_tools": [{"name": "t", "max_calls": True}]}},
    {"policy_version": "1", "roles": ["a"], "tools": {"allowed_tools": [{"extra": 1}]}},
    {"policy_version": "1", "roles": ["a"], "tools": {"allowed_tools": [{"name": 1, "max_calls": 1, "x": 1}]}},
    {"policy_version": "1", "roles": ["a"], "risk": {}},
    {"policy_version": "1", "roles": ["a"], "risk": {"mode": "bogus", "threshold": 1.5}},
    {"policy_version": "1", "roles": ["a"], "risk": {"mode": "strict", "threshold": -0.1}},
    {"policy_version": "1", "roles": ["a"], "risk": {"mode": "strict", "factors": [{"name": "f", "weight": 1.5, "condition": "c"}]}},
    {"policy_version": "1", "roles": ["a"], "risk": {"mode": "strict", "factors": [{"weight": -1}]}},
    {"policy_version": "1", "roles": ["a"], "conditions": {"c": {"type": "string"}}},
    {"policy_version": "1", "roles": ["a"], "conditions": {"c": {}}},
    {"policy_version": "1", "roles": ["a"], "conditions": {"c": {"type": "boolean", "default": "no"}}},
    {"policy_version": "1", "roles": ["a"], "pre_conditions": {"required": "abc"}},
    {"policy_version": "1", "roles": ["a"], "pre_conditions": {"required": [1]}},
    {"policy_version": "1", "roles": ["a"], "pre_conditions": {"required": {"k": {"type": 1}}}},
    {"policy_version": "1", "roles": ["a"], "pre_conditions": {"required": {"k": {"anything": 1}}}},
    {"policy_version": "1", "roles": ["a"], "pre_conditions": {"required": ["a"], "extra": 1}},
    {"policy_version": "1", "roles": ["a"], "post_conditions": {"required": "output_schema_valid"}},
    {"policy_version": "1", "roles": ["a"], "output_schema": {}},
    {"policy_version": "1", "roles": ["a"], "output_schema": []},
    {"policy_version": "1", "roles": ["a"], "guards": [{"when": {"condition": 1}, "then": []}]},
    {"policy_version": "1", "roles": ["a"], "guards": [{"when": {"condition": "c", "x": 1}}]},
    {"policy_version": "1", "roles": ["a"], "guards": {}},
    {"policy_version": "1", "roles": ["a"], "retry_policy": {"max_retries": -1, "backoff_ms": 1.5}},
    {"policy_version": "1", "roles": ["a"], "retry_policy": {"max_retries": 1}},
    {"policy_version": "1", "roles": ["a"], "composition_strategy": 5},
    {"policy_version": "1", "roles": ["a"], "composition_strategy": "merge"},
    {"policy_version": "1", "roles": ["a"] * 11 + [1, 2]},
]


def object_paths(value, prefix=()):
    """Every path to an object or array node (where mutations can land)."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, (dict, list)):
                yield from object_paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            if isinstance(child, (dict, list)):
                yield from object_paths(child, prefix + (index,))


def leaf_paths(value, prefix=()):
    if isinstance(value, dict):
        for key, child in value.items():
            yield prefix + (key,)
            yield from leaf_paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield prefix + (index,)
            yield from leaf_paths(child, prefix + (index,))


def node_at(value, path):
    for part in path:
        value = value[part]
    return value


def replaced(policy, path, new_value):
    result = copy.deepcopy(policy)
    node_at(result, path[:-1])[path[-1]] = copy.deepcopy(new_value)
    return result


def removed(policy, path):
    result = copy.deepcopy(policy)
    parent = node_at(result, path[:-1])
    if isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent.pop(path[-1])
    return result


def with_unknown_key(policy, path, key):
    result = copy.deepcopy(policy)
    node = node_at(result, path)
    if isinstance(node, dict):
        node[key] = "unexpected"
    else:
        node.append("unexpected")
    return result


def single_mutations(base):
    for path in list(leaf_paths(base)):
        yield removed(base, path)
        for value in PALETTE:
            yield replaced(base, path, value)
    for path in list(object_paths(base)):
        yield with_unknown_key(base, path, "zz_unknown")
        yield with_unknown_key(base, path, "aa_unknown")


def combined_mutations(base, rng, count):
    singles = list(single_mutations(base))
    for _ in range(count):
        policy = copy.deepcopy(base)
        for _ in range(rng.randint(2, 4)):
            paths = list(leaf_paths(policy))
            if not paths:
                break
            path = rng.choice(paths)
            action = rng.random()
            if action < 0.2:
                policy = removed(policy, path)
            elif action < 0.35:
                parents = list(object_paths(policy))
                policy = with_unknown_key(policy, rng.choice(parents), rng.choice(["zz", "aa", "mode"]))
            else:
                policy = replaced(policy, path, rng.choice(PALETTE))
        yield policy
    yield from rng.sample(singles, min(len(singles), count // 10))


def pointer(error):
    parts = [str(part) for part in error.absolute_path]
    return "$" + "".join("." + part for part in parts)


def first_error(validator, policy):
    errors = sorted(validator.iter_errors(policy), key=pointer)
    if not errors:
        return None
    error = errors[0]
    return (pointer(error), error.validator, error.message)


def all_errors(validator, policy):
    return [(pointer(e), e.validator, e.message) for e in sorted(validator.iter_errors(policy), key=pointer)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--combos", type=int, default=3000)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    ours_schema = json.loads(OURS.read_text(encoding="utf-8"))
    reference_schema = json.loads(args.reference.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(ours_schema)
    ours = Draft7Validator(ours_schema)
    reference = Draft7Validator(reference_schema)

    rng = random.Random(args.seed)
    corpus = [copy.deepcopy(COMPLETE_POLICY), *HAND_WRITTEN]
    corpus += list(single_mutations(COMPLETE_POLICY))
    corpus += list(combined_mutations(COMPLETE_POLICY, rng, args.combos))

    first_agree = 0
    list_agree = 0
    valid = 0
    disagreements = []
    for policy in corpus:
        expected = first_error(reference, policy)
        actual = first_error(ours, policy)
        valid += expected is None
        if expected == actual:
            first_agree += 1
        else:
            disagreements.append((policy, expected, actual))
        list_agree += all_errors(reference, policy) == all_errors(ours, policy)

    total = len(corpus)
    print(f"policies: {total} ({valid} valid under the reference, {total - valid} invalid)")
    print(f"first error (pointer, keyword, message) agrees: {first_agree}/{total}")
    print(f"whole sorted error list agrees: {list_agree}/{total}")
    for policy, expected, actual in disagreements[: None if args.verbose else 10]:
        print(f"- policy: {policy!r}\n  reference: {expected}\n  ours:      {actual}")
    return 0 if not disagreements else 1


if __name__ == "__main__":
    sys.exit(main())
