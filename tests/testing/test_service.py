"""The service logic of the fake (`FakeWanTasks.handle`), with no transport in the way."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from wan_tasks_sdk import AuthenticationError
from wan_tasks_sdk.generated.models import Task, TaskBatch
from wan_tasks_sdk.testing import (
    DEFAULT_BASE_URL,
    DEFAULT_TOKEN,
    DEFAULT_VIDEO_SIZE,
    FakeClock,
    FakeWanTasks,
    SystemClock,
)

from . import spec_support as spec
from .offline import documented_videos

#: The documented examples' user, whom the default token belongs to.
USER_ID = spec.response_examples("200")["completed_task"]["user_id"]

AUTH = {"authorization": f"Bearer {DEFAULT_TOKEN}"}
COMPLETED = "a4bca552-d964-46a1-8ff7-fd922f916582"
PENDING = "7f1c2e9a-3b4d-4e5f-8a6b-9c0d1e2f3a4b"
FAILED = "0b8e4c6a-2d1f-4a3b-9c5e-7f8a9b0c1d2e"
NEWER = "3d9f1b7e-6c5a-4e8d-b2f4-0a1c3e5d7f9b"


@pytest.fixture
def fake() -> FakeWanTasks:
    return FakeWanTasks(clock=FakeClock())


@pytest.fixture
def clock(fake: FakeWanTasks) -> FakeClock:
    assert isinstance(fake.clock, FakeClock)
    return fake.clock


def call(fake: FakeWanTasks, body: object, headers: dict[str, str] | None = None) -> Any:
    """POST `body` with the default token; the parsed answer (asserting a valid 200)."""
    answer = fake.handle("POST", "/wan/tasks", AUTH if headers is None else headers,
                         json.dumps(body).encode())  # fmt: skip
    assert answer.status == 200, answer.body
    assert answer.header("content-type") == "application/json"
    assert answer.header("content-length") == str(len(answer.body))
    result = answer.json()
    spec.assert_valid("QueryTasksResponse", result)
    if result:  # and the generated models read it strictly, as the SDK's own answers
        (TaskBatch if "items" in result else Task).from_dict(result, strict=True)
    return result


def retrieve(fake: FakeWanTasks, task_id: str) -> Any:
    return call(fake, {"action": "retrieve", "id": task_id})


def ids_of(batch: Any) -> list[str]:
    return [item["id"] for item in batch["items"]]


# -- tokens ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "no_token"),
        ({"authorization": ""}, "no_token"),
        ({"authorization": "Bearer"}, "no_token"),
        ({"authorization": "Bearer   "}, "no_token"),
        ({"authorization": "Bearer wrong"}, "invalid_token"),
        ({"authorization": DEFAULT_TOKEN}, "invalid_token"),  # the scheme is needed
        ({"authorization": f"Basic {DEFAULT_TOKEN}"}, "invalid_token"),
        ({"authorization": f"Bearer {DEFAULT_TOKEN}x"}, "invalid_token"),
    ],
)
def test_a_missing_or_wrong_token_gets_401(
    fake: FakeWanTasks, headers: dict[str, str], code: str
) -> None:
    answer = fake.handle("POST", "/wan/tasks", headers, b'{"action": "retrieve", "id": "x"}')
    assert answer.status == 401
    body = answer.json()
    assert body["success"] is False
    assert body["error"]["code"] == code
    assert isinstance(body["trace_id"], str)
    spec.assert_valid("ErrorResponse", body)


def test_the_token_is_checked_before_the_body(fake: FakeWanTasks) -> None:
    assert fake.handle("POST", "/wan/tasks", {}, b"not json").status == 401


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "bEaReR"])
def test_the_bearer_scheme_is_case_insensitive(fake: FakeWanTasks, scheme: str) -> None:
    headers = {"Authorization": f"{scheme} {DEFAULT_TOKEN}"}
    assert call(fake, {"action": "retrieve", "id": "x"}, headers) == {}


def test_the_error_messages_are_the_documented_ones(fake: FakeWanTasks) -> None:
    answer = fake.handle("POST", "/wan/tasks", {"authorization": "Bearer nope"}, b"{}")
    assert answer.json()["error"]["message"] == "The token is invalid."


def test_another_token_sees_only_its_own_user_tasks(fake: FakeWanTasks) -> None:
    fake.add_examples()
    other_user = fake.add_token("other-token")
    assert other_user != USER_ID == fake.user_id
    mine = fake.create_task(user_id=other_user)
    other = {"authorization": "Bearer other-token"}
    assert ids_of(call(fake, {"action": "retrieve_batch"}, other)) == [mine]
    assert call(fake, {"action": "retrieve", "id": COMPLETED}, other) == {}
    assert call(fake, {"action": "retrieve", "id": mine}, other)["id"] == mine
    assert call(fake, {"action": "retrieve", "id": mine}) == {}
    assert mine not in ids_of(call(fake, {"action": "retrieve_batch", "ids": [mine]}))
    with pytest.raises(ValueError):
        fake.add_token("")


# -- retrieve -------------------------------------------------------------------------------


def test_an_unknown_id_gets_200_and_an_empty_object(fake: FakeWanTasks) -> None:
    fake.add_examples()
    assert retrieve(fake, "no-such-task") == {}
    assert retrieve(fake, COMPLETED.upper()) == {}  # ids are compared exactly


def test_retrieve_by_trace_id_finds_the_task_the_request_created(fake: FakeWanTasks) -> None:
    fake.add_examples()
    created = fake.create_task()
    trace_id = retrieve(fake, created)["trace_id"]
    assert call(fake, {"action": "retrieve", "trace_id": trace_id})["id"] == created
    published = call(
        fake, {"action": "retrieve", "trace_id": "b9cf9569-4010-46b1-80ec-efc881126eac"}
    )
    assert published["id"] == COMPLETED
    assert call(fake, {"action": "retrieve", "trace_id": "no-such-trace"}) == {}
    # `id` wins when both are sent.
    assert (
        call(fake, {"action": "retrieve", "id": COMPLETED, "trace_id": trace_id})["id"] == COMPLETED
    )


def test_retrieve_batch_by_trace_ids(fake: FakeWanTasks) -> None:
    fake.add_examples()
    created = fake.create_task()
    trace_ids = [retrieve(fake, created)["trace_id"], "b9cf9569-4010-46b1-80ec-efc881126eac", "x"]
    batch = call(fake, {"action": "retrieve_batch", "trace_ids": trace_ids})
    assert sorted(ids_of(batch)) == sorted([created, COMPLETED])
    assert batch["count"] == 2


def test_another_users_trace_id_is_unknown(fake: FakeWanTasks) -> None:
    fake.add_examples()
    fake.add_token("other-token")
    other = {"authorization": "Bearer other-token"}
    body = {"action": "retrieve", "trace_id": "b9cf9569-4010-46b1-80ec-efc881126eac"}
    assert call(fake, body, other) == {}


def test_a_created_task_moves_from_pending_to_processing_to_succeeded(
    fake: FakeWanTasks, clock: FakeClock
) -> None:
    start = clock.now()
    task_id = fake.create_task(
        "a cat", queued_for=2, processing_for=10, request={"resolution": "1080P"}
    )

    pending = retrieve(fake, task_id)
    assert "response" not in pending
    assert "started_at" not in pending
    assert pending["finished_at"] is None
    assert pending["elapsed"] is None
    assert pending["created_at"] == start
    assert pending["request"] == {
        "action": "text2video", "model": "wan2.6-t2v", "prompt": "a cat", "duration": 5,
        "resolution": "1080P",
    }  # fmt: skip

    clock.advance(2)
    processing = retrieve(fake, task_id)
    assert processing["response"] == {"success": True, "state": "processing", "task_id": task_id}
    assert processing["started_at"] == start + 2
    assert processing["finished_at"] is None

    clock.advance(9.999)
    assert retrieve(fake, task_id)["response"]["state"] == "processing"
    clock.advance(0.001)
    done = retrieve(fake, task_id)
    response = done["response"]
    assert response["success"] is True
    assert response["state"] == "succeeded"
    assert response["data"] == {
        "video_url": f"{DEFAULT_BASE_URL}/videos/{task_id}.mp4",
        "thumbnail_url": f"{DEFAULT_BASE_URL}/videos/{task_id}.jpg",
    }
    assert response["usage"] == {
        "resolution": "1920*1080", "seconds": 5, "fps": 24, "ratio": "16:9",
    }  # fmt: skip
    assert response["cost"] == 1.25
    assert done["finished_at"] == start + 12
    assert done["elapsed"] == 12
    assert "duration" not in done
    # The fields that never change stay as they were.
    for key in ("_id", "id", "trace_id", "job_id", "user_id", "created_at", "request"):
        assert done[key] == pending[key]
    assert done["_id"][:8] == f"{int(start):08x}"  # a storage id starts with its timestamp
    assert len(done["_id"]) == 24


def test_an_older_shape_task_ends_with_a_signed_video_url_and_a_duration(
    fake: FakeWanTasks, clock: FakeClock
) -> None:
    task_id = fake.create_task(shape="older", queued_for=1, processing_for=4)
    pending = retrieve(fake, task_id)
    assert "elapsed" not in pending
    assert pending["credential_id"] is not None
    clock.advance(5)
    done = retrieve(fake, task_id)
    expires = int(done["finished_at"]) + 24 * 3600
    assert done["response"] == {
        "success": True,
        "video_url": f"{DEFAULT_BASE_URL}/videos/{task_id}.mp4?Expires={expires}",
        "state": "completed",
        "task_id": task_id,
    }
    assert done["duration"] == 5
    assert "elapsed" not in done


@pytest.mark.parametrize("shape", ["newer", "older"])
def test_a_failing_task_ends_failed_with_its_error(
    fake: FakeWanTasks, clock: FakeClock, shape: Any
) -> None:
    task_id = fake.create_task(
        outcome="failed", shape=shape, failure=("InternalError", "upstream broke")
    )
    clock.advance(12)
    done = retrieve(fake, task_id)
    assert done["response"] == {
        "success": False,
        "state": "failed",
        "task_id": task_id,
        "error": {"code": "InternalError", "message": "upstream broke"},
    }
    assert done["finished_at"] == done["created_at"] + 12


def test_a_phase_can_last_forever(fake: FakeWanTasks, clock: FakeClock) -> None:
    queued = fake.create_task(queued_for=math.inf)
    stuck = fake.create_task(processing_for=math.inf)
    clock.advance(10**9)
    assert "response" not in retrieve(fake, queued)
    assert retrieve(fake, stuck)["response"]["state"] == "processing"


def test_tasks_follow_real_time_on_the_system_clock() -> None:
    fake = FakeWanTasks()  # the default: real time
    assert isinstance(fake.clock, SystemClock)
    task_id = fake.create_task(queued_for=0, processing_for=0)
    assert fake.get_task(task_id) is not None
    assert retrieve(fake, task_id)["response"]["state"] == "succeeded"


def test_created_tasks_are_valid_tasks_in_every_phase(fake: FakeWanTasks, clock: FakeClock) -> None:
    variants: list[dict[str, Any]] = [
        {"shape": "newer"},
        {"shape": "older"},
        {"shape": "newer", "outcome": "failed"},
        {"shape": "older", "outcome": "failed"},
        {"model": "wan2.6-i2v", "request": {"image_url": "https://x.test/a.png", "seed": 1}},
    ]
    ids = [fake.create_task(**variant) for variant in variants]
    assert retrieve(fake, ids[-1])["request"]["action"] == "image2video"
    for _ in range(3):
        for task_id in ids:
            spec.assert_valid("Task", retrieve(fake, task_id))
        clock.advance(6)


def test_create_task_checks_its_arguments(fake: FakeWanTasks) -> None:
    with pytest.raises(ValueError):
        fake.create_task(outcome="maybe")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        fake.create_task(shape="newest")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        fake.create_task(queued_for=-1)
    with pytest.raises(ValueError):
        fake.create_task(duration=0)
    fake.create_task(task_id="same")
    with pytest.raises(ValueError, match="already"):
        fake.create_task(task_id="same")


def test_add_record_serves_any_record_as_it_is(fake: FakeWanTasks) -> None:
    record = {
        "id": "odd", "type": "videos", "created_at": 5, "trace_id": "t", "request": {},
        "response": {"state": "SUCCEEDED", "error": "a bare message", "new_field": [1]},
    }  # fmt: skip
    fake.add_record(record)
    record["id"] = "changed"  # the fake keeps its own copy
    assert retrieve(fake, "odd")["response"]["state"] == "SUCCEEDED"
    with pytest.raises(ValueError):
        fake.add_record({"created_at": 1})
    with pytest.raises(ValueError):
        fake.add_record({"id": "x", "created_at": "yesterday"})


def test_add_example_takes_overrides(fake: FakeWanTasks) -> None:
    copy_id = fake.add_example("completed_task", id="copy", created_at=1.0)
    assert retrieve(fake, "copy")["created_at"] == 1.0
    assert copy_id == "copy"
    assert fake.add_example("completed_task") == COMPLETED
    with pytest.raises(ValueError):
        fake.add_example("completed_task")


def test_ids_are_repeatable_run_to_run() -> None:
    first = FakeWanTasks(clock=FakeClock())
    second = FakeWanTasks(clock=FakeClock())
    assert first.create_task() == second.create_task()
    assert first.get_task(first.task_ids[0]) == second.get_task(second.task_ids[0])
    assert FakeWanTasks(seed=1).create_task() != first.create_task()


# -- retrieve_batch with ids ------------------------------------------------------------------


def test_a_batch_leaves_unknown_ids_out_and_repeats_repeated_ones(fake: FakeWanTasks) -> None:
    fake.add_examples()
    batch = call(
        fake, {"action": "retrieve_batch", "ids": [COMPLETED, "unknown", FAILED, COMPLETED]}
    )
    # Newest first, as storage returns them: not in the order of `ids`.
    assert ids_of(batch) == [FAILED, COMPLETED, COMPLETED]
    assert batch["count"] == 3


def test_a_batch_of_unknown_ids_is_empty(fake: FakeWanTasks) -> None:
    assert call(fake, {"action": "retrieve_batch", "ids": ["a", "b"]}) == {"items": [], "count": 0}


def test_filters_apply_on_top_of_ids(fake: FakeWanTasks) -> None:
    fake.add_examples()
    every = [COMPLETED, PENDING, FAILED, NEWER]
    batch = call(fake, {"action": "retrieve_batch", "ids": every, "created_at_max": 1769263556.201})
    assert ids_of(batch) == [FAILED, PENDING, COMPLETED]
    paged = call(fake, {"action": "retrieve_batch", "ids": every, "limit": 1, "offset": 1})
    assert ids_of(paged) == [FAILED]
    assert paged["count"] == 4
    assert call(fake, {"action": "retrieve_batch", "ids": every, "type": "images"})["count"] == 0


def test_a_batch_by_ids_is_not_cut_to_the_default_page_size(fake: FakeWanTasks) -> None:
    ids = [fake.create_task() for _ in range(30)]
    batch = call(fake, {"action": "retrieve_batch", "ids": ids})
    assert batch["count"] == len(batch["items"]) == 30


# -- retrieve_batch without ids: listing ------------------------------------------------------


def make_tasks(fake: FakeWanTasks, count: int) -> list[str]:
    """`count` tasks created one second apart; their ids newest first."""
    base = fake.clock.now()
    ids = [fake.create_task(created_at=base - 1000 + i) for i in range(count)]
    return ids[::-1]


def test_a_listing_is_newest_first_with_a_default_page_of_20(fake: FakeWanTasks) -> None:
    ids = make_tasks(fake, 25)
    page = call(fake, {"action": "retrieve_batch"})
    assert ids_of(page) == ids[:20]
    assert page["count"] == 25


def test_paging_with_offset(fake: FakeWanTasks) -> None:
    ids = make_tasks(fake, 25)
    seen: list[str] = []
    for offset in range(0, 30, 10):
        page = call(fake, {"action": "retrieve_batch", "limit": 10, "offset": offset})
        assert page["count"] == 25
        seen += ids_of(page)
    assert seen == ids
    assert call(fake, {"action": "retrieve_batch", "offset": 25}) == {"items": [], "count": 25}


def test_paging_by_moving_created_at_max_back(fake: FakeWanTasks) -> None:
    ids = make_tasks(fake, 25)
    seen: list[str] = []
    body: dict[str, Any] = {"action": "retrieve_batch", "limit": 10}
    while True:
        page = call(fake, body)
        new = [item for item in page["items"] if item["id"] not in seen]
        if not new:
            break
        seen += [item["id"] for item in new]
        # Inclusive bound: the oldest task seen comes again at the top of the next page.
        body["created_at_max"] = page["items"][-1]["created_at"]
    assert seen == ids


def test_created_at_bounds_are_inclusive(fake: FakeWanTasks) -> None:
    fake.create_task(task_id="t1", created_at=100.0)
    fake.create_task(task_id="t2", created_at=200.5)
    fake.create_task(task_id="t3", created_at=300.0)
    between = {"action": "retrieve_batch", "created_at_min": 100, "created_at_max": 200.5}
    assert ids_of(call(fake, between)) == ["t2", "t1"]
    assert call(fake, between)["count"] == 2
    assert ids_of(call(fake, {"action": "retrieve_batch", "created_at_min": 200.6})) == ["t3"]


def test_listing_filters_by_type_application_and_user(fake: FakeWanTasks) -> None:
    documented = fake.add_examples()
    fake.add_record({"id": "image", "type": "images", "created_at": 1.0, "trace_id": "t",
                     "request": {}, "user_id": USER_ID, "application_id": "other-app"})  # fmt: skip
    everything = call(fake, {"action": "retrieve_batch"})
    assert everything["count"] == len(documented) + 1
    videos = call(fake, {"action": "retrieve_batch", "type": "videos"})
    assert set(ids_of(videos)) == set(documented)
    apps = call(fake, {"action": "retrieve_batch", "application_id": "other-app"})
    assert ids_of(apps) == ["image"]
    mine = call(fake, {"action": "retrieve_batch", "user_id": USER_ID})
    assert mine["count"] == len(documented) + 1
    assert call(fake, {"action": "retrieve_batch", "user_id": "someone-else"})["count"] == 0


def test_tasks_created_at_the_same_time_list_latest_added_first(fake: FakeWanTasks) -> None:
    first, second = fake.create_task(), fake.create_task()
    assert ids_of(call(fake, {"action": "retrieve_batch"})) == [second, first]
    assert fake.task_ids == [second, first]


# -- other paths and methods ------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"])
def test_other_methods_on_the_api_get_405(fake: FakeWanTasks, method: str) -> None:
    answer = fake.handle(method, "/wan/tasks", AUTH)
    assert answer.status == 405
    assert answer.header("allow") == "POST"


def test_other_paths_get_404(fake: FakeWanTasks) -> None:
    answer = fake.handle("POST", "/wan/videos", AUTH, b'{"action": "retrieve", "id": "x"}')
    assert answer.status == 404
    assert answer.json()["error"]["code"] == "not_found"
    assert fake.handle("GET", "/", {}).status == 404


def test_a_query_string_on_the_api_is_ignored(fake: FakeWanTasks) -> None:
    answer = fake.handle("POST", "/wan/tasks?x=1", AUTH, b'{"action": "retrieve", "id": "x"}')
    assert answer.status == 200


# -- videos -----------------------------------------------------------------------------------


def finished_task(fake: FakeWanTasks, **kwargs: Any) -> str:
    task_id = fake.create_task(queued_for=0, processing_for=1, **kwargs)
    assert isinstance(fake.clock, FakeClock)
    fake.advance(1)
    return task_id


def test_the_video_of_a_finished_task_is_served_without_a_token(fake: FakeWanTasks) -> None:
    task_id = finished_task(fake)
    answer = fake.handle("GET", f"/videos/{task_id}.mp4", {})
    assert answer.status == 200
    assert answer.header("content-type") == "video/mp4"
    assert answer.header("content-length") == str(DEFAULT_VIDEO_SIZE)
    assert answer.header("accept-ranges") == "bytes"
    assert answer.body == fake.video_bytes(task_id)
    assert len(answer.body) == DEFAULT_VIDEO_SIZE
    assert answer.body[4:8] == b"ftyp"
    head = fake.handle("HEAD", f"/videos/{task_id}.mp4", {})
    assert head.body == b""
    assert head.header("content-length") == str(DEFAULT_VIDEO_SIZE)
    thumbnail = fake.handle("GET", f"/videos/{task_id}.jpg", {})
    assert thumbnail.header("content-type") == "image/jpeg"
    assert thumbnail.body.startswith(b"\xff\xd8")


def test_videos_are_deterministic_and_differ_between_tasks() -> None:
    first = FakeWanTasks(clock=FakeClock(), video_size=1000)
    second = FakeWanTasks(clock=FakeClock(), video_size=1000)
    assert first.video_bytes("a") == second.video_bytes("a") != first.video_bytes("b")
    assert len(first.video_bytes("a")) == 1000
    assert len(FakeWanTasks(video_size=10).video_bytes("a")) == 10
    with pytest.raises(ValueError):
        FakeWanTasks(video_size=-1)


def test_no_video_until_the_task_succeeded(fake: FakeWanTasks, clock: FakeClock) -> None:
    working = fake.create_task()
    failed = fake.create_task(outcome="failed", processing_for=0, queued_for=0)
    for task_id in (working, failed, "unknown"):
        answer = fake.handle("GET", f"/videos/{task_id}.mp4", {})
        assert answer.status == 404
        assert b"NoSuchKey" in answer.body
    clock.advance(12)
    assert fake.handle("GET", f"/videos/{working}.mp4", {}).status == 200


def test_a_signed_link_expires_a_day_after_the_task_finished(
    fake: FakeWanTasks, clock: FakeClock
) -> None:
    task_id = finished_task(fake, shape="older")
    record = retrieve(fake, task_id)
    path = record["response"]["video_url"].removeprefix(DEFAULT_BASE_URL)
    assert fake.handle("GET", path, {}).status == 200
    clock.advance(24 * 3600)
    assert fake.handle("GET", path, {}).status == 200  # until the second of `Expires=`
    clock.advance(1)
    expired = fake.handle("GET", path, {})
    assert expired.status == 403
    assert b"Request has expired" in expired.body


def test_a_documented_task_hands_out_only_links_the_fake_serves(fake: FakeWanTasks) -> None:
    stored = "https://storage.example.com/v.mp4?Expires=1&Signature=x"
    inputs = {"image_url": "https://inputs.example.com/cat.png", "video_url": stored}
    response = {"video_url": stored, "data": {"video_url": stored, "thumbnail_url": stored},
                "videos": [{"video_url": stored}], "thumbnail_url": "", "note": stored}  # fmt: skip
    fake.add_example("completed_task", id="rec", request=inputs, response=response)
    record = fake.get_task("rec")
    assert record is not None
    home = f"{DEFAULT_BASE_URL}/videos/rec"
    assert record["response"] == {
        "video_url": f"{home}.mp4",
        "data": {"video_url": f"{home}.mp4", "thumbnail_url": f"{home}.jpg"},
        "videos": [{"video_url": f"{home}.mp4"}],
        "thumbnail_url": "",  # no link: nothing to replace
        "note": stored,  # not a video or thumbnail link
    }
    assert record["request"] == inputs  # the creator's inputs, as recorded
    for link in (f"{home}.mp4", f"{home}.jpg"):
        assert fake.handle("GET", link.removeprefix(DEFAULT_BASE_URL), {}).status == 200


def test_a_record_given_as_it_is_keeps_its_links(fake: FakeWanTasks) -> None:
    elsewhere = "http://127.0.0.1:9/v.mp4"  # e.g. a hostile server of the test's own
    fake.add_record({"id": "given", "created_at": 5, "response": {"video_url": elsewhere}})
    record = fake.get_task("given")
    assert record is not None
    assert record["response"]["video_url"] == elsewhere


def test_documented_videos_download_whatever_their_recorded_expiry() -> None:
    fake = FakeWanTasks(clock=SystemClock())  # today is long after the documented `Expires=`
    fake.add_examples()
    for task_id in documented_videos():
        response = retrieve(fake, task_id)["response"]
        links = [response.get("video_url"), *(response.get("data") or {}).values()]
        for link in filter(None, links):
            assert link.startswith(f"{DEFAULT_BASE_URL}/videos/{task_id}.")
            answer = fake.handle("GET", link.removeprefix(DEFAULT_BASE_URL), {})
            assert answer.status == 200, answer.body
            if link.endswith(".mp4"):
                assert answer.body == fake.video_bytes(task_id)


@pytest.mark.parametrize(
    ("range_header", "status", "first", "last"),
    [
        ("bytes=0-99", 206, 0, 99),
        ("bytes=1000-", 206, 1000, 4095),
        ("bytes=-96", 206, 4000, 4095),
        ("bytes=4000-999999", 206, 4000, 4095),
        ("bytes=0-0", 206, 0, 0),
        ("bytes=4096-", 416, None, None),
        ("bytes=-0", 416, None, None),
        ("bytes=5-1", 200, 0, 4095),  # malformed: ignored
        ("bytes=0-1,5-6", 200, 0, 4095),  # several ranges: ignored
        ("items=0-1", 200, 0, 4095),
    ],
)
def test_range_requests_resume_a_download(
    range_header: str, status: int, first: int | None, last: int | None
) -> None:
    fake = FakeWanTasks(clock=FakeClock(), video_size=4096)
    task_id = finished_task(fake)
    answer = fake.handle("GET", f"/videos/{task_id}.mp4", {"Range": range_header})
    assert answer.status == status
    whole = fake.video_bytes(task_id)
    if first is None or last is None:
        assert answer.header("content-range") == "bytes */4096"
        assert answer.body == b""
        return
    assert answer.body == whole[first : last + 1]
    assert answer.header("content-length") == str(last - first + 1)
    if status == 206:
        assert answer.header("content-range") == f"bytes {first}-{last}/4096"


def test_videos_accept_only_get_and_head(fake: FakeWanTasks) -> None:
    task_id = finished_task(fake)
    answer = fake.handle("POST", f"/videos/{task_id}.mp4", {})
    assert answer.status == 405
    assert answer.header("allow") == "GET, HEAD"


def test_a_fixed_base_url_is_used_in_video_links() -> None:
    fake = FakeWanTasks(clock=FakeClock(), base_url="https://cdn.example.test/")
    task_id = finished_task(fake)
    record = fake.get_task(task_id, base_url="http://ignored")
    assert record is not None
    assert (
        record["response"]["data"]["video_url"] == f"https://cdn.example.test/videos/{task_id}.mp4"
    )
    assert fake.get_task("unknown") is None


def test_ids_that_need_quoting_work_in_video_links(fake: FakeWanTasks) -> None:
    task_id = finished_task(fake, task_id="a b/c")
    url = retrieve(fake, task_id)["response"]["data"]["video_url"]
    assert url == f"{DEFAULT_BASE_URL}/videos/a%20b%2Fc.mp4"
    assert fake.handle("GET", url.removeprefix(DEFAULT_BASE_URL), {}).status == 200


# -- recorded requests ------------------------------------------------------------------------


def test_every_request_is_recorded_with_the_token_redacted(fake: FakeWanTasks) -> None:
    fake.handle("POST", "/wan/tasks", {"Authorization": f"Bearer {DEFAULT_TOKEN}",
                                       "Cookie": "session=secret", "X-Extra": "1"},
                b'{"action": "retrieve", "id": "x"}')  # fmt: skip
    fake.handle("POST", "/wan/tasks", {"authorization": "secret-without-scheme"}, b"not json")
    fake.handle("GET", "/videos/x.mp4?Expires=1", {})
    first, second, third = fake.requests
    assert first.method == "POST"
    assert first.path == "/wan/tasks"
    assert first.json == {"action": "retrieve", "id": "x"}
    assert first.action == "retrieve"
    assert first.headers == {
        "authorization": "Bearer [REDACTED]",
        "cookie": "[REDACTED]",
        "x-extra": "1",
    }
    assert first.status == 200
    assert first.fault is None
    assert first.at == fake.clock.now()
    assert second.headers["authorization"] == "[REDACTED]"
    assert second.json is None
    assert second.action is None
    assert second.status == 401
    assert (third.method, third.path, third.query, third.status) == ("GET", "/videos/x.mp4",
                                                                     "Expires=1", 404)  # fmt: skip
    assert DEFAULT_TOKEN not in repr(fake.requests)
    assert fake.api_requests == [first, second]
    fake.clear_requests()
    assert fake.requests == []
    assert "requests=0" in repr(fake)


def test_advance_moves_a_fake_clock_and_refuses_real_time(fake: FakeWanTasks) -> None:
    before = fake.clock.now()
    assert fake.advance(5) == before + 5
    with pytest.raises(TypeError, match="FakeClock"):
        FakeWanTasks().advance(1)


async def test_its_clients_take_another_token_or_base_url(fake: FakeWanTasks) -> None:
    """A test of the 401 path needs a client of the fake with a token it refuses."""
    task_id = fake.create_task(prompt="a cat")
    with (
        fake.client(token="not-the-fake-token", max_retries=0) as client,
        pytest.raises(AuthenticationError),
    ):
        client.retrieve(task_id)
    async with fake.async_client(token="not-the-fake-token", max_retries=0) as client:
        with pytest.raises(AuthenticationError):
            await client.retrieve(task_id)
    with fake.client(base_url="https://elsewhere.test") as client:
        assert client.base_url == "https://elsewhere.test"
        assert client.retrieve(task_id).id == task_id
