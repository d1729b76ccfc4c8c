"""`WanTasks` and `AsyncWanTasks`: the same methods, the same core; only the I/O differs.

Every method takes the per-call options of `CallOptions` (`timeout`, `max_retries`,
`extra_headers`; `wait()` names its per-request timeout `request_timeout`, since its `timeout`
is the overall deadline); `with_options()` makes a configured copy that shares the connection
pool, and `with_raw_response` gives the HTTP answer behind a result.

What both clients compute (settings, argument checks, the operations of the core, the steps of
a download) is written once, on `_BaseClient` and `_VideoDownload`; each client only performs
the I/O, blocking or awaited.
"""

from __future__ import annotations

import copy
import math
import os
import threading
import time
import warnings
from collections.abc import AsyncGenerator, Callable, Generator, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from http.cookiejar import Cookie, CookieJar
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Generic, Self, TypedDict, TypeVar, Unpack, overload

import httpx

from . import _core, _deadlines
from ._clock import Clock, SystemClock
from ._core import Emit, Operation, Reply, Send, Sleep
from ._download import (
    MAX_REDIRECTS,
    DownloadProgress,
    PartialFile,
    check_video_url,
    destination_for,
    remove_stale_parts,
    video_url_of,
)
from ._errors import (
    CleartextWarning,
    ClientClosedError,
    DownloadError,
    InvalidArgumentError,
    MissingTokenError,
    WanTasksError,
)
from ._models import AsyncTaskIterator, BatchResult, Task, TaskIterator, WaitProgress
from ._response import RawResponse
from .generated.types import UNSET, Unset

__all__ = [
    "BASE_URL_ENV_VAR",
    "TOKEN_ENV_VAR",
    "AsyncWanTasks",
    "AsyncWanTasksWithRawResponse",
    "CallOptions",
    "ListFilters",
    "WaitOptions",
    "WanTasks",
    "WanTasksWithRawResponse",
]

TOKEN_ENV_VAR: Final = "ACEDATACLOUD_API_TOKEN"
BASE_URL_ENV_VAR: Final = "WAN_TASKS_BASE_URL"
"""Where the service is, when `base_url=` is not given (default `https://api.acedata.cloud`)."""
_R = TypeVar("_R")
_HttpClient = TypeVar("_HttpClient", httpx.Client, httpx.AsyncClient)
_Transport = TypeVar("_Transport", httpx.BaseTransport, httpx.AsyncBaseTransport)

DEFAULT_WAIT_TIMEOUT: Final = 900.0
DEFAULT_POLL_INTERVAL: Final = 5.0


class _RetryAndHeaderOptions(TypedDict, total=False):
    """The per-call options under the same name in every method: the per-request timeout is
    not among them, since `wait()` calls it `request_timeout`."""

    max_retries: int | Unset
    """Retries of this call's requests, in place of the client's `max_retries`."""
    extra_headers: Mapping[str, str] | None
    """Headers sent with this call's requests to the API, beside the client's."""


class CallOptions(_RetryAndHeaderOptions, total=False):
    """The per-call options every method takes; every one may be left out, and the client's
    setting applies. Type a wrapper's `**options: Unpack[CallOptions]` to pass them on."""

    timeout: httpx.Timeout | float | Unset | None
    """Seconds for each request of this call, connect to last byte (`None`: no limit)."""


class ListFilters(CallOptions, total=False):
    """The keyword arguments of `list_tasks()`: `CallOptions` and the filters below; every one
    may be left out."""

    type: str | None
    """Only tasks of this type, e.g. `"videos"`."""
    created_after: datetime | float | None
    """Only tasks created at or after this (an aware datetime, or unix seconds)."""
    created_before: datetime | float | None
    """Only tasks created at or before this (an aware datetime, or unix seconds)."""
    application_id: str | None
    user_id: str | None
    page_size: int
    """Tasks per request, 1 to 100 (default `DEFAULT_PAGE_SIZE`, 50)."""
    limit: int | None
    """Stop after this many tasks (default: all that match)."""


class WaitOptions(_RetryAndHeaderOptions, total=False):
    """The keyword arguments of `wait()`: `CallOptions`, with the per-request timeout named
    `request_timeout` (`timeout` is the deadline of the whole wait), and the ones below; every
    one may be left out."""

    request_timeout: httpx.Timeout | float | Unset | None
    """Seconds for each request, as `CallOptions.timeout`."""
    timeout: float | None
    """Seconds before `WaitTimeoutError` (default 900; `None`: no limit)."""
    poll_interval: float
    """Seconds between polling rounds (default 5, at least 0.1), or longer when `Retry-After`
    says so."""
    on_progress: Callable[[WaitProgress], object] | None
    """Called after every round with what is known so far."""
    raise_on_failure: bool
    """Raise `TaskFailedError` at the first failed task (default), or return it."""


