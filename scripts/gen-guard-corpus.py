"""Regenerates test/data/guards/*.json from the Python reference (aigc 0.3.3).

Run from the repository root:
    PYTHONPATH=/path/to/reference python3 scripts/gen-guard-corpus.py

Every case stores its inputs as JSON text (so ints, floats and NaN survive)
and the reference's outcome: the result's Python repr, or the error's class
name, message and details repr. The TypeScript tests replay the inputs and
compare byte for byte.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

from aigc._internal.conditions import resolve_conditions
from aigc._internal.errors import AIGCError
from aigc._internal.guards import (
    _coerce_value,
    _merge_policy_blocks,
    compile_guard_expression,
    evaluate_ast,
    evaluate_guards,
)

OUT = Path(__file__).resolve().parent.parent / "test" / "data" / "guards"
rng = random.Random(20240603)


def dumps(value) -> str:
    return json.dumps(value, allow_nan=True)


def outcome(thunk) -> dict:
    try:
        return {"result": repr(thunk())}
    except AIGCError as exc:
        return {"error": type(exc).__name__, "message": str(exc), "details": repr(exc.details)}
    except (OverflowError, TypeError, AttributeError) as exc:
        return {"error": type(exc).__name__, "message": str(exc)}


# --------------------------------------------------------------------------
# Environments: resolved conditions, the invocation role and its context.
# --------------------------------------------------------------------------

ENVIRONMENTS = {
    # The spec's verified-table environment (reference-policy-layer.md §5.5).
    "table": {
        "conditions": {"t": True, "f": False, "role": False},
        "invocation": {
            "role": "planner",
            "context": {
                "count": 10, "s": "abc", "num_s": "7", "lst": ["a", 1, "5"], "d": {"a": 1},
                "user.tier": "gold", "user": {"tier": "silver"}, "flag": True, "ver": "1",
                "f": 1.5, "t": "ctx-t", "zero": 0, "n": 10,
            },
        },
    },
    # Values at the edges of Python's number and string semantics.
    "edges": {
        "conditions": {"a": True, "b": False, "x": True},
        "invocation": {
            "context": {
                "big": 10**30, "huge": 10**400, "negbig": -(10**400), "nanv": float("nan"),
                "pinf": float("inf"), "ninf": float("-inf"), "negz": -0.0, "fl1": 1.0, "half": 0.5,
                "s_num": " 1_0 ", "uni": "١٢", "uni_space": "\u00a012\u3000", "sep": "\x1c5",
                "emoji": "😀x", "none": None, "tv": True, "fv": False, "empty": "", "emptyl": [],
                "d2": {}, "sci": "1e3", "hexs": "0x10", "infs": "-Infinity", "nans": "NaN",
                "quote": "it's", "dq": 'say "hi"', "both": "it's \"x\"", "ctrl": "a\x07b", "nl": "a\nb",
                "lst2": [1.0, True, None, "nan", [1], {"a": 1}, "", "😀", 0, "x y", "١"],
                "nested": [[1, 2], {"k": [True]}], "a": 5, "role": "ctx-role",
            },
        },
    },
    # No conditions, a role, an empty context.
    "bare": {
        "conditions": {},
        "invocation": {"role": "admin", "context": {}},
    },
}

IDENTS = [
    "t", "f", "role", "count", "s", "num_s", "lst", "d", "user.tier", "user", "flag", "ver", "zero", "n",
    "missing", "a", "b", "x", "big", "huge", "negbig", "nanv", "pinf", "ninf", "negz", "fl1", "half",
    "s_num", "uni", "uni_space", "sep", "emoji", "none", "tv", "fv", "empty", "emptyl", "d2", "sci",
    "hexs", "infs", "nans", "quote", "dq", "both", "ctrl", "nl", "lst2", "nested", "true", "false",
    "True", "None", "andy", "notable", "index", "or_x", "a.b.c", "_x", "x1", "planner", "admin", "AND",
]
KEYWORDS = ["and", "or", "not", "in"]
OPS = ["==", "!=", "<", ">", "<=", ">="]
BAD_OPS = ["=", "!", "<>", "=>", "=<", "!==", "==="]
STRINGS = [
    "'a'", '"b"', "'1'", '"1.0"', "'true'", "'false'", "''", '""', "'\"'", '"it\'s"', "'١٢'", "' 10 '",
    "'1_0'", "'inf'", "'-Infinity'", "'nan'", "'x y'", "'plan'", "'😀'", "'1e3'", "'+10'", "'１０'",
    "'\u00a05\u3000'", "'\x1c5'", "'0x10'", "'abc'", "'ctx'", "'e'", "'None'", "'True'", "'5'",
    "'1__0'", "'_1'", "'1.'", "'.5'", "'\u0665'", "'٫'",
]
UNTERMINATED = ["'abc", '"abc', "'", '"']
NUMBERS = [
    "5", "-5", "10", "10.0", "1.5", "-1.5", "010", "0", "-0", "-0.0", "0.5", "1e1", "0x10", "5.", ".5",
    "٥", "١٠", "١.٥", "-٣", "99999999999999999999", "1" * 400, "9" * 4301, "1_0", "12345678901234567890.5",
    "0.1", "3", "100", "-1", "2", "7", "\U0001d7d8", "\uff15",
]
PARENS = ["(", ")"]
WEIRD = ["&", "|", "é", "$", "#", "@", ",", "[", "]", "{", "}", "+", "*", "/", "\\", "`", "~", ";", ":",
         "?", "٫", "\u200b", "\ufeff", "-", ".", "\x7f", "😀", "\u2028"]
SEPARATORS = [" ", " ", " ", "", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "\u3000", "\x85"]


def random_token() -> str:
    pool = rng.choices(
        [IDENTS, KEYWORDS, OPS, BAD_OPS, STRINGS, UNTERMINATED, NUMBERS, PARENS, WEIRD],
        weights=[30, 14, 14, 2, 10, 1, 10, 8, 2],
    )[0]
    return rng.choice(pool)


def token_soup() -> str:
    tokens = [random_token() for _ in range(rng.randint(1, 7))]
    text = tokens[0]
    for token in tokens[1:]:
        text += rng.choice(SEPARATORS) + token
    if rng.random() < 0.2:
        text = rng.choice(SEPARATORS) + text + rng.choice(SEPARATORS)
    return text


def literal_token() -> str:
    pool = rng.choices([IDENTS, STRINGS, NUMBERS, KEYWORDS, PARENS, OPS], weights=[10, 12, 16, 1, 1, 1])[0]
    return rng.choice(pool)


def atom() -> str:
    kind = rng.random()
    if kind < 0.25:
        return rng.choice(IDENTS[:20] + ["t", "f", "a", "b", "x", "role"])
    if kind < 0.75:
        return f"{rng.choice(IDENTS)} {rng.choice(OPS)} {literal_token()}"
    left = rng.choice(STRINGS + IDENTS[:30])
    return f"{left} in {rng.choice(IDENTS)}"


def structured(depth: int = 0) -> str:
    choice = rng.random()
    if depth >= 3 or choice < 0.4:
        return atom()
    if choice < 0.55:
        return "not " + structured(depth + 1)
    if choice < 0.7:
        return "(" + structured(depth + 1) + ")"
    keyword = rng.choice(["and", "or"])
    return f"{structured(depth + 1)} {keyword} {structured(depth + 1)}"


TABLE = [
    "t", "not t", "not not t", "t and f", "t or f", "not t or t", "t and (f or t)", "((t))",
    "f or t and f", "t or f and f", "not t and f", "not (t and f)",
    "role == planner", "role == 'planner'", 'role == "planner"', "role != planner", "role == PLANNER",
    "role", "not role == planner",
    "count > 5", "count >= 10", "count < 10.5", "count == 10.0", "count == '10'",
    "num_s > 5", "num_s == 7", "s > 5",
    "missing > -1", "missing < 1", "missing == None", "missing != x",
    "ver == 1", "ver == '1'", 'ver == "1"',
    "flag == true", "flag == 1", "flag == True", "flag > 0", "t == true", "f == 1.5", "f > 1",
    "count", "user.tier == gold", "user.tier == silver", "a.b.c == x",
    '"a" in lst', "'a' in lst", '"1" in lst', '"5" in lst', "a in lst",
    "role in lst", "planner in lst", "t in lst",
    '"b" in s', '"bc" in s', "'' in s", '"" in lst',
    '"a" in d', '"x" in missing', '"x" in count',
    '"true" in lst', '"1.0" in lst',
    "count == 1e1", "count < inf", "count > nan", "count < nan", "n != nan",
    'n == "+10"', 'n == " 10 "', 'n == "1_0"', 'n == "１０"', "n == 010",
    "count > ٥", "t\tand\nt", "true", "false", "unknown", "andy", "notable",
    "role == (", "role == and", "role == ==", "role ==",
]

ERRORS = [
    "", "   ", "\t\n", "t && f", "count = 10", "café", "count > 5.", "(t x", "a == b == c", "t and", "not",
    "(t", "a in", "t)", "not(t)", "t AND f", "count <> 5", '"x" == role', "'x'", "5 < count", "-5 < count",
    "x in 'abc'", "x in (lst)", "1 in lst", "a not in b", "and t", "t or or f", "()", "-inf", "count == -inf",
    "!t", "t &", "'unterminated", '"unterminated', "count>=5and t", "role==planner", "1e1", "0x10",
    "t or unknown", "f or unknown", "f and unknown", "t and unknown", "\u00a0t\u3000", "\x1ct\x1f",
    "\u200bt", "t\u200b", "😀 t", "'😀' &", "'it''s'", "x == 'a\"b'", "t (", "t ( f", "(", ")", "not not",
    "count > 'abc'", "lst > 0", "d < 1", "s >= 'x'", "huge > 5", "big > 5", "count > " + "9" * 400,
    "count < " + "9" * 4301, "negbig < 0", "nanv == nan", "nanv != nanv", "pinf > 1e308",
    "fl1 == 1", "negz == 0", "negz < 0", "s_num > 9", "uni > 11", "uni_space == 12", "sep > 1",
    "sci > 999", "hexs > 1", "infs < 0", "nans > 0", "quote > 1", "dq > 1", "both > 1", "ctrl > 1",
    "nl > 1", "'x' in emoji", "'😀' in emoji", "'' in empty", "'nan' in lst2", "'1' in lst2", "'' in lst2",
    "'x y' in lst2", "'١' in lst2", "1 in lst2", "'true' in lst2", "'0' in lst2", "'k' in nested",
    "a", "a == 5", "role == ctx-role", "role == None", "none == None", "none > -1", "tv > 0", "fv < 1",
    "half > 0.4", "empty == ''", "emptyl == ''", "d2 > 0",
]


def expression_cases() -> list[dict]:
    expressions = list(dict.fromkeys(TABLE + ERRORS))
    soups = [token_soup() for _ in range(900)]
    trees = [structured() for _ in range(900)]
    expressions += [e for e in soups + trees if e not in expressions]
    cases = []
    for expression in expressions:
        for env_name, env in ENVIRONMENTS.items():
            def run(expression=expression, env=env):
                ast = compile_guard_expression(expression)
                return evaluate_ast(ast, env["conditions"], env["invocation"])
            cases.append({"env": env_name, "expression": expression, **outcome(run)})
    return cases


# --------------------------------------------------------------------------
# Literal coercion (int → float → true/false → text) and float() of text
# --------------------------------------------------------------------------

LITERAL_PIECES = ["0", "1", "5", "9", "٥", "１", "\U0001d7d8", "\u0e53", "_", "__", "+", "-", ".", "e", "E",
                  " ", "\t", "\u00a0", "\u3000", "\x1c", "\x85", "\u200b", "inf", "INF", "nan", "NaN",
                  "infinity", "Infinity", "in", "x", "true", "false", "0x", "٫", "\x00", "\x7f", "é"]
LITERAL_FIXED = [
    "010", "+10", " 10 ", "1_0", "1__0", "_10", "10_", "+_1", "- 1", "-0", "0_0", "１０", "1.5", "1.", ".5",
    "1e3", "1E+3", "1_e3", "1e1_0", "1._5", "1_.5", "inf", "-Infinity", "+nan", "NaN", "n_an", "infinity ",
    "in f", "0x10", "1e", "e3", "+", "-", "", "١.٥", "1e٣", "\u00a01\u3000", "\x1c5\x1f", "1 0", "--1",
    "+-1", "1e-400", "1e400", "9" * 400, "1" * 4300, "1" * 4301, "-" + "1" * 4301, "1_" * 4300 + "1",
    "0" * 5000, "00", "true", "false", "True", "FALSE", "None", " true", "9007199254740993",
    "-9007199254740993", "9007199254740992.5", "2.5e-324", "1.7976931348623157e308", "1.7976931348623159e308",
    "0.1", "-0.0", "+.5e-3", "5e+", "1e+5_0", "1_000.000_1", "\u0665\u0660", "١_٠", "1\n", "\v1\f",
    "\r\n12", "1\x85", "12\u2028",
]


def literal_cases() -> list[dict]:
    texts = list(dict.fromkeys(LITERAL_FIXED))
    for _ in range(600):
        text = "".join(rng.choice(LITERAL_PIECES[:8] * 5 + LITERAL_PIECES) for _ in range(rng.randint(1, 6)))
        if text not in texts:
            texts.append(text)
    cases = []
    for text in texts:
        def as_float(text=text):
            try:
                return float(text)
            except ValueError:
                return "ValueError"
        cases.append({"text": text, "coerced": repr(_coerce_value(text)), "float": repr(as_float())})
    return cases


# --------------------------------------------------------------------------
# Condition resolution
# --------------------------------------------------------------------------

CONDITION_NAMES = ["a", "b", "c", "p", "q", "z", "role", "__proto__"]
CONTEXT_VALUES = [True, False, True, False, True, False, 0, 1, 1.0, 0.0, "true", "", None, [], [True], {}, {"a": True}, 2.5]
SPEC_VARIANTS = [
    {"type": "boolean"},
    {"type": "boolean"},
    {"type": "boolean", "default": True},
    {"type": "boolean", "default": False},
    {"type": "boolean", "required": True},
    {"type": "boolean", "required": True},
    {"type": "boolean", "required": False},
    {"type": "boolean", "default": True},
    {"type": "boolean", "default": False},
    {"type": "boolean", "required": True, "default": False},
    {"type": "boolean", "required": True, "default": True},
    {"type": "boolean", "default": 1},
    {"type": "boolean", "default": "true"},
    {"type": "boolean", "default": None},
    {"type": "boolean", "default": 0.5},
    {"type": "boolean", "default": []},
    {"type": "boolean", "required": "yes"},
    {"type": "boolean", "required": 0},
    {"type": "boolean", "required": []},
    {"type": "number"},
    {},
]


def random_context() -> dict:
    keys = rng.sample(CONDITION_NAMES + ["k1", "k2", "x.y"], rng.randint(0, 6))
    return {key: rng.choice(CONTEXT_VALUES) for key in keys}


def condition_cases() -> list[dict]:
    fixed = [
        ({}, {}),
        ({"conditions": {}}, {"a": True}),
        ({"conditions": {"a": {"type": "boolean", "required": True}}}, {"z": True, "q": False, "x": 1, "p": True}),
        ({"conditions": {"a": {"type": "boolean", "required": True}}}, {"x": 1}),
        ({"conditions": {"a": {"type": "boolean", "required": True, "default": False}}}, {}),
        ({"conditions": {"a": {"type": "boolean", "default": True}}}, {"a": False}),
        ({"conditions": {"a": {"type": "boolean", "default": 1}}}, {"a": True}),
        ({"conditions": {"a": {"type": "boolean"}}}, {"a": None}),
        ({"conditions": {"a": {"type": "boolean"}, "b": {"type": "boolean", "default": True}}}, {}),
        ({"conditions": {"z": {"type": "boolean", "default": True}, "a": {"type": "boolean", "default": False}}}, {}),
    ]
    cases = [(policy, context) for policy, context in fixed]
    for _ in range(300):
        names = rng.sample(CONDITION_NAMES, rng.randint(1, 3))
        policy = {"conditions": {name: copy.deepcopy(rng.choice(SPEC_VARIANTS)) for name in names}}
        cases.append((policy, random_context()))
    return [
        {"policy": dumps(policy), "context": dumps(context),
         **outcome(lambda policy=policy, context=context: resolve_conditions(policy, context))}
        for policy, context in cases
    ]


# --------------------------------------------------------------------------
# The guard gate and its `then` merge
# --------------------------------------------------------------------------

SCALARS = [1, 2.5, 1.0, "s", "", True, False, None, 0]


def random_value(depth: int = 0):
    roll = rng.random()
    if depth >= 2 or roll < 0.45:
        return rng.choice(SCALARS)
    if roll < 0.7:
        return [random_value(depth + 1) for _ in range(rng.randint(0, 3))]
    return random_mapping(depth + 1)


def random_mapping(depth: int = 0) -> dict:
    keys = rng.sample(["roles", "tools", "risk", "k", "m", "n", "allowed_tools", "required", "__proto__"],
                      rng.randint(0, 4))
    return {key: random_value(depth) for key in keys}


def merge_cases() -> list[dict]:
    fixed = [
        ({"roles": ["a"]}, {"roles": ["b", "a"]}),
        ({"roles": ["a"]}, {"roles": "abc"}),
        ({"tools": {"allowed_tools": [{"name": "s", "max_calls": 1}]}},
         {"tools": {"allowed_tools": [{"name": "s", "max_calls": 99}]}}),
        ({"pre_conditions": {"required": {"x": {"type": "string"}}}}, {"pre_conditions": {"required": ["y"]}}),
        ({"a": {"b": {"c": [1]}}}, {"a": {"b": {"c": [2], "d": 1}}, "e": {}}),
        ({"a": 1}, {"a": None}),
        ({"a": None}, {"a": {"x": 1}}),
    ]
    cases = fixed + [(random_mapping(), random_mapping()) for _ in range(200)]
    out = []
    for base, overlay in cases:
        def run(base=base, overlay=overlay):
            merged = copy.deepcopy(base)
            _merge_policy_blocks(merged, overlay)
            return merged
        out.append({"base": dumps(base), "effect": dumps(overlay), **outcome(run)})
    return out


GUARD_CONDITIONS = [
    "t", "f", "t", "f", "t or f", "not f", "f and unknown", "count >= 10", "not t", "role == planner", "role == admin", "count > 5", "count > 50", "is_enterprise",
    "t and is_enterprise", "'a' in lst", "  t  ", "\tt\n", "s > 5", "unknown", "", "   ", "(t",
]


def random_guard() -> dict:
    guard: dict = {}
    roll = rng.random()
    if roll < 0.9:
        guard["when"] = {"condition": rng.choice(GUARD_CONDITIONS)}
    elif roll < 0.95:
        guard["when"] = {}
    if rng.random() < 0.95:
        guard["then"] = rng.choice([{}, random_mapping(), {"roles": ["admin"]}, {"risk": {"mode": "strict"}},
                                    {"guards": [{"when": {"condition": "((("}, "then": {}}]}])
    return guard


def guard_gate_cases() -> list[dict]:
    contexts = [
        {"count": 10, "lst": ["a"], "s": "abc", "is_enterprise": True},
        {"count": 1, "is_enterprise": False, "lst": []},
        {"count": 10},
        {"count": 10, "is_enterprise": "yes"},
    ]
    policies = [
        {"policy_version": "1.0", "roles": ["planner"]},
        {"policy_version": "1.0", "roles": ["planner"], "guards": []},
        {"policy_version": "1.0", "roles": ["planner"], "conditions": {"t": {"type": "boolean", "default": True}},
         "guards": [{"when": {"condition": "t"}, "then": {"roles": ["admin"]}}]},
    ]
    for _ in range(220):
        policy = {
            "policy_version": "1.0",
            "roles": ["planner", "verifier"],
            "tools": {"allowed_tools": [{"name": "search", "max_calls": 1}]},
            "conditions": {
                "t": {"type": "boolean", "default": True},
                "f": {"type": "boolean", "default": False},
                "is_enterprise": rng.choice([{"type": "boolean"}, {"type": "boolean", "required": True},
                                             {"type": "boolean", "default": False}]),
            },
            "guards": [random_guard() for _ in range(rng.randint(0, 4))],
        }
        if rng.random() < 0.2:
            del policy["conditions"]
        policies.append(policy)
    cases = []
    for index, policy in enumerate(policies):
        context = contexts[index % len(contexts)]
        invocation = {"role": rng.choice(["planner", "admin"]), "context": context}
        if rng.random() < 0.1:
            del invocation["role"]

        def run(policy=policy, context=context, invocation=invocation):
            effective, evaluated, resolved = evaluate_guards(policy, context, invocation)
            return (effective, evaluated, resolved)
        cases.append({"policy": dumps(policy), "invocation": dumps(invocation), **outcome(run)})
    return cases


def write(name: str, cases: list[dict], **extra) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    document = {**extra, "cases": cases}
    path.write_text(json.dumps(document, indent=1, ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"{path}: {len(cases)} cases")


if __name__ == "__main__":
    environments = {name: dumps(env) for name, env in ENVIRONMENTS.items()}
    write("expressions.json", expression_cases(), environments=environments)
    write("literals.json", literal_cases())
    write("conditions.json", condition_cases())
    write("then-merge.json", merge_cases())
    write("guard-gate.json", guard_gate_cases())
