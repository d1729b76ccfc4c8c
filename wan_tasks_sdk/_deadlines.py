"""Whole-request deadlines on top of httpx, whose timeouts are per phase and per read.

httpx's read timeout restarts with every read, so a server that sends one byte a second keeps a
3-second request busy for as long as it likes. Here every request runs under a deadline (a
context variable, so it holds per thread and per coroutine), and every socket the request uses
reads with a timeout of at most the time left. That works with a caller's own `http_client` too:
it needs nothing but httpcore's `trace` extension, which every httpx client honours.

Left out: DNS resolution, which no socket timeout bounds.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar, Token
from typing import Any, Final

import httpx

_DEADLINE: ContextVar[float | None] = ContextVar("wan_tasks_sdk_deadline", default=None)
_BOUNDED: Final = "_wan_tasks_sdk_bounded"
"""Marks a network stream whose reads already follow the deadline."""


class Deadline:
    """`with Deadline(seconds):` runs the block under a deadline `seconds` from now (`None`: no
    deadline). A class rather than a `@contextmanager` generator: it wraps every request."""

    __slots__ = ("_seconds", "_token")
    _token: Token[float | None]

    def __init__(self, seconds: float | None) -> None:
        self._seconds = seconds

    def __enter__(self) -> None:
        seconds = self._seconds
        self._token = _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)

    def __exit__(self, *exc_info: object) -> None:
        _DEADLINE.reset(self._token)


def time_left() -> float | None:
    """Seconds left before the current deadline; `None` outside any."""
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


def _read_timeout(timeout: float | None) -> float | None:
    left = time_left()
    if left is None:
        return timeout
    if left <= 0:
        # Not imported with the module: httpx itself loads httpcore (and its TLS set-up) only
        # when a transport is made, and one is reading here, so this costs a lookup.
        import httpcore  # noqa: PLC0415

        raise httpcore.ReadTimeout("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


def _bound_sync(stream: Any) -> None:
    if stream is None or getattr(stream, _BOUNDED, False):
        return
    read: Callable[[int, float | None], bytes] = stream.read

    def bounded_read(max_bytes: int, timeout: float | None = None) -> bytes:
        return read(max_bytes, _read_timeout(timeout))

    stream.read = bounded_read
    setattr(stream, _BOUNDED, True)


def _bound_async(stream: Any) -> None:
    if stream is None or getattr(stream, _BOUNDED, False):
        return
    read: Callable[[int, float | None], Awaitable[bytes]] = stream.read

    async def bounded_read(max_bytes: int, timeout: float | None = None) -> bytes:
        return await read(max_bytes, _read_timeout(timeout))

    stream.read = bounded_read
    setattr(stream, _BOUNDED, True)


_STREAM_OPENED: Final = (
    ".connect_tcp.complete",
    ".connect_unix_socket.complete",
    ".start_tls.complete",
)
"""How every stream httpcore opens is announced, under the prefix of what opens it:
`connection.` (the origin, or the proxy itself), `proxy.` (TLS through a proxy's tunnel),
`socks.` (a SOCKS proxy)."""


def _on_event(event: str, info: dict[str, Any], bound: Callable[[Any], None]) -> None:
    """Shorten each phase's timeouts to the time left; bound each new connection's reads."""
    starting = event.endswith(".started")
    if not starting and not event.endswith(_STREAM_OPENED):
        return  # most of a request's events: no clock to read
    left = time_left()
    if left is None:
        return
    if starting:
        if "timeout" in info and info["timeout"] is not None:  # connect_tcp, start_tls
            info["timeout"] = max(min(info["timeout"], left), 0.001)
        request = info.get("request")
        if request is not None:
            timeouts = request.extensions.get("timeout", {})
            request.extensions["timeout"] = {
                phase: max(min(value, left), 0.001) if value is not None else left
                for phase, value in timeouts.items()
            }
    else:
        bound(info.get("return_value"))


def sync_trace(event: str, info: dict[str, Any]) -> None:
    _on_event(event, info, _bound_sync)


async def async_trace(event: str, info: dict[str, Any]) -> None:
    _on_event(event, info, _bound_async)


def bound_response(response: httpx.Response, *, is_async: bool) -> None:
    """Bound the reads of a connection that was opened before (by the caller's own code)."""
    stream = response.extensions.get("network_stream")
    (_bound_async if is_async else _bound_sync)(stream)
