"""When a request is repeated, how often, and how long the client waits in between."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import math
import time
from collections.abc import Callable
from email.utils import formatdate

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.client.conftest import MakeApi
from tests.client.harness import FakeClock
from tests.client.service import FakeService, error_response, task
from wan_tasks_sdk import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    TaskNotFoundError,
    WanTasksError,
    _core,
)
from wan_tasks_sdk._core import RetryPolicy, is_retryable

Failure = Callable[[], httpx.Response | Exception]


def _status(status: int, **headers: str) -> Failure:
    return lambda: error_response(status, **headers)


def _raw_status(status: int) -> Failure:
    return lambda: httpx.Response(status, content=b"<html>edge error</html>")


RETRIED: dict[str, Failure] = {
    "connect error": lambda: httpx.ConnectError("refused"),
    "read error": lambda: httpx.ReadError("reset"),
    "connect timeout": lambda: httpx.ConnectTimeout("slow"),
    "read timeout": lambda: httpx.ReadTimeout("slow"),
    **{str(status): _status(status) for status in (408, 429, 500, 502, 503, 504)},
    "520": _raw_status(520),
    "527": _raw_status(527),
}
NOT_RETRIED: dict[str, Failure] = {
    **{str(status): _status(status) for status in (400, 401, 403, 404, 409, 422)},
    "499": _raw_status(499),
    "malformed 200": lambda: httpx.Response(200, content=b"<html>hi</html>"),
}


def api_error(status: int, retry_after: float | None = None) -> APIError:
    return APIError(
        status_code=status,
        code=None,
        message=None,
        trace_id=None,
        body=b"",
        retry_after=retry_after,
    )


# -- the policy itself -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jitter", "expected"),
    [
        (0.0, [0.25, 0.5, 1.0, 2.0, 4.0, 4.0, 4.0]),  # never less than half the backoff
        (1.0, [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]),  # never more than the backoff, capped at 8
        (0.5, [0.375, 0.75, 1.5, 3.0, 6.0, 6.0, 6.0]),
    ],
)
def test_exponential_backoff_with_fixed_jitter(jitter: float, expected: list[float]) -> None:
    policy = RetryPolicy(max_retries=10, jitter=lambda: jitter)
    delays = [policy.delay(attempt, api_error(503)) for attempt in range(7)]
    assert delays == pytest.approx(expected)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    attempt=st.integers(0, 40),
    jitter=st.floats(0, 1, exclude_max=True),
    initial=st.floats(0.01, 5),
    ceiling=st.floats(0.01, 60),
)
def test_backoff_stays_within_its_bounds(
    attempt: int, jitter: float, initial: float, ceiling: float
) -> None:
    policy = RetryPolicy(
        max_retries=100, backoff_initial=initial, backoff_max=ceiling, jitter=lambda: jitter
    )
    delay = policy.delay(attempt, APIConnectionError("x"))
    assert delay is not None
    backoff = min(ceiling, initial * 2.0**attempt)
    assert backoff / 2 <= delay <= backoff


def test_default_jitter_varies_the_delay() -> None:
    policy = RetryPolicy(max_retries=5)
    delays = {policy.delay(2, APIConnectionError("x")) for _ in range(50)}
    assert len(delays) > 1
    assert all(d is not None and 1.0 <= d <= 2.0 for d in delays)


def test_gives_up_after_max_retries() -> None:
    policy = RetryPolicy(max_retries=2, jitter=lambda: 0.0)
    assert policy.delay(0, api_error(500)) is not None
    assert policy.delay(1, api_error(500)) is not None
    assert policy.delay(2, api_error(500)) is None
    assert RetryPolicy(max_retries=0).delay(0, api_error(500)) is None


@pytest.mark.parametrize(
    ("retry_after", "expected"), [(0.0, 0.0), (2.0, 2.0), (60.0, 60.0), (60.5, None), (1e9, None)]
)
def test_retry_after_replaces_the_backoff_up_to_the_cap(
    retry_after: float, expected: float | None
) -> None:
    policy = RetryPolicy(max_retries=2, jitter=lambda: 1.0)
    assert policy.delay(0, api_error(429, retry_after)) == expected


def test_retry_after_cap_is_configurable() -> None:
    policy = RetryPolicy(max_retries=2, max_retry_after=5.0)
    assert policy.delay(0, api_error(503, 5.0)) == 5.0
    assert policy.delay(0, api_error(503, 5.01)) is None


@pytest.mark.parametrize(
    ("error", "retryable"),
    [
        (APIConnectionError("x"), True),
        (APITimeoutError("x"), True),
        *[(api_error(s), True) for s in (408, 429, 500, 502, 503, 504, 599)],
        *[(api_error(s), False) for s in (400, 401, 403, 404, 409, 422)],
        (ResponseValidationError("x", status_code=520, body=b""), True),
        (ResponseValidationError("x", status_code=499, body=b""), False),
        (ResponseValidationError("x", status_code=200, body=b""), False),
        (TaskNotFoundError(["t"]), False),
        (WanTasksError("x"), False),
    ],
)
def test_what_is_retryable(error: WanTasksError, retryable: bool) -> None:
    assert is_retryable(error) is retryable
    assert (RetryPolicy().delay(0, error) is not None) is retryable


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("3", 3.0),
        (" 2.5 ", 2.5),
        ("0", 0.0),
        ("-4", 0.0),
        (formatdate(1_000_010.0, usegmt=True), 10.0),
        (formatdate(999_990.0, usegmt=True), 0.0),  # a date in the past: no wait
        ("Wed, 21 Oct 2026 07:28:00", None),  # no zone: not an HTTP date
        ("soon", None),
        ("", None),
        (None, None),
        ("nan", None),
        ("inf", math.inf),  # past any deadline: never waited for
        ("1e999", math.inf),
    ],
)
def test_parse_retry_after(header: str | None, seconds: float | None) -> None:
    assert _core.parse_retry_after(header, lambda: 1_000_000.0) == seconds


# -- through the clients -------------------------------------------------------------------


@pytest.mark.parametrize("failure", list(RETRIED.values()), ids=list(RETRIED))
async def test_retried_failures(
    failure: Failure, make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    service.add(task("t1"))
    service.script = [failure(), failure()]
    assert (await make_api().retrieve("t1")).id == "t1"
    assert service.calls == 3
    assert len(clock.sleeps) == 2


@pytest.mark.parametrize("failure", list(RETRIED.values()), ids=list(RETRIED))
async def test_retries_are_bounded(
    failure: Failure, make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    service.add(task("t1"))
    service.script = [failure() for _ in range(3)]
    with pytest.raises(WanTasksError) as caught:
        await make_api().retrieve("t1")  # the default: 2 retries
    assert is_retryable(caught.value)
    assert service.calls == 3
    assert len(clock.sleeps) == 2


@pytest.mark.parametrize("failure", list(NOT_RETRIED.values()), ids=list(NOT_RETRIED))
async def test_not_retried(
    failure: Failure, make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    service.add(task("t1"))
    service.script = [failure()]
    with pytest.raises(WanTasksError):
        await make_api(max_retries=5).retrieve("t1")
    assert service.calls == 1
    assert clock.sleeps == []


@pytest.mark.parametrize("max_retries", [0, 1, 4])
async def test_max_retries_is_honoured(
    max_retries: int, make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    service.script = [error_response(503) for _ in range(10)]
    with pytest.raises(ServerError):
        await make_api(max_retries=max_retries).retrieve("t1")
    assert service.calls == max_retries + 1
    assert len(clock.sleeps) == max_retries


async def test_backoff_delays_through_the_client(
    make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    service.add(task("t1"))
    service.script = [error_response(500) for _ in range(3)]
    api = make_api(max_retries=3)
    api.configure(retry=dataclasses.replace(api.settings.retry, jitter=lambda: 0.5))
    await api.retrieve("t1")
    assert clock.sleeps == pytest.approx([0.375, 0.75, 1.5])


@pytest.mark.parametrize("header", ["4", "4.0", formatdate(1_700_000_004.0, usegmt=True)])
async def test_retry_after_is_waited_for(
    header: str, make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    service.add(task("t1"))
    service.script = [error_response(429, **{"Retry-After": header})]
    api = make_api()
    api.configure(wall_clock=lambda: 1_700_000_000.0)
    await api.retrieve("t1")
    assert clock.sleeps == [4.0]


async def test_retry_after_on_a_503_is_waited_for_too(
    make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    service.add(task("t1"))
    service.script = [error_response(503, **{"Retry-After": "1"})]
    await make_api().retrieve("t1")
    assert clock.sleeps == [1.0]


@pytest.mark.parametrize("header", ["61", "3600", formatdate(1_700_086_400.0, usegmt=True)])
async def test_too_long_a_retry_after_raises_at_once(
    header: str, make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    service.script = [error_response(429, **{"Retry-After": header})]
    api = make_api()
    api.configure(wall_clock=lambda: 1_700_000_000.0)
    with pytest.raises(RateLimitError) as caught:
        await api.retrieve("t1")
    assert caught.value.retry_after is not None
    assert caught.value.retry_after > 60
    assert service.calls == 1
    assert clock.sleeps == []


@pytest.mark.parametrize("header", ["soon", "-1", "nan", "Tue, 99 Foo 20 25:61:00 GMT", ""])
async def test_unreadable_retry_after_falls_back_to_backoff(
    header: str, make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    service.add(task("t1"))
    service.script = [error_response(429, **{"Retry-After": header})]
    api = make_api()
    api.configure(retry=dataclasses.replace(api.settings.retry, jitter=lambda: 1.0))
    await api.retrieve("t1")
    # "-1" reads as a wait of 0: retry at once
    assert clock.sleeps == ([] if header == "-1" else [0.5])


async def test_the_same_request_is_repeated(make_api: MakeApi, service: FakeService) -> None:
    service.add(task("t1"))
    service.script = [error_response(502)]
    await make_api().retrieve_batch(["t1", "t2"])
    first, second = service.requests
    assert first.content == second.content
    assert first.headers["authorization"] == second.headers["authorization"]


async def test_non_retryable_errors_are_raised_as_is(
    make_api: MakeApi, service: FakeService
) -> None:
    service.script = [error_response(401, "invalid_token"), error_response(400, "bad_request")]
    api = make_api()
    with pytest.raises(AuthenticationError):
        await api.retrieve("t1")
    with pytest.raises(BadRequestError):
        await api.retrieve("t1")
    assert service.calls == 2


async def test_each_retry_is_logged_without_secrets(
    make_api: MakeApi, service: FakeService, caplog: pytest.LogCaptureFixture
) -> None:
    service.add(task("t1"))
    service.script = [error_response(503)]
    with caplog.at_level(logging.INFO, logger="wan_tasks_sdk"):
        await make_api().retrieve("t1")
    messages = [r.getMessage() for r in caplog.records if r.name == "wan_tasks_sdk"]
    assert len(messages) == 1
    assert messages[0].startswith("retry 1 in ")
    assert "HTTP 503" in messages[0]


async def test_the_default_clock_really_sleeps(
    kind: str, make_api: MakeApi, service: FakeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `clock=`, the drivers sleep with `time.sleep` / `asyncio.sleep` (patched here)."""
    slept: list[float] = []
    real_async_sleep = asyncio.sleep

    async def async_sleep(seconds: float) -> None:
        slept.append(seconds)
        await real_async_sleep(0)

    monkeypatch.setattr(time, "sleep", slept.append)
    monkeypatch.setattr(asyncio, "sleep", async_sleep)
    service.add(task("t1"))
    service.script = [error_response(429, **{"Retry-After": "2"})]
    await make_api(clock=None).retrieve("t1")
    assert slept == [pytest.approx(2.0, abs=0.5)]  # the Retry-After, less the time since
