from __future__ import annotations

from collections.abc import Mapping
from reprlib import recursive_repr
from typing import Any, ClassVar, TypeVar

from ..models.generation_request import GenerationRequest
from ..models.generation_response import GenerationResponse
from ..types import (
    UNSET,
    Unset,
    ValidationError,
    read_as_absent,
    type_error,
)

T = TypeVar("T", bound="Task")

_KNOWN_KEYS: frozenset[str] = frozenset(
    (
        "id",
        "type",
        "trace_id",
        "created_at",
        "request",
        "_id",
        "api_id",
        "application_id",
        "user_id",
        "actor_user_id",
        "credential_id",
        "authorization_id",
        "job_id",
        "started_at",
        "finished_at",
        "duration",
        "elapsed",
        "response",
    )
)
"""The keys the spec names for `Task`: any other one is an additional property."""


class Task:
    """One video-generation task. The service adds fields over time; unknown fields are valid
    and kept.

    """

    __slots__ = (
        "id",
        "type_",
        "trace_id",
        "created_at",
        "request",
        "field_id",
        "api_id",
        "application_id",
        "user_id",
        "actor_user_id",
        "credential_id",
        "authorization_id",
        "job_id",
        "started_at",
        "finished_at",
        "duration",
        "elapsed",
        "response",
        "additional_properties",
        "__weakref__",
    )
    __match_args__ = (
        "id",
        "type_",
        "trace_id",
        "created_at",
        "request",
        "field_id",
        "api_id",
        "application_id",
        "user_id",
        "actor_user_id",
        "credential_id",
        "authorization_id",
        "job_id",
        "started_at",
        "finished_at",
        "duration",
        "elapsed",
        "response",
    )

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
    field_id: str | Unset
    """ The record's storage id, such as `6974ce81ff2676299c399252`; not the task id. """
    api_id: str | Unset
    """ The id of the API the task was created through. """
    application_id: str | Unset
    """ The id of the application (the token's owner) that created the task. """
    user_id: str | Unset
    """ The id of the user who owns the task. """
    actor_user_id: None | str | Unset
    """ The id of the user who acted for the owner, if another user did. """
    credential_id: None | str | Unset
    """ The id of the credential (token) the task was created with. """
    authorization_id: None | str | Unset
    """ The id of the authorization the task was charged to, if any. """
    job_id: str | Unset
    """ The upstream model provider's own job id for the task. """
    started_at: float | Unset
    """ When processing started, in unix seconds (with a fraction). """
    finished_at: float | None | Unset
    """ When the task finished, in unix seconds; `null` or absent while it is working. """
    duration: float | Unset
    """ Older records: the processing time in seconds, from creation to finish. It is not the
    length of the video (that is `request.duration`).
     """
    elapsed: float | None | Unset
    """ In newer records, the processing time in seconds; `null` while the task is working. """
    response: GenerationResponse | Unset
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
    additional_properties: dict[str, Any]
    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(
        (
            "created_at",
            "id",
            "request",
            "trace_id",
            "type",
        )
    )
    """The keys every `Task` has: a `oneOf` tries this branch only when all are present."""

    def __init__(
        self,
        id: str,
        type_: str,
        trace_id: str,
        created_at: float,
        request: GenerationRequest,
        field_id: str | Unset = UNSET,
        api_id: str | Unset = UNSET,
        application_id: str | Unset = UNSET,
        user_id: str | Unset = UNSET,
        actor_user_id: None | str | Unset = UNSET,
        credential_id: None | str | Unset = UNSET,
        authorization_id: None | str | Unset = UNSET,
        job_id: str | Unset = UNSET,
        started_at: float | Unset = UNSET,
        finished_at: float | None | Unset = UNSET,
        duration: float | Unset = UNSET,
        elapsed: float | None | Unset = UNSET,
        response: GenerationResponse | Unset = UNSET,
    ) -> None:
        self.id = id
        self.type_ = type_
        self.trace_id = trace_id
        self.created_at = created_at
        self.request = request
        self.field_id = field_id
        self.api_id = api_id
        self.application_id = application_id
        self.user_id = user_id
        self.actor_user_id = actor_user_id
        self.credential_id = credential_id
        self.authorization_id = authorization_id
        self.job_id = job_id
        self.started_at = started_at
        self.finished_at = finished_at
        self.duration = duration
        self.elapsed = elapsed
        self.response = response
        self.additional_properties = {}

    @recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}("
            f"id={self.id!r}, "
            f"type_={self.type_!r}, "
            f"trace_id={self.trace_id!r}, "
            f"created_at={self.created_at!r}, "
            f"request={self.request!r}, "
            f"field_id={self.field_id!r}, "
            f"api_id={self.api_id!r}, "
            f"application_id={self.application_id!r}, "
            f"user_id={self.user_id!r}, "
            f"actor_user_id={self.actor_user_id!r}, "
            f"credential_id={self.credential_id!r}, "
            f"authorization_id={self.authorization_id!r}, "
            f"job_id={self.job_id!r}, "
            f"started_at={self.started_at!r}, "
            f"finished_at={self.finished_at!r}, "
            f"duration={self.duration!r}, "
            f"elapsed={self.elapsed!r}, "
            f"response={self.response!r}, "
            f"additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Task):
            return NotImplemented
        return (
            self.id,
            self.type_,
            self.trace_id,
            self.created_at,
            self.request,
            self.field_id,
            self.api_id,
            self.application_id,
            self.user_id,
            self.actor_user_id,
            self.credential_id,
            self.authorization_id,
            self.job_id,
            self.started_at,
            self.finished_at,
            self.duration,
            self.elapsed,
            self.response,
            self.additional_properties,
        ) == (
            other.id,
            other.type_,
            other.trace_id,
            other.created_at,
            other.request,
            other.field_id,
            other.api_id,
            other.application_id,
            other.user_id,
            other.actor_user_id,
            other.credential_id,
            other.authorization_id,
            other.job_id,
            other.started_at,
            other.finished_at,
            other.duration,
            other.elapsed,
            other.response,
            other.additional_properties,
        )

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

        actor_user_id: None | str | Unset = self.actor_user_id

        credential_id: None | str | Unset = self.credential_id

        authorization_id: None | str | Unset = self.authorization_id

        job_id = self.job_id

        started_at = self.started_at

        finished_at: float | None | Unset = self.finished_at

        duration = self.duration

        elapsed: float | None | Unset = self.elapsed

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
        try:
            _id = src_dict["id"]
        except KeyError:
            raise ValidationError("id", "required but missing") from None
        try:
            if not isinstance(_id, str):
                raise type_error("string", _id)

        except ValidationError as error:
            raise error.within("id") from None

        try:
            _type_ = src_dict["type"]
        except KeyError:
            raise ValidationError("type", "required but missing") from None
        try:
            if not isinstance(_type_, str):
                raise type_error("string", _type_)

        except ValidationError as error:
            raise error.within("type") from None

        try:
            _trace_id = src_dict["trace_id"]
        except KeyError:
            raise ValidationError("trace_id", "required but missing") from None
        try:
            if not isinstance(_trace_id, str):
                raise type_error("string", _trace_id)

        except ValidationError as error:
            raise error.within("trace_id") from None

        try:
            _created_at = src_dict["created_at"]
        except KeyError:
            raise ValidationError("created_at", "required but missing") from None
        try:
            if type(_created_at) is not int and type(_created_at) is not float:
                raise type_error("number", _created_at)

        except ValidationError as error:
            raise error.within("created_at") from None

        try:
            _request = src_dict["request"]
        except KeyError:
            raise ValidationError("request", "required but missing") from None
        try:
            if not isinstance(_request, dict):
                raise type_error("object", _request)
            _request = GenerationRequest.from_dict(_request, strict=strict)

        except ValidationError as error:
            raise error.within("request") from None

        if "_id" in src_dict:
            _field_id = src_dict["_id"]
            try:
                if not isinstance(_field_id, str):
                    raise type_error("string", _field_id)

            except ValidationError as error:
                _field_id = read_as_absent(
                    additional, "_id", _field_id, error, strict=strict, owner="Task"
                )
        else:
            _field_id = UNSET
            known_absent += 1

        if "api_id" in src_dict:
            _api_id = src_dict["api_id"]
            try:
                if not isinstance(_api_id, str):
                    raise type_error("string", _api_id)

            except ValidationError as error:
                _api_id = read_as_absent(
                    additional, "api_id", _api_id, error, strict=strict, owner="Task"
                )
        else:
            _api_id = UNSET
            known_absent += 1

        if "application_id" in src_dict:
            _application_id = src_dict["application_id"]
            try:
                if not isinstance(_application_id, str):
                    raise type_error("string", _application_id)

            except ValidationError as error:
                _application_id = read_as_absent(
                    additional,
                    "application_id",
                    _application_id,
                    error,
                    strict=strict,
                    owner="Task",
                )
        else:
            _application_id = UNSET
            known_absent += 1

        if "user_id" in src_dict:
            _user_id = src_dict["user_id"]
            try:
                if not isinstance(_user_id, str):
                    raise type_error("string", _user_id)

            except ValidationError as error:
                _user_id = read_as_absent(
                    additional, "user_id", _user_id, error, strict=strict, owner="Task"
                )
        else:
            _user_id = UNSET
            known_absent += 1

        if "actor_user_id" in src_dict:
            _actor_user_id = src_dict["actor_user_id"]
            try:
                if _actor_user_id is None:
                    pass
                elif isinstance(_actor_user_id, str):
                    pass
                else:
                    raise type_error("null or string", _actor_user_id)

            except ValidationError as error:
                _actor_user_id = read_as_absent(
                    additional,
                    "actor_user_id",
                    _actor_user_id,
                    error,
                    strict=strict,
                    owner="Task",
                )
        else:
            _actor_user_id = UNSET
            known_absent += 1

        if "credential_id" in src_dict:
            _credential_id = src_dict["credential_id"]
            try:
                if _credential_id is None:
                    pass
                elif isinstance(_credential_id, str):
                    pass
                else:
                    raise type_error("null or string", _credential_id)

            except ValidationError as error:
                _credential_id = read_as_absent(
                    additional,
                    "credential_id",
                    _credential_id,
                    error,
                    strict=strict,
                    owner="Task",
                )
        else:
            _credential_id = UNSET
            known_absent += 1

        if "authorization_id" in src_dict:
            _authorization_id = src_dict["authorization_id"]
            try:
                if _authorization_id is None:
                    pass
                elif isinstance(_authorization_id, str):
                    pass
                else:
                    raise type_error("null or string", _authorization_id)

            except ValidationError as error:
                _authorization_id = read_as_absent(
                    additional,
                    "authorization_id",
                    _authorization_id,
                    error,
                    strict=strict,
                    owner="Task",
                )
        else:
            _authorization_id = UNSET
            known_absent += 1

        if "job_id" in src_dict:
            _job_id = src_dict["job_id"]
            try:
                if not isinstance(_job_id, str):
                    raise type_error("string", _job_id)

            except ValidationError as error:
                _job_id = read_as_absent(
                    additional, "job_id", _job_id, error, strict=strict, owner="Task"
                )
        else:
            _job_id = UNSET
            known_absent += 1

        if "started_at" in src_dict:
            _started_at = src_dict["started_at"]
            try:
                if type(_started_at) is not int and type(_started_at) is not float:
                    raise type_error("number", _started_at)

            except ValidationError as error:
                _started_at = read_as_absent(
                    additional,
                    "started_at",
                    _started_at,
                    error,
                    strict=strict,
                    owner="Task",
                )
        else:
            _started_at = UNSET
            known_absent += 1

        if "finished_at" in src_dict:
            _finished_at = src_dict["finished_at"]
            try:
                if _finished_at is None:
                    pass
                elif type(_finished_at) is int or type(_finished_at) is float:
                    pass
                else:
                    raise type_error("null or number", _finished_at)

            except ValidationError as error:
                _finished_at = read_as_absent(
                    additional,
                    "finished_at",
                    _finished_at,
                    error,
                    strict=strict,
                    owner="Task",
                )
        else:
            _finished_at = UNSET
            known_absent += 1

        if "duration" in src_dict:
            _duration = src_dict["duration"]
            try:
                if type(_duration) is not int and type(_duration) is not float:
                    raise type_error("number", _duration)
                if strict and _duration < 0:
                    raise ValidationError(
                        "", "must be at least 0, got " + repr(_duration)
                    )

            except ValidationError as error:
                _duration = read_as_absent(
                    additional,
                    "duration",
                    _duration,
                    error,
                    strict=strict,
                    owner="Task",
                )
        else:
            _duration = UNSET
            known_absent += 1

        if "elapsed" in src_dict:
            _elapsed = src_dict["elapsed"]
            try:
                if _elapsed is None:
                    pass
                elif type(_elapsed) is int or type(_elapsed) is float:
                    if strict and _elapsed < 0:
                        raise ValidationError(
                            "", "must be at least 0, got " + repr(_elapsed)
                        )
                else:
                    raise type_error("null or number", _elapsed)

            except ValidationError as error:
                _elapsed = read_as_absent(
                    additional, "elapsed", _elapsed, error, strict=strict, owner="Task"
                )
        else:
            _elapsed = UNSET
            known_absent += 1

        if "response" in src_dict:
            _response = src_dict["response"]
            try:
                if not isinstance(_response, dict):
                    raise type_error("object", _response)
                _response = GenerationResponse.from_dict(_response, strict=strict)

            except ValidationError as error:
                _response = read_as_absent(
                    additional,
                    "response",
                    _response,
                    error,
                    strict=strict,
                    owner="Task",
                )
        else:
            _response = UNSET
            known_absent += 1

        if len(src_dict) + known_absent != 18:
            unknown = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
            unknown.update(additional)
            additional = unknown
        task = cls.__new__(cls)
        task.id = _id
        task.type_ = _type_
        task.trace_id = _trace_id
        task.created_at = _created_at
        task.request = _request
        task.field_id = _field_id
        task.api_id = _api_id
        task.application_id = _application_id
        task.user_id = _user_id
        task.actor_user_id = _actor_user_id
        task.credential_id = _credential_id
        task.authorization_id = _authorization_id
        task.job_id = _job_id
        task.started_at = _started_at
        task.finished_at = _finished_at
        task.duration = _duration
        task.elapsed = _elapsed
        task.response = _response
        task.additional_properties = additional
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
