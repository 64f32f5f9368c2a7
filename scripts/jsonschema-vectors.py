"""Differential vectors for src/jsonschema and src/python/regex.ts, computed with
python-jsonschema 4.26 and Python's `re` (the reference's validators).

Run: PYTHONPATH=/work/ref python3 scripts/jsonschema-vectors.py /work/ref/aigc/schemas/policy_dsl.schema.json
Writes test/data/jsonschema/{best-match,policy-errors,regex,schema-errors}.jsonl. Schemas and
instances are stored as JSON text so int/float distinctions survive.
"""

import itertools
import json
import re
import sys
import warnings

import jsonschema
import referencing.exceptions
from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match

warnings.simplefilter("ignore")
OUT = "test/data/jsonschema/"

D4 = "http://json-schema.org/draft-04/schema#"
D6 = "http://json-schema.org/draft-06/schema#"
D7 = "http://json-schema.org/draft-07/schema#"
D19 = "https://json-schema.org/draft/2019-09/schema"
D20 = "https://json-schema.org/draft/2020-12/schema"


def pointer(path):
    return "$" if not path else "$." + ".".join(str(p) for p in path)


def text(value):
    return json.dumps(value, ensure_ascii=False)


SCALARS = [None, True, False, 0, 1, -1, 1.0, 1.5, -2.5, 10**20, "", "a", "abc", "ß", "😀x", [], [1], {}, {"a": 1}]

GROUPS = []


def group(schemas, instances, drafts=(None,)):
    GROUPS.append((schemas, instances, drafts))


ALL = (None, D4, D6, D7, D19, D20)
MODERN = (None, D19)
group([{"type": t} for t in ["integer", "number", "string", "boolean", "null", "array", "object"]]
      + [{"type": ["string", "null"]}, {"type": ["integer", "boolean"]}, {"type": []}], SCALARS, ALL)
group([{"minLength": 1}, {"minLength": 2}, {"maxLength": 0}, {"maxLength": 2}, {"minLength": 1.0}],
      ["", "a", "ab", "abc", "😀", "😀😀😀", 5], ALL)
group([{"minItems": 1}, {"minItems": 3}, {"maxItems": 0}, {"maxItems": 1}], [[], [1], [1, 2], [1, 2, 3, 4], "x"], ALL)
group([{"minProperties": 1}, {"minProperties": 2}, {"maxProperties": 0}, {"maxProperties": 1}],
      [{}, {"a": 1}, {"a": 1, "b": [2]}, []], ALL)
group([{"minimum": 1}, {"minimum": 1.0}, {"maximum": 1}, {"maximum": 1.5}, {"exclusiveMinimum": 1},
       {"exclusiveMaximum": 1}, {"minimum": 0, "maximum": 1}, {"minimum": 10**20}],
      [0, 1, 1.0, 1.5, 2, -0.5, True, "1", 10**20, 10**20 + 1], (None, D6, D7))
group([{"minimum": 1, "exclusiveMinimum": True}, {"maximum": 1, "exclusiveMaximum": True},
       {"minimum": 1, "exclusiveMinimum": False}, {"maximum": 2}],
      [0, 1, 1.0, 1.5, 2, 3], (D4,))
group([{"multipleOf": 2}, {"multipleOf": 0.5}, {"multipleOf": 0.1}, {"multipleOf": 3.0}, {"multipleOf": 1e-300}],
      [0, 1, 2, 3, 1.5, 0.3, 6.0, 10**20, 1e308, True], (None, D7))
group([{"enum": ["a", "b", "c"]}, {"enum": [1, 2]}, {"enum": [1.0, None]}, {"enum": [[1], {"a": 1}]},
       {"enum": [True]}, {"enum": [0]}],
      ["d", "a", 1, 1.0, True, False, 0, None, [1], [1.0], [True], {"a": 1.0}, {"a": True}], (None, D4, D7))
