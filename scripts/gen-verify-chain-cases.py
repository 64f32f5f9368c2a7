#!/usr/bin/env python3
"""Cases for the library's verifyChain, answered by the reference (dev tool).

Usage: PYTHONPATH=<reference checkout> gen-verify-chain-cases.py > test/data/chains/verify-chain-cases.json

Takes the first artifacts of test/data/chains/reference-chain.jsonl, applies
one change each (a deletion, a swap, a duplicate, an edited field with and
without its checksum recomputed, odd chain fields, a legacy link without a
checksum) and records what the reference's verify_chain() answers.
"""
import copy
import hashlib
import json
import os

from aigc import verify_chain
from aigc._internal.utils import canonical_json_bytes

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIL = os.path.join(HERE, "..", "test", "data", "chains", "reference-chain.jsonl")


def rehash(artifact):
    rest = {k: v for k, v in artifact.items() if k != "checksum"}
    artifact["checksum"] = hashlib.sha256(canonical_json_bytes(rest)).hexdigest()


def main():
    with open(TRAIL, encoding="utf-8") as trail:
        chain = [json.loads(line) for line in trail][:6]

    def variant(change):
        artifacts = copy.deepcopy(chain)
        change(artifacts)
        return artifacts

    def edit(a, rehashed):
        a[2]["role"] = "reviewer" if a[2]["role"] != "reviewer" else "planner"
        if rehashed:
            rehash(a[2])

    def legacy(a):
        del a[0]["checksum"]
        a[1]["previous_audit_checksum"] = hashlib.sha256(canonical_json_bytes(a[0])).hexdigest()
        rehash(a[1])

    changes = {
        "intact": lambda a: None,
        "empty": lambda a: a.clear(),
        "line deleted": lambda a: a.pop(2),
        "lines swapped": lambda a: a.__setitem__(slice(1, 3), [a[2], a[1]]),
        "line duplicated": lambda a: a.insert(3, copy.deepcopy(a[3])),
        "field edited": lambda a: edit(a, False),
        "field edited, checksum recomputed": lambda a: edit(a, True),
        "first link not null": lambda a: a[0].__setitem__("previous_audit_checksum", "0" * 64),
        "chain id changed": lambda a: a[4].__setitem__("chain_id", "other"),
        "index as a bool": lambda a: a[1].__setitem__("chain_index", True),
        "index as a float": lambda a: a[3].__setitem__("chain_index", 3.0),
        "index missing": lambda a: a[5].pop("chain_index"),
        "legacy link without checksum": legacy,
        "truncated to one": lambda a: a.__delitem__(slice(1, None)),
    }
    cases = []
    for name, change in changes.items():
        artifacts = variant(change)
        valid, errors = verify_chain(artifacts)
        cases.append({"name": name, "artifacts": artifacts, "valid": valid, "errors": errors})
    print(json.dumps(cases, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
