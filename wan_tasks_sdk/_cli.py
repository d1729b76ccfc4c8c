"""`wan-tasks`: look up, wait for, list and download Wan tasks from a shell.

Exit codes tell outcomes apart for scripts: 0 success, 1 a task failed, 2 a usage error (bad
arguments, no token), 3 `wait` timed out, 4 an API, network or download error (a full disk
included), and 128 + the signal's number when stopped by one: 130 Ctrl-C (SIGINT), 143 SIGTERM
(what `timeout`, systemd and docker send), 129 SIGHUP (the terminal closed). A download stopped
so leaves no temporary file. An error is one line on stderr (with the trace id when the service
gave one), never a traceback, and it speaks of the command's own flags, never of the Python
names behind them. `--help` lists the exit codes too (`EXIT_CODES`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any, Final, TextIO

from . import _signals
from ._client import (
    BASE_URL_ENV_VAR,
    DEFAULT_POLL_INTERVAL,
    DEFAULT_WAIT_TIMEOUT,
    TOKEN_ENV_VAR,
    WanTasks,
)
from ._core import (
    DEFAULT_BASE_URL,
    DEFAULT_PAGE_SIZE,
    DEFAULT_TIMEOUT,
    MAX_LIST_PAGE,
    base_url_problem,
)
from ._download import destination_for
from ._errors import (
    InvalidArgumentError,
    MissingTokenError,
    TaskFailedError,
    UnreadableTasksError,
    WaitTimeoutError,
    WanTasksError,
)
from ._models import Task, TaskStatus, WaitProgress
from ._version import __version__

__all__ = ["main"]

EXIT_OK: Final = 0
EXIT_TASK_FAILED: Final = 1
EXIT_USAGE: Final = 2
EXIT_TIMEOUT: Final = 3
EXIT_API_ERROR: Final = 4
EXIT_INTERRUPTED: Final = 128 + signal.SIGINT
PROG: Final = "wan-tasks"
EXIT_CODES: Final = (
    (EXIT_OK, "success"),
    (EXIT_TASK_FAILED, "a task failed"),
    (EXIT_USAGE, "a usage error: bad arguments, no token"),
    (EXIT_TIMEOUT, "`wait` timed out"),
    (EXIT_API_ERROR, "an API, network or download error (a full disk included)"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C, SIGINT)"),
    (128 + signal.SIGTERM, "stopped by SIGTERM (as `timeout`, systemd and docker stop things)"),
    (128 + signal.SIGHUP, "stopped by SIGHUP (the terminal closed)"),
)
_EPILOG: Final = "exit codes:\n" + "\n".join(f"  {code:<4} {what}" for code, what in EXIT_CODES)
#: The first of 1970 as unix seconds: the service stores no earlier times.
_EPOCH: Final = 0.0
#: Without a terminal, `download` prints a line per tenth of the file (or per this many bytes
#: when the size is unknown), so a log shows it moving without filling up.
_PLAIN_PROGRESS_BYTES: Final = 10_000_000


class _Stopped(BaseException):
    """A termination signal, raised where the command is so that cleanups run on the way out.

    A `BaseException`, as `KeyboardInterrupt`: the SDK lets it through unchanged, after
    removing a download's temporary file.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stop_on_termination() -> Iterator[None]:
    """While a command runs, SIGTERM and SIGHUP end it as Ctrl-C does (exit 128 + signal).

    Python's default for both kills the process on the spot, which leaves a download's
    temporary file behind. Handlers can be set in the main thread only; elsewhere (a test
    calling `main` from a thread) this does nothing.
    """

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Stopped(signum)

    with _signals.handling(_TERMINATION_SIGNALS, stop):
        yield


# SIGHUP does not exist on Windows.
_TERMINATION_SIGNALS: Final = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class _UsageError(Exception):
    """A problem with the command line, reported with exit code 2 and the usage that fits."""

    def __init__(self, message: str, parser: argparse.ArgumentParser | None = None) -> None:
        super().__init__(message)
        self.parser = parser