# The metaschemas differ per draft: draft-04 requires unique, non-empty enum items; draft-06 and later do not.
group([{"enum": [1, 1.0]}, {"enum": [1, 1]}, {"enum": ["a", "a"]}, {"enum": [[1], [1.0]]}, {"enum": [{"a": 1}, {"a": 1.0}]},
       {"enum": []}, {"enum": [1, True]}, {"enum": [0, False]}, {"format": 5}, {"properties": {"a": {"minLength": 1.0}}},
       {"enum": [1.0, 2.0], "minLength": 1}, {"items": [{"enum": [2, 2.0]}]}],
      [1, 1.0, "a", [1], {"a": 1}, True, 0], ALL)
group([{"const": 1}, {"const": "x"}, {"const": [1, "a"]}, {"const": None}, {"const": False}, {"const": {"k": 1}}],
      [1, 1.0, True, "x", "y", [1, "a"], [True, "a"], None, False, 0, {"k": 1.0}], (None, D6))
group([{"pattern": "^a"}, {"pattern": "^\\d{4}-\\d{2}-\\d{2}$"}, {"pattern": "b$"}, {"pattern": "(?i)^abc"},
       {"pattern": "\\w+\\s\\w+"}, {"pattern": "^[a-f0-9-]{36}$"}, {"pattern": "\\bfoo\\b"}],
      ["a", "ba", "2020-01-01", "2020-01-01\n", "２０２０-０１-０１", "20250101", "ab\n", "ABC", "é x", "foo bar",
       "xfoo", 5, "ab\n\n"], (None, D7))
group([{"required": ["a", "b"]}, {"required": ["b"], "properties": {"a": {"type": "string"}}},
       {"type": "object", "required": ["x"]}], [{}, {"a": 1}, {"b": 2}, {"a": "s", "b": 1}, [], "x"], ALL)
group([{"additionalProperties": False}, {"properties": {"a": {}}, "additionalProperties": False},
       {"patternProperties": {"^x": {}}, "additionalProperties": False},
       {"patternProperties": {"^x": {}, "^y": {}}, "additionalProperties": False},
       {"properties": {"a": {}}, "additionalProperties": {"type": "integer"}},
       {"additionalProperties": {"type": "string"}, "properties": {"n": {"type": "integer"}}}],
      [{}, {"a": 1}, {"b": 1}, {"b": 1, "a": 2, "c": 3}, {"xa": 1, "z": 2}, {"z": 1, "w": 2}, {"B": 1, "b": 2, "_": 3},
       {"n": "x", "m": 5}], (None, D4, D7))
group([{"patternProperties": {"^n_": {"type": "integer"}, "_s$": {"type": "string"}}}],
      [{"n_s": 1}, {"n_a": "x"}, {"b_s": 2}, {"n_x": 1.0}], (None, D7))
group([{"propertyNames": {"pattern": "^[a-z]+$"}}, {"propertyNames": {"maxLength": 2}}, {"propertyNames": False}],
      [{}, {"ab": 1}, {"Ab": 1, "c": 2}, {"abc": 1}], (None, D6, D7))
group([{"uniqueItems": True}], [[], [1, 2], [1, 1], [1, 1.0], [1, True], [0, False], [[1], [1.0]], [{"a": 1}, {"a": 1}],
                                ["a", "b", "a"], [None, None]], ALL)
group([{"items": {"type": "integer"}}, {"items": [{"type": "string"}, {"type": "integer"}]},
       {"items": [{"type": "string"}], "additionalItems": False},
       {"items": [{"type": "string"}], "additionalItems": {"type": "integer"}}, {"items": False}],
      [[], [1], ["a"], ["a", 1], ["a", "b", "c"], [1, "a", 2.5], "x"], (D6, D7, D19))
