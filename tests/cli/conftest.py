"""Fixtures of the command's end-to-end tests: a fake service on 127.0.0.1 and ways to run
`wan-tasks` against it, in-process (`main(...)`) or as the installed console script.

Every run is checked for what must hold whatever the command: no traceback, no token in the
output, and a nonzero exit always explained by a `wan-tasks: ...` line on stderr.
"""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from wan_tasks_sdk import SystemClock
from wan_tasks_sdk._cli import main
from wan_tasks_sdk._client import TOKEN_ENV_VAR
from wan_tasks_sdk.testing import FakeWanTasks, FakeWanTasksServer

#: The token the fake accepts: distinctive, so that a leak into any output is caught.
TOKEN = "tok-CLI-e2e-5f1d9a7c3b"
#: A token the fake refuses, as distinctive.
WRONG_TOKEN = "tok-WRONG-e2e-8e2b6d4f0a"
SECRETS = (TOKEN, WRONG_TOKEN)

#: The installed console script, beside the interpreter running the tests.
WAN_TASKS = Path(sys.executable).with_name("wan-tasks")
#: The erase-line sequence of a live progress line on a terminal.
LIVE = "\r\033[K"


class TtyStringIO(io.StringIO):
    """A captured stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@dataclass(frozen=True)
class Result:
    """What one run of the command did."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def records(self) -> list[dict[str, Any]]:
        """stdout as JSON Lines (fails the test when a line is not a JSON object)."""
        parsed = [json.loads(line) for line in self.lines]
        assert all(isinstance(item, dict) for item in parsed), self.out
        return parsed

    @property
    def error(self) -> str:
        """The last line on stderr: the one-line explanation of a nonzero exit."""
        return self.err.splitlines()[-1] if self.err else ""


def check(result: Result) -> Result:
    """The rules every run follows, whatever the command and the outcome."""
    assert "Traceback" not in result.err, result.err
    for secret in SECRETS:
        assert secret not in result.out, "the token leaked to stdout"
        assert secret not in result.err, "the token leaked to stderr"
    if result.code != 0:
        assert result.error.startswith("wan-tasks: "), result.err
    return result


def run_main(argv: Sequence[str], *, tty: bool = False) -> Result:
    """Run the command in this process, with captured (optionally terminal-like) streams."""
    out = io.StringIO()
    err = TtyStringIO() if tty else io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return check(Result(code, out.getvalue(), err.getvalue()))


def run_script(
    argv: Sequence[str], *, token: str | None = TOKEN, module: bool = False, timeout: float = 20
) -> Result:
    """Run the installed `wan-tasks` (or `python -m wan_tasks_sdk`) as a real process."""
    env = {key: value for key, value in os.environ.items() if key != TOKEN_ENV_VAR}
    if token is not None:
        env[TOKEN_ENV_VAR] = token
    command = [sys.executable, "-m", "wan_tasks_sdk"] if module else [str(WAN_TASKS)]
    done = subprocess.run(
        [*command, *argv], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return check(Result(done.returncode, done.stdout, done.stderr))


@dataclass(frozen=True)
class Cli:
    """`wan-tasks COMMAND ...` against one service address."""

    base_url: str

    def __call__(self, *args: str, tty: bool = False) -> Result:
        return run_main([*args, "--base-url", self.base_url], tty=tty)

    def script(self, *args: str, token: str | None = TOKEN, module: bool = False) -> Result:
        return run_script([*args, "--base-url", self.base_url], token=token, module=module)


def flag(name: str, on: bool) -> list[str]:
    """`[name]` when `on`: an optional switch of a parametrized run."""
    return [name] if on else []


def finished(fake: FakeWanTasks, **options: Any) -> str:
    """A task that is over already (a video, unless `outcome="failed"`)."""
    return fake.create_task(queued_for=0, processing_for=0, **options)


def stuck(fake: FakeWanTasks, **options: Any) -> str:
    """A task that stays queued for ever."""
    return fake.create_task(queued_for=math.inf, **options)


def video_requests(fake: FakeWanTasks) -> list[str]:
    """The paths of the video downloads the fake was asked for."""
    return [request.path for request in fake.requests if request.path.startswith("/videos/")]


class Sleeps:
    """Stands in for the client's real sleeps (retry back-off, polling) and records them."""

    def __init__(self, interrupt: bool = False) -> None:
        self.seconds: list[float] = []
        self.interrupt = interrupt

    def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)
        if self.interrupt:
            raise KeyboardInterrupt

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Sleeps:
        """Take the place of the sleep of every client made from now on."""

        def sleep(clock: SystemClock, seconds: float) -> None:
            self(seconds)

        monkeypatch.setattr(SystemClock, "sleep", sleep)
        return self


@pytest.fixture
def fake() -> FakeWanTasks:
    """An empty fake service on real time (so `wait` sees tasks progress), owning TOKEN."""
    return FakeWanTasks(token=TOKEN, seed=4)


@pytest.fixture
def server(fake: FakeWanTasks) -> Iterator[FakeWanTasksServer]:
    with FakeWanTasksServer(fake) as running:
        yield running


@pytest.fixture
def cli(server: FakeWanTasksServer, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Runs the command against `server`, with TOKEN in the environment."""
    monkeypatch.setenv(TOKEN_ENV_VAR, TOKEN)
    return Cli(server.url)


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    """The client's sleeps return at once (retries cost no time) and are recorded."""
    return Sleeps().install(monkeypatch)
