from __future__ import annotations

from collections.abc import Mapping
from reprlib import recursive_repr
from typing import Any, ClassVar, TypeVar

from ..models.error_detail import ErrorDetail
from ..models.generation_response_data import GenerationResponseData
from ..models.task_state import TaskState
from ..models.task_usage import TaskUsage
from ..types import (
    UNSET,
    Unset,
    ValidationError,
    read_as_absent,
    type_error,
)

T = TypeVar("T", bound="GenerationResponse")

_KNOWN_KEYS: frozenset[str] = frozenset(
    (
        "success",
        "state",
        "status",
        "progress",
        "percent",
        "task_id",
        "video_url",
        "thumbnail_url",
        "data",
        "usage",
        "cost",
        "message",
        "fail_reason",
        "error",
    )
)
"""The keys the spec names for `GenerationResponse`: any other one is an additional property."""


class GenerationResponse:
    """What the upstream model answered, as the service last saw it; the same data the
    synchronous generation call would have answered. Absent while the task is waiting to
    start. Unknown fields are valid and kept.

    The task's state is in `state` or, on some records, `status`; either may also appear
    deeper inside the response (for example in `data`). Compare state words without case:

    - still working: `pending`, `queued`, `processing`, `running`, `suspended` (even if
      `success` is already `true`);
    - failed: `failed`, `failure`, `error`, `rejected`, `cancelled`, `canceled`; also when
      `success` is `false`, or when `error` is set (even beside `success: true`);
    - completed: `completed`, `complete`, `succeeded`, `succeed`, `success`, `finished`,
      **and** a video URL is present, in `video_url` (older records) or `data.video_url`
      (newer records); a finished state without a video URL is a failure;
    - `unknown`: the upstream provider does not know the job.

    """

    __slots__ = (
        "success",
        "state",
        "status",
        "progress",
        "percent",
        "task_id",
        "video_url",
        "thumbnail_url",
        "data",
        "usage",
        "cost",
        "message",
        "fail_reason",
        "error",
        "additional_properties",
        "__weakref__",
    )
    __match_args__ = (
        "success",
        "state",
        "status",
        "progress",
        "percent",
        "task_id",
        "video_url",
        "thumbnail_url",
        "data",
        "usage",
        "cost",
        "message",
        "fail_reason",
        "error",
    )

    success: bool | Unset
    """ Whether the upstream call succeeded so far; `true` does not mean the video is ready. """
    state: str | TaskState | Unset
    """ The task's state. Compare without case; other words may appear. """
    status: str | TaskState | Unset
    """ The task's state, on records that call it `status`. Compare without case; other words may appear. """
    progress: float | Unset
    """ How far the task has got, on records that report it (its scale is not confirmed by the provider). """
    percent: float | Unset
    """ How far the task has got, on records that call it `percent` (its scale is not confirmed by the provider).
    """
    task_id: str | Unset
    """ The task id again. """
    video_url: str | Unset
    """ Older records: the video, a signed storage link that expires about 24 hours after the
    task finished (see its `Expires=` parameter).
     """
    thumbnail_url: str | Unset
    """ A still image of the video, on records that have one. """
    data: GenerationResponseData | Unset
    """ Newer records keep the result here. Unknown fields are valid and kept. """
    usage: TaskUsage | Unset
    """ What the finished video is like, on newer records. Unknown fields are valid and kept. """
    cost: float | Unset
    """ What the task cost (its unit is not confirmed by the provider). """
    message: str | Unset
    """ Why the task failed, on records that give the reason here. """
    fail_reason: str | Unset
    """ Why the task failed, on records that call it `fail_reason`. """
    error: ErrorDetail | str | Unset
    """ Why the task failed; an object, or on some records a bare message. """
    additional_properties: dict[str, Any]
    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(())
    """The keys every `GenerationResponse` has: a `oneOf` tries this branch only when all are present."""

    def __init__(
        self,
        success: bool | Unset = UNSET,
        state: str | TaskState | Unset = UNSET,
        status: str | TaskState | Unset = UNSET,
        progress: float | Unset = UNSET,
        percent: float | Unset = UNSET,
        task_id: str | Unset = UNSET,
        video_url: str | Unset = UNSET,
        thumbnail_url: str | Unset = UNSET,
        data: GenerationResponseData | Unset = UNSET,
        usage: TaskUsage | Unset = UNSET,
        cost: float | Unset = UNSET,
        message: str | Unset = UNSET,
        fail_reason: str | Unset = UNSET,
        error: ErrorDetail | str | Unset = UNSET,
    ) -> None:
        self.success = success
        self.state = state
        self.status = status
        self.progress = progress
        self.percent = percent
        self.task_id = task_id
        self.video_url = video_url
        self.thumbnail_url = thumbnail_url
        self.data = data
        self.usage = usage
        self.cost = cost
        self.message = message
        self.fail_reason = fail_reason
        self.error = error
        self.additional_properties = {}

    @recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}("
            f"success={self.success!r}, "
            f"state={self.state!r}, "
            f"status={self.status!r}, "
            f"progress={self.progress!r}, "
            f"percent={self.percent!r}, "
            f"task_id={self.task_id!r}, "
            f"video_url={self.video_url!r}, "
            f"thumbnail_url={self.thumbnail_url!r}, "
            f"data={self.data!r}, "
            f"usage={self.usage!r}, "
            f"cost={self.cost!r}, "
            f"message={self.message!r}, "
            f"fail_reason={self.fail_reason!r}, "
            f"error={self.error!r}, "
            f"additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, GenerationResponse
        ):
            return NotImplemented
        return (
            self.success,
            self.state,
            self.status,
            self.progress,
            self.percent,
            self.task_id,
            self.video_url,
            self.thumbnail_url,
            self.data,
            self.usage,
            self.cost,
            self.message,
            self.fail_reason,
            self.error,
            self.additional_properties,
        ) == (
            other.success,
            other.state,
            other.status,
            other.progress,
            other.percent,
            other.task_id,
            other.video_url,
            other.thumbnail_url,
            other.data,
            other.usage,
            other.cost,
            other.message,
            other.fail_reason,
            other.error,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        state: str | Unset = self.state

        status: str | Unset = self.status

        progress = self.progress

        percent = self.percent

        task_id = self.task_id

        video_url = self.video_url

        thumbnail_url = self.thumbnail_url

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        cost = self.cost

        message = self.message

        fail_reason = self.fail_reason

        error: dict[str, Any] | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, ErrorDetail):
            error = self.error.to_dict()
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if success is not UNSET:
            field_dict["success"] = success
        if state is not UNSET:
            field_dict["state"] = state
        if status is not UNSET:
            field_dict["status"] = status
        if progress is not UNSET:
            field_dict["progress"] = progress
        if percent is not UNSET:
            field_dict["percent"] = percent
        if task_id is not UNSET:
            field_dict["task_id"] = task_id
        if video_url is not UNSET:
            field_dict["video_url"] = video_url
        if thumbnail_url is not UNSET:
            field_dict["thumbnail_url"] = thumbnail_url
        if data is not UNSET:
            field_dict["data"] = data
        if usage is not UNSET:
            field_dict["usage"] = usage
        if cost is not UNSET:
            field_dict["cost"] = cost
        if message is not UNSET:
            field_dict["message"] = message
        if fail_reason is not UNSET:
            field_dict["fail_reason"] = fail_reason
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(
        cls: type[T], src_dict: Mapping[str, Any], *, strict: bool = True
    ) -> T:
        """Check `src_dict` against the spec while building the object, in one pass.

        Raises `ValidationError` naming the field path. `strict=False` reads a wrong optional
        field as absent instead (see the `types` module).
        """
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise type_error("object", src_dict)
        additional: dict[str, Any] = {}
        known_absent = 0
        if "success" in src_dict:
            _success = src_dict["success"]
            try:
                if type(_success) is not bool:
                    raise type_error("boolean", _success)

            except ValidationError as error:
                _success = read_as_absent(
                    additional,
                    "success",
                    _success,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _success = UNSET
            known_absent += 1

        _state: str | TaskState | Unset
        if "state" in src_dict:
            _state = src_dict["state"]
            try:
                if not isinstance(_state, str):
                    raise type_error("string", _state)

            except ValidationError as error:
                _state = read_as_absent(
                    additional,
                    "state",
                    _state,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _state = UNSET
            known_absent += 1

        _status: str | TaskState | Unset
        if "status" in src_dict:
            _status = src_dict["status"]
            try:
                if not isinstance(_status, str):
                    raise type_error("string", _status)

            except ValidationError as error:
                _status = read_as_absent(
                    additional,
                    "status",
                    _status,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _status = UNSET
            known_absent += 1

        if "progress" in src_dict:
            _progress = src_dict["progress"]
            try:
                if type(_progress) is not int and type(_progress) is not float:
                    raise type_error("number", _progress)

            except ValidationError as error:
                _progress = read_as_absent(
                    additional,
                    "progress",
                    _progress,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _progress = UNSET
            known_absent += 1

        if "percent" in src_dict:
            _percent = src_dict["percent"]
            try:
                if type(_percent) is not int and type(_percent) is not float:
                    raise type_error("number", _percent)

            except ValidationError as error:
                _percent = read_as_absent(
                    additional,
                    "percent",
                    _percent,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _percent = UNSET
            known_absent += 1

        if "task_id" in src_dict:
            _task_id = src_dict["task_id"]
            try:
                if not isinstance(_task_id, str):
                    raise type_error("string", _task_id)

            except ValidationError as error:
                _task_id = read_as_absent(
                    additional,
                    "task_id",
                    _task_id,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _task_id = UNSET
            known_absent += 1

        if "video_url" in src_dict:
            _video_url = src_dict["video_url"]
            try:
                if not isinstance(_video_url, str):
                    raise type_error("string", _video_url)

            except ValidationError as error:
                _video_url = read_as_absent(
                    additional,
                    "video_url",
                    _video_url,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _video_url = UNSET
            known_absent += 1

        if "thumbnail_url" in src_dict:
            _thumbnail_url = src_dict["thumbnail_url"]
            try:
                if not isinstance(_thumbnail_url, str):
                    raise type_error("string", _thumbnail_url)

            except ValidationError as error:
                _thumbnail_url = read_as_absent(
                    additional,
                    "thumbnail_url",
                    _thumbnail_url,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _thumbnail_url = UNSET
            known_absent += 1

        if "data" in src_dict:
            _data = src_dict["data"]
            try:
                if not isinstance(_data, dict):
                    raise type_error("object", _data)
                _data = GenerationResponseData.from_dict(_data, strict=strict)

            except ValidationError as error:
                _data = read_as_absent(
                    additional,
                    "data",
                    _data,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _data = UNSET
            known_absent += 1

        if "usage" in src_dict:
            _usage = src_dict["usage"]
            try:
                if not isinstance(_usage, dict):
                    raise type_error("object", _usage)
                _usage = TaskUsage.from_dict(_usage, strict=strict)

            except ValidationError as error:
                _usage = read_as_absent(
                    additional,
                    "usage",
                    _usage,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _usage = UNSET
            known_absent += 1

        if "cost" in src_dict:
            _cost = src_dict["cost"]
            try:
                if type(_cost) is not int and type(_cost) is not float:
                    raise type_error("number", _cost)
                if strict and _cost < 0:
                    raise ValidationError("", "must be at least 0, got " + repr(_cost))

            except ValidationError as error:
                _cost = read_as_absent(
                    additional,
                    "cost",
                    _cost,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _cost = UNSET
            known_absent += 1

        if "message" in src_dict:
            _message = src_dict["message"]
            try:
                if not isinstance(_message, str):
                    raise type_error("string", _message)

            except ValidationError as error:
                _message = read_as_absent(
                    additional,
                    "message",
                    _message,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _message = UNSET
            known_absent += 1

        if "fail_reason" in src_dict:
            _fail_reason = src_dict["fail_reason"]
            try:
                if not isinstance(_fail_reason, str):
                    raise type_error("string", _fail_reason)

            except ValidationError as error:
                _fail_reason = read_as_absent(
                    additional,
                    "fail_reason",
                    _fail_reason,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _fail_reason = UNSET
            known_absent += 1

        if "error" in src_dict:
            _error = src_dict["error"]
            try:
                if isinstance(_error, str):
                    pass
                elif isinstance(_error, dict):
                    _error = ErrorDetail.from_dict(_error, strict=strict)
                else:
                    raise type_error("string or object", _error)

            except ValidationError as error:
                _error = read_as_absent(
                    additional,
                    "error",
                    _error,
                    error,
                    strict=strict,
                    owner="GenerationResponse",
                )
        else:
            _error = UNSET
            known_absent += 1

        if len(src_dict) + known_absent != 14:
            unknown = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
            unknown.update(additional)
            additional = unknown
        generation_response = cls.__new__(cls)
        generation_response.success = _success
        generation_response.state = _state
        generation_response.status = _status
        generation_response.progress = _progress
        generation_response.percent = _percent
        generation_response.task_id = _task_id
        generation_response.video_url = _video_url
        generation_response.thumbnail_url = _thumbnail_url
        generation_response.data = _data
        generation_response.usage = _usage
        generation_response.cost = _cost
        generation_response.message = _message
        generation_response.fail_reason = _fail_reason
        generation_response.error = _error
        generation_response.additional_properties = additional
        return generation_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
