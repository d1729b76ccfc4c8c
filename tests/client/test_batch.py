"""`retrieve_batch`: any number of ids, `batch_size` per request, results in the order asked."""

from __future__ import annotations

from typing import Any

import pytest

from tests.client import spec
from tests.client.conftest import MakeApi
from tests.client.service import FakeService, json_response, task
from wan_tasks_sdk import BatchResult, InvalidArgumentError, ResponseValidationError

PUBLISHED_ID = "a4bca552-d964-46a1-8ff7-fd922f916582"


async def test_fifty_ids_per_request_in_the_order_asked(
    make_api: MakeApi, service: FakeService
) -> None:
    ids = [f"id-{i:03}" for i in range(120)]
    service.add(*(task(i) for i in ids))
    service.repeat_items = True  # and every item twice, in reverse order
    result = await make_api().retrieve_batch(ids)
    assert isinstance(result, BatchResult)
    assert [t.id for t in result] == ids
    assert result.missing == ()
    assert [body["ids"] for body in service.bodies] == [ids[:50], ids[50:100], ids[100:]]
    assert all(body["action"] == "retrieve_batch" for body in service.bodies)
    assert set(service.bodies[0]) == {"action", "ids"}


async def test_batch_size_is_configurable(make_api: MakeApi, service: FakeService) -> None:
    ids = [f"id-{i}" for i in range(10)]
    service.add(*(task(i) for i in ids))
    result = await make_api(batch_size=4).retrieve_batch(ids)
    assert [t.id for t in result] == ids
    assert [len(body["ids"]) for body in service.bodies] == [4, 4, 2]


async def test_repeated_ids_are_sent_and_returned_once(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("a"), task("b"))
    result = await make_api().retrieve_batch(["b", "a", "b", "b", "a"])
    assert service.bodies == [{"action": "retrieve_batch", "ids": ["b", "a"]}]
    assert [t.id for t in result] == ["b", "a"]


async def test_the_documented_batch_with_its_repeated_item(
    make_api: MakeApi, service: FakeService
) -> None:
    service.script.append(json_response(200, spec.ok_example("batch")))
    result = await make_api().retrieve_batch([PUBLISHED_ID, PUBLISHED_ID])
    assert len(result) == 1
    assert result[0].to_dict() == spec.ok_example("completed_task")
    assert result.get(PUBLISHED_ID) is result[0]


async def test_unknown_ids_are_missing_not_dropped(make_api: MakeApi, service: FakeService) -> None:
    service.add(task("known-1"), task("known-2"))
    result = await make_api().retrieve_batch(["lost-1", "known-2", "lost-2", "known-1"])
    assert [t.id for t in result] == ["known-2", "known-1"]
    assert result.missing == ("lost-1", "lost-2")
    assert result.get("known-1") is result[1]
    assert result.get("lost-1") is None


async def test_by_trace_ids_in_the_order_asked_with_the_unknown_missing(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("a", trace_id="trace-a"), task("b", trace_id="trace-b"))
    result = await make_api().retrieve_batch_by_trace_ids(["trace-b", "lost", "trace-a", "trace-b"])
    assert service.bodies == [
        {"action": "retrieve_batch", "trace_ids": ["trace-b", "lost", "trace-a"]}
    ]
    assert [t.id for t in result] == ["b", "a"]
    assert result.missing == ("lost",)
    assert result.get("a") is result[1]  # still found by task id


async def test_task_ids_and_trace_ids_do_not_mix(make_api: MakeApi, service: FakeService) -> None:
    with pytest.raises(InvalidArgumentError, match="not both or neither"):
        await make_api().invoke("retrieve_batch", ["a"], trace_ids=["t"])
    assert service.calls == 0


@pytest.mark.parametrize("empty", [[], (), iter([])])
async def test_no_ids_no_request(empty: Any, make_api: MakeApi, service: FakeService) -> None:
    result = await make_api().retrieve_batch(empty)
    assert (len(result), result.missing) == (0, ())
    assert service.calls == 0


async def test_any_iterable_and_a_bare_string(make_api: MakeApi, service: FakeService) -> None:
    service.add(task("abc"), task("x"))
    api = make_api()
    assert [t.id for t in await api.retrieve_batch(i for i in ("x", "abc"))] == ["x", "abc"]
    assert [t.id for t in await api.retrieve_batch("abc")] == ["abc"]  # one id, not 3 letters


@pytest.mark.parametrize("ids", [["ok", ""], ["ok", None], 7])
async def test_bad_ids_send_nothing(ids: Any, make_api: MakeApi, service: FakeService) -> None:
    with pytest.raises(InvalidArgumentError):
        await make_api().retrieve_batch(ids)
    assert service.calls == 0


