from __future__ import annotations

from collections.abc import Mapping
from reprlib import recursive_repr
from typing import Any, ClassVar, Literal, TypeVar

from ..types import (
    UNSET,
    Unset,
    ValidationError,
    read_as_absent,
    type_error,
)

T = TypeVar("T", bound="RetrieveBatchRequest")

_KNOWN_KEYS: frozenset[str] = frozenset(
    (
        "action",
        "ids",
        "trace_ids",
        "type",
        "application_id",
        "user_id",
        "limit",
        "offset",
        "created_at_min",
        "created_at_max",
    )
)
"""The keys the spec names for `RetrieveBatchRequest`: any other one is an additional property."""


class RetrieveBatchRequest:
    """With `ids` (or `trace_ids`): retrieve those tasks. The provider recommends at most 50
    per request. The answer lists the tasks it knows, in no promised order; an unknown id is
    left out, and a repeated id may give a repeated item. The filters narrow the answer.

    Without `ids` and `trace_ids`: list your tasks, newest first, chosen by the filters;
    this is how the provider's web app pages through a user's tasks. `count` in the answer
    is the number of tasks that match, not the number on this page. To page through many
    tasks, either move `offset` forward by `limit`, or keep `offset` at 0 and move
    `created_at_max` back to the oldest `created_at` seen (which is stable while new tasks
    arrive).

    An empty `ids` (or `trace_ids`) is refused: it never means "all tasks".

    """

    __slots__ = (
        "action",
        "ids",
        "trace_ids",
        "type_",
        "application_id",
        "user_id",
        "limit",
        "offset",
        "created_at_min",
        "created_at_max",
        "additional_properties",
        "__weakref__",
    )
    __match_args__ = (
        "action",
        "ids",
        "trace_ids",
        "type_",
        "application_id",
        "user_id",
        "limit",
        "offset",
        "created_at_min",
        "created_at_max",
    )

    action: Literal["retrieve_batch"]
    """ Always `retrieve_batch`. """
    ids: list[str] | Unset
    """ The task ids to retrieve. Leave it out to list your tasks instead. """
    trace_ids: list[str] | Unset
    """ Instead of `ids`: the trace ids of the requests that created the tasks. Not
    confirmed for Wan: the platform's other tasks endpoints accept it.
     """
    type_: str | Unset
    """ Only tasks of this type (`videos` for video generation). """
    application_id: str | Unset
    """ Only tasks created through this application. """
    user_id: str | Unset
    """ Only tasks of this user. """
    limit: int | Unset
    """ At most this many tasks in the answer. Without it, a request by `ids` answers every
    task it finds, and a listing answers a page of a size the service chooses. The
    largest value the service accepts is not confirmed by the provider.
     """
    offset: int | Unset
    """ Skip this many matching tasks, newest first; none when absent. """
    created_at_min: float | Unset
    """ Only tasks created at or after this time, in unix seconds. """
    created_at_max: float | Unset
    """ Only tasks created at or before this time, in unix seconds. """
    additional_properties: dict[str, Any]
    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(("action",))
    """The keys every `RetrieveBatchRequest` has: a `oneOf` tries this branch only when all are present."""

    def __init__(
        self,
        action: Literal["retrieve_batch"],
        ids: list[str] | Unset = UNSET,
        trace_ids: list[str] | Unset = UNSET,
        type_: str | Unset = UNSET,
        application_id: str | Unset = UNSET,
        user_id: str | Unset = UNSET,
        limit: int | Unset = UNSET,
        offset: int | Unset = UNSET,
        created_at_min: float | Unset = UNSET,
        created_at_max: float | Unset = UNSET,
    ) -> None:
        self.action = action
        self.ids = ids
        self.trace_ids = trace_ids
        self.type_ = type_
        self.application_id = application_id
        self.user_id = user_id
        self.limit = limit
        self.offset = offset
        self.created_at_min = created_at_min
        self.created_at_max = created_at_max
        self.additional_properties = {}

    @recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}("
            f"action={self.action!r}, "
            f"ids={self.ids!r}, "
            f"trace_ids={self.trace_ids!r}, "
            f"type_={self.type_!r}, "
            f"application_id={self.application_id!r}, "
            f"user_id={self.user_id!r}, "
            f"limit={self.limit!r}, "
            f"offset={self.offset!r}, "
            f"created_at_min={self.created_at_min!r}, "
            f"created_at_max={self.created_at_max!r}, "
            f"additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, RetrieveBatchRequest
        ):
            return NotImplemented
        return (
            self.action,
            self.ids,
            self.trace_ids,
            self.type_,
            self.application_id,
            self.user_id,
            self.limit,
            self.offset,
            self.created_at_min,
            self.created_at_max,
            self.additional_properties,
        ) == (
            other.action,
            other.ids,
            other.trace_ids,
            other.type_,
            other.application_id,
            other.user_id,
            other.limit,
            other.offset,
            other.created_at_min,
            other.created_at_max,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        ids: list[str] | Unset = UNSET
        if not isinstance(self.ids, Unset):
            ids = self.ids

        trace_ids: list[str] | Unset = UNSET
        if not isinstance(self.trace_ids, Unset):
            trace_ids = self.trace_ids

        type_ = self.type_

        application_id = self.application_id

        user_id = self.user_id

        limit = self.limit

        offset = self.offset

        created_at_min = self.created_at_min

        created_at_max = self.created_at_max

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
            }
        )
        if ids is not UNSET:
            field_dict["ids"] = ids
        if trace_ids is not UNSET:
            field_dict["trace_ids"] = trace_ids
        if type_ is not UNSET:
            field_dict["type"] = type_
        if application_id is not UNSET:
            field_dict["application_id"] = application_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if limit is not UNSET:
            field_dict["limit"] = limit
        if offset is not UNSET:
            field_dict["offset"] = offset
        if created_at_min is not UNSET:
            field_dict["created_at_min"] = created_at_min
        if created_at_max is not UNSET:
            field_dict["created_at_max"] = created_at_max

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
        _action: Literal["retrieve_batch"]
        try:
            _action = src_dict["action"]
        except KeyError:
            raise ValidationError("action", "required but missing") from None
        try:
            if not isinstance(_action, str):
                raise type_error("string", _action)
            if _action != "retrieve_batch":
                raise ValidationError(
                    "",
                    "expected one of "
                    + repr(sorted(("retrieve_batch",)))
                    + ", got "
                    + repr(_action),
                )

        except ValidationError as error:
            raise error.within("action") from None

        if "ids" in src_dict:
            _ids = src_dict["ids"]
            try:
                if not isinstance(_ids, list):
                    raise type_error("array", _ids)
                if strict and len(_ids) < 1:
                    raise ValidationError(
                        "", f"expected at least 1 item(s), got {len(_ids)}"
                    )
                _ids_items: list[Any] = []
                for _ids_index, _ids_item in enumerate(_ids):
                    try:
                        if not isinstance(_ids_item, str):
                            raise type_error("string", _ids_item)
                        if strict and len(_ids_item) < 1:
                            raise ValidationError(
                                "",
                                f"expected at least 1 character(s), got {len(_ids_item)}",
                            )

                    except ValidationError as error:
                        raise error.within(f"[{_ids_index}]") from None
                    _ids_items.append(_ids_item)
                _ids = _ids_items

            except ValidationError as error:
                _ids = read_as_absent(
                    additional,
                    "ids",
                    _ids,
                    error,
                    strict=strict,
                    owner="RetrieveBatchRequest",
                )
        else:
            _ids = UNSET
            known_absent += 1

        if "trace_ids" in src_dict:
            _trace_ids = src_dict["trace_ids"]
            try:
                if not isinstance(_trace_ids, list):
                    raise type_error("array", _trace_ids)
                if strict and len(_trace_ids) < 1:
                    raise ValidationError(
                        "", f"expected at least 1 item(s), got {len(_trace_ids)}"
                    )
                _trace_ids_items: list[Any] = []
                for _trace_ids_index, _trace_ids_item in enumerate(_trace_ids):
                    try:
                        if not isinstance(_trace_ids_item, str):
                            raise type_error("string", _trace_ids_item)
                        if strict and len(_trace_ids_item) < 1:
                            raise ValidationError(
                                "",
                                f"expected at least 1 character(s), got {len(_trace_ids_item)}",
                            )

                    except ValidationError as error:
                        raise error.within(f"[{_trace_ids_index}]") from None
                    _trace_ids_items.append(_trace_ids_item)
                _trace_ids = _trace_ids_items

            except ValidationError as error:
                _trace_ids = read_as_absent(
                    additional,
                    "trace_ids",
                    _trace_ids,
                    error,
                    strict=strict,
                    owner="RetrieveBatchRequest",
                )
        else:
            _trace_ids = UNSET
            known_absent += 1

        if "type" in src_dict:
            _type_ = src_dict["type"]
            try:
                if not isinstance(_type_, str):
                    raise type_error("string", _type_)
                if strict and len(_type_) < 1:
                    raise ValidationError(
                        "", f"expected at least 1 character(s), got {len(_type_)}"
                    )

            except ValidationError as error:
                _type_ = read_as_absent(
                    additional,
                    "type",
                    _type_,
                    error,
                    strict=strict,
                    owner="RetrieveBatchRequest",
                )
        else:
            _type_ = UNSET
            known_absent += 1

        if "application_id" in src_dict:
            _application_id = src_dict["application_id"]
            try:
                if not isinstance(_application_id, str):
                    raise type_error("string", _application_id)
                if strict and len(_application_id) < 1:
                    raise ValidationError(
                        "",
                        f"expected at least 1 character(s), got {len(_application_id)}",
                    )

            except ValidationError as error:
                _application_id = read_as_absent(
                    additional,
                    "application_id",
                    _application_id,
                    error,
                    strict=strict,
                    owner="RetrieveBatchRequest",
                )
        else:
            _application_id = UNSET
            known_absent += 1

        if "user_id" in src_dict:
            _user_id = src_dict["user_id"]
            try:
                if not isinstance(_user_id, str):
                    raise type_error("string", _user_id)
                if strict and len(_user_id) < 1:
                    raise ValidationError(
                        "", f"expected at least 1 character(s), got {len(_user_id)}"
                    )

            except ValidationError as error:
                _user_id = read_as_absent(
                    additional,
                    "user_id",
                    _user_id,
                    error,
                    strict=strict,
                    owner="RetrieveBatchRequest",
                )
        else:
            _user_id = UNSET
            known_absent += 1

        if "limit" in src_dict:
            _limit = src_dict["limit"]
            try:
                if type(_limit) is not int and type(_limit) is not float:
                    raise type_error("integer", _limit)
                if type(_limit) is float:
                    if not _limit.is_integer():
                        raise ValidationError(
                            "", "expected integer, got " + repr(_limit)
                        )
                    _limit = int(_limit)
                if strict and _limit < 1:
                    raise ValidationError("", "must be at least 1, got " + repr(_limit))

            except ValidationError as error:
                _limit = read_as_absent(
                    additional,
                    "limit",
                    _limit,
                    error,
                    strict=strict,
                    owner="RetrieveBatchRequest",
                )
        else:
            _limit = UNSET
            known_absent += 1

        if "offset" in src_dict:
            _offset = src_dict["offset"]
            try:
                if type(_offset) is not int and type(_offset) is not float:
                    raise type_error("integer", _offset)
                if type(_offset) is float:
                    if not _offset.is_integer():
                        raise ValidationError(
                            "", "expected integer, got " + repr(_offset)
                        )
                    _offset = int(_offset)
                if strict and _offset < 0:
                    raise ValidationError(
                        "", "must be at least 0, got " + repr(_offset)
                    )

            except ValidationError as error:
                _offset = read_as_absent(
                    additional,
                    "offset",
                    _offset,
                    error,
                    strict=strict,
                    owner="RetrieveBatchRequest",
                )
        else:
            _offset = UNSET
            known_absent += 1

        if "created_at_min" in src_dict:
            _created_at_min = src_dict["created_at_min"]
            try:
                if (
                    type(_created_at_min) is not int
                    and type(_created_at_min) is not float
                ):
                    raise type_error("number", _created_at_min)
                if strict and _created_at_min < 0:
                    raise ValidationError(
                        "", "must be at least 0, got " + repr(_created_at_min)
                    )

            except ValidationError as error:
                _created_at_min = read_as_absent(
                    additional,
                    "created_at_min",
                    _created_at_min,
                    error,
                    strict=strict,
                    owner="RetrieveBatchRequest",
                )
        else:
            _created_at_min = UNSET
            known_absent += 1

        if "created_at_max" in src_dict:
            _created_at_max = src_dict["created_at_max"]
            try:
                if (
                    type(_created_at_max) is not int
                    and type(_created_at_max) is not float
                ):
                    raise type_error("number", _created_at_max)
                if strict and _created_at_max < 0:
                    raise ValidationError(
                        "", "must be at least 0, got " + repr(_created_at_max)
                    )

            except ValidationError as error:
                _created_at_max = read_as_absent(
                    additional,
                    "created_at_max",
                    _created_at_max,
                    error,
                    strict=strict,
                    owner="RetrieveBatchRequest",
                )
        else:
            _created_at_max = UNSET
            known_absent += 1

        if len(src_dict) + known_absent != 10:
            unknown = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
            unknown.update(additional)
            additional = unknown
        retrieve_batch_request = cls.__new__(cls)
        retrieve_batch_request.action = _action
        retrieve_batch_request.ids = _ids
        retrieve_batch_request.trace_ids = _trace_ids
        retrieve_batch_request.type_ = _type_
        retrieve_batch_request.application_id = _application_id
        retrieve_batch_request.user_id = _user_id
        retrieve_batch_request.limit = _limit
        retrieve_batch_request.offset = _offset
        retrieve_batch_request.created_at_min = _created_at_min
        retrieve_batch_request.created_at_max = _created_at_max
        retrieve_batch_request.additional_properties = additional
        return retrieve_batch_request

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
