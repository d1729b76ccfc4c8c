from typing import Literal

GenerationAction = Literal["image2video", "text2video"]

GENERATION_ACTION_VALUES: set[GenerationAction] = {
    "image2video",
    "text2video",
}


def check_generation_action(value: str) -> GenerationAction:
    if value in GENERATION_ACTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GENERATION_ACTION_VALUES!r}"
    )
