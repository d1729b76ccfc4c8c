from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UnknownTask")


@_attrs_define
class UnknownTask:
    """The answer to `retrieve` for an id the service does not know: an empty object, with
    HTTP 200.

    """

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        unknown_task = cls()

        return unknown_task
