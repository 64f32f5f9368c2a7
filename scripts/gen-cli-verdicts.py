"""Records what the reference's `aigc policy validate` and `aigc policy lint` say
about each case in test/data/policy/cli-verdicts.json.

Run from the repository root:
    PYTHONPATH=/path/to/reference python3 scripts/gen-cli-verdicts.py

Each case is a few policy files (text) and the one to check. The reference's
CLI runs on them in a temporary folder with `date.today()` pinned to the
data's `day`. Recorded per case: the validate verdict line as printed, the
reasons its lint stage or its full load gives (one string each, as
`_lint_policy`/`_validate_policy` return them), for a YAML error the
"line:column" PyYAML placed it at, and whether `aigc policy lint` fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import tempfile
from pathlib import Path
from unittest import mock

import aigc._internal.policy_loader as policy_loader
from aigc._internal import cli

DATA = Path(__file__).resolve().parent.parent / "test" / "data" / "policy" / "cli-verdicts.json"


def run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue()


def yaml_mark(reasons: list[str]) -> str | None:
    if not reasons or not reasons[0].startswith("YAML parse error"):
        return None
    marks = re.findall(r"line (\d+), column (\d+)", reasons[0])
    return f"{marks[-1][0]}:{marks[-1][1]}" if marks else None


def record(case: dict) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        for name, text in case["files"].items():
            path = Path(folder, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            check = Path(case["check"])
            lint_reasons = cli._lint_policy(check)
            reasons = [reason.strip() for reason in lint_reasons] or cli._validate_policy(check)
            validate_code, validate_out = run(["policy", "validate", case["check"]])
            lint_code, _ = run(["policy", "lint", case["check"]])
        finally:
            os.chdir(cwd)
    found = {"validate": {"exit": validate_code, "stdout": validate_out, "reasons": reasons}, "lint": {"exit": lint_code}}
    mark = yaml_mark(reasons)
    if mark:
        found["validate"]["mark"] = mark
    return found


def main() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    day = dt.date.fromisoformat(data["day"])

    class PinnedDate(dt.date):
        @classmethod
        def today(cls):
            return day

    with mock.patch.object(policy_loader, "date", PinnedDate):
        for case in data["cases"]:
            case["reference"] = record(case)
    DATA.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(data['cases'])} cases written to {DATA}")


if __name__ == "__main__":
    main()
