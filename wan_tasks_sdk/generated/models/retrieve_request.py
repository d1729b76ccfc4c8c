from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RetrieveRequest")


@_attrs_define
class RetrieveRequest:
    """Retrieve one task, by its task id (`id`) or by the trace id of the request that created
    it (`trace_id`). Send one of the two; without `id`, `trace_id` is required.

    """

    action: Literal["retrieve"]
    """ Always `retrieve`. """
    id: str | Unset = UNSET
    """ The task id returned by the Wan Videos Generation API (`task_id`). """
    trace_id: str | Unset = UNSET
    """ Instead of `id`: the trace id of the request that created the task (the task's
    `trace_id`). Not confirmed for Wan: the platform's other tasks endpoints accept it.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = cast(Literal["retrieve"], d.pop("action"))
        if action != "retrieve":
            raise ValueError(f"action must match const 'retrieve', got '{action}'")

        id = d.pop("id", UNSET)

        trace_id = d.pop("trace_id", UNSET)

        retrieve_request = cls(
            action=action,
            id=id,
            trace_id=trace_id,
        )

        retrieve_request.additional_properties = d
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
