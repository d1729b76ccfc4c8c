"""`wan-tasks list`: the caller's tasks newest first, filtered by type, creation time (unix
seconds or ISO 8601) and count, readable or as JSON Lines."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.cli.conftest import Cli, finished, flag
from wan_tasks_sdk.testing import FakeWanTasks

JAN, MAR, APR, JUN = "2025-01-15", "2025-03-15", "2025-04-01", "2025-06-15"  # creation days


def unix(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp()


@pytest.fixture
def dated(fake: FakeWanTasks) -> dict[str, str]:
    """Three videos and one image task, created on the days above: {day: id}."""
    ids = {day: finished(fake, created_at=unix(day), task_id=f"video-{day}") for day in (JAN, MAR)}
    image = {"id": f"image-{APR}", "type": "images", "created_at": unix(APR)}
    ids[APR] = fake.add_example("completed_task", **image)
    ids[JUN] = finished(fake, created_at=unix(JUN), task_id=f"video-{JUN}")
    return ids


@pytest.mark.parametrize(
    ("filters", "days"),
    [
        ([], [JUN, APR, MAR, JAN]),
        (["--type", "videos"], [JUN, MAR, JAN]),
        (["--type", "images"], [APR]),
        (["--since", str(unix("2025-03-01"))], [JUN, APR, MAR]),
        (["--since", str(int(unix(MAR))), "--until", str(int(unix(APR)))], [APR, MAR]),
        (["--since", "2025-03-01", "--until", "2025-05-01"], [APR, MAR]),
        (["--until", f"{MAR}T00:00:00"], [MAR, JAN]),  # inclusive; UTC when no zone is named
        (["--since", f"{MAR}T08:00:00+08:00", "--until", f"{APR}T00:00:00Z"], [APR, MAR]),
        (["--limit", "2"], [JUN, APR]),
        (["--limit", "3", "--page-size", "1"], [JUN, APR, MAR]),  # paged, one task a request
        (["--type", "videos", "--since", MAR, "--limit", "1"], [JUN]),
    ],
)
def test_filters(cli: Cli, dated: dict[str, str], filters: list[str], days: list[str]) -> None:
    result = cli("list", "--json", *filters)

    assert (result.code, result.err) == (0, "")
    assert [record["id"] for record in result.records] == [dated[day] for day in days]
    assert all(record["status"] == "succeeded" for record in result.records)


def test_readable(cli: Cli, dated: dict[str, str]) -> None:
    result = cli("list", "--type", "videos")

    assert (result.code, result.err) == (0, "")
    headers = [line for line in result.lines if line and not line[0].isspace()]
    assert headers == [f"{dated[day]}  succeeded" for day in (JUN, MAR, JAN)]


@pytest.mark.parametrize("as_json", [False, True], ids=["readable", "json"])
@pytest.mark.parametrize(
    "filters",
    [["--since", "2030-01-01"], ["--type", "audios"], ["--user-id", "someone-else"]],
)
def test_no_tasks_match(cli: Cli, dated: dict[str, str], filters: list[str], as_json: bool) -> None:
    result = cli("list", *filters, *flag("--json", as_json))

    assert (result.code, result.out) == (0, "")
    assert result.err == ("" if as_json else "no tasks match\n")


def test_an_unreadable_record_is_named_after_the_others(
    cli: Cli, fake: FakeWanTasks, dated: dict[str, str]
) -> None:
    record = fake.get_task(dated[MAR])
    assert record is not None
    fake.add_record({**record, "id": "broken-1", "created_at": unix(APR) + 1, "type": 7})

    result = cli("list", "--json")

    assert result.code == 4
    assert [record["id"] for record in result.records] == [dated[d] for d in (JUN, APR, MAR, JAN)]
    assert (
        result.err
        == "wan-tasks: unreadable record: broken-1: items[1].type: expected string, got integer\n"
    )
