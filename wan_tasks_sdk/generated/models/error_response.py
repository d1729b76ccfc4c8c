from __future__ import annotations

from collections.abc import Mapping
from reprlib import recursive_repr
from typing import Any, ClassVar, TypeVar

from ..models.error_detail import ErrorDetail
from ..types import (
    UNSET,
    Unset,
    ValidationError,
    read_as_absent,
    type_error,
)

T = TypeVar("T", bound="ErrorResponse")

_KNOWN_KEYS: frozenset[str] = frozenset(
    (
        "error",
        "success",
        "trace_id",
    )
)
"""The keys the spec names for `ErrorResponse`: any other one is an additional property."""


class ErrorResponse:
    """The body of every error answer from the service. `success` may be missing, and `error`
    may be a bare message instead of an object.

    """

    __slots__ = ("error", "success", "trace_id", "additional_properties", "__weakref__")
    __match_args__ = ("error", "success", "trace_id")

    error: ErrorDetail | str
    """ What went wrong. """
    success: bool | Unset
    """ Always `false` when present. """
    trace_id: str | Unset
    """ The request's trace id; quote it to support. """
    additional_properties: dict[str, Any]
    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(("error",))
    """The keys every `ErrorResponse` has: a `oneOf` tries this branch only when all are present."""

    def __init__(
        self,
        error: ErrorDetail | str,
        success: bool | Unset = UNSET,
        trace_id: str | Unset = UNSET,
    ) -> None:
        self.error = error
        self.success = success
        self.trace_id = trace_id
        self.additional_properties = {}

    @recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}("
            f"error={self.error!r}, "
            f"success={self.success!r}, "
            f"trace_id={self.trace_id!r}, "
            f"additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, ErrorResponse
        ):
            return NotImplemented
        return (
            self.error,
            self.success,
            self.trace_id,
            self.additional_properties,
        ) == (other.error, other.success, other.trace_id, other.additional_properties)

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] | str
        if isinstance(self.error, ErrorDetail):
            error = self.error.to_dict()
        else:
            error = self.error

        success = self.success

        trace_id = self.trace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if success is not UNSET:
            field_dict["success"] = success
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
        additional: dict[str, Any] = {}
        known_absent = 0
        try:
            _error = src_dict["error"]
        except KeyError:
            raise ValidationError("error", "required but missing") from None
        try:
            if isinstance(_error, str):
                pass
            elif isinstance(_error, dict):
                _error = ErrorDetail.from_dict(_error, strict=strict)
            else:
                raise type_error("string or object", _error)

        except ValidationError as error:
            raise error.within("error") from None

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
                    owner="ErrorResponse",
                )
        else:
            _success = UNSET
            known_absent += 1

        if "trace_id" in src_dict:
            _trace_id = src_dict["trace_id"]
            try:
                if not isinstance(_trace_id, str):
                    raise type_error("string", _trace_id)

            except ValidationError as error:
                _trace_id = read_as_absent(
                    additional,
                    "trace_id",
                    _trace_id,
                    error,
                    strict=strict,
                    owner="ErrorResponse",
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
        error_response = cls.__new__(cls)
        error_response.error = _error
        error_response.success = _success
        error_response.trace_id = _trace_id
        error_response.additional_properties = additional
        return error_response

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