class _Parser(argparse.ArgumentParser):
    #: A subcommand's parser reports unknown arguments itself, so the error shows its usage
    #: (argparse would hand them up to the top-level parser, whose usage does not help).
    rejects_extras = False

    def error(self, message: str) -> Any:  # argparse would print usage and exit by itself
        raise _UsageError(message, self)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras and self.rejects_extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Shows each option's default after its help, unless the help already explains it."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (
            "default" in text  # "%(default)s" too
            or default in (None, False, argparse.SUPPRESS)
            or action.option_strings == []
        ):
            return text
        return f"{text} (default: %(default)s)"


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not (number > 0 and math.isfinite(number)):
        raise argparse.ArgumentTypeError(f"must be a positive number: {value!r}")
    return number


def _whole_number(value: str, minimum: int, maximum: int | None = None) -> int:
    # Digits only: `int()` would also take "+3", " 3" and "3_000", `str.isdigit` takes "²".
    if not (value.isascii() and value.isdigit()) or int(value) < minimum:
        raise argparse.ArgumentTypeError(f"must be a whole number >= {minimum}: {value!r}")
    if maximum is not None and int(value) > maximum:
        raise argparse.ArgumentTypeError(f"must be at most {maximum}: {value!r}")
    return int(value)


def _count(value: str) -> int:
    return _whole_number(value, 1)


def _page_size(value: str) -> int:
    return _whole_number(value, 1, MAX_LIST_PAGE)


def _service_url(value: str) -> str:
    problem = base_url_problem(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return value


def _port(value: str) -> int:
    return _whole_number(value, 0, 65535)


def _moment(value: str) -> float:
    """Unix seconds, or an ISO 8601 date/time (UTC unless it names a zone)."""
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"not unix seconds nor an ISO 8601 date/time: {value!r}"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        seconds = moment.timestamp()
    if not math.isfinite(seconds):
        raise argparse.ArgumentTypeError(f"not a finite time: {value!r}")
    if seconds < _EPOCH:
        raise argparse.ArgumentTypeError(f"must be 1970-01-01 or later: {value!r}")
    return seconds


def _build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--token",
        help=f"API token (default: ${TOKEN_ENV_VAR}; prefer the variable, "
        "a command line is visible to other users of the machine)",
    )
    common.add_argument(
        "--base-url",
        type=_service_url,
        default=None,
        metavar="URL",
        help=f"service address (default: ${BASE_URL_ENV_VAR}, else {DEFAULT_BASE_URL})",
    )
    common.add_argument("--json", action="store_true", help="print JSON Lines, for scripts")
    common.add_argument(
        "--http-timeout",
        type=_positive,
        default=DEFAULT_TIMEOUT.read,
        metavar="SECONDS",
        help="give up on one request after this long",
    )

    parser = _Parser(
        prog=PROG,
        description="Look up, wait for, list and download Wan video tasks of AceData Cloud.",
        epilog=_EPILOG,
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, parents: list[_Parser]) -> _Parser:
        subparser: _Parser = commands.add_parser(
            name,
            parents=parents,
            help=summary,
            description=summary[0].upper() + summary[1:] + ".",
            epilog=_EPILOG,
            formatter_class=_HelpFormatter,
        )
        subparser.rejects_extras = True
        return subparser

    get = command("get", "show one or more tasks", [common])
    get.add_argument("ids", nargs="+", metavar="ID", help="task id; several are fetched at once")

    wait = command("wait", "wait until tasks succeed or fail", [common])
    wait.add_argument("ids", nargs="+", metavar="ID", help="task id")
    wait.add_argument(
        "--timeout",
        type=_positive,
        default=DEFAULT_WAIT_TIMEOUT,
        metavar="SECONDS",
        help="give up (exit 3) when tasks are still unfinished after this long",
    )
    wait.add_argument(
        "--interval",
        type=_positive,
        default=DEFAULT_POLL_INTERVAL,
        metavar="SECONDS",
        help="pause between polls, or longer when the service asks for it",
    )

    listing = command("list", "list your tasks, newest first", [common])
    listing.add_argument("--type", help="only tasks of this type, e.g. videos (default: all)")
    listing.add_argument(
        "--since",
        type=_moment,
        metavar="TIME",
        help="only tasks created at or after this (unix s or ISO 8601; default: any time)",
    )
    listing.add_argument(
        "--until",
        type=_moment,
        metavar="TIME",
        help="only tasks created at or before this (unix s or ISO 8601; default: any time)",
    )
    listing.add_argument(
        "--application-id", metavar="ID", help="only this application's tasks (default: any)"
    )
    listing.add_argument("--user-id", metavar="ID", help="only this user's tasks (default: any)")
    listing.add_argument(
        "--limit", type=_count, metavar="N", help="at most this many tasks (default: all)"
    )
    listing.add_argument(
        "--page-size",
        type=_page_size,
        default=DEFAULT_PAGE_SIZE,
        metavar="N",
        help=f"tasks per request, 1 to {MAX_LIST_PAGE}",
    )

    download = command("download", "save a task's video", [common])
    download.add_argument("id", metavar="ID", help="task id")
    download.add_argument(
        "-o", "--output", type=Path, metavar="PATH", help="file or folder (default: ./ID.mp4)"
    )
    download.add_argument("--force", action="store_true", help="replace an existing file")

    server = command(
        "fake-server", "run the built-in fake service on 127.0.0.1, for demos and tests", []
    )
    server.add_argument("--host", default="127.0.0.1", help="address to listen on")
    server.add_argument(
        "--port", type=_port, default=8000, help="port to listen on; 0 picks a free one"
    )
    server.add_argument(
        "--token", help="the token it accepts (default: the fake's own, which it prints at start)"
    )
    server.add_argument(
        "--no-examples", action="store_true", help="start empty, without the documented tasks"
    )
    server.add_argument(
        "--new-task-seconds",
        type=_positive,
        default=8.0,
        metavar="SECONDS",
        help="also add a new task that completes this long after the start",
    )
    return parser