class _UnexpectedKeywordError(InvalidArgumentError, TypeError):
    """A keyword the method does not take: an `InvalidArgumentError`, as every argument the SDK
    refuses, and a `TypeError`, as Python raises for a keyword that a signature does not name,
    so that either `except` catches it."""


def _check_keywords(given: Mapping[str, object], allowed: type, method: str) -> None:
    """Refuse a misspelt keyword at run time too, as a signature with named arguments would:
    `**options: Unpack[...]` is checked by type checkers only."""
    if not given:  # most calls give no option: no key set to build
        return
    unknown = sorted(set(given) - set(allowed.__annotations__))
    if unknown:
        raise _UnexpectedKeywordError(f"{method}() got unexpected keyword(s): {', '.join(unknown)}")


def _timestamp(value: datetime | float | None, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise InvalidArgumentError(f"{name} must be timezone-aware, got a naive datetime")
        value = value.timestamp()
    elif not _core.is_number(value):
        raise InvalidArgumentError(f"{name} must be a datetime or unix seconds, got {value!r}")
    if not (math.isfinite(value) and value >= 0):
        raise InvalidArgumentError(f"{name} must be a finite time at or after 1970, got {value!r}")
    return float(value)


def _base_url(given: str | None) -> str:
    if given is not None:
        return given
    return os.environ.get(BASE_URL_ENV_VAR, "").strip() or _core.DEFAULT_BASE_URL


class _KeepNothing(CookieJar):
    def set_cookie(self, cookie: Cookie) -> None:
        pass


class _NoCookies(httpx.Cookies):
    """A cookie jar that stays empty, and skips reading the `Set-Cookie` headers at all."""

    def __init__(self) -> None:
        super().__init__(_KeepNothing())

    def extract_cookies(self, response: httpx.Response) -> None:
        pass


_NO_COOKIES: Final = _NoCookies()


class _KeepsNoCookies:
    """What the SDK's own httpx clients for the API are: clients that keep no cookies.

    The API authenticates by token and sets no cookie; one that a proxy or load balancer set
    would ride along on every later call, whoever's it was. And httpx reads the `Set-Cookie`
    headers of every answer through `urllib`'s cookie machinery, about a quarter of a
    `retrieve()`'s CPU time. A caller's own `http_client` keeps its cookies, as it was made to.
    """

    @property
    def cookies(self) -> httpx.Cookies:
        return _NO_COOKIES

    @cookies.setter
    def cookies(self, cookies: object) -> None:
        raise AttributeError("the SDK's own http client keeps no cookies")


class _ApiClient(_KeepsNoCookies, httpx.Client):
    pass


class _AsyncApiClient(_KeepsNoCookies, httpx.AsyncClient):
    pass


class _BaseClient(Generic[_HttpClient, _Transport]):
    """Everything both clients share: set-up, settings, argument checks, the operations of the
    core, and who owns the httpx client. A subclass adds the driver (`_perform`, `_run`,
    `_iterate`) and the public methods, which only run what is built here.

    The client that made the httpx client (its *owner*) closes it; copies made by
    `with_options()` share it and never close it.
    """

    _http: _HttpClient
    _new_http_client: Callable[..., _HttpClient]
    """`httpx.Client` or `httpx.AsyncClient`: what the client makes its download client with."""
    _new_api_client: Callable[..., _HttpClient]
    """The same kind of client keeping no cookies (`_KeepsNoCookies`): for the API's requests."""

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: httpx.Timeout | float | None = _core.DEFAULT_TIMEOUT,
        max_retries: int = _core.DEFAULT_MAX_RETRIES,
        batch_size: int = _core.DEFAULT_BATCH_SIZE,
        max_response_bytes: int = _core.DEFAULT_MAX_RESPONSE_BYTES,
        requests_per_second: float | None = None,
        http_client: _HttpClient | None = None,
        transport: _Transport | None = None,
        clock: Clock | None = None,
    ) -> None:
        token = token if token is not None else os.environ.get(TOKEN_ENV_VAR)
        if token is not None and not isinstance(token, str):
            raise InvalidArgumentError(f"token must be a str, got {type(token).__name__}")
        if not token or not token.strip():
            raise MissingTokenError(
                f"no API token: pass token=... or set the {TOKEN_ENV_VAR} environment variable"
            )
        token = token.strip()
        if token.lower().startswith("bearer "):
            token = token[len("bearer ") :].strip()
        # An HTTP header carries printable ASCII only; say so without echoing the token.
        if (
            token.lower() == "bearer"
            or " " in token
            or not (token.isascii() and token.isprintable())
        ):
            raise InvalidArgumentError("the API token must be printable ASCII, without spaces")
        base_url, cleartext = _core.check_base_url(_base_url(base_url))
        timeout = _core.check_timeout(timeout)
        _core.check_whole_number(max_retries, "max_retries", minimum=0)
        _core.check_whole_number(batch_size, "batch_size", minimum=1)
        _core.check_whole_number(max_response_bytes, "max_response_bytes", minimum=1)
        per_second = _core.check_seconds(requests_per_second, "requests_per_second")
        if http_client is not None and transport is not None:
            raise InvalidArgumentError("pass http_client or transport, not both")
        if cleartext:
            warnings.warn(
                f"base_url {base_url!r} is plain http to another machine: the API token "
                "travels unencrypted (use https://)",
                CleartextWarning,
                stacklevel=2,  # the caller's `WanTasks(...)`
            )
        self._owns_http = http_client is None
        self._clock: Clock = clock if clock is not None else SystemClock()
        self._settings = _core.Settings(
            token=_core._Secret(token),
            base_url=base_url,
            timeout=timeout,
            retry=_core.RetryPolicy(max_retries=max_retries),
            batch_size=batch_size,
            max_response_bytes=max_response_bytes,
            gate=_core.RequestGate(per_second),
            # Real time: deadlines on the monotonic clock, which no change of system time moves.
            clock=time.monotonic if clock is None else clock.now,
            # Our own httpx client sends the token and applies the timeout by default, which is
            # faster than a merge per request; a caller's client is left as it is.
            auth_in_client=self._owns_http,
            timeout_in_client=self._owns_http,
        )
        self._transport: _Transport | None = transport
        self._http = http_client if http_client is not None else self._own_http_client()
        self._downloads: _HttpClient | None = None
        self._downloads_lock = threading.Lock()
        self._owner: _BaseClient[_HttpClient, _Transport] = self
        self._closed = False
        self._pid = os.getpid()

    def with_options(
        self, *, base_url: str | Unset = UNSET, **options: Unpack[CallOptions]
    ) -> Self:
        """A copy of this client with other defaults, sharing its connection pool.

        `extra_headers` are added to the ones this client sends. The pool stays this client's
        (or its owner's, for a copy of a copy): closing the copy does nothing, closing this
        client closes it for every copy.
        """
        settings = self._call_settings(options, "with_options", base_url=base_url)
        configured = copy.copy(self)
        configured._settings = settings
        configured._owns_http = False
        return configured

    # -- the settings and operations of a call, for both drivers --

    def _call_settings(
        self,
        options: _RetryAndHeaderOptions,
        method: str,
        allowed: type = CallOptions,
        *,
        timeout_key: str = "timeout",
        base_url: str | Unset = UNSET,
    ) -> _core.Settings:
        """The client's settings with the options of one call of `method` over them (the same
        object when the call gives none); a keyword not in `allowed` is refused first. The
        per-request timeout is the option `timeout_key`: `wait()` names it `request_timeout`."""
        _check_keywords(options, allowed, method)
        named: Mapping[str, Any] = options
        return _core.with_options(
            self._settings,
            base_url=base_url,
            timeout=named.get(timeout_key, UNSET),
            max_retries=options.get("max_retries", UNSET),
            extra_headers=options.get("extra_headers"),
        )

    def _retrieve_operation(
        self, task_id: str | None, trace_id: str | None, options: CallOptions
    ) -> Operation[Task]:
        return _core.retrieve(self._call_settings(options, "retrieve"), task_id, trace_id)

    def _batch_operation(
        self,
        task_ids: Iterable[str] | None,
        trace_ids: Iterable[str] | None,
        options: CallOptions,
    ) -> Operation[BatchResult]:
        settings = self._call_settings(options, "retrieve_batch")
        return _core.retrieve_batch(settings, task_ids, trace_ids)

    def _list_operation(self, options: ListFilters) -> Operation[None]:
        settings = self._call_settings(options, "list_tasks", allowed=ListFilters)
        return _core.list_tasks(
            settings,
            _core.ListQuery(
                type=options.get("type"),
                application_id=options.get("application_id"),
                user_id=options.get("user_id"),
                created_at_min=_timestamp(options.get("created_after"), "created_after"),
                created_at_max=_timestamp(options.get("created_before"), "created_before"),
            ),
            page_size=options.get("page_size", _core.DEFAULT_PAGE_SIZE),
            limit=options.get("limit"),
        )

    def _wait_operation(
        self, task_ids: str | Iterable[str], options: WaitOptions
    ) -> Operation[list[Task]]:
        settings = self._call_settings(options, "wait", WaitOptions, timeout_key="request_timeout")
        on_progress = options.get("on_progress")
        raise_on_failure = options.get("raise_on_failure", True)
        timeout, poll_interval = _core.check_wait_arguments(
            options.get("timeout", DEFAULT_WAIT_TIMEOUT),
            options.get("poll_interval", DEFAULT_POLL_INTERVAL),
            on_progress,
            raise_on_failure,
        )
        return _core.wait(
            settings,
            _core.task_ids_of(task_ids, unique=False),
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
            raise_on_failure=raise_on_failure,
        )

    @staticmethod
    def _waited(task_ids: str | Iterable[str], tasks: list[Task]) -> Task | list[Task]:
        """What `wait()` returns: the task for one id given as a str, else the list."""
        return tasks[0] if isinstance(task_ids, str) else tasks

    def _download_settings(
        self, on_progress: object, max_bytes: object, options: CallOptions
    ) -> _core.Settings:
        """The settings of a download, its arguments checked before the task is even looked up."""
        settings = self._call_settings(options, "download_video")
        if on_progress is not None and not callable(on_progress):
            raise InvalidArgumentError(f"on_progress must be callable: {on_progress!r}")
        if max_bytes is not None:
            _core.check_whole_number(max_bytes, "max_bytes", minimum=1)
        return settings

    # -- the httpx clients --

    def _own_http_client(self) -> _HttpClient:
        return self._new_api_client(
            transport=self._transport,
            timeout=self._settings.timeout,
            headers=_core.CLIENT_HEADERS,
            auth=self._settings.auth,
            follow_redirects=False,
        )

    def _http_for_this_process(self) -> _HttpClient:
        """The httpx client to send with, checked: not closed, and not inherited over a fork.

        After `os.fork()` (gunicorn's preload, multiprocessing) the child would share the
        parent's sockets; it gets fresh connections instead, and the parent's are left alone.
        """
        if self._closed:  # only a client that owns its httpx client closes
            raise ClientClosedError("the client is closed; make a new one")
        if self._owner._closed:
            raise ClientClosedError(
                "the client this copy was made from (by with_options) is closed; make a new one"
            )
        if self._http.is_closed:
            raise ClientClosedError("the http_client passed to this client is closed")
        if self._pid != os.getpid():
            owner = self._owner
            if owner._pid != os.getpid():
                owner._pid = os.getpid()
                owner._settings.gate.after_fork()
                if owner._owns_http:
                    owner._http = owner._own_http_client()
                    owner._downloads = None
                    owner._downloads_lock = threading.Lock()  # the parent's may be held
            self._pid = owner._pid
            self._http = owner._http  # a copy from `with_options()` follows its owner
        return self._http

    def _download_client(self) -> _HttpClient:
        """The client that fetches videos: it never carries the API token to the storage host.

        Made once, under a lock: threads downloading at once on a fresh client share it, and
        `close()` closes it. A caller's own httpx client is used as it is (the token is never
        sent on a video request: see `_VideoDownload.request`). Copies made by `with_options()`
        use their owner's, which the owner closes.
        """
        owner = self._owner
        if not owner._owns_http:
            return self._http
        with owner._downloads_lock:
            if owner._downloads is None:
                owner._downloads = owner._new_http_client(
                    transport=owner._transport,
                    timeout=owner._settings.timeout,
                    follow_redirects=False,  # followed by hand, each hop checked
                )
            return owner._downloads

    def _body_reader(self, response: httpx.Response) -> _core.BodyReader:
        # An answer made in memory (`httpx.MockTransport`) arrives read and decoded already.
        return _core.BodyReader(
            response.status_code,
            response.headers,
            self._settings.max_response_bytes,
            decoded=response.is_stream_consumed,
        )

    @property
    def base_url(self) -> str:
        return self._settings.base_url

    @property
    def max_retries(self) -> int:
        return self._settings.retry.max_retries

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._settings.base_url!r}, token=<redacted>)"


