"""`list_tasks`: newest first, page by page as the iterator advances, without repeats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from tests.client.conftest import MakeApi
from tests.client.service import FakeService, json_response, processing, task
from wan_tasks_sdk import InvalidArgumentError, ResponseValidationError

T0 = 1769200000.0


def tasks_at(*times: float, prefix: str = "t") -> list[dict[str, Any]]:
    return [task(f"{prefix}{i}", processing(), created_at=at) for i, at in enumerate(times)]


async def test_pages_transparently_newest_first(make_api: MakeApi, service: FakeService) -> None:
    service.add(*tasks_at(*(T0 + i for i in range(7))))
    found = await make_api().list_all(page_size=3)
    assert [t.id for t in found] == [f"t{i}" for i in reversed(range(7))]
    bodies = service.bodies
    assert bodies[0] == {"action": "retrieve_batch", "limit": 3, "offset": 0}
    # Later pages move created_at_max back to the oldest task seen, offset back to 0.
    assert bodies[1] == {
        "action": "retrieve_batch",
        "limit": 3,
        "offset": 0,
        "created_at_max": T0 + 4,
    }
    assert all("ids" not in body for body in bodies)


async def test_filters_are_sent(make_api: MakeApi, service: FakeService) -> None:
    after = datetime(2026, 1, 23, 20, 26, 40, tzinfo=UTC)
    before = datetime(2026, 1, 25, 8, 13, 20, tzinfo=timezone(timedelta(hours=8)))
    await make_api().list_all(
        type="videos",
        created_after=after,
        created_before=before,
        application_id="app-1",
        user_id="user-1",
        page_size=20,
    )
    assert service.bodies == [
        {
            "action": "retrieve_batch",
            "type": "videos",
            "application_id": "app-1",
            "user_id": "user-1",
            "limit": 20,
            "offset": 0,
            "created_at_min": after.timestamp(),
            "created_at_max": before.timestamp(),
        }
    ]
    assert service.bodies[0]["created_at_min"] == 1769200000
    assert service.bodies[0]["created_at_max"] == 1769300000


async def test_unix_seconds_are_accepted(make_api: MakeApi, service: FakeService) -> None:
    service.add(*tasks_at(T0 - 10, T0, T0 + 10, T0 + 20))
    found = await make_api().list_all(created_after=T0, created_before=int(T0 + 10))
    assert [t.id for t in found] == ["t2", "t1"]
    assert service.bodies[0]["created_at_min"] == T0
    assert service.bodies[0]["created_at_max"] == T0 + 10


@pytest.mark.parametrize(
    "options",
    [
        {"created_after": datetime(2026, 1, 1)},  # naive: which zone would it be in?
        {"created_before": datetime(2026, 1, 1)},
        {"created_after": "2026-01-01"},
        {"created_before": True},
        {"page_size": 0},
        {"page_size": 101},
        {"limit": -1},
    ],
)
async def test_bad_arguments(
    options: dict[str, Any], make_api: MakeApi, service: FakeService
) -> None:
    with pytest.raises(InvalidArgumentError, match=next(iter(options))):
        await make_api().list_all(**options)
    assert service.calls == 0


async def test_limit(make_api: MakeApi, service: FakeService) -> None:
    service.add(*tasks_at(*(T0 + i for i in range(10))))
    found = await make_api().list_all(page_size=3, limit=5)
    assert [t.id for t in found] == ["t9", "t8", "t7", "t6", "t5"]
    limits = [body["limit"] for body in service.bodies]
    assert limits[:2] == [3, 2]  # never more than are still wanted
    assert all(limit <= 2 for limit in limits[1:])


async def test_limit_zero_sends_nothing(make_api: MakeApi, service: FakeService) -> None:
    assert await make_api().list_all(limit=0) == []
    assert service.calls == 0


async def test_no_tasks(make_api: MakeApi, service: FakeService) -> None:
    assert await make_api().list_all() == []
    assert service.calls == 1


async def test_tasks_sharing_the_boundary_are_not_repeated(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(*tasks_at(T0 + 100, T0 + 90, T0 + 90, T0 + 90, T0 + 80, T0 + 70, T0 + 70))
    found = await make_api().list_all(page_size=3)
    assert [t.id for t in found] == ["t0", "t1", "t2", "t3", "t4", "t5", "t6"]


async def test_a_full_page_at_one_timestamp_moves_the_offset(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(*tasks_at(T0 + 100, *[T0 + 50] * 5, T0 + 10))
    found = await make_api().list_all(page_size=2)
    assert [t.id for t in found] == [f"t{i}" for i in range(7)]
    windows = [(body.get("created_at_max"), body["offset"]) for body in service.bodies]
    assert windows[:4] == [(None, 0), (T0 + 50, 0), (T0 + 50, 2), (T0 + 50, 4)]
    assert len(set(windows)) == len(windows)  # no page is asked for twice


async def test_limit_counts_only_tasks_yielded(make_api: MakeApi, service: FakeService) -> None:
    service.add(*tasks_at(T0 + 100, *[T0 + 50] * 4, T0 + 10))
    found = await make_api().list_all(page_size=3, limit=5)
    assert [t.id for t in found] == ["t0", "t1", "t2", "t3", "t4"]


async def test_pages_are_fetched_only_when_needed(
    make_api: MakeApi, respx_service: FakeService
) -> None:
    service = respx_service
    service.add(*tasks_at(*(T0 + i for i in range(7))))
    iterator = make_api(transport=None).list_tasks(page_size=3)
    assert service.route.call_count == 0  # nothing is sent before the first step
    seen = []
    for _ in range(3):
        seen.append((await anext(iterator)).id)
        assert service.route.call_count == 1  # the first page is being consumed
    seen.append((await anext(iterator)).id)
    assert service.route.call_count == 2
    seen.extend([found.id async for found in iterator])
    assert seen == [f"t{i}" for i in reversed(range(7))]


@pytest.mark.parametrize(
    ("answer", "words"),
    [({}, "unknown task"), (task("t1"), "got task")],
)
async def test_an_answer_that_is_not_a_batch(
    answer: dict[str, Any], words: str, make_api: MakeApi, service: FakeService
) -> None:
    service.script.append(json_response(200, answer))
    with pytest.raises(ResponseValidationError, match=words):
        await make_api().list_all()


async def test_limit_holds_even_when_a_page_is_too_long(
    make_api: MakeApi, service: FakeService
) -> None:
    """A service that sends more than `limit` asked for does not make the iterator overshoot."""
    records = tasks_at(T0 + 3, T0 + 2, T0 + 1)
    service.script.append(json_response(200, {"items": records, "count": 3}))
    found = await make_api().list_all(limit=2, page_size=2)
    assert [t.id for t in found] == ["t0", "t1"]


# -- records that cannot be read ---------------------------------------------------------------


def unreadable(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "request": "x"}


async def test_a_listing_with_one_unreadable_record_yields_all_the_others(
    make_api: MakeApi, service: FakeService
) -> None:
    records = tasks_at(*(T0 + i for i in range(7)))
    records[5] = unreadable(records[5])  # in the middle of the first, full page
    service.add(*records)
    found, invalid = await make_api().list_with_invalid(page_size=3)
    assert [t.id for t in found] == ["t6", "t4", "t3", "t2", "t1", "t0"]
    assert invalid == {"t5": "items[1].request: expected object, got string"}
    # The page with the unreadable record was still a full page: the listing went on.
    assert [body.get("created_at_max") for body in service.bodies] == [None, T0 + 4, T0 + 2, T0]


async def test_an_unreadable_record_at_a_page_boundary_is_reported_once(
    make_api: MakeApi, service: FakeService
) -> None:
    records = tasks_at(*(T0 + i for i in range(7)))
    records[4] = unreadable(records[4])  # the oldest of the first page: the next one asks again
    service.add(*records)
    found, invalid = await make_api().list_with_invalid(page_size=3)
    assert [t.id for t in found] == ["t6", "t5", "t3", "t2", "t1", "t0"]
    assert list(invalid) == ["t4"]
    assert service.bodies[1]["created_at_max"] == T0 + 4  # its created_at still moved paging


async def test_a_record_without_a_readable_id_is_keyed_by_its_place(
    make_api: MakeApi, service: FakeService
) -> None:
    records = tasks_at(*(T0 + i for i in range(5)))
    service.add(*records[:3], *records[4:])
    service.tasks["no-id"] = {**records[3], "id": None}  # the oldest of the first page
    found, invalid = await make_api().list_with_invalid(page_size=2)
    assert [t.id for t in found] == ["t4", "t2", "t1", "t0"]
    # The next page asks for it again (it is on the boundary): it is still reported once.
    assert invalid == {"pages[0].items[1]": "items[1].id: expected string, got null"}


async def test_the_limit_leaves_out_the_unreadable_records_beyond_it(
    make_api: MakeApi, service: FakeService
) -> None:
    records = tasks_at(*(T0 + i for i in range(5)))
    records[3], records[1] = unreadable(records[3]), unreadable(records[1])
    service.add(*records)
    found, invalid = await make_api().list_with_invalid(page_size=10, limit=2)
    assert [t.id for t in found] == ["t4", "t2"]
    assert list(invalid) == ["t3"]  # t1 comes after the second task


async def test_invalid_grows_as_pages_are_read(make_api: MakeApi, service: FakeService) -> None:
    records = tasks_at(*(T0 + i for i in range(4)))
    records[0] = unreadable(records[0])  # the oldest: on the second page
    service.add(*records)
    api = make_api()
    if api.kind == "sync":
        iterator: Any = api.client.list_tasks(page_size=2)
        first = next(iterator)
        rest = list(iterator)
    else:
        iterator = api.client.list_tasks(page_size=2)
        first = await anext(iterator)
        assert iterator.invalid == {}
        rest = [found async for found in iterator]
    assert [first.id, *(t.id for t in rest)] == ["t3", "t2", "t1"]
    assert list(iterator.invalid) == ["t0"]
    with pytest.raises(TypeError):
        iterator.invalid["x"] = "read-only"


async def test_closing_the_iterator_fetches_no_further_page(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(*tasks_at(*(T0 + i for i in range(6))))
    api = make_api()
    if api.kind == "sync":
        iterator: Any = api.client.list_tasks(page_size=2)
        assert next(iterator).id == "t5"
        iterator.close()
        assert list(iterator) == []
    else:
        iterator = api.client.list_tasks(page_size=2)
        assert (await anext(iterator)).id == "t5"
        await iterator.aclose()
        assert [found async for found in iterator] == []
    assert service.calls == 1


def _ignoring_paging(page: list[dict[str, Any]]) -> httpx.MockTransport:
    """A service that answers the same page, whatever it is asked (a few times: a client that
    kept asking would loop forever)."""
    answers = iter(range(10))

    def handler(request: httpx.Request) -> httpx.Response:
        assert next(answers, None) is not None, "the client kept asking for the same page"
        return json_response(200, {"items": page, "count": len(page)})

    return httpx.MockTransport(handler)


async def test_a_service_that_ignores_created_at_max_stops_the_listing(
    make_api: MakeApi,
) -> None:
    newest = tasks_at(T0 + 3, T0 + 2)
    api = make_api(transport=_ignoring_paging(newest))
    listed: list[str] = []

    async def list_into_listed() -> None:
        async for found in api.list_tasks(page_size=2):
            listed.append(found.id)

    with pytest.raises(ResponseValidationError, match="ignored created_at_max"):
        await list_into_listed()
    assert listed == ["t0", "t1"]  # each once, then a clear stop instead of a loop


async def test_a_service_that_ignores_offset_stops_the_listing(make_api: MakeApi) -> None:
    same_time = tasks_at(T0, T0)
    api = make_api(transport=_ignoring_paging(same_time))
    with pytest.raises(ResponseValidationError, match="ignored offset"):
        await api.list_all(page_size=2)