@pytest.mark.parametrize(("answer", "words"), [({}, "got unknown task"), (task("a"), "got task")])
async def test_an_answer_that_is_not_a_batch(
    answer: dict[str, object], words: str, make_api: MakeApi, service: FakeService
) -> None:
    service.script.append(json_response(200, answer))
    with pytest.raises(ResponseValidationError, match=words):
        await make_api().retrieve_batch(["a", "b"])


async def test_a_drifted_record_does_not_fail_the_batch(
    make_api: MakeApi, service: FakeService
) -> None:
    drifted = task("b", {"state": "completed", "video_url": "https://v/b.mp4", "cost": "0.25"})
    drifted["request"]["seed"] = "42"
    drifted["actor_user_id"] = 7
    service.add(task("a"), drifted, task("c"))
    result = await make_api().retrieve_batch(["a", "b", "c"])
    assert [t.id for t in result] == ["a", "b", "c"]
    read = result[1]
    assert read.request.additional_properties["seed"] == "42"
    assert read.response.additional_properties["cost"] == "0.25"  # type: ignore[union-attr]
    assert read.additional_properties["actor_user_id"] == 7


async def test_an_unreadable_record_names_its_place_and_fails_no_other(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("a"), {**task("b"), "request": "x"}, task("c"))  # answered last first
    result = await make_api().retrieve_batch(["a", "b", "c", "lost"])
    assert [t.id for t in result] == ["a", "c"]
    assert result.invalid == {"b": "items[1].request: expected object, got string"}
    assert result.missing == ("lost",)
    assert result.get("b") is None


# -- records that cannot be read ---------------------------------------------------------------

UNREADABLE = [
    ("request not an object", {"request": "x"}, "request: expected object, got string"),
    ("created_at missing", {"created_at": None}, "created_at"),
    ("type a number", {"type": 7}, "type: expected string, got integer"),
]


@pytest.mark.parametrize(
    ("change", "words"), [case[1:] for case in UNREADABLE], ids=[case[0] for case in UNREADABLE]
)
async def test_a_batch_with_one_unreadable_record_returns_all_the_others(
    change: dict[str, Any], words: str, make_api: MakeApi, service: FakeService
) -> None:
    ids = [f"id-{i:03}" for i in range(120)]
    service.add(*(task(i) for i in ids))
    broken = {**task("id-077"), **change}
    service.add({key: value for key, value in broken.items() if value is not None})
    service.tasks["id-033"]["request"]["seed"] = "42"  # drifted, still readable
    result = await make_api().retrieve_batch([*ids, "lost"])
    assert [t.id for t in result] == [i for i in ids if i != "id-077"]
    assert list(result.invalid) == ["id-077"]
    assert words in result.invalid["id-077"]
    assert result.invalid["id-077"].startswith("items[")
    assert result.missing == ("lost",)
    assert service.calls == 3  # nothing asked again: a broken record is no passing fault


async def test_by_trace_ids_an_unreadable_record_is_keyed_by_its_trace_id(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("a", trace_id="trace-a"), {**task("b", trace_id="trace-b"), "request": 1})
    result = await make_api().retrieve_batch_by_trace_ids(["trace-a", "trace-b"])
    assert [t.id for t in result] == ["a"]
    assert list(result.invalid) == ["trace-b"]


async def test_a_record_without_a_readable_id_is_told_apart_one_by_one(
    make_api: MakeApi, service: FakeService
) -> None:
    """Its id unreadable, the record looks like an unknown id: the ids the answer left
    unaccounted for are asked for one by one, so each gets its own verdict."""
    keyless = {**task("b"), "id": 12}
    service.add(task("a"), task("c"))
    service.tasks["b"] = keyless
    result = await make_api().retrieve_batch(["a", "b", "lost", "c"])
    assert [t.id for t in result] == ["a", "c"]
    assert result.invalid == {"b": "id: expected string, got integer"}
    assert result.missing == ("lost",)
    assert service.bodies[1:] == [
        {"action": "retrieve", "id": "b"},
        {"action": "retrieve", "id": "lost"},
    ]


async def test_a_repeated_item_readable_once_counts_as_readable(
    make_api: MakeApi, service: FakeService
) -> None:
    items = [task("a"), {**task("a"), "request": "x"}, {**task("b"), "request": "x"}]
    service.script.append(json_response(200, {"items": items, "count": 3}))
    result = await make_api().retrieve_batch(["a", "b"])
    assert [t.id for t in result] == ["a"]
    assert result.invalid == {"b": "items[2].request: expected object, got string"}


async def test_raw_responses_carry_the_invalid_records_too(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("a"), {**task("b"), "request": "x"})
    raw = await make_api().call("with_raw_response.retrieve_batch", ["a", "b"])
    assert list(raw.parse().invalid) == ["b"]
