from typing import Literal

TaskState = Literal[
    "canceled",
    "cancelled",
    "complete",
    "completed",
    "error",
    "failed",
    "failure",
    "finished",
    "pending",
    "processing",
    "queued",
    "rejected",
    "running",
    "succeed",
    "succeeded",
    "success",
    "suspended",
    "unknown",
]

TASK_STATE_VALUES: set[TaskState] = {
    "canceled",
    "cancelled",
    "complete",
    "completed",
    "error",
    "failed",
    "failure",
    "finished",
    "pending",
    "processing",
    "queued",
    "rejected",
    "running",
    "succeed",
    "succeeded",
    "success",
    "suspended",
    "unknown",
}


def check_task_state(value: str) -> TaskState:
    if value in TASK_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TASK_STATE_VALUES!r}"
    )
