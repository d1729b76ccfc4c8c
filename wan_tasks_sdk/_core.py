"""The client's logic, written once for sync and async (sans-IO, in the manner of h11).

Every operation is a generator that yields *effects* (`Send` a request, `Sleep`, `Emit` tasks to
the caller of an iterator) and receives the outcome of each `Send` (an `httpx.Response`, or the
`httpx.HTTPError` it raised). The sync and async clients only perform the effects, so request
building, response classification, retries, batching, paging and the wait state machine exist in
this module alone.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import platform
import random
import time
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any, Final, TypeVar

import httpx

from ._errors import (
    APIConnectionError,
    APIError,
    APINotImplementedError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BalanceExhaustedError,
    GatewayTimeoutError,
    InternalServerError,
    InvalidArgumentError,
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
from ._response import RawResponse, RequestSnapshot, ResponseSnapshot
from ._validation import Shape, classify_body
from ._version import __version__
from .generated.api.tasks.query_tasks import _get_kwargs as _generated_request
from .generated.models import RetrieveBatchRequest, RetrieveRequest
from .generated.types import UNSET, Unset

logger = logging.getLogger("wan_tasks_sdk")

T = TypeVar("T")

DEFAULT_BASE_URL: Final = "https://api.acedata.cloud"
DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES: Final = 2
DEFAULT_BATCH_SIZE: Final = 50
DEFAULT_PAGE_SIZE: Final = 50
MAX_LIST_PAGE: Final = 100
FINAL_POLL_TIMEOUT: Final = 5.0
USER_AGENT: Final = (
    f"wan-tasks-sdk/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
)


# The effects are plain slotted classes: they are made on every request, and a frozen
# dataclass costs a microsecond more each time.
class Send:
    """Send one request: the arguments of `httpx.Client.request`."""

    __slots__ = ("kwargs",)

    def __init__(self, kwargs: dict[str, Any]) -> None:
        self.kwargs = kwargs


class Sleep:
    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds


class Emit:
    """Hand tasks to the caller of an iterating operation."""

    __slots__ = ("tasks",)

    def __init__(self, tasks: Sequence[Task]) -> None:
        self.tasks = tasks


Effect = Send | Sleep | Emit
Reply = httpx.Response | httpx.HTTPError | None
Operation = Generator[Effect, Reply, T]


class _Secret:
    """Holds the token so that no repr, str or traceback local shows it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "<redacted>"

    __str__ = __repr__


@dataclass(frozen=True)
class RetryPolicy:
    """When and how long to wait before repeating a read-only request."""

    max_retries: int = DEFAULT_MAX_RETRIES
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    max_retry_after: float = 60.0
    """A `Retry-After` longer than this is not waited for: the error is raised instead."""
    jitter: Callable[[], float] = random.random

    def delay(self, attempt: int, error: WanTasksError) -> float | None:
        """Seconds to wait before retry number `attempt + 1`, or `None` to give up."""
        if attempt >= self.max_retries or not is_retryable(error):
            return None
        retry_after = error.retry_after if isinstance(error, APIError) else None
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_after else None
        # The exponent is capped: 2.0**1024 overflows, and 2**64 already dwarfs any backoff_max.
        backoff = min(self.backoff_max, self.backoff_initial * 2.0 ** min(attempt, 64))
        return backoff * (0.5 + self.jitter() / 2)  # "equal jitter": never less than half


def is_retryable(error: WanTasksError) -> bool:
    if isinstance(error, APIConnectionError):
        return True
    if isinstance(error, APIError | ResponseValidationError):
        return error.status_code in (408, 429) or error.status_code >= 500
    return False


@dataclass(frozen=True)
class Settings:
    """Everything an operation needs to know about the client that runs it."""

    token: _Secret
    base_url: str = DEFAULT_BASE_URL
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    batch_size: int = DEFAULT_BATCH_SIZE
    clock: Callable[[], float] = time.monotonic
    wall_clock: Callable[[], float] = time.time
    auth_in_client: bool = False
    """True when the httpx client already sends the authorization header itself."""
    timeout_in_client: bool = False
    """True when the httpx client already applies `timeout` itself."""
    extra_headers: Mapping[str, str] = field(default_factory=dict)
    """Sent with every request, after (and so over) the SDK's own headers."""

    @property
    def url(self) -> str:
        return self.base_url.rstrip("/") + "/wan/tasks"

    def auth_headers(self) -> dict[str, str]:
        return {
            "authorization": f"Bearer {self.token.reveal()}",
            "accept": "application/json",
            "user-agent": USER_AGENT,
        }


