"""The SDK's exceptions: one hierarchy, so `except WanTasksError` catches everything it raises.

No exception here ever holds the API token: messages are built from the status, the service's
error code and message, and the trace id only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ._models import Task
    from ._response import RequestSnapshot, ResponseSnapshot

__all__ = [
    "APIConnectionError",
    "APIError",
    "APINotImplementedError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BalanceExhaustedError",
    "CleartextWarning",
    "ClientClosedError",
    "DownloadError",
    "GatewayTimeoutError",
    "InternalServerError",
    "InvalidArgumentError",
    "MissingTokenError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "ServerError",
    "TaskFailedError",
    "TaskNotFoundError",
    "TokenMismatchedError",
    "UnreadableTasksError",
    "WaitTimeoutError",
    "WanTasksError",
]

_E = TypeVar("_E", bound="WanTasksError")


class WanTasksError(Exception):
    """Base class of every exception the SDK raises.

    Every one pickles with its fields (the snapshots of `request` and `response` included), so
    it crosses a `ProcessPoolExecutor`: the default pickling calls `__init__` with the message
    alone, which the keyword-only constructors below refuse.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self.args, self.__dict__)


def _rebuild(cls: type[_E], args: tuple[Any, ...], fields: dict[str, Any]) -> _E:
    """Unpickle without `__init__`: the message and the fields, as they were."""
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(fields)
    return error


class ClientClosedError(WanTasksError):
    """The client was used after `close()` (or its `http_client` was closed); nothing was sent."""


class CleartextWarning(UserWarning):
    """The base URL is plain `http://` to a host other than this machine: the token travels
    unencrypted."""


class InvalidArgumentError(WanTasksError):
    """The SDK was called with an argument it cannot use; nothing was sent."""


class MissingTokenError(InvalidArgumentError):
    """No API token was given, neither as `token=` nor in `ACEDATACLOUD_API_TOKEN`."""


class APIConnectionError(WanTasksError):
    """The service could not be reached, or the connection broke before an answer arrived.

    `request` is a snapshot of the request that failed (token redacted), when httpx knew it.
    """

    request: RequestSnapshot | None = None


class APITimeoutError(APIConnectionError):
    """Connecting, sending or reading took longer than the client's timeout."""


class ResponseValidationError(WanTasksError):
    """The service answered with something the spec does not allow.

    Raised for a body that is not JSON (an HTML page from a proxy), a JSON body of the wrong
    shape or types, and a status code outside the HTTP registry (499, 520-527). `request` and
    `response` are snapshots of the exchange (plain data, token redacted), when there was one.
    """

    request: RequestSnapshot | None = None
    response: ResponseSnapshot | None = None

    def __init__(
        self,
        reason: str,
        *,
        status_code: int,
        body: bytes,
        trace_id: str | None = None,
    ) -> None:
        self.reason = reason
        self.status_code = status_code
        self.body = body
        self.trace_id = trace_id
        super().__init__(_with_trace(f"invalid response (HTTP {status_code}): {reason}", trace_id))


class ResponseTooLargeError(ResponseValidationError):
    """The body, decompressed, grew past the client's `max_response_bytes`; reading stopped there.

    `body` holds the first bytes only.
    """


