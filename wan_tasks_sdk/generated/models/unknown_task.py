from __future__ import annotations

from collections.abc import Mapping
from reprlib import recursive_repr
from typing import Any, ClassVar, TypeVar

from ..types import (
    ValidationError,
    type_error,
)

T = TypeVar("T", bound="UnknownTask")

_KNOWN_KEYS: frozenset[str] = frozenset(())
"""The keys the spec names for `UnknownTask`: any other one is an additional property."""


class UnknownTask:
    """The answer to `retrieve` for an id the service does not know: an empty object, with
    HTTP 200.

    """

    __slots__ = ("__weakref__",)
    __match_args__ = ()

    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(())
    """The keys every `UnknownTask` has: a `oneOf` tries this branch only when all are present."""

    def __init__(self) -> None:
        pass

    @recursive_repr()
    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}()"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, UnknownTask):
            return NotImplemented
        return True

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}

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
        if len(src_dict) > 0:
            raise ValidationError(
                "", f"expected at most 0 properties, got {len(src_dict)}"
            )
        if len(src_dict) != 0:
            raise ValidationError(
                next(key for key in src_dict if key not in _KNOWN_KEYS),
                "not allowed in a UnknownTask",
            )
        unknown_task = cls.__new__(cls)
        return unknown_task