# --- output -----------------------------------------------------------------------------------


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "-"


def _summary(task: Task) -> dict[str, Any]:
    return {
        "id": task.id,
        "status": task.status.value,
        "video_url": task.video_url,
        "failure_reason": task.failure_reason,
        "task": task.to_dict(),
    }


def _describe(task: Task) -> str:
    request = task.request
    rows = [
        ("model", request.model),
        ("prompt", request.prompt),
        ("created", _when(task.created)),
        ("finished", _when(task.finished)),
    ]
    if task.processing_seconds is not None:
        rows.append(("took", f"{task.processing_seconds:.1f} s"))
    if task.video_url:
        rows.append(("video", task.video_url))
    if task.failure_reason:
        rows.append(("reason", task.failure_reason))
    lines = [f"{task.id}  {task.status.value}"]
    lines += [f"  {name:<9} {value}" for name, value in rows if isinstance(value, str | int)]
    return "\n".join(lines)


class _Output:
    def __init__(self, as_json: bool, out: TextIO, err: TextIO) -> None:
        self.as_json = as_json
        self.out = out
        self.err = err
        self.live = err.isatty() and not as_json
        self._live_line = False

    def tasks(self, tasks: Iterable[Task]) -> int:
        shown = 0
        for task in tasks:
            if self.as_json:
                print(json.dumps(_summary(task)), file=self.out, flush=True)
            else:
                print(("\n" if shown else "") + _describe(task), file=self.out, flush=True)
            shown += 1
        return shown

    def progress(self, text: str) -> None:
        """A status line: rewritten in place on a terminal, one line each otherwise."""
        if self.as_json:
            return
        if self.live:
            self.err.write(f"\r\033[K{text}")
            self.err.flush()
            self._live_line = True
        else:
            print(text, file=self.err, flush=True)

    def end_progress(self) -> None:
        if self._live_line:
            self.err.write("\n")
            self.err.flush()
            self._live_line = False


# --- commands ---------------------------------------------------------------------------------


def _get(client: WanTasks, args: argparse.Namespace, output: _Output) -> int:
    if len(args.ids) == 1:
        output.tasks([client.retrieve(args.ids[0])])
        return EXIT_OK
    result = client.retrieve_batch(args.ids)
    output.tasks(result)
    for task_id in result.missing:
        print(f"{PROG}: not found: {task_id}", file=output.err)
    _report_unreadable(result.invalid, output)
    return EXIT_API_ERROR if result.missing or result.invalid else EXIT_OK


