"""Regenerates test/data/suites/*.test.yaml: our suites' cases with the
expectations the Python reference (aigc 0.3.3) computes for them.

Run from the repository root:
    PYTHONPATH=/path/to/reference python3 scripts/gen-suite-expectations.py

Each fixtures/suites/*.test.yaml case is expanded the way `aigc policy test`
expands it (its shape told by the keys only one shape has, suite defaults
under the case's fields, `policy`/`policy_file` relative to the suite file,
the reference's PolicyTestCase defaults for cases in its shape) and run by the reference at the case's clock: `time.time` is frozen and
the policy date checks are pinned to the UTC day of that instant. Cases in the
reference's shape run through its own `PolicyTestCase.run()`. The verdict,
failure gate, error class, failure reason, checksums and gates evaluated it
reports become the case's `expect`, so running the generated suites with
`aigc policy test` checks that both implementations agree on every case.
"""

from __future__ import annotations

import copy
import glob
import os
from datetime import datetime, timezone
from unittest import mock

import yaml

import aigc._internal.policy_loader as policy_loader
from aigc._internal.enforcement import enforce_invocation
from aigc._internal.errors import AIGCError
from aigc._internal.policy_testing import PolicyTestCase

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "fixtures", "suites")
OUT = os.path.join(ROOT, "test", "data", "suites")

REFERENCE_ONLY = ["input_data", "output_data", "expected_outcome", "expected_gate", "expected_error_type"]
OUR_ONLY = ["policy", "input", "output", "tool_calls", "expect"]
OUR_FIELDS = ["model_provider", "model_identifier", "role", "input", "context", "output", "tool_calls"]
REFERENCE_DEFAULTS = {"role": "planner", "model_provider": "test-provider", "model_identifier": "test-model"}

_original_validate_dates = policy_loader.validate_policy_dates
_pinned_day: list = []


def _validate_dates_on_pinned_day(policy, *, clock=None):
    return _original_validate_dates(policy, clock=clock or (lambda: _pinned_day[0]))


policy_loader.validate_policy_dates = _validate_dates_on_pinned_day


def epoch_of(value) -> int:
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return int(moment.timestamp())
    text = str(value).replace("Z", "+00:00")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


def policy_path(suite_dir: str, policy: str) -> str:
    return os.path.relpath(os.path.normpath(os.path.join(suite_dir, policy)), ROOT).replace(os.sep, "/")


def is_reference_shaped(case: dict) -> bool:
    """A case with a key only the reference's shape has, or with `policy_file` and no key only ours has."""
    if any(key in case for key in REFERENCE_ONLY):
        return True
    return "policy_file" in case and not any(key in case for key in OUR_ONLY)


def policy_file_for(case: dict, suite: dict, suite_dir: str, own: dict):
    """A whole invocation's own policy_file; else the case's policy or policy_file (suite-relative);
    else the suite defaults' policy_file (as written); else the suite's policy (suite-relative)."""
    if "policy_file" in own:
        return own["policy_file"]
    named = case.get("policy", case.get("policy_file"))
    if named is not None:
        return policy_path(suite_dir, named)
    defaults = suite.get("defaults") or {}
    if "policy_file" in defaults:
        return copy.deepcopy(defaults["policy_file"])
    if suite.get("policy") is not None:
        return policy_path(suite_dir, suite["policy"])
    return None


def our_invocation(case: dict, suite: dict, suite_dir: str) -> dict:
    invocation = copy.deepcopy(suite.get("defaults") or {})
    own = case["invocation"] if "invocation" in case else {k: case[k] for k in OUR_FIELDS if k in case}
    invocation.update(copy.deepcopy(own))
    policy_file = policy_file_for(case, suite, suite_dir, own)
    if policy_file is not None:
        invocation["policy_file"] = policy_file
    return invocation