group([{"prefixItems": [{"type": "string"}], "items": False}, {"prefixItems": [{}, {}], "items": False},
       {"items": False}, {"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}],
      [[], ["a"], ["a", 1], ["a", 1, 2], [1, "x"]], (None,))
group([{"contains": {"type": "integer"}}, {"contains": {"type": "integer"}, "minContains": 2},
       {"contains": {"type": "integer"}, "maxContains": 1}, {"contains": {"minimum": 3}}],
      [[], ["a"], [1], [1, 2], ["a", 1, 2, 3], "x"], (None, D6, D7, D19))
group([{"dependencies": {"a": ["b", "c"]}}, {"dependencies": {"a": {"required": ["z"]}}}],
      [{"a": 1}, {"a": 1, "b": 2}, {"b": 1}, {"a": 1, "b": 1, "c": 1}], (D4, D6, D7))
group([{"dependentRequired": {"a": ["b", "c"]}}, {"dependentSchemas": {"a": {"required": ["z"]}}}],
      [{"a": 1}, {"a": 1, "b": 2}, {"b": 1}], MODERN)
group([{"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 5}]},
       {"anyOf": [{"type": "string", "minLength": 3}, {"type": "string", "pattern": "^x"}]},
       {"oneOf": [{"type": "number"}, {"type": "integer"}]},
       {"oneOf": [{"type": "string"}, {"type": "array"}]},
       {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}]},
       {"allOf": [{"type": "integer"}, {"minimum": 3}]},
       {"not": {"type": "integer"}},
       {"anyOf": [{"properties": {"a": {"type": "integer"}}}, {"properties": {"a": {"type": "string", "minLength": 2}}}]},
       {"type": "object", "anyOf": [{"required": ["a"]}, {"required": ["b"]}], "properties": {"c": {"type": "string"}}}],
      [1, 1.5, 7, "ab", "xy", "abc", [1], ["a"], [], {}, {"a": 1.5}, {"a": "x"}, {"c": 1}, None], (None, D4, D7))
group([{"if": {"type": "integer"}, "then": {"minimum": 3}, "else": {"type": "string"}},
       {"if": {"required": ["a"]}, "then": {"required": ["b"]}}, {"then": {"minimum": 100}}],
      [1, 5, "x", None, {"a": 1}, {"a": 1, "b": 2}, {}], (None, D7))
group([True, False, {"properties": {"a": False}}, {"items": {"not": {}}}, {"properties": {"a": True}}],
      [1, "x", {"a": 1}, [1], None], (None, D6, D7))
group([{"$defs": {"pos": {"type": "integer", "minimum": 1}}, "properties": {"n": {"$ref": "#/$defs/pos"}}},
       {"definitions": {"s": {"type": "string"}}, "items": {"$ref": "#/definitions/s"}},
       {"$ref": "#/$defs/a", "type": "integer", "$defs": {"a": {"minimum": 5}}},
       {"properties": {"a": {"$ref": "#"}}, "type": "object"},
       {"$defs": {"x": {"$anchor": "node", "type": "string"}}, "items": {"$ref": "#node"}},
       {"$id": "https://example.com/root.json", "$defs": {"x": {"$id": "item.json", "type": "integer"}},
        "items": {"$ref": "item.json"}}],
      [{"n": 0}, {"n": "x"}, ["a", 1], 3, 6, "s", {"a": {"a": 1}}, {"a": {"a": {}}}, [1, "a"]], (None, D7))
group([{"unevaluatedProperties": False, "properties": {"a": {}}},
       {"allOf": [{"properties": {"a": {}}}], "unevaluatedProperties": False},
       {"unevaluatedProperties": {"type": "integer"}, "properties": {"a": {}}},
       {"unevaluatedItems": False, "prefixItems": [{}]},
       {"unevaluatedItems": False, "items": [{}]}],
      [{}, {"a": 1}, {"a": 1, "b": 2, "c": "x"}, {"c": "x", "b": "y"}, [], [1], [1, 2, 3]], (None, D19, D7))
# Nested paths and best_match depth preferences
group([{"type": "object", "properties": {"nested": {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]}}},
        "required": ["c"]},
       {"properties": {"a": {"properties": {"b": {"type": "integer"}}}, "z": {"type": "string"}}},
       {"properties": {"result": {"type": "integer"}, "other": {"enum": [1]}}, "required": ["result"]}],
      [{"nested": [{"x": 1}, {"x": "s"}]}, {"nested": [{}, {"x": 1.0}], "c": 1}, {"a": {"b": "x"}, "z": 1},
       {"a": {"b": "x"}}, {"result": "ok"}, {"result": "ok", "other": 2}, {"other": 2}], (None, D7))