def _report_unreadable(invalid: Mapping[str, str], output: _Output) -> None:
    """The records that could not be read, after the tasks that could."""
    for key, reason in invalid.items():
        print(f"{PROG}: unreadable record: {key}: {reason}", file=output.err)


def _wait_progress(output: _Output) -> Callable[[WaitProgress], None]:
    last: str | None = None

    def report(progress: WaitProgress) -> None:
        nonlocal last
        counts = progress.counts
        parts = [f"{progress.finished}/{progress.total} finished"]
        parts += [f"{counts[s]} {s.value}" for s in TaskStatus if counts[s] and not s.is_terminal]
        text = " · ".join(parts)
        if output.live:
            output.progress(f"{text} · {progress.elapsed:.0f} s")
        elif text != last:
            output.progress(text)
        last = text

    return report


def _wait(client: WanTasks, args: argparse.Namespace, output: _Output) -> int:
    invalid: Mapping[str, str] = {}
    try:
        tasks = client.wait(
            args.ids,
            timeout=args.timeout,
            poll_interval=args.interval,
            on_progress=_wait_progress(output),
            raise_on_failure=False,
        )
    except UnreadableTasksError as error:  # the others finished: show them all the same
        tasks, invalid = error.tasks, error.invalid
    finally:
        output.end_progress()
    output.tasks(tasks)
    failed = [task for task in tasks if task.status is TaskStatus.FAILED]
    for task in failed:
        print(f"{PROG}: task {task.id} failed: {task.failure_reason}", file=output.err)
    _report_unreadable(invalid, output)
    if failed:
        return EXIT_TASK_FAILED
    return EXIT_API_ERROR if invalid else EXIT_OK


def _list(client: WanTasks, args: argparse.Namespace, output: _Output) -> int:
    listing = client.list_tasks(
        type=args.type,
        created_after=args.since,
        created_before=args.until,
        application_id=args.application_id,
        user_id=args.user_id,
        page_size=args.page_size,
        limit=args.limit,
    )
    shown = output.tasks(listing)
    if not shown and not listing.invalid and not output.as_json:
        print("no tasks match", file=output.err)
    _report_unreadable(listing.invalid, output)
    return EXIT_API_ERROR if listing.invalid else EXIT_OK


def _download_progress(output: _Output) -> Callable[[int, int | None], None]:
    """Live on a terminal; otherwise a plain line per tenth of the file (per 10 MB unsized)."""
    step_shown = 0

    def report(written: int, total: int | None) -> None:
        nonlocal step_shown
        share = f"{written * 100 // total:3d}% " if total else ""
        text = f"downloading {share}{written / 1e6:.1f} MB"
        if output.live:
            output.progress(text)
            return
        step = written * 10 // total if total else written // _PLAIN_PROGRESS_BYTES
        if step != step_shown:
            step_shown = step
            output.progress(" ".join(text.split()))

    return report


def _download(client: WanTasks, args: argparse.Namespace, output: _Output) -> int:
    started = time.monotonic()
    task = client.retrieve(args.id)
    if task.status is TaskStatus.FAILED:
        print(f"{PROG}: task {task.id} failed: {task.failure_reason}", file=output.err)
        return EXIT_TASK_FAILED
    # Checked here, before anything is fetched, to say it with this command's flag.
    target = destination_for(
        task, args.output, overwrite=args.force, how_to_replace="use --force to replace it"
    )
    try:
        path = client.download_video(
            task, target, overwrite=args.force, on_progress=_download_progress(output)
        )
    finally:
        output.end_progress()
    size = path.stat().st_size
    if output.as_json:
        print(json.dumps({"id": task.id, "path": str(path), "bytes": size}), file=output.out)
    else:
        took = time.monotonic() - started
        print(f"saved {path} ({size:,} bytes in {took:.1f} s)", file=output.out)
    return EXIT_OK


