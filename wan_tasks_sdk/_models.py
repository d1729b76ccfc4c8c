"""What the client returns: the generated `Task`, plus the meaning the raw record leaves implicit.

The service reports a task's state in several shapes (no `response` yet, a `state` or `status`
word in any case and at any depth of `response`, `success: false`, a bare `error`, the video in
one of two places); `TaskStatus` folds them into five values so that callers never have to.
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from types import MappingProxyType
from typing import Any, Final, Literal, Self, overload

from ._errors import ResponseValidationError
from .generated.models import ErrorDetail, GenerationResponse, GenerationResponseData, TaskUsage
from .generated.models import Task as _GeneratedTask
from .generated.types import Unset

__all__ = ["AsyncTaskIterator", "BatchResult", "Task", "TaskIterator", "TaskStatus", "WaitProgress"]


class TaskStatus(enum.StrEnum):
    """A task's state, normalized from every shape the service uses."""

    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    UNKNOWN = "unknown"

    @property
    def is_terminal(self) -> bool:
        return self in (TaskStatus.SUCCEEDED, TaskStatus.FAILED)


# What each state word means, in lower case: the spec's `TaskState` words, which are the
# provider SDK's. A "done" word means SUCCEEDED only with a video (see `_classify`).
STATE_WORDS: Final[Mapping[str, TaskStatus]] = {
    **dict.fromkeys(("pending", "queued", "suspended"), TaskStatus.PENDING),
    **dict.fromkeys(("processing", "running"), TaskStatus.RUNNING),
    **dict.fromkeys(
        ("succeeded", "succeed", "success", "completed", "complete", "finished"),
        TaskStatus.SUCCEEDED,
    ),
    **dict.fromkeys(
        ("failed", "failure", "error", "rejected", "cancelled", "canceled"), TaskStatus.FAILED
    ),
    "unknown": TaskStatus.UNKNOWN,
}
# The same table with the spellings seen on the wire (`SUCCEEDED`, `Completed`) already in it:
# the status of every task is read in every `wait()` round, and one dict lookup is the cheapest
# way to compare without case. Other spellings fall back to `str.lower()`.
_STATUS_BY_WORD: Final[Mapping[str, TaskStatus]] = {
    form: status
    for word, status in STATE_WORDS.items()
    for form in (word, word.upper(), word.capitalize())
}
# When words disagree (a `state` at the top, a `status` deeper), the strongest wins: a failure
# anywhere, then "done", then the furthest stage of work.
_STRENGTH: Final[Mapping[TaskStatus, int]] = {
    TaskStatus.UNKNOWN: 0,
    TaskStatus.PENDING: 1,
    TaskStatus.RUNNING: 2,
    TaskStatus.SUCCEEDED: 3,
    TaskStatus.FAILED: 4,
}
_STATE_KEYS: Final = frozenset({"state", "status"})
_PROGRESS_KEYS: Final = frozenset({"progress", "percent"})
_MAX_DEPTH: Final = 6
"""How deep inside `response` words are looked for, as the provider's SDK does."""
NO_VIDEO_REASON = "the task finished without a video URL"