# Preconditions: the reference's mini-schemas
PRE_SPECS = [{"type": "string", "pattern": "^x", "minLength": 3}, {"type": "integer", "minimum": 1, "maximum": 10},
             {"type": "number"}, {"type": "boolean"}, {"pattern": "^a"}, {"minimum": 5}, {"enum": ["a", "b", "c"]},
             {"enum": [1, 2]}, {"type": ["string", "null"], "maxLength": 2}, {"type": "string", "minLength": 1},
             {"type": "string", "pattern": "^[a-f0-9-]{36}$"}, {"type": "array"}, {"type": "object"}, {"type": "null"}]
group(PRE_SPECS, ["", "ab", "x", "xyz", "abc", "😀", 0, 1, 1.5, 11, 3.0, True, False, None, "0.5", [], {}, 10**20, "not-a-uuid"])


def best_vectors():
    out = []
    for schemas, instances, drafts in GROUPS:
        for schema, draft, instance in itertools.product(schemas, drafts, instances):
            if draft is not None:
                if not isinstance(schema, dict):
                    continue
                schema = {"$schema": draft, **schema}
            cls = jsonschema.validators.validator_for(schema)
            try:
                cls.check_schema(schema)
                error = best_match(cls(schema).iter_errors(instance))
            except (jsonschema.exceptions.SchemaError, jsonschema.exceptions.UnknownType,
                    referencing.exceptions.Unresolvable, re.error, AttributeError, TypeError):
                expect = {"invalid": True}
            else:
                expect = None if error is None else {
                    "message": error.message, "pointer": pointer(list(error.absolute_path)),
                    "validator": error.validator}
            out.append({"schema": text(schema), "instance": text(instance), "expect": expect})
    return out


SCHEMA_ERRORS = [
    {"type": "objekt"}, {"type": "object", "properties": {"answer": {"type": "strng"}}}, {"type": ["string", "nul"]},
    {"minLength": -1}, {"maxItems": "3"}, {"required": "a"}, {"required": [1]}, {"enum": "a"}, {"items": {"type": "x"}},
    {"properties": {"a": {"minimum": "0"}}}, {"additionalProperties": 5}, {"anyOf": []}, {"allOf": {}},
    {"$defs": {"d": {"type": "x"}}}, {"definitions": {"d": {"type": "x"}}}, {"if": {"type": "x"}},
    {"prefixItems": [{"type": 1}]}, {"dependentRequired": {"a": "b"}}, {"multipleOf": 0}, {"title": 1},
    {"type": "object", "minProperties": 1.5, "properties": {"a": {"type": "strng"}}},
]


def schema_error_vectors():
    """What `check_schema` raises for schemas that fail their metaschema: the first error, its message and path.
    Format (`regex`) errors are left out: src/jsonschema checks patterns after the metaschema."""
    schemas = [schema for schemas, _instances, _drafts in GROUPS for schema in schemas] + SCHEMA_ERRORS
    out, seen = [], set()
    for schema, draft in itertools.product(schemas, ALL):
        if not isinstance(schema, dict):
            continue
        if draft is not None:
            schema = {"$schema": draft, **schema}
        key = text(schema)
        if key in seen:
            continue
        seen.add(key)
        cls = jsonschema.validators.validator_for(schema)
        try:
            cls.check_schema(schema)
        except jsonschema.exceptions.SchemaError as error:
            if error.validator != "format":
                out.append({"schema": key, "expect": {"message": error.message, "path": list(error.path)}})
    return out


