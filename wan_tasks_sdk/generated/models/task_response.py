from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_state import TaskState, check_task_state
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail
    from ..models.task_response_data import TaskResponseData
    from ..models.task_usage import TaskUsage


T = TypeVar("T", bound="TaskResponse")


@_attrs_define
class TaskResponse:
    """What the upstream model answered, as the service last saw it. Absent while the task is
    waiting to start. The task is still working while `state` is `pending`, `queued`,
    `processing` or `running` (even if `success` is already `true`); it failed when `state` is
    `failed`, `cancelled` or `canceled`, when `success` is `false`, or when `error` is set; it
    completed when `state` is `completed` or `succeeded` **and** a video URL is present, in
    `video_url` (older records) or `data.video_url` (newer records). The upstream provider's
    own words (`PENDING`, `RUNNING`, `SUSPENDED`, `SUCCEEDED`, `FAILED`, `CANCELED`, `UNKNOWN`)
    can appear in `state`, in any case. Unknown fields are valid and kept.

    """

    success: bool | Unset = UNSET
    """ Whether the upstream call succeeded so far; `true` does not mean the video is ready. """
    state: str | TaskState | Unset = UNSET
    """ The task's state; compare it without regard to case. Other values may appear. """
    task_id: str | Unset = UNSET
    """ The task id again. """
    video_url: str | Unset = UNSET
    """ Older records: the video, a signed storage link that expires about 24 hours after the
    task finished (see its `Expires=` parameter).
     """
    thumbnail_url: str | Unset = UNSET
    """ A still image of the video, on records that have one. """
    data: TaskResponseData | Unset = UNSET
    """ Newer records keep the result here. Unknown fields are valid and kept. """
    usage: TaskUsage | Unset = UNSET
    """ What the finished video is like, on newer records. Unknown fields are valid and kept. """
    cost: float | Unset = UNSET
    """ What the task cost, in the account's credits. """
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
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415
        from ..models.task_response_data import TaskResponseData  # noqa: PLC0415
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

        task_id = d.pop("task_id", UNSET)

        video_url = d.pop("video_url", UNSET)

        thumbnail_url = d.pop("thumbnail_url", UNSET)

        _data = d.pop("data", UNSET)
        data: TaskResponseData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = TaskResponseData.from_dict(_data)

        _usage = d.pop("usage", UNSET)
        usage: TaskUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = TaskUsage.from_dict(_usage)

        cost = d.pop("cost", UNSET)

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

        task_response = cls(
            success=success,
            state=state,
            task_id=task_id,
            video_url=video_url,
            thumbnail_url=thumbnail_url,
            data=data,
            usage=usage,
            cost=cost,
            error=error,
        )

        task_response.additional_properties = d
        return task_response

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
