"""`--help` and `--version`: every option explained with its default, the exit codes listed,
the fake server's token shown, and plain progress lines when nobody watches a terminal."""

from __future__ import annotations

import argparse
import io
import re
from collections.abc import Callable
from typing import Any

import pytest

from tests.cli.conftest import run_main, run_script
from wan_tasks_sdk import __version__, testing
from wan_tasks_sdk._cli import EXIT_CODES, _build_parser, _download_progress, _Output
from wan_tasks_sdk.testing import FakeWanTasks

COMMANDS = ["get", "wait", "list", "download", "fake-server"]


def subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = _build_parser()
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_version_names_the_package_version() -> None:
    result = run_script(["--version"], token=None)

    assert (result.code, result.out) == (0, f"wan-tasks {__version__}\n")


@pytest.mark.parametrize("argv", [["--help"], *([name, "--help"] for name in COMMANDS)])
def test_help_lists_the_exit_codes(argv: list[str]) -> None:
    result = run_main(argv)

    assert result.code == 0
    epilog = result.out.split("exit codes:\n", 1)[1]
    for code, meaning in EXIT_CODES:
        assert re.search(rf"^  {code} +{re.escape(meaning)}$", epilog, re.MULTILINE)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help_that_shows_its_default(name: str) -> None:
    parser = subparsers()[name]
    shown = parser.format_help()

    for action in parser._actions:
        assert action.help, f"{name} {action.option_strings or action.dest} has no help"
        if action.option_strings and action.default not in (None, False, argparse.SUPPRESS):
            assert f"default: {action.default}" in " ".join(shown.split()), action.dest
        elif action.option_strings and action.default is None:
            assert "default" in action.help, f"{name} {action.option_strings}: default unsaid"


def test_wait_explains_timeout_and_interval() -> None:
    shown = " ".join(subparsers()["wait"].format_help().split())

    assert "--timeout SECONDS give up (exit 3) when tasks are still unfinished" in shown
    assert "(default: 900.0)" in shown
    assert "--interval SECONDS pause between polls" in shown
    assert "(default: 5.0)" in shown


def plain_progress(sizes: list[int], total: int | None) -> list[str]:
    err = io.StringIO()
    report = _download_progress(_Output(False, io.StringIO(), err))
    for written in sizes:
        report(written, total)
    return err.getvalue().splitlines()


def test_plain_download_progress_is_a_line_per_tenth() -> None:
    lines = plain_progress(list(range(100_000, 10_000_001, 100_000)), 10_000_000)

    assert lines == [f"downloading {tenth * 10}% {tenth}.0 MB" for tenth in range(1, 11)]


def test_plain_download_progress_of_an_unsized_video_is_a_line_per_10_mb() -> None:
    lines = plain_progress(list(range(1_000_000, 25_000_001, 1_000_000)), None)

    assert lines == ["downloading 10.0 MB", "downloading 20.0 MB"]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "  token: fake-wan-tasks-token"),
        (["--token", "tok-CLI-e2e-5f1d9a7c3b"], "  token: the one given with --token"),
    ],
    ids=["the-fake's-own", "given"],
)
def test_fake_server_says_which_token_it_accepts(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], expected: str
) -> None:
    def serve_and_stop(fake: FakeWanTasks, *, on_ready: Callable[[str], None], **_: Any) -> None:
        on_ready("http://127.0.0.1:8000")

    monkeypatch.setattr(testing, "serve", serve_and_stop)

    result = run_main(["fake-server", *argv])

    assert result.code == 0
    assert expected in result.err.splitlines()
