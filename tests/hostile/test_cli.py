"""`wan-tasks download` as a real process, stopped by what stops processes: a file-size limit (a
full disk, as far as the program can tell) and the signals of Ctrl-C, `timeout`/systemd/docker
and a closed terminal. Each ends with one line on stderr, the documented exit code, and no
temporary file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.servers import RELEASE_AFTER, Connection, hostile_server, video_record
from wan_tasks_sdk._client import TOKEN_ENV_VAR
from wan_tasks_sdk.testing import FakeWanTasks, FakeWanTasksServer

TOKEN = "tok-HOSTILE-cli-9a1f3e5c7b"
WAN_TASKS = Path(sys.executable).with_name("wan-tasks")
VIDEO_SIZE = 1024 * 1024


@pytest.fixture
def fake() -> FakeWanTasks:
    return FakeWanTasks(token=TOKEN, video_size=VIDEO_SIZE)


@pytest.fixture
def api(fake: FakeWanTasks) -> Iterator[FakeWanTasksServer]:
    with FakeWanTasksServer(fake) as server:
        yield server


#: Run in the child before it becomes `wan-tasks` (no `preexec_fn`: this process has threads).
#: SIGINT back to its default, for a process started in the background inherits it ignored and
#: Ctrl-C must reach it; then the file-size limit, when one is given.
_LAUNCH = """
import os, resource, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
limit = int(sys.argv[1])
if limit:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
os.execv(sys.argv[2], sys.argv[2:])
"""


def command(
    api: FakeWanTasksServer, task_id: str, folder: Path, *, file_size_limit: int = 0
) -> list[str]:
    """`wan-tasks download ID -o FOLDER`, started through `_LAUNCH`."""
    wan_tasks = [str(WAN_TASKS), "download", task_id, "-o", str(folder), "--base-url", api.url]
    return [sys.executable, "-c", _LAUNCH, str(file_size_limit), *wan_tasks]


def environment() -> dict[str, str]:
    return {**os.environ, TOKEN_ENV_VAR: TOKEN}


def test_a_file_size_limit_mid_download_exits_4_with_one_line(
    fake: FakeWanTasks, api: FakeWanTasksServer, tmp_path: Path
) -> None:
    """RLIMIT_FSIZE makes a write fail with EFBIG, as a full disk fails with ENOSPC (Python
    ignores SIGXFSZ, so the process is not killed by the limit)."""
    task_id = fake.create_task(queued_for=0, processing_for=0)

    done = subprocess.run(
        command(api, task_id, tmp_path, file_size_limit=100_000),
        env=environment(),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert done.returncode == 4, done.stderr
    assert done.stderr.splitlines() == [
        f"wan-tasks: error: cannot write {tmp_path / task_id}.mp4: "
        "the file is larger than this process may write (file size limit)"
    ]
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []


def _stall_mid_body(connection: Connection) -> None:
    connection.send_head(200, {"content-length": str(VIDEO_SIZE)})
    connection.sock.sendall(b"\0" * 100_000)
    connection.stall()


@pytest.mark.parametrize(
    ("signum", "code", "line"),
    [
        (signal.SIGTERM, 143, "wan-tasks: stopped by SIGTERM"),
        (signal.SIGHUP, 129, "wan-tasks: stopped by SIGHUP"),
        (signal.SIGINT, 130, "wan-tasks: interrupted"),
    ],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_mid_download_exits_128_plus_its_number_and_leaves_nothing(
    fake: FakeWanTasks, api: FakeWanTasksServer, tmp_path: Path, signum: int, code: int, line: str
) -> None:
    with hostile_server(_stall_mid_body) as video_host:
        task_id = fake.add_record(video_record(f"{video_host.url}/v.mp4", "stalled-task"))
        process = subprocess.Popen(
            command(api, task_id, tmp_path),
            env=environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert video_host.stalled.wait(RELEASE_AFTER), "the download never started"
            deadline = time.monotonic() + RELEASE_AFTER
            while not list(tmp_path.glob(".wan-tasks-*.part")) and time.monotonic() < deadline:
                time.sleep(0.01)
            assert [path.suffix for path in tmp_path.iterdir()] == [".part"]
            process.send_signal(signum)
            out, err = process.communicate(timeout=RELEASE_AFTER)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()

    assert process.returncode == code, err
    assert "Traceback" not in err
    assert err.splitlines()[-1] == line
    assert out == ""
    assert list(tmp_path.iterdir()) == []
