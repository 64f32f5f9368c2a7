#!/usr/bin/env python3
"""Generate a wide differential corpus for `aigc enforce` (dev tool).

Usage: gen-corpus.py OUT_DIR [--seed N] [--policies 150] [--invocations 3000]

Writes OUT_DIR/policies/*.yaml and OUT_DIR/invocations.jsonl, in the same
"kind" as the public conformance corpus but stressing every feature: YAML 1.1
value traps, composition, dates around 2023-11-14 (clock 1700000000),
conditions and guards, typed and legacy preconditions, tools, output schemas,
postconditions, risk scoring, redaction, provenance, odd numbers and invalid
invocations. Run the reference over it with shared/tools/ref-run and compare
with shared/tools/compare-artifacts.
"""
import argparse
import json
import os
import random
import re


class Raw:
    """A YAML scalar written verbatim (to plant YAML 1.1 traps)."""

    def __init__(self, text):
        self.text = text


PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_ .\-]*$")
YAML11_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def scalar(v):
    if isinstance(v, Raw):
        return v.text
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        r = repr(v)
        if r == "inf":
            return ".inf"
        if r == "-inf":
            return "-.inf"
        if r == "nan":
            return ".nan"
        if "e" in r and "." not in r:
            mant, exp = r.split("e")
            r = f"{mant}.0e{exp}"
        return r
    s = str(v)
    if PLAIN.match(s) and s.lower() not in YAML11_WORDS and not s.endswith(" "):
        return s
    return json.dumps(s, ensure_ascii=False)


def emit(v, indent=0):
    pad = "  " * indent
    out = []
    if isinstance(v, dict):
        if not v:
            return [pad + "{}"]
        for k, x in v.items():
            key = scalar(k)
            if isinstance(x, (dict, list)) and x:
                out.append(f"{pad}{key}:")
                out.extend(emit(x, indent + 1))
            else:
                out.append(f"{pad}{key}: {inline(x)}")
        return out
    if isinstance(v, list):
        if not v:
            return [pad + "[]"]
        for x in v:
            if isinstance(x, dict) and x:
                sub = emit(x, indent + 1)
                out.append(pad + "- " + sub[0].lstrip())
                out.extend(sub[1:])
            elif isinstance(x, list) and x:
                out.append(pad + "-")
                out.extend(emit(x, indent + 1))
            else:
                out.append(pad + "- " + inline(x))
        return out
    return [pad + scalar(v)]