class APIError(WanTasksError):
    """The service answered with an error status.

    `code` and `message` are the service's (`None` when the body did not say), `body` is the raw
    body, `trace_id` identifies the request for AceData Cloud's support, and `retry_after` is
    the wait in seconds that a `Retry-After` header asked for. `request` and `response` are
    snapshots of the exchange: plain data that pickles, with the token redacted.
    """

    request: RequestSnapshot | None = None
    response: ResponseSnapshot | None = None

    def __init__(
        self,
        *,
        status_code: int,
        code: str | None,
        message: str | None,
        trace_id: str | None,
        body: bytes,
        headers: Mapping[str, str] | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.status_code = status_code
        self.retry_after = retry_after
        self.code = code
        self.message = message
        self.trace_id = trace_id
        self.body = body
        self.headers: Mapping[str, str] = dict(headers or {})
        detail = ": ".join(part for part in (code, message) if part) or "no error detail"
        super().__init__(_with_trace(f"HTTP {status_code} {detail}", trace_id))


class BadRequestError(APIError):
    """400: the request was refused as malformed (`bad_request`)."""


class TokenMismatchedError(BadRequestError):
    """400 `token_mismatched`: the token belongs to another API."""


class APINotImplementedError(BadRequestError):
    """400 `api_not_implemented`: the service does not offer what was asked."""


class BalanceExhaustedError(BadRequestError):
    """`used_up`: the account's balance is spent."""


class AuthenticationError(APIError):
    """401: the token is missing, unknown or expired."""


class PermissionDeniedError(APIError):
    """403: the token may not use this API."""


class RateLimitError(APIError):
    """429: too many requests; `retry_after` says how long the service asked to wait."""


class ServerError(APIError):
    """5xx: the service failed; retrieval is safe to repeat."""


class InternalServerError(ServerError):
    """500 `api_error`."""


class GatewayTimeoutError(ServerError):
    """504 `timeout`: the service did not answer in time."""


class DownloadError(WanTasksError):
    """A video could not be downloaded; nothing was written at the destination."""


class TaskNotFoundError(WanTasksError):
    """The service does not know the task id (it answers 200 with `{}`)."""

    def __init__(self, task_ids: Sequence[str]) -> None:
        self.task_ids: tuple[str, ...] = tuple(task_ids)
        noun = "task" if len(self.task_ids) == 1 else f"{len(self.task_ids)} tasks"
        super().__init__(f"unknown {noun}: {_first_ids(self.task_ids)}")

    @property
    def task_id(self) -> str:
        return self.task_ids[0]


class TaskFailedError(WanTasksError):
    """A task that was waited for ended without a video."""

    def __init__(self, task: Task) -> None:
        self.task = task
        self.reason: str | None = task.failure_reason
        super().__init__(_with_trace(f"task {task.id} failed: {self.reason}", task.trace_id))


class WaitTimeoutError(WanTasksError):
    """`wait()` reached its deadline first. `tasks` holds the last state seen of each task;
    `invalid` maps the ids whose records could not be read to the reason (they are not
    pending: they were no longer polled)."""

    def __init__(
        self,
        tasks: Sequence[Task],
        pending_ids: Sequence[str],
        timeout: float,
        last_error: WanTasksError | None = None,
        invalid: Mapping[str, str] | None = None,
    ) -> None:
        self.tasks: list[Task] = list(tasks)
        self.pending_ids: tuple[str, ...] = tuple(pending_ids)
        self.timeout: float = timeout
        self.last_error: WanTasksError | None = last_error
        """The retryable error of the last polling round, when that round failed."""
        self.invalid: dict[str, str] = dict(invalid or {})
        text = (
            f"{len(self.pending_ids)} task(s) still unfinished after {timeout:g} s: "
            + _first_ids(self.pending_ids)
        )
        if last_error is not None:
            text += f"; the last poll failed: {last_error}"
        super().__init__(text)


class UnreadableTasksError(ResponseValidationError):
    """`wait()` saw every other task to the end, but the records of some could not be read.

    Raised only once every readable task has finished (in the manner of `WaitTimeoutError`):
    `tasks` holds the finished tasks in the order asked, the unreadable ones left out, and
    `invalid` maps each unreadable id to the reason, which names the field (a field the spec
    requires is missing or of the wrong type). Such a record is not polled again: unlike a
    5xx, a broken record is no passing fault. A `ResponseValidationError`, so code that
    catches that keeps working.
    """

    def __init__(self, tasks: Sequence[Task], invalid: Mapping[str, str]) -> None:
        self.tasks: list[Task] = list(tasks)
        self.invalid: dict[str, str] = dict(invalid)
        shown = list(self.invalid.items())[:3]
        reasons = "; ".join(f"{task_id}: {reason}" for task_id, reason in shown)
        more = " ..." if len(self.invalid) > len(shown) else ""
        super().__init__(
            f"{len(self.invalid)} task record(s) could not be read, "
            f"{len(self.tasks)} other(s) finished: {reasons}{more}",
            status_code=200,
            body=b"",
        )


def _first_ids(task_ids: Sequence[str], shown: int = 5) -> str:
    """Enough ids for a message; a wait on thousands of tasks must not print them all."""
    more = " ..." if len(task_ids) > shown else ""
    return ", ".join(task_ids[:shown]) + more


def _with_trace(text: str, trace_id: str | None) -> str:
    return f"{text} (trace_id {trace_id})" if trace_id else text
