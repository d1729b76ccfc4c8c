"""What the client returns: the generated `Task`, plus the meaning the raw record leaves implicit.

The service reports a task's state in several shapes (no `response` yet, `state` words in
either case, `success: false`, a bare `error`, the video in one of two places); `TaskStatus`
folds them into five values so that callers never have to.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, overload

from ._errors import ResponseValidationError
from .generated.models import ErrorDetail, GenerationResponse
from .generated.models import Task as _GeneratedTask
from .generated.types import Unset

__all__ = ["BatchResult", "Task", "TaskStatus", "WaitProgress"]


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


_PENDING_STATES = frozenset({"pending", "queued", "suspended"})
_RUNNING_STATES = frozenset({"processing", "running"})
_SUCCEEDED_STATES = frozenset({"completed", "succeeded"})
_FAILED_STATES = frozenset({"failed", "cancelled", "canceled"})
NO_VIDEO_REASON = "the task finished without a video URL"


class Task(_GeneratedTask):
    """One video-generation task: the generated record with normalized views on top.

    Every field of the record is an attribute (`id`, `created_at`, `request.prompt`, ...; the
    storage id `_id` is `field_id`); unknown fields are in `additional_properties`.
    `to_dict()` / `to_json()` give the record as the service sent it (unknown fields included),
    and `Task.from_dict(json.loads(task.to_json()))` equals `task`; `json.dumps(task)` itself
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
    return Task.from_dict(record)


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


def _classify(task: _GeneratedTask) -> tuple[TaskStatus, str | None]:
    """The status, and the failure reason when it failed; in the order API-FACTS.md gives.

    Failure signals win over everything (`success: true` *with* an `error` is a failure), and a
    task that says it finished but has no video is a failure too.
    """
    response = task.response
    if isinstance(response, Unset):
        return TaskStatus.PENDING, None
    error = _error_text(response.error)
    if error is not None:
        return TaskStatus.FAILED, error
    state = response.state.lower() if isinstance(response.state, str) else None
    if response.success is False:
        return TaskStatus.FAILED, f"the task {state or 'failed'} (success: false)"
    if state in _FAILED_STATES:
        return TaskStatus.FAILED, f"the task was {state}"
    if state in _PENDING_STATES:
        return TaskStatus.PENDING, None
    if state in _RUNNING_STATES:
        return TaskStatus.RUNNING, None
    if state == "unknown":  # the upstream provider says it does not know: neither is a video
        return TaskStatus.UNKNOWN, None
    if _response_url(response, "video_url") is not None:
        return TaskStatus.SUCCEEDED, None
    finished = not isinstance(task.finished_at, Unset) and task.finished_at is not None
    if state in _SUCCEEDED_STATES or (state is None and finished):
        return TaskStatus.FAILED, NO_VIDEO_REASON
    if state is None:
        return TaskStatus.RUNNING, None
    return TaskStatus.UNKNOWN, None


@dataclass(frozen=True)
class BatchResult(Sequence[Task]):
    """Tasks found by `retrieve_batch`, in the order their ids were first asked for.

    A repeated id gives one task; ids the service does not know are in `missing`, in the order
    asked, rather than silently dropped.
    """

    tasks: tuple[Task, ...]
    missing: tuple[str, ...] = ()
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

    @property
    def finished(self) -> int:
        return sum(1 for task in self.tasks.values() if task.is_terminal)

    @property
    def counts(self) -> Mapping[TaskStatus, int]:
        counts = dict.fromkeys(TaskStatus, 0)
        counts[TaskStatus.PENDING] = self.total - len(self.tasks)
        for task in self.tasks.values():
            counts[task.status] += 1
        return counts
