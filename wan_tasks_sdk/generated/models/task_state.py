from typing import Literal

TaskState = Literal[
    "canceled",
    "CANCELED",
    "cancelled",
    "completed",
    "failed",
    "FAILED",
    "PENDING",
    "pending",
    "processing",
    "queued",
    "RUNNING",
    "running",
    "SUCCEEDED",
    "succeeded",
    "SUSPENDED",
    "UNKNOWN",
]

TASK_STATE_VALUES: set[TaskState] = {
    "canceled",
    "CANCELED",
    "cancelled",
    "completed",
    "failed",
    "FAILED",
    "PENDING",
    "pending",
    "processing",
    "queued",
    "RUNNING",
    "running",
    "SUCCEEDED",
    "succeeded",
    "SUSPENDED",
    "UNKNOWN",
}


def check_task_state(value: str) -> TaskState:
    if value in TASK_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TASK_STATE_VALUES!r}"
    )
