"""The httpx transports: the fake in process, failing as httpx fails against a real server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from wan_tasks_sdk import WanTasks
from wan_tasks_sdk.testing import (
    DEFAULT_BASE_URL,
    DEFAULT_TOKEN,
    Disconnect,
    FakeClock,
    FakeWanTasks,
    ProxyError,
    RateLimited,
    ServerFault,
    Slow,
    SystemClock,
    TruncatedBody,
)

from .offline import OneHostOnly, documented_videos

API = "https://api.acedata.cloud"
AUTH = {"authorization": f"Bearer {DEFAULT_TOKEN}"}
RETRIEVE = {"action": "retrieve", "id": "x"}


@pytest.fixture
def fake() -> FakeWanTasks:
    return FakeWanTasks(clock=FakeClock())


@pytest.fixture
def client(fake: FakeWanTasks) -> Iterator[httpx.Client]:
    with httpx.Client(transport=fake.transport(), base_url=API, headers=AUTH) as client:
        yield client


@pytest.fixture
async def aclient(fake: FakeWanTasks) -> AsyncIterator[httpx.AsyncClient]:
    transport = fake.async_transport()
    async with httpx.AsyncClient(transport=transport, base_url=API, headers=AUTH) as client:
        yield client


def drain(response: httpx.Response, into: bytearray) -> None:
    """Read the body into `into`, chunk by chunk, so what came before an error is kept."""
    for chunk in response.iter_raw():
        into += chunk


async def adrain(response: httpx.Response, into: bytearray) -> None:
    async for chunk in response.aiter_raw():
        into += chunk


def finished_task(fake: FakeWanTasks) -> str:
    task_id = fake.create_task(queued_for=0, processing_for=1)
    assert isinstance(fake.clock, FakeClock)
    fake.advance(1)
    return task_id


def test_sync_calls_reach_the_fake(fake: FakeWanTasks, client: httpx.Client) -> None:
    task_id = finished_task(fake)
    response = client.post("/wan/tasks", json={"action": "retrieve", "id": task_id})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    record = response.json()
    assert record["response"]["data"]["video_url"] == f"{DEFAULT_BASE_URL}/videos/{task_id}.mp4"
    request = fake.requests[-1]
    assert request.json == {"action": "retrieve", "id": task_id}
    assert request.headers["authorization"] == "Bearer [REDACTED]"
    assert request.headers["host"] == "api.acedata.cloud"


async def test_async_calls_reach_the_fake(fake: FakeWanTasks, aclient: httpx.AsyncClient) -> None:
    task_id = finished_task(fake)
    response = await aclient.post("/wan/tasks", json={"action": "retrieve", "id": task_id})
    assert response.json()["id"] == task_id
    assert (await aclient.post("/wan/tasks", json=RETRIEVE)).json() == {}
    assert len(fake.api_requests) == 2


def test_videos_stream_in_several_chunks(fake: FakeWanTasks, client: httpx.Client) -> None:
    task_id = finished_task(fake)
    record = client.post("/wan/tasks", json={"action": "retrieve", "id": task_id}).json()
    with client.stream("GET", record["response"]["data"]["video_url"]) as response:
        assert response.headers["content-length"] == str(fake.video_size)
        chunks = list(response.iter_raw())
    assert len(chunks) > 1
    assert b"".join(chunks) == fake.video_bytes(task_id)


async def test_videos_stream_async(fake: FakeWanTasks, aclient: httpx.AsyncClient) -> None:
    task_id = finished_task(fake)
    async with aclient.stream("GET", fake.video_url(task_id)) as response:
        content = b"".join([chunk async for chunk in response.aiter_raw()])
    assert content == fake.video_bytes(task_id)


def test_a_range_request_resumes_a_download(fake: FakeWanTasks, client: httpx.Client) -> None:
    task_id = finished_task(fake)
    response = client.get(fake.video_url(task_id), headers={"range": "bytes=1000-"})
    assert response.status_code == 206
    assert response.content == fake.video_bytes(task_id)[1000:]


# -- faults, sync -----------------------------------------------------------------------------


def test_sync_error_faults(fake: FakeWanTasks, client: httpx.Client) -> None:
    fake.inject(RateLimited(retry_after=2))
    fake.inject(ServerFault(502))
    fake.inject(ProxyError(520))
    limited = client.post("/wan/tasks", json=RETRIEVE)
    assert (limited.status_code, limited.headers["retry-after"]) == (429, "2")
    assert client.post("/wan/tasks", json=RETRIEVE).json()["error"]["code"] == "api_error"
    proxy = client.post("/wan/tasks", json=RETRIEVE)
    assert proxy.status_code == 520
    assert proxy.headers["content-type"].startswith("text/html")
    assert client.post("/wan/tasks", json=RETRIEVE).status_code == 200


def test_sync_disconnect_raises_remote_protocol_error(
    fake: FakeWanTasks, client: httpx.Client
) -> None:
    fake.inject(Disconnect())
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        client.post("/wan/tasks", json=RETRIEVE)
    assert fake.requests[-1].status is None
    assert client.post("/wan/tasks", json=RETRIEVE).status_code == 200


def test_sync_truncated_video_raises_while_reading(
    fake: FakeWanTasks, client: httpx.Client
) -> None:
    task_id = finished_task(fake)
    fake.inject(TruncatedBody(after_bytes=100_000))
    received = bytearray()
    with client.stream("GET", fake.video_url(task_id)) as response:
        assert response.status_code == 200
        assert response.headers["content-length"] == str(fake.video_size)
        with pytest.raises(httpx.RemoteProtocolError, match="received 100000 bytes"):
            drain(response, received)
    assert received == fake.video_bytes(task_id)[:100_000]
    fake.inject(TruncatedBody(after_bytes=0))
    with pytest.raises(httpx.RemoteProtocolError):  # a plain get reads the body too
        client.get(fake.video_url(task_id))
    assert client.get(fake.video_url(task_id)).content == fake.video_bytes(task_id)


def test_sync_slow_answer_on_a_fake_clock_costs_no_real_time(
    fake: FakeWanTasks, client: httpx.Client
) -> None:
    fake.inject(Slow(30))
    before, started = fake.clock.now(), time.perf_counter()
    assert client.post("/wan/tasks", json=RETRIEVE, timeout=None).status_code == 200
    assert fake.clock.now() == before + 30
    assert time.perf_counter() - started < 1


def test_sync_slow_answer_past_the_read_timeout_raises_read_timeout(
    fake: FakeWanTasks, client: httpx.Client
) -> None:
    fake.inject(Slow(30))
    before = fake.clock.now()
    with pytest.raises(httpx.ReadTimeout):
        client.post("/wan/tasks", json=RETRIEVE, timeout=5)
    assert fake.clock.now() == before + 5  # it waited as long as the client would


def test_sync_slow_answer_on_real_time_waits() -> None:
    fake = FakeWanTasks(clock=SystemClock())
    fake.inject(Slow(0.1))
    fake.inject(Slow(0.1, real=True))
    with httpx.Client(transport=fake.transport(), base_url=API, headers=AUTH) as client:
        started = time.perf_counter()
        client.post("/wan/tasks", json=RETRIEVE)
        client.post("/wan/tasks", json=RETRIEVE)
        assert time.perf_counter() - started >= 0.2


# -- faults, async ----------------------------------------------------------------------------


async def test_async_error_faults(fake: FakeWanTasks, aclient: httpx.AsyncClient) -> None:
    fake.inject(RateLimited(retry_after="Wed, 21 Oct 2026 07:28:00 GMT"))
    fake.inject(ServerFault(504))
    limited = await aclient.post("/wan/tasks", json=RETRIEVE)
    assert limited.headers["retry-after"] == "Wed, 21 Oct 2026 07:28:00 GMT"
    timeout = await aclient.post("/wan/tasks", json=RETRIEVE)
    assert (timeout.status_code, timeout.json()["error"]["code"]) == (504, "timeout")


async def test_async_disconnect_and_truncation(
    fake: FakeWanTasks, aclient: httpx.AsyncClient
) -> None:
    task_id = finished_task(fake)
    fake.inject(Disconnect())
    with pytest.raises(httpx.RemoteProtocolError):
        await aclient.post("/wan/tasks", json=RETRIEVE)
    fake.inject(TruncatedBody(after_bytes=70_000))
    received = bytearray()
    async with aclient.stream("GET", fake.video_url(task_id)) as response:
        with pytest.raises(httpx.RemoteProtocolError):
            await adrain(response, received)
    assert received == fake.video_bytes(task_id)[:70_000]


async def test_async_slow_answer_on_a_fake_clock(
    fake: FakeWanTasks, aclient: httpx.AsyncClient
) -> None:
    fake.inject(Slow(30))
    fake.inject(Slow(30))
    before = fake.clock.now()
    assert (await aclient.post("/wan/tasks", json=RETRIEVE, timeout=None)).status_code == 200
    with pytest.raises(httpx.ReadTimeout):
        await aclient.post("/wan/tasks", json=RETRIEVE, timeout=2)
    assert fake.clock.now() == before + 32


async def test_async_slow_answers_do_not_block_the_event_loop() -> None:
    fake = FakeWanTasks(clock=SystemClock())
    fake.inject(Slow(0.2), times=2)
    fake.inject(Slow(0.2, real=True), times=2)
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(tick())
    async with httpx.AsyncClient(transport=fake.async_transport(), base_url=API,
                                 headers=AUTH) as client:  # fmt: skip
        started = time.perf_counter()
        answers = await asyncio.gather(
            *(client.post("/wan/tasks", json=RETRIEVE) for _ in range(4))
        )
        took = time.perf_counter() - started
    ticker.cancel()
    assert [a.status_code for a in answers] == [200] * 4
    assert 0.2 <= took < 0.35  # the four waits overlapped
    assert ticks >= 5  # and the loop kept running meanwhile


def test_a_transport_serves_the_fake_base_url(fake: FakeWanTasks) -> None:
    fixed = FakeWanTasks(clock=FakeClock(), base_url="http://videos.test")
    task_id = finished_task(fixed)
    with httpx.Client(transport=fixed.transport(), base_url=API, headers=AUTH) as client:
        record = client.post("/wan/tasks", json={"action": "retrieve", "id": task_id}).json()
    assert record["response"]["data"]["video_url"].startswith("http://videos.test/videos/")


def test_documented_videos_download_in_process_and_nowhere_else(tmp_path: Path) -> None:
    fake = FakeWanTasks(clock=SystemClock())  # today is long after the documented `Expires=`
    fake.add_examples()
    guard = OneHostOnly(fake.transport(), "fake-wan-tasks.test")
    with WanTasks(fake.token, base_url=DEFAULT_BASE_URL, transport=guard) as client:
        for task_id in documented_videos():
            path = client.download_video(task_id, tmp_path)
            assert path.read_bytes() == fake.video_bytes(task_id)
    assert guard.refused == []
    with pytest.raises(httpx.ConnectError), httpx.Client(transport=guard) as outside:
        outside.get("https://cdn.acedata.cloud/wan/x.mp4")  # the guard does refuse the rest
