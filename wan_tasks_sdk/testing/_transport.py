"""httpx transports that send requests to a `FakeWanTasks` in process, with no sockets.

They behave as httpx does against a real server, so that client code meets the same
exceptions: a dropped connection raises `httpx.RemoteProtocolError`, a body cut short raises it
while the body is read, and an answer slower than the request's read timeout raises
`httpx.ReadTimeout` after that timeout. Waiting uses the fake's clock (`FakeClock`: no real
wait, the clock moves), and the async transport never blocks the event loop.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import httpx

from ._wsgi import chunks

if TYPE_CHECKING:  # the service imports this module (when a transport is asked for), not back
    from ._service import Answer, FakeWanTasks

__all__ = ["AsyncFakeTransport", "FakeTransport"]


def _target(request: httpx.Request) -> str:
    return request.url.raw_path.decode("ascii", "replace")


def _read_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout")
    value = timeout.get("read") if isinstance(timeout, dict) else None
    return float(value) if isinstance(value, int | float) else None


def _pieces(answer: Answer) -> tuple[list[bytes], int | None]:
    """The body in chunks, and the bytes sent when it is cut short of what `content-length`
    announces (`None` when it is not)."""
    body, cut = answer.body, answer.truncate_after
    if cut is None or cut >= len(body):
        return list(chunks(body)), None
    return list(chunks(body[:cut])), cut


def _truncated(request: httpx.Request, received: int, expected: int) -> httpx.RemoteProtocolError:
    return httpx.RemoteProtocolError(
        "peer closed connection without sending complete message body "
        f"(received {received} bytes, expected {expected})",
        request=request,
    )


def _disconnected(request: httpx.Request) -> httpx.RemoteProtocolError:
    return httpx.RemoteProtocolError(
        "Server disconnected without sending a response.", request=request
    )


def _timed_out(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("The read operation timed out", request=request)


def _answer(fake: FakeWanTasks, request: httpx.Request, body: bytes) -> tuple[Answer, float]:
    """The fake's answer, and how long to wait before giving it (no longer than the read
    timeout: a client stops waiting then)."""
    # No `base_url`: video links then point at the fake's own, or at its DEFAULT_BASE_URL.
    answer = fake.handle(request.method, _target(request), request.headers.multi_items(), body)
    limit = _read_timeout(request)
    wait = answer.delay if limit is None else min(answer.delay, limit)
    return answer, max(wait, 0.0)


def _response(
    request: httpx.Request, answer: Answer, stream: httpx.SyncByteStream | httpx.AsyncByteStream
) -> httpx.Response:
    """After the wait: a read timeout, a dropped connection, or the answer itself."""
    limit = _read_timeout(request)
    if limit is not None and answer.delay > limit:
        raise _timed_out(request)
    if answer.disconnect:
        raise _disconnected(request)
    return httpx.Response(answer.status, headers=list(answer.headers), stream=stream)


class _SyncBody(httpx.SyncByteStream):
    def __init__(self, request: httpx.Request, answer: Answer) -> None:
        self._request, self._answer = request, answer

    def __iter__(self) -> Iterator[bytes]:
        pieces, cut = _pieces(self._answer)
        yield from pieces
        if cut is not None:
            raise _truncated(self._request, cut, len(self._answer.body))


class _AsyncBody(httpx.AsyncByteStream):
    def __init__(self, request: httpx.Request, answer: Answer) -> None:
        self._request, self._answer = request, answer

    async def __aiter__(self) -> AsyncIterator[bytes]:
        pieces, cut = _pieces(self._answer)
        for piece in pieces:
            yield piece
            await asyncio.sleep(0)
        if cut is not None:
            raise _truncated(self._request, cut, len(self._answer.body))


class FakeTransport(httpx.BaseTransport):
    """A sync httpx transport answering from `fake`: `httpx.Client(transport=...)`."""

    def __init__(self, fake: FakeWanTasks) -> None:
        self.fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        answer, wait = _answer(self.fake, request, request.read())
        if wait > 0:
            (time.sleep if answer.real_delay else self.fake.clock.sleep)(wait)
        return _response(request, answer, _SyncBody(request, answer))


class AsyncFakeTransport(httpx.AsyncBaseTransport):
    """An async httpx transport answering from `fake`: `httpx.AsyncClient(transport=...)`."""

    def __init__(self, fake: FakeWanTasks) -> None:
        self.fake = fake

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        answer, wait = _answer(self.fake, request, await request.aread())
        if wait > 0:
            await (asyncio.sleep(wait) if answer.real_delay else self.fake.clock.asleep(wait))
        return _response(request, answer, _AsyncBody(request, answer))
