from typing import Literal

ErrorCode = Literal[
    "api_error",
    "api_not_implemented",
    "bad_request",
    "disabled",
    "forbidden",
    "invalid_token",
    "no_token",
    "timeout",
    "token_expired",
    "token_mismatched",
    "too_many_requests",
    "used_up",
]

ERROR_CODE_VALUES: set[ErrorCode] = {
    "api_error",
    "api_not_implemented",
    "bad_request",
    "disabled",
    "forbidden",
    "invalid_token",
    "no_token",
    "timeout",
    "token_expired",
    "token_mismatched",
    "too_many_requests",
    "used_up",
}


def check_error_code(value: str) -> ErrorCode:
    if value in ERROR_CODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ERROR_CODE_VALUES!r}"
    )
