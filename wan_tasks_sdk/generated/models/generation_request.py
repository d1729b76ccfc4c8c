from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.generation_action import GenerationAction, check_generation_action
from ..models.wan_model import WanModel, check_wan_model
from ..types import UNSET, Unset

T = TypeVar("T", bound="GenerationRequest")


@_attrs_define
class GenerationRequest:
    """The body the task was created with, sent to the Wan Videos Generation API. It echoes
    whatever its creator sent: the fields below are the known ones, others are valid and
    kept, and on rare records a field may carry another type than the one described.

    """

    action: GenerationAction | str | Unset = UNSET
    """ What was asked for, such as `text2video` or `image2video`. Compare without case; other words may appear. """
    model: str | Unset | WanModel = UNSET
    """ The Wan model, such as `wan2.6-t2v`. Compare without case; other words may appear. """
    prompt: str | Unset = UNSET
    """ The text prompt. """
    negative_prompt: str | Unset = UNSET
    """ What the video should not show. """
    image_url: str | Unset = UNSET
    """ The first frame, for image-to-video tasks. """
    duration: float | Unset = UNSET
    """ The requested length of the video, in seconds. """
    resolution: str | Unset = UNSET
    """ The requested resolution, such as `720P` or `1080P`. """
    ratio: str | Unset = UNSET
    """ The requested aspect ratio, such as `16:9`. """
    seed: int | Unset = UNSET
    """ The random seed, for repeatable results. """
    callback_url: str | Unset = UNSET
    """ The URL the service calls when the task finishes. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action: str | Unset
        if isinstance(self.action, Unset):
            action = UNSET
        elif isinstance(self.action, str):
            action = self.action
        else:
            action = self.action

        model: str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        elif isinstance(self.model, str):
            model = self.model
        else:
            model = self.model

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
        field_dict.update({})
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
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_action(data: object) -> GenerationAction | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                action_type_0 = check_generation_action(data)

                return action_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GenerationAction | str | Unset, data)

        action = _parse_action(d.pop("action", UNSET))

        def _parse_model(data: object) -> str | Unset | WanModel:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                model_type_0 = check_wan_model(data)

                return model_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | Unset | WanModel, data)

        model = _parse_model(d.pop("model", UNSET))

        prompt = d.pop("prompt", UNSET)

        negative_prompt = d.pop("negative_prompt", UNSET)

        image_url = d.pop("image_url", UNSET)

        duration = d.pop("duration", UNSET)

        resolution = d.pop("resolution", UNSET)

        ratio = d.pop("ratio", UNSET)

        seed = d.pop("seed", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        generation_request = cls(
            action=action,
            model=model,
            prompt=prompt,
            negative_prompt=negative_prompt,
            image_url=image_url,
            duration=duration,
            resolution=resolution,
            ratio=ratio,
            seed=seed,
            callback_url=callback_url,
        )

        generation_request.additional_properties = d
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
