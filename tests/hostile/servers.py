"""Small hostile HTTP servers on 127.0.0.1: each connection is answered by a script of the test.

A script gets the parsed request and the raw socket, so it can do what no well-behaved server
does: stall, trickle, lie about lengths, reset, compress, redirect. Every wait is bounded
(`RELEASE_AFTER`), and leaving the `with` block releases stalled scripts and closes everything.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.client import spec
from wan_tasks_sdk import Task

#: The longest a script waits for the test to release it, in seconds.
RELEASE_AFTER = 10.0


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: Mapping[str, str]


@dataclass
class Connection:
    """One accepted connection, as a script sees it."""

    sock: socket.socket
    request: Request
    server: HostileServer

    def send_head(self, status: int = 200, headers: Mapping[str, str] | None = None) -> None:
        lines = [f"HTTP/1.1 {status} Whatever"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def answer(
        self, status: int = 200, body: bytes = b"", headers: Mapping[str, str] | None = None
    ) -> None:
        self.send_head(status, {"content-length": str(len(body)), **(headers or {})})
        self.sock.sendall(body)

    def reset(self) -> None:
        """Close with a TCP reset (RST) instead of an orderly close."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()

    def stall(self) -> None:
        """Hold the connection open until the test releases the server (bounded)."""
        self.server.stalled.set()
        self.server.release.wait(RELEASE_AFTER)


Script = Callable[[Connection], None]


@dataclass
class HostileServer:
    script: Script
    requests: list[Request] = field(default_factory=list)
    stalled: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def _serve(self, listener: socket.socket) -> None:
        while True:
            try:
                sock, _ = listener.accept()
            except OSError:  # closed: the test is over
                return
            threading.Thread(target=self._answer, args=(sock,), daemon=True).start()

    def _answer(self, sock: socket.socket) -> None:
        sock.settimeout(RELEASE_AFTER)
        try:
            head = b""
            while b"\r\n\r\n" not in head:
                piece = sock.recv(65536)
                if not piece:
                    return
                head += piece
            first, *lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
            method, path, _ = first.split(" ", 2)
            headers = {}
            for line in lines:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            request = Request(method, path, headers)
            self.requests.append(request)
            self.script(Connection(sock, request, self))
        except OSError:
            pass  # the client went away: part of the game
        finally:
            sock.close()


@contextmanager
def hostile_server(script: Script) -> Iterator[HostileServer]:
    server = HostileServer(script)
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    server.url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    thread = threading.Thread(target=server._serve, args=(listener,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        thread.join(RELEASE_AFTER)


def video_task(url: str, task_id: str = "task-1") -> Task:
    """A finished task whose video is at `url` (the older record shape: a signed link)."""
    return Task.from_dict(video_record(url, task_id))


def video_record(url: str, task_id: str = "task-1") -> dict[str, Any]:
    """The spec's `completed_task` example, with this id and video link."""
    record = spec.ok_example("completed_task")
    record["id"] = task_id
    record["response"] = {
        "success": True,
        "task_id": task_id,
        "state": "completed",
        "video_url": url,
    }
    return record


def gzipped(body: bytes) -> bytes:
    return gzip.compress(body, mtime=0)
