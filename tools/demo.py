"""`make demo`: what a user does with `wan-tasks`, offline, against the built-in fake service.

It starts `wan-tasks fake-server` on 127.0.0.1 (a free port), then runs the real command, as a
user would in a second terminal: look up the documented task, a batch, the newest tasks, wait for
a task still being processed, download its video; then stops the server. Every step must exit
as expected, so the demo doubles as a smoke test. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wan_tasks_sdk.testing import DEFAULT_TOKEN

DOCUMENTED_TASK = "a4bca552-d964-46a1-8ff7-fd922f916582"
FAILED_TASK = "0b8e4c6a-2d1f-4a3b-9c5e-7f8a9b0c1d2e"
NEWER_TASK = "3d9f1b7e-6c5a-4e8d-b2f4-0a1c3e5d7f9b"
WAN_TASKS = [sys.executable, "-m", "wan_tasks_sdk"]


def banner(text: str) -> None:
    print(f"\n\033[1m== {text}\033[0m" if sys.stdout.isatty() else f"\n== {text}", flush=True)


def run(env: dict[str, str], *args: str, expect: int = 0) -> str:
    """Run `wan-tasks ARGS` like a user: show the command, its output, check its exit code."""
    print(f"$ wan-tasks {shlex.join(args)}", flush=True)
    result = subprocess.run(
        [*WAN_TASKS, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream, in the order a terminal would show it
        text=True,
        timeout=120,
        check=False,
    )
    sys.stdout.write(result.stdout)
    if result.returncode != expect:
        raise SystemExit(f"demo failed: exit {result.returncode}, expected {expect}")
    return result.stdout


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [*WAN_TASKS, "fake-server", "--port", "0", "--new-task-seconds", "6"],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert server.stderr is not None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = server.stderr.readline()
        if not line:
            break
        print(f"  {line.rstrip()}")
        found = re.search(r"on (http://127\.0\.0\.1:\d+)", line)
        if found:
            while "tasks:" not in line:  # what it prints next: the token, then the tasks
                line = server.stderr.readline()
                print(f"  {line.rstrip()}")
            return server, found.group(1)
    server.kill()
    raise SystemExit("demo failed: the fake server did not start")


def stop_server(server: subprocess.Popen[str]) -> None:
    server.send_signal(signal.SIGINT)
    try:
        code = server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        raise SystemExit("demo failed: the fake server did not stop on Ctrl-C") from None
    if code != 0:
        raise SystemExit(f"demo failed: the fake server exited with {code}")


def main() -> int:
    env = {**os.environ, "ACEDATACLOUD_API_TOKEN": DEFAULT_TOKEN, "PYTHONUNBUFFERED": "1"}
    banner("Start the built-in fake service on 127.0.0.1")
    server, url = start_server(env)
    base = ["--base-url", url]
    try:
        banner("Look up the task from the published API page")
        run(env, "get", DOCUMENTED_TASK, *base)

        banner("Look up several tasks at once (one batch request)")
        run(env, "get", DOCUMENTED_TASK, FAILED_TASK, NEWER_TASK, *base)

        banner("The newest tasks, for scripts (JSON Lines)")
        lines = run(env, "list", "--limit", "2", "--json", *base).splitlines()  # no stderr: --json
        newest = json.loads(lines[0])
        print(f"-> newest task {newest['id']} is {newest['status']}")

        banner("Wait for the newest task to finish")
        run(env, "wait", newest["id"], "--interval", "1", "--timeout", "60", *base)

        banner("Download its video (streamed, written atomically)")
        with tempfile.TemporaryDirectory(prefix="wan-tasks-demo-") as folder:
            target = Path(folder) / "lighthouse.mp4"
            run(env, "download", newest["id"], "-o", str(target), *base)
            banner("Downloading again refuses to overwrite the file")
            run(env, "download", newest["id"], "-o", str(target), *base, expect=4)

        banner("A failed task makes `wait` exit with 1, for scripts")
        run(env, "wait", FAILED_TASK, "--interval", "1", *base, expect=1)
    finally:
        banner("Stop the fake service")
        stop_server(server)
    print("\ndemo finished: every step behaved as expected")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
