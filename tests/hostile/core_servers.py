"""Small hostile HTTP servers on 127.0.0.1 for the client's core: each connection gets a scripted
answer written byte by byte (stall, trickle, compress, flood, reset, redirect).

Every script waits on the server's `stop` event rather than sleeping, so a test that ends early
never leaves a thread behind for long.
"""

from __future__ import annotations

import functools
import gzip
import json
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tests.client.service import task

Script = Callable[[socket.socket, threading.Event], None]


def _read_request(connection: socket.socket) -> None:
    """Read one request (headers and a `content-length` body) and ignore it."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            return
        body += chunk


def _unix_listener(path: str) -> socket.socket:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen()
    return listener


@contextmanager
def serving(script: Script, *, unix_socket: str | None = None) -> Iterator[str]:
    """Answer every connection with `script`; yields the base URL. With `unix_socket`, it
    listens on that path instead of 127.0.0.1 (reach it with a `uds=` transport)."""
    if unix_socket is None:
        listener = socket.create_server(("127.0.0.1", 0))
    else:
        listener = _unix_listener(unix_socket)
    listener.settimeout(0.1)
    stop = threading.Event()

    def handle(connection: socket.socket) -> None:
        with connection:
            try:
                _read_request(connection)
                script(connection, stop)
            except OSError:
                pass  # the client gave up: that is what most tests want

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=handle, args=(connection,), daemon=True).start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield (
            f"http://127.0.0.1:{listener.getsockname()[1]}"
            if unix_socket is None
            else "http://localhost"
        )
    finally:
        stop.set()
        acceptor.join()
        listener.close()


def head(status: int = 200, **headers: str | int) -> bytes:
    lines = [f"HTTP/1.1 {status} X"] + [
        f"{name.replace('_', '-')}: {value}" for name, value in headers.items()
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


TASK_BODY = json.dumps(task("t1")).encode()


def stall(connection: socket.socket, stop: threading.Event) -> None:
    """Accept the request, never answer."""
    stop.wait(10)


def trickle(connection: socket.socket, stop: threading.Event) -> None:
    """A valid answer, one byte every 0.1 s: each read is quick, the whole takes minutes."""
    connection.sendall(head(content_type="application/json", content_length=len(TASK_BODY)))
    for byte in TASK_BODY:
        if stop.wait(0.1):
            return
        connection.sendall(bytes([byte]))


def trickle_head(connection: socket.socket, stop: threading.Event) -> None:
    """As `trickle`, the status line and headers too: no answer to bind a stream from yet."""
    answer = head(content_type="application/json", content_length=len(TASK_BODY)) + TASK_BODY
    for byte in answer:
        if stop.wait(0.1):
            return
        connection.sendall(bytes([byte]))


def half_then_stall(connection: socket.socket, stop: threading.Event) -> None:
    """Half the answer just before the client's deadline (1.3 s of 1.5), then nothing."""
    connection.sendall(head(content_type="application/json", content_length=len(TASK_BODY)))
    if not stop.wait(1.3):
        connection.sendall(TASK_BODY[: len(TASK_BODY) // 2])
        stop.wait(10)


@functools.cache
def _gzipped_zeros(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=6)


def gzip_bomb(decompressed_size: int, status: int = 200) -> tuple[Script, int]:
    """A script answering with `decompressed_size` zero bytes, gzipped; and the size sent."""
    body = _gzipped_zeros(decompressed_size)

    def script(connection: socket.socket, stop: threading.Event) -> None:
        connection.sendall(
            head(
                status,
                content_type="application/json",
                content_encoding="gzip",
                content_length=len(body),
            )
            + body
        )

    return script, len(body)


def flood(size: int, status: int = 200) -> Script:
    """A body of `size` bytes (spaces, then JSON would follow), sent as fast as it is read."""

    def script(connection: socket.socket, stop: threading.Event) -> None:
        connection.sendall(head(status, content_type="application/json", content_length=size))
        block = b" " * 65536
        for _ in range(size // len(block)):
            if stop.is_set():
                return
            connection.sendall(block)

    return script


def reset(connection: socket.socket, stop: threading.Event) -> None:
    """Close with a TCP reset instead of an answer."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def redirect(location: str) -> Script:
    def script(connection: socket.socket, stop: threading.Event) -> None:
        connection.sendall(head(302, location=location, content_length=0))

    return script
