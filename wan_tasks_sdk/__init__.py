"""Python SDK for the AceData Cloud Wan Tasks API: what became of Wan video-generation tasks.

    from wan_tasks_sdk import WanTasks

    with WanTasks() as client:              # token from ACEDATACLOUD_API_TOKEN
        task = client.wait("a4bca552-...")  # polls until it succeeds or fails
        print(task.status, task.video_url)

The wire layer generated from openapi.yaml is `wan_tasks_sdk.generated`; the fake service for
tests is `wan_tasks_sdk.testing`.
"""

from ._client import TOKEN_ENV_VAR, AsyncWanTasks, ListFilters, WaitOptions, WanTasks
from ._core import Clock, SystemClock
from ._errors import (
    APIConnectionError,
    APIError,
    APINotImplementedError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BalanceExhaustedError,
    DownloadError,
    GatewayTimeoutError,
    InternalServerError,
    InvalidArgumentError,
    MissingTokenError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    TaskFailedError,
    TaskNotFoundError,
    TokenMismatchedError,
    WaitTimeoutError,
    WanTasksError,
)
from ._models import BatchResult, Task, TaskStatus, WaitProgress
from ._version import __version__

__all__ = [
    "TOKEN_ENV_VAR",
    "APIConnectionError",
    "APIError",
    "APINotImplementedError",
    "APITimeoutError",
    "AsyncWanTasks",
    "AuthenticationError",
    "BadRequestError",
    "BalanceExhaustedError",
    "BatchResult",
    "Clock",
    "DownloadError",
    "GatewayTimeoutError",
    "InternalServerError",
    "InvalidArgumentError",
    "ListFilters",
    "MissingTokenError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "SystemClock",
    "Task",
    "TaskFailedError",
    "TaskNotFoundError",
    "TaskStatus",
    "TokenMismatchedError",
    "WaitOptions",
    "WaitProgress",
    "WaitTimeoutError",
    "WanTasks",
    "WanTasksError",
    "__version__",
]
