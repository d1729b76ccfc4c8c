"""The sans-IO core driven by hand: the effects each operation yields and what it makes of the
replies, with no client and no event loop in between."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import settings as settings_of_hypothesis
from hypothesis import strategies as st

from tests.client.harness import FakeClock, drive, request_of
from tests.client.service import (
    TOKEN,
    URL,
    FakeService,
    completed,
    error_response,
    json_response,
    processing,
    task,
)
from wan_tasks_sdk import (
    APIConnectionError,
    BatchResult,
    InvalidArgumentError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    Task,
    TaskNotFoundError,
    TaskStatus,
    _core,
)
from wan_tasks_sdk._core import Emit, ListQuery, RetryPolicy, Send, Settings, Sleep
from wan_tasks_sdk.generated.models import RetrieveBatchRequest


def settings(**changes: Any) -> Settings:
    base = Settings(token=_core._Secret(TOKEN), retry=RetryPolicy(jitter=lambda: 1.0))
    return dataclasses.replace(base, **changes)


def test_retrieve_yields_one_send_and_returns_the_task() -> None:
    operation = _core.retrieve(settings(), "t1")
    effect = next(operation)
    assert isinstance(effect, Send)
    assert effect.kwargs["method"].upper() == "POST"
    assert effect.kwargs["url"] == URL
    assert effect.kwargs["json"] == {"action": "retrieve", "id": "t1"}
    request = request_of(effect)
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"
    assert "authorization" not in {k.lower() for k in effect.kwargs["headers"]}  # in `auth`
    with pytest.raises(StopIteration) as done:
        operation.send(json_response(200, task("t1")))
    found = done.value.value
    assert isinstance(found, Task)
    assert found.id == "t1"


def test_auth_left_to_the_http_client() -> None:
    effect = next(_core.retrieve(settings(auth_in_client=True), "t1"))
    assert isinstance(effect, Send)
    assert "authorization" not in {k.lower() for k in effect.kwargs.get("headers", {})}
    request = request_of(effect)  # httpx still sends it as JSON
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {"action": "retrieve", "id": "t1"}


@pytest.mark.parametrize(
    "base_url", ["https://h.example", "https://h.example/", "https://h.example/p/"]
)
def test_url(base_url: str) -> None:
    assert settings(base_url=base_url).url == base_url.rstrip("/") + "/wan/tasks"


def test_a_retry_is_a_sleep_between_two_identical_sends() -> None:
    operation = _core.retrieve(settings(), "t1")
    first = next(operation)
    sleep = operation.send(error_response(503))
    assert isinstance(sleep, Sleep)
    assert sleep.seconds == 0.5  # backoff_initial, with jitter 1.0
    second = operation.send(None)
    assert isinstance(first, Send)
    assert isinstance(second, Send)
    assert second.kwargs == first.kwargs
    sleep = operation.send(httpx.ConnectError("refused"))
    assert isinstance(sleep, Sleep)
    assert sleep.seconds == 1.0
    operation.send(None)
    with pytest.raises(APIConnectionError):
        operation.send(httpx.ConnectError("refused"))  # the third failure: no more retries


def test_retry_after_in_the_past_means_retry_now() -> None:
    operation = _core.retrieve(settings(wall_clock=lambda: 2e9), "t1")
    next(operation)
    again = operation.send(error_response(429, **{"Retry-After": "Mon, 01 Jan 2001 00:00:00 GMT"}))
    assert isinstance(again, Send)


def test_a_retry_that_would_end_after_the_deadline_is_not_made() -> None:
    clock = FakeClock()
    body = RetrieveBatchRequest(action="retrieve_batch", ids=["t1"])
    operation = _core.call(settings(clock=clock.now), body, deadline=clock.now() + 0.4)
    effect = next(operation)
    assert isinstance(effect, Send)
    assert effect.kwargs["timeout"].read == pytest.approx(0.4)  # what is left
    assert effect.budget == pytest.approx(0.4)
    with pytest.raises(ServerError):
        operation.send(error_response(500))  # a 0.5 s backoff would pass the deadline


def test_request_timeout_follows_the_deadline() -> None:
    clock = FakeClock()
    body = RetrieveBatchRequest(action="retrieve_batch", ids=["t1"])
    effect = next(_core.call(settings(clock=clock.now), body, deadline=clock.now() + 30))
    assert isinstance(effect, Send)
    timeout = effect.kwargs["timeout"]
    assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == (10, 30, 30, 30)


def _answer(service: FakeService) -> Callable[[httpx.Request], httpx.Response]:
    return service


def test_retrieve_batch_in_chunks_in_the_order_asked() -> None:
    service = FakeService([task(f"t{i}") for i in range(7)])
    service.repeat_items = True
    ids = ["t6", "t0", "x1", "t3", "t0", "t5", "t1", "t2", "x2", "t4", "t6"]
    result, effects = drive(_core.retrieve_batch(settings(batch_size=4), ids), _answer(service))
    assert isinstance(result, BatchResult)
    assert [t.id for t in result] == ["t6", "t0", "t3", "t5", "t1", "t2", "t4"]
    assert result.missing == ("x1", "x2")
    assert [body["ids"] for body in service.bodies] == [
        ["t6", "t0", "x1", "t3"],
        ["t5", "t1", "t2", "x2"],
        ["t4"],
    ]
    assert all(isinstance(effect, Send) for effect in effects)


def test_retrieve_batch_of_nothing_sends_nothing() -> None:
    result, effects = drive(_core.retrieve_batch(settings(), []), _answer(FakeService()))
    assert (list(result), result.missing, effects) == ([], (), [])


def test_retrieve_of_an_unknown_id() -> None:
    with pytest.raises(TaskNotFoundError) as caught:
        drive(_core.retrieve(settings(), "gone"), _answer(FakeService()))
    assert caught.value.task_id == "gone"


def test_list_emits_pages() -> None:
    service = FakeService([task(f"t{i}", created_at=100.0 + i) for i in range(5)])
    operation = _core.list_tasks(settings(), ListQuery(type="videos"), 2, None)
    _, effects = drive(operation, _answer(service))
    pages = [[t.id for t in effect.tasks] for effect in effects if isinstance(effect, Emit)]
    assert all(pages)  # no empty emissions
    assert [i for page in pages for i in page] == ["t4", "t3", "t2", "t1", "t0"]
    assert all(body["type"] == "videos" for body in service.bodies)


def test_wait_sleeps_between_rounds() -> None:
    clock = FakeClock()
    service = FakeService()
    service.timeline["t1"] = [task("t1", processing()), task("t1", completed())]
    operation = _core.wait(
        settings(clock=clock.now),
        ["t1"],
        timeout=60,
        poll_interval=7,
        on_progress=None,
        raise_on_failure=True,
    )
    result, effects = drive(operation, _answer(service))
    assert [t.id for t in result] == ["t1"]
    assert [type(e).__name__ for e in effects] == ["Send", "Sleep", "Send"]
    assert [e.seconds for e in effects if isinstance(e, Sleep)] == [7]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("t1", ["t1"]),  # a bare string is one id, not its characters
        (["b", "a", "b", "c", "a"], ["b", "a", "c"]),
        (("x" for _ in range(3)), ["x"]),
        ([], []),
    ],
)
def test_task_ids_of(given: object, expected: list[str]) -> None:
    assert _core.task_ids_of(given) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("given", [5, None, ["ok", 3], ["ok", ""], [" "], b"abc"])
def test_task_ids_of_refuses(given: object) -> None:
    with pytest.raises(InvalidArgumentError):
        _core.task_ids_of(given)  # type: ignore[arg-type]


def test_list_filters_body_sends_only_what_is_given() -> None:
    body = ListQuery(user_id="u", created_at_min=1.5).body(limit=10, offset=20, created_at_max=9)
    assert body.to_dict() == {
        "action": "retrieve_batch",
        "user_id": "u",
        "limit": 10,
        "offset": 20,
        "created_at_min": 1.5,
        "created_at_max": 9,
    }


# -- interpret ------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [task("t1"), {"items": [], "count": 0}, {}])
def test_interpret_decodes_a_200(body: dict[str, object]) -> None:
    answer = _core.interpret(json_response(200, body))
    assert answer.data == body
    assert answer.response.status_code == 200


def test_interpret_errors() -> None:
    with pytest.raises(RateLimitError) as caught:
        _core.interpret(error_response(429, **{"Retry-After": "3"}))
    assert caught.value.retry_after == 3.0
    with pytest.raises(ResponseValidationError):
        _core.interpret(httpx.Response(200, content=b"\xff"))


def test_error_for_status_reads_a_plain_mapping() -> None:
    error = _core.error_for_status(503, {"retry-after": "2"}, b'{"error": "busy"}')
    assert isinstance(error, ServerError)
    assert (error.message, error.retry_after) == ("busy", 2.0)


# -- reading records ----------------------------------------------------------------------------


def test_read_task_gives_a_task_or_the_reason() -> None:
    parsed = _core.read_task(task("t1"))
    assert isinstance(parsed, Task)
    assert parsed.id == "t1"
    assert _core.read_task({**task("t1"), "created_at": "x"}) == (
        "created_at: expected number, got string"
    )
    assert _core.read_task([], "items[2]") == "items[2]: expected object, got array"


def test_read_task_reads_drifted_optional_fields_as_absent() -> None:
    record = task("t1", {"state": "completed", "video_url": "https://v/x.mp4", "cost": "0.25"})
    record["request"]["seed"] = "42"
    record["job_id"] = None
    parsed = _core.read_task(record)
    assert isinstance(parsed, Task)
    assert parsed.status is TaskStatus.SUCCEEDED
    assert parsed.to_dict() == record  # the raw values are kept


# -- one unreadable record fails no other: properties over any mix of records ------------------

T0 = 1769200000.0
KINDS_OF_RECORD = ["readable", "drifted", "broken", "keyless"]


def _record(index: int, kind: str, stamp: int) -> dict[str, Any]:
    """A record of the kind asked: readable, drifted (still readable), broken (a required field
    of the wrong type) or keyless (even its `id` unreadable)."""
    record = task(f"t{index:02}", processing(), created_at=T0 + stamp)
    if kind == "drifted":
        record["request"]["seed"] = "42"
        record["response"]["cost"] = "0.25"
        record["actor_user_id"] = 7
    elif kind == "broken":
        record["request" if index % 2 else "type"] = 7
    elif kind == "keyless":
        record["id"] = index  # a number: distinct records stay distinct
    return record


mixes = st.lists(st.tuples(st.sampled_from(KINDS_OF_RECORD), st.integers(0, 4)), max_size=24)
PLACE = re.compile(r"pages\[\d+\]\.items\[\d+\]")


def _serve(mix: list[tuple[str, int]]) -> tuple[FakeService, list[dict[str, Any]]]:
    records = [_record(index, kind, stamp) for index, (kind, stamp) in enumerate(mix)]
    service = FakeService()
    for index, record in enumerate(records):
        service.tasks[f"t{index:02}"] = record
    return service, records


@settings_of_hypothesis(max_examples=120, deadline=None, derandomize=True)
@given(mix=mixes, page_size=st.integers(1, 7))
def test_a_listing_yields_every_readable_record_and_names_the_others(
    mix: list[tuple[str, int]], page_size: int
) -> None:
    service, records = _serve(mix)
    _, effects = drive(_core.list_tasks(settings(), ListQuery(), page_size, None), service)
    emitted = [effect for effect in effects if isinstance(effect, Emit)]
    found = [found.id for effect in emitted for found in effect.tasks]
    invalid = {key: reason for effect in emitted for key, reason in (effect.invalid or {}).items()}
    newest_first = sorted(range(len(mix)), key=lambda index: -records[index]["created_at"])
    assert found == [f"t{i:02}" for i in newest_first if mix[i][0] in ("readable", "drifted")]
    broken = {f"t{i:02}" for i, (kind, _) in enumerate(mix) if kind == "broken"}
    assert broken == {key for key in invalid if not PLACE.fullmatch(key)}
    assert sum(kind == "keyless" for kind, _ in mix) == len(invalid) - len(broken)


@settings_of_hypothesis(max_examples=120, deadline=None, derandomize=True)
@given(mix=mixes, lost=st.integers(0, 3), batch_size=st.integers(1, 9))
def test_a_batch_returns_every_readable_record_and_names_the_others(
    mix: list[tuple[str, int]], lost: int, batch_size: int
) -> None:
    service, _ = _serve(mix)
    ids = [f"t{index:02}" for index in range(len(mix))] + [f"lost-{n}" for n in range(lost)]
    operation = _core.retrieve_batch(settings(batch_size=batch_size), ids)
    result, _ = drive(operation, service)
    assert isinstance(result, BatchResult)
    kinds = dict(zip(ids, (kind for kind, _ in mix), strict=False))
    assert [t.id for t in result] == [i for i in ids if kinds.get(i) in ("readable", "drifted")]
    assert list(result.invalid) == [i for i in ids if kinds.get(i) in ("broken", "keyless")]
    assert result.missing == tuple(i for i in ids if i not in kinds)
