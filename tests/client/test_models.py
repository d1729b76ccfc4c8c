"""The views `Task` adds to the raw record: status over every shape of API-FACTS.md, and more."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.client import spec
from tests.client.service import JSON, VIDEO, task
from wan_tasks_sdk import BatchResult, ResponseValidationError, Task, TaskStatus, WaitProgress
from wan_tasks_sdk._models import NO_VIDEO_REASON, STATE_WORDS
from wan_tasks_sdk.generated.models.task_state import TASK_STATE_VALUES

PENDING, RUNNING, SUCCEEDED, FAILED, UNKNOWN = (
    TaskStatus.PENDING,
    TaskStatus.RUNNING,
    TaskStatus.SUCCEEDED,
    TaskStatus.FAILED,
    TaskStatus.UNKNOWN,
)
CDN_VIDEO = "https://cdn.acedata.cloud/wan/new.mp4"
ERROR = {"code": "DataInspectionFailed", "message": "Input data may contain inappropriate content."}


def make(response: JSON | None, task_id: str = "t", **fields: Any) -> Task:
    """The record read as the client reads it: tolerantly, so that drifted fields may be tried."""
    return Task.from_dict(task(task_id, response, **fields), strict=False)


def _states(words: str) -> list[str]:
    """Each word as the service writes it, upper case and capitalized."""
    return [form for word in words.split() for form in (word, word.upper(), word.capitalize())]


# (response, extra record fields, status, words the failure reason must contain)
STATUS_CASES: list[tuple[str, JSON | None, JSON, TaskStatus, str | None]] = [
    ("no response", None, {}, PENDING, None),
    ("empty response", {}, {}, RUNNING, None),
    *[(f"state {s}", {"state": s}, {}, PENDING, None) for s in _states("pending queued")],
    ("upstream SUSPENDED", {"state": "SUSPENDED"}, {}, PENDING, None),
    *[(f"state {s}", {"state": s}, {}, RUNNING, None) for s in _states("processing running")],
    ("success + processing", {"success": True, "state": "processing"}, {}, RUNNING, None),
    ("success + RUNNING", {"success": True, "state": "RUNNING"}, {}, RUNNING, None),
    *[
        (f"state {s}", {"state": s}, {}, FAILED, s.lower())
        for s in _states("failed cancelled canceled")
    ],
    (
        "success false + error object",
        {"success": False, "state": "failed", "error": ERROR},
        {},
        FAILED,
        "DataInspectionFailed: Input data may contain inappropriate content.",
    ),
    (
        "success false + bare error",
        {"success": False, "error": "upstream exploded"},
        {},
        FAILED,
        "upstream exploded",
    ),
    ("success false alone", {"success": False}, {}, FAILED, "success: false"),
    (
        "success false while processing",
        {"success": False, "state": "processing"},
        {},
        FAILED,
        "success: false",
    ),
    (
        "success true + error",
        {"success": True, "state": "processing", "error": {"code": "E1"}},
        {},
        FAILED,
        "E1",
    ),
    (
        "error with only a message",
        {"state": "completed", "video_url": VIDEO, "error": {"message": "bad"}},
        {},
        FAILED,
        "bad",
    ),
    ("error without details", {"error": {}}, {}, FAILED, "without details"),
    ("upstream FAILED", {"state": "FAILED", "error": "Model error"}, {}, FAILED, "Model error"),
    ("upstream CANCELED", {"state": "CANCELED"}, {}, FAILED, "canceled"),
    *[
        (
            f"state {s} + video_url",
            {"success": True, "state": s, "video_url": VIDEO},
            {},
            SUCCEEDED,
            None,
        )
        for s in _states("completed succeeded")
    ],
    (
        "succeeded + data.video_url",
        {"success": True, "state": "succeeded", "data": {"video_url": CDN_VIDEO}},
        {},
        SUCCEEDED,
        None,
    ),
    ("video, no state", {"video_url": VIDEO}, {}, SUCCEEDED, None),
    *[
        (f"{s} without video", {"success": True, "state": s}, {}, FAILED, NO_VIDEO_REASON)
        for s in ("completed", "SUCCEEDED", "succeeded")
    ],
    ("completed + empty video", {"state": "completed", "video_url": ""}, {}, FAILED, "video"),
    ("completed + empty data", {"state": "completed", "data": {}}, {}, FAILED, "video"),
    ("finished, no state, no video", {"success": True}, {"finished_at": 5.0}, FAILED, "video"),
    ("no state, not finished", {"success": True}, {"finished_at": None}, RUNNING, None),
    ("upstream UNKNOWN", {"state": "UNKNOWN"}, {}, UNKNOWN, None),
    ("a new word", {"state": "thinking-hard"}, {}, UNKNOWN, None),
    # -- the provider SDK's words, in `state` or `status`, at any depth --
    *[
        (f"status {s} + video_url", {"status": s, "video_url": VIDEO}, {}, SUCCEEDED, None)
        for s in _states("succeeded succeed success completed complete finished")
    ],
    *[
        (f"status {s} without video", {"status": s}, {}, FAILED, NO_VIDEO_REASON)
        for s in _states("succeed success complete finished")
    ],
    *[
        (f"status {s}", {"status": s}, {}, FAILED, s.lower())
        for s in _states("failed failure error rejected cancelled canceled")
    ],
    ("status QUEUED", {"status": "QUEUED"}, {}, PENDING, None),
    ("status Running", {"status": "Running"}, {}, RUNNING, None),
    ("a word in mixed case", {"state": "SuCcEeDeD", "video_url": VIDEO}, {}, SUCCEEDED, None),
    ("state in data", {"data": {"state": "failed"}}, {}, FAILED, "failed"),
    (
        "status deep in data",
        {"data": {"video_url": CDN_VIDEO, "task": {"status": "COMPLETED"}}},
        {},
        SUCCEEDED,
        None,
    ),
    ("status in a list", {"outputs": [{"status": "processing"}]}, {}, RUNNING, None),
    (
        "a failure deeper wins over processing",
        {"state": "processing", "data": {"status": "FAILURE"}},
        {},
        FAILED,
        "failure",
    ),
    (
        "done deeper wins over running",
        {"state": "running", "data": {"status": "succeed", "video_url": CDN_VIDEO}},
        {},
        SUCCEEDED,
        None,
    ),
    ("a known word wins over a new one", {"state": "weird", "status": "queued"}, {}, PENDING, None),
    (
        "deeper than the provider looks",
        {"a": {"b": {"c": {"d": {"e": {"f": {"status": "failed"}}}}}}, "video_url": VIDEO},
        {},
        SUCCEEDED,
        None,
    ),
    ("a state that is no word", {"state": 3, "video_url": VIDEO}, {}, SUCCEEDED, None),
    # -- failure text in `fail_reason` or `message` --
    ("fail_reason", {"state": "failed", "fail_reason": "quota"}, {}, FAILED, "quota"),
    ("message", {"status": "rejected", "message": "nsfw prompt"}, {}, FAILED, "nsfw prompt"),
    (
        "fail_reason before message",
        {"state": "failed", "fail_reason": "quota", "message": "Task failed"},
        {},
        FAILED,
        "quota",
    ),
    (
        "success false with a message",
        {"success": False, "message": "no channel available"},
        {},
        FAILED,
        "no channel available (success: false)",
    ),
    (
        "done without video, with a message",
        {"state": "completed", "message": "no output"},
        {},
        FAILED,
        f"{NO_VIDEO_REASON} (no output)",
    ),
    ("a message on a running task", {"state": "running", "message": "ok"}, {}, RUNNING, None),
]


@pytest.mark.parametrize(
    ("response", "fields", "status", "reason"),
    [case[1:] for case in STATUS_CASES],
    ids=[case[0] for case in STATUS_CASES],
)
def test_status_and_failure_reason(
    response: JSON | None, fields: JSON, status: TaskStatus, reason: str | None
) -> None:
    found = make(response, **{"finished_at": None, **fields})
    assert found.status is status
    assert found.is_terminal is (status in (SUCCEEDED, FAILED))
    if reason is None:
        assert found.failure_reason is None
    else:
        assert found.failure_reason is not None
        assert reason in found.failure_reason


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("completed_task", SUCCEEDED),
        ("pending_task", RUNNING),
        ("failed_task", FAILED),
        ("completed_task_newer_shape", SUCCEEDED),
    ],
)
def test_status_of_the_spec_examples(name: str, status: TaskStatus) -> None:
    assert Task.from_dict(spec.ok_example(name)).status is status


def test_failure_reason_of_the_failed_example() -> None:
    found = Task.from_dict(spec.ok_example("failed_task"))
    assert found.failure_reason == (
        "DataInspectionFailed: Input data may contain inappropriate content."
    )


def test_every_state_word_of_the_spec_has_a_meaning() -> None:
    assert set(STATE_WORDS) == TASK_STATE_VALUES
    assert all(word == word.lower() for word in STATE_WORDS)


@pytest.mark.parametrize(
    ("response", "progress"),
    [
        (None, None),
        ({}, None),
        ({"state": "running"}, None),
        ({"progress": 45}, 45.0),
        ({"percent": 62.5}, 62.5),
        ({"progress": 0}, 0.0),
        ({"progress": 0.5}, 50.0),  # a fraction, as the provider's SDK reads it
        ({"percent": 1}, 100.0),
        ({"progress": 150}, 100.0),
        ({"progress": -3}, 0.0),
        ({"progress": "45%"}, 45.0),  # drifted text, kept raw and still read
        ({"progress": " 7 "}, 7.0),
        ({"progress": "soon"}, None),
        ({"progress": True}, None),
        ({"progress": None}, None),
        ({"data": {"progress": 80}}, 80.0),
        ({"data": {"task": {"percent": "30"}}}, 30.0),
        ({"progress": 10, "data": {"progress": 80}}, 10.0),  # the top first
    ],
)
def test_progress(response: JSON | None, progress: float | None) -> None:
    found = make(response)
    assert found.progress == progress
    assert progress is None or isinstance(found.progress, float)


def test_terminal_statuses() -> None:
    assert {s for s in TaskStatus if s.is_terminal} == {SUCCEEDED, FAILED}


# -- where the video and thumbnail are ---------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "video"),
    [
        (None, None),
        ({"state": "completed", "video_url": VIDEO}, VIDEO),
        ({"state": "completed", "data": {"video_url": CDN_VIDEO}}, CDN_VIDEO),
        ({"video_url": VIDEO, "data": {"video_url": CDN_VIDEO}}, CDN_VIDEO),  # newer wins
        ({"video_url": VIDEO, "data": {"video_url": ""}}, VIDEO),
        ({"video_url": VIDEO, "data": {}}, VIDEO),
        ({"state": "processing"}, None),
        ({"video_url": ""}, None),
    ],
)
def test_video_url(response: JSON | None, video: str | None) -> None:
    assert make(response).video_url == video


def test_video_url_of_the_examples() -> None:
    older = Task.from_dict(spec.ok_example("completed_task"))
    newer = Task.from_dict(spec.ok_example("completed_task_newer_shape"))
    assert older.video_url == spec.ok_example("completed_task")["response"]["video_url"]
    assert older.video_url is not None
    assert "Expires=" in older.video_url
    assert newer.video_url == (
        "https://cdn.acedata.cloud/wan/3d9f1b7e-6c5a-4e8d-b2f4-0a1c3e5d7f9b.mp4"
    )
    assert newer.thumbnail_url == (
        "https://cdn.acedata.cloud/wan/3d9f1b7e-6c5a-4e8d-b2f4-0a1c3e5d7f9b.jpg"
    )
    assert older.thumbnail_url is None


@pytest.mark.parametrize(
    ("response", "thumbnail"),
    [
        (None, None),
        ({}, None),
        ({"thumbnail_url": "https://t/1.jpg"}, "https://t/1.jpg"),
        ({"data": {"thumbnail_url": "https://t/2.jpg"}}, "https://t/2.jpg"),
        (
            {"thumbnail_url": "https://t/1.jpg", "data": {"thumbnail_url": "https://t/2.jpg"}},
            "https://t/2.jpg",
        ),
        ({"thumbnail_url": "https://t/1.jpg", "data": {"thumbnail_url": ""}}, "https://t/1.jpg"),
        ({"thumbnail_url": ""}, None),
    ],
)
def test_thumbnail_url(response: JSON | None, thumbnail: str | None) -> None:
    assert make(response).thumbnail_url == thumbnail


# -- times ----------------------------------------------------------------------------------

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def test_times_are_aware_utc_datetimes() -> None:
    found = Task.from_dict(spec.ok_example("completed_task_newer_shape"))
    assert found.created == EPOCH + timedelta(seconds=1769317088.52)
    assert found.started == EPOCH + timedelta(seconds=1769317089.003)
    assert found.finished == EPOCH + timedelta(seconds=1769317303.063)
    for moment in (found.created, found.started, found.finished):
        assert moment is not None
        assert moment.tzinfo is not None
        assert moment.utcoffset() == timedelta(0)
    assert found.created.year == 2026


def test_times_absent_or_null() -> None:
    found = Task.from_dict(spec.ok_example("pending_task"))  # finished_at: null
    assert found.finished is None
    assert found.started is not None
    bare = make(None)  # no started_at, no finished_at
    assert bare.started is None
    assert bare.finished is None


def test_integer_timestamps() -> None:
    found = make(None, created_at=1769262721, started_at=1769262722)
    assert found.created == datetime(2026, 1, 24, 13, 52, 1, tzinfo=UTC)
    assert found.started == datetime(2026, 1, 24, 13, 52, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fields", "seconds"),
    [
        ({"duration": 787.33}, 787.33),  # older records
        ({"elapsed": 214.06}, 214.06),  # newer records
        ({"elapsed": 3, "duration": 9}, 3.0),  # elapsed wins
        ({"elapsed": None, "duration": 9}, 9.0),
        ({"elapsed": None}, None),
        ({}, None),
        ({"duration": 0}, 0.0),
    ],
)
def test_processing_seconds(fields: JSON, seconds: float | None) -> None:
    found = make(None, **fields)
    assert found.processing_seconds == seconds
    assert seconds is None or isinstance(found.processing_seconds, float)


def test_processing_seconds_is_not_the_video_length() -> None:
    found = Task.from_dict(spec.ok_example("completed_task"))
    assert found.request.duration == 5
    assert found.processing_seconds == pytest.approx(787.331, abs=1e-3)


def test_unknown_fields_are_kept() -> None:
    record = task("t", {"state": "completed", "video_url": VIDEO, "new": {"x": 1}}, extra=[1])
    record["request"]["fancy"] = True
    found = Task.from_dict(record)
    assert found.additional_properties == {"extra": [1]}
    assert found.request.additional_properties == {"fancy": True}
    assert found.to_dict() == record


# -- BatchResult and WaitProgress ----------------------------------------------------------


def test_batch_result_is_a_sequence_with_lookup() -> None:
    first, second = make(None, "a"), make(None, "b")
    result = BatchResult((first, second), missing=("zz",))
    assert len(result) == 2
    assert list(result) == [first, second]
    assert result[0] is first
    assert result[-1] is second
    assert list(result[1:]) == [second]
    assert result.get("b") is second
    assert result.get("zz") is None
    assert result.missing == ("zz",)
    assert second in result
    assert result.index(second) == 1
    assert result == BatchResult((first, second), missing=("zz",))
    assert BatchResult(()).missing == ()


def test_batch_result_reports_unreadable_records_apart() -> None:
    result = BatchResult((make(None, "a"),), invalid={"b": "items[1].id: expected string"})
    assert list(result) == [make(None, "a")]
    assert result.invalid == {"b": "items[1].id: expected string"}
    assert result.get("b") is None
    assert BatchResult(()).invalid == {}


def test_wait_progress_counts() -> None:
    tasks = {
        "a": make({"state": "completed", "video_url": VIDEO}, "a"),
        "b": make({"state": "failed"}, "b"),
        "c": make({"state": "running"}, "c"),
    }
    progress = WaitProgress(tasks, total=5, elapsed=1.5, round=2)
    assert progress.finished == 2
    assert progress.counts == {
        PENDING: 2,  # the two never seen yet
        RUNNING: 1,
        SUCCEEDED: 1,
        FAILED: 1,
        UNKNOWN: 0,
    }


@pytest.mark.parametrize("state", ["UNKNOWN", "unknown"])
def test_an_unknown_state_is_unknown_even_with_a_video(state: str) -> None:
    record = task("t", {"success": True, "state": state, "video_url": VIDEO})
    assert Task.from_dict(record).status is TaskStatus.UNKNOWN


@pytest.mark.parametrize("field", ["created_at", "started_at", "finished_at"])
def test_a_timestamp_no_datetime_can_hold_is_a_typed_error(field: str) -> None:
    found = Task.from_dict(task("t", {"success": True}, **{field: 1e300}))
    with pytest.raises(ResponseValidationError, match="outside the range"):
        _ = (found.created, found.started, found.finished)


# -- to_dict / to_json -----------------------------------------------------------------------


def _documented_records() -> list[JSON]:
    examples = spec.ok_examples()
    tasks = [value for value in examples.values() if isinstance(value, dict) and "id" in value]
    return tasks + list(examples["batch"]["items"])


@pytest.mark.parametrize("record", _documented_records(), ids=lambda record: record["id"][:8])
def test_to_json_round_trips(record: JSON) -> None:
    original = Task.from_dict(record)
    copy = Task.from_dict(json.loads(original.to_json()))
    assert type(copy) is Task
    assert copy == original
    assert copy.to_dict() == record  # as the service sent it, unknown fields included


def test_to_json_keeps_unknown_fields_and_takes_dumps_options() -> None:
    original = make(None, surprise={"nested": [1, 2]})
    text = original.to_json(indent=2, sort_keys=True)
    assert "\n" in text
    assert json.loads(text)["surprise"] == {"nested": [1, 2]}
    assert Task.from_dict(json.loads(text)) == original


# -- status words: properties over every spelling and place ------------------------------------

KNOWN_WORDS = sorted(STATE_WORDS)
NEW_WORDS = ["thinking", "in_progress", "", "done?", "ok"]
KEYS = ["data", "task", "result", "outputs", "meta"]


@st.composite
def spellings(draw: st.DrawFn, words: list[str]) -> str:
    """A word as the service might write it: any letter in either case."""
    word = draw(st.sampled_from(words))
    upper = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    return "".join(c.upper() if up else c for c, up in zip(word, upper, strict=True))


_STATE_KEYS = ["state", "status"]


def _put(response: JSON, path: list[str], key: str, word: str) -> None:
    node = response
    for step in path:
        child = node.get(step)
        if not isinstance(child, dict):
            child = node[step] = {}
        node = child
    node.setdefault(key, word)  # a place already taken keeps its word


def _expected(words: list[str]) -> TaskStatus:
    """The folding rule, written plainly: a failure anywhere, then done (a video is present),
    then the furthest stage of work; no known word at all, with a video, is a success."""
    said = {STATE_WORDS.get(word.lower()) for word in words} - {None}
    for status in (FAILED, SUCCEEDED, RUNNING, PENDING, UNKNOWN):
        if status in said:
            return status
    return SUCCEEDED


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    words=st.lists(
        st.tuples(
            spellings(KNOWN_WORDS + NEW_WORDS), st.lists(st.sampled_from(KEYS), max_size=4)
        ).flatmap(
            lambda pair: st.tuples(st.just(pair[0]), st.just(pair[1]), st.sampled_from(_STATE_KEYS))
        ),
        max_size=5,
    )
)
def test_status_words_fold_by_the_rule_in_any_case_at_any_depth(
    words: list[tuple[str, list[str], str]],
) -> None:
    response: JSON = {"video_url": VIDEO}
    for word, path, key in words:
        _put(response, path, key, word)
    placed_words = [word for word, path, key in words if _lookup(response, path, key) == word]
    found = make(response)
    assert found.status is _expected(placed_words)
    assert (found.failure_reason is not None) is (found.status is FAILED)


def _lookup(response: JSON, path: list[str], key: str) -> object:
    node: Any = response
    for step in path:
        node = node.get(step) if isinstance(node, dict) else None
    return node.get(key) if isinstance(node, dict) else None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    value=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-(10**6), 10**6),
        st.text(max_size=6),
        st.floats(-1e3, 1e3).map(lambda x: f"{x}%"),
    ),
    key=st.sampled_from(["progress", "percent"]),
    nested=st.booleans(),
)
def test_progress_is_a_share_from_0_to_100_or_none(value: object, key: str, nested: bool) -> None:
    response = {"data": {key: value}} if nested else {key: value}
    progress = make(response).progress
    assert progress is None or 0.0 <= progress <= 100.0
    if isinstance(value, int | float) and 1 < value <= 100:
        assert progress == value  # on the 0-100 scale, as sent