def inline(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{scalar(k)}: {inline(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(inline(x) for x in v) + "]"
    return scalar(v)


def dump(policy):
    return "\n".join(emit(policy)) + "\n"


ROLES = ["planner", "verifier", "reviewer", "assistant", "admin", "auditor", "data-analyst",
         "ρόλος", "rôle-é", "運用者", "x"]
CTX_KEYS = ["human_review", "premium", "is_enterprise", "budget", "tier", "count", "tags",
            "priority", "flag", "score", "ticket", "role_declared", "schema_exists",
            "audit_enabled", "ver", "n", "user.tier", "clé", "😀", "lst", "zero", "s", "name",
            "Z", "B", "_x", "a", "1", "10", "2"]
TOOLS = ["search", "email", "fetch_doc", "calc", "db.query", "wëb", "alice@example.com",
         "sk-ABCDEFGHIJKLMNOPQRSTUV"]
SECRETS = ["bob@example.com", "123-45-6789", "sk-abcdefghijklmnop1234", "Bearer abcdefghij.klmnopqrstuvwxyz",
           "api_key-ABCDEFGHIJKLMNOPQR", "key_0123456789abcdefXYZ", "٣٤٥-٦٧-٨٩٠١", "ſk-abcdefghijklmnopqr"]

VALUES = [True, False, 0, 1, -1, 2, 3, 5, 10, 1.0, 0.5, 0.0, -0.0, 1.5, 2.5, 99.5, 100, 1e-7, 2.5e-05,
          1e22, 1e16, 123.456, 2 ** 53 + 1, 2 ** 64, -9007199254740993, 0.1, 0.30000000000000004,
          "", "x", "abc", "abcd", "high", "low", "yes", "true", "false", "0", "1", "7", " 5 ", "1e3",
          "search-x", "gold", "😀", "😀😀", "é", "ab", "ABC", "a\nb", "tab\tq\"uote\\", "planner",
          None, [], ["search"], ["a", 1, "5"], [0], {}, {"a": 0}, {"tier": "silver"}, [1, 2, 3],
          "bob@example.com", "123-45-6789", "nan", "inf", "２", "\u200b", "\xa0x", "\x7f", "it's",
          "it's \"q\"", "e\u0301", "\u2028", "\U0001f600\u200d", {"2": True, "a": [None, 1e22]}, [-0.0, 1e-7, 1e16]]

GOOD_GUARDS = [
    "human_review", "not human_review", "premium or human_review", "human_review and premium", "role == planner",
    "role != admin", "role == 'verifier'", "count > 5", "score >= 0.5", "'a' in lst", '"search" in tags',
    "flag == true", "missing > -1", "not premium or human_review", "(human_review or premium) and not is_enterprise",
    "tier == gold", "budget <= 99.5", "role == planner or role == verifier", "is_enterprise",
]
GUARD_EXPRS = [
    "human_review", "not human_review", "premium or human_review", "human_review and premium",
    "role == planner", "role != admin", "role == 'verifier'", 'role == "ρόλος"', "count > 5",
    "count >= 10", "count < 10.5", "count == 10.0", "count == '10'", "score >= 0.5", "budget > 2",
    "tier == gold", "user.tier == gold", '"search" in tags', "'a' in lst", '"1" in lst', '"5" in lst',
    "a in lst", '"true" in lst', '"b" in s', "'' in s", "flag == true", "flag == 1", "flag == True",
    "flag > 0", "zero == false", "missing > -1", "missing == None", "s > 5", "count > nan",
    "count < inf", "n == \"+10\"", "n == \"1_0\"", "n == 010", "count > ٥", "t && f", "count = 10",
    "café", "count > 5.", "(((", "", "   ", "t and", "not", "(human_review", "human_review)",
    "not(human_review)", "human_review AND premium", "a == b == c", "5 < count", '"x" == role',
    "x in 'abc'", "x in (lst)", "role ==", "role == (", "role == and", "count == 1e1", "true",
    "unknown", "andy", "premium and unknown", "not premium or unknown", "human_review or unknown",
    "count<>5", "count>=5and human_review", "ver == 1", "ver == \"1\"", "priority in tags",
    "-1.5 >= count", "tags > 1", "d > 0", "human_review\tand\npremium", "is_enterprise",
    "score == 0.9", "budget <= 99.5", "role == planner or role == verifier", "not not premium",
]

SCHEMAS = {
    "draft07": "http://json-schema.org/draft-07/schema#",
    "draft04": "http://json-schema.org/draft-04/schema#",
    "2020": "https://json-schema.org/draft/2020-12/schema",
    "2019": "https://json-schema.org/draft/2019-09/schema",
    "draft06": "http://json-schema.org/draft-06/schema#",
}

PROPS = {
    "result": {"type": "string"},
    "confidence": {"type": "number", "minimum": 0, "maximum": 1},
    "count": {"type": "integer"},
    "level": {"enum": ["low", "medium", "high"]},
    "tags": {"type": "array", "items": {"type": "string"}},
    "detail": {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]},
    "name": {"type": "string", "minLength": 2, "maxLength": 5},
    "code": {"type": "string", "pattern": "^[A-Z]{3}\\d+$"},
    "email": {"type": "string", "format": "email"},
    "mixed": {"enum": [1, "1", True, None, 1.5, "é"]},
    "const": {"const": "fixed"},
    "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1, "multipleOf": 0.25},
    "items": {"type": "array", "minItems": 1, "maxItems": 2, "uniqueItems": True},
    "choice": {"oneOf": [{"type": "number"}, {"type": "integer"}]},
    "either": {"anyOf": [{"type": "string", "maxLength": 2}, {"type": "integer", "minimum": 5}]},
    "nested": {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "integer"}},
                                          "required": ["x"], "additionalProperties": False}},
    "nullable": {"type": ["string", "null"]},
    "notneg": {"not": {"type": "number", "maximum": -1}},
    "all": {"allOf": [{"type": "string"}, {"minLength": 3}]},
    "obj": {"type": "object", "minProperties": 1, "maxProperties": 2,
            "propertyNames": {"pattern": "^[a-z]+$"}},
    "tuple": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}]},
    "contains": {"type": "array", "contains": {"type": "integer"}},
    "ifthen": {"if": {"type": "integer"}, "then": {"minimum": 10}, "else": {"type": "string"}},
}


def output_schema(rng):
    kind = rng.random()
    if kind < 0.06:
        return rng.choice([
            {"type": "object", "properties": {"a": {"$ref": "#/definitions/pos"}},
             "definitions": {"pos": {"type": "integer", "minimum": 1}}, "required": ["a"]},
            {"$schema": SCHEMAS["draft04"], "type": "object",
             "properties": {"x": {"type": "number", "minimum": 0, "exclusiveMinimum": True}}},
            {"type": "object", "properties": {"a": {"type": "integer"}}, "unevaluatedProperties": False},
            {"$schema": SCHEMAS["draft07"], "type": "object", "properties": {"a": {"type": "integer"}},
             "unevaluatedProperties": False},
            {"type": "object", "dependentRequired": {"a": ["b"]}},
            {"$schema": SCHEMAS["draft07"], "type": "object", "dependencies": {"a": ["b"]}},
            {"type": "object", "patternProperties": {"^x": {"type": "integer"}}, "additionalProperties": False},
            {"oneOf": [{"type": "object", "required": ["a"]}, {"type": "object", "required": ["b"]}]},
            {"anyOf": [{"required": ["result"]}, {"required": ["count"]}]},
            {"type": "obj"},
            {"type": "object", "properties": {"s": {"type": "string", "pattern": "("}}},
            {"type": "object", "required": "result"},
            {"$schema": SCHEMAS["2020"], "type": "object", "$defs": {"n": {"type": "number"}},
             "properties": {"a": {"$ref": "#/$defs/n"}, "b": {"$ref": "#/$defs/missing"}}},
            {"type": "object", "properties": {"a": {"type": "integer", "maximum": 1e22}, "b": {"minimum": 1e-7}}},
            {"type": "object", "properties": {"t": {"type": "array", "items": [{"type": "integer"}],
                                                    "additionalItems": False}}},
            {"type": "object", "properties": {"s": {"type": "string", "pattern": "\\p{L}"}}},
            {"type": "object", "maxProperties": 1},
        ])
    keys = rng.sample(sorted(PROPS), rng.randint(1, 6))
    schema = {"type": "object", "properties": {k: PROPS[k] for k in keys}}
    req = rng.sample(keys, rng.randint(0, len(keys)))
    if req:
        schema["required"] = req
    if rng.random() < 0.35:
        schema["additionalProperties"] = False
    if rng.random() < 0.35:
        schema["$schema"] = SCHEMAS[rng.choice(sorted(SCHEMAS))]
    return schema


