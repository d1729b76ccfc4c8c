"""Whatever comes back (any status, any bytes, any JSON, any headers), the outcome is a result or
a `WanTasksError`: never a KeyError, ValueError, TypeError, JSONDecodeError, AttributeError,
IndexError, OverflowError or RecursionError from inside the SDK."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.client.harness import Api, FakeClock
from tests.client.service import TOKEN, task
from tests.client.strategies import json_values, mutated_bodies
from wan_tasks_sdk import (
    APIError,
    AsyncWanTasks,
    BatchResult,
    Task,
    WanTasks,
    WanTasksError,
    _core,
)

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

statuses = st.one_of(
    st.integers(100, 599),
    st.sampled_from([200, 200, 200, 429, 499, 520, 527, 600, 999, 0, 42]),
)
header_names = st.sampled_from(
    ["retry-after", "Retry-After", "content-type", "x-trace", "date", "location"]
)
retry_afters = st.sampled_from(
    [
        "", "0", "-1", "nan", "inf", "-inf", "1e999", "1_000", "3", " 2 ", "0x10", "\t",
        "Wed, 21 Oct 2026 07:28:00 GMT", "Wed, 21 Oct 2026 07:28:00", "Mon, 99 Xyz 0 99:99:99 GMT",
        "Fri, 31 Dec 9999 23:59:59 GMT", "Thu, 01 Jan 1970 00:00:00 +9999", "\u00e9t\u00e9",
    ]
)  # fmt: skip
header_values = st.one_of(
    retry_afters.map(lambda text: text.encode("latin-1")),
    st.binary(max_size=30).filter(lambda raw: not set(raw) & {0, 10, 13}),
)
headers = st.dictionaries(header_names.map(str.encode), header_values, max_size=3)


def _json_bytes(value: object) -> bytes:
    return json.dumps(value, allow_nan=True).encode()


bodies = st.one_of(
    st.binary(max_size=60),
    json_values.map(_json_bytes),
    mutated_bodies().map(_json_bytes),
    st.sampled_from(
        [
            b"",
            b"{}",
            b"[]",
            b"null",
            b"[" * 3000,
            b"<html>502</html>",
            b"\xef\xbb\xbf{}",
            b'{"items": [], "count": 1e999}',
            b'{"error": {"code": null}}',
            b"NaN",
            b"-Infinity",
        ]
    ),
)
floats = st.floats(allow_nan=True, allow_infinity=True)


@PROPERTY
@given(status=statuses, content=bodies, headers=headers)
@example(status=200, content=_json_bytes(task("t", created_at=1e300)), headers={})
@example(status=500, content=b"[" * 3000, headers={})
@example(status=429, content=b"{}", headers={b"retry-after": b"Fri, 31 Dec 9999 23:59:59 GMT"})
@example(status=200, content=b'{"id": "t"' + b', "x": [' * 2000, headers={})
def test_interpret_raises_only_sdk_errors(
    status: int, content: bytes, headers: dict[bytes, bytes]
) -> None:
    response = httpx.Response(status, content=content, headers=headers)
    try:
        answer = _core.interpret(response)
    except WanTasksError:
        return
    assert status == 200
    assert isinstance(answer.data, dict)


@PROPERTY
@given(seconds=floats, attempt=st.integers(0, 10**6))
def test_retry_delay_is_always_usable(seconds: float, attempt: int) -> None:
    policy = _core.RetryPolicy(max_retries=10**7)
    limited = _core.error_for_status(429, {"retry-after": repr(seconds)}, b"")
    failed = _core.error_for_status(503, {}, b"")
    assert isinstance(limited, APIError)
    for error in (limited, failed):
        delay = policy.delay(attempt, error)
        if delay is None:  # only a Retry-After beyond the cap is refused
            assert error is limited
            assert limited.retry_after is not None
            assert limited.retry_after > policy.max_retry_after
        else:
            assert 0 <= delay <= max(policy.max_retry_after, policy.backoff_max)


def _serve(
    status: int, content: bytes, response_headers: dict[bytes, bytes]
) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        # A stream, so that the client (not this handler) reads and decodes the body.
        return httpx.Response(status, headers=response_headers, stream=httpx.ByteStream(content))

    return httpx.MockTransport(answer)


async def _every_operation(api: Api) -> list[object]:
    """Each operation of the client, once; what each returned or raised."""
    outcomes: list[object] = []
    calls: list[Any] = [
        lambda: api.retrieve("a4bca552-d964-46a1-8ff7-fd922f916582"),
        lambda: api.retrieve_batch(["a4bca552-d964-46a1-8ff7-fd922f916582", "x"]),
        lambda: api.list_all(limit=2, page_size=2),
        lambda: api.wait_many(["a4bca552-d964-46a1-8ff7-fd922f916582"], timeout=0),
    ]
    for call in calls:
        try:
            outcomes.append(await call())
        except WanTasksError as error:
            outcomes.append(error)
    return outcomes


def _check(outcomes: list[object]) -> None:
    for outcome in outcomes:
        assert isinstance(outcome, Task | BatchResult | list | WanTasksError), outcome
        for found in outcome if isinstance(outcome, list | BatchResult) else [outcome]:
            if isinstance(found, Task):  # its views never fail either
                assert found.status.is_terminal is found.is_terminal
                assert found.failure_reason is None or found.status == "failed"
                assert found.video_url is None or isinstance(found.video_url, str)
                assert found.thumbnail_url is None or isinstance(found.thumbnail_url, str)
                assert isinstance(found.processing_seconds, float | None)


@PROPERTY
@given(status=statuses, content=bodies, headers=headers)
def test_clients_return_results_or_raise_sdk_errors(
    status: int, content: bytes, headers: dict[bytes, bytes]
) -> None:
    clock = FakeClock()
    with WanTasks(
        TOKEN, transport=_serve(status, content, headers), max_retries=0, clock=clock
    ) as client:
        _check(asyncio.run(_every_operation(Api(client))))

    async def run_async() -> list[object]:
        transport = _serve(status, content, headers)
        async with AsyncWanTasks(TOKEN, transport=transport, max_retries=0, clock=clock) as aclient:
            return await _every_operation(Api(aclient))

    _check(asyncio.run(run_async()))
