"""The WSGI app: the same service, reached through any WSGI server or test client."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from wan_tasks_sdk.testing import (
    DEFAULT_TOKEN,
    Disconnect,
    FakeClock,
    FakeWanTasks,
    ProxyError,
    Slow,
    TruncatedBody,
)
from wan_tasks_sdk.testing._wsgi import ConnectionDropped, reason_phrase

AUTH = {"authorization": f"Bearer {DEFAULT_TOKEN}"}


def ignore_start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
    """A WSGI `start_response` that keeps nothing."""
    return lambda data: None


@pytest.fixture
def fake() -> FakeWanTasks:
    return FakeWanTasks(clock=FakeClock())


@pytest.fixture
def client(fake: FakeWanTasks) -> Iterator[httpx.Client]:
    transport = httpx.WSGITransport(app=fake.wsgi_app)
    with httpx.Client(transport=transport, base_url="http://wsgi.test:8080", headers=AUTH) as c:
        yield c


def test_the_wsgi_app_answers_like_the_core(fake: FakeWanTasks, client: httpx.Client) -> None:
    task_id = fake.create_task(queued_for=0, processing_for=0)
    record = client.post("/wan/tasks", json={"action": "retrieve", "id": task_id}).json()
    # Without a base_url of its own, the fake links to the address the request came to.
    assert record["response"]["data"]["video_url"] == f"http://wsgi.test:8080/videos/{task_id}.mp4"
    video = client.get(record["response"]["data"]["video_url"])
    assert video.content == fake.video_bytes(task_id)
    assert client.post("/wan/tasks", content=b"nope").status_code == 400
    assert client.get("/wan/tasks").status_code == 405
    request = fake.requests[0]
    assert request.json == {"action": "retrieve", "id": task_id}
    assert request.headers["authorization"] == "Bearer [REDACTED]"
    assert request.headers["content-type"] == "application/json"


def test_documented_links_point_at_the_address_the_request_came_to(
    fake: FakeWanTasks, client: httpx.Client
) -> None:
    task_id = fake.add_example("completed_task_newer_shape")
    record = client.post("/wan/tasks", json={"action": "retrieve", "id": task_id}).json()
    links = record["response"]["data"]
    assert links["video_url"] == f"http://wsgi.test:8080/videos/{task_id}.mp4"
    assert client.get(links["video_url"]).content == fake.video_bytes(task_id)
    assert client.get(links["thumbnail_url"]).headers["content-type"] == "image/jpeg"


def test_status_lines_carry_reason_phrases(fake: FakeWanTasks, client: httpx.Client) -> None:
    fake.inject(ProxyError(520))
    response = client.post("/wan/tasks", json={})
    assert response.status_code == 520
    assert reason_phrase(520) == "Web Server Returned an Unknown Error"
    assert reason_phrase(404) == "Not Found"
    assert reason_phrase(599) == "Unknown"


def test_a_slow_answer_sleeps_on_the_fake_clock(fake: FakeWanTasks, client: httpx.Client) -> None:
    fake.inject(Slow(7))
    before = fake.clock.now()
    assert client.post("/wan/tasks", json={"action": "retrieve", "id": "x"}).json() == {}
    assert fake.clock.now() == before + 7


def test_a_dropped_connection_raises_for_the_server_to_act_on(fake: FakeWanTasks) -> None:
    fake.inject(Disconnect())
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/wan/tasks", "wsgi.input": io.BytesIO()}
    with pytest.raises(ConnectionDropped):
        fake.wsgi_app(environ, ignore_start)


def test_a_truncated_body_is_sent_short_of_its_content_length(fake: FakeWanTasks) -> None:
    task_id = fake.create_task(queued_for=0, processing_for=0)
    fake.inject(TruncatedBody(after_bytes=5))
    started: list[tuple[str, list[tuple[str, str]]]] = []

    def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        started.append((status, headers))
        return lambda data: None

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": f"/videos/{task_id}.mp4",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
    }
    body = b"".join(fake.wsgi_app(environ, start))
    assert body == fake.video_bytes(task_id)[:5]
    status, headers = started[0]
    assert status == "200 OK"
    assert ("content-length", str(fake.video_size)) in headers


@pytest.mark.parametrize(
    "framing",
    [
        {"CONTENT_LENGTH": "33", "body": b'{"action": "retrieve", "id": "x"}trailing bytes'},
        {"wsgi.input_terminated": True, "body": b'{"action": "retrieve", "id": "x"}'},
    ],
)
def test_bodies_are_read_by_content_length_or_to_the_end(
    fake: FakeWanTasks, framing: dict[str, Any]
) -> None:
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/wan/tasks",
        "HTTP_AUTHORIZATION": f"Bearer {DEFAULT_TOKEN}",
        "wsgi.input": io.BytesIO(framing.pop("body")),
        **framing,
    }
    assert b"".join(fake.wsgi_app(environ, ignore_start)) == b"{}"
