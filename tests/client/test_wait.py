"""`wait()`: rounds of one batch request per 50 unfinished tasks, until each task is terminal."""

from __future__ import annotations

from typing import Any

import pytest

from tests.client.conftest import MakeApi
from tests.client.harness import FakeClock
from tests.client.service import (
    FakeService,
    completed,
    error_response,
    failed,
    processing,
    task,
)
from wan_tasks_sdk import (
    InvalidArgumentError,
    RateLimitError,
    ServerError,
    TaskFailedError,
    TaskNotFoundError,
    TaskStatus,
    UnreadableTasksError,
    WaitProgress,
    WaitTimeoutError,
)
from wan_tasks_sdk._core import MIN_REQUEST_TIME


def progressing(service: FakeService, task_id: str, *responses: dict[str, Any]) -> None:
    """The task answers with each response in turn, one per request that asks for it."""
    service.timeline[task_id] = [task(task_id, response) for response in responses]


async def test_a_single_id_gives_a_task(
    make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    progressing(service, "t1", processing(), processing(), completed())
    found = await make_api().wait_one("t1", poll_interval=2)
    assert found.id == "t1"
    assert found.status is TaskStatus.SUCCEEDED
    assert clock.sleeps == [2, 2]
    assert service.bodies == [{"action": "retrieve_batch", "ids": ["t1"]}] * 3


async def test_a_list_gives_a_list_in_the_order_asked(
    make_api: MakeApi, service: FakeService
) -> None:
    progressing(service, "a", processing(), completed())
    progressing(service, "b", completed())
    progressing(service, "c", processing(), processing(), completed())
    found = await make_api().wait_many(["c", "a", "b"], poll_interval=1)
    assert [t.id for t in found] == ["c", "a", "b"]
    assert all(t.status is TaskStatus.SUCCEEDED for t in found)
    # Finished tasks drop out of later rounds.
    assert [body["ids"] for body in service.bodies] == [["c", "a", "b"], ["c", "a"], ["c"]]


async def test_one_request_per_50_unfinished_tasks_per_round(
    make_api: MakeApi, service: FakeService
) -> None:
    ids = [f"id-{i:03}" for i in range(120)]
    for index, task_id in enumerate(ids):
        if index % 2:
            progressing(service, task_id, processing(), completed())
        else:
            progressing(service, task_id, completed())
    found = await make_api().wait_many(ids, poll_interval=1)
    assert [t.id for t in found] == ids
    sizes = [len(body["ids"]) for body in service.bodies]
    assert sizes == [50, 50, 20, 50, 10]  # round 1: 120 ids; round 2: the 60 unfinished
    assert [i for body in service.bodies[3:] for i in body["ids"]] == ids[1::2]


async def test_batch_size_is_configurable(make_api: MakeApi, service: FakeService) -> None:
    ids = [f"id-{i}" for i in range(7)]
    service.add(*(task(i, completed()) for i in ids))
    await make_api(batch_size=3).wait_many(ids)
    assert [len(body["ids"]) for body in service.bodies] == [3, 3, 1]


async def test_progress_is_reported_each_round(make_api: MakeApi, service: FakeService) -> None:
    progressing(service, "a", processing(), completed())
    progressing(service, "b", processing(), processing(), completed())
    reports: list[WaitProgress] = []
    await make_api().wait_many(["a", "b"], poll_interval=3, on_progress=reports.append)
    assert [(p.round, p.total, p.finished, p.elapsed) for p in reports] == [
        (1, 2, 0, 0.0),
        (2, 2, 1, 3.0),
        (3, 2, 2, 6.0),
    ]
    assert reports[0].counts[TaskStatus.RUNNING] == 2
    assert reports[-1].tasks["b"].status is TaskStatus.SUCCEEDED


async def test_a_failed_task_raises(make_api: MakeApi, service: FakeService) -> None:
    progressing(service, "ok", completed())
    progressing(service, "bad", processing(), failed())
    with pytest.raises(TaskFailedError) as caught:
        await make_api().wait_many(["ok", "bad"], poll_interval=1)
    assert caught.value.task.id == "bad"
    assert caught.value.task.status is TaskStatus.FAILED
    assert caught.value.reason == "DataInspectionFailed: inappropriate content"
    assert caught.value.reason in str(caught.value)
    assert caught.value.task.trace_id in str(caught.value)


async def test_failed_tasks_are_returned_when_asked(
    make_api: MakeApi, service: FakeService
) -> None:
    progressing(service, "ok", processing(), completed())
    progressing(service, "bad", failed())
    found = await make_api().wait_many(["bad", "ok"], raise_on_failure=False)
    assert [t.status for t in found] == [TaskStatus.FAILED, TaskStatus.SUCCEEDED]
    assert [len(body["ids"]) for body in service.bodies] == [2, 1]


async def test_timeout_gives_the_last_states(
    make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    progressing(service, "done", completed())
    progressing(service, "slow", processing())
    with pytest.raises(WaitTimeoutError) as caught:
        await make_api().wait_many(["done", "slow"], timeout=10, poll_interval=3)
    error = caught.value
    assert clock.sleeps == [3, 3, 3, 1]  # the last round polls at the deadline itself
    assert sum(clock.sleeps) <= 10
    assert error.pending_ids == ("slow",)
    assert [(t.id, t.status) for t in error.tasks] == [
        ("done", TaskStatus.SUCCEEDED),
        ("slow", TaskStatus.RUNNING),
    ]
    assert error.timeout == 10
    assert error.last_error is None
    assert "1 task(s) still unfinished after 10 s: slow" in str(error)


@pytest.mark.parametrize("timeout", [0, 0.5, 4, 10, 31.7])
@pytest.mark.parametrize("poll_interval", [0.25, 3, 45])
@pytest.mark.parametrize("failing", [False, True], ids=["running", "failing"])
async def test_never_sleeps_past_the_deadline(
    timeout: float,
    poll_interval: float,
    failing: bool,
    make_api: MakeApi,
    service: FakeService,
    clock: FakeClock,
) -> None:
    progressing(service, "slow", processing())
    if failing:  # every request fails and is retried: the retries must respect it too
        service.script = [error_response(503) for _ in range(1000)]
    with pytest.raises(WaitTimeoutError) as caught:
        await make_api().wait_one("slow", timeout=timeout, poll_interval=poll_interval)
    assert sum(clock.sleeps) <= timeout + 1e-9  # (float sums)
    assert isinstance(caught.value.last_error, ServerError) is failing
    assert caught.value.pending_ids == ("slow",)
    assert service.calls >= 1  # even timeout=0 polls once


async def test_requests_do_not_outlive_the_deadline(
    make_api: MakeApi, service: FakeService
) -> None:
    progressing(service, "slow", processing())
    with pytest.raises(WaitTimeoutError):
        await make_api().wait_one("slow", timeout=20, poll_interval=8)
    read_timeouts = [request.extensions["timeout"]["read"] for request in service.requests]
    # What is left of the 20 s; the poll at the deadline itself gets the small floor.
    assert read_timeouts == [20, 12, 4, MIN_REQUEST_TIME]


@pytest.mark.parametrize(("retry_after", "slept"), [("30", 30.0), ("2", 5.0), ("59.5", 59.5)])
async def test_retry_after_is_honoured_between_rounds(
    retry_after: str,
    slept: float,
    make_api: MakeApi,
    service: FakeService,
    clock: FakeClock,
) -> None:
    progressing(service, "t1", completed())
    service.script = [error_response(429, **{"Retry-After": retry_after})]
    found = await make_api(max_retries=0).wait_one("t1", poll_interval=5)
    assert found.status is TaskStatus.SUCCEEDED
    assert clock.sleeps == [slept]  # max(poll_interval, Retry-After)


async def test_a_retry_after_beyond_the_cap_is_not_waited_for(
    make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    """A `Retry-After` the retry policy refuses to wait for is raised, not slept on."""
    progressing(service, "t1", completed())
    service.script = [error_response(429, **{"Retry-After": "86400"})]
    with pytest.raises(RateLimitError):
        await make_api(max_retries=0).wait_one("t1", timeout=None, poll_interval=5)
    assert clock.sleeps == []


async def test_a_failed_round_is_skipped(
    make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    progressing(service, "t1", completed())
    service.script = [error_response(502)]
    found = await make_api(max_retries=0).wait_one("t1", poll_interval=4)
    assert found.id == "t1"
    assert clock.sleeps == [4]


async def test_an_unknown_id_raises(make_api: MakeApi, service: FakeService) -> None:
    progressing(service, "known", processing())
    with pytest.raises(TaskNotFoundError) as caught:
        await make_api().wait_many(["known", "gone", "lost"])
    assert caught.value.task_ids == ("gone", "lost")
    assert service.calls == 1


async def test_no_ids(make_api: MakeApi, service: FakeService) -> None:
    assert await make_api().wait_many([]) == []
    assert service.calls == 0


async def test_no_timeout(make_api: MakeApi, service: FakeService, clock: FakeClock) -> None:
    progressing(service, "t1", *[processing()] * 500, completed())
    found = await make_api().wait_one("t1", timeout=None, poll_interval=5)
    assert found.status is TaskStatus.SUCCEEDED
    assert sum(clock.sleeps) == 2500


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"poll_interval": 0}, "poll_interval"),
        ({"poll_interval": -1}, "poll_interval"),
        ({"timeout": -1}, "timeout"),
    ],
)
async def test_bad_arguments(
    options: dict[str, Any], words: str, make_api: MakeApi, service: FakeService
) -> None:
    with pytest.raises(InvalidArgumentError, match=words):
        await make_api().wait_one("t1", **options)
    assert service.calls == 0


