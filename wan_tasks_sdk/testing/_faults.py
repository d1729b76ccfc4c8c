"""Faults the fake can be told to commit, so that error handling can be tested.

A fault replaces (or spoils) the fake's answer to the next request(s) it is injected for, see
`FakeWanTasks.inject`. The faults are the ones the real service and the network in front of it
are known to commit: errors with the service's JSON body, rate limiting with `Retry-After`,
HTML pages from a proxy or CDN with statuses Python does not know, slow answers, connections
dropped without an answer, and bodies cut short.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from email.utils import format_datetime
from typing import Literal, TypeAlias

__all__ = [
    "Disconnect",
    "ErrorReply",
    "Fault",
    "FaultTarget",
    "ProxyError",
    "RateLimited",
    "ServerFault",
    "Slow",
    "TruncatedBody",
]

#: Which requests a fault applies to: the API (`POST /wan/tasks` and any other request that is
#: not a video), the video downloads (`/videos/...`), or any request.
FaultTarget: TypeAlias = Literal["api", "videos", "any"]


@dataclass(frozen=True, slots=True)
class ErrorReply:
    """Answer with the service's JSON error body: `{"success": false, "error": {...}}`.

    For the errors not covered by the other faults, e.g. `ErrorReply(401, "token_expired",
    "The token has expired.")`, `ErrorReply(403, "forbidden", ...)`, `ErrorReply(400,
    "used_up", ...)`.
    """

    status: int
    code: str
    message: str
    headers: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not 100 <= self.status <= 999:
            raise ValueError(f"not an HTTP status: {self.status!r}")


@dataclass(frozen=True, slots=True)
class RateLimited:
    """Answer 429 `too_many_requests`, with `Retry-After` if `retry_after` is given.

    `retry_after` is a number of seconds (sent as a whole number) or a date (an aware
    `datetime`, sent as an HTTP date), or a string sent as it is.
    """

    retry_after: int | str | _dt.datetime | None = None

    def __post_init__(self) -> None:
        value = self.retry_after
        if isinstance(value, bool) or (isinstance(value, int) and value < 0):
            raise ValueError(f"retry_after must be a number of seconds >= 0: {value!r}")
        if isinstance(value, _dt.datetime) and value.utcoffset() is None:
            raise ValueError("retry_after must be an aware datetime (a timezone is needed)")

    def retry_after_header(self) -> str | None:
        """The value of the `Retry-After` header, or None to send none."""
        value = self.retry_after
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, _dt.datetime):
            return format_datetime(value.astimezone(_dt.UTC), usegmt=True)
        return str(value)


@dataclass(frozen=True, slots=True)
class ServerFault:
    """Answer a 5xx with the service's JSON error body (`api_error`, or `timeout` for 504).

    Named `ServerError` before 0.2.0, which clashed with `wan_tasks_sdk.ServerError`, the
    exception the client raises for it.
    """

    status: int = 500
    code: str | None = None
    message: str | None = None

    def __post_init__(self) -> None:
        if not 500 <= self.status <= 599:
            raise ValueError(f"a server error has a 5xx status, not {self.status!r}")


@dataclass(frozen=True, slots=True)
class ProxyError:
    """Answer as a proxy or CDN in front of the service would: an HTML page, not JSON.

    The status may be one Python's `HTTPStatus` does not know (499, 520-527).
    """

    status: int = 502
    body: str | None = None

    def __post_init__(self) -> None:
        if not 100 <= self.status <= 999:
            raise ValueError(f"not an HTTP status: {self.status!r}")


@dataclass(frozen=True, slots=True)
class Slow:
    """Answer normally, but only after `seconds`.

    The wait is on the fake's clock: with a `FakeClock` it is instant and moves the clock
    forward (tasks progress meanwhile); with the system clock it is real. `real=True` waits
    wall-clock time whatever the clock, for testing socket timeouts against a real server.
    An httpx transport honours the request's read timeout: when `seconds` exceeds it, the
    transport waits that long and raises `httpx.ReadTimeout`, as a real connection would.
    """

    seconds: float
    real: bool = False

    def __post_init__(self) -> None:
        if not self.seconds >= 0:
            raise ValueError(f"seconds must be >= 0: {self.seconds!r}")


@dataclass(frozen=True, slots=True)
class Disconnect:
    """Close the connection without answering.

    An httpx transport raises `httpx.RemoteProtocolError` ("Server disconnected without
    sending a response."), which is what httpx raises against a real server that does this.
    """


@dataclass(frozen=True, slots=True)
class TruncatedBody:
    """Answer normally, but close the connection after `after_bytes` bytes of the body.

    `content-length` still announces the whole body, so the client sees an interrupted
    download (httpx raises `httpx.RemoteProtocolError`). Injected for video downloads unless
    told otherwise.
    """

    after_bytes: int

    def __post_init__(self) -> None:
        if self.after_bytes < 0:
            raise ValueError(f"after_bytes must be >= 0: {self.after_bytes!r}")


#: Any fault `FakeWanTasks.inject` accepts.
Fault: TypeAlias = (
    ErrorReply | RateLimited | ServerFault | ProxyError | Slow | Disconnect | TruncatedBody
)


def default_target(fault: Fault) -> FaultTarget:
    """Where a fault goes unless `inject(..., on=...)` says otherwise."""
    return "videos" if isinstance(fault, TruncatedBody) else "api"


@dataclass(slots=True)
class Injected:
    """A fault waiting in the queue, with how many more requests it will spoil."""

    fault: Fault
    remaining: int
    target: FaultTarget = field(default="api")
