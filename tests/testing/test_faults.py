"""Fault injection in the service core: which requests a fault spoils, and how."""

from __future__ import annotations

import datetime as dt

import pytest

from wan_tasks_sdk.testing import (
    DEFAULT_TOKEN,
    Disconnect,
    ErrorReply,
    FakeClock,
    FakeWanTasks,
    ProxyError,
    RateLimited,
    ServerFault,
    Slow,
    TruncatedBody,
)

from . import spec_support as spec

AUTH = {"authorization": f"Bearer {DEFAULT_TOKEN}"}
BODY = b'{"action": "retrieve", "id": "x"}'


@pytest.fixture
def fake() -> FakeWanTasks:
    return FakeWanTasks(clock=FakeClock())


def status(fake: FakeWanTasks, path: str = "/wan/tasks") -> int:
    return fake.handle("POST" if path == "/wan/tasks" else "GET", path, AUTH, BODY).status


def test_faults_spoil_the_next_requests_in_the_order_injected(fake: FakeWanTasks) -> None:
    fake.inject(ServerFault(), times=2)
    fake.inject(RateLimited(retry_after=1))
    assert fake.pending_faults == [(ServerFault(), 2), (RateLimited(retry_after=1), 1)]
    assert [status(fake) for _ in range(5)] == [500, 500, 429, 200, 200]
    assert fake.pending_faults == []
    assert [r.fault for r in fake.requests] == [ServerFault(), ServerFault(),
                                                RateLimited(retry_after=1), None, None]  # fmt: skip


def test_a_fault_for_always_lasts_until_cleared(fake: FakeWanTasks) -> None:
    fake.inject(ServerFault(503), times=None)
    assert [status(fake) for _ in range(3)] == [503, 503, 503]
    assert fake.pending_faults == [(ServerFault(503), None)]
    fake.clear_faults()
    assert status(fake) == 200


def test_faults_target_the_api_or_the_videos(fake: FakeWanTasks) -> None:
    fake.inject(TruncatedBody(after_bytes=10))  # videos by default
    fake.inject(ServerFault())  # the API by default
    fake.inject(ProxyError(502), on="videos")
    fake.inject(ServerFault(504), on="any")
    assert status(fake) == 500  # the first fault for the API, skipping the video ones
    assert fake.handle("GET", "/videos/x.mp4", {}).truncate_after is not None
    assert status(fake, "/videos/x.mp4") == 502
    assert status(fake, "/videos/x.mp4") == 504
    assert status(fake) == 200
    with pytest.raises(ValueError):
        fake.inject(ServerFault(), on="everything")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        fake.inject(ServerFault(), times=0)


def test_faults_come_before_the_token_check(fake: FakeWanTasks) -> None:
    fake.inject(ServerFault())
    assert fake.handle("POST", "/wan/tasks", {}, b"").status == 500


@pytest.mark.parametrize(
    ("retry_after", "header"),
    [
        (None, None),
        (2, "2"),
        ("Wed, 21 Oct 2026 07:28:00 GMT", "Wed, 21 Oct 2026 07:28:00 GMT"),
        (dt.datetime(2026, 10, 21, 9, 28, tzinfo=dt.timezone(dt.timedelta(hours=2))),
         "Wed, 21 Oct 2026 07:28:00 GMT"),
    ],
)  # fmt: skip
def test_rate_limited_answers_429_with_retry_after(
    fake: FakeWanTasks, retry_after: int | str | dt.datetime | None, header: str | None
) -> None:
    fake.inject(RateLimited(retry_after=retry_after))
    answer = fake.handle("POST", "/wan/tasks", AUTH, BODY)
    assert answer.status == 429
    assert answer.header("retry-after") == header
    assert answer.json()["error"] == {
        "code": "too_many_requests",
        "message": "Too many requests, please slow down.",
    }
    spec.assert_valid("ErrorResponse", answer.json())


