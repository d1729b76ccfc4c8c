"""The pytest plugin: its fixtures, and that loading it costs next to nothing."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import httpx

from wan_tasks_sdk import AsyncWanTasks, TaskStatus, WanTasks
from wan_tasks_sdk.testing import DEFAULT_TOKEN, FakeClock, FakeWanTasks, FakeWanTasksServer

README = Path(__file__).parents[2] / "README.md"


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


def test_wan_tasks_client_is_wired_to_the_fake_and_its_clock(
    wan_tasks_fake: FakeWanTasks, wan_tasks_client: WanTasks, tmp_path: Path
) -> None:
    task_id = wan_tasks_fake.create_task(queued_for=60, processing_for=600)
    started = wan_tasks_fake.clock.now()
    task = wan_tasks_client.wait(task_id)  # polls for 11 minutes of the fake's time, at once
    assert task.status == TaskStatus.SUCCEEDED
    assert wan_tasks_fake.clock.now() >= started + 660
    path = wan_tasks_client.download_video(task, tmp_path)
    assert path.read_bytes() == wan_tasks_fake.video_bytes(task_id)
    assert all(request.path in ("/wan/tasks", f"/videos/{task_id}.mp4")
               for request in wan_tasks_fake.requests)  # fmt: skip


async def test_wan_tasks_async_client_is_wired_to_the_fake_and_its_clock(
    wan_tasks_fake: FakeWanTasks, wan_tasks_async_client: AsyncWanTasks
) -> None:
    task_id = wan_tasks_fake.create_task(queued_for=60, processing_for=600)
    task = await wan_tasks_async_client.wait(task_id)
    assert task.status == TaskStatus.SUCCEEDED
    assert wan_tasks_fake.api_requests


def test_wait_over_the_server_finishes_with_the_server_s_client(
    wan_tasks_server: FakeWanTasksServer,
) -> None:
    task_id = wan_tasks_server.fake.create_task(queued_for=60, processing_for=600)
    with wan_tasks_server.client() as client:
        assert client.wait(task_id).status == TaskStatus.SUCCEEDED


async def test_async_wait_over_the_server_finishes_with_the_server_s_client(
    wan_tasks_server: FakeWanTasksServer,
) -> None:
    task_id = wan_tasks_server.fake.create_task(queued_for=60, processing_for=600)
    async with wan_tasks_server.async_client() as client:
        assert (await client.wait(task_id)).status == TaskStatus.SUCCEEDED


def readme_downstream_test() -> dict[str, str]:
    """The README's downstream test: its files (`# name.py` on each block's first line)."""
    section = README.read_text(encoding="utf-8").split("## Testing your code against the fake")[1]
    blocks = re.findall(r"```python\n# (\S+\.py)\n(.*?)```", section.split("\n## ")[0], re.S)
    return dict(blocks)


_NO_NETWORK = """
import socket

def _refuse(*args, **kwargs):
    raise OSError("no network in this test run")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.getaddrinfo = _refuse
"""


def test_the_readme_downstream_test_runs_with_no_network(tmp_path: Path) -> None:
    files = readme_downstream_test()
    assert set(files) == {"conftest.py", "test_videos.py"}
    assert len([line for line in files["test_videos.py"].splitlines() if line.strip()]) <= 10
    for name, text in {**files, "no_network.py": _NO_NETWORK}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-W",
            "error",
            "-p",
            "no_network",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:asyncio",  # a downstream project needs no async plugin (its warning is not ours)
        ],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"\b1 passed\b", run.stdout), run.stdout


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