def as_timeout(timeout: httpx.Timeout | float | None) -> httpx.Timeout:
    """A `timeout=` argument as httpx takes it: seconds for every phase, or `None` for none."""
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


def check_whole_number(value: object, name: str, *, minimum: int) -> int:
    # A bool is an int to Python, but True is no number of retries.
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidArgumentError(f"{name} must be a whole number >= {minimum}: {value!r}")
    return value


def with_options(
    settings: Settings,
    *,
    base_url: str | Unset = UNSET,
    timeout: httpx.Timeout | float | Unset | None = UNSET,
    max_retries: int | Unset = UNSET,
    extra_headers: Mapping[str, str] | None = None,
) -> Settings:
    """`settings` with the options given replaced (`extra_headers` are added to the ones it
    has); the same object when nothing is given, so a plain call costs nothing."""
    changes: dict[str, Any] = {}
    if not isinstance(base_url, Unset):
        changes["base_url"] = base_url
    if not isinstance(timeout, Unset):
        changes["timeout"] = as_timeout(timeout)
        changes["timeout_in_client"] = False
    if not isinstance(max_retries, Unset):
        retries = check_whole_number(max_retries, "max_retries", minimum=0)
        changes["retry"] = dataclasses.replace(settings.retry, max_retries=retries)
    if extra_headers:
        changes["extra_headers"] = {**settings.extra_headers, **_checked_headers(extra_headers)}
    return dataclasses.replace(settings, **changes) if changes else settings