def policy_vectors(schema_file):
    schema = json.load(open(schema_file))
    base = {"policy_version": "1.0", "roles": ["planner"]}
    variants = [
        {}, {"roles": []}, {"roles": "admin"}, {"roles": [1, "a", None]}, {"policy_version": 1}, {"extra": 1, "other": 2},
        {"policy_version": None, "roles": None}, {"effective_date": "20250101"}, {"effective_date": "2025-01-01\n"},
        {"expiration_date": "２０２５-０１-０１"}, {"conditions": {"c": {"type": "string"}}},
        {"conditions": {"c": {}, "d": {"type": "boolean", "x": 1}}},
        {"tools": {"allowed_tools": [{"name": "s", "max_calls": 0}, {"name": 1, "max_calls": 2.0}, {"max_calls": 1.5}]}},
        {"tools": {}}, {"retry_policy": {"max_retries": -1, "backoff_ms": True}},
        {"risk": {"mode": "x", "threshold": 1.5, "factors": [{"name": "a", "weight": -1, "condition": 1}]}},
        {"risk": {"threshold": 0.5}},
        {"pre_conditions": {"required": "abc"}}, {"pre_conditions": {"required": {"k": {"minLength": -1}}}},
        {"pre_conditions": {"required": {"k": "string"}}}, {"pre_conditions": {"required": [1]}},
        {"post_conditions": {"required": [1], "optional": "x"}}, {"output_schema": {}}, {"output_schema": []},
        {"guards": [{"when": {}, "then": {}}, {"when": {"condition": 1}}, {"x": 1}]},
        {"composition_strategy": "merge"}, {"description": 5, "extends": 7},
        {"roles": [], "extra": 1, "tools": {"allowed_tools": "x"}},
    ]
    for index in range(12):
        variants.append({"roles": ["r"] * index + [index]})
    out = []
    for variant in variants:
        policy = {**base, **variant}
        for key in [k for k, v in variant.items() if v is None and k in ("policy_version", "roles")]:
            del policy[key]
        errors = list(Draft7Validator(schema).iter_errors(policy))
        ordered = sorted(errors, key=lambda e: pointer(list(e.absolute_path)))
        out.append({"instance": text(policy),
                    "sorted": [[pointer(list(e.absolute_path)), e.validator, e.message] for e in ordered]})
    out.insert(0, {"schema": text(schema)})
    return out