def reference_case(case: dict, suite: dict, suite_dir: str) -> PolicyTestCase:
    defaults = suite.get("defaults") or {}
    if "invocation" in case:
        invocation = copy.deepcopy(defaults)
        invocation.update(copy.deepcopy(case["invocation"]))
        policy_file = policy_file_for(case, suite, suite_dir, case["invocation"])
        if policy_file is not None:
            invocation["policy_file"] = policy_file
        return PolicyTestCase(name=case["name"], policy_file=policy_file, invocation=invocation)
    policy_file = policy_file_for(case, suite, suite_dir, {})

    def field(own_key, default_key, fallback):
        if own_key in case:
            return copy.deepcopy(case[own_key])
        return copy.deepcopy(defaults.get(default_key, fallback))

    def data(own_key, default_key):
        # PolicyTestCase gives `input_data or {}`; suite defaults stand in for a case's missing (or null) value.
        value = case.get(own_key)
        if value is None:
            value = defaults.get(default_key)
        return copy.deepcopy(value) or {}

    invocation = {} if policy_file is None else {"policy_file": policy_file}
    invocation.update(
        role=field("role", "role", REFERENCE_DEFAULTS["role"]),
        model_provider=field("model_provider", "model_provider", REFERENCE_DEFAULTS["model_provider"]),
        model_identifier=field("model_identifier", "model_identifier", REFERENCE_DEFAULTS["model_identifier"]),
        input=data("input_data", "input"),
        output=data("output_data", "output"),
        context=data("context", "context"),
    )
    extra = {k: v for k, v in defaults.items() if k not in invocation}
    if extra or policy_file is None:
        invocation.update(copy.deepcopy(extra))
        return PolicyTestCase(name=case["name"], policy_file=policy_file, invocation=invocation)
    return PolicyTestCase(
        name=case["name"],
        policy_file=policy_file,
        role=invocation["role"],
        model_provider=invocation["model_provider"],
        model_identifier=invocation["model_identifier"],
        input_data=invocation["input"],
        output_data=invocation["output"],
        context=invocation["context"],
    )


def expectation_from(artifact: dict | None, error: AIGCError | None) -> dict:
    expect: dict = {"result": "fail" if error is not None else "pass"}
    if artifact is None:
        return expect
    if error is not None:
        expect["gate"] = artifact.get("failure_gate")
        failures = artifact.get("failures") or []
        expect["error"] = failures[0]["code"] if failures else type(error).__name__
        if artifact.get("failure_reason"):
            expect["reason"] = artifact["failure_reason"]
    metadata = artifact.get("metadata") or {}
    expect["artifact"] = {
        "policy_version": artifact.get("policy_version"),
        "input_checksum": artifact.get("input_checksum"),
        "output_checksum": artifact.get("output_checksum"),
        "risk_score": artifact.get("risk_score"),
        "metadata": {"gates_evaluated": metadata.get("gates_evaluated", [])},
    }
    return expect


def run_case(case: dict, suite: dict, suite_dir: str, now: int) -> tuple[dict, dict]:
    _pinned_day[:] = [datetime.fromtimestamp(now, tz=timezone.utc).date()]
    with mock.patch("time.time", return_value=now):
        if is_reference_shaped(case):
            test_case = reference_case(case, suite, suite_dir)
            invocation = test_case._build_invocation()
            result = test_case.run()
            return invocation, expectation_from(result.audit_artifact, result.error)
        invocation = our_invocation(case, suite, suite_dir)
        try:
            artifact = enforce_invocation(copy.deepcopy(invocation))
            return invocation, expectation_from(artifact, None)
        except AIGCError as error:
            return invocation, expectation_from(getattr(error, "audit_artifact", None), error)


def generate(source: str) -> None:
    with open(source, encoding="utf-8") as handle:
        suite = yaml.safe_load(handle)
    suite_dir = os.path.dirname(os.path.abspath(source))
    name = os.path.basename(source)
    cases = []
    for case in suite["cases"]:
        if case.get("skip"):
            continue
        now = epoch_of(case.get("now", suite.get("now", 1780000000)))
        invocation, expect = run_case(case, suite, suite_dir, now)
        policy_file = invocation.pop("policy_file", None)
        entry = {"name": case["name"], "now": now}
        if policy_file is not None:
            entry["policy"] = os.path.relpath(os.path.join(ROOT, policy_file), OUT).replace(os.sep, "/")
        entry["invocation"] = invocation
        entry["expect"] = expect
        cases.append(entry)
    document = {
        "suite": f"{suite.get('suite', name)} (expectations computed by the Python reference)",
        "cases": cases,
    }
    target = os.path.join(OUT, name)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(f"# Generated by scripts/gen-suite-expectations.py from fixtures/suites/{name}; do not edit.\n")
        yaml.safe_dump(document, handle, sort_keys=False, allow_unicode=True, width=200)
    print(f"{target}: {len(cases)} cases")


def main() -> None:
    os.chdir(ROOT)
    os.makedirs(OUT, exist_ok=True)
    for source in sorted(glob.glob(os.path.join(SOURCE, "*.test.yaml"))):
        generate(source)


if __name__ == "__main__":
    main()
