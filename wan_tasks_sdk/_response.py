"""What the HTTP layer said, kept for the caller: raw responses and redacted snapshots.

`RawResponse` is what `client.with_raw_response.<method>()` returns: the answer behind a result
(status, headers, body) beside the parsed result, in the manner of openai-python. The snapshots
are plain, picklable copies of a request and a response, without the token, that API errors
carry (`error.request`, `error.response`): live httpx objects would hold the token and a
connection, and do not pickle.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Generic, TypeVar

import httpx

__all__ = ["RawResponse", "RequestSnapshot", "ResponseSnapshot"]

_T = TypeVar("_T")

REDACTED: Final = "<redacted>"
# `set-cookie`: a proxy or load balancer in front of the service may set a session cookie.
_SECRET_HEADERS: Final = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


def redacted_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The headers as a plain dict (repeated ones joined), secrets replaced."""
    return {
        name: REDACTED if name in _SECRET_HEADERS else value
        for name, value in ((name.lower(), value) for name, value in headers.items())
    }


def elapsed_seconds(response: httpx.Response) -> float | None:
    """How long `response` took, from sending the request to reading the end of the answer;
    `None` when httpx did not time it (it knows only once the response is closed)."""
    try:
        return response.elapsed.total_seconds()
    except RuntimeError:
        return None


@dataclass(frozen=True, slots=True)
class RequestSnapshot:
    """A request as it was sent, minus its secrets: `authorization` reads `<redacted>`."""

    method: str
    url: str
    headers: Mapping[str, str] = field(repr=False)
    content: bytes = field(repr=False)

    @classmethod
    def of(cls, request: httpx.Request) -> RequestSnapshot:
        """Copy `request`; a streamed body that was never read is recorded as empty."""
        try:
            content = request.content
        except httpx.RequestNotRead:
            content = b""
        return cls(request.method, str(request.url), redacted_headers(request.headers), content)


@dataclass(frozen=True, slots=True)
class ResponseSnapshot:
    """A response as it arrived: status, headers and the body that was read."""

    status_code: int
    headers: Mapping[str, str] = field(repr=False)
    content: bytes = field(repr=False)
    elapsed: float | None = None
    """Seconds from sending the request to reading the end of the answer, when known."""

    @classmethod
    def of(cls, response: httpx.Response) -> ResponseSnapshot:
        """Copy `response`; a body not read (a streamed answer) is recorded as empty."""
        try:
            content = response.content
        except httpx.ResponseNotRead:
            content = b""
        headers = redacted_headers(response.headers)
        return cls(response.status_code, headers, content, elapsed_seconds(response))

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (undecodable bytes replaced)."""
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body parsed as JSON; `ValueError` when it is not JSON."""
        return json.loads(self.content)


class RawResponse(Generic[_T]):
    """The answer behind a result: `status_code`, `headers`, `content`, and `parse()`.

    A call may take several requests (retries, or a batch split into `batch_size` chunks);
    `status_code`, `headers` and `content` are those of the last, which gave the result, and
    `http_responses` holds every one in order. The result is parsed before this is returned,
    so an API error raises as it does without `with_raw_response` (the error carries
    `.response` and `.request` snapshots).
    """

    __slots__ = ("_parsed", "http_responses")

    def __init__(self, http_responses: Sequence[httpx.Response], parsed: _T) -> None:
        if not http_responses:
            raise ValueError("a raw response needs at least one HTTP response")
        self.http_responses: tuple[httpx.Response, ...] = tuple(http_responses)
        self._parsed = parsed

    @property
    def http_response(self) -> httpx.Response:
        """The last httpx response (its body already read)."""
        return self.http_responses[-1]

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def json(self) -> Any:
        """The last body, parsed as JSON."""
        return self.http_response.json()

    @property
    def url(self) -> str:
        return str(self.http_response.request.url)

    @property
    def elapsed(self) -> float | None:
        """Seconds the last request took, from sending it to reading its answer; `None` when
        httpx did not time it (an answer a mock transport made already read)."""
        return elapsed_seconds(self.http_response)

    @property
    def request(self) -> RequestSnapshot:
        """The last request, without its token."""
        return RequestSnapshot.of(self.http_response.request)

    def parse(self) -> _T:
        """The result the method returns without `with_raw_response`."""
        return self._parsed

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}] {type(self._parsed).__name__}>"
