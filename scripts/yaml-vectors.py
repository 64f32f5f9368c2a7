"""Regenerates the PyYAML expectations in test/data/yaml/pyyaml-vectors.json.

Each vector's `yaml` is loaded with `yaml.safe_load`; `repr` records the
value, or `error` records the exception class and, for YAMLError, the first
line of its message and `mark`, where PyYAML places the problem ("line:column",
1-based). Run: python3 scripts/yaml-vectors.py (PyYAML 6.0.3).
"""

import json
import pathlib

import yaml

VECTORS = pathlib.Path(__file__).resolve().parent.parent / "test" / "data" / "yaml" / "pyyaml-vectors.json"


def expectation(text):
    try:
        return {"repr": repr(yaml.safe_load(text))}
    except yaml.YAMLError as err:
        found = {"error": type(err).__name__, "message": str(err).split("\n")[0]}
        mark = getattr(err, "problem_mark", None)
        if mark is not None:
            found["mark"] = f"{mark.line + 1}:{mark.column + 1}"
        return found
    except Exception as err:  # PyYAML lets ValueError, KeyError ... escape
        return {"error": type(err).__name__, "message": str(err)}


def main():
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    for vector in vectors:
        for field in ("repr", "error", "message", "mark"):
            vector.pop(field, None)
        vector.update(expectation(vector["yaml"]))
    VECTORS.write_text(json.dumps(vectors, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(vectors)} vectors written to {VECTORS}")


if __name__ == "__main__":
    main()
