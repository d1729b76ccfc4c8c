"""The public surface of `wan_tasks_sdk`: what `__all__` promises, and no name meaning two
things across the package and `wan_tasks_sdk.testing`."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import httpx
import pytest

import wan_tasks_sdk
import wan_tasks_sdk.testing
from wan_tasks_sdk import generated
from wan_tasks_sdk.generated import models, types


@pytest.mark.parametrize("module", [wan_tasks_sdk, wan_tasks_sdk.testing])
def test_every_exported_name_exists_once(module: object) -> None:
    names: list[str] = module.__all__  # type: ignore[attr-defined]
    assert len(names) == len(set(names))
    for name in names:
        assert getattr(module, name) is not None, name


def test_the_models_of_a_task_and_unset_are_exported() -> None:
    names = ("GenerationRequest", "GenerationResponse", "GenerationResponseData", "TaskUsage")
    for name in (*names, "ErrorDetail"):
        assert getattr(wan_tasks_sdk, name) is getattr(models, name)
    assert wan_tasks_sdk.Unset is types.Unset
    assert wan_tasks_sdk.UNSET is types.UNSET
    assert generated is not None


def test_no_name_means_two_things() -> None:
    shared = set(wan_tasks_sdk.__all__) & set(wan_tasks_sdk.testing.__all__)
    for name in shared:
        assert getattr(wan_tasks_sdk, name) is getattr(wan_tasks_sdk.testing, name), name


def test_one_clock() -> None:
    assert wan_tasks_sdk.testing.Clock is wan_tasks_sdk.Clock
    assert wan_tasks_sdk.testing.SystemClock is wan_tasks_sdk.SystemClock
    assert isinstance(wan_tasks_sdk.testing.FakeClock(), wan_tasks_sdk.Clock)


def test_the_old_name_of_the_server_fault_still_works_and_warns() -> None:
    with pytest.warns(DeprecationWarning, match="ServerFault"):
        fault = wan_tasks_sdk.testing.ServerError
    assert fault is wan_tasks_sdk.testing.ServerFault
    assert "ServerError" not in wan_tasks_sdk.testing.__all__


def test_the_httpx_versions_admitted_are_the_ones_the_suite_runs_on() -> None:
    """The deadlines patch the reads of httpcore's network streams (through its `trace`
    extension) and the body is stored in httpx's private `Response._content`: what this suite
    proves holds for the httpx it runs on, so the lower bound must not admit an older series
    (httpx 0.23.0 does not even import on Python 3.13), nor the bound admit httpx 1."""
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    (requirement,) = [
        line for line in pyproject["project"]["dependencies"] if line.startswith("httpx")
    ]
    bounds = re.fullmatch(r"httpx>=(\d+)\.(\d+),<(\d+)", requirement.replace(" ", ""))
    assert bounds is not None, requirement
    lowest = (int(bounds[1]), int(bounds[2]))
    running = tuple(int(part) for part in httpx.__version__.split(".")[:2])
    assert lowest == running, f"{requirement} but the suite runs on httpx {httpx.__version__}"
    assert int(bounds[3]) == 1
