from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.generation_request import GenerationRequest
    from ..models.generation_response import GenerationResponse


T = TypeVar("T", bound="Task")


@_attrs_define
class Task:
    """One video-generation task. The service adds fields over time; unknown fields are valid
    and kept.

    """

    id: str
    """ The task id, as returned by the Wan Videos Generation API. """
    type_: str
    """ The kind of task; `videos` for video generation. Other values may appear. """
    trace_id: str
    """ The trace id of the request that created the task; quote it to support. `retrieve`
    can look the task up by it (not confirmed for Wan).
     """
    created_at: float
    """ When the task was created, in unix seconds (with a fraction). """
    request: GenerationRequest
    """ The body the task was created with, sent to the Wan Videos Generation API. It echoes
    whatever its creator sent: the fields below are the known ones, others are valid and
    kept, and on rare records a field may carry another type than the one described.
     """
    field_id: str | Unset = UNSET
    """ The record's storage id, such as `6974ce81ff2676299c399252`; not the task id. """
    api_id: str | Unset = UNSET
    """ The id of the API the task was created through. """
    application_id: str | Unset = UNSET
    """ The id of the application (the token's owner) that created the task. """
    user_id: str | Unset = UNSET
    """ The id of the user who owns the task. """
    actor_user_id: None | str | Unset = UNSET
    """ The id of the user who acted for the owner, if another user did. """
    credential_id: None | str | Unset = UNSET
    """ The id of the credential (token) the task was created with. """
    authorization_id: None | str | Unset = UNSET
    """ The id of the authorization the task was charged to, if any. """
    job_id: str | Unset = UNSET
    """ The upstream model provider's own job id for the task. """
    started_at: float | Unset = UNSET
    """ When processing started, in unix seconds (with a fraction). """
    finished_at: float | None | Unset = UNSET
    """ When the task finished, in unix seconds; `null` or absent while it is working. """
    duration: float | Unset = UNSET
    """ Older records: the processing time in seconds, from creation to finish. It is not the
    length of the video (that is `request.duration`).
     """
    elapsed: float | None | Unset = UNSET
    """ In newer records, the processing time in seconds; `null` while the task is working. """
    response: GenerationResponse | Unset = UNSET
    """ What the upstream model answered, as the service last saw it; the same data the
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        trace_id = self.trace_id

        created_at = self.created_at

        request = self.request.to_dict()

        field_id = self.field_id

        api_id = self.api_id

        application_id = self.application_id

        user_id = self.user_id

        actor_user_id: None | str | Unset
        if isinstance(self.actor_user_id, Unset):
            actor_user_id = UNSET
        else:
            actor_user_id = self.actor_user_id

        credential_id: None | str | Unset
        if isinstance(self.credential_id, Unset):
            credential_id = UNSET
        else:
            credential_id = self.credential_id

        authorization_id: None | str | Unset
        if isinstance(self.authorization_id, Unset):
            authorization_id = UNSET
        else:
            authorization_id = self.authorization_id

        job_id = self.job_id

        started_at = self.started_at

        finished_at: float | None | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        else:
            finished_at = self.finished_at

        duration = self.duration

        elapsed: float | None | Unset
        if isinstance(self.elapsed, Unset):
            elapsed = UNSET
        else:
            elapsed = self.elapsed

        response: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response, Unset):
            response = self.response.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "trace_id": trace_id,
                "created_at": created_at,
                "request": request,
            }
        )
        if field_id is not UNSET:
            field_dict["_id"] = field_id
        if api_id is not UNSET:
            field_dict["api_id"] = api_id
        if application_id is not UNSET:
            field_dict["application_id"] = application_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if actor_user_id is not UNSET:
            field_dict["actor_user_id"] = actor_user_id
        if credential_id is not UNSET:
            field_dict["credential_id"] = credential_id
        if authorization_id is not UNSET:
            field_dict["authorization_id"] = authorization_id
        if job_id is not UNSET:
            field_dict["job_id"] = job_id
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if duration is not UNSET:
            field_dict["duration"] = duration
        if elapsed is not UNSET:
            field_dict["elapsed"] = elapsed
        if response is not UNSET:
            field_dict["response"] = response

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.generation_request import GenerationRequest  # noqa: PLC0415
        from ..models.generation_response import GenerationResponse  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = d.pop("type")

        trace_id = d.pop("trace_id")

        created_at = d.pop("created_at")

        request = GenerationRequest.from_dict(d.pop("request"))

        field_id = d.pop("_id", UNSET)

        api_id = d.pop("api_id", UNSET)

        application_id = d.pop("application_id", UNSET)

        user_id = d.pop("user_id", UNSET)

        def _parse_actor_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_user_id = _parse_actor_user_id(d.pop("actor_user_id", UNSET))

        def _parse_credential_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        credential_id = _parse_credential_id(d.pop("credential_id", UNSET))

        def _parse_authorization_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        authorization_id = _parse_authorization_id(d.pop("authorization_id", UNSET))

        job_id = d.pop("job_id", UNSET)

        started_at = d.pop("started_at", UNSET)

        def _parse_finished_at(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        duration = d.pop("duration", UNSET)

        def _parse_elapsed(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        elapsed = _parse_elapsed(d.pop("elapsed", UNSET))

        _response = d.pop("response", UNSET)
        response: GenerationResponse | Unset
        if isinstance(_response, Unset):
            response = UNSET
        else:
            response = GenerationResponse.from_dict(_response)

        task = cls(
            id=id,
            type_=type_,
            trace_id=trace_id,
            created_at=created_at,
            request=request,
            field_id=field_id,
            api_id=api_id,
            application_id=application_id,
            user_id=user_id,
            actor_user_id=actor_user_id,
            credential_id=credential_id,
            authorization_id=authorization_id,
            job_id=job_id,
            started_at=started_at,
            finished_at=finished_at,
            duration=duration,
            elapsed=elapsed,
            response=response,
        )

        task.additional_properties = d
        return task

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
