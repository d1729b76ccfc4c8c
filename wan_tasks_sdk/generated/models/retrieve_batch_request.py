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

T = TypeVar("T", bound="RetrieveBatchRequest")


@_attrs_define
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

    action: Literal["retrieve_batch"]
    """ Always `retrieve_batch`. """
    ids: list[str] | Unset = UNSET
    """ The task ids to retrieve. Leave it out to list your tasks instead. """
    trace_ids: list[str] | Unset = UNSET
    """ Instead of `ids`: the trace ids of the requests that created the tasks. Not
    confirmed for Wan: the platform's other tasks endpoints accept it.
     """
    type_: str | Unset = UNSET
    """ Only tasks of this type (`videos` for video generation). """
    application_id: str | Unset = UNSET
    """ Only tasks created through this application. """
    user_id: str | Unset = UNSET
    """ Only tasks of this user. """
    limit: int | Unset = UNSET
    """ At most this many tasks in the answer. Without it, a request by `ids` answers every
    task it finds, and a listing answers a page of a size the service chooses. The
    largest value the service accepts is not confirmed by the provider.
     """
    offset: int | Unset = UNSET
    """ Skip this many matching tasks, newest first; none when absent. """
    created_at_min: float | Unset = UNSET
    """ Only tasks created at or after this time, in unix seconds. """
    created_at_max: float | Unset = UNSET
    """ Only tasks created at or before this time, in unix seconds. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = cast(Literal["retrieve_batch"], d.pop("action"))
        if action != "retrieve_batch":
            raise ValueError(
                f"action must match const 'retrieve_batch', got '{action}'"
            )

        ids = cast(list[str], d.pop("ids", UNSET))

        trace_ids = cast(list[str], d.pop("trace_ids", UNSET))

        type_ = d.pop("type", UNSET)

        application_id = d.pop("application_id", UNSET)

        user_id = d.pop("user_id", UNSET)

        limit = d.pop("limit", UNSET)

        offset = d.pop("offset", UNSET)

        created_at_min = d.pop("created_at_min", UNSET)

        created_at_max = d.pop("created_at_max", UNSET)

        retrieve_batch_request = cls(
            action=action,
            ids=ids,
            trace_ids=trace_ids,
            type_=type_,
            application_id=application_id,
            user_id=user_id,
            limit=limit,
            offset=offset,
            created_at_min=created_at_min,
            created_at_max=created_at_max,
        )

        retrieve_batch_request.additional_properties = d
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
