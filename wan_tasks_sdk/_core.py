"""The client's logic, written once for sync and async (sans-IO, in the manner of h11).

Every operation is a generator that yields *effects* (`Send` a request, `Sleep`, `Emit` tasks to
the caller of an iterator) and receives the outcome of each `Send` (an `httpx.Response`, or the
`httpx.HTTPError` it raised). The sync and async clients only perform the effects, so request
building, response classification, retries, batching, paging and the wait state machine exist in
this module alone.

200 answers are read by the generated models (`wan_tasks_sdk.generated`), which check them
against the spec while they build the objects. The client reads *tolerantly* (`strict=False`):
a record is refused only when a field the spec requires is missing or of the wrong type, while a
drifted optional field (`request.seed: "42"`, `response.cost: "0.25"`, a `null`) is read as
absent and kept in the record's `additional_properties`. A record that cannot be read at all
never fails the others: batches, listings and `wait()` return every readable task and report
the unreadable ones with their reasons (`BatchResult.invalid`, `TaskIterator.invalid`,
`UnreadableTasksError`). Such a record is not asked for again as a transient fault would be.
"""

from __future__ import annotations

import copy
import dataclasses
import ipaddress
import json
import logging
import math
import random
import re
import sys
import threading
import time
import zlib
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from functools import cached_property
from http import HTTPStatus
from typing import Any, Final, TypeGuard, TypeVar

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
from ._models import BatchResult, Task, TaskStatus, WaitProgress
from ._response import RawResponse, RequestSnapshot, ResponseSnapshot, redacted_headers
from ._version import __version__
from .generated.models import RetrieveBatchRequest, RetrieveRequest, TaskBatch
from .generated.types import UNSET, Unset, ValidationError, json_type

logger = logging.getLogger("wan_tasks_sdk")

T = TypeVar("T")

DEFAULT_BASE_URL: Final = "https://api.acedata.cloud"
DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES: Final = 2
DEFAULT_BATCH_SIZE: Final = 50
DEFAULT_PAGE_SIZE: Final = 50
MAX_LIST_PAGE: Final = 100
DEFAULT_MAX_RESPONSE_BYTES: Final = 10 * 1024 * 1024
"""The cap on a JSON body, decompressed; the largest batch answer is far below it."""
MIN_POLL_INTERVAL: Final = 0.1
"""`wait()` polls no faster than this, whatever `poll_interval` says."""
MIN_REQUEST_TIME: Final = 0.1
"""A request made at the deadline itself (the last poll of `wait()`) still gets this long.

With it, this is the slack by which a call may outlive its deadline: reads are bounded by the
time left, so the slack is this floor plus scheduling noise, well under a second.
"""
USER_AGENT: Final = (
    # `sys.version` starts with what `platform.python_version()` gives ("3.13.0rc1"), and the
    # `platform` module is a few milliseconds of import for this one string.
    f"wan-tasks-sdk/{__version__} python/{sys.version.split(' ', 1)[0]} httpx/{httpx.__version__}"
)


# The effects are plain slotted classes: they are made on every request, and a frozen
# dataclass costs a microsecond more each time.
class Send:
    """Send one request: the arguments of `httpx.Client.request`.

    `budget` is the most seconds the whole exchange (connect through the last byte of the body)
    may take, or `None` for no limit; the driver enforces it between and within reads.
    """

    __slots__ = ("budget", "kwargs")

    def __init__(self, kwargs: dict[str, Any], budget: float | None = None) -> None:
        self.kwargs = kwargs
        self.budget = budget


class Sleep:
    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds


class Emit:
    """Hand tasks to the caller of an iterating operation, with the records that could not be
    read (id or place -> reason)."""

    __slots__ = ("invalid", "tasks")

    def __init__(self, tasks: Sequence[Task], invalid: Mapping[str, str] | None = None) -> None:
        self.tasks = tasks
        self.invalid = invalid


class Answer:
    """A 200 answer: its decoded JSON object, and the response it came in (for error reports)."""

    __slots__ = ("data", "response")

    def __init__(self, data: dict[str, Any], response: httpx.Response) -> None:
        self.data = data
        self.response = response


Effect = Send | Sleep | Emit
Reply = httpx.Response | httpx.HTTPError | WanTasksError | None
"""What a driver sends back: the answer, or what went wrong while getting or reading it."""
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