REGEXES = [
    (r"^\d{4}-\d{2}-\d{2}$", ["2020-01-01", "2020-01-01\n", "2020-01-01\n\n", "٢٠٢٠-٠١-٠١", "x2020-01-01"]),
    (r"\w+", ["é", "_", "-", "٣", "Ⅻ", "½", " "]), (r"\W", ["a", "é", "-", "½"]), (r"\s", [" ", "\x1c", "\x85", "\ufeff", "\u3000", "a"]),
    (r"\S", [" ", "\ufeff"]), (r"\bfoo\b", ["foo", "éfoo", "foo_", "a foo."]), (r"\Bfoo", ["afoo", "foo", "éfoo"]),
    (r"a$", ["a", "a\n", "a\n\n", "ab"]), (r"a\Z", ["a", "a\n"]), (r"\Aa", ["a", "ba"]), (r"(?m)^b$", ["a\nb\nc", "a\nb", "b\r"]),
    (r"(?s)a.b", ["a\nb", "a\rb"]), (r"a.b", ["a\nb", "a\rb", "a\u2028b"]), (r"(?i)[A-Za-z]", ["ſ", "K", "ı", "İ", "1"]),
    (r"(?i)straße", ["STRASSE", "STRAßE"]), (r"(?i)k", ["K", "k"]), (r"(?P<y>\d+)-(?P=y)", ["12-12", "12-13"]),
    (r"(a)\1", ["aa", "ab"]), (r"(?x) a b # comment", ["ab", "a b"]), (r"[]a]", ["]", "a", "b"]), (r"[^]a]", ["]", "b"]),
    (r"[\d-]", ["-", "5", "a"]), (r"[a-]", ["-"]), (r"x{,2}y", ["xxy", "y"]), (r"x{2,}", ["x", "xx"]), (r"a{", ["a{"]),
    (r"a{x}", ["a{x}"]), (r"\x41\u00e9\U0001F600", ["Aé😀"]), (r"\0", ["\0"]), (r"\141", ["a"]), (r"[\b]", ["\b"]),
    (r"a*+a", ["aaa"]), (r"(?>a+)b", ["aab"]), (r"(?<=ab)c", ["abc", "c"]), (r"(?<!a)b", ["ab", "cb"]), (r"\-\#\ ", ["-# "]),
    (r"[\w.-]+@", ["é.x-y@"]), (r"(?a)\w", ["é", "a"]), (r"(?a)\d", ["٣", "3"]), (r"^[^\W\d]+$", ["abc", "a1", "é"]),
    (r".", ["😀"]), (r"^.$", ["😀"]), (r"(?i)ǅ", ["Ǆ", "ǆ"]), (r"(?<=a|b)c", ["ac"]), (r"[a-\d]", []), (r"(", []), (r"\p{L}", []),
    (r"a**", []), (r"*a", []), (r"[z-a]", []), (r"(?P<1>a)", []), (r"\8", []), (r"a(?i)b", []), (r"(?<=a+)b", []), (r"[", []),
    (r")", []), (r"\x4", []), (r"\q", []), (r"(?P=n)", []), (r"\400", []), (r"^*", []), (r"(?L)a", []),
    # Python 3.11 has Unicode 14: characters added since are not digits, letters or printable there.
    (r"^\d$", ["\U00011f50", "5", "٣", "\U0001e4f0", "\U0001fbf9"]), (r"^\w$", ["\U00011f04", "\U0001e4d0", "é", "\u0378"]),
    (r"^\W$", ["\U00011f04", "a"]), (r"^\D$", ["\U00011f50", "5"]), (r"^[^\d]$", ["\U00011f50", "5"]),
    (r"\bx", ["\U00011f04x", "ax", "x"]), (r"^\s$", ["\x1c", "\u180e", "\u200b", "\x85"]),
    # IGNORECASE as Python folds: lowercase-based classes (İ and i, ẞ and ß), never JavaScript's newer pairs.
    (r"(?i)i", ["I", "İ", "ı", "i"]), (r"(?i)\u0130", ["i", "I", "ı"]), (r"(?i)ß", ["ẞ", "SS", "s"]), (r"(?i)ẞ", ["ß"]),
    (r"(?i)[ß]x", ["ẞx"]), (r"(?i)\u0264", ["\ua7cb", "\u0264"]), (r"(?i)\ua7cb", ["\u0264"]), (r"(?i)k", ["\u212a"]),
    (r"(?i)[^k]", ["\u212a", "K", "x"]), (r"(?i)σ", ["ς", "Σ"]), (r"(?i)\u0345", ["ι", "Ι", "\u1fbe"]), (r"(?i)[a-z]", ["\u017f", "\u212a", "\u0131", "\u0130"]),
    (r"(?i)\U00010400", ["\U00010428"]), (r"(?i)[\U00010400]", ["\U00010400", "\U00010428"]),
    (r"(?i)[A\U00010400]", ["\U00010400", "\U00010428", "a"]), (r"(?i)[A\U00010428]", ["\U00010400", "\U00010428"]),
    (r"(?i)[\U00010400-\U00010401]", ["\U00010428", "\U00010429"]), (r"(?i)\w", ["\u0345"]), (r"(?i)[\w]", ["\u0345"]),
    (r"(?ai)k", ["\u212a", "K"]), (r"(?ai)[a-z]", ["\u017f", "K", "\u212a"]), (r"(?i)ǅ", ["ǆ", "Ǆ", "ǅ"]),
    (r"(?i)(a)\1", ["aA", "ab"]), (r"(?i:(a)\1)", []),
    # Scoped flags.
    (r"(?i:abc)d", ["ABCd", "ABCD", "abcd"]), (r"(?i)a(?-i:b)c", ["AbC", "ABC"]), (r"a(?i:b(?-i:c)d)e", ["aBcDe", "aBCde", "AbcDe"]),
    (r"(?i:[a-c]+)x", ["ABCx", "ABCX"]), (r"(?-i:a)", ["a", "A"]), (r"(?i:İ)", ["i", "I"]), (r"(?s:.)(?m:^x)", ["\nx", "a\nx"]),
    (r"(?x: a b )c", ["abc", "a bc"]), (r"(?a:\w)\w", ["éé", "aé"]), (r"(?i-s:a.)", ["A\n", "Ab"]),
    # Conditionals.
    (r"^(a)?(?(1)b|c)$", ["ab", "c", "ac", "b", "a", ""]), (r"^(?P<q><)?\w+(?(q)>)$", ["<a>", "a", "<a", "a>"]),
    (r"^(a)?(?(1)b)$", ["ab", "a", "b", "x"]), (r"(?(1)a|b)(x)", ["bx", "ax"]), (r"^(?:(a)|b)(?(1)c|d)$", ["ac", "bd", "ad", "bc"]),
    (r"^(a)?(?( 1 )b|c)$", ["ab", "c"]), (r"(a)(?(+1)b|c)", ["ab", "ac"]), (r"(a)(?(1_0)b|c)", []), (r"(a)(?(0)b|c)", []),
    (r"(a)(?(2)b|c)", []), (r"(a)(?(-1)b|c)", []), (r"(a)(?(x)b|c)", []), (r"(a)(?(1)b|c|d)", []), (r"(a)(?()b)", []),
    (r"(a)(?(1", []), (r"(a)(?(1)b", []), (r"(?<=(a)(?(1)b|c))d", ["abd", "acd"]), (r"(?<=(?(1)b|c)(a))d", []),
    (r"^(a)?(?(1)b|cc)$", ["ab", "cc"]), (r"^(?:(x)|y)+(?(1)a|b)$", ["xa", "yb", "yxa"]),
    # Named characters.
    (r"^\N{LATIN SMALL LETTER E WITH ACUTE}$", ["é", "e"]), (r"\N{em dash}", ["—"]), (r"[\N{DIGIT ONE}-\N{DIGIT THREE}]", ["2", "4"]),
    (r"\N{HANGUL SYLLABLE GAG}", ["각"]), (r"\N{CJK UNIFIED IDEOGRAPH-4E00}", ["一"]), (r"\N{LATIN CAPITAL LETTER GHA}", ["Ƣ"]),
    (r"(?i)\N{LATIN SMALL LETTER A}", ["A"]), (r"\N{BYTE ORDER MARK}", ["\ufeff"]),
    (r"\N{NOT A NAME}", []), (r"\N{}", []), (r"\N", []), (r"\N{LATIN SMALL LETTER A", []),
    (r"\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}", []), (r"\N{KAWI LETTER A}", []),
    # Group numbering with atomic groups and possessive quantifiers before a backreference.
    (r"(?>(a)b)\1", ["aba", "abab"]), (r"(a)++\1", ["aaa"]), (r"(?>(a)(b))\2\1", ["abba"]),
]


def regex_vectors():
    out = []
    for pattern, texts in REGEXES:
        try:
            compiled = re.compile(pattern)
        except re.error:
            out.append({"pattern": pattern, "valid": False})
            continue
        out.append({"pattern": pattern, "valid": True, "cases": [[t, compiled.search(t) is not None] for t in texts]})
    return out


def write(name, rows):
    with open(OUT + name, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write("best-match.jsonl", best_vectors())
    write("policy-errors.jsonl", policy_vectors(sys.argv[1]))
    write("regex.jsonl", regex_vectors())
    write("schema-errors.jsonl", schema_error_vectors())
