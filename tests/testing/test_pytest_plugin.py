"""The pytest plugin: its fixtures, and that loading it costs next to nothing."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

import httpx

from wan_tasks_sdk.testing import DEFAULT_TOKEN, FakeClock, FakeWanTasks, FakeWanTasksServer


def test_the_plugin_is_opt_in() -> None:
    """Installing the SDK must not load anything into other projects' test runs."""
    entry_points = importlib.metadata.entry_points(group="pytest11")
    assert not any(e.value.startswith("wan_tasks_sdk") for e in entry_points)


def test_wan_tasks_fake_is_fresh_and_on_a_fake_clock(wan_tasks_fake: FakeWanTasks) -> None:
    assert isinstance(wan_tasks_fake.clock, FakeClock)
    assert wan_tasks_fake.task_ids == []
    assert wan_tasks_fake.requests == []
    assert wan_tasks_fake.token == DEFAULT_TOKEN


def test_wan_tasks_server_serves_wan_tasks_fake(
    wan_tasks_fake: FakeWanTasks, wan_tasks_server: FakeWanTasksServer
) -> None:
    assert wan_tasks_server.fake is wan_tasks_fake
    task_id = wan_tasks_fake.add_example("completed_task")
    response = httpx.post(
        f"{wan_tasks_server.url}/wan/tasks",
        json={"action": "retrieve", "id": task_id},
        headers={"authorization": f"Bearer {DEFAULT_TOKEN}"},
    )
    assert response.json()["id"] == task_id


def modules_added(code: str) -> set[str]:
    """The modules `code` imports beyond pytest and the parent package `wan_tasks_sdk`."""
    script = (
        "import sys, pytest, wan_tasks_sdk\n"
        "before = set(sys.modules)\n"
        f"{code}\n"
        "print(' '.join(sorted(set(sys.modules) - before)))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def test_loading_the_plugin_imports_nothing_of_the_fake() -> None:
    added = modules_added("import wan_tasks_sdk.testing.pytest_plugin")
    assert added == {"wan_tasks_sdk.testing", "wan_tasks_sdk.testing.pytest_plugin"}


def test_importing_the_package_is_lazy_but_complete() -> None:
    assert modules_added("import wan_tasks_sdk.testing") == {"wan_tasks_sdk.testing"}
    code = (
        "import wan_tasks_sdk.testing as t\n"
        "assert all(getattr(t, name) is not None for name in t.__all__)\n"
        "assert set(t.__all__) <= set(dir(t))\n"
        "try:\n    t.nothing\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit(1)\n"
    )
    assert "wan_tasks_sdk.testing._server" in modules_added(code)
