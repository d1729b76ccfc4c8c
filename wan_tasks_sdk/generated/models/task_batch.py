from __future__ import annotations

from collections.abc import Mapping
from reprlib import recursive_repr
from typing import Any, ClassVar, TypeVar

from ..models.task import Task
from ..types import (
    ValidationError,
    type_error,
)

T = TypeVar("T", bound="TaskBatch")

_KNOWN_KEYS: frozenset[str] = frozenset(
    (
        "items",
        "count",
    )
)
"""The keys the spec names for `TaskBatch`: any other one is an additional property."""


class TaskBatch:
    """The answer to `retrieve_batch`. Unknown fields are valid and kept."""

    __slots__ = ("items", "count", "additional_properties", "__weakref__")
    __match_args__ = ("items", "count")

    items: list[Task]
    """ The tasks found, in no promised order. Unknown ids are absent; a repeated id may give
    a repeated item.
     """
    count: int
    """ The number of tasks that match the request. It can differ from the length of `items`
    (it counts every match when `limit` cuts the page short).
     """
    additional_properties: dict[str, Any]
    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(
        (
            "count",
            "items",
        )
    )
    """The keys every `TaskBatch` has: a `oneOf` tries this branch only when all are present."""

    def __init__(self, items: list[Task], count: int) -> None:
        self.items = items
        self.count = count
        self.additional_properties = {}

    @recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}("
            f"items={self.items!r}, "
            f"count={self.count!r}, "
            f"additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, TaskBatch):
            return NotImplemented
        return (self.items, self.count, self.additional_properties) == (
            other.items,
            other.count,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        count = self.count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "count": count,
            }
        )

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
        try:
            _items = src_dict["items"]
        except KeyError:
            raise ValidationError("items", "required but missing") from None
        try:
            if not isinstance(_items, list):
                raise type_error("array", _items)
            _items_items: list[Any] = []
            for _items_index, _items_item in enumerate(_items):
                try:
                    if not isinstance(_items_item, dict):
                        raise type_error("object", _items_item)
                    _items_item = Task.from_dict(_items_item, strict=strict)

                except ValidationError as error:
                    raise error.within(f"[{_items_index}]") from None
                _items_items.append(_items_item)
            _items = _items_items

        except ValidationError as error:
            raise error.within("items") from None

        try:
            _count = src_dict["count"]
        except KeyError:
            raise ValidationError("count", "required but missing") from None
        try:
            if type(_count) is not int and type(_count) is not float:
                raise type_error("integer", _count)
            if type(_count) is float:
                if not _count.is_integer():
                    raise ValidationError("", "expected integer, got " + repr(_count))
                _count = int(_count)
            if strict and _count < 0:
                raise ValidationError("", "must be at least 0, got " + repr(_count))

        except ValidationError as error:
            raise error.within("count") from None

        if len(src_dict) != 2:
            unknown = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
            unknown.update(additional)
            additional = unknown
        task_batch = cls.__new__(cls)
        task_batch.items = _items
        task_batch.count = _count
        task_batch.additional_properties = additional
        return task_batch

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
