#!/usr/bin/env python3
"""Hashes and signatures of audit artifacts, computed by the reference (dev tool).

Usage: PYTHONPATH=<reference checkout> gen-audit-vectors.py > test/data/audit/reference-vectors.json

Each vector holds its inputs and what the reference computed from them:

  example    the invocation and policy of the pipeline spec's signing example
             (section 7), which the next two give generate_audit_artifact()
  signature  the example's artifact with these metadata at this clock, signed
             with HMACSigner(key): the signature
  chain      three artifacts of the example, metadata {"seq": i} at clock
             1700000000 + i, appended to AuditChain(chain_id): their checksums
  pre_call_failure
             enforce_pre_call() refusing a role the policy does not list: the
             FAIL artifact's output checksum (Phase A has no output)
"""
import json
import os
import sys
import tempfile
from unittest import mock

from aigc import AuditChain, HMACSigner, enforce_pre_call, sign_artifact
from aigc._internal.audit import generate_audit_artifact

INVOCATION = {
    "policy_file": "test.yaml",
    "model_provider": "openai",
    "model_identifier": "gpt-4",
    "role": "planner",
    "input": {"prompt": "test"},
    "output": {"result": "ok"},
    "context": {},
}
POLICY = {"policy_version": "1.0"}

HERE = os.path.dirname(os.path.abspath(__file__))
# The policy and invocation of test/pipeline/split.test.ts (test/pipeline/helpers.ts).
with open(os.path.join(HERE, "..", "test", "data", "pipeline", "planner-policy.yaml"), encoding="utf-8") as planner:
    SPLIT_POLICY = planner.read()
SPLIT_INVOCATION = {
    "policy_file": "policy.yaml",
    "model_provider": "openai",
    "model_identifier": "gpt-4o",
    "role": "intruder",
    "input": {"task": "summarise"},
    "context": {"role_declared": True},
}


def signature_vector():
    key = "secret"
    metadata = {"gates_evaluated": []}
    artifact = generate_audit_artifact(INVOCATION, POLICY, metadata=metadata, timestamp=1700000000)
    sign_artifact(artifact, HMACSigner(key.encode()))
    return {
        "metadata": metadata,
        "timestamp": 1700000000,
        "key": key,
        "signature": artifact["signature"],
    }


def chain_vector():
    chain = AuditChain("chain-x")
    links = []
    for seq in range(3):
        metadata = {"seq": seq}
        artifact = generate_audit_artifact(INVOCATION, POLICY, metadata=metadata, timestamp=1700000000 + seq)
        links.append({"metadata": metadata, "timestamp": 1700000000 + seq, "checksum": chain.append(artifact)["checksum"]})
    return {"chain_id": "chain-x", "links": links}


def pre_call_failure_vector():
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "policy.yaml"), "w", encoding="utf-8") as policy:
            policy.write(SPLIT_POLICY)
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            with mock.patch("time.time", return_value=1700000000):
                enforce_pre_call(SPLIT_INVOCATION)
        except Exception as error:  # the refusal, with its FAIL artifact
            artifact = error.audit_artifact
        else:
            sys.exit("enforce_pre_call accepted a role the policy does not list")
        finally:
            os.chdir(cwd)
    return {
        "policy": SPLIT_POLICY,
        "invocation": SPLIT_INVOCATION,
        "output_checksum": artifact["output_checksum"],
    }


def main():
    vectors = {
        "example": {"invocation": INVOCATION, "policy": POLICY},
        "signature": signature_vector(),
        "chain": chain_vector(),
        "pre_call_failure": pre_call_failure_vector(),
    }
    print(json.dumps(vectors, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
