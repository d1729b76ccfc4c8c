from typing import Literal

WanModel = Literal[
    "wan2.6-i2v", "wan2.6-i2v-flash", "wan2.6-r2v", "wan2.6-t2v", "wan3.0-video"
]

WAN_MODEL_VALUES: set[WanModel] = {
    "wan2.6-i2v",
    "wan2.6-i2v-flash",
    "wan2.6-r2v",
    "wan2.6-t2v",
    "wan3.0-video",
}


def check_wan_model(value: str) -> WanModel:
    if value in WAN_MODEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WAN_MODEL_VALUES!r}")
