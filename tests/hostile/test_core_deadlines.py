"""Deadlines are whole: a request ends within its timeout, and `wait()` within its own, plus a
slack under a second, however slowly the server answers; also with a caller's `http_client`."""

from __future__ import annotations

import time

import pytest

from tests.hostile import core_servers
from tests.hostile.core_clients import MakeApi, make_api
from wan_tasks_sdk import APITimeoutError, WaitTimeoutError

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
