"""The fake on a real HTTP socket, for tests that need one and for `wan-tasks fake-server`.

A threaded `wsgiref` server runs `FakeWanTasks.wsgi_app`, so it answers exactly as the httpx
transports do. Its video links point at the address the request came to (the bound
`http://127.0.0.1:<port>`). A `Disconnect` fault closes the socket without a byte of answer and
a `TruncatedBody` closes it mid-body, so clients meet the real network's failures. Stdlib only.

Sized for test suites that run many clients at once: a listen backlog of `LISTEN_BACKLOG`
(socketserver's default of 5 drops connections under 50 concurrent clients), connections that
send nothing for `idle_timeout` seconds are closed (so stalled clients do not pin threads), a
request body over `MAX_REQUEST_BODY` is refused (413) unread, and `HEAD` answers carry headers
only. The fake keeps the last `REQUEST_LOG_SIZE` requests.
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
from typing import IO, TYPE_CHECKING, Any, Final, Self, cast
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer

from .. import _signals
from ._service import REQUEST_LOG_SIZE, FakeWanTasks
from ._wsgi import ConnectionDropped

if TYPE_CHECKING:
    from .._client import AsyncWanTasks, WanTasks

__all__ = [
    "DEFAULT_IDLE_TIMEOUT",
    "LISTEN_BACKLOG",
    "MAX_REQUEST_BODY",
    "REQUEST_LOG_SIZE",
    "FakeWanTasksServer",
    "serve",
]

#: Connections the kernel queues before the server accepts them.
LISTEN_BACKLOG: Final = 512
#: The largest request body the server reads (the API's requests are a few hundred bytes);
#: larger ones are answered 413 unread, so a flood of big bodies costs no memory.
MAX_REQUEST_BODY: Final = 1024 * 1024
#: Seconds a connection may stay silent (no request, or a stalled one) before it is closed.
DEFAULT_IDLE_TIMEOUT: Final = 10.0


class _ServerHandler(ServerHandler):
    """wsgiref's handler, except that `ConnectionDropped` closes the connection silently and
    a `HEAD` answer sends its headers (`content-length` included) but never its body."""

    head_only = False

    def write(self, data: bytes) -> None:
        if not self.head_only:
            super().write(data)
        elif not self.headers_sent:  # type: ignore[attr-defined]  # wsgiref's, untyped
            self.bytes_sent = len(data)
            self.send_headers()
            self._flush()

    def handle_error(self) -> None:
        if isinstance(sys.exc_info()[1], ConnectionDropped):
            # Nothing was written; the request handler returns and the socket is closed.
            request_handler = self.request_handler  # type: ignore[attr-defined]
            request_handler.log_message('"%s" dropped', request_handler.requestline)
            return
        super().handle_error()


class _RequestHandler(WSGIRequestHandler):
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.idle_timeout)

    def handle(self) -> None:
        # As WSGIRequestHandler.handle, with the handler above.
        try:
            self.raw_requestline = self.rfile.readline(65537)
        except TimeoutError:  # an idle connection: close it, quietly
            return
        if len(self.raw_requestline) > 65536:
            self.requestline = self.request_version = self.command = ""
            self.send_error(414)
            return
        if not self.parse_request():
            return
        length = str(self.headers.get("content-length", "")).strip()
        if length.isdigit() and int(length) > MAX_REQUEST_BODY:
            self.close_connection = True
            self.send_error(413, f"the fake takes request bodies up to {MAX_REQUEST_BODY} bytes")
            # Read the body to its end, discarding it: closing with unread bytes would reset
            # the connection, and the client might never see the answer.
            remaining = int(length)
            while remaining > 0 and (piece := self.rfile.read(min(remaining, 65536))):
                remaining -= len(piece)
            return
        handler = _ServerHandler(
            self.rfile,
            cast("IO[bytes]", self.wfile),
            self.get_stderr(),
            self.get_environ(),
            multithread=True,
        )
        handler.request_handler = self  # type: ignore[attr-defined]  # wsgiref's back-pointer
        handler.head_only = self.command == "HEAD"
        handler.run(self.server.get_app())  # type: ignore[arg-type]

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)


class _HTTPServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a request stuck in a slow answer must not keep the process alive
    block_on_close = False
    request_queue_size = LISTEN_BACKLOG
    quiet = True
    idle_timeout: float | None = DEFAULT_IDLE_TIMEOUT

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host name up (socket.getfqdn), which can be slow.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)
        self.setup_environ()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that goes away or goes silent is normal here; anything else is worth a trace.
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class FakeWanTasksServer:
    """`fake` served over HTTP on `host:port` (port 0: a free port), in a background thread.

    `with FakeWanTasksServer(fake) as server: httpx.get(server.url + ...)`. Stopping (leaving
    the block, or `stop()`) closes the listening socket and returns at once; requests still
    being answered finish on their own (daemon) threads. `quiet=False` logs each request to
    stderr. A connection silent for `idle_timeout` seconds is closed (`None`: never).
    """

    def __init__(
        self,
        fake: FakeWanTasks | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        quiet: bool = True,
        idle_timeout: float | None = DEFAULT_IDLE_TIMEOUT,
    ) -> None:
        if idle_timeout is not None and not idle_timeout > 0:
            raise ValueError(f"idle_timeout must be > 0 or None: {idle_timeout!r}")
        self.fake: FakeWanTasks = fake if fake is not None else FakeWanTasks()
        self._address = (host, port)
        self._quiet = quiet
        self._idle_timeout = idle_timeout
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
        httpd.idle_timeout = self._idle_timeout
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

    def client(self, **options: Any) -> WanTasks:
        """A `WanTasks` of this server: its URL, and the fake's token and clock.

        A client of your own pointed at `url` sleeps in real time while a `FakeClock` stands
        still, so its `wait()` would never end: this one sleeps by moving the fake's clock.
        `options` are the client's other arguments.
        """
        from .._client import WanTasks  # noqa: PLC0415 - the client loads on first use

        fake = self.fake
        return WanTasks(fake.token, base_url=self.url, clock=fake.clock, **options)

    def async_client(self, **options: Any) -> AsyncWanTasks:
        """An `AsyncWanTasks` of this server, as `client()` is."""
        from .._client import AsyncWanTasks  # noqa: PLC0415 - the client loads on first use

        fake = self.fake
        return AsyncWanTasks(fake.token, base_url=self.url, clock=fake.clock, **options)

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

    def stop(signum: int, frame: FrameType | None) -> None:
        # shutdown() waits for the loop to finish, so it must not run on the loop's own thread.
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    with _signals.handling((signal.SIGINT, signal.SIGTERM), stop):
        yield


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
