from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskUsage")


@_attrs_define
class TaskUsage:
    """What the finished video is like, on newer records. Unknown fields are valid and kept."""

    resolution: str | Unset = UNSET
    """ The video's resolution, such as `1920*1080`. """
    seconds: float | Unset = UNSET
    """ The video's length in seconds. """
    fps: float | Unset = UNSET
    """ Frames per second. """
    ratio: str | Unset = UNSET
    """ The aspect ratio, such as `16:9`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resolution = self.resolution

        seconds = self.seconds

        fps = self.fps

        ratio = self.ratio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if seconds is not UNSET:
            field_dict["seconds"] = seconds
        if fps is not UNSET:
            field_dict["fps"] = fps
        if ratio is not UNSET:
            field_dict["ratio"] = ratio

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        resolution = d.pop("resolution", UNSET)

        seconds = d.pop("seconds", UNSET)

        fps = d.pop("fps", UNSET)

        ratio = d.pop("ratio", UNSET)

        task_usage = cls(
            resolution=resolution,
            seconds=seconds,
            fps=fps,
            ratio=ratio,
        )

        task_usage.additional_properties = d
        return task_usage

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
