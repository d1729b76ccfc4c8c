"""The fake on a real HTTP socket, for tests that need one and for `wan-tasks fake-server`.

A threaded `wsgiref` server runs `FakeWanTasks.wsgi_app`, so it answers exactly as the httpx
transports do. Its video links point at the address the request came to (the bound
`http://127.0.0.1:<port>`). A `Disconnect` fault closes the socket without a byte of answer and
a `TruncatedBody` closes it mid-body, so clients meet the real network's failures. Stdlib only.
"""

from __future__ import annotations

import signal
import socket
import socketserver
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType
from typing import IO, Any, Self, cast
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer

from ._service import FakeWanTasks
from ._wsgi import ConnectionDropped

__all__ = ["FakeWanTasksServer", "serve"]


class _ServerHandler(ServerHandler):
    """wsgiref's handler, except that `ConnectionDropped` closes the connection silently."""

    def handle_error(self) -> None:
        if isinstance(sys.exc_info()[1], ConnectionDropped):
            # Nothing was written; the request handler returns and the socket is closed.
            request_handler = self.request_handler  # type: ignore[attr-defined]
            request_handler.log_message('"%s" dropped', request_handler.requestline)
            return
        super().handle_error()


class _RequestHandler(WSGIRequestHandler):
    server: _HTTPServer

    def handle(self) -> None:
        # As WSGIRequestHandler.handle, with the handler above.
        self.raw_requestline = self.rfile.readline(65537)
        if len(self.raw_requestline) > 65536:
            self.requestline = self.request_version = self.command = ""
            self.send_error(414)
            return
        if not self.parse_request():
            return
        handler = _ServerHandler(
            self.rfile,
            cast("IO[bytes]", self.wfile),
            self.get_stderr(),
            self.get_environ(),
            multithread=True,
        )
        handler.request_handler = self  # type: ignore[attr-defined]  # wsgiref's back-pointer
        handler.run(self.server.get_app())  # type: ignore[arg-type]

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)


class _HTTPServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a request stuck in a slow answer must not keep the process alive
    block_on_close = False
    quiet = True

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host name up (socket.getfqdn), which can be slow.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)
        self.setup_environ()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that goes away mid-answer is normal here; anything else is worth a trace.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeWanTasksServer:
    """`fake` served over HTTP on `host:port` (port 0: a free port), in a background thread.

    `with FakeWanTasksServer(fake) as server: httpx.get(server.url + ...)`. Stopping (leaving
    the block, or `stop()`) closes the listening socket and returns at once; requests still
    being answered finish on their own (daemon) threads. `quiet=False` logs each request to
    stderr.
    """

    def __init__(
        self,
        fake: FakeWanTasks | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        quiet: bool = True,
    ) -> None:
        self.fake: FakeWanTasks = fake if fake is not None else FakeWanTasks()
        self._address = (host, port)
        self._quiet = quiet
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        where = self.url if self._httpd is not None else "not started"
        return f"<FakeWanTasksServer {where}>"

    def _bind(self) -> _HTTPServer:
        if self._httpd is not None:
            raise RuntimeError("the server is started already")
        host = self._address[0]
        server_class = _HTTPServer
        if ":" in host:  # an IPv6 address

            class _IPv6Server(_HTTPServer):
                address_family = socket.AF_INET6

            server_class = _IPv6Server
        httpd = server_class(self._address, _RequestHandler)
        httpd.quiet = self._quiet
        httpd.set_app(self.fake.wsgi_app)
        self._httpd = httpd
        return httpd

    @property
    def host(self) -> str:
        """The address the server listens on."""
        return str(self._started().server_address[0])

    @property
    def port(self) -> int:
        """The port the server listens on (the one chosen, when asked for port 0)."""
        return int(self._started().server_address[1])

    @property
    def url(self) -> str:
        """`http://<host>:<port>`: the base URL of the API and of the video links."""
        host = self.host
        return f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"

    def _started(self) -> _HTTPServer:
        if self._httpd is None:
            raise RuntimeError("the server is not started (use `with` or start())")
        return self._httpd

    def start(self) -> Self:
        """Bind and serve in a background thread; returns self."""
        httpd = self._bind()
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fake-wan-tasks:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket (idempotent)."""
        httpd, thread = self._httpd, self._thread
        self._httpd = self._thread = None
        if httpd is None:
            return
        if thread is not None:
            httpd.shutdown()
            thread.join()
        httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def serve_forever(self, on_ready: Callable[[str], object] | None = None) -> None:
        """Serve in this thread until Ctrl-C (SIGINT) or SIGTERM, then close and return.

        `on_ready(url)` is called once the socket listens, e.g. to print where it is.
        """
        httpd = self._bind()
        try:
            with _stop_on_signals(httpd):
                if on_ready is not None:
                    on_ready(self.url)
                httpd.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:  # off the main thread no handler is set; Ctrl-C lands here
            pass
        finally:
            self._httpd = None
            httpd.server_close()


@contextmanager
def _stop_on_signals(httpd: socketserver.BaseServer) -> Iterator[None]:
    """While serving, SIGINT and SIGTERM ask the loop to stop, and it returns normally.

    Why not let them raise: an exception raised wherever the main thread happens to be (inside
    the selector, or starting a request thread) can leave the server half torn down. And why set
    SIGINT explicitly: a process started in the background inherits SIGINT ignored, and then
    `kill -INT` (what a supervisor or a test sends for Ctrl-C) would do nothing.
    Only the main thread can set handlers; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        # shutdown() waits for the loop to finish, so it must not run on the loop's own thread.
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def serve(
    fake: FakeWanTasks | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    quiet: bool = False,
    on_ready: Callable[[str], object] | None = None,
) -> None:
    """Serve `fake` (default: an empty one on real time) on `host:port` until Ctrl-C/SIGTERM.

    Blocking; what `wan-tasks fake-server` runs. Returns normally once stopped, with the
    socket closed. `on_ready(url)` is called when the server listens.
    """
    FakeWanTasksServer(fake, host=host, port=port, quiet=quiet).serve_forever(on_ready)
