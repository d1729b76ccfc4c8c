"""The installed `wan-tasks` as a real process: exit codes, one-line errors, signals, a closed
pipe, and `wan-tasks fake-server` serving the other commands until SIGINT or SIGTERM."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from tests.cli.conftest import (
    TOKEN,
    WAN_TASKS,
    Cli,
    Result,
    check,
    finished,
    stuck,
)
from wan_tasks_sdk._client import TOKEN_ENV_VAR
from wan_tasks_sdk.testing import FakeWanTasks


class Running:
    """A `wan-tasks` process whose stderr is read line by line as it comes."""

    def __init__(self, argv: Sequence[str]) -> None:
        env = {**os.environ, TOKEN_ENV_VAR: TOKEN}
        self.process = subprocess.Popen(
            [str(WAN_TASKS), *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.seen: list[str] = []
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._lines.put(line)
        self._lines.put("")  # the end of the stream

    def expect(self, pattern: str, timeout: float = 10) -> re.Match[str]:
        """Read stderr up to a line matching `pattern`."""
        deadline = time.monotonic() + timeout
        while True:
            line = self._lines.get(timeout=max(0.01, deadline - time.monotonic()))
            self.seen.append(line)
            assert line, f"the process ended first: {''.join(self.seen)}"
            if found := re.search(pattern, line):
                return found

    def stop(self, signum: int | None = None, timeout: float = 5) -> Result:
        """Send `signum` (if any); the result once the process has exited by itself."""
        if signum is not None:
            self.process.send_signal(signum)
        code = self.process.wait(timeout=timeout)
        stdout = self.process.stdout
        out = "" if stdout is None or stdout.closed else stdout.read()
        self._reader.join(timeout)
        while not self._lines.empty():
            self.seen.append(self._lines.get())
        return check(Result(code, out, "".join(self.seen)))


Spawn = Callable[[Sequence[str]], Running]


@pytest.fixture
def spawn() -> Iterator[Spawn]:
    """Starts `wan-tasks` processes; any still running at the end is killed."""
    started: list[Running] = []

    def start(argv: Sequence[str]) -> Running:
        started.append(Running(argv))
        return started[-1]

    yield start
    for running in started:
        if running.process.poll() is None:
            running.process.kill()
            running.process.wait()
        for stream in (running.process.stdout, running.process.stderr):
            if stream is not None:
                stream.close()


@pytest.mark.parametrize(
    ("argv", "token", "module", "code", "expected"),
    [
        (["get", "{done}"], TOKEN, False, 0, "{done}  succeeded"),
        (["get", "{done}"], TOKEN, True, 0, "{done}  succeeded"),
        (["get", "no-such-task"], TOKEN, False, 4, "wan-tasks: error: unknown task: no-such-task"),
        (["wait", "{failed}"], TOKEN, False, 1, "wan-tasks: task {failed} failed: "),
        (["wait", "{stuck}", "--timeout", "0.3"], TOKEN, False, 3, "wan-tasks: error: 1 task(s)"),
        (["get", "{done}"], None, False, 2, "wan-tasks: error: no API token"),
        (["frobnicate"], TOKEN, False, 2, "wan-tasks: error: argument COMMAND: invalid choice"),
    ],
    ids=["ok", "python-m", "unknown-task", "failed", "timeout", "no-token", "unknown-command"],
)
def test_exit_codes_and_one_line_errors(
    cli: Cli,
    fake: FakeWanTasks,
    argv: list[str],
    token: str | None,
    module: bool,
    code: int,
    expected: str,
) -> None:
    ids = {"done": finished(fake), "failed": finished(fake, outcome="failed"), "stuck": stuck(fake)}

    result = cli.script(*(arg.format(**ids) for arg in argv), token=token, module=module)

    assert result.code == code
    assert (result.lines[0] if code == 0 else result.error).startswith(expected.format(**ids))
    if code in (2, 4):
        assert result.out == ""
        assert result.err.count("wan-tasks: error: ") == 1


def test_ctrl_c_while_waiting_exits_130(spawn: Spawn, cli: Cli, fake: FakeWanTasks) -> None:
    waiting = spawn(["wait", stuck(fake), "--interval", "0.1", "--base-url", cli.base_url])
    waiting.expect(r"^0/1 finished · 1 pending$")

    result = waiting.stop(signal.SIGINT)

    assert (result.code, result.out) == (130, "")
    assert result.error == "wan-tasks: interrupted"


def test_a_reader_that_stops_early_is_not_an_error(
    spawn: Spawn, cli: Cli, fake: FakeWanTasks
) -> None:
    """`wan-tasks list | head -1`: far more output than a pipe holds, and the reader leaves."""
    first = [finished(fake, created_at=1_700_000_000 + n) for n in range(600)][-1]
    listing = spawn(["list", "--page-size", "100", "--base-url", cli.base_url])
    stdout = listing.process.stdout
    assert stdout is not None

    assert stdout.readline() == f"{first}  succeeded\n"
    stdout.close()
    result = listing.stop()

    assert (result.code, result.err) == (0, "")
    assert len(fake.api_requests) < 6  # it stopped before fetching all six pages


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_fake_server_serves_until_stopped(
    spawn: Spawn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    server = spawn(["fake-server", "--port", "0", "--new-task-seconds", "1", "--token", TOKEN])
    url = server.expect(r"^fake Wan Tasks service on (http://127\.0\.0\.1:\d+) ").group(1)
    found = server.expect(r"tasks: (\d+) documented examples, and (\S+) \(new\)$")
    documented, new = int(found.group(1)), found.group(2)
    monkeypatch.setenv(TOKEN_ENV_VAR, TOKEN)
    cli = Cli(url)

    assert cli("get", new).lines[0] in (f"{new}  pending", f"{new}  running")
    assert cli("wait", new, "--interval", "0.2").lines[0] == f"{new}  succeeded"
    assert cli("download", new, "-o", str(tmp_path)).code == 0
    assert (tmp_path / f"{new}.mp4").read_bytes() == FakeWanTasks().video_bytes(new)
    assert len(cli("list", "--json").records) == documented + 1

    started = time.monotonic()
    result = server.stop(signum)

    assert time.monotonic() - started < 3
    assert (result.code, result.out) == (0, "")
    assert '"POST /wan/tasks HTTP/1.1" 200' in result.err  # it logs each request