PRECOND_SPECS = [
    {}, {"type": "any"}, {"type": "boolean"}, {"type": "string"}, {"type": "integer"}, {"type": "number"},
    {"type": "null"}, {"type": "array"}, {"type": "object"}, {"type": ["string", "null"]},
    {"type": "string", "pattern": "^[a-z]+$", "minLength": 2},
    {"type": "string", "pattern": "^x", "minLength": 3}, {"type": "any", "pattern": "^a"},
    {"minimum": 5}, {"type": "number", "minimum": 2.5, "maximum": 99.5}, {"type": "integer", "minimum": 1},
    {"enum": ["low", True, 1]}, {"enum": [1, 2]}, {"enum": ["a", "b", "c"]}, {"enum": [None, 1.0, "x"]},
    {"type": "string", "minLength": 2}, {"type": "string", "maxLength": 3}, {"minLength": 1},
    {"format": "email"}, {"exclusiveMinimum": 3, "type": "number"}, {"type": "str"},
    {"pattern": "("}, {"pattern": "\\d{3}-\\d{2}"}, {"type": "string", "pattern": "$"},
    {"type": "integer", "maximum": 1e22}, {"enum": []}, {"enum": [1e22, -0.0, 0.1, 2 ** 64, "it's", "\u200b"]},
    {"type": "number", "maximum": 0.1}, {"type": "number", "minimum": 1e-7}, {"type": "integer", "minimum": 2 ** 64},
    {"type": "string", "maxLength": 1}, {"type": "array", "minLength": 2}, {"type": ["integer", "boolean"]},
]


def preconditions(rng):
    if rng.random() < 0.2:
        return {"required": rng.sample(CTX_KEYS, rng.randint(0, 3))}
    keys = rng.sample(CTX_KEYS, rng.randint(1, 4))
    pc = {"required": {k: rng.choice(PRECOND_SPECS) for k in keys}}
    if rng.random() < 0.2:
        pc["optional"] = ["o1"]
    return pc


def guard(rng):
    then_kind = rng.choice(["roles", "pre", "tools", "post", "risk", "schema", "version", "desc", "empty", "misc"])
    then = {
        "roles": {"roles": ["guard-added-role", rng.choice(ROLES)]},
        "pre": {"pre_conditions": {"required": {rng.choice(CTX_KEYS): rng.choice(PRECOND_SPECS)}}},
        "tools": {"tools": {"allowed_tools": [{"name": rng.choice(TOOLS), "max_calls": rng.randint(1, 3)}]}},
        "post": {"post_conditions": {"required": [rng.choice(["output_schema_valid", "role_check", "x"])]}},
        "risk": {"risk": {"mode": "strict", "threshold": 0.1,
                          "factors": [{"name": "g", "weight": 0.9, "condition": "missing_guards"}]}},
        "schema": {"output_schema": {"type": "object", "required": ["result"]}},
        "version": {"policy_version": "GUARDED"},
        "desc": {"description": "guarded"},
        "empty": {},
        "misc": {"pre_conditions": {"required": ["human_review"]}},
    }[then_kind]
    expr = rng.choice(GUARD_EXPRS) if rng.random() < 0.3 else rng.choice(GOOD_GUARDS)
    return {"when": {"condition": expr}, "then": then}


FACTOR_CONDS = ["no_output_schema", "broad_roles", "no_preconditions", "high_tool_count",
                "missing_guards", "external_model", "human_review", "premium", "flag", "zero", "", "tags"]
WEIGHTS = [0.1, 0.2, 0.3, 0.25, 0.0625, 0.4, 0.5, 0.9, 1, 0, 0.35, 0.0005, 0.1245]
THRESHOLDS = [0.3, 0.5, 0.7, 0.0, 1, 0.0625, 0.6, 0.35, 0.999]


def risk(rng):
    r = {"mode": rng.choice(["strict", "strict", "risk_scored", "warn_only"])}
    if rng.random() < 0.8:
        r["threshold"] = rng.choice(THRESHOLDS)
    r["factors"] = [{"name": c or "empty", "weight": rng.choice(WEIGHTS), "condition": c}
                    for c in rng.sample(FACTOR_CONDS, rng.randint(0, 4))]
    if rng.random() < 0.1:
        r["factors"] = [{"name": "a", "weight": 0.1, "condition": "human_review"},
                        {"name": "b", "weight": 0.2, "condition": "human_review"}]
        r["threshold"] = 0.3
    return r


DATES = ["2023-11-14", "2023-11-13", "2023-11-15", "2020-01-01", "2099-01-01", "2023-02-30",
         "2023-13-01", "20231114", "2023-11-14T00:00:00", "２０２３-11-14"]