class Task(_GeneratedTask):
    """One video-generation task: the generated record with normalized views on top.

    Every field of the record is an attribute (`id`, `created_at`, `request.prompt`, ...; the
    storage id `_id` is `field_id`); unknown fields are in `additional_properties`.
    `to_dict()` / `to_json()` give the record as the service sent it (unknown fields included),
    and `Task.from_dict(json.loads(task.to_json()), strict=False)` equals `task` (strict
    reading refuses a record whose optional fields drifted); `json.dumps(task)` itself
    does not work, as with any class.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle and deep-copy as the record: the generated classes compare against the one
        `UNSET`, which default pickling would duplicate (and `to_dict()` would then keep it)."""
        return _task_from_record, (self.to_dict(),)

    def to_json(self, **dumps_options: Any) -> str:
        """The record as JSON text; `dumps_options` go to `json.dumps` (e.g. `indent=2`)."""
        return json.dumps(self.to_dict(), **dumps_options)

    @property
    def status(self) -> TaskStatus:
        return _classify(self)[0]

    @property
    def failure_reason(self) -> str | None:
        """Why the task failed, in the service's words where it gave any; `None` otherwise."""
        return _classify(self)[1]

    @property
    def is_terminal(self) -> bool:
        return self.status.is_terminal

    @property
    def progress(self) -> float | None:
        """How far the task has got, from 0 to 100, when the service says (`progress` or
        `percent`, at any depth of `response`); `None` when it does not.

        The scale is not documented: as the provider's own SDK does, a value above 0 and at most
        1 is read as a fraction (0.5 is 50), and anything outside 0-100 is clamped.
        """
        response = self.response
        if isinstance(response, Unset):
            return None
        for typed in (response.progress, response.percent):
            if not isinstance(typed, Unset):
                return _percent(typed)
        found: list[object] = []
        for part in _untyped_parts(response):
            _collect(part, _PROGRESS_KEYS, found, 1)
        return next((share for value in found if (share := _percent(value)) is not None), None)

    @property
    def video_url(self) -> str | None:
        """The video, from `response.data.video_url` (newer) or `response.video_url` (older)."""
        return _response_url(self.response, "video_url")

    @property
    def thumbnail_url(self) -> str | None:
        return _response_url(self.response, "thumbnail_url")

    @property
    def created(self) -> datetime:
        """`created_at` as an aware datetime in UTC."""
        created = _to_datetime(self.created_at)
        assert created is not None  # created_at is required
        return created

    @property
    def started(self) -> datetime | None:
        return _to_datetime(self.started_at)

    @property
    def finished(self) -> datetime | None:
        return _to_datetime(self.finished_at)

    @property
    def processing_seconds(self) -> float | None:
        """How long the service worked on the task (`elapsed`, or `duration` on older records).

        Not the length of the video: that is `request.duration`.
        """
        for value in (self.elapsed, self.duration):
            if isinstance(value, int | float):
                return float(value)
        return None


def _task_from_record(record: dict[str, Any]) -> Task:
    # Tolerantly, as the client read it: a drifted optional field must not make the copy fail.
    return Task.from_dict(record, strict=False)


def _to_datetime(value: float | Unset | None) -> datetime | None:
    if isinstance(value, Unset) or value is None:
        return None
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, ValueError, OSError):
        # The spec allows any number; a datetime holds years 1 to 9999 only.
        raise ResponseValidationError(
            f"timestamp {value!r} is outside the range of a datetime", status_code=200, body=b""
        ) from None


def _response_url(
    response: GenerationResponse | Unset, name: Literal["video_url", "thumbnail_url"]
) -> str | None:
    """`response.data.<name>` (newer records), else `response.<name>` (older records)."""
    if isinstance(response, Unset):
        return None
    data = response.data
    for candidate in (
        None if isinstance(data, Unset) else getattr(data, name),
        getattr(response, name),
    ):
        if isinstance(candidate, str) and candidate:
            return candidate
    return None


def _error_text(error: ErrorDetail | str | Unset) -> str | None:
    if isinstance(error, str):
        return error or None
    if isinstance(error, Unset):
        return None
    code = error.code if isinstance(error.code, str) and error.code else None
    message = error.message if isinstance(error.message, str) and error.message else None
    if code and message:
        return f"{code}: {message}"
    return code or message or "the service reported an error without details"


def _service_text(response: GenerationResponse) -> str | None:
    """The service's own words for a failure outside `error`: `fail_reason`, else `message`."""
    for text in (response.fail_reason, response.message):
        if isinstance(text, str) and text:
            return text
    return None


