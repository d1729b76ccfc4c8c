"""`WanTasks` and `AsyncWanTasks`: the same methods, the same core; only the I/O differs."""

from __future__ import annotations

import dataclasses
import math
import os
import warnings
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Generic, Self, TypedDict, TypeVar, Unpack, overload

import httpx

from . import _core, _deadlines
from ._core import Emit, Operation, Reply, Send, Sleep
from ._download import DownloadProgress, PartialFile, destination_for, video_url_of
from ._errors import (
    CleartextWarning,
    ClientClosedError,
    DownloadError,
    InvalidArgumentError,
    MissingTokenError,
    WanTasksError,
)
from ._models import BatchResult, Task, WaitProgress

__all__ = ["TOKEN_ENV_VAR", "AsyncWanTasks", "ListFilters", "WaitOptions", "WanTasks"]

TOKEN_ENV_VAR: Final = "ACEDATACLOUD_API_TOKEN"
_R = TypeVar("_R")
_HttpClient = TypeVar("_HttpClient", httpx.Client, httpx.AsyncClient)

DEFAULT_WAIT_TIMEOUT: Final = 900.0
DEFAULT_POLL_INTERVAL: Final = 5.0


class ListFilters(TypedDict, total=False):
    """The keyword arguments of `list_tasks()`; every one may be left out."""

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


class WaitOptions(TypedDict, total=False):
    """The keyword arguments of `wait()`; every one may be left out."""

    timeout: float | None
    """Seconds before `WaitTimeoutError` (default 900; `None`: no limit)."""
    poll_interval: float
    """Seconds between polling rounds (default 5, at least 0.1), or longer when `Retry-After`
    says so."""
    on_progress: Callable[[WaitProgress], object] | None
    """Called after every round with what is known so far."""
    raise_on_failure: bool
    """Raise `TaskFailedError` at the first failed task (default), or return it."""