def base_policy(rng, idx):
    p = {"policy_version": rng.choice(["1.0", "2.1", f"v{idx}", "", "é-1"])}
    p["roles"] = rng.sample(ROLES, rng.randint(1, 6))
    if rng.random() < 0.4:
        p["description"] = rng.choice(["generated policy", "politique générée", "政策"])
    if rng.random() < 0.5:
        p["pre_conditions"] = preconditions(rng)
    if rng.random() < 0.7:
        p["output_schema"] = output_schema(rng)
    if rng.random() < 0.5:
        p["post_conditions"] = {"required": rng.choice([
            ["output_schema_valid"], ["output_schema_valid"], ["role_check"], ["output_schema_valid", "x"],
            ["superRole"], ["custom_check"], []])}
    if rng.random() < 0.4:
        tools = [{"name": t, "max_calls": rng.choice([1, 2, 3, 5])} for t in rng.sample(TOOLS, rng.randint(0, 4))]
        if rng.random() < 0.2 and tools:
            tools.append({"name": tools[0]["name"], "max_calls": rng.choice([1, 4])})
        if rng.random() < 0.15 and tools:
            tools[0]["max_calls"] = rng.choice([2.0, Raw("1.0"), Raw("0x2"), Raw("1:30"), Raw("010")])
        if rng.random() < 0.06:
            tools = [{"name": "search", "max_calls": 0}]
        p["tools"] = {"allowed_tools": tools}
    if rng.random() < 0.4:
        names = rng.sample(["human_review", "premium", "is_enterprise", "flag", "role", "t"], rng.randint(1, 3))
        conds = {}
        for n in names:
            spec = {"type": "boolean"}
            if rng.random() < 0.4:
                spec["default"] = rng.choice([True, False, Raw("yes"), Raw("off")])
            if rng.random() < 0.4:
                spec["required"] = rng.choice([True, False, Raw("on")])
            conds[n] = spec
        p["conditions"] = conds
    if rng.random() < 0.45:
        p["guards"] = [guard(rng) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.35:
        p["risk"] = risk(rng)
    if rng.random() < 0.15:
        p["effective_date"] = rng.choice(DATES[:5])
    if rng.random() < 0.15:
        p["expiration_date"] = rng.choice(DATES[:5])
    if rng.random() < 0.05:
        p["retry_policy"] = {"max_retries": 2, "backoff_ms": 100}
    return p


def trap_policy(rng, idx):
    """Raw YAML text exercising YAML 1.1 value rules and schema errors."""
    roles = rng.sample(ROLES[:6], 3)
    role_yaml = "[" + ", ".join(roles) + "]"
    variants = [
        f"policy_version: 1.0\nroles: {role_yaml}\n",
        f"policy_version: '1.0'\nroles: [yes, no, on, off]\n",
        f"policy_version: '1'\nroles: {role_yaml}\neffective_date: 2023-11-14\n",
        f"policy_version: '1'\nroles: {role_yaml}\nexpiration_date: 2023-11-13\n",
        f"policy_version: '1'\nroles: {role_yaml}\neffective_date: '2023-11-15'\n",
        f"policy_version: '1'\nroles: {role_yaml}\nexpiration_date: '2023-11-14'\neffective_date: '2023-11-14'\n",
        f"policy_version: '1'\nroles: {role_yaml}\nexpiration_date: '2023-11-13'\neffective_date: '2023-11-15'\n",
        f"policy_version: '1'\nroles: {role_yaml}\nexpiration_date: \"2023-11-14\\n\"\n",
        f"policy_version: '1'\nroles: {role_yaml}\neffective_date: '{rng.choice(DATES[5:])}'\n",
        f"policy_version: '1'\nroles: {role_yaml}\nexpiration_date: 12345\n",
        f"policy_version: '1'\nroles: {role_yaml}\ntools:\n  allowed_tools:\n  - name: search\n    max_calls: 1:30\n  - name: calc\n    max_calls: 0x2\n  - name: email\n    max_calls: 010\n",
        f"policy_version: '1'\nroles: {role_yaml}\ntools:\n  allowed_tools:\n  - name: search\n    max_calls: 1.0\n  - name: search\n    max_calls: 2.5\n",
        f"policy_version: '1'\nroles: {role_yaml}\ntools:\n  allowed_tools:\n  - {{name: yes, max_calls: 1}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\noutput_schema:\n  type: object\n  properties:\n    n:\n      type: number\n      maximum: .inf\n      minimum: -.inf\n    m:\n      type: integer\n      maximum: 1e3\n",
        f"policy_version: '1'\nroles: {role_yaml}\noutput_schema:\n  type: object\n  properties:\n    n:\n      type: number\n      maximum: 1.0e+3\n      minimum: 0o7\n    flag:\n      enum: [yes, no, on, off, y, n, ~, Null, NULL]\n",
        f"policy_version: '1'\nroles: {role_yaml}\ndefs: &d\n  type: string\n",
        f"policy_version: '1'\nroles: {role_yaml}\noutput_schema:\n  type: object\n  properties:\n    a: &s\n      type: string\n      minLength: 2\n    b: *s\n    c:\n      <<: *s\n      maxLength: 3\n  required: [a, b, c]\n",
        f"policy_version: '1'\nroles: {role_yaml}\nroles: [admin]\npolicy_version: '2'\n",
        f"policy_version: '1'\nroles: {role_yaml}\npre_conditions:\n  required:\n    1: {{}}\n    human_review: {{type: boolean}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\npre_conditions:\n  required:\n    10: {{}}\n    2: {{}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\npre_conditions:\n  required:\n    budget:\n      type: number\n      minimum: 1_000\n      maximum: +12\n",
        f"policy_version: '1'\nroles: {role_yaml}\npre_conditions:\n  required:\n    budget:\n      enum: [1, 1.0, '1', yes, 0x1, 2023-11-14]\n",
        f"policy_version: '1'\nroles: {role_yaml}\nconditions:\n  human_review:\n    type: boolean\n    default: yes\n  premium:\n    type: boolean\n    default: 'true'\nguards:\n- when:\n    condition: human_review\n  then:\n    roles: [guard-added-role]\n",
        f"policy_version: '1'\nroles: {role_yaml}\nconditions:\n  human_review:\n    type: bool\n",
        f"policy_version: '1'\nroles: {role_yaml}\nrisk:\n  mode: strict\n  threshold: 0.3\n  factors:\n  - {{name: a, weight: 0.1, condition: external_model}}\n  - {{name: b, weight: 0.2, condition: missing_guards}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\nrisk:\n  mode: strict\n  threshold: .5\n  factors:\n  - {{name: a, weight: 0.0625, condition: external_model}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\nrisk:\n  mode: strict\n  threshold: 0\n  factors:\n  - {{name: a, weight: 0.0625, condition: external_model}}\n  - {{name: b, weight: 0.0625, condition: no_output_schema}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\nrisk:\n  mode: bogus\n",
        f"policy_version: '1'\nroles: {role_yaml}\nrisk:\n  mode: strict\n  threshold: 2\n",
        f"policy_version: '1'\nroles: {role_yaml}\nrisk:\n  mode: strict\n  factors: null\n",
        f"policy_version: '1'\nroles: {role_yaml}\nrisk: {{}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\nfoo: bar\nbar: 1\n",
        f"policy_version: '1'\nroles: []\n",
        f"roles: {role_yaml}\n",
        "- just\n- a list\n",
        "",
        "policy_version: '1'\nroles: [a\n",
        f"policy_version: '1'\nroles: {role_yaml}\npost_conditions:\n  required: [output_schema_valid, role_check]\noutput_schema: {{type: object}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\npost_conditions:\n  required: [Roles_ok]\n",
        f"policy_version: '1'\nroles: {role_yaml}\noutput_schema: {{}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\ncomposition_strategy: bogus\n",
        f"policy_version: '1'\nroles: {role_yaml}\ncomposition_strategy: union\n",
        f"policy_version: '1'\nroles: {role_yaml}\nextends: ''\n",
        f"policy_version: '1'\nroles: {role_yaml}\nextends: null\n",
        f"policy_version: '1'\nroles: {role_yaml}\nextends: 5\n",
        f"policy_version: '1'\nroles: {role_yaml}\nguards:\n- when: {{condition: premium}}\n- when: {{}}\n  then: {{}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\nguards:\n- when:\n    condition: role == {roles[0]}\n  then:\n    roles: [{roles[1]}]\n    output_schema: {{type: object, required: [zz]}}\n    pre_conditions: {{required: {{budget: {{type: integer}}}}}}\n    tools: {{allowed_tools: [{{name: search, max_calls: 1}}]}}\n    risk: {{mode: strict, threshold: 0, factors: [{{name: x, weight: 1, condition: external_model}}]}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\npre_conditions:\n  required:\n    role_declared:\n      type: string\n      minLength: 2\n      maxLength: 3\n",
        f"policy_version: '1'\nroles: {role_yaml}\npre_conditions:\n  required: human_review\n",
        f"policy_version: '1'\nroles: {role_yaml}\nretry_policy: {{max_retries: -1, backoff_ms: 1}}\n",
        f"policy_version: !!str 1.0\nroles: {role_yaml}\n",
        f"policy_version: '1'\nroles: {role_yaml}\noutput_schema:\n  type: object\n  properties:\n    big: {{type: integer, maximum: 123456789012345678901234567890}}\n    small: {{type: number, minimum: 0.0000001}}\n    sexa: {{type: integer, minimum: 190:20:30}}\n",
        f"policy_version: '1'\nroles: {role_yaml}\n? [a, b]\n: 1\n",
        f"policy_version: '1'\nroles: {role_yaml}\ndescription: {{1: 2}}\n",
        f"policy_version: '1'\nroles:\n  - admin\n  - 2023-11-14\n",
        f"policy_version: '1'\nroles: {role_yaml}\npre_conditions:\n  required: {{human_review: null}}\n",
    ]
    return rng.choice(variants)


def composition_family(rng, fam):
    """Returns {filename: text} for a base and several children."""
    files = {}
    base_roles = rng.sample(ROLES[:7], rng.randint(2, 5))
    base = {"policy_version": "1.0", "description": "base", "roles": base_roles,
            "pre_conditions": {"required": {"human_review": {"type": "boolean"}, "tier": {"enum": ["a", "b"]}}},
            "output_schema": {"type": "object", "properties": {"result": {"type": "string"},
                                                                "extra": {"type": "number"}},
                              "required": ["result"]},
            "tools": {"allowed_tools": [{"name": "search", "max_calls": 2}, {"name": "calc", "max_calls": 1}]},
            "risk": {"mode": "strict", "threshold": 0.5,
                     "factors": [{"name": "f1", "weight": 0.3, "condition": "no_output_schema"}]},
            "conditions": {"human_review": {"type": "boolean", "default": False}}}
    if rng.random() < 0.6:
        base["post_conditions"] = {"required": ["output_schema_valid"]}
    if rng.random() < 0.4:
        base["guards"] = [guard(rng)]
    if rng.random() < 0.15:
        base["expiration_date"] = rng.choice(["2020-01-01", "2023-11-14", "2023-11-13"])
    if rng.random() < 0.1:
        del base["policy_version"]
    bname = f"c{fam}_base.yaml"
    files[bname] = dump(base)
    strategies = [None, "intersect", "union", "replace", "bogus", Raw("5"), Raw("null")]
    for j in range(rng.randint(2, 5)):
        child = {"extends": rng.choice([bname, bname, bname, f"c{fam}_missing.yaml", f"c{fam}_base.txt",
                                        f"./{bname}", f"../policies/{bname}"])}
        s = rng.choice(strategies)
        if s is not None:
            child["composition_strategy"] = s
        if rng.random() < 0.5:
            child["policy_version"] = "2.0"
        if rng.random() < 0.7:
            child["roles"] = rng.choice([rng.sample(base_roles, rng.randint(1, len(base_roles))),
                                         base_roles + ["admin"], [rng.choice(base_roles), "zeta"], []])
        if rng.random() < 0.4:
            child["post_conditions"] = rng.choice([{"required": []}, {"required": ["output_schema_valid"]}, {}])
        if rng.random() < 0.4:
            child["pre_conditions"] = rng.choice([
                {"required": {"budget": {"type": "integer"}, "tier": {"enum": ["b", "c"]}}},
                {"required": ["human_review"]}, {}])
        if rng.random() < 0.4:
            child["output_schema"] = {"properties": {"result": {"type": "integer"}}, "required": ["result", "extra"]}
        if rng.random() < 0.4:
            child["tools"] = {"allowed_tools": [{"name": "search", "max_calls": 10}]}
        if rng.random() < 0.3:
            child["risk"] = {"mode": rng.choice(["warn_only", "strict"]),
                             "factors": [{"name": "f1", "weight": 0.3, "condition": "no_output_schema"},
                                         {"name": "f2", "weight": 0.3, "condition": "external_model"}]}
        if rng.random() < 0.3:
            child["guards"] = [guard(rng)]
        if rng.random() < 0.2:
            child["effective_date"] = rng.choice(["2023-11-14", "2023-11-15", "2022-01-01"])
        if rng.random() < 0.1:
            child["foo"] = 1
        if rng.random() < 0.15:
            child = {"extends": bname, "description": "partial child"}
        files[f"c{fam}_child{j}.yaml"] = dump(child)
    # a grandchild chain and a cycle
    if rng.random() < 0.5:
        files[f"c{fam}_grand.yaml"] = dump({"extends": f"c{fam}_child0.yaml", "composition_strategy": "union",
                                            "roles": [base_roles[0]]})
    if rng.random() < 0.4:
        files[f"c{fam}_cyc1.yaml"] = dump({"extends": f"c{fam}_cyc2.yaml", "policy_version": "1", "roles": ["a"]})
        files[f"c{fam}_cyc2.yaml"] = dump({"extends": f"c{fam}_cyc1.yaml", "policy_version": "1", "roles": ["a"]})
    if rng.random() < 0.2:
        files[f"c{fam}_self.yaml"] = dump({"extends": f"c{fam}_self.yaml", "policy_version": "1", "roles": ["a"]})
    return files


GOOD = {
    "result": ["text", "é😀", ""], "confidence": [0.75, 0, 1, 0.5], "count": [3, 1.0, 0], "level": ["low", "high"],
    "tags": [["a", "b"], []], "detail": [{"ok": True}, {"ok": False, "x": 1}], "name": ["ab", "abcde", "😀😀"],
    "code": ["ABC123", "XYZ١"], "email": ["a@b.c", "x"], "mixed": [1, "1", True, None, 1.5, "é", 1.0],
    "const": ["fixed"], "ratio": [0.5, 0.25, 0.75], "items": [[1], [1, "1"], [True, 1]], "choice": [1.5, 2.5],
    "either": ["ab", 5, 7], "nested": [[{"x": 1}], []], "nullable": [None, "s"], "notneg": [0, "x"],
    "all": ["abc", "abcd"], "obj": [{"a": 1}], "tuple": [[1, "a"], [1, "a", None]], "contains": [[1], ["a", 2]],
    "ifthen": [15, "s"],
}


def matching_output(rng, schema):
    props = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(props, dict):
        return rng.choice(OUTPUTS)
    out = {}
    for k in props:
        if k in GOOD and (rng.random() < 0.8 or k in schema.get("required", [])):
            out[k] = rng.choice(GOOD[k])
    if rng.random() < 0.3:
        k = rng.choice(sorted(props))
        out[k] = rng.choice(VALUES)
    if rng.random() < 0.1:
        out["extra"] = 1
    return out


LIKELY = {"boolean": [True, False], "string": ["abc", "ab", "x", "é"], "integer": [3, 1.0, 10], "number": [3.5, 50, 2.5],
          "null": [None], "array": [["a"]], "object": [{"a": 1}], "any": [True, "x", 1]}


def likely_value(rng, spec):
    if isinstance(spec, dict):
        if isinstance(spec.get("enum"), list) and spec["enum"] and rng.random() < 0.7:
            return rng.choice(spec["enum"])
        t = spec.get("type", "any")
        if isinstance(t, str) and t in LIKELY:
            return rng.choice(LIKELY[t])
    return rng.choice([True, "abc", 5])


OUTPUTS = [
    {"result": "text"}, {"result": "text", "confidence": 0.75, "count": 3},
    {"result": "text", "confidence": 1.5, "count": 3.0}, {"result": 5}, {"count": True}, {"count": 1.0},
    {"level": "low", "tags": ["a", "b"], "detail": {"ok": True}}, {"detail": {"ok": "yes"}, "level": "mid"},
    {"detail": {}}, {"tags": ["a", 1]}, {"name": "ab"}, {"name": "a"}, {"name": "😀😀😀😀😀😀"}, {"name": "😀😀"},
    {"code": "ABC123"}, {"code": "abc"}, {"code": "ABC١٢٣"}, {"email": "not-an-email"}, {"mixed": 1.0},
    {"mixed": False}, {"mixed": "é"}, {"const": "fixed"}, {"const": "other"}, {"ratio": 0.5}, {"ratio": 0.3},
    {"ratio": 1}, {"items": [1, 1]}, {"items": []}, {"items": [1, 2, 3]}, {"choice": 1}, {"choice": 1.5},
    {"either": "abc"}, {"either": 3}, {"either": 7}, {"nested": [{"x": 1}, {"x": "a", "y": 2}]},
    {"nested": [{}]}, {"nullable": None}, {"nullable": 3}, {"notneg": -5}, {"all": "ab"}, {"obj": {}},
    {"obj": {"A": 1}}, {"obj": {"a": 1, "b": 2, "c": 3}}, {"tuple": [1, "a", 3]}, {"tuple": ["a"]},
    {"contains": ["a"]}, {"contains": []}, {"ifthen": 5}, {"ifthen": 15}, {"ifthen": 1.5}, {},
    {"a": 1, "b": 2}, {"a": 0}, {"a": "x"}, {"x": -1}, {"x": 0}, {"xa": "s"}, {"s": "x"}, {"t": [1, 2]},
    {"big": 10 ** 30}, {"small": 1e-8}, {"sexa": 685230}, {"n": 1e308}, {"m": 1000}, {"flag": True},
    {"a": "ab", "b": "abc", "c": "abcd"}, {"a": "ab", "b": "ab", "c": "ab"}, {"zz": 1, "result": "é"},
    {"result": "text", "extra": 1.5}, {"result": 1, "extra": "x"}, {"result": "bob@example.com"},
    {"payload": {" ": "\u0000nul", "😀x": 123.456, "zz": "tab\tq\"uote\\"}}, {"result": "text", "unknown": 1e22},
    {"value": -0.0, "tiny": 1e-7, "huge": 1e22, "int": 2 ** 64, "neg": -9007199254740993},
    {"result": 1e22, "count": -0.0, "confidence": 1e-7}, {"result": "\u200b", "level": "\xa0"},
    {"result": None, "count": 2 ** 64, "level": "it's"}, {"2": 1, "10": 2, "b": 3}, {"10": 1, "result": "x"},
    {"detail": {"ok": 1}, "tags": [1, "a", None], "level": 1.0}, {"nested": [{"x": 1.5}, {"x": True}], "choice": "a"},
    {"either": [1], "all": 1, "obj": [], "tuple": {}}, {"confidence": -0.0, "count": 1e22, "ratio": 0.1},
    {"code": "ABC\n", "name": "\u0301\u0301"}, {"result": "text", "confidence": 0.5, "count": 2, "z": 1, "a": 2},
]


def context(rng):
    ctx = {}
    for k in rng.sample(CTX_KEYS, rng.randint(0, 7)):
        ctx[k] = rng.choice(VALUES)
    if rng.random() < 0.3:
        for k in ("human_review", "premium", "is_enterprise"):
            if rng.random() < 0.6:
                ctx[k] = rng.choice([True, False, True, 1, "true"])
    if rng.random() < 0.08:
        ctx["provenance"] = rng.choice([
            {"source_ids": ["doc-a", "doc-a", "doc-b"], "derived_from_audit_checksums": ["a" * 64, "nothex", "A" * 64],
             "compilation_source_hash": "b" * 64, "junk": 1},
            {}, {"source_ids": "x"}, {"source_ids": [123, "valid", "", "also-valid"]}, {"source_ids": [None]},
            {"compilation_source_hash": "c" * 63}, "scalar", {"source_ids": None, "compilation_source_hash": "d" * 64},
            {"derived_from_audit_checksums": ["e" * 64, "e" * 64], "source_ids": ["é"]}])
    if rng.random() < 0.03:
        for i in range(rng.choice([99, 100, 101, 130])):
            ctx[f"k{i}" if i % 3 else str(i)] = i
    if rng.random() < 0.05:
        ctx[rng.choice(SECRETS)] = rng.choice(SECRETS)
    return ctx


def invocation(rng, policy_files, meta):
    plain = [f for f in policy_files if f in meta]
    pf = rng.choice(plain) if plain and rng.random() < 0.65 else rng.choice(policy_files)
    info = meta.get(pf, {})
    roles = info.get("roles") or ROLES
    inv = {"policy_file": pf,
           "model_provider": rng.choice(["openai", "anthropic", "internal", "local", "Internal", "internal "]),
           "model_identifier": rng.choice(["gpt-4", "claude-sonnet-4-6", "llama-3", "m"]),
           "role": rng.choice(roles) if rng.random() < 0.75 else rng.choice(ROLES + ["attacker " + rng.choice(SECRETS), " ", "guard-added-role", "zeta"]),
           "input": rng.choice([{"task": "summarize", "n": rng.randint(0, 9)}, {}, {"payload": rng.choice(VALUES)},
                                {"q": "é😀", "n": 1.0, "z": -0.0, "b": 2 ** 70}]),
           "context": context(rng),
           "output": matching_output(rng, info["schema"]) if info.get("schema") and rng.random() < 0.7
           else rng.choice(OUTPUTS)}
    if info and rng.random() < 0.75:
        for name in info["conditions"]:
            if rng.random() < 0.85:
                inv["context"][name] = rng.choice([True, False])
        for key, spec in info["pre"].items():
            if rng.random() < 0.85:
                inv["context"][key] = likely_value(rng, spec)
    if rng.random() < 0.5:
        calls = [{"name": rng.choice(TOOLS[:5]), "args": {"q": "x"}} for _ in range(rng.randint(0, 5))]
        if rng.random() < 0.05:
            calls = rng.choice(["abc", [{"nm": "x"}], {"name": "search"}, ["search"], None, [{"name": 5}]])
        inv["tool_calls"] = calls
    if rng.random() < 0.06:
        mutate(rng, inv)
    return inv


def mutate(rng, inv):
    kind = rng.randint(0, 12)
    if kind == 0:
        del inv[rng.choice(["policy_file", "model_provider", "model_identifier", "role", "input", "context", "output"])]
    elif kind == 1:
        inv[rng.choice(["policy_file", "model_provider", "model_identifier", "role"])] = rng.choice(["", 5, True, None, []])
    elif kind == 2:
        inv[rng.choice(["input", "context", "output"])] = rng.choice([None, [], "x", 5, [1]])
    elif kind == 3:
        inv["policy_file"] = rng.choice(["policies/missing.yaml", "policies", "policies/p0.yml", "invocations.jsonl",
                                         "/nonexistent/x.yaml", "policies/../policies/p0.yaml", "policies/P0.YAML"])
    elif kind == 4:
        del inv["role"]
        del inv["output"]
    elif kind == 5:
        del inv["output"]
    elif kind == 6:
        inv["extra_field"] = {"x": 1}
    elif kind == 7:
        inv["role"] = "attacker " + " ".join(rng.sample(SECRETS, 3))
    elif kind == 8:
        inv["model_provider"] = rng.choice(SECRETS)
    elif kind == 9:
        inv["role"] = rng.choice(["ADMIN", "admin ", "Admin", "ρόλος", "planner\n"])
    elif kind == 10:
        inv["context"]["__nonfinite__"] = True
    elif kind == 11:
        inv["output"] = {"__nonfinite__": True}
    else:
        inv["input"]["__nonfinite__"] = True


NONFINITE = ["1e999", "-1e999", "NaN", "Infinity", "-Infinity"]


def serialize(rng, inv):
    line = json.dumps(inv, ensure_ascii=rng.random() < 0.2)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates can only travel escaped
        line = json.dumps(inv, ensure_ascii=True)
    while '"__nonfinite__": true' in line:
        line = line.replace('"__nonfinite__": true', '"nf": ' + rng.choice(NONFINITE), 1)
    return line


def special_lines(rng):
    return ["[]", "null", '"str"', "5", "{}", '{"policy_file": "policies/p0.yaml"}', "[1, 2]",
            '{"policy_file": "policies/p0.yaml", "model_provider": "a", "model_identifier": "b", "role": "x", '
            '"input": {}, "context": {}, "output": {}, "policy_file": "policies/p1.yaml"}']


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--policies", type=int, default=150)
    ap.add_argument("--invocations", type=int, default=3000)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pdir = os.path.join(a.out, "policies")
    os.makedirs(pdir, exist_ok=True)
    files = {}
    meta = {}
    n_plain = int(a.policies * 0.55)
    n_trap = int(a.policies * 0.25)
    for i in range(n_plain):
        p = base_policy(rng, i)
        files[f"p{i}.yaml"] = dump(p)
        pre = p.get("pre_conditions", {}).get("required", {})
        meta[f"policies/p{i}.yaml"] = {
            "roles": p["roles"], "schema": p.get("output_schema"), "conditions": list(p.get("conditions", {})),
            "pre": pre if isinstance(pre, dict) else {k: {} for k in pre}}
    for i in range(n_trap):
        files[f"t{i}.yaml"] = trap_policy(rng, i)
    fam = 0
    while len(files) < a.policies:
        files.update(composition_family(rng, fam))
        fam += 1
    for name, text in files.items():
        with open(os.path.join(pdir, name), "w", encoding="utf-8") as f:
            f.write(text)
    policy_files = [f"policies/{n}" for n in sorted(files) if n.endswith(".yaml")]
    lines = []
    for _ in range(a.invocations):
        lines.append(serialize(rng, invocation(rng, policy_files, meta)))
    for s in special_lines(rng):
        lines.insert(rng.randint(0, len(lines)), s)
    with open(os.path.join(a.out, "invocations.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(files)} policies, {len(lines)} invocations in {a.out}")


if __name__ == "__main__":
    main()
