#!/usr/bin/env python3
"""Build signed, hash-chained audit trails with the Python reference (dev tool).

Usage (with the reference importable, e.g. PYTHONPATH=/work/ref):

  gen-reference-chain.py generate OUT_DIR [--count 40]
      Writes OUT_DIR/reference-chain.jsonl (one chain of COUNT artifacts),
      OUT_DIR/reference-two-chains.jsonl (two chains interleaved),
      OUT_DIR/reference-chain.key (the HMAC key) and the policy used,
      OUT_DIR/reference-chain-policy.yaml. Every artifact comes from
      AIGC(signer=HMACSigner(key)).enforce() (PASS and in-pipeline FAIL, all
      signed, clock frozen at 1700000000 + n), is chained with AuditChain and
      written with json.dumps (Python defaults: ", " separators, \\uXXXX
      escapes, 1.0 floats), one per line.

  gen-reference-chain.py check FILE --key-file KEY
      Verifies a trail another tool wrote (e.g. `aigc enforce --key-env K
      --chain FILE`) with the reference: verify_chain() on each chain, and
      verify_artifact() on each artifact with its chain fields removed (the
      reference signs before chaining, so its own verify_artifact cannot check
      a chained artifact as it stands). Prints the counts; exit 1 on any failure.
"""
import argparse
import json
import os
import sys
import tempfile
from unittest import mock

from aigc import AIGC, AuditChain, HMACSigner, verify_artifact, verify_chain

CHAIN_FIELDS = ("chain_id", "chain_index", "previous_audit_checksum", "checksum")
KEY = b"reference-chain-key\xc3\xa9"

POLICY = """\
policy_version: "2.1"
roles: [planner, reviewer]
pre_conditions:
  required:
    role_declared: {type: boolean}
output_schema:
  type: object
  properties:
    answer: {type: string}
    score: {type: number, maximum: 1}
  required: [answer]
post_conditions:
  required: [output_schema_valid]
risk:
  mode: risk_scored
  threshold: 0.9
  factors:
    - {name: external, weight: 0.3, condition: external_model}
"""

# Values whose JSON text differs between Python's json.dumps and a naive
# serialiser: integral floats, exponents, escapes of non-ASCII, big integers.
ODD_VALUES = [1.0, 1e-07, 2.5e-05, 0.1 + 0.2, 1e22, -0.0, 12345678901234567890123, "é☃😀", "tab\there", "\u2028", [1.0, {"z": 2, "a": 1}]]


def invocation(n):
    role = "intruder" if n % 7 == 3 else "planner"
    output = {"answer": f"answer {n}", "score": (n % 10) / 9}
    if n % 11 == 5:
        output = {"score": 0.5}  # fails the output schema
    return {
        "policy_file": "reference-chain-policy.yaml",
        "model_provider": "openai" if n % 2 else "internal",
        "model_identifier": "gpt-4o",
        "role": role,
        "input": {"question": f"question {n}", "n": n},
        "output": output,
        "context": {"role_declared": True, "n": n, "odd": ODD_VALUES[n % len(ODD_VALUES)], "note": f"café #{n}"},
    }


def enforce(aigc, n):
    with mock.patch("time.time", return_value=1700000000 + n):
        try:
            return aigc.enforce(invocation(n))
        except Exception as error:  # in-pipeline FAIL: the artifact rides on the exception
            artifact = getattr(error, "audit_artifact", None)
            if artifact is None:
                raise
            return artifact


def generate(out_dir, count):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "reference-chain-policy.yaml"), "w") as f:
        f.write(POLICY)
    with open(os.path.join(out_dir, "reference-chain.key"), "wb") as f:
        f.write(KEY + b"\n")
    previous = os.getcwd()
    os.chdir(out_dir)
    try:
        aigc = AIGC(signer=HMACSigner(KEY))
        one = AuditChain(chain_id="reference-chain")
        lines = [json.dumps(one.append(enforce(aigc, n))) for n in range(count)]
        first, second = AuditChain(chain_id="chain-a"), AuditChain(chain_id="chain-b")
        mixed = []
        for n in range(20):
            chain = first if n % 3 else second
            mixed.append(json.dumps(chain.append(enforce(aigc, 100 + n))))
    finally:
        os.chdir(previous)
    write_lines(os.path.join(out_dir, "reference-chain.jsonl"), lines)
    write_lines(os.path.join(out_dir, "reference-two-chains.jsonl"), mixed)
    assert verify_chain([json.loads(line) for line in lines]) == (True, [])
    signed = sum(1 for line in lines if json.loads(line).get("signature"))
    print(f"reference-chain.jsonl: {len(lines)} artifacts ({signed} signed), reference-two-chains.jsonl: {len(mixed)} artifacts")


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")


def check(path, key_file):
    with open(key_file, "rb") as f:
        key = f.read()
    if key.endswith(b"\n"):
        key = key[:-1]
    signer = HMACSigner(key)
    chains = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                artifact = json.loads(line)
                chains.setdefault(artifact.get("chain_id"), []).append(artifact)
    failures = 0
    for chain_id, artifacts in chains.items():
        ok, errors = verify_chain(artifacts)
        valid = 0
        for artifact in artifacts:
            unchained = {k: v for k, v in artifact.items() if k not in CHAIN_FIELDS}
            if verify_artifact(unchained, signer):
                valid += 1
        print(f"chain {chain_id}: verify_chain {'ok' if ok else 'FAILED ' + '; '.join(errors)}, {len(artifacts)} artifacts, {valid}/{len(artifacts)} signatures valid (reference verify_artifact)")
        failures += (not ok) + (len(artifacts) - valid)
    return 1 if failures or not chains else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate")
    gen.add_argument("out_dir")
    gen.add_argument("--count", type=int, default=40)
    chk = commands.add_parser("check")
    chk.add_argument("file")
    chk.add_argument("--key-file", required=True)
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.out_dir, args.count)
        return 0
    return check(args.file, args.key_file)


if __name__ == "__main__":
    sys.exit(main())