def _with_content(response: httpx.Response, body: _core.BodyReader) -> httpx.Response:
    """The response, its body read (and decoded) by `body` rather than by httpx, which would
    inflate a compressed body without a cap: httpx keeps a read body in `_content`."""
    response._content = body.body()
    return response


class _VideoDownload:
    """One video download as both clients run it: the link, moved by each redirect (every hop
    checked like the link itself), and the file being written. The clients only send the
    requests and move the bytes, each with its own I/O.

    Made only once everything that can be refused before a byte is fetched has been checked:
    the task's link and the destination path.
    """

    def __init__(
        self,
        task: Task,
        path: str | os.PathLike[str] | None,
        settings: _core.Settings,
        *,
        overwrite: bool,
        max_bytes: int | None,
    ) -> None:
        self._url = video_url_of(task)
        check_video_url(self._url)
        self.destination = destination_for(task, path, overwrite=overwrite)
        self._task_id = task.id
        self._settings = settings
        self._overwrite = overwrite
        self._max_bytes = max_bytes
        self._hops = 0

    def request(self, client: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        """A GET of the link that carries no `Authorization`, whatever the client's defaults."""
        request = client.build_request("GET", self._url, timeout=self._settings.timeout)
        request.headers.pop("authorization", None)
        return request

    def redirected(self, response: httpx.Response) -> bool:
        """True when `response` redirects: the link is then its target, checked. Otherwise the
        answer is a 200 with the video, or a `DownloadError` says what it is."""
        if response.is_redirect:
            target = str(response.url.join(response.headers["location"]))
            if self._hops >= MAX_REDIRECTS:
                raise DownloadError(
                    f"the video of task {self._task_id} redirected more than {MAX_REDIRECTS} "
                    f"times (the last time to {_core.shown_url(target)})"
                )
            check_video_url(target, redirected=True)
            self._url = target
            self._hops += 1
            return True
        if response.status_code != 200:
            raise DownloadError(
                f"the video of task {self._task_id} answered HTTP {response.status_code}"
                + (f" at {_core.shown_url(str(response.url))}" if self._hops else "")
                + (" (the signed link may have expired)" if response.status_code == 403 else "")
            )
        return False

    @contextmanager
    def writing(self) -> Iterator[PartialFile]:
        """The temporary file the video is written to, for the transfer.

        Any failure but an interrupt (Ctrl-C, a cancelled task) becomes a `DownloadError`, so
        one exception is to catch; every failure removes the file. `abort()` waits for a write
        still running in a worker thread (the async client's) before it removes.
        """
        partial = PartialFile(
            self.destination, overwrite=self._overwrite, max_bytes=self._max_bytes
        )
        try:
            yield partial
        except DownloadError:
            raise
        except Exception as error:  # the network, a callback...
            raise DownloadError(f"the download failed: {type(error).__name__}: {error}") from error
        finally:
            partial.abort()


def _announced_size(response: httpx.Response) -> int | None:
    """The decoded size the server announced: `content-length` unless the body is encoded.

    With `content-encoding: gzip` the length counts compressed bytes, while the file gets the
    decoded ones; there is nothing to compare them with then.
    """
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity"):
        return None
    size = response.headers.get("content-length", "").strip()
    return int(size) if size.isdigit() else None


class WanTasks(_BaseClient[httpx.Client, httpx.BaseTransport]):
    """Client of the Wan Tasks API.

    The token comes from `token=` or the `ACEDATACLOUD_API_TOKEN` environment variable, the
    service's address from `base_url=` or `WAN_TASKS_BASE_URL`. Requests are retried on
    connection errors, timeouts, 408, 429 and 5xx up to `max_retries` times. Pass `transport=`
    (e.g. `wan_tasks_sdk.testing.FakeWanTasks(...).transport()`) or a whole `http_client=` to
    control the HTTP layer; a client passed in is not closed by this one. `clock=` replaces
    real time for waiting (e.g. the fake's `FakeClock`).

    `close()` (or leaving `with`) closes the connection pool this client made; copies from
    `with_options()` share that pool and leave it open when closed.

    `timeout=` bounds each whole request, connect to last byte (with an `http_client` of yours
    too); `max_response_bytes=` caps a JSON body, decompressed; `requests_per_second=` spaces
    requests (off by default). A 429 pauses every call of the client until its `Retry-After`.
    """

    _new_http_client: Callable[..., httpx.Client] = httpx.Client
    _new_api_client: Callable[..., httpx.Client] = _ApiClient

    # -- the driver: performs the core's effects with blocking I/O --

    def _perform(self, effect: Send | Sleep) -> Reply:
        if isinstance(effect, Sleep):
            self._clock.sleep(effect.seconds)
            return None
        http = self._http_for_this_process()
        try:
            with (
                _deadlines.Deadline(effect.budget),
                http.stream(
                    **effect.kwargs, extensions={"trace": _deadlines.sync_trace}
                ) as response,
            ):
                _deadlines.bound_response(response, is_async=False)
                body = self._body_reader(response)
                for chunk in [response.content] if body.decoded else response.iter_raw():
                    body.feed(chunk)
                return _with_content(response, body)
        except (httpx.HTTPError, WanTasksError) as error:
            return error

    def _iterate(
        self, operation: Operation[_R], invalid: dict[str, str]
    ) -> Generator[Task, None, None]:
        """The tasks an iterating operation emits; the unreadable records go into `invalid`."""
        reply: Reply = None
        while True:
            try:
                effect = operation.send(reply)
            except StopIteration:
                return
            if isinstance(effect, Emit):
                reply = None
                if effect.invalid:
                    invalid.update(effect.invalid)
                yield from effect.tasks
            else:
                reply = self._perform(effect)

    def _run(self, operation: Operation[_R]) -> _R:
        reply: Reply = None
        while True:
            try:
                effect = operation.send(reply)
            except StopIteration as done:
                result: _R = done.value
                return result
            assert not isinstance(effect, Emit), "only iterating operations emit"
            reply = self._perform(effect)

    # -- the API --

    @property
    def with_raw_response(self) -> WanTasksWithRawResponse:
        """The same methods, returning the HTTP answer with the result: `.parse()` gives it."""
        return WanTasksWithRawResponse(self)

    @overload
    def retrieve(self, task_id: str, **options: Unpack[CallOptions]) -> Task: ...
    @overload
    def retrieve(self, *, trace_id: str, **options: Unpack[CallOptions]) -> Task: ...
    def retrieve(
        self,
        task_id: str | None = None,
        *,
        trace_id: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Task:
        """The task with this id, or the one the request with this `trace_id` created (lookup by
        trace id is not confirmed for Wan); `TaskNotFoundError` when the service does not know it.
        """
        return self._run(self._retrieve_operation(task_id, trace_id, options))

    @overload
    def retrieve_batch(
        self, task_ids: Iterable[str], **options: Unpack[CallOptions]
    ) -> BatchResult: ...
    @overload
    def retrieve_batch(
        self, *, trace_ids: Iterable[str], **options: Unpack[CallOptions]
    ) -> BatchResult: ...
    def retrieve_batch(
        self,
        task_ids: Iterable[str] | None = None,
        *,
        trace_ids: Iterable[str] | None = None,
        **options: Unpack[CallOptions],
    ) -> BatchResult:
        """Any number of tasks, by id or by trace id, `batch_size` per request, in the order
        asked; what was not found is in `missing`, what could not be read in `invalid` (id ->
        reason), and every readable task is returned all the same."""
        return self._run(self._batch_operation(task_ids, trace_ids, options))

    def list_tasks(self, **options: Unpack[ListFilters]) -> TaskIterator:
        """The caller's tasks, newest first, fetched a page at a time as the iterator advances.

        A record that cannot be read is skipped, not fatal: the iterator's `invalid` maps it to
        the reason once the iteration has ended.
        """
        invalid: dict[str, str] = {}
        operation = self._list_operation(options)
        return TaskIterator(self._iterate(operation, invalid), invalid)

    # A str is also an Iterable[str]; the str overload comes first, so it wins.
    @overload
    def wait(  # type: ignore[overload-overlap]
        self, task_ids: str, **options: Unpack[WaitOptions]
    ) -> Task: ...
    @overload
    def wait(self, task_ids: Iterable[str], **options: Unpack[WaitOptions]) -> list[Task]: ...
    def wait(
        self, task_ids: str | Iterable[str], **options: Unpack[WaitOptions]
    ) -> Task | list[Task]:
        """Poll until every task has succeeded or failed (see `WaitOptions` for the options).

        `timeout` is the deadline of the whole wait; `request_timeout` that of each request.
        Raises `TaskFailedError` for the first failed task unless `raise_on_failure=False`,
        `TaskNotFoundError` for an id the service does not know, and `WaitTimeoutError` (with
        the last states seen) when `timeout` seconds pass first. A task whose record cannot be
        read is not polled again and fails no other: once the others have finished,
        `UnreadableTasksError` carries them (`.tasks`) and the unreadable ids with the reasons
        (`.invalid`).
        """
        return self._waited(task_ids, self._run(self._wait_operation(task_ids, options)))

    def download_video(
        self,
        task: Task | str,
        path: str | os.PathLike[str] | None = None,
        *,
        overwrite: bool = False,
        on_progress: DownloadProgress | None = None,
        max_bytes: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Path:
        """Stream the task's video to `path` (a file, or a folder for `<id>.mp4`); atomic.

        Returns the path written. `DownloadError` when there is no video, the link is not
        `https`, the file exists (unless `overwrite=True`), the video exceeds `max_bytes`
        (default: no limit), the disk is full or the transfer fails; nothing is left behind
        then. Any other exception (Ctrl-C included) also removes the temporary file and is
        raised unchanged. `extra_headers` and `max_retries` apply to fetching the task (when
        given its id), not to the storage host, which never sees the API's headers; `timeout`
        applies to both, per read.
        """
        settings = self._download_settings(on_progress, max_bytes, options)
        task = task if isinstance(task, Task) else self._run(_core.retrieve(settings, task))
        download = _VideoDownload(task, path, settings, overwrite=overwrite, max_bytes=max_bytes)
        remove_stale_parts(download.destination.parent)
        with download.writing() as partial:
            client = self._download_client()
            while True:
                request = download.request(client)
                response = client.send(request, stream=True, follow_redirects=False, auth=None)
                try:
                    if download.redirected(response):
                        continue
                    partial.expect(_announced_size(response))
                    for chunk in response.iter_bytes():
                        partial.write(chunk)
                        if on_progress is not None:
                            on_progress(partial.written, partial.expected_size)
                    return partial.commit()
                finally:
                    response.close()

    def close(self) -> None:
        if self._owns_http:
            self._closed = True
            self._http.close()
            with self._downloads_lock:
                if self._downloads is not None:
                    self._downloads.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncWanTasks(_BaseClient[httpx.AsyncClient, httpx.AsyncBaseTransport]):
    """The asyncio twin of `WanTasks`: the same methods, awaited; `list_tasks` is `async for`."""

    _new_http_client: Callable[..., httpx.AsyncClient] = httpx.AsyncClient
    _new_api_client: Callable[..., httpx.AsyncClient] = _AsyncApiClient

    # -- the driver: performs the core's effects with non-blocking I/O --

    async def _perform(self, effect: Send | Sleep) -> Reply:
        if isinstance(effect, Sleep):
            await self._clock.asleep(effect.seconds)
            return None
        http = self._http_for_this_process()
        try:
            with _deadlines.Deadline(effect.budget):
                async with http.stream(
                    **effect.kwargs, extensions={"trace": _deadlines.async_trace}
                ) as response:
                    _deadlines.bound_response(response, is_async=True)
                    body = self._body_reader(response)
                    if body.decoded:
                        body.feed(response.content)
                    else:
                        async for chunk in response.aiter_raw():
                            body.feed(chunk)
                    return _with_content(response, body)
        except (httpx.HTTPError, WanTasksError) as error:
            return error

    async def _iterate(
        self, operation: Operation[_R], invalid: dict[str, str]
    ) -> AsyncGenerator[Task, None]:
        """The tasks an iterating operation emits; the unreadable records go into `invalid`."""
        reply: Reply = None
        while True:
            try:
                effect = operation.send(reply)
            except StopIteration:
                return
            if isinstance(effect, Emit):
                reply = None
                if effect.invalid:
                    invalid.update(effect.invalid)
                for task in effect.tasks:
                    yield task
            else:
                reply = await self._perform(effect)

    async def _run(self, operation: Operation[_R]) -> _R:
        reply: Reply = None
        while True:
            try:
                effect = operation.send(reply)
            except StopIteration as done:
                result: _R = done.value
                return result
            assert not isinstance(effect, Emit), "only iterating operations emit"
            reply = await self._perform(effect)

    # -- the API: `WanTasks`'s, awaited --

    @property
    def with_raw_response(self) -> AsyncWanTasksWithRawResponse:
        """The same methods, returning the HTTP answer with the result: `.parse()` gives it."""
        return AsyncWanTasksWithRawResponse(self)

    @overload
    async def retrieve(self, task_id: str, **options: Unpack[CallOptions]) -> Task: ...
    @overload
    async def retrieve(self, *, trace_id: str, **options: Unpack[CallOptions]) -> Task: ...
    async def retrieve(
        self,
        task_id: str | None = None,
        *,
        trace_id: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Task:
        """The task with this id, or the one the request with this `trace_id` created; see
        `WanTasks.retrieve`."""
        return await self._run(self._retrieve_operation(task_id, trace_id, options))

    @overload
    async def retrieve_batch(
        self, task_ids: Iterable[str], **options: Unpack[CallOptions]
    ) -> BatchResult: ...
    @overload
    async def retrieve_batch(
        self, *, trace_ids: Iterable[str], **options: Unpack[CallOptions]
    ) -> BatchResult: ...
    async def retrieve_batch(
        self,
        task_ids: Iterable[str] | None = None,
        *,
        trace_ids: Iterable[str] | None = None,
        **options: Unpack[CallOptions],
    ) -> BatchResult:
        """Any number of tasks, by id or by trace id; see `WanTasks.retrieve_batch`."""
        return await self._run(self._batch_operation(task_ids, trace_ids, options))

    def list_tasks(self, **options: Unpack[ListFilters]) -> AsyncTaskIterator:
        """The caller's tasks, newest first, fetched a page at a time as the iterator advances;
        unreadable records are in the iterator's `invalid` (see `WanTasks.list_tasks`)."""
        invalid: dict[str, str] = {}
        operation = self._list_operation(options)
        return AsyncTaskIterator(self._iterate(operation, invalid), invalid)

    @overload
    async def wait(  # type: ignore[overload-overlap]
        self, task_ids: str, **options: Unpack[WaitOptions]
    ) -> Task: ...
    @overload
    async def wait(self, task_ids: Iterable[str], **options: Unpack[WaitOptions]) -> list[Task]: ...
    async def wait(
        self, task_ids: str | Iterable[str], **options: Unpack[WaitOptions]
    ) -> Task | list[Task]:
        """Poll until every task has succeeded or failed; see `WanTasks.wait`."""
        return self._waited(task_ids, await self._run(self._wait_operation(task_ids, options)))

    async def download_video(
        self,
        task: Task | str,
        path: str | os.PathLike[str] | None = None,
        *,
        overwrite: bool = False,
        on_progress: DownloadProgress | None = None,
        max_bytes: int | None = None,
        **options: Unpack[CallOptions],
    ) -> Path:
        """Stream the task's video to `path`; see `WanTasks.download_video`.

        Writing and flushing to disk happen in a worker thread, so a slow disk never stalls
        the event loop; cancelling removes the temporary file as any other failure does.
        """
        # Not imported with the module, which sync programs load too; the running loop has
        # imported asyncio already, so this costs a lookup.
        import asyncio  # noqa: PLC0415

        settings = self._download_settings(on_progress, max_bytes, options)
        if not isinstance(task, Task):
            task = await self._run(_core.retrieve(settings, task))
        download = _VideoDownload(task, path, settings, overwrite=overwrite, max_bytes=max_bytes)
        # A folder may be large.
        await asyncio.to_thread(remove_stale_parts, download.destination.parent)
        with download.writing() as partial:
            client = self._download_client()
            while True:
                request = download.request(client)
                response = await client.send(
                    request, stream=True, follow_redirects=False, auth=None
                )
                try:
                    if download.redirected(response):
                        continue
                    partial.expect(_announced_size(response))
                    async for chunk in response.aiter_bytes():
                        await asyncio.to_thread(partial.write, chunk)
                        if on_progress is not None:
                            on_progress(partial.written, partial.expected_size)
                    return await asyncio.to_thread(partial.commit)
                finally:
                    await response.aclose()

    async def aclose(self) -> None:
        if self._owns_http:
            self._closed = True
            await self._http.aclose()
            with self._downloads_lock:
                downloads = self._downloads
            if downloads is not None:
                await downloads.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


class WanTasksWithRawResponse:
    """`client.with_raw_response`: `retrieve` and `retrieve_batch`, each returning a
    `RawResponse` (status, headers, body; `.parse()` for the result)."""

    def __init__(self, client: WanTasks) -> None:
        self._client = client

    def retrieve(
        self,
        task_id: str | None = None,
        *,
        trace_id: str | None = None,
        **options: Unpack[CallOptions],
    ) -> RawResponse[Task]:
        """`WanTasks.retrieve`, with the HTTP answer."""
        operation = self._client._retrieve_operation(task_id, trace_id, options)
        return self._client._run(_core.with_raw_response(operation))

    def retrieve_batch(
        self,
        task_ids: Iterable[str] | None = None,
        *,
        trace_ids: Iterable[str] | None = None,
        **options: Unpack[CallOptions],
    ) -> RawResponse[BatchResult]:
        """`WanTasks.retrieve_batch`, with the HTTP answers (one per `batch_size` ids)."""
        operation = self._client._batch_operation(task_ids, trace_ids, options)
        return self._client._run(_core.with_raw_response(operation))


class AsyncWanTasksWithRawResponse:
    """`client.with_raw_response` of `AsyncWanTasks`; see `WanTasksWithRawResponse`."""

    def __init__(self, client: AsyncWanTasks) -> None:
        self._client = client

    async def retrieve(
        self,
        task_id: str | None = None,
        *,
        trace_id: str | None = None,
        **options: Unpack[CallOptions],
    ) -> RawResponse[Task]:
        """`AsyncWanTasks.retrieve`, with the HTTP answer."""
        operation = self._client._retrieve_operation(task_id, trace_id, options)
        return await self._client._run(_core.with_raw_response(operation))

    async def retrieve_batch(
        self,
        task_ids: Iterable[str] | None = None,
        *,
        trace_ids: Iterable[str] | None = None,
        **options: Unpack[CallOptions],
    ) -> RawResponse[BatchResult]:
        """`AsyncWanTasks.retrieve_batch`, with the HTTP answers (one per `batch_size` ids)."""
        operation = self._client._batch_operation(task_ids, trace_ids, options)
        return await self._client._run(_core.with_raw_response(operation))
