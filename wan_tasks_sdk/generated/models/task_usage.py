from __future__ import annotations

from collections.abc import Mapping
from reprlib import recursive_repr
from typing import Any, ClassVar, TypeVar

from ..types import (
    UNSET,
    Unset,
    ValidationError,
    read_as_absent,
    type_error,
)

T = TypeVar("T", bound="TaskUsage")

_KNOWN_KEYS: frozenset[str] = frozenset(
    (
        "resolution",
        "seconds",
        "fps",
        "ratio",
    )
)
"""The keys the spec names for `TaskUsage`: any other one is an additional property."""


class TaskUsage:
    """What the finished video is like, on newer records. Unknown fields are valid and kept."""

    __slots__ = (
        "resolution",
        "seconds",
        "fps",
        "ratio",
        "additional_properties",
        "__weakref__",
    )
    __match_args__ = ("resolution", "seconds", "fps", "ratio")

    resolution: str | Unset
    """ The video's resolution, such as `1920*1080`. """
    seconds: float | Unset
    """ The video's length in seconds. """
    fps: float | Unset
    """ Frames per second. """
    ratio: str | Unset
    """ The aspect ratio, such as `16:9`. """
    additional_properties: dict[str, Any]
    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(())
    """The keys every `TaskUsage` has: a `oneOf` tries this branch only when all are present."""

    def __init__(
        self,
        resolution: str | Unset = UNSET,
        seconds: float | Unset = UNSET,
        fps: float | Unset = UNSET,
        ratio: str | Unset = UNSET,
    ) -> None:
        self.resolution = resolution
        self.seconds = seconds
        self.fps = fps
        self.ratio = ratio
        self.additional_properties = {}

    @recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}("
            f"resolution={self.resolution!r}, "
            f"seconds={self.seconds!r}, "
            f"fps={self.fps!r}, "
            f"ratio={self.ratio!r}, "
            f"additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, TaskUsage):
            return NotImplemented
        return (
            self.resolution,
            self.seconds,
            self.fps,
            self.ratio,
            self.additional_properties,
        ) == (
            other.resolution,
            other.seconds,
            other.fps,
            other.ratio,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        resolution = self.resolution

        seconds = self.seconds

        fps = self.fps

        ratio = self.ratio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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
        if "resolution" in src_dict:
            _resolution = src_dict["resolution"]
            try:
                if not isinstance(_resolution, str):
                    raise type_error("string", _resolution)

            except ValidationError as error:
                _resolution = read_as_absent(
                    additional,
                    "resolution",
                    _resolution,
                    error,
                    strict=strict,
                    owner="TaskUsage",
                )
        else:
            _resolution = UNSET
            known_absent += 1

        if "seconds" in src_dict:
            _seconds = src_dict["seconds"]
            try:
                if type(_seconds) is not int and type(_seconds) is not float:
                    raise type_error("number", _seconds)
                if strict and _seconds < 0:
                    raise ValidationError(
                        "", "must be at least 0, got " + repr(_seconds)
                    )

            except ValidationError as error:
                _seconds = read_as_absent(
                    additional,
                    "seconds",
                    _seconds,
                    error,
                    strict=strict,
                    owner="TaskUsage",
                )
        else:
            _seconds = UNSET
            known_absent += 1

        if "fps" in src_dict:
            _fps = src_dict["fps"]
            try:
                if type(_fps) is not int and type(_fps) is not float:
                    raise type_error("number", _fps)
                if strict and _fps < 0:
                    raise ValidationError("", "must be at least 0, got " + repr(_fps))

            except ValidationError as error:
                _fps = read_as_absent(
                    additional, "fps", _fps, error, strict=strict, owner="TaskUsage"
                )
        else:
            _fps = UNSET
            known_absent += 1

        if "ratio" in src_dict:
            _ratio = src_dict["ratio"]
            try:
                if not isinstance(_ratio, str):
                    raise type_error("string", _ratio)

            except ValidationError as error:
                _ratio = read_as_absent(
                    additional, "ratio", _ratio, error, strict=strict, owner="TaskUsage"
                )
        else:
            _ratio = UNSET
            known_absent += 1

        if len(src_dict) + known_absent != 4:
            unknown = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
            unknown.update(additional)
            additional = unknown
        task_usage = cls.__new__(cls)
        task_usage.resolution = _resolution
        task_usage.seconds = _seconds
        task_usage.fps = _fps
        task_usage.ratio = _ratio
        task_usage.additional_properties = additional
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