class BearerAuth(httpx.Auth):
    """Adds the token to each request. An auth object rather than a header dict, so that no
    traceback that captures local variables (Sentry, rich, `pytest --showlocals`) shows it."""

    def __init__(self, token: _Secret) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["authorization"] = "Bearer " + self._token.reveal()
        yield request

    def __repr__(self) -> str:
        return "BearerAuth(<redacted>)"


class RequestGate:
    """Shared by every call of one client, in every thread and coroutine: after a 429 all of
    them hold off until its `Retry-After` has passed, and with `per_second` set, requests are
    spaced evenly (a client-side rate limit, off by default)."""

    def __init__(self, per_second: float | None = None) -> None:
        self._interval = 1.0 / per_second if per_second else 0.0
        self._lock = threading.Lock()
        self._paused_until = -math.inf
        self._next_slot = -math.inf
        self._cause: RateLimitError | None = None

    def hold_off(self, until: float, cause: RateLimitError) -> None:
        """Pause every call until `until` (on the client's clock), because of `cause`."""
        with self._lock:
            if until > self._paused_until:
                self._paused_until, self._cause = until, cause

    def reserve(self, now: float) -> tuple[float, RateLimitError | None]:
        """Take the next slot: (seconds to wait before sending, the 429 that pauses us or None)."""
        with self._lock:
            paused = self._paused_until > now
            start = max(now, self._paused_until, self._next_slot)
            if self._interval:
                self._next_slot = start + self._interval
            return start - now, self._cause if paused else None

    def after_fork(self) -> None:
        """In a forked child: a fresh lock, since another thread of the parent may hold it."""
        self._lock = threading.Lock()

    def __deepcopy__(self, memo: dict[int, Any]) -> RequestGate:
        return self  # one gate per client: copies of its settings share it


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
    if isinstance(error, ResponseTooLargeError):
        return False  # the same answer would come again
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
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    gate: RequestGate = field(default_factory=RequestGate)
    clock: Callable[[], float] = time.monotonic
    wall_clock: Callable[[], float] = time.time
    auth_in_client: bool = False
    """True when the httpx client already sends the authorization header itself."""
    timeout_in_client: bool = False
    """True when the httpx client already applies `timeout` itself."""
    extra_headers: Mapping[str, str] = field(default_factory=dict)
    """Sent with every request, after (and so over) the SDK's own headers."""

    @cached_property
    def url(self) -> httpx.URL:
        """The endpoint, parsed once: httpx would parse a `str` again on every request."""
        return httpx.URL(self.base_url.rstrip("/") + "/wan/tasks")

    @cached_property
    def auth(self) -> BearerAuth:
        return BearerAuth(self.token)

    @cached_property  # read for every request; the settings do not change
    def request_budget(self) -> float | None:
        """The longest any one request may take, all phases together: its largest timeout."""
        parts = [
            value
            for value in (self.timeout.connect, self.timeout.read, self.timeout.write)
            if value is not None
        ]
        return max(parts) if parts else None


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
        changes["base_url"] = check_base_url(base_url)[0]
    if not isinstance(timeout, Unset):
        changes["timeout"] = check_timeout(timeout)
        changes["timeout_in_client"] = False
    if not isinstance(max_retries, Unset):
        retries = check_whole_number(max_retries, "max_retries", minimum=0)
        changes["retry"] = dataclasses.replace(settings.retry, max_retries=retries)
    if extra_headers:
        changes["extra_headers"] = {**settings.extra_headers, **_checked_headers(extra_headers)}
    return dataclasses.replace(settings, **changes) if changes else settings


_HEADER_NAME: Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
"""An HTTP header name (RFC 9110's token)."""
_HEADER_VALUE: Final = re.compile(r"[\t\x20-\x7e]*")
"""A header value httpx can send: printable ASCII and tabs, no line break to smuggle a header."""


