"""The fake on a real socket: the same answers, and the network's own failures."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from wan_tasks_sdk import TOKEN_ENV_VAR, WanTasks
from wan_tasks_sdk._cli import main
from wan_tasks_sdk.testing import (
    DEFAULT_TOKEN,
    Disconnect,
    FakeClock,
    FakeWanTasks,
    FakeWanTasksServer,
    ProxyError,
    RateLimited,
    Slow,
    SystemClock,
    TruncatedBody,
)
from wan_tasks_sdk.testing._server import MAX_REQUEST_BODY
from wan_tasks_sdk.testing._service import REQUEST_LOG_SIZE

from .offline import OneHostOnly, RefusingProxy, documented_videos

AUTH = {"authorization": f"Bearer {DEFAULT_TOKEN}"}
RETRIEVE = {"action": "retrieve", "id": "x"}


def drain(response: httpx.Response, into: bytearray) -> None:
    """Read the body into `into`, chunk by chunk, so what came before an error is kept."""
    for chunk in response.iter_raw():
        into += chunk


def test_the_server_serves_the_fake_on_a_free_port(wan_tasks_server: FakeWanTasksServer) -> None:
    fake = wan_tasks_server.fake
    assert wan_tasks_server.url == f"http://127.0.0.1:{wan_tasks_server.port}"
    assert wan_tasks_server.port > 0
    assert wan_tasks_server.host == "127.0.0.1"
    task_id = fake.create_task(queued_for=0, processing_for=0)
    with httpx.Client(base_url=wan_tasks_server.url, headers=AUTH) as client:
        record = client.post("/wan/tasks", json={"action": "retrieve", "id": task_id}).json()
        video_url = record["response"]["data"]["video_url"]
        assert video_url == f"{wan_tasks_server.url}/videos/{task_id}.mp4"
        with client.stream("GET", video_url) as response:
            assert response.headers["content-length"] == str(fake.video_size)
            chunks = list(response.iter_bytes())
        assert b"".join(chunks) == fake.video_bytes(task_id)
        ranged = client.get(video_url, headers={"range": "bytes=-10"})
        assert (ranged.status_code, ranged.content) == (206, fake.video_bytes(task_id)[-10:])
        assert client.post("/wan/tasks", json={"action": "nope"}).status_code == 400
        no_token = client.post("/wan/tasks", json=RETRIEVE, headers={"authorization": ""})
        assert no_token.status_code == 401
        assert client.get("/wan/tasks").headers["allow"] == "POST"
    assert [r.status for r in fake.requests] == [200, 200, 206, 400, 401, 405]
    assert fake.requests[0].headers["authorization"] == "Bearer [REDACTED]"


def test_error_faults_over_the_socket(wan_tasks_server: FakeWanTasksServer) -> None:
    fake = wan_tasks_server.fake
    fake.inject(RateLimited(retry_after=2))
    fake.inject(ProxyError(520))
    with httpx.Client(base_url=wan_tasks_server.url, headers=AUTH) as client:
        limited = client.post("/wan/tasks", json=RETRIEVE)
        assert (limited.status_code, limited.headers["retry-after"]) == (429, "2")
        proxy = client.post("/wan/tasks", json=RETRIEVE)
        assert proxy.status_code == 520
        assert proxy.text.startswith("<html>")
        assert client.post("/wan/tasks", json=RETRIEVE).json() == {}


def test_a_dropped_connection_over_the_socket_fails_as_over_the_transport(
    wan_tasks_server: FakeWanTasksServer,
) -> None:
    fake = wan_tasks_server.fake
    fake.inject(Disconnect())
    with httpx.Client(base_url=wan_tasks_server.url, headers=AUTH) as client:
        with pytest.raises(httpx.RemoteProtocolError) as over_socket:
            client.post("/wan/tasks", json=RETRIEVE)
        assert client.post("/wan/tasks", json=RETRIEVE).status_code == 200
    fake.inject(Disconnect())
    transport = fake.transport()
    with (
        httpx.Client(transport=transport, base_url="http://x", headers=AUTH) as client,
        pytest.raises(httpx.RemoteProtocolError) as over_transport,
    ):
        client.post("/wan/tasks", json=RETRIEVE)
    assert str(over_socket.value) == str(over_transport.value)


def test_a_truncated_download_over_the_socket_fails_as_over_the_transport(
    wan_tasks_server: FakeWanTasksServer,
) -> None:
    fake = wan_tasks_server.fake
    task_id = fake.create_task(queued_for=0, processing_for=0)
    errors = []
    for base_url, transport in ((wan_tasks_server.url, None), ("http://x", fake.transport())):
        fake.inject(TruncatedBody(after_bytes=100_000))
        received = bytearray()
        with (
            httpx.Client(base_url=base_url, transport=transport) as client,
            client.stream("GET", f"/videos/{task_id}.mp4") as response,
        ):
            assert response.status_code == 200
            with pytest.raises(httpx.RemoteProtocolError) as error:
                drain(response, received)
        assert received == fake.video_bytes(task_id)[:100_000]
        errors.append(str(error.value))
    assert errors[0] == errors[1]


def test_a_slow_answer_on_a_fake_clock_is_instant(wan_tasks_server: FakeWanTasksServer) -> None:
    fake = wan_tasks_server.fake
    fake.inject(Slow(60))
    before, started = fake.clock.now(), time.perf_counter()
    response = httpx.post(f"{wan_tasks_server.url}/wan/tasks", json=RETRIEVE, headers=AUTH)
    assert response.status_code == 200
    assert fake.clock.now() == before + 60
    assert time.perf_counter() - started < 1


def test_a_really_slow_answer_times_the_client_out_without_holding_others() -> None:
    fake = FakeWanTasks(clock=SystemClock())
    fake.inject(Slow(0.5))
    with FakeWanTasksServer(fake) as server, httpx.Client(base_url=server.url, headers=AUTH) as c:
        with pytest.raises(httpx.ReadTimeout):
            c.post("/wan/tasks", json=RETRIEVE, timeout=0.1)
        started = time.perf_counter()
        assert c.post("/wan/tasks", json=RETRIEVE).status_code == 200  # another thread answers
        assert time.perf_counter() - started < 0.4
    fake = FakeWanTasks(clock=FakeClock())
    fake.inject(Slow(0.3, real=True))
    with FakeWanTasksServer(fake) as server, pytest.raises(httpx.ReadTimeout):
        httpx.post(f"{server.url}/wan/tasks", json=RETRIEVE, headers=AUTH, timeout=0.1)


def test_stopping_closes_the_socket() -> None:
    server = FakeWanTasksServer()
    with pytest.raises(RuntimeError, match="not started"):
        _ = server.url
    assert "not started" in repr(server)
    with server:
        url = server.url
        assert url in repr(server)
        assert httpx.post(f"{url}/wan/tasks", json=RETRIEVE).status_code == 401
        with pytest.raises(RuntimeError, match="already"):
            server.start()
    server.stop()  # idempotent
    with pytest.raises(httpx.ConnectError):
        httpx.post(f"{url}/wan/tasks", json=RETRIEVE)
    assert isinstance(server.fake.clock, SystemClock)  # a fake of its own, on real time


def test_a_server_can_be_stopped_while_a_slow_answer_is_pending() -> None:
    fake = FakeWanTasks(clock=FakeClock())
    fake.inject(Slow(2, real=True))
    server = FakeWanTasksServer(fake).start()
    url = server.url

    def call() -> None:
        with contextlib.suppress(httpx.HTTPError):
            httpx.post(f"{url}/wan/tasks", json=RETRIEVE, timeout=5)

    threading.Thread(target=call, daemon=True).start()
    time.sleep(0.1)
    started = time.perf_counter()
    server.stop()
    assert time.perf_counter() - started < 1


_SERVE = """
import sys
from wan_tasks_sdk.testing import serve
serve(port=0, quiet=True, on_ready=lambda url: print(url, flush=True))
print("stopped", flush=True)
"""


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_serve_blocks_until_interrupted_then_stops_cleanly(signum: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", _SERVE], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert httpx.post(f"{url}/wan/tasks", json=RETRIEVE).status_code == 401
        process.send_signal(signum)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert out.strip() == "stopped"
    assert "Traceback" not in err
    with pytest.raises(httpx.ConnectError):
        httpx.post(f"{url}/wan/tasks", json=RETRIEVE)


def test_documented_videos_download_from_the_server_and_nowhere_else(tmp_path: Path) -> None:
    fake = FakeWanTasks()  # on real time: today is long after the documented `Expires=`
    fake.add_examples()
    guard = OneHostOnly(httpx.HTTPTransport(), "127.0.0.1")
    with (
        FakeWanTasksServer(fake) as server,
        WanTasks(fake.token, base_url=server.url, transport=guard) as client,
    ):
        for task_id in documented_videos():
            task = client.retrieve(task_id)
            assert task.video_url == f"{server.url}/videos/{task_id}.mp4"
            path = client.download_video(task, tmp_path)
            assert path.read_bytes() == fake.video_bytes(task_id)
    assert guard.refused == []


def test_wan_tasks_download_of_a_documented_id_stays_on_the_machine(tmp_path: Path) -> None:
    """`wan-tasks fake-server`, then `wan-tasks download` with its printed token, behind a
    proxy that refuses every host but 127.0.0.1 and counts who tried to get out."""
    wan_tasks = str(Path(sys.executable).with_name("wan-tasks"))
    with RefusingProxy() as proxy:
        env = {**os.environ, **proxy.environment}
        env.pop(TOKEN_ENV_VAR, None)
        server = subprocess.Popen(
            [wan_tasks, "fake-server", "--port", "0"], env=env, stderr=subprocess.PIPE, text=True
        )
        try:
            assert server.stderr is not None
            printed = "".join(server.stderr.readline() for _ in range(3))
            url = re.search(r"service on (http://127\.0\.0\.1:\d+) ", printed)
            token = re.search(r"^  token: (\S+)$", printed, re.MULTILINE)
            assert url is not None, printed
            assert token is not None, printed
            for task_id in documented_videos():
                download = subprocess.run(
                    [wan_tasks, "download", task_id, "-o", str(tmp_path), "--base-url", url[1]],
                    env={**env, TOKEN_ENV_VAR: token[1]},
                    capture_output=True,
                    text=True,
                    timeout=30,
                    check=False,
                )
                assert download.returncode == 0, download.stderr
                saved = (tmp_path / f"{task_id}.mp4").read_bytes()
                assert saved == FakeWanTasks().video_bytes(task_id)
        finally:
            server.terminate()
            server.communicate(timeout=10)
        assert proxy.connections == 0
        # And the proxy does stop a process that tries to get out.
        outside = [sys.executable, "-c", "import httpx; httpx.get('https://cdn.acedata.cloud/')"]
        assert subprocess.run(outside, env=env, capture_output=True, check=False).returncode
        assert proxy.connections >= 1


# --- sized for concurrent suites ----------------------------------------------------------------


def _exchange(address: tuple[str, int], request: bytes) -> bytes:
    """Send `request` on a fresh connection and read the answer to its end (the server closes)."""
    with socket.create_connection(address, timeout=5) as sock:
        sock.sendall(request)
        answer = b""
        while piece := sock.recv(65536):
            answer += piece
    return answer


def test_fifty_concurrent_clients_get_every_answer(wan_tasks_server: FakeWanTasksServer) -> None:
    """socketserver's listen queue of 5 dropped connections under this load."""
    address = (wan_tasks_server.host, wan_tasks_server.port)
    request = b"GET /wan/tasks HTTP/1.1\r\nhost: fake\r\nconnection: close\r\n\r\n"
    clients, rounds = 50, 20
    start = threading.Barrier(clients)
    answers: list[bytes] = []
    failures: list[BaseException] = []

    def client() -> None:
        start.wait(10)
        for _ in range(rounds):
            try:
                answers.append(_exchange(address, request))
            except OSError as error:
                failures.append(error)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failures == []
    assert len(answers) == clients * rounds
    assert all(answer.startswith(b"HTTP/1.0 405 ") for answer in answers)


