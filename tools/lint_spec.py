"""Lint openapi.yaml with two independent rulesets; any error, warning or ignored problem fails.

`python tools/lint_spec.py` (what `make lint-spec` runs) lints the spec with Redocly CLI
(`recommended-strict`, from redocly.yaml) and Spectral (`spectral:oas`, from .spectral.yaml),
both from the pinned node_modules/. Other teams read the spec with these tools, so a warning is
a finding just as an error is.

Redocly exits non-zero on errors only, and counts problems silenced by a
`.redocly.lint-ignore.yaml` as "ignored": its JSON report is read instead of its exit code, so
that warnings and ignored problems fail too. Spectral fails on warnings with
`--fail-severity=warn`. Both run even when the first one fails, so one run shows every problem.
Only the standard library is used: this runs before the venv exists.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
NODE_BIN = ROOT / "node_modules" / ".bin"
# Neither tool may phone home: telemetry, update checks and install analytics are off.
QUIET_ENV = {
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "SCARF_ANALYTICS": "false",
    "DO_NOT_TRACK": "1",
}


def redocly_findings(report: dict[str, Any]) -> list[str]:
    """One line per problem in Redocly's JSON report, and one per non-zero total it counts.

    The totals are checked as well as the list, because ignored problems appear only there.
    """
    lines = []
    for problem in report.get("problems", []):
        [location, *_] = problem.get("location") or [{}]
        start = location.get("start", {})
        where = f"{location.get('source', {}).get('ref', SPEC.name)}:{start.get('line', '?')}"
        pointer = location.get("pointer", "")
        lines.append(
            f"{where} {problem['severity']} {problem['ruleId']}: {problem['message']} ({pointer})"
        )
    totals = report.get("totals", {})
    for kind in ("errors", "warnings", "ignored"):
        if totals.get(kind, 0):
            lines.append(f"redocly counted {kind}: {totals[kind]}")
    return lines


def run_redocly(env: dict[str, str]) -> bool:
    command = [
        str(NODE_BIN / "redocly"), "lint", "--format=json", "--lint-config=error",
        "--config", str(ROOT / "redocly.yaml"), str(SPEC),
    ]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(f"redocly lint gave no report:\n{result.stdout}{result.stderr}", file=sys.stderr)
        return False
    findings = redocly_findings(report)
    for line in findings:
        print(line)
    clean = not findings and result.returncode == 0
    version = report.get("version", "?")
    print(f"redocly {version} (recommended-strict): {'clean' if clean else 'FAILED'}")
    return clean


def run_spectral(env: dict[str, str]) -> bool:
    command = [
        str(NODE_BIN / "spectral"), "lint", "--fail-severity=warn", "--format=text",
        "--ruleset", str(ROOT / ".spectral.yaml"), str(SPEC),
    ]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    print(f"{result.stdout}{result.stderr}".strip())
    clean = result.returncode == 0
    print(f"spectral (spectral:oas): {'clean' if clean else 'FAILED'}")
    return clean


def main() -> int:
    if not (NODE_BIN / "redocly").exists():
        print("node_modules/ is missing: run `make lint-spec` (it runs `npm ci`)", file=sys.stderr)
        return 2
    env = {**os.environ, **QUIET_ENV}
    redocly_clean = run_redocly(env)
    spectral_clean = run_spectral(env)
    return 0 if redocly_clean and spectral_clean else 1


if __name__ == "__main__":
    raise SystemExit(main())
