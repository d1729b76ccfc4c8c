"""`wan-tasks wait`: exit 0 when every task succeeded, 1 when one failed, 3 on timeout, 130
when interrupted; progress goes to stderr, one line per change (or a live line on a terminal),
and not at all with `--json`."""

from __future__ import annotations

import itertools
import re

import pytest

from tests.cli.conftest import LIVE, Cli, Sleeps, finished, flag, stuck
from wan_tasks_sdk.testing import FakeWanTasks

PROGRESS = re.compile(r"\d+/\d+ finished( · \d+ (pending|running|unknown))*")
FAILURE = "DataInspectionFailed: Input data may contain inappropriate content."


def live_lines(err: str) -> list[str]:
    """The states a terminal's live line went through (it must end with a newline)."""
    assert err.startswith(LIVE), repr(err)
    assert err.endswith("\n"), repr(err)
    return err.removesuffix("\n").split(LIVE)[1:]


@pytest.mark.parametrize("mode", ["plain", "json", "tty"])
def test_tasks_that_complete(cli: Cli, fake: FakeWanTasks, mode: str) -> None:
    done = finished(fake)
    coming = fake.create_task(queued_for=0.1, processing_for=0.3)

    args = ["wait", coming, done, "--interval", "0.1", *flag("--json", mode == "json")]
    result = cli(*args, tty=mode == "tty")

    assert result.code == 0
    if mode == "json":
        assert [(r["id"], r["status"]) for r in result.records] == [
            (coming, "succeeded"),
            (done, "succeeded"),
        ]
        assert result.records[0]["video_url"] == fake.video_url(coming, base_url=cli.base_url)
        assert result.err == ""  # no progress at all for scripts
        return
    assert result.lines[0] == f"{coming}  succeeded"
    assert f"  video     {fake.video_url(coming, base_url=cli.base_url)}" in result.lines
    if mode == "plain":
        progress = result.err.splitlines()
        assert LIVE not in result.err
        assert all(PROGRESS.fullmatch(line) for line in progress), progress
        assert "1/2 finished · 1 running" in progress
        assert progress[-1] == "2/2 finished"
        assert all(a != b for a, b in itertools.pairwise(progress))  # changes only
    else:
        states = live_lines(result.err)
        assert all(re.fullmatch(PROGRESS.pattern + r" · \d+ s", state) for state in states)
        assert states[-1].startswith("2/2 finished · ")


@pytest.mark.parametrize("as_json", [False, True], ids=["readable", "json"])
def test_a_failed_task_exits_1_with_its_reason(cli: Cli, fake: FakeWanTasks, as_json: bool) -> None:
    good, bad = finished(fake), finished(fake, outcome="failed")

    result = cli("wait", good, bad, "--interval", "0.1", *flag("--json", as_json))

    assert result.code == 1
    assert result.error == f"wan-tasks: task {bad} failed: {FAILURE}"
    if as_json:
        assert [(r["status"], r["failure_reason"]) for r in result.records] == [
            ("succeeded", None),
            ("failed", FAILURE),
        ]
    else:
        assert f"{bad}  failed" in result.lines
        assert f"  reason    {FAILURE}" in result.lines


@pytest.mark.parametrize(
    "as_json",
    [False, True],
    ids=["readable", "json"],
)
def test_timeout_exits_3_with_the_last_states(cli: Cli, fake: FakeWanTasks, as_json: bool) -> None:
    done, waiting = finished(fake), stuck(fake)

    args = ["wait", done, waiting, "--timeout", "0.3", "--interval", "0.1"]
    result = cli(*args, *flag("--json", as_json))

    assert result.code == 3
    assert result.error == f"wan-tasks: error: 1 task(s) still unfinished after 0.3 s: {waiting}"
    if as_json:
        states = [(r["id"], r["status"]) for r in result.records]
    else:
        states = [(line.split("  ")[0], line.split("  ")[-1]) for line in result.lines]
    assert states == [(done, "succeeded"), (waiting, "pending")]


@pytest.mark.parametrize("tty", [False, True], ids=["plain", "tty"])
def test_ctrl_c_exits_130(
    cli: Cli, fake: FakeWanTasks, monkeypatch: pytest.MonkeyPatch, tty: bool
) -> None:
    Sleeps(interrupt=True).install(monkeypatch)

    result = cli("wait", stuck(fake), tty=tty)

    assert (result.code, result.out) == (130, "")
    assert result.error == "wan-tasks: interrupted"
    shown = "0/1 finished · 1 pending"
    expected = f"{LIVE}{shown} · 0 s\n" if tty else f"{shown}\n"
    assert result.err == f"{expected}\nwan-tasks: interrupted\n"  # the live line was ended


def test_an_unreadable_record_exits_4_after_the_others(cli: Cli, fake: FakeWanTasks) -> None:
    done = finished(fake)
    record = fake.get_task(done)
    assert record is not None
    broken = fake.add_record({**record, "id": "broken-1", "request": "x"})

    result = cli("wait", broken, done, "--json")

    assert result.code == 4
    assert [r["id"] for r in result.records] == [done]
    # The fake answers a batch in no promised order, as the service does.
    unreadable = r"wan-tasks: unreadable record: broken-1: items\[[01]\]\.request: expected object"
    assert re.fullmatch(unreadable + ", got string\n", result.err)
