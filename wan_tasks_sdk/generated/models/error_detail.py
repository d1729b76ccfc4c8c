from __future__ import annotations

from collections.abc import Mapping
from reprlib import recursive_repr
from typing import Any, ClassVar, TypeVar

from ..models.error_code import ErrorCode
from ..types import (
    UNSET,
    Unset,
    ValidationError,
    read_as_absent,
    type_error,
)

T = TypeVar("T", bound="ErrorDetail")

_KNOWN_KEYS: frozenset[str] = frozenset(
    (
        "code",
        "message",
    )
)
"""The keys the spec names for `ErrorDetail`: any other one is an additional property."""


class ErrorDetail:
    """A machine-readable code and a message for people."""

    __slots__ = ("code", "message", "additional_properties", "__weakref__")
    __match_args__ = ("code", "message")

    code: ErrorCode | str | Unset
    """ The error code. Compare without case; other words may appear. """
    message: str | Unset
    """ A message for people; do not parse it. """
    additional_properties: dict[str, Any]
    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(())
    """The keys every `ErrorDetail` has: a `oneOf` tries this branch only when all are present."""

    def __init__(
        self, code: ErrorCode | str | Unset = UNSET, message: str | Unset = UNSET
    ) -> None:
        self.code = code
        self.message = message
        self.additional_properties = {}

    @recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}("
            f"code={self.code!r}, "
            f"message={self.message!r}, "
            f"additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, ErrorDetail):
            return NotImplemented
        return (self.code, self.message, self.additional_properties) == (
            other.code,
            other.message,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        code: str | Unset = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message

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
        _code: ErrorCode | str | Unset
        if "code" in src_dict:
            _code = src_dict["code"]
            try:
                if not isinstance(_code, str):
                    raise type_error("string", _code)

            except ValidationError as error:
                _code = read_as_absent(
                    additional, "code", _code, error, strict=strict, owner="ErrorDetail"
                )
        else:
            _code = UNSET
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
                    owner="ErrorDetail",
                )
        else:
            _message = UNSET
            known_absent += 1

        if len(src_dict) + known_absent != 2:
            unknown = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
            unknown.update(additional)
            additional = unknown
        error_detail = cls.__new__(cls)
        error_detail.code = _code
        error_detail.message = _message
        error_detail.additional_properties = additional
        return error_detail

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
