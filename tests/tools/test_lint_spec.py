"""tools/lint_spec.py: what in Redocly's JSON report fails the lint (the tools run in `make`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lint_spec() -> ModuleType:
    """tools/lint_spec.py, imported from its path (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "wan_tasks_tools_lint_spec", ROOT / "tools" / "lint_spec.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _report(errors: int = 0, warnings: int = 0, ignored: int = 0) -> dict[str, object]:
    problems = [
        {
            "ruleId": "operation-summary",
            "severity": severity,
            "message": "Operation object should contain `summary` field.",
            "location": [
                {
                    "source": {"ref": "openapi.yaml"},
                    "pointer": "#/paths/~1wan~1tasks/post",
                    "start": {"line": 46, "col": 5},
                }
            ],
        }
        for severity, count in (("error", errors), ("warn", warnings))
        for _ in range(count)
    ]
    totals = {"errors": errors, "warnings": warnings, "ignored": ignored}
    return {"totals": totals, "version": "2.77.0", "problems": problems}


def test_a_clean_report_has_no_findings(lint_spec: ModuleType) -> None:
    assert lint_spec.redocly_findings(_report()) == []


def test_a_warning_is_a_finding_with_its_place_and_rule(lint_spec: ModuleType) -> None:
    findings = lint_spec.redocly_findings(_report(warnings=1))
    assert findings == [
        "openapi.yaml:46 warn operation-summary: Operation object should contain `summary` "
        "field. (#/paths/~1wan~1tasks/post)",
        "redocly counted warnings: 1",
    ]


def test_problems_silenced_by_an_ignore_file_are_findings(lint_spec: ModuleType) -> None:
    assert lint_spec.redocly_findings(_report(ignored=2)) == ["redocly counted ignored: 2"]
