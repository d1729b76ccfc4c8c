from __future__ import annotations

from collections.abc import Mapping
from reprlib import recursive_repr
from typing import Any, ClassVar, TypeVar

from ..models.generation_action import (
    GenerationAction,
)
from ..models.wan_model import WanModel
from ..types import (
    UNSET,
    Unset,
    ValidationError,
    read_as_absent,
    type_error,
)

T = TypeVar("T", bound="GenerationRequest")

_KNOWN_KEYS: frozenset[str] = frozenset(
    (
        "action",
        "model",
        "prompt",
        "negative_prompt",
        "image_url",
        "duration",
        "resolution",
        "ratio",
        "seed",
        "callback_url",
    )
)
"""The keys the spec names for `GenerationRequest`: any other one is an additional property."""


class GenerationRequest:
    """The body the task was created with, sent to the Wan Videos Generation API. It echoes
    whatever its creator sent: the fields below are the known ones, others are valid and
    kept, and on rare records a field may carry another type than the one described.

    """

    __slots__ = (
        "action",
        "model",
        "prompt",
        "negative_prompt",
        "image_url",
        "duration",
        "resolution",
        "ratio",
        "seed",
        "callback_url",
        "additional_properties",
        "__weakref__",
    )
    __match_args__ = (
        "action",
        "model",
        "prompt",
        "negative_prompt",
        "image_url",
        "duration",
        "resolution",
        "ratio",
        "seed",
        "callback_url",
    )

    action: GenerationAction | str | Unset
    """ What was asked for, such as `text2video` or `image2video`. Compare without case; other words may appear. """
    model: str | Unset | WanModel
    """ The Wan model, such as `wan2.6-t2v`. Compare without case; other words may appear. """
    prompt: str | Unset
    """ The text prompt. """
    negative_prompt: str | Unset
    """ What the video should not show. """
    image_url: str | Unset
    """ The first frame, for image-to-video tasks. """
    duration: float | Unset
    """ The requested length of the video, in seconds. """
    resolution: str | Unset
    """ The requested resolution, such as `720P` or `1080P`. """
    ratio: str | Unset
    """ The requested aspect ratio, such as `16:9`. """
    seed: int | Unset
    """ The random seed, for repeatable results. """
    callback_url: str | Unset
    """ The URL the service calls when the task finishes. """
    additional_properties: dict[str, Any]
    REQUIRED_PROPERTIES: ClassVar[frozenset[str]] = frozenset(())
    """The keys every `GenerationRequest` has: a `oneOf` tries this branch only when all are present."""

    def __init__(
        self,
        action: GenerationAction | str | Unset = UNSET,
        model: str | Unset | WanModel = UNSET,
        prompt: str | Unset = UNSET,
        negative_prompt: str | Unset = UNSET,
        image_url: str | Unset = UNSET,
        duration: float | Unset = UNSET,
        resolution: str | Unset = UNSET,
        ratio: str | Unset = UNSET,
        seed: int | Unset = UNSET,
        callback_url: str | Unset = UNSET,
    ) -> None:
        self.action = action
        self.model = model
        self.prompt = prompt
        self.negative_prompt = negative_prompt
        self.image_url = image_url
        self.duration = duration
        self.resolution = resolution
        self.ratio = ratio
        self.seed = seed
        self.callback_url = callback_url
        self.additional_properties = {}

    @recursive_repr()
    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}("
            f"action={self.action!r}, "
            f"model={self.model!r}, "
            f"prompt={self.prompt!r}, "
            f"negative_prompt={self.negative_prompt!r}, "
            f"image_url={self.image_url!r}, "
            f"duration={self.duration!r}, "
            f"resolution={self.resolution!r}, "
            f"ratio={self.ratio!r}, "
            f"seed={self.seed!r}, "
            f"callback_url={self.callback_url!r}, "
            f"additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, GenerationRequest
        ):
            return NotImplemented
        return (
            self.action,
            self.model,
            self.prompt,
            self.negative_prompt,
            self.image_url,
            self.duration,
            self.resolution,
            self.ratio,
            self.seed,
            self.callback_url,
            self.additional_properties,
        ) == (
            other.action,
            other.model,
            other.prompt,
            other.negative_prompt,
            other.image_url,
            other.duration,
            other.resolution,
            other.ratio,
            other.seed,
            other.callback_url,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        action: str | Unset = self.action

        model: str | Unset = self.model

        prompt = self.prompt

        negative_prompt = self.negative_prompt

        image_url = self.image_url

        duration = self.duration

        resolution = self.resolution

        ratio = self.ratio

        seed = self.seed

        callback_url = self.callback_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if action is not UNSET:
            field_dict["action"] = action
        if model is not UNSET:
            field_dict["model"] = model
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if image_url is not UNSET:
            field_dict["image_url"] = image_url
        if duration is not UNSET:
            field_dict["duration"] = duration
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if ratio is not UNSET:
            field_dict["ratio"] = ratio
        if seed is not UNSET:
            field_dict["seed"] = seed
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url

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
        _action: GenerationAction | str | Unset
        if "action" in src_dict:
            _action = src_dict["action"]
            try:
                if not isinstance(_action, str):
                    raise type_error("string", _action)

            except ValidationError as error:
                _action = read_as_absent(
                    additional,
                    "action",
                    _action,
                    error,
                    strict=strict,
                    owner="GenerationRequest",
                )
        else:
            _action = UNSET
            known_absent += 1

        _model: str | Unset | WanModel
        if "model" in src_dict:
            _model = src_dict["model"]
            try:
                if not isinstance(_model, str):
                    raise type_error("string", _model)

            except ValidationError as error:
                _model = read_as_absent(
                    additional,
                    "model",
                    _model,
                    error,
                    strict=strict,
                    owner="GenerationRequest",
                )
        else:
            _model = UNSET
            known_absent += 1

        if "prompt" in src_dict:
            _prompt = src_dict["prompt"]
            try:
                if not isinstance(_prompt, str):
                    raise type_error("string", _prompt)

            except ValidationError as error:
                _prompt = read_as_absent(
                    additional,
                    "prompt",
                    _prompt,
                    error,
                    strict=strict,
                    owner="GenerationRequest",
                )
        else:
            _prompt = UNSET
            known_absent += 1

        if "negative_prompt" in src_dict:
            _negative_prompt = src_dict["negative_prompt"]
            try:
                if not isinstance(_negative_prompt, str):
                    raise type_error("string", _negative_prompt)

            except ValidationError as error:
                _negative_prompt = read_as_absent(
                    additional,
                    "negative_prompt",
                    _negative_prompt,
                    error,
                    strict=strict,
                    owner="GenerationRequest",
                )
        else:
            _negative_prompt = UNSET
            known_absent += 1

        if "image_url" in src_dict:
            _image_url = src_dict["image_url"]
            try:
                if not isinstance(_image_url, str):
                    raise type_error("string", _image_url)

            except ValidationError as error:
                _image_url = read_as_absent(
                    additional,
                    "image_url",
                    _image_url,
                    error,
                    strict=strict,
                    owner="GenerationRequest",
                )
        else:
            _image_url = UNSET
            known_absent += 1

        if "duration" in src_dict:
            _duration = src_dict["duration"]
            try:
                if type(_duration) is not int and type(_duration) is not float:
                    raise type_error("number", _duration)
                if strict and _duration < 0:
                    raise ValidationError(
                        "", "must be at least 0, got " + repr(_duration)
                    )

            except ValidationError as error:
                _duration = read_as_absent(
                    additional,
                    "duration",
                    _duration,
                    error,
                    strict=strict,
                    owner="GenerationRequest",
                )
        else:
            _duration = UNSET
            known_absent += 1

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
                    owner="GenerationRequest",
                )
        else:
            _resolution = UNSET
            known_absent += 1

        if "ratio" in src_dict:
            _ratio = src_dict["ratio"]
            try:
                if not isinstance(_ratio, str):
                    raise type_error("string", _ratio)

            except ValidationError as error:
                _ratio = read_as_absent(
                    additional,
                    "ratio",
                    _ratio,
                    error,
                    strict=strict,
                    owner="GenerationRequest",
                )
        else:
            _ratio = UNSET
            known_absent += 1

        if "seed" in src_dict:
            _seed = src_dict["seed"]
            try:
                if type(_seed) is not int and type(_seed) is not float:
                    raise type_error("integer", _seed)
                if type(_seed) is float:
                    if not _seed.is_integer():
                        raise ValidationError(
                            "", "expected integer, got " + repr(_seed)
                        )
                    _seed = int(_seed)

            except ValidationError as error:
                _seed = read_as_absent(
                    additional,
                    "seed",
                    _seed,
                    error,
                    strict=strict,
                    owner="GenerationRequest",
                )
        else:
            _seed = UNSET
            known_absent += 1

        if "callback_url" in src_dict:
            _callback_url = src_dict["callback_url"]
            try:
                if not isinstance(_callback_url, str):
                    raise type_error("string", _callback_url)

            except ValidationError as error:
                _callback_url = read_as_absent(
                    additional,
                    "callback_url",
                    _callback_url,
                    error,
                    strict=strict,
                    owner="GenerationRequest",
                )
        else:
            _callback_url = UNSET
            known_absent += 1

        if len(src_dict) + known_absent != 10:
            unknown = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
            unknown.update(additional)
            additional = unknown
        generation_request = cls.__new__(cls)
        generation_request.action = _action
        generation_request.model = _model
        generation_request.prompt = _prompt
        generation_request.negative_prompt = _negative_prompt
        generation_request.image_url = _image_url
        generation_request.duration = _duration
        generation_request.resolution = _resolution
        generation_request.ratio = _ratio
        generation_request.seed = _seed
        generation_request.callback_url = _callback_url
        generation_request.additional_properties = additional
        return generation_request

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
