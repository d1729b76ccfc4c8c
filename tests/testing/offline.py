"""A network with no way out, for proving that the fake keeps a test on the machine.

`OneHostOnly` is an httpx transport that refuses every host but one, as a sandbox would;
`RefusingProxy` is a proxy on 127.0.0.1 that records and drops every connection, so that a
process told to use it (`ALL_PROXY`, with `NO_PROXY` for the fake's address) cannot reach any
other host, and the test sees whether it tried.
"""

from __future__ import annotations

import socket
import threading
from types import TracebackType
from typing import Any, Self

import httpx

__all__ = ["OneHostOnly", "RefusingProxy", "documented_videos"]


def documented_videos() -> list[str]:
    """The ids of the documented examples that have a video."""
    from wan_tasks_sdk.testing import FakeClock, FakeWanTasks  # noqa: PLC0415

    fake = FakeWanTasks(clock=FakeClock())
    return [task_id for task_id in fake.add_examples() if _has_video(fake.get_task(task_id))]


def _has_video(record: dict[str, Any] | None) -> bool:
    response = (record or {}).get("response") or {}
    return bool(response.get("video_url") or (response.get("data") or {}).get("video_url"))


class OneHostOnly(httpx.BaseTransport):
    """Sends requests to `host` through `inner`; any other host fails as unreachable."""

    def __init__(self, inner: httpx.BaseTransport, host: str) -> None:
        self.inner, self.host = inner, host
        self.refused: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host != self.host:
            self.refused.append(str(request.url))
            raise httpx.ConnectError(f"no route to {request.url.host}", request=request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


class RefusingProxy:
    """A proxy on 127.0.0.1 that accepts each connection, records it and closes it at once.

    `environment` is what makes a process use it for every host but the loopback address.
    """

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.connections = 0
        self._thread = threading.Thread(target=self._refuse, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    @property
    def environment(self) -> dict[str, str]:
        names = ("ALL_PROXY", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "http_proxy", "https_proxy")
        return {**dict.fromkeys(names, self.url), "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}

    def _refuse(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:  # closed: the test is over
                return
            self.connections += 1
            connection.close()

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() waiting in the thread
        self._listener.close()
        self._thread.join(timeout=5)
