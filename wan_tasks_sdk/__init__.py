"""Python SDK for the AceData Cloud Wan Tasks API: what became of Wan video-generation tasks.

    from wan_tasks_sdk import WanTasks

    with WanTasks() as client:              # token from ACEDATACLOUD_API_TOKEN
        task = client.wait("a4bca552-...")  # polls until it succeeds or fails
        print(task.status, task.video_url)

The wire layer generated from openapi.yaml is `wan_tasks_sdk.generated`; the models a `Task`
is made of are exported here too. The fake service for tests is `wan_tasks_sdk.testing`.
Environment: `ACEDATACLOUD_API_TOKEN` (the token), `WAN_TASKS_BASE_URL` (the service's address),
`WAN_TASKS_LOG=debug|info` (log requests and answers, or retries only, to stderr).
"""

from ._client import (
    BASE_URL_ENV_VAR,
    TOKEN_ENV_VAR,
    AsyncWanTasks,
    AsyncWanTasksWithRawResponse,
    CallOptions,
    ListFilters,
    WaitOptions,
    WanTasks,
    WanTasksWithRawResponse,
)
from ._clock import Clock, SystemClock
from ._download import DownloadProgress
from ._errors import (
    APIConnectionError,
    APIError,
    APINotImplementedError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BalanceExhaustedError,
    CleartextWarning,
    ClientClosedError,
    DownloadError,
    GatewayTimeoutError,
    InternalServerError,
    InvalidArgumentError,
    MissingTokenError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    ServerError,
    TaskFailedError,
    TaskNotFoundError,
    TokenMismatchedError,
    UnreadableTasksError,
    WaitTimeoutError,
    WanTasksError,
)
from ._logs import LOG_ENV_VAR, setup_logging
from ._models import AsyncTaskIterator, BatchResult, Task, TaskIterator, TaskStatus, WaitProgress
from ._response import RawResponse, RequestSnapshot, ResponseSnapshot
from ._version import __version__
from .generated.models import (
    ErrorCode,
    ErrorDetail,
    GenerationRequest,
    GenerationResponse,
    GenerationResponseData,
    TaskState,
    TaskUsage,
    WanModel,
)
from .generated.types import UNSET, Unset

__all__ = [
    "BASE_URL_ENV_VAR",
    "LOG_ENV_VAR",
    "TOKEN_ENV_VAR",
    "UNSET",
    "APIConnectionError",
    "APIError",
    "APINotImplementedError",
    "APITimeoutError",
    "AsyncTaskIterator",
    "AsyncWanTasks",
    "AsyncWanTasksWithRawResponse",
    "AuthenticationError",
    "BadRequestError",
    "BalanceExhaustedError",
    "BatchResult",
    "CallOptions",
    "CleartextWarning",
    "ClientClosedError",
    "Clock",
    "DownloadError",
    "DownloadProgress",
    "ErrorCode",
    "ErrorDetail",
    "GatewayTimeoutError",
    "GenerationRequest",
    "GenerationResponse",
    "GenerationResponseData",
    "InternalServerError",
    "InvalidArgumentError",
    "ListFilters",
    "MissingTokenError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RequestSnapshot",
    "ResponseSnapshot",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "ServerError",
    "SystemClock",
    "Task",
    "TaskFailedError",
    "TaskIterator",
    "TaskNotFoundError",
    "TaskState",
    "TaskStatus",
    "TaskUsage",
    "TokenMismatchedError",
    "UnreadableTasksError",
    "Unset",
    "WaitOptions",
    "WaitProgress",
    "WaitTimeoutError",
    "WanModel",
    "WanTasks",
    "WanTasksError",
    "WanTasksWithRawResponse",
    "__version__",
]

setup_logging()
