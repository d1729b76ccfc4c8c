"""The fake as a WSGI application: what `FakeWanTasksServer` serves, and what schemathesis calls.

It carries a WSGI request to `FakeWanTasks.handle` and the `Answer` back. Faults that concern
delivery are carried out here: a delay sleeps the thread (on the fake's clock), a truncated
body is sent short of its `content-length`, and a dropped connection raises `ConnectionDropped`,
which `FakeWanTasksServer` turns into a closed socket (another WSGI server answers 500).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from http import HTTPStatus
from typing import TYPE_CHECKING, Final
from urllib.parse import quote

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

    from ._service import Answer, FakeWanTasks

__all__ = [
    "CHUNK_SIZE",
    "ConnectionDropped",
    "call_wsgi",
    "chunks",
    "deliver_delay",
    "reason_phrase",
]

#: Bodies are sent in pieces of this size, so that streaming clients see several chunks.
CHUNK_SIZE = 64 * 1024


# Statuses proxies and CDNs answer with that `HTTPStatus` does not know.
_EXTRA_REASONS: Final = {
    499: "Client Closed Request",
    520: "Web Server Returned an Unknown Error",
    521: "Web Server Is Down",
    522: "Connection Timed Out",
    523: "Origin Is Unreachable",
    524: "A Timeout Occurred",
    525: "SSL Handshake Failed",
    526: "Invalid SSL Certificate",
    527: "Railgun Error",
}


def reason_phrase(status: int) -> str:
    """The reason phrase of `status`, including the proxy statuses `HTTPStatus` lacks."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return _EXTRA_REASONS.get(status, "Unknown")


class ConnectionDropped(Exception):
    """Raised by the WSGI app to have the server close the connection without answering."""


def _headers(environ: WSGIEnvironment) -> list[tuple[str, str]]:
    headers = [
        (key[5:].replace("_", "-").lower(), str(value))
        for key, value in environ.items()
        if key.startswith("HTTP_")
    ]
    for key, name in (("CONTENT_TYPE", "content-type"), ("CONTENT_LENGTH", "content-length")):
        if environ.get(key):
            headers.append((name, str(environ[key])))
    return headers


def _read_body(environ: WSGIEnvironment) -> bytes:
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = str(environ.get("CONTENT_LENGTH") or "").strip()
    if length.isdigit():
        return bytes(stream.read(int(length))) if int(length) else b""
    return bytes(stream.read()) if environ.get("wsgi.input_terminated") else b""


def _own_url(environ: WSGIEnvironment) -> str:
    """The address the request came to, e.g. `http://127.0.0.1:54321`."""
    host = environ.get("HTTP_HOST") or (
        f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT', '80')}"
    )
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}{environ.get('SCRIPT_NAME', '')}"


def chunks(body: bytes) -> Iterator[bytes]:
    """`body` in the pieces the fake sends it in."""
    for start in range(0, len(body), CHUNK_SIZE):
        yield body[start : start + CHUNK_SIZE]


def deliver_delay(fake: FakeWanTasks, answer: Answer) -> None:
    """Wait as long as `answer` asks, blocking, on the fake's clock unless `real_delay`."""
    if answer.delay > 0:
        if answer.real_delay:
            time.sleep(answer.delay)
        else:
            fake.clock.sleep(answer.delay)


def call_wsgi(
    fake: FakeWanTasks, environ: WSGIEnvironment, start_response: StartResponse
) -> Iterable[bytes]:
    """Answer one WSGI request with `fake`."""
    path = quote(str(environ.get("PATH_INFO", "")).encode("latin-1"), safe="/")
    query = str(environ.get("QUERY_STRING", ""))
    target = f"{path}?{query}" if query else path
    answer = fake.handle(
        str(environ.get("REQUEST_METHOD", "GET")),
        target,
        _headers(environ),
        _read_body(environ),
        base_url=_own_url(environ),
    )
    deliver_delay(fake, answer)
    if answer.disconnect:
        raise ConnectionDropped("the fake was told to drop this connection")
    start_response(f"{answer.status} {reason_phrase(answer.status)}", list(answer.headers))
    body = answer.body
    if answer.truncate_after is not None:
        body = body[: answer.truncate_after]
    return chunks(body)
