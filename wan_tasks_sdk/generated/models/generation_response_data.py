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

T = TypeVar("T", bound="GenerationResponseData")

_KNOWN_KEYS: frozenset[str] = frozenset(
    (
        "video_url",
        "thumbnail_url",
    )
)
"""The keys the spec names for `GenerationResponseData`: any other one is an additional property."""


class GenerationResponseData:
    """Newer records keep the result here. Unknown fields are valid and kept."""

    __slots__ = ("video_url", "thumbnail_url", "additional_properties", "__weakref__")
    __match_args__ = ("video_url", "thumbnail_url")

    video_url: str | Unset
    """ The video, a lasting CDN link. """
    thumbnail_url: str | Unset
    """ A still image of the video. """
    additional_properties: dict[str, Any]
    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(())
    """The keys every `GenerationResponseData` has: a `oneOf` tries this branch only when all are present."""

    def __init__(
        self, video_url: str | Unset = UNSET, thumbnail_url: str | Unset = UNSET
    ) -> None:
        self.video_url = video_url
        self.thumbnail_url = thumbnail_url
        self.additional_properties = {}

    @recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}("
            f"video_url={self.video_url!r}, "
            f"thumbnail_url={self.thumbnail_url!r}, "
            f"additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, GenerationResponseData
        ):
            return NotImplemented
        return (self.video_url, self.thumbnail_url, self.additional_properties) == (
            other.video_url,
            other.thumbnail_url,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        video_url = self.video_url

        thumbnail_url = self.thumbnail_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if video_url is not UNSET:
            field_dict["video_url"] = video_url
        if thumbnail_url is not UNSET:
            field_dict["thumbnail_url"] = thumbnail_url

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
        if "video_url" in src_dict:
            _video_url = src_dict["video_url"]
            try:
                if not isinstance(_video_url, str):
                    raise type_error("string", _video_url)

            except ValidationError as error:
                _video_url = read_as_absent(
                    additional,
                    "video_url",
                    _video_url,
                    error,
                    strict=strict,
                    owner="GenerationResponseData",
                )
        else:
            _video_url = UNSET
            known_absent += 1

        if "thumbnail_url" in src_dict:
            _thumbnail_url = src_dict["thumbnail_url"]
            try:
                if not isinstance(_thumbnail_url, str):
                    raise type_error("string", _thumbnail_url)

            except ValidationError as error:
                _thumbnail_url = read_as_absent(
                    additional,
                    "thumbnail_url",
                    _thumbnail_url,
                    error,
                    strict=strict,
                    owner="GenerationResponseData",
                )
        else:
            _thumbnail_url = UNSET
            known_absent += 1

        if len(src_dict) + known_absent != 2:
            unknown = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
            unknown.update(additional)
            additional = unknown
        generation_response_data = cls.__new__(cls)
        generation_response_data.video_url = _video_url
        generation_response_data.thumbnail_url = _thumbnail_url
        generation_response_data.additional_properties = additional
        return generation_response_data

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