def _checked_headers(headers: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(headers, Mapping):
        raise InvalidArgumentError(f"extra_headers must be a mapping, got {type(headers).__name__}")
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise InvalidArgumentError(
                # The value's type only: a header may hold a credential.
                f"extra_headers must map str to str, got {name!r}: {type(value).__name__}"
            )
        if not _HEADER_NAME.fullmatch(name):
            raise InvalidArgumentError(f"extra_headers: {name!r} is not an HTTP header name")
        if not _HEADER_VALUE.fullmatch(value):
            raise InvalidArgumentError(
                f"extra_headers: the value of {name!r} must be printable ASCII on one line"
            )
    return dict(headers)


# --- requests ---------------------------------------------------------------------------------

CLIENT_HEADERS: Final[Mapping[str, str]] = {
    "accept": "application/json",
    "accept-encoding": "gzip, deflate",  # what `BodyReader` decodes, so a server sends no other
    "user-agent": USER_AGENT,
}


def _send(
    settings: Settings,
    body: RetrieveRequest | RetrieveBatchRequest,
    deadline: float | None,
) -> Send:
    # The spec's one operation, POST /wan/tasks, built here rather than through the generated
    # `_get_kwargs`, whose relative URL and header dict every call would replace again.
    kwargs: dict[str, Any] = {"method": "POST", "url": settings.url, "json": body.to_dict()}
    budget = settings.request_budget
    if not settings.auth_in_client:
        # A caller's client: our token (as an auth object, which no traceback shows) and our
        # headers. Our own client sends both already, and httpx sets the JSON content type.
        kwargs["headers"] = {"content-type": "application/json", **CLIENT_HEADERS}
        kwargs["auth"] = settings.auth
    if settings.extra_headers:
        kwargs["headers"] = {**kwargs.get("headers", {}), **settings.extra_headers}
    if not settings.timeout_in_client:
        kwargs["timeout"] = settings.timeout
    if deadline is not None:
        # A request may not outlive the caller's deadline by more than the floor that lets the
        # final poll, made at the deadline itself, still get an answer.
        left = max(deadline - settings.clock(), MIN_REQUEST_TIME)
        if budget is None or left < budget:
            budget = left
            kwargs["timeout"] = httpx.Timeout(
                min(settings.timeout.read or left, left),
                connect=min(settings.timeout.connect or left, left),
                write=min(settings.timeout.write or left, left),
                pool=min(settings.timeout.pool or left, left),
            )
    return Send(kwargs, budget)


def _gate(settings: Settings, deadline: float | None) -> Operation[None]:
    """Wait for the client's gate: a 429 another call saw, or the client's own rate limit."""
    pause, cause = settings.gate.reserve(settings.clock())
    if pause <= 0:
        return
    if deadline is not None and settings.clock() + pause >= deadline:
        if cause is not None:
            raise copy.copy(cause)  # the service asked every call to hold off past our deadline
        pause = max(deadline - settings.clock(), 0.0)
    yield Sleep(pause)


def call(
    settings: Settings,
    body: RetrieveRequest | RetrieveBatchRequest,
    *,
    deadline: float | None = None,
) -> Operation[Answer]:
    """Send `body`, repeating it as the retry policy says; returns the 200 answer."""
    attempt = 0
    while True:
        yield from _gate(settings, deadline)
        send = _send(settings, body, deadline)
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
            if isinstance(error, RateLimitError) and error.retry_after is not None:
                # Every call of this client holds off, this one included (in `_gate`).
                settings.gate.hold_off(settings.clock() + delay, error)
            else:
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


def interpret(reply: Reply, wall_clock: Callable[[], float] = time.time) -> Answer:
    """Turn what came back into a decoded 200 answer, or raise the SDK error it means.

    Only the JSON is decoded here: what the body must hold depends on the request, so the
    operations read it (`read_task`, `_read_batch`).
    """
    if isinstance(reply, WanTasksError):
        raise reply
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
    if not isinstance(data, dict):
        raise ResponseValidationError(
            f"body: expected a JSON object, got {json_type(data)}",
            status_code=status,
            body=reply.content,
        )
    return Answer(data, reply)


_GZIP_OR_ZLIB: Final = zlib.MAX_WBITS | 32  # zlib detects which of the two headers it gets


class BodyReader:
    """Decodes a body as it arrives, counting the decompressed bytes against a cap.

    httpx inflates each compressed chunk whole, so a 1 MB gzip body of zeros becomes a gigabyte
    in memory before any check could run; here each step inflates at most what the cap has left.
    """

    def __init__(
        self, status_code: int, headers: Mapping[str, str], limit: int, *, decoded: bool = False
    ) -> None:
        self.decoded = decoded
        """True when the body comes decoded already, whatever its `content-encoding` says."""
        self._status_code = status_code
        self._limit = limit
        self._parts: list[bytes] = []
        self._size = 0
        self._raw_deflate_fallback = False
        self._inflate = None
        if decoded:
            return
        encodings = [
            name
            for name in (
                part.strip().lower() for part in headers.get("content-encoding", "").split(",")
            )
            if name and name != "identity"
        ]
        self._raw_deflate_fallback = encodings == ["deflate"]
        if encodings in (["gzip"], ["x-gzip"], ["deflate"]):
            self._inflate = zlib.decompressobj(_GZIP_OR_ZLIB)
        elif encodings:
            raise self._invalid(
                f"content-encoding {', '.join(encodings)!r} is not one we asked for"
            )

    def feed(self, raw: bytes) -> None:
        if self._inflate is None:
            self._keep(raw)
            return
        data = raw
        while data and not self._inflate.eof:
            try:
                # At most one byte past the cap: enough to know it was passed.
                out = self._inflate.decompress(data, self._limit - self._size + 1)
            except zlib.error as error:
                if self._raw_deflate_fallback and not self._size:
                    # "deflate" is meant to be zlib-wrapped, but some servers send it raw.
                    self._raw_deflate_fallback = False
                    self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise self._invalid(f"the body does not decompress: {error}") from None
            self._raw_deflate_fallback = False
            self._keep(out)
            data = self._inflate.unconsumed_tail

    def body(self) -> bytes:
        """The whole decoded body, once the last chunk has been fed."""
        return b"".join(self._parts)

    def _keep(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self._limit:
            raise ResponseTooLargeError(
                f"the body passed the client's limit of {self._limit:,} bytes (max_response_bytes)",
                status_code=self._status_code,
                body=b"".join(self._parts)[:1024],
            )
        self._parts.append(chunk)

    def _invalid(self, reason: str) -> ResponseValidationError:
        return ResponseValidationError(reason, status_code=self._status_code, body=b"")


# What `json.loads` raises for a body that is not JSON: ValueError (JSONDecodeError and
# UnicodeDecodeError are ones), and RecursionError for nesting deeper than the parser's stack.
_UNDECODABLE: Final = (ValueError, RecursionError)


def _no_constants(name: str) -> object:
    """`json.loads` takes NaN and Infinity, which JSON (and so the spec) does not have."""
    raise ValueError(f"{name} is not JSON")


# One decoder for every body: `json.loads(..., parse_constant=...)` would build a new one per
# call, which costs more than a tenth of the parse itself.
_JSON_DECODER: Final = json.JSONDecoder(parse_constant=_no_constants)


def _decode_json_stdlib(content: bytes) -> Any:
    """`json.loads` for bytes (UTF-8, -16 or -32, as it detects them), without NaN/Infinity."""
    return _JSON_DECODER.decode(content.decode(json.detect_encoding(content), "surrogatepass"))


_fast_loads: Callable[[bytes], Any] | None
try:  # the optional `fast` extra: `pip install wan-tasks-sdk[fast]`
    from orjson import loads as _fast_loads
except ImportError:
    _fast_loads = None


def _decode_json(content: bytes) -> Any:
    """The decoded body: with orjson when it is installed (a quarter of the stdlib's time).

    What orjson refuses (NaN and Infinity too) goes to the stdlib, which decides as it does
    without the extra: orjson reads UTF-8 only, and refuses lone surrogates and numbers beyond
    a float. One difference remains: an integer beyond 64 bits reads as a float.
    """
    if _fast_loads is not None:
        try:
            return _fast_loads(content)
        except ValueError:  # orjson.JSONDecodeError is one
            pass
    return _decode_json_stdlib(content)


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
        location = headers.get("location")
        return ResponseValidationError(
            f"status {status} is not one the service documents"
            + (f" (it redirects to '{shown_url(location)}')" if location else ""),
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
        headers=redacted_headers(headers),  # errors are logged, pickled and shown
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
    if math.isnan(seconds):
        return None
    return max(seconds, 0.0)  # inf (and 1e309, which float() makes inf) is past any deadline


# --- arguments --------------------------------------------------------------------------------
# Checked before anything is sent, so that a wrong value is an `InvalidArgumentError` (CLI exit
# 2) naming the argument, never a raw Python error or a request that was bound to fail.


def is_number(value: object) -> TypeGuard[int | float]:
    # A bool is an int to Python, but `True` is no number of seconds.
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_seconds(value: object, name: str, *, zero_allowed: bool = False) -> float | None:
    """A duration: a positive number (zero when allowed); `None` or infinity mean no limit."""
    if value is None:
        return None
    if not is_number(value) or math.isnan(value):
        raise InvalidArgumentError(f"{name} must be a number of seconds or None, got {value!r}")
    seconds = float(value)
    if seconds < 0 or (seconds == 0 and not zero_allowed):
        bound = "not be negative" if zero_allowed else "be positive"
        raise InvalidArgumentError(f"{name} must {bound}, got {value!r}")
    return None if math.isinf(seconds) else seconds


def check_timeout(value: object) -> httpx.Timeout:
    """The client's `timeout=`: seconds, an `httpx.Timeout`, or `None` for none at all."""
    if isinstance(value, httpx.Timeout):
        for phase, seconds in value.as_dict().items():
            check_seconds(seconds, f"timeout.{phase}")
        return value
    return httpx.Timeout(check_seconds(value, "timeout"))


def check_wait_arguments(
    timeout: object, poll_interval: object, on_progress: object, raise_on_failure: object
) -> tuple[float | None, float]:
    """(timeout, poll_interval) as `wait()` uses them; the poll interval at least the minimum."""
    seconds = check_seconds(timeout, "timeout", zero_allowed=True)  # 0: poll once, then give up
    interval = check_seconds(poll_interval, "poll_interval")
    if interval is None:
        raise InvalidArgumentError(f"poll_interval must be finite, got {poll_interval!r}")
    if on_progress is not None and not callable(on_progress):
        raise InvalidArgumentError(f"on_progress must be callable or None, got {on_progress!r}")
    if not isinstance(raise_on_failure, bool):
        raise InvalidArgumentError(f"raise_on_failure must be a bool, got {raise_on_failure!r}")
    return seconds, max(interval, MIN_POLL_INTERVAL)


def check_list_arguments(page_size: object, limit: object) -> None:
    check_whole_number(page_size, "page_size", minimum=1)
    if page_size > MAX_LIST_PAGE:  # type: ignore[operator]
        raise InvalidArgumentError(f"page_size must be from 1 to {MAX_LIST_PAGE}, got {page_size}")
    if limit is not None:
        check_whole_number(limit, "limit", minimum=0)


def base_url_problem(value: object) -> str | None:
    """What keeps `value` from being the service's base URL, in words that follow its name
    (`base_url` here, `--base-url` in the CLI); `None` when it can be used."""
    if not isinstance(value, str) or not value or value != value.strip():
        return f"must be an http:// or https:// URL: {value!r}"
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, ValueError) as error:
        return f"not a URL ({error}): {value!r}"
    if url.scheme not in ("http", "https") or not url.host:
        return f"must be an http:// or https:// URL: {value!r}"
    if url.userinfo:
        # It would show in every log line and error snapshot, and the token replaces it anyway.
        return (
            f"must not hold a user name or password ({url.scheme}://...@{url.host}); "
            "the API token is given on its own"
        )
    return None


def check_base_url(value: object) -> tuple[str, bool]:
    """(the base URL, whether it sends the token in clear text to another machine)."""
    problem = base_url_problem(value)
    if problem is not None or not isinstance(value, str):
        raise InvalidArgumentError(f"base_url: {problem}")
    url = httpx.URL(value)
    return value, url.scheme == "http" and not is_loopback(url.host)


def shown_url(url: str) -> str:
    """`url` fit for a message: the query (a signed link's signature, a token) is left out."""
    shown, _, query = url.partition("#")[0].partition("?")
    shown = shown if len(shown) <= 200 else shown[:200] + "..."
    return repr(shown)[1:-1] + ("?..." if query else "")


def is_loopback(host: str) -> bool:
    """This machine: `localhost` or a name under `.localhost` (RFC 6761), 127.0.0.0/8 or ::1;
    nothing on the way can read the traffic. One rule for the base URL and for video links."""
    host = host.lower().rstrip(".").strip("[]")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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


def read_task(record: object, path: str = "") -> Task | str:
    """One task record, read tolerantly: the `Task`, or why it cannot be read.

    The reason names the field (`items[3].request: expected object, got string`); `path` is
    where the record sits in the body. One unreadable record need not fail the others.
    """
    try:
        return Task.from_dict(record, strict=False)  # type: ignore[arg-type]  # checks it is an object
    except ValidationError as error:
        return str(error.within(path) if path else error)


class Unreadable:
    """A record of a batch that could not be read: the raw record, and why (naming the field)."""

    __slots__ = ("reason", "record")

    def __init__(self, record: object, reason: str) -> None:
        self.record = record
        self.reason = reason

    def field(self, name: str) -> object:
        """A field of the raw record, unchecked; `None` when absent or not an object."""
        return self.record.get(name) if isinstance(self.record, dict) else None

    def key(self, name: str) -> str | None:
        """The record's `id` or `trace_id`, when that at least is a non-empty string."""
        value = self.field(name)
        return value if isinstance(value, str) and value else None

    def created_at(self) -> float | None:
        value = self.field("created_at")
        if not is_number(value):
            return None
        return float(value) if math.isfinite(value) else None


def _invalid(answer: Answer, reason: str) -> ResponseValidationError:
    """The error for a 200 answer the client cannot read, with the exchange attached."""
    error = ResponseValidationError(
        reason, status_code=200, body=answer.response.content, trace_id=_trace_id(answer.data)
    )
    attach_exchange(error, answer.response)
    return error


def _is_batch(data: Mapping[str, Any]) -> bool:
    """Whether the answer is a `TaskBatch` rather than a `Task`, by the keys only one requires."""
    return data.keys() >= TaskBatch.REQUIRED_PROPERTIES and "id" not in data


def _retrieve_request(task_id: str | None, trace_id: str | None) -> tuple[str, RetrieveRequest]:
    """The key asked for (checked) and the `retrieve` request for it."""
    if task_id is not None and trace_id is None:
        return task_id, RetrieveRequest(action="retrieve", id=check_task_id(task_id))
    if trace_id is not None and task_id is None:
        key = check_task_id(trace_id, "a trace id")
        return key, RetrieveRequest(action="retrieve", trace_id=key)
    raise InvalidArgumentError("give either a task id or a trace_id, not both or neither")


def _read_one(answer: Answer) -> Task | str | None:
    """The record of a `retrieve` answer: the task, why it cannot be read, or `None` for `{}`
    (the spec's UnknownTask). An answer that is not a task at all is an error."""
    if not answer.data:
        return None
    if _is_batch(answer.data):
        raise _invalid(answer, "expected task, got batch")
    return read_task(answer.data)


def retrieve(
    settings: Settings, task_id: str | None = None, trace_id: str | None = None
) -> Operation[Task]:
    """One task by its id, or by the trace id of the request that created it (not confirmed
    for Wan); `TaskNotFoundError` names the key asked for, and a record that cannot be read is a
    `ResponseValidationError` naming the field."""
    key, body = _retrieve_request(task_id, trace_id)
    answer = yield from call(settings, body)
    task = _read_one(answer)
    if task is None:
        raise TaskNotFoundError([key])
    if isinstance(task, str):
        raise _invalid(answer, task)
    return task


def _read_batch(answer: Answer) -> list[Task | Unreadable]:
    """The records of a `TaskBatch` answer in order, each read on its own, so that one of them
    cannot fail the others; only an answer that is no batch at all raises."""
    data = answer.data
    if not data:
        raise _invalid(answer, "expected batch, got unknown task")
    if not _is_batch(data) and data.keys() >= Task.REQUIRED_PROPERTIES:
        raise _invalid(answer, "expected batch, got task")
    items = data.get("items")
    try:
        # The envelope (`count`, and `items` being an array) is checked by the generated model.
        envelope = {**data, "items": []} if isinstance(items, list) else data
        TaskBatch.from_dict(envelope, strict=False)
    except ValidationError as error:
        raise _invalid(answer, str(error)) from None
    assert isinstance(items, list)
    records: list[Task | Unreadable] = []
    for index, item in enumerate(items):
        try:
            records.append(Task.from_dict(item, strict=False))
        except ValidationError as error:  # the path is only worth its cost for these
            records.append(Unreadable(item, str(error.within(f"items[{index}]"))))
    return records


def _lookup(
    settings: Settings,
    keys: Sequence[str],
    *,
    by_trace: bool = False,
    deadline: float | None = None,
) -> Operation[tuple[dict[str, Task], dict[str, str]]]:
    """One `retrieve_batch` request for `keys` (task ids, or trace ids): the tasks of the answer,
    and key -> reason for each asked key whose record could not be read, both by key.

    An unreadable record whose key cannot be read either looks like an unknown id: the keys the
    answer left unaccounted for are then asked for one by one (`retrieve`), so that each ends
    up found, unknown, or unreadable under its own key. Only that rare answer costs requests.
    """
    name = "trace_id" if by_trace else "id"
    body = (
        RetrieveBatchRequest(action="retrieve_batch", trace_ids=list(keys))
        if by_trace
        else RetrieveBatchRequest(action="retrieve_batch", ids=list(keys))
    )
    answer = yield from call(settings, body, deadline=deadline)
    found: dict[str, Task] = {}
    unreadable: dict[str, str] = {}
    keyless = False
    for record in _read_batch(answer):
        if isinstance(record, Task):
            found.setdefault(record.trace_id if by_trace else record.id, record)
        elif (key := record.key(name)) is not None:
            unreadable.setdefault(key, record.reason)
        else:
            keyless = True
    # A repeated item may be readable once and not the other time: the readable one counts.
    invalid = {key: unreadable[key] for key in keys if key in unreadable and key not in found}
    if keyless:
        for key in keys:
            if key in found or key in invalid:
                continue
            _, request = _retrieve_request(None, key) if by_trace else _retrieve_request(key, None)
            single = _read_one((yield from call(settings, request, deadline=deadline)))
            if isinstance(single, Task):
                found[key] = single
            elif single is not None:
                invalid[key] = single
    return found, invalid


def _chunks(ids: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    return (ids[start : start + size] for start in range(0, len(ids), size))


def retrieve_batch(
    settings: Settings,
    task_ids: str | Iterable[str] | None = None,
    trace_ids: str | Iterable[str] | None = None,
) -> Operation[BatchResult]:
    """Tasks by id, or by the trace ids of the requests that created them, `batch_size` a time.

    The result follows the order asked and names what was not found (`missing`) and what could
    not be read (`invalid`, with the reasons); by trace id, both hold trace ids.
    """
    if task_ids is not None and trace_ids is None:
        keys, by_trace = task_ids_of(task_ids), False
    elif trace_ids is not None and task_ids is None:
        keys, by_trace = task_ids_of(trace_ids, what="a trace id"), True
    else:
        raise InvalidArgumentError("give either task ids or trace_ids, not both or neither")
    found: dict[str, Task] = {}
    invalid: dict[str, str] = {}
    for chunk in _chunks(keys, settings.batch_size):
        tasks, unreadable = yield from _lookup(settings, chunk, by_trace=by_trace)
        for key, task in tasks.items():
            found.setdefault(key, task)
        invalid.update(unreadable)
    return BatchResult(
        tasks=tuple(found[key] for key in keys if key in found),
        missing=tuple(key for key in keys if key not in found and key not in invalid),
        invalid={key: invalid[key] for key in keys if key in invalid and key not in found},
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

    Records that cannot be read are emitted beside the tasks, by id, or by their place
    (`pages[2].items[7]`) when even the id cannot be read. They still count as records of the
    page (a page of 50 with one of them is a full page), and their `created_at`, when readable,
    still moves the boundary.

    The arguments are checked now, not at the iterator's first step.
    """
    check_list_arguments(page_size, limit)
    return _list_pages(settings, filters, page_size, limit)


def _list_pages(
    settings: Settings, filters: ListQuery, page_size: int, limit: int | None
) -> Operation[None]:
    created_at_max = filters.created_at_max
    offset = 0
    seen_at_boundary: set[str] = set()
    emitted = 0
    pages = 0
    stale_pages = 0
    while limit is None or emitted < limit:
        want = page_size if limit is None else min(page_size, limit - emitted)
        answer = yield from call(settings, filters.body(want, offset, created_at_max))
        page = _read_batch(answer)
        fresh: list[Task] = []
        invalid: dict[str, str] = {}
        stamps: list[tuple[float | None, str]] = []  # (created_at, id) of every record
        for index, record in enumerate(page):
            if isinstance(record, Task):
                stamps.append((record.created_at, record.id))
                if record.id in seen_at_boundary:
                    continue
                if limit is not None and emitted + len(fresh) >= limit:
                    continue  # a page longer than asked for must not overshoot
                fresh.append(record)
            else:
                key = record.key("id")
                # Without an id, the record itself tells it apart when the next page repeats it.
                seen_as = key or json.dumps(record.record, sort_keys=True)
                stamps.append((record.created_at(), seen_as))
                if seen_as in seen_at_boundary or (
                    limit is not None and emitted + len(fresh) >= limit
                ):
                    continue
                invalid[key or f"pages[{pages}].items[{index}]"] = record.reason
        pages += 1
        _check_page_in_range(stamps, created_at_max, answer)
        if fresh or invalid:
            emitted += len(fresh)
            yield Emit(fresh, invalid)
        if len(page) < want:
            return
        # The page after a boundary may repeat it whole, but the one after that moved `offset`
        # past it: nothing new twice in a row means the service ignores `offset`.
        stale_pages = 0 if fresh or invalid else stale_pages + 1
        if stale_pages >= 2:
            raise _paging_ignored("offset", answer)
        oldest = min((stamp for stamp, _ in stamps if stamp is not None), default=None)
        if oldest is None or oldest == created_at_max:
            offset += len(page)
        else:
            created_at_max, offset = oldest, 0
            seen_at_boundary = set()
        seen_at_boundary.update(seen_as for stamp, seen_as in stamps if stamp == oldest)


def _poll(
    settings: Settings,
    task_ids: Sequence[str],
    deadline: float | None,
    latest: dict[str, Task],
    invalid: dict[str, str],
) -> Operation[None]:
    """One polling round of `wait()`: the tasks read go into `latest`, the records that cannot
    be read into `invalid` (leaving `latest`: an earlier readable state is no longer news)."""
    for chunk in _chunks(task_ids, settings.batch_size):
        found, unreadable = yield from _lookup(settings, chunk, deadline=deadline)
        missing = [i for i in chunk if i not in found and i not in unreadable]
        if missing:
            raise TaskNotFoundError(missing)
        latest.update(found)
        for task_id, reason in unreadable.items():
            invalid[task_id] = reason
            latest.pop(task_id, None)


def _check_page_in_range(
    stamps: Sequence[tuple[float | None, str]], created_at_max: float | None, answer: Answer
) -> None:
    if created_at_max is not None and any(
        stamp is not None and stamp > created_at_max for stamp, _ in stamps
    ):
        raise _paging_ignored("created_at_max", answer)


def _paging_ignored(name: str, answer: Answer) -> ResponseValidationError:
    """Listing stops with this rather than loop forever (or list tasks twice)."""
    return _invalid(answer, f"the service ignored {name}, so listing cannot make progress; stopped")


def _after_round(
    polled: list[str], latest: Mapping[str, Task], invalid: Mapping[str, str]
) -> tuple[list[str], Task | None]:
    """The polled ids still unfinished, and the first polled task that failed, if any.

    Only the tasks polled in a round can have changed, so each status is read once, there: a
    task that failed in an earlier round has raised already (when `raise_on_failure`).
    """
    unfinished: list[str] = []
    failed: Task | None = None
    for task_id in polled:
        if task_id in invalid:
            continue
        task = latest.get(task_id)
        status = TaskStatus.PENDING if task is None else task.status
        if not status.is_terminal:
            unfinished.append(task_id)
        elif status is TaskStatus.FAILED and failed is None:
            failed = task
    return unfinished, failed


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
    A task whose record cannot be read is not polled again; once every other task has finished,
    `UnreadableTasksError` reports them together with the finished tasks.
    """
    asked = list(task_ids)
    task_ids = list(dict.fromkeys(asked))  # poll each task once, answer as asked
    if not task_ids:
        return []
    start = settings.clock()
    deadline = None if timeout is None else start + timeout
    latest: dict[str, Task] = {}
    invalid: dict[str, str] = {}  # unreadable records: reported at the end, never polled again
    unfinished = list(task_ids)
    last_error: WanTasksError | None = None
    rounds = 0
    while True:
        rounds += 1
        hold_off = 0.0
        try:
            yield from _poll(settings, unfinished, deadline, latest, invalid)
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
            if (
                isinstance(error, RateLimitError)
                and retry_after is not None
                and deadline is not None
                and settings.clock() + retry_after > deadline
            ):
                raise  # the service asked us to hold off past the deadline: say so at once
            last_error = error
            hold_off = retry_after or 0.0
        else:
            last_error = None
        unfinished, failed = _after_round(unfinished, latest, invalid)
        if on_progress is not None:
            # A snapshot: the callback may keep it, and `latest` changes in the next round.
            on_progress(
                WaitProgress(
                    dict(latest), len(task_ids), settings.clock() - start, rounds, dict(invalid)
                )
            )
        if raise_on_failure and failed is not None:
            raise TaskFailedError(failed)
        if not unfinished:
            if invalid:
                raise UnreadableTasksError(
                    [latest[task_id] for task_id in asked if task_id not in invalid],
                    {task_id: invalid[task_id] for task_id in task_ids if task_id in invalid},
                )
            return [latest[task_id] for task_id in asked]
        delay = max(poll_interval, hold_off)
        if deadline is not None:
            remaining = deadline - settings.clock()
            # Out of time, or the service asked us to hold off past the deadline: polling at
            # the deadline would go against its Retry-After, so stop now.
            if remaining <= 0 or hold_off >= remaining:
                seen = [latest[task_id] for task_id in task_ids if task_id in latest]
                raise WaitTimeoutError(seen, unfinished, timeout or 0.0, last_error, invalid)
            delay = min(delay, remaining)  # the last round polls at the deadline itself
        yield Sleep(delay)