@pytest.mark.parametrize("retry_after", ["86400", "400", "inf", "1e309"])
async def test_a_retry_after_past_the_deadline_raises_the_429_at_once(
    make_api: MakeApi, service: FakeService, clock: FakeClock, retry_after: str
) -> None:
    """Sleeping to the deadline and polling then would go against the service's Retry-After."""
    progressing(service, "t1", processing())
    service.script = [error_response(429, **{"Retry-After": retry_after})]
    with pytest.raises(RateLimitError):
        await make_api().wait_one("t1", timeout=300, poll_interval=5)
    assert clock.sleeps == []
    assert service.calls == 1


async def test_repeated_ids_are_polled_once_and_answered_as_asked(
    make_api: MakeApi, service: FakeService
) -> None:
    progressing(service, "a", completed())
    progressing(service, "b", completed())
    found = await make_api().wait_many(["a", "b", "a"], poll_interval=1)
    assert [t.id for t in found] == ["a", "b", "a"]
    assert service.bodies == [{"action": "retrieve_batch", "ids": ["a", "b"]}]


# -- records that cannot be read ---------------------------------------------------------------


def broken(task_id: str) -> dict[str, Any]:
    """A record `wait()` cannot read: its `request` is no object."""
    return {**task(task_id, processing()), "request": "x"}


