from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_state import TaskState, check_task_state
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail
    from ..models.generation_response_data import GenerationResponseData
    from ..models.task_usage import TaskUsage


T = TypeVar("T", bound="GenerationResponse")


@_attrs_define
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

    success: bool | Unset = UNSET
    """ Whether the upstream call succeeded so far; `true` does not mean the video is ready. """
    state: str | TaskState | Unset = UNSET
    """ The task's state. Compare without case; other words may appear. """
    status: str | TaskState | Unset = UNSET
    """ The task's state, on records that call it `status`. Compare without case; other words may appear. """
    progress: float | Unset = UNSET
    """ How far the task has got, on records that report it (its scale is not confirmed by the provider). """
    percent: float | Unset = UNSET
    """ How far the task has got, on records that call it `percent` (its scale is not confirmed by the provider).
    """
    task_id: str | Unset = UNSET
    """ The task id again. """
    video_url: str | Unset = UNSET
    """ Older records: the video, a signed storage link that expires about 24 hours after the
    task finished (see its `Expires=` parameter).
     """
    thumbnail_url: str | Unset = UNSET
    """ A still image of the video, on records that have one. """
    data: GenerationResponseData | Unset = UNSET
    """ Newer records keep the result here. Unknown fields are valid and kept. """
    usage: TaskUsage | Unset = UNSET
    """ What the finished video is like, on newer records. Unknown fields are valid and kept. """
    cost: float | Unset = UNSET
    """ What the task cost (its unit is not confirmed by the provider). """
    message: str | Unset = UNSET
    """ Why the task failed, on records that give the reason here. """
    fail_reason: str | Unset = UNSET
    """ Why the task failed, on records that call it `fail_reason`. """
    error: ErrorDetail | str | Unset = UNSET
    """ Why the task failed; an object, or on some records a bare message. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415

        success = self.success

        state: str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, str):
            state = self.state
        else:
            state = self.state

        status: str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

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
        field_dict.update({})
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
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415
        from ..models.generation_response_data import GenerationResponseData  # noqa: PLC0415
        from ..models.task_usage import TaskUsage  # noqa: PLC0415

        d = dict(src_dict)
        success = d.pop("success", UNSET)

        def _parse_state(data: object) -> str | TaskState | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                state_type_0 = check_task_state(data)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | TaskState | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        def _parse_status(data: object) -> str | TaskState | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = check_task_state(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | TaskState | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        progress = d.pop("progress", UNSET)

        percent = d.pop("percent", UNSET)

        task_id = d.pop("task_id", UNSET)

        video_url = d.pop("video_url", UNSET)

        thumbnail_url = d.pop("thumbnail_url", UNSET)

        _data = d.pop("data", UNSET)
        data: GenerationResponseData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = GenerationResponseData.from_dict(_data)

        _usage = d.pop("usage", UNSET)
        usage: TaskUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = TaskUsage.from_dict(_usage)

        cost = d.pop("cost", UNSET)

        message = d.pop("message", UNSET)

        fail_reason = d.pop("fail_reason", UNSET)

        def _parse_error(data: object) -> ErrorDetail | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ErrorDetail.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorDetail | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        generation_response = cls(
            success=success,
            state=state,
            status=status,
            progress=progress,
            percent=percent,
            task_id=task_id,
            video_url=video_url,
            thumbnail_url=thumbnail_url,
            data=data,
            usage=usage,
            cost=cost,
            message=message,
            fail_reason=fail_reason,
            error=error,
        )

        generation_response.additional_properties = d
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