def test_fault_arguments_are_checked() -> None:
    with pytest.raises(ValueError):
        RateLimited(retry_after=-1)
    with pytest.raises(ValueError):
        RateLimited(retry_after=True)
    with pytest.raises(ValueError):
        RateLimited(retry_after=dt.datetime(2026, 1, 1))  # naive: which timezone?
    with pytest.raises(ValueError):
        ServerFault(404)
    with pytest.raises(ValueError):
        ProxyError(42)
    with pytest.raises(ValueError):
        ErrorReply(1000, "x", "y")
    with pytest.raises(ValueError):
        Slow(-1)
    with pytest.raises(ValueError):
        TruncatedBody(-1)


@pytest.mark.parametrize(
    ("fault", "code", "message"),
    [
        (ServerFault(), "api_error", "fetch failed"),
        (ServerFault(502), "api_error", "fetch failed"),
        (ServerFault(504), "timeout", "The request timed out."),
        (ServerFault(500, code="custom", message="boom"), "custom", "boom"),
        (ErrorReply(401, "token_expired", "The token has expired."), "token_expired", None),
        (ErrorReply(403, "forbidden", "Not allowed."), "forbidden", None),
        (ErrorReply(400, "used_up", "Your balance is used up."), "used_up", None),
    ],
)
def test_json_error_faults_answer_the_service_error_body(
    fake: FakeWanTasks, fault: ServerFault | ErrorReply, code: str, message: str | None
) -> None:
    fake.inject(fault)
    answer = fake.handle("POST", "/wan/tasks", AUTH, BODY)
    assert answer.status == fault.status
    body = answer.json()
    assert body["success"] is False
    assert body["error"]["code"] == code
    if message is not None:
        assert body["error"]["message"] == message
    spec.assert_valid("ErrorResponse", body)


def test_error_reply_can_add_headers(fake: FakeWanTasks) -> None:
    fake.inject(ErrorReply(503, "api_error", "later", headers=(("retry-after", "7"),)))
    assert fake.handle("POST", "/wan/tasks", AUTH, BODY).header("retry-after") == "7"


@pytest.mark.parametrize("status_code", [502, 499, 520, 527])
def test_proxy_errors_answer_html(fake: FakeWanTasks, status_code: int) -> None:
    fake.inject(ProxyError(status_code))
    answer = fake.handle("POST", "/wan/tasks", AUTH, BODY)
    assert answer.status == status_code
    assert answer.header("content-type") == "text/html; charset=utf-8"
    assert answer.body.startswith(b"<html>")
    assert str(status_code).encode() in answer.body


def test_a_proxy_error_can_have_its_own_page(fake: FakeWanTasks) -> None:
    fake.inject(ProxyError(520, body="error code: 520"))
    assert fake.handle("POST", "/wan/tasks", AUTH, BODY).body == b"error code: 520"


def test_delivery_faults_mark_the_normal_answer(fake: FakeWanTasks) -> None:
    fake.inject(Slow(3))
    slow = fake.handle("POST", "/wan/tasks", AUTH, BODY)
    assert (slow.status, slow.json(), slow.delay, slow.real_delay) == (200, {}, 3, False)
    fake.inject(Slow(0.5, real=True))
    assert fake.handle("POST", "/wan/tasks", AUTH, BODY).real_delay
    fake.inject(Disconnect())
    dropped = fake.handle("POST", "/wan/tasks", AUTH, BODY)
    assert dropped.disconnect
    assert fake.requests[-1].status is None
    fake.inject(TruncatedBody(after_bytes=1), on="api")
    cut = fake.handle("POST", "/wan/tasks", AUTH, BODY)
    assert (cut.status, cut.body, cut.truncate_after) == (200, b"{}", 1)
    fake.inject(TruncatedBody(after_bytes=10**6), on="api")
    assert fake.handle("POST", "/wan/tasks", AUTH, BODY).truncate_after == 2