def _untyped_parts(response: GenerationResponse) -> list[dict[str, Any]]:
    """The raw JSON inside `response` that the generated models keep untyped (unknown fields,
    and drifted ones read as absent): where deeper state and progress words are."""
    parts = [response.additional_properties] if response.additional_properties else []
    # isinstance, not getattr with a default: a failed attribute lookup costs an exception.
    data, usage, error = response.data, response.usage, response.error
    if isinstance(data, GenerationResponseData) and data.additional_properties:
        parts.append(data.additional_properties)
    if isinstance(usage, TaskUsage) and usage.additional_properties:
        parts.append(usage.additional_properties)
    if isinstance(error, ErrorDetail) and error.additional_properties:
        parts.append(error.additional_properties)
    return parts


def _collect(node: object, keys: frozenset[str], found: list[object], depth: int) -> None:
    """Append the values of `keys` anywhere in `node` to `found`, outermost first within each
    object (a key whose value is an object or array is looked into instead)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys and not isinstance(value, dict | list):
                found.append(value)
            elif isinstance(value, dict | list):
                _collect(value, keys, found, depth + 1)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict | list):
                _collect(item, keys, found, depth + 1)


def _word_status(word: str) -> TaskStatus | None:
    status = _STATUS_BY_WORD.get(word)
    return _STATUS_BY_WORD.get(word.lower()) if status is None else status


def _read_state(response: GenerationResponse) -> tuple[TaskStatus | None, str | None]:
    """What the state words of `response` say together (`None` when no word is known), and
    the word that says it (the first word, when none is known), as sent.

    The words are `state` and `status`, at the top and at any depth. The common record has one
    typed `state` and nothing untyped: that costs one lookup.
    """
    parts = _untyped_parts(response)
    state, status = response.state, response.status
    if not parts and isinstance(status, Unset):
        return (_word_status(state), state) if isinstance(state, str) else (None, None)
    words: list[object] = [state, status]
    for part in parts:
        _collect(part, _STATE_KEYS, words, 1)
    strongest: TaskStatus | None = None
    deciding: str | None = None
    for word in words:
        if not isinstance(word, str):
            continue  # UNSET, or a drifted value
        said = _word_status(word)
        if said is not None and (strongest is None or _STRENGTH[said] > _STRENGTH[strongest]):
            strongest, deciding = said, word
        elif deciding is None:
            deciding = word
    return strongest, deciding


def _percent(value: object) -> float | None:
    """A progress value as a share from 0 to 100: a number, or text such as `"45%"`."""
    if isinstance(value, str):
        try:
            value = float(value.strip().removesuffix("%"))
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    share = value * 100.0 if 0 < value <= 1 else float(value)
    return min(max(share, 0.0), 100.0)


def _classify(task: _GeneratedTask) -> tuple[TaskStatus, str | None]:
    """The status, and the failure reason when it failed; in the order API-FACTS.md gives.

    Failure signals win over everything (`success: true` *with* an `error` is a failure, and so
    is a failed word at any depth), and a task that says it finished but has no video is a
    failure too.
    """
    response = task.response
    if isinstance(response, Unset):
        return TaskStatus.PENDING, None
    error = _error_text(response.error)
    if error is not None:
        return TaskStatus.FAILED, error
    said, word = _read_state(response)
    if response.success is False:
        text = _service_text(response) or f"the task {(word or 'failed').lower()}"
        return TaskStatus.FAILED, f"{text} (success: false)"
    if said is TaskStatus.FAILED:
        return TaskStatus.FAILED, _service_text(response) or f"the task was {word!s}".lower()
    if said is TaskStatus.PENDING or said is TaskStatus.RUNNING or said is TaskStatus.UNKNOWN:
        # `unknown`: the upstream provider does not know the job, so a video is not its result
        return said, None
    if _response_url(response, "video_url") is not None:
        return TaskStatus.SUCCEEDED, None
    finished = not isinstance(task.finished_at, Unset) and task.finished_at is not None
    if said is TaskStatus.SUCCEEDED or (word is None and finished):
        detail = _service_text(response)
        return TaskStatus.FAILED, NO_VIDEO_REASON + (f" ({detail})" if detail else "")
    if word is None:
        return TaskStatus.RUNNING, None
    return TaskStatus.UNKNOWN, None


@dataclass(frozen=True)
class BatchResult(Sequence[Task]):
    """Tasks found by `retrieve_batch`, in the order their ids were first asked for.

    A repeated id gives one task; ids the service does not know are in `missing`, in the order
    asked, rather than silently dropped. A record that cannot be read (a field the spec requires
    is missing or of the wrong type) does not fail the others: `invalid` maps its id (its trace
    id, when asked by trace id) to the reason, which names the field.
    """

    tasks: tuple[Task, ...]
    missing: tuple[str, ...] = ()
    invalid: Mapping[str, str] = field(default_factory=dict)
    """Id -> why its record could not be read, in the order asked; such an id is not `missing`."""
    _by_id: Mapping[str, Task] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {task.id: task for task in self.tasks})

    @overload
    def __getitem__(self, index: int) -> Task: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Task]: ...
    def __getitem__(self, index: int | slice) -> Task | Sequence[Task]:
        return self.tasks[index]

    def __len__(self) -> int:
        return len(self.tasks)

    def __iter__(self) -> Iterator[Task]:
        return iter(self.tasks)

    def get(self, task_id: str) -> Task | None:
        """The task with this id, or `None` when the service did not know it."""
        return self._by_id.get(task_id)


@dataclass(frozen=True)
class WaitProgress:
    """What `wait()` knows after each polling round; handed to the progress callback."""

    tasks: Mapping[str, Task]
    """The latest record of every task seen so far, by id."""
    total: int
    elapsed: float
    """Seconds since `wait()` started."""
    round: int
    invalid: Mapping[str, str] = field(default_factory=dict)
    """Id -> why its record could not be read; those tasks are no longer polled."""

    @property
    def finished(self) -> int:
        """Tasks that succeeded or failed (the unreadable ones are not counted)."""
        counts = self.counts
        return counts[TaskStatus.SUCCEEDED] + counts[TaskStatus.FAILED]

    @cached_property
    def counts(self) -> Mapping[TaskStatus, int]:
        """Tasks by status; those not seen yet count as pending, the unreadable ones nowhere.

        Worked out once: `tasks` is a snapshot, and a status costs a look through the record.
        """
        counts = dict.fromkeys(TaskStatus, 0)
        counts[TaskStatus.PENDING] = self.total - len(self.tasks) - len(self.invalid)
        for task in self.tasks.values():
            counts[task.status] += 1
        return MappingProxyType(counts)


class TaskIterator(Iterator[Task]):
    """What `WanTasks.list_tasks()` returns: the tasks, fetched a page at a time as it advances.

    A record that cannot be read is not yielded and does not stop the listing: `invalid` maps
    its id to the reason (or, when even the id cannot be read, its place: `pages[2].items[7]`
    is the eighth record of the third page). It fills as pages are read, so it is complete once
    the iteration has ended.
    """

    __slots__ = ("_invalid", "_tasks")

    def __init__(self, tasks: Generator[Task, None, None], invalid: Mapping[str, str]) -> None:
        self._tasks = tasks
        self._invalid = invalid

    @property
    def invalid(self) -> Mapping[str, str]:
        """Id (or place) -> why the record could not be read, for the pages read so far."""
        return MappingProxyType(self._invalid)

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> Task:
        return next(self._tasks)

    def close(self) -> None:
        """Stop early: no further page is fetched."""
        self._tasks.close()


class AsyncTaskIterator(AsyncIterator[Task]):
    """What `AsyncWanTasks.list_tasks()` returns (`async for`); see `TaskIterator`."""

    __slots__ = ("_invalid", "_tasks")

    def __init__(self, tasks: AsyncGenerator[Task, None], invalid: Mapping[str, str]) -> None:
        self._tasks = tasks
        self._invalid = invalid

    @property
    def invalid(self) -> Mapping[str, str]:
        """Id (or place) -> why the record could not be read, for the pages read so far."""
        return MappingProxyType(self._invalid)

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> Task:
        return await anext(self._tasks)

    async def aclose(self) -> None:
        """Stop early: no further page is fetched."""
        await self._tasks.aclose()