async def test_500_tasks_with_one_unreadable_record_all_others_finish(
    make_api: MakeApi, service: FakeService
) -> None:
    ids = [f"id-{i:03}" for i in range(500)]
    for index, task_id in enumerate(ids):
        if index % 3:
            progressing(service, task_id, processing(), completed())
        else:
            progressing(service, task_id, completed())
    service.timeline["id-250"] = [broken("id-250")]
    with pytest.raises(UnreadableTasksError) as caught:
        await make_api().wait_many(ids, poll_interval=1)
    error = caught.value
    assert [t.id for t in error.tasks] == [i for i in ids if i != "id-250"]
    assert all(t.status is TaskStatus.SUCCEEDED for t in error.tasks)
    assert error.invalid == {
        "id-250": "items[49].request: expected object, got string"
    }  # answered last first
    assert "id-250: items[49].request: expected object" in str(error)
    rounds = [body["ids"] for body in service.bodies]
    # ceil(N/50) requests a round; round 2 polls the 333 unfinished but the unreadable one.
    assert [len(ids_) for ids_ in rounds] == [50] * 10 + [50] * 6 + [32]
    assert "id-250" not in [i for ids_ in rounds[10:] for i in ids_]  # never asked again


async def test_a_task_that_turns_unreadable_is_reported_not_retried(
    make_api: MakeApi, service: FakeService
) -> None:
    progressing(service, "ok", processing(), processing(), completed())
    service.timeline["odd"] = [task("odd", processing()), broken("odd")]
    reports: list[WaitProgress] = []
    with pytest.raises(UnreadableTasksError) as caught:
        await make_api().wait_many(
            ["odd", "ok", "odd"], poll_interval=1, on_progress=reports.append
        )
    assert [t.id for t in caught.value.tasks] == ["ok"]
    assert list(caught.value.invalid) == ["odd"]
    assert [body["ids"] for body in service.bodies] == [["odd", "ok"], ["odd", "ok"], ["ok"]]
    assert [(p.finished, dict(p.invalid)) for p in reports][1] == (0, caught.value.invalid)
    assert reports[1].counts[TaskStatus.RUNNING] == 1
    assert reports[1].counts[TaskStatus.PENDING] == 0  # the unreadable one counts nowhere


async def test_failed_and_unreadable_tasks_with_raise_on_failure_off(
    make_api: MakeApi, service: FakeService
) -> None:
    progressing(service, "bad", failed())
    service.timeline["odd"] = [broken("odd")]
    with pytest.raises(UnreadableTasksError) as caught:
        await make_api().wait_many(["bad", "odd"], raise_on_failure=False)
    assert [(t.id, t.status) for t in caught.value.tasks] == [("bad", TaskStatus.FAILED)]


async def test_a_single_unreadable_id(make_api: MakeApi, service: FakeService) -> None:
    service.timeline["odd"] = [broken("odd")]
    with pytest.raises(UnreadableTasksError) as caught:
        await make_api().wait_one("odd")
    assert caught.value.tasks == []
    assert caught.value.status_code == 200  # a ResponseValidationError, as retrieve() raises


async def test_the_timeout_names_the_unreadable_tasks_too(
    make_api: MakeApi, service: FakeService
) -> None:
    progressing(service, "slow", processing())
    service.timeline["odd"] = [broken("odd")]
    with pytest.raises(WaitTimeoutError) as caught:
        await make_api().wait_many(["slow", "odd"], timeout=3, poll_interval=1)
    assert caught.value.pending_ids == ("slow",)
    assert list(caught.value.invalid) == ["odd"]
    assert [t.id for t in caught.value.tasks] == ["slow"]


async def test_a_keyless_record_is_told_apart_from_an_unknown_id(
    make_api: MakeApi, service: FakeService
) -> None:
    progressing(service, "ok", completed())
    service.timeline["odd"] = [{**task("odd", processing()), "id": ["odd"]}]
    with pytest.raises(UnreadableTasksError) as caught:
        await make_api().wait_many(["ok", "odd"])
    assert caught.value.invalid == {"odd": "id: expected string, got array"}
    service.timeline["lost-too"] = []
    with pytest.raises(TaskNotFoundError):
        await make_api().wait_many(["ok", "odd", "lost"])
