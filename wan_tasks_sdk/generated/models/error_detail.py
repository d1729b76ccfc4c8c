from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode
from ..types import (
    UNSET,
    Unset,
    ValidationError,
    read_as_absent,
    type_error,
)

T = TypeVar("T", bound="ErrorDetail")


@_attrs_define
class ErrorDetail:
    """A machine-readable code and a message for people."""

    code: ErrorCode | str | Unset = UNSET
    """ The error code. Compare without case; other words may appear. """
    message: str | Unset = UNSET
    """ A message for people; do not parse it. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(())
    """The keys every `ErrorDetail` has: a `oneOf` tries this branch only when all are present."""

    def to_dict(self) -> dict[str, Any]:
        code: str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        elif isinstance(self.code, str):
            code = self.code
        else:
            code = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
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
        d = dict(src_dict)
        _code = d.pop("code", UNSET)
        if _code is not UNSET:
            try:
                if not isinstance(_code, str):
                    raise type_error("string", _code)

            except ValidationError as error:
                _code = read_as_absent(
                    d, "code", _code, error, strict=strict, owner="ErrorDetail"
                )

        _message = d.pop("message", UNSET)
        if _message is not UNSET:
            try:
                if not isinstance(_message, str):
                    raise type_error("string", _message)

            except ValidationError as error:
                _message = read_as_absent(
                    d, "message", _message, error, strict=strict, owner="ErrorDetail"
                )

        error_detail = cls.__new__(cls)
        error_detail.code = cast(Any, _code)
        error_detail.message = _message
        error_detail.additional_properties = d
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
