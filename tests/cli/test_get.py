"""`wan-tasks get`: one task or several, readable or as JSON Lines; unknown ids exit 4."""

from __future__ import annotations

import re
from typing import Any, get_args

import pytest

from tests.cli.conftest import Cli, flag, run_main
from wan_tasks_sdk import BASE_URL_ENV_VAR
from wan_tasks_sdk.testing import ExampleName, FakeWanTasks

EXAMPLES: tuple[ExampleName, ...] = get_args(ExampleName)
STATUS: dict[ExampleName, str] = {
    "completed_task": "succeeded",
    "pending_task": "running",
    "failed_task": "failed",
    "completed_task_newer_shape": "succeeded",
    "queued_task": "pending",
    "running_task_upstream_words": "running",
}
SUMMARY_KEYS = {"id", "status", "video_url", "failure_reason", "task"}


def video_url(record: dict[str, Any]) -> str | None:
    response = record.get("response") or {}
    url: str | None = (response.get("data") or {}).get("video_url") or response.get("video_url")
    return url


def rows(block: str) -> dict[str, str]:
    """The `  name  value` rows of one task's readable block."""
    pairs = (line.strip().split(maxsplit=1) for line in block.splitlines()[1:])
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


@pytest.mark.parametrize("name", EXAMPLES)
def test_one_task_readable(cli: Cli, fake: FakeWanTasks, name: ExampleName) -> None:
    task_id = fake.add_example(name)
    record = fake.get_task(task_id, base_url=cli.base_url)
    assert record is not None

    result = cli("get", task_id)

    assert (result.code, result.err) == (0, "")
    assert result.lines[0] == f"{task_id}  {STATUS[name]}"
    shown = rows(result.out)
    assert shown["model"] == record["request"]["model"]
    assert shown["prompt"] == record["request"]["prompt"]
    assert shown.get("video") == video_url(record)
    assert ("reason" in shown) == (STATUS[name] == "failed")


@pytest.mark.parametrize("names", [EXAMPLES[:1], EXAMPLES[::-1]], ids=["one", "batch"])
def test_json_lines(cli: Cli, fake: FakeWanTasks, names: tuple[ExampleName, ...]) -> None:
    ids = [fake.add_example(name) for name in names]

    result = cli("get", *ids, "--json")

    assert (result.code, result.err) == (0, "")
    records = result.records
    assert [record["id"] for record in records] == ids  # in the order asked
    for record, name in zip(records, names, strict=True):
        assert set(record) == SUMMARY_KEYS
        assert record["status"] == STATUS[name]
        assert record["task"] == fake.get_task(record["id"], base_url=cli.base_url)
        assert record["video_url"] == video_url(record["task"])
        assert (record["failure_reason"] is not None) == (STATUS[name] == "failed")


def test_several_tasks_readable_in_the_order_asked(cli: Cli, fake: FakeWanTasks) -> None:
    ids = [fake.add_example(name) for name in EXAMPLES]
    asked = [ids[2], ids[0], ids[3], ids[1]]  # the service answers newest first: not this

    result = cli("get", *asked)

    assert (result.code, result.err) == (0, "")
    blocks = result.out.rstrip("\n").split("\n\n")
    assert [block.split()[0] for block in blocks] == asked


@pytest.mark.parametrize("as_json", [False, True], ids=["readable", "json"])
def test_batch_with_unknown_ids_shows_the_rest(cli: Cli, fake: FakeWanTasks, as_json: bool) -> None:
    first, second = fake.add_example("completed_task"), fake.add_example("failed_task")

    result = cli("get", first, "missing-1", second, "missing-2", *flag("--json", as_json))

    assert result.code == 4
    shown = (
        [record["id"] for record in result.records]
        if as_json
        else [line.split()[0] for line in result.lines if line and not line[0].isspace()]
    )
    assert shown == [first, second]
    assert result.err.splitlines() == [
        "wan-tasks: not found: missing-1",
        "wan-tasks: not found: missing-2",
    ]


def test_service_address_from_the_environment(
    cli: Cli, fake: FakeWanTasks, monkeypatch: pytest.MonkeyPatch
) -> None:
    task_id = fake.add_example("completed_task")
    monkeypatch.setenv(BASE_URL_ENV_VAR, cli.base_url)
    result = run_main(["get", task_id, "--json"])
    assert result.code == 0
    assert result.records[0]["id"] == task_id


def test_batch_with_an_unreadable_record_shows_the_rest(cli: Cli, fake: FakeWanTasks) -> None:
    first = fake.add_example("completed_task")
    record = fake.get_task(first)
    assert record is not None
    broken = fake.add_record({**record, "id": "broken-1", "request": "x"})

    result = cli("get", first, broken, "--json")

    assert result.code == 4
    assert [record["id"] for record in result.records] == [first]
    # The fake answers a batch in no promised order, as the service does.
    assert re.fullmatch(
        r"wan-tasks: unreadable record: broken-1: items\[[01]\]\.request: expected object, "
        r"got string\n",
        result.err,
    )
