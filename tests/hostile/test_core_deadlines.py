"""Deadlines are whole: a request ends within its timeout, and `wait()` within its own, plus a
slack under a second, however slowly the server answers; also with a caller's `http_client`."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from tests.hostile import core_servers
from tests.hostile.core_clients import MakeApi, make_api
from wan_tasks_sdk import APITimeoutError, WaitTimeoutError, _deadlines

__all__ = ["make_api"]  # the fixture, imported to be found

SLACK = 1.0
"""The README promises this much at most past a deadline."""


async def test_a_trickling_answer_ends_at_the_request_timeout(make_api: MakeApi) -> None:
    with core_servers.serving(core_servers.trickle) as url:
        api = make_api(base_url=url, timeout=0.5, max_retries=0)
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await api.retrieve("t1")  # the whole answer would take 10 s
        assert time.monotonic() - started < 0.5 + SLACK


async def test_trickled_headers_over_a_unix_socket_end_at_the_request_timeout(
    make_api: MakeApi, tmp_path: Path
) -> None:
    """Every way httpcore opens a stream is bounded, not only TCP and TLS to the origin (a
    proxy's tunnel and SOCKS report theirs under other names too)."""
    path = str(tmp_path / "api.sock")
    kind = make_api().kind
    transport = (
        httpx.HTTPTransport(uds=path) if kind == "sync" else httpx.AsyncHTTPTransport(uds=path)
    )
    with core_servers.serving(core_servers.trickle_head, unix_socket=path) as url:
        api = make_api(base_url=url, timeout=0.5, max_retries=0, transport=transport)
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await api.retrieve("t1")  # the whole answer would take 10 s
        assert time.monotonic() - started < 0.5 + SLACK


async def test_wait_on_a_silent_server_ends_at_its_deadline(make_api: MakeApi) -> None:
    with core_servers.serving(core_servers.stall) as url:
        api = make_api(base_url=url)
        started = time.monotonic()
        with pytest.raises(WaitTimeoutError) as caught:
            await api.wait_one("t1", timeout=0.5)
        assert time.monotonic() - started < 0.5 + SLACK
        assert isinstance(caught.value.last_error, APITimeoutError)


async def test_a_callers_http_client_gets_the_timeout_and_the_deadline(make_api: MakeApi) -> None:
    with core_servers.serving(core_servers.trickle) as url:
        api = make_api(own_http=True, base_url=url, timeout=0.5, max_retries=0)
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await api.retrieve("t1")
        assert time.monotonic() - started < 0.5 + SLACK


async def test_a_stall_after_part_of_the_body_ends_at_the_deadline(make_api: MakeApi) -> None:
    """The read that waits for the rest gets only the time left, not a whole read timeout."""
    with core_servers.serving(core_servers.half_then_stall) as url:
        api = make_api(own_http=True, base_url=url, timeout=1.5, max_retries=0)
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await api.retrieve("t1")  # a fresh 1.5 s read timeout would end at 2.8 s
        assert time.monotonic() - started < 1.5 + SLACK


class _Stream:
    """A network stream that records the timeout of each read."""

    def __init__(self) -> None:
        self.timeouts: list[float | None] = []

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self.timeouts.append(timeout)
        return b""


@pytest.mark.parametrize(
    "event",
    [
        "connection.connect_tcp.complete",
        "connection.start_tls.complete",
        "connection.connect_unix_socket.complete",
        "proxy.start_tls.complete",  # TLS to the service through an HTTPS proxy's tunnel
        "socks.connect_tcp.complete",
        "socks.start_tls.complete",
    ],
)
def test_every_stream_httpcore_opens_reads_within_the_time_left(event: str) -> None:
    stream = _Stream()
    with _deadlines.Deadline(2.0):
        _deadlines.sync_trace(event, {"return_value": stream})
        stream.read(1, timeout=60.0)
    (timeout,) = stream.timeouts
    assert timeout is not None
    assert timeout <= 2.0
