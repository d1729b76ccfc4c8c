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

T = TypeVar("T", bound="RetrieveRequest")

_KNOWN_KEYS: frozenset[str] = frozenset(
    (
        "action",
        "id",
        "trace_id",
    )
)
"""The keys the spec names for `RetrieveRequest`: any other one is an additional property."""


class RetrieveRequest:
    """Retrieve one task, by its task id (`id`) or by the trace id of the request that created
    it (`trace_id`). Send one of the two; without `id`, `trace_id` is required.

    """

    __slots__ = ("action", "id", "trace_id", "additional_properties", "__weakref__")
    __match_args__ = ("action", "id", "trace_id")

    action: Literal["retrieve"]
    """ Always `retrieve`. """
    id: str | Unset
    """ The task id returned by the Wan Videos Generation API (`task_id`). """
    trace_id: str | Unset
    """ Instead of `id`: the trace id of the request that created the task (the task's
    `trace_id`). Not confirmed for Wan: the platform's other tasks endpoints accept it.
     """
    additional_properties: dict[str, Any]
    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(("action",))
    """The keys every `RetrieveRequest` has: a `oneOf` tries this branch only when all are present."""

    def __init__(
        self,
        action: Literal["retrieve"],
        id: str | Unset = UNSET,
        trace_id: str | Unset = UNSET,
    ) -> None:
        self.action = action
        self.id = id
        self.trace_id = trace_id
        self.additional_properties = {}

    @recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}("
            f"action={self.action!r}, "
            f"id={self.id!r}, "
            f"trace_id={self.trace_id!r}, "
            f"additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, RetrieveRequest
        ):
            return NotImplemented
        return (self.action, self.id, self.trace_id, self.additional_properties) == (
            other.action,
            other.id,
            other.trace_id,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        id = self.id

        trace_id = self.trace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if trace_id is not UNSET:
            field_dict["trace_id"] = trace_id

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
        if "id" in src_dict and (isinstance(src_dict["id"], str)):
            pass

        else:
            if "trace_id" not in src_dict:
                raise ValidationError("trace_id", "required but missing")
            if "trace_id" in src_dict and not (isinstance(src_dict["trace_id"], str)):
                raise type_error("string", src_dict["trace_id"]).within("trace_id")

        additional: dict[str, Any] = {}
        known_absent = 0
        _action: Literal["retrieve"]
        try:
            _action = src_dict["action"]
        except KeyError:
            raise ValidationError("action", "required but missing") from None
        try:
            if not isinstance(_action, str):
                raise type_error("string", _action)
            if _action != "retrieve":
                raise ValidationError(
                    "",
                    "expected one of "
                    + repr(sorted(("retrieve",)))
                    + ", got "
                    + repr(_action),
                )

        except ValidationError as error:
            raise error.within("action") from None

        if "id" in src_dict:
            _id = src_dict["id"]
            try:
                if not isinstance(_id, str):
                    raise type_error("string", _id)
                if strict and len(_id) < 1:
                    raise ValidationError(
                        "", f"expected at least 1 character(s), got {len(_id)}"
                    )

            except ValidationError as error:
                _id = read_as_absent(
                    additional, "id", _id, error, strict=strict, owner="RetrieveRequest"
                )
        else:
            _id = UNSET
            known_absent += 1

        if "trace_id" in src_dict:
            _trace_id = src_dict["trace_id"]
            try:
                if not isinstance(_trace_id, str):
                    raise type_error("string", _trace_id)
                if strict and len(_trace_id) < 1:
                    raise ValidationError(
                        "", f"expected at least 1 character(s), got {len(_trace_id)}"
                    )

            except ValidationError as error:
                _trace_id = read_as_absent(
                    additional,
                    "trace_id",
                    _trace_id,
                    error,
                    strict=strict,
                    owner="RetrieveRequest",
                )
        else:
            _trace_id = UNSET
            known_absent += 1

        if len(src_dict) + known_absent != 3:
            unknown = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
            unknown.update(additional)
            additional = unknown
        retrieve_request = cls.__new__(cls)
        retrieve_request.action = _action
        retrieve_request.id = _id
        retrieve_request.trace_id = _trace_id
        retrieve_request.additional_properties = additional
        return retrieve_request

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