def _timestamp(value: datetime | float | None, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise InvalidArgumentError(f"{name} must be timezone-aware, got a naive datetime")
        value = value.timestamp()
    elif not isinstance(value, int | float) or isinstance(value, bool):
        raise InvalidArgumentError(f"{name} must be a datetime or unix seconds, got {value!r}")
    if not (math.isfinite(value) and value >= 0):
        raise InvalidArgumentError(f"{name} must be a finite time at or after 1970, got {value!r}")
    return float(value)


def _check_keywords(given: Mapping[str, object], allowed: type, method: str) -> None:
    """Refuse a misspelt keyword at run time too, as a signature with named arguments would."""
    unknown = sorted(set(given) - set(allowed.__annotations__))
    if unknown:
        raise InvalidArgumentError(f"{method}() got unexpected keyword(s): {', '.join(unknown)}")


class _BaseClient(Generic[_HttpClient]):
    """Set-up shared by both clients: token, settings, and who owns the httpx client."""

    _http: _HttpClient

    def __init__(
        self,
        token: str | None,
        *,
        base_url: str,
        timeout: httpx.Timeout | float | None,
        max_retries: int,
        batch_size: int,
        max_response_bytes: int,
        requests_per_second: float | None,
        http_client: _HttpClient | None,
        transport: Any,
        clock: _core.Clock | None,
        new_http_client: Callable[..., _HttpClient],
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
        base_url, cleartext = _core.check_base_url(base_url)
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
                stacklevel=3,
            )
        self._owns_http = http_client is None
        self._clock = clock if clock is not None else _core.SystemClock()
        self._settings = _core.Settings(
            token=_core._Secret(token),
            base_url=base_url,
            timeout=timeout,
            retry=_core.RetryPolicy(max_retries=max_retries),
            batch_size=batch_size,
            max_response_bytes=max_response_bytes,
            gate=_core.RequestGate(per_second),
            clock=self._clock.now,
            # Our own httpx client sends the token by default, which is faster than a header
            # merge per request; a caller's client is left as it is.
            auth_in_client=self._owns_http,
        )
        self._transport = transport
        self._new_http_client: Callable[..., _HttpClient] = new_http_client
        self._http = http_client if http_client is not None else self._own_http_client()
        self._downloads: _HttpClient | None = None
        self._closed = False
        self._pid = os.getpid()

    def _own_http_client(self) -> _HttpClient:
        return self._new_http_client(
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
        if self._http.is_closed:
            raise ClientClosedError("the http_client passed to this client is closed")
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._settings = dataclasses.replace(
                self._settings, gate=self._settings.gate.for_new_process()
            )
            if self._owns_http:
                self._http = self._own_http_client()
                self._downloads = None
        return self._http

    def _download_client(self) -> _HttpClient:
        """The client that fetches videos: it never carries the API token to the storage host.

        A caller's own httpx client is used as it is (it holds no token of ours).
        """
        if not self._owns_http:
            return self._http
        if self._downloads is None:
            self._downloads = self._new_http_client(
                transport=self._transport, timeout=self._settings.timeout, follow_redirects=True
            )
        return self._downloads

    @staticmethod
    def _start_download(
        response: httpx.Response,
        task: Task,
        destination: Path,
        overwrite: bool,
        on_progress: DownloadProgress | None,
    ) -> PartialFile:
        if response.status_code != 200:
            raise DownloadError(
                f"the video of task {task.id} answered HTTP {response.status_code}"
                + (" (the signed link may have expired)" if response.status_code == 403 else "")
            )
        size = response.headers.get("content-length")
        return PartialFile(
            destination,
            overwrite=overwrite,
            expected_size=int(size) if size and size.isdigit() else None,
            on_progress=on_progress,
        )

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

    def _list_operation(self, filters: ListFilters) -> Operation[None]:
        _check_keywords(filters, ListFilters, "list_tasks")
        page_size = filters.get("page_size", _core.DEFAULT_PAGE_SIZE)
        limit = filters.get("limit")
        _core.check_list_arguments(page_size, limit)  # now, not at the first step of the iterator
        return _core.list_tasks(
            self._settings,
            _core.ListQuery(
                type=filters.get("type"),
                application_id=filters.get("application_id"),
                user_id=filters.get("user_id"),
                created_at_min=_timestamp(filters.get("created_after"), "created_after"),
                created_at_max=_timestamp(filters.get("created_before"), "created_before"),
            ),
            page_size=page_size,
            limit=limit,
        )

    def _wait_operation(
        self, task_ids: str | Iterable[str], options: WaitOptions
    ) -> Operation[list[Task]]:
        _check_keywords(options, WaitOptions, "wait")
        on_progress = options.get("on_progress")
        raise_on_failure = options.get("raise_on_failure", True)
        timeout, poll_interval = _core.check_wait_arguments(
            options.get("timeout", DEFAULT_WAIT_TIMEOUT),
            options.get("poll_interval", DEFAULT_POLL_INTERVAL),
            on_progress,
            raise_on_failure,
        )
        return _core.wait(
            self._settings,
            _core.task_ids_of(task_ids, unique=False),
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
            raise_on_failure=raise_on_failure,
        )


def _with_content(response: httpx.Response, body: _core.BodyReader) -> httpx.Response:
    """The response, its body read (and decoded) by `body` rather than by httpx, which would
    inflate a compressed body without a cap: httpx keeps a read body in `_content`."""
    response._content = body.body()
    return response


class WanTasks(_BaseClient[httpx.Client]):
    """Client of the Wan Tasks API.

    The token comes from `token=` or the `ACEDATACLOUD_API_TOKEN` environment variable. Requests
    are retried on connection errors, timeouts, 408, 429 and 5xx up to `max_retries` times.
    Pass `transport=` (e.g. `wan_tasks_sdk.testing.FakeWanTasks(...).transport()`) or a whole
    `http_client=` to control the HTTP layer; a client passed in is not closed by this one.
    `clock=` replaces real time for waiting (e.g. the fake's `FakeClock`).

    `timeout=` bounds each whole request, connect to last byte (with an `http_client` of yours
    too); `max_response_bytes=` caps a JSON body, decompressed; `requests_per_second=` spaces
    requests (off by default). A 429 pauses every call of the client until its `Retry-After`.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str = _core.DEFAULT_BASE_URL,
        timeout: httpx.Timeout | float | None = _core.DEFAULT_TIMEOUT,
        max_retries: int = _core.DEFAULT_MAX_RETRIES,
        batch_size: int = _core.DEFAULT_BATCH_SIZE,
        max_response_bytes: int = _core.DEFAULT_MAX_RESPONSE_BYTES,
        requests_per_second: float | None = None,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: _core.Clock | None = None,
    ) -> None:
        super().__init__(
            token,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            batch_size=batch_size,
            max_response_bytes=max_response_bytes,
            requests_per_second=requests_per_second,
            http_client=http_client,
            transport=transport,
            clock=clock,
            new_http_client=httpx.Client,
        )

    # -- the driver: performs the core's effects with blocking I/O --

    def _perform(self, effect: Send | Sleep) -> Reply:
        if isinstance(effect, Sleep):
            self._clock.sleep(effect.seconds)
            return None
        http = self._http_for_this_process()
        try:
            with (
                _deadlines.deadline_in(effect.budget),
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

    def _iterate(self, operation: Operation[_R]) -> Iterator[Task]:
        reply: Reply = None
        while True:
            try:
                effect = operation.send(reply)
            except StopIteration:
                return
            if isinstance(effect, Emit):
                reply = None
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

    def retrieve(self, task_id: str) -> Task:
        """The task with this id; `TaskNotFoundError` when the service does not know it."""
        return self._run(_core.retrieve(self._settings, task_id))

    def retrieve_batch(self, task_ids: Iterable[str]) -> BatchResult:
        """Any number of tasks, fetched `batch_size` ids per request, in the order asked."""
        return self._run(_core.retrieve_batch(self._settings, task_ids))

    def list_tasks(self, **filters: Unpack[ListFilters]) -> Iterator[Task]:
        """The caller's tasks, newest first, fetched a page at a time as the iterator advances."""
        return self._iterate(self._list_operation(filters))

    # A str is also an Iterable[str]; the str overload comes first, so it wins.
    @overload
    def wait(self, task_ids: str, **options: Unpack[WaitOptions]) -> Task: ...  # type: ignore[overload-overlap]
    @overload
    def wait(self, task_ids: Iterable[str], **options: Unpack[WaitOptions]) -> list[Task]: ...
    def wait(
        self, task_ids: str | Iterable[str], **options: Unpack[WaitOptions]
    ) -> Task | list[Task]:
        """Poll until every task has succeeded or failed (see `WaitOptions` for the options).

        Raises `TaskFailedError` for the first failed task unless `raise_on_failure=False`, and
        `WaitTimeoutError` (with the last states seen) when `timeout` seconds pass first.
        """
        tasks = self._run(self._wait_operation(task_ids, options))
        return tasks[0] if isinstance(task_ids, str) else tasks

    def download_video(
        self,
        task: Task | str,
        path: str | os.PathLike[str] | None = None,
        *,
        overwrite: bool = False,
        on_progress: DownloadProgress | None = None,
    ) -> Path:
        """Stream the task's video to `path` (a file, or a folder for `<id>.mp4`); atomic.

        Returns the path written. `DownloadError` when there is no video, the file exists
        (unless `overwrite=True`) or the transfer fails; nothing is left behind then.
        """
        task = task if isinstance(task, Task) else self.retrieve(task)
        url = video_url_of(task)
        destination = destination_for(task, path, overwrite=overwrite)
        try:
            with self._download_client().stream("GET", url) as response:
                partial = self._start_download(response, task, destination, overwrite, on_progress)
                try:
                    for chunk in response.iter_bytes():
                        partial.write(chunk)
                    return partial.commit()
                finally:
                    partial.abort()
        except httpx.HTTPError as error:
            raise DownloadError(f"the download failed: {type(error).__name__}: {error}") from error

    def close(self) -> None:
        if self._owns_http:
            self._closed = True
            self._http.close()
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


class AsyncWanTasks(_BaseClient[httpx.AsyncClient]):
    """The asyncio twin of `WanTasks`: the same methods, awaited; `list_tasks` is `async for`."""

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str = _core.DEFAULT_BASE_URL,
        timeout: httpx.Timeout | float | None = _core.DEFAULT_TIMEOUT,
        max_retries: int = _core.DEFAULT_MAX_RETRIES,
        batch_size: int = _core.DEFAULT_BATCH_SIZE,
        max_response_bytes: int = _core.DEFAULT_MAX_RESPONSE_BYTES,
        requests_per_second: float | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: _core.Clock | None = None,
    ) -> None:
        super().__init__(
            token,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            batch_size=batch_size,
            max_response_bytes=max_response_bytes,
            requests_per_second=requests_per_second,
            http_client=http_client,
            transport=transport,
            clock=clock,
            new_http_client=httpx.AsyncClient,
        )

    # -- the driver: performs the core's effects with non-blocking I/O --

    async def _perform(self, effect: Send | Sleep) -> Reply:
        if isinstance(effect, Sleep):
            await self._clock.asleep(effect.seconds)
            return None
        http = self._http_for_this_process()
        try:
            with _deadlines.deadline_in(effect.budget):
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

    async def _iterate(self, operation: Operation[_R]) -> AsyncIterator[Task]:
        reply: Reply = None
        while True:
            try:
                effect = operation.send(reply)
            except StopIteration:
                return
            if isinstance(effect, Emit):
                reply = None
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

    # -- the API --

    async def retrieve(self, task_id: str) -> Task:
        """The task with this id; `TaskNotFoundError` when the service does not know it."""
        return await self._run(_core.retrieve(self._settings, task_id))

    async def retrieve_batch(self, task_ids: Iterable[str]) -> BatchResult:
        """Any number of tasks, fetched `batch_size` ids per request, in the order asked."""
        return await self._run(_core.retrieve_batch(self._settings, task_ids))

    def list_tasks(self, **filters: Unpack[ListFilters]) -> AsyncIterator[Task]:
        """The caller's tasks, newest first, fetched a page at a time as the iterator advances."""
        return self._iterate(self._list_operation(filters))

    @overload
    async def wait(self, task_ids: str, **options: Unpack[WaitOptions]) -> Task: ...  # type: ignore[overload-overlap]
    @overload
    async def wait(self, task_ids: Iterable[str], **options: Unpack[WaitOptions]) -> list[Task]: ...
    async def wait(
        self, task_ids: str | Iterable[str], **options: Unpack[WaitOptions]
    ) -> Task | list[Task]:
        """Poll until every task has succeeded or failed; see `WanTasks.wait`."""
        tasks = await self._run(self._wait_operation(task_ids, options))
        return tasks[0] if isinstance(task_ids, str) else tasks

    async def download_video(
        self,
        task: Task | str,
        path: str | os.PathLike[str] | None = None,
        *,
        overwrite: bool = False,
        on_progress: DownloadProgress | None = None,
    ) -> Path:
        """Stream the task's video to `path`; see `WanTasks.download_video`."""
        task = task if isinstance(task, Task) else await self.retrieve(task)
        url = video_url_of(task)
        destination = destination_for(task, path, overwrite=overwrite)
        try:
            async with self._download_client().stream("GET", url) as response:
                partial = self._start_download(response, task, destination, overwrite, on_progress)
                try:
                    async for chunk in response.aiter_bytes():
                        partial.write(chunk)
                    return partial.commit()
                finally:
                    partial.abort()
        except httpx.HTTPError as error:
            raise DownloadError(f"the download failed: {type(error).__name__}: {error}") from error

    async def aclose(self) -> None:
        if self._owns_http:
            self._closed = True
            await self._http.aclose()
            if self._downloads is not None:
                await self._downloads.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