def _checked_headers(headers: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(headers, Mapping):
        raise InvalidArgumentError(f"extra_headers must be a mapping, got {type(headers).__name__}")
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise InvalidArgumentError(
                f"extra_headers must map str to str, got {name!r}: {value!r}"
            )
    return dict(headers)


# --- requests ---------------------------------------------------------------------------------


def _request_kwargs(
    settings: Settings,
    body: RetrieveRequest | RetrieveBatchRequest,
    deadline: float | None,
) -> dict[str, Any]:
    kwargs = _generated_request(body=body)
    kwargs["url"] = settings.url
    if settings.auth_in_client:
        # Our own httpx client already sends these, and httpx sets the JSON content type
        # for `json=`: skipping the per-request header merge is a tenth of a retrieve().
        del kwargs["headers"]
    else:
        kwargs["headers"] = {**kwargs["headers"], **settings.auth_headers()}
    if settings.extra_headers:
        kwargs["headers"] = {**kwargs.get("headers", {}), **settings.extra_headers}
    if not settings.timeout_in_client:
        kwargs["timeout"] = settings.timeout
    if deadline is not None:
        # A request may not outlive the caller's deadline by more than the floor that lets the
        # final poll, made at the deadline itself, still get an answer.
        budget = max(deadline - settings.clock(), FINAL_POLL_TIMEOUT)
        kwargs["timeout"] = httpx.Timeout(
            min(settings.timeout.read or budget, budget),
            connect=min(settings.timeout.connect or budget, budget),
            write=min(settings.timeout.write or budget, budget),
            pool=min(settings.timeout.pool or budget, budget),
        )
    return kwargs


def call(
    settings: Settings,
    body: RetrieveRequest | RetrieveBatchRequest,
    *,
    deadline: float | None = None,
) -> Operation[tuple[str, Any]]:
    """Send `body`, repeating it as the retry policy says; returns (shape, decoded body)."""
    attempt = 0
    while True:
        send = Send(_request_kwargs(settings, body, deadline))
        logging_on = logger.isEnabledFor(logging.DEBUG)
        if logging_on:
            started = settings.clock()
            _log_request(send, attempt)
        reply = yield send
        try:
            answer = interpret(reply, settings.wall_clock)
        except WanTasksError as error:
            attach_exchange(error, reply)
            if logging_on:
                _log_answer(send, reply, attempt, settings.clock() - started, error)
            delay = settings.retry.delay(attempt, error)
            if delay is None or (deadline is not None and settings.clock() + delay >= deadline):
                raise
            attempt += 1
            logger.info("retry %d in %.2f s after: %s", attempt, delay, error)
            yield Sleep(delay)
        else:
            if logging_on:
                _log_answer(send, reply, attempt, settings.clock() - started, None)
            return answer


def _log_request(send: Send, attempt: int) -> None:
    """One DEBUG line per request: never its headers, which hold the token."""
    kwargs = send.kwargs
    logger.debug(
        "request: %s %s (attempt %d)", kwargs["method"].upper(), kwargs["url"], attempt + 1
    )


def _log_answer(
    send: Send, reply: Reply, attempt: int, elapsed: float, error: WanTasksError | None
) -> None:
    """One DEBUG line per answer: status (or what failed), elapsed time, trace id, attempt."""
    kwargs = send.kwargs
    outcome = (
        f"HTTP {reply.status_code}" if isinstance(reply, httpx.Response) else type(reply).__name__
    )
    trace_id = getattr(error, "trace_id", None)
    logger.debug(
        "answer: %s %s -> %s in %.3f s (attempt %d%s)%s",
        kwargs["method"].upper(),
        kwargs["url"],
        outcome,
        elapsed,
        attempt + 1,
        f", trace_id {trace_id}" if trace_id else "",
        f": {error}" if error is not None else "",
    )


def attach_exchange(error: WanTasksError, reply: Reply) -> None:
    """Give `error` redacted, picklable snapshots of the request and of the answer, if any."""
    if isinstance(error, APIError | ResponseValidationError | APIConnectionError):
        request = _request_of(reply)
        if request is not None:
            error.request = RequestSnapshot.of(request)
    if isinstance(error, APIError | ResponseValidationError) and isinstance(reply, httpx.Response):
        error.response = ResponseSnapshot.of(reply)


def _request_of(reply: Reply) -> httpx.Request | None:
    """The request behind an answer or a transport error, when httpx knows it (a response
    or error made by hand, outside a client, has none)."""
    if not isinstance(reply, httpx.Response | httpx.RequestError):
        return None
    try:
        return reply.request
    except RuntimeError:
        return None


def with_raw_response(operation: Operation[T]) -> Operation[RawResponse[T]]:
    """`operation`, its result handed back with every HTTP response that led to it."""
    responses: list[httpx.Response] = []
    reply: Reply = None
    while True:
        try:
            effect = operation.send(reply)
        except StopIteration as done:
            return RawResponse(responses, done.value)
        reply = yield effect
        if isinstance(reply, httpx.Response):
            responses.append(reply)


def interpret(reply: Reply, wall_clock: Callable[[], float] = time.time) -> tuple[str, Any]:
    """Turn what came back into (shape, decoded 200 body), or raise the SDK error it means."""
    if isinstance(reply, httpx.TimeoutException):
        raise APITimeoutError(f"the request timed out ({type(reply).__name__})") from reply
    if isinstance(reply, httpx.HTTPError):
        raise APIConnectionError(f"connection failed: {type(reply).__name__}: {reply}") from reply
    if reply is None:  # pragma: no cover - a driver bug, not a service answer
        raise APIConnectionError("no response")
    status = reply.status_code
    if status != 200:
        raise error_for_status(status, reply.headers, reply.content, wall_clock)
    try:
        data = _decode_json(reply.content)
    except _UNDECODABLE:
        raise ResponseValidationError(
            f"the body is not JSON ({_describe_content(reply.headers, reply.content)})",
            status_code=status,
            body=reply.content,
        ) from None
    shape, problem = classify_body(data)
    if problem is not None:
        raise ResponseValidationError(
            problem, status_code=status, body=reply.content, trace_id=_trace_id(data)
        )
    return shape, data


# What `json.loads` raises for a body that is not JSON: ValueError (JSONDecodeError and
# UnicodeDecodeError are ones), and RecursionError for nesting deeper than the parser's stack.
_UNDECODABLE: Final = (ValueError, RecursionError)


def _no_constants(name: str) -> object:
    """`json.loads` takes NaN and Infinity, which JSON (and so the spec) does not have."""
    raise ValueError(f"{name} is not JSON")


# One decoder for every body: `json.loads(..., parse_constant=...)` would build a new one per
# call, which costs more than a tenth of the parse itself.
_JSON_DECODER: Final = json.JSONDecoder(parse_constant=_no_constants)


def _decode_json(content: bytes) -> Any:
    """`json.loads` for bytes (UTF-8, -16 or -32, as it detects them), without NaN/Infinity."""
    return _JSON_DECODER.decode(content.decode(json.detect_encoding(content), "surrogatepass"))


def _describe_content(headers: Mapping[str, str], content: bytes) -> str:
    kind = headers.get("content-type") or "no content-type"
    return f"{kind}, {len(content)} bytes"


def _trace_id(data: object) -> str | None:
    trace_id = data.get("trace_id") if isinstance(data, dict) else None
    return trace_id if isinstance(trace_id, str) else None


_ERRORS_BY_CODE: Final[Mapping[str, type[APIError]]] = {
    "token_mismatched": TokenMismatchedError,
    "api_not_implemented": APINotImplementedError,
    "used_up": BalanceExhaustedError,
}
_ERRORS_BY_STATUS: Final[Mapping[int, type[APIError]]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    429: RateLimitError,
    500: InternalServerError,
    504: GatewayTimeoutError,
}


def error_for_status(
    status: int,
    headers: Mapping[str, str],
    content: bytes,
    wall_clock: Callable[[], float] = time.time,
) -> WanTasksError:
    """The exception for a non-200 answer, with whatever the body tells about it."""
    try:
        HTTPStatus(status)
    except ValueError:
        return ResponseValidationError(
            f"status {status} is not an HTTP status ({_describe_content(headers, content)})",
            status_code=status,
            body=content,
        )
    if status < 400:
        return ResponseValidationError(
            f"status {status} is not one the service documents",
            status_code=status,
            body=content,
        )
    code, message, trace_id = _error_detail(headers, content)
    cls = _ERRORS_BY_CODE.get(code or "") if status == 400 or code == "used_up" else None
    if cls is None:
        cls = _ERRORS_BY_STATUS.get(status) or (ServerError if status >= 500 else APIError)
    return cls(
        status_code=status,
        code=code,
        message=message,
        trace_id=trace_id,
        body=content,
        headers=headers,
        retry_after=parse_retry_after(headers.get("retry-after"), wall_clock),
    )


def _error_detail(
    headers: Mapping[str, str], content: bytes
) -> tuple[str | None, str | None, str | None]:
    """(code, message, trace_id) of an `ErrorResponse`, tolerating the shapes it comes in."""
    try:
        data = _decode_json(content)
    except _UNDECODABLE:
        return None, f"the body is not JSON ({_describe_content(headers, content)})", None
    if not isinstance(data, dict):
        return None, f"the body is JSON but not an error object ({type(data).__name__})", None
    error = data.get("error")
    code = message = None
    if isinstance(error, str):
        message = error
    elif isinstance(error, dict):
        code = error.get("code") if isinstance(error.get("code"), str) else None
        message = error.get("message") if isinstance(error.get("message"), str) else None
    return code, message, _trace_id(data)


def parse_retry_after(
    value: str | None, wall_clock: Callable[[], float] = time.time
) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:
            return None
        seconds = when.timestamp() - wall_clock()
    if not math.isfinite(seconds):
        return None
    return max(seconds, 0.0)


# --- operations -------------------------------------------------------------------------------


def check_task_id(task_id: object, what: str = "a task id") -> str:
    if not isinstance(task_id, str) or not task_id.strip():
        raise InvalidArgumentError(f"{what} must be a non-empty string, got {task_id!r}")
    return task_id


def task_ids_of(
    task_ids: str | Iterable[str], *, unique: bool = True, what: str = "a task id"
) -> list[str]:
    """The ids, checked (unique ones in first-asked order when `unique`); a bare string is one
    id, not its characters."""
    if isinstance(task_ids, str):
        return [check_task_id(task_ids, what)]
    try:
        ids = [check_task_id(task_id, what) for task_id in task_ids]
    except TypeError:
        raise InvalidArgumentError(
            f"expected {what} or an iterable of them, got {type(task_ids).__name__}"
        ) from None
    return list(dict.fromkeys(ids)) if unique else ids


def _parse_task(data: Mapping[str, Any]) -> Task:
    """The generated parser, on a body already checked; any surprise left is still typed."""
    try:
        return Task.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ResponseValidationError(
            f"the task does not parse: {type(error).__name__}: {error}",
            status_code=200, body=json.dumps(data).encode(), trace_id=_trace_id(data),
        ) from None  # fmt: skip


def retrieve(
    settings: Settings, task_id: str | None = None, trace_id: str | None = None
) -> Operation[Task]:
    """One task by its id, or by the trace id of the request that created it (not confirmed
    for Wan); `TaskNotFoundError` names the key asked for."""
    if task_id is not None and trace_id is None:
        key, body = task_id, RetrieveRequest(action="retrieve", id=check_task_id(task_id))
    elif trace_id is not None and task_id is None:
        key = check_task_id(trace_id, "a trace id")
        body = RetrieveRequest(action="retrieve", trace_id=key)
    else:
        raise InvalidArgumentError("give either a task id or a trace_id, not both or neither")
    shape, data = yield from call(settings, body)
    if shape == Shape.UNKNOWN_TASK:
        raise TaskNotFoundError([key])
    if shape != Shape.TASK:
        raise _wrong_shape(Shape.TASK, shape, data)
    return _parse_task(data)


def _wrong_shape(expected: str, shape: str, data: object) -> ResponseValidationError:
    """A valid answer of the wrong kind for the request, e.g. a batch for `retrieve`."""
    return ResponseValidationError(
        f"expected {expected.replace('_', ' ')}, got {shape.replace('_', ' ')}",
        status_code=200,
        body=json.dumps(data).encode(),
        trace_id=_trace_id(data),
    )


def _batch(
    settings: Settings, body: RetrieveBatchRequest, deadline: float | None = None
) -> Operation[list[Task]]:
    """Send a `retrieve_batch` request; the tasks of its answer."""
    shape, data = yield from call(settings, body, deadline=deadline)
    if shape != Shape.BATCH:
        raise _wrong_shape(Shape.BATCH, shape, data)
    return [_parse_task(item) for item in data["items"]]


def _fetch(
    settings: Settings, ids: Sequence[str], deadline: float | None = None
) -> Operation[list[Task]]:
    return _batch(settings, RetrieveBatchRequest(action="retrieve_batch", ids=list(ids)), deadline)


def _chunks(ids: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    return (ids[start : start + size] for start in range(0, len(ids), size))


def retrieve_batch(
    settings: Settings,
    task_ids: str | Iterable[str] | None = None,
    trace_ids: str | Iterable[str] | None = None,
) -> Operation[BatchResult]:
    """Tasks by id, or by the trace ids of the requests that created them, `batch_size` a time.

    The result follows the order asked and names what was not found: by trace id, `missing`
    holds trace ids.
    """
    if task_ids is not None and trace_ids is None:
        keys, by_trace = task_ids_of(task_ids), False
    elif trace_ids is not None and task_ids is None:
        keys, by_trace = task_ids_of(trace_ids, what="a trace id"), True
    else:
        raise InvalidArgumentError("give either task ids or trace_ids, not both or neither")
    found: dict[str, Task] = {}
    for chunk in _chunks(keys, settings.batch_size):
        body = (
            RetrieveBatchRequest(action="retrieve_batch", trace_ids=list(chunk))
            if by_trace
            else RetrieveBatchRequest(action="retrieve_batch", ids=list(chunk))
        )
        for task in (yield from _batch(settings, body)):
            found.setdefault(task.trace_id if by_trace else task.id, task)
    return BatchResult(
        tasks=tuple(found[key] for key in keys if key in found),
        missing=tuple(key for key in keys if key not in found),
    )


@dataclass(frozen=True)
class ListQuery:
    """The `retrieve_batch` filters that choose a page of the caller's tasks."""

    type: str | None = None
    application_id: str | None = None
    user_id: str | None = None
    created_at_min: float | None = None
    created_at_max: float | None = None

    def body(self, limit: int, offset: int, created_at_max: float | None) -> RetrieveBatchRequest:
        def given(value: T | None) -> T | Any:
            return UNSET if value is None else value

        return RetrieveBatchRequest(
            action="retrieve_batch",
            type_=given(self.type),
            application_id=given(self.application_id),
            user_id=given(self.user_id),
            limit=limit,
            offset=offset,
            created_at_min=given(self.created_at_min),
            created_at_max=given(created_at_max),
        )


def list_tasks(
    settings: Settings, filters: ListQuery, page_size: int, limit: int | None
) -> Operation[None]:
    """Page newest-first by moving `created_at_max` back to the oldest task seen.

    Unlike `offset` paging, this does not shift when new tasks arrive. Tasks that share the
    boundary timestamp are fetched again by the next page and skipped by id; when a whole page
    shares one timestamp, `offset` moves past them instead.
    """
    if not 1 <= page_size <= MAX_LIST_PAGE:
        raise InvalidArgumentError(f"page_size must be from 1 to {MAX_LIST_PAGE}, got {page_size}")
    if limit is not None and limit < 0:
        raise InvalidArgumentError(f"limit must not be negative, got {limit}")
    created_at_max = filters.created_at_max
    offset = 0
    seen_at_boundary: set[str] = set()
    emitted = 0
    while limit is None or emitted < limit:
        want = page_size if limit is None else min(page_size, limit - emitted)
        page = yield from _batch(settings, filters.body(want, offset, created_at_max))
        fresh = [task for task in page if task.id not in seen_at_boundary]
        if limit is not None:
            fresh = fresh[: limit - emitted]  # a page longer than asked for must not overshoot
        if fresh:
            emitted += len(fresh)
            yield Emit(fresh)
        if len(page) < want or not page:
            return
        oldest = min(task.created_at for task in page)
        if oldest == created_at_max:
            offset += len(page)
        else:
            created_at_max, offset = oldest, 0
            seen_at_boundary = set()
        seen_at_boundary.update(task.id for task in page if task.created_at == oldest)


def wait(
    settings: Settings,
    task_ids: Sequence[str],
    *,
    timeout: float | None,
    poll_interval: float,
    on_progress: Callable[[WaitProgress], object] | None,
    raise_on_failure: bool,
) -> Operation[list[Task]]:
    """Poll until every task is terminal, with one batch request per 50 unfinished tasks.

    A round that fails with a retryable error (after the request's own retries) is skipped and
    the next one waits at least as long as `Retry-After` asked; nothing sleeps past the deadline.
    """
    asked = list(task_ids)
    task_ids = list(dict.fromkeys(asked))  # poll each task once, answer as asked
    if not task_ids:
        return []
    if poll_interval <= 0:
        raise InvalidArgumentError(f"poll_interval must be positive, got {poll_interval}")
    if timeout is not None and timeout < 0:
        raise InvalidArgumentError(f"timeout must not be negative, got {timeout}")
    start = settings.clock()
    deadline = None if timeout is None else start + timeout
    latest: dict[str, Task] = {}
    unfinished = list(task_ids)
    last_error: WanTasksError | None = None
    rounds = 0
    while True:
        rounds += 1
        hold_off = 0.0
        try:
            for chunk in _chunks(unfinished, settings.batch_size):
                found = {task.id: task for task in (yield from _fetch(settings, chunk, deadline))}
                missing = [task_id for task_id in chunk if task_id not in found]
                if missing:
                    raise TaskNotFoundError(missing)
                latest.update(found)
        except WanTasksError as error:
            if not is_retryable(error):
                raise
            retry_after = error.retry_after if isinstance(error, APIError) else None
            if (
                retry_after is not None
                and retry_after > settings.retry.max_retry_after
                and deadline is None
            ):
                raise  # unbounded, the policy's cap decides; a deadline bounds the wait anyway
            last_error = error
            hold_off = retry_after or 0.0
        else:
            last_error = None
        unfinished = [i for i in unfinished if i not in latest or not latest[i].is_terminal]
        if on_progress is not None:
            # A snapshot: the callback may keep it, and `latest` changes in the next round.
            on_progress(WaitProgress(dict(latest), len(task_ids), settings.clock() - start, rounds))
        if raise_on_failure:
            for task_id in task_ids:
                task = latest.get(task_id)
                if task is not None and task.status is TaskStatus.FAILED:
                    raise TaskFailedError(task)
        if not unfinished:
            return [latest[task_id] for task_id in asked]
        delay = max(poll_interval, hold_off)
        if deadline is not None:
            remaining = deadline - settings.clock()
            # Out of time, or the service asked us to hold off past the deadline: polling at
            # the deadline would go against its Retry-After, so stop now.
            if remaining <= 0 or hold_off >= remaining:
                seen = [latest[task_id] for task_id in task_ids if task_id in latest]
                raise WaitTimeoutError(seen, unfinished, timeout or 0.0, last_error)
            delay = min(delay, remaining)  # the last round polls at the deadline itself
        yield Sleep(delay)