def test_a_silent_connection_is_closed_after_the_idle_timeout() -> None:
    with FakeWanTasksServer(idle_timeout=0.2) as server:
        with socket.create_connection((server.host, server.port), timeout=5) as silent:
            assert silent.recv(1) == b""  # closed by the server, not timed out here
        # The server still answers others.
        assert httpx.get(f"{server.url}/wan/tasks").status_code == 405


def test_the_idle_timeout_must_be_positive() -> None:
    with pytest.raises(ValueError, match="idle_timeout"):
        FakeWanTasksServer(idle_timeout=0)


@pytest.mark.parametrize(("path", "status"), [("/wan/tasks", 405), ("/nowhere", 404)])
def test_a_head_answer_has_headers_and_no_body(
    wan_tasks_server: FakeWanTasksServer, path: str, status: int
) -> None:
    address = (wan_tasks_server.host, wan_tasks_server.port)
    head = _exchange(address, f"HEAD {path} HTTP/1.1\r\nhost: fake\r\n\r\n".encode())
    get = _exchange(address, f"GET {path} HTTP/1.1\r\nhost: fake\r\n\r\n".encode())
    head_headers, head_body = head.split(b"\r\n\r\n", 1)
    get_body = get.split(b"\r\n\r\n", 1)[1]
    assert head_headers.startswith(f"HTTP/1.0 {status} ".encode())
    assert get_body
    assert f"content-length: {len(get_body)}".encode() in head_headers.lower()
    assert head_body == b""


def test_a_body_too_large_is_refused_unread_and_not_recorded(
    wan_tasks_server: FakeWanTasksServer,
) -> None:
    big = b"x" * (MAX_REQUEST_BODY + 1)
    with httpx.Client(base_url=wan_tasks_server.url, headers=AUTH) as client:
        refused = client.post("/wan/tasks", content=big)
        accepted = client.post("/wan/tasks", json=RETRIEVE)
    assert (refused.status_code, accepted.status_code) == (413, 200)
    assert [request.status for request in wan_tasks_server.fake.requests] == [200]


def test_the_request_log_keeps_the_most_recent_requests() -> None:
    fake = FakeWanTasks()
    with httpx.Client(transport=fake.transport(), base_url="http://fake") as client:
        for number in range(REQUEST_LOG_SIZE + 5):
            client.get(f"/nowhere/{number}")
    paths = [request.path for request in fake.requests]
    assert len(paths) == REQUEST_LOG_SIZE
    assert paths[0] == "/nowhere/5"
    assert paths[-1] == f"/nowhere/{REQUEST_LOG_SIZE + 4}"


def test_fake_server_help_says_it_prints_the_token(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fake-server", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert re.search(r"--token TOKEN the token it accepts .*prints", help_text), help_text