def _fake_server(args: argparse.Namespace, err: TextIO) -> int:
    from . import testing  # noqa: PLC0415 - only this command needs the fake

    fake = testing.FakeWanTasks(**({"token": args.token} if args.token else {}))
    seeded = [] if args.no_examples else fake.add_examples()
    queued_for = min(2.0, args.new_task_seconds / 4)
    fresh = fake.create_task(
        "A lighthouse beam sweeping over a stormy sea at night",
        queued_for=queued_for,
        processing_for=args.new_task_seconds - queued_for,
    )

    def ready(url: str) -> None:
        print(f"fake Wan Tasks service on {url} (Ctrl-C stops)", file=err)
        # A token given with --token is never echoed (it may be a real one, typed by mistake).
        if args.token:
            print("  token: the one given with --token", file=err)
        else:
            print(f"  token: {fake.token}", file=err)
            print(f"  try:   {TOKEN_ENV_VAR}={fake.token} {PROG} list --base-url {url}", file=err)
        print(f"  tasks: {len(seeded)} documented examples, and {fresh} (new)", file=err)
        err.flush()

    try:
        testing.serve(fake, host=args.host, port=args.port, on_ready=ready)
    except OSError as error:  # the port is taken, or the address is not this machine's
        print(f"{PROG}: error: cannot serve on {args.host}:{args.port}: {error}", file=err)
        return EXIT_API_ERROR
    return EXIT_OK


_COMMANDS: Final[dict[str, Callable[[WanTasks, argparse.Namespace, _Output], int]]] = {
    "get": _get,
    "wait": _wait,
    "list": _list,
    "download": _download,
}


def _exit_code(error: WanTasksError) -> int:
    if isinstance(error, TaskFailedError):
        return EXIT_TASK_FAILED
    if isinstance(error, WaitTimeoutError):
        return EXIT_TIMEOUT
    if isinstance(error, InvalidArgumentError):
        return EXIT_USAGE
    return EXIT_API_ERROR


def _parse(
    parser: argparse.ArgumentParser, argv: Sequence[str] | None, out: TextIO
) -> argparse.Namespace | int:
    """The parsed command line, or the exit code once `--help` or `--version` has printed."""
    try:
        with contextlib.redirect_stdout(out):
            return parser.parse_args(argv)
    except SystemExit as done:  # only these two exit: errors raise _UsageError
        return done.code if isinstance(done.code, int) else EXIT_OK


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = _build_parser()
    try:
        parsed = _parse(parser, argv, out)
        if isinstance(parsed, int):
            return parsed
        args = parsed
        if args.command == "fake-server":
            return _fake_server(args, err)
        if args.base_url is None and (from_environment := os.environ.get(BASE_URL_ENV_VAR)):
            try:  # said here in the command's words; the client would name `base_url`
                _service_url(from_environment)
            except argparse.ArgumentTypeError as error:
                raise _UsageError(f"${BASE_URL_ENV_VAR}: {error}") from None
        output = _Output(args.json, out, err)
        with (
            _stop_on_termination(),
            WanTasks(args.token, base_url=args.base_url, timeout=args.http_timeout) as client,
        ):
            return _COMMANDS[args.command](client, args, output)
    except _UsageError as error:
        print((error.parser or parser).format_usage().rstrip(), file=err)
        print(f"{PROG}: error: {error}", file=err)
        return EXIT_USAGE
    except MissingTokenError:
        print(f"{PROG}: error: no API token: set {TOKEN_ENV_VAR} or pass --token", file=err)
        return EXIT_USAGE
    except WaitTimeoutError as error:
        for task in error.tasks:
            line = json.dumps(_summary(task)) if args.json else f"{task.id}  {task.status.value}"
            print(line, file=out)
        print(f"{PROG}: error: {error}", file=err)
        return EXIT_TIMEOUT
    except WanTasksError as error:
        print(f"{PROG}: error: {error}", file=err)
        return _exit_code(error)
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted", file=err)
        return EXIT_INTERRUPTED
    except _Stopped as stopped:
        print(f"\n{PROG}: stopped by {signal.Signals(stopped.signum).name}", file=err)
        return 128 + stopped.signum
    except BrokenPipeError:  # `wan-tasks list | head`
        sys.stderr = None  # silence the interpreter's own report on exit
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
