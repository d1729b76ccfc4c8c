"""`WanTasks` and `AsyncWanTasks`: the same methods, the same core; only the I/O differs."""

from __future__ import annotations

import math
import os
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Generic, Self, TypedDict, TypeVar, Unpack, overload

import httpx

from . import _core
from ._core import Emit, Operation, Reply, Send, Sleep
from ._download import DownloadProgress, PartialFile, destination_for, video_url_of
from ._errors import DownloadError, InvalidArgumentError, MissingTokenError
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
    """Seconds between polling rounds (default 5), or longer when `Retry-After` says so."""
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


def _check_whole_number(value: object, name: str, *, minimum: int) -> None:
    # A bool is an int to Python, but True is no number of retries.
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidArgumentError(f"{name} must be a whole number >= {minimum}: {value!r}")


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
        http_client: _HttpClient | None,
        transport: Any,
        clock: _core.Clock | None,
        new_http_client: Callable[..., _HttpClient],
    ) -> None:
        token = token if token is not None else os.environ.get(TOKEN_ENV_VAR)
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
        _check_whole_number(max_retries, "max_retries", minimum=0)
        _check_whole_number(batch_size, "batch_size", minimum=1)
        if http_client is not None and transport is not None:
            raise InvalidArgumentError("pass http_client or transport, not both")
        timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self._owns_http = http_client is None
        self._clock = clock if clock is not None else _core.SystemClock()
        self._settings = _core.Settings(
            token=_core._Secret(token),
            base_url=base_url,
            timeout=timeout,
            retry=_core.RetryPolicy(max_retries=max_retries),
            batch_size=batch_size,
            clock=self._clock.now,
            # Our own httpx client sends the token by default, which is faster than a header
            # merge per request; a caller's client is left as it is.
            auth_in_client=self._owns_http,
        )
        if http_client is None:
            http_client = new_http_client(
                transport=transport,
                timeout=timeout,
                headers=self._settings.auth_headers(),
                follow_redirects=False,
            )
        self._http = http_client
        self._transport = transport
        self._new_http_client: Callable[..., _HttpClient] = new_http_client
        self._downloads: _HttpClient | None = None

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
        return _core.list_tasks(
            self._settings,
            _core.ListQuery(
                type=filters.get("type"),
                application_id=filters.get("application_id"),
                user_id=filters.get("user_id"),
                created_at_min=_timestamp(filters.get("created_after"), "created_after"),
                created_at_max=_timestamp(filters.get("created_before"), "created_before"),
            ),
            page_size=filters.get("page_size", _core.DEFAULT_PAGE_SIZE),
            limit=filters.get("limit"),
        )

    def _wait_operation(
        self, task_ids: str | Iterable[str], options: WaitOptions
    ) -> Operation[list[Task]]:
        _check_keywords(options, WaitOptions, "wait")
        return _core.wait(
            self._settings,
            _core.task_ids_of(task_ids, unique=False),
            timeout=options.get("timeout", DEFAULT_WAIT_TIMEOUT),
            poll_interval=options.get("poll_interval", DEFAULT_POLL_INTERVAL),
            on_progress=options.get("on_progress"),
            raise_on_failure=options.get("raise_on_failure", True),
        )


class WanTasks(_BaseClient[httpx.Client]):
    """Client of the Wan Tasks API.

    The token comes from `token=` or the `ACEDATACLOUD_API_TOKEN` environment variable. Requests
    are retried on connection errors, timeouts, 408, 429 and 5xx up to `max_retries` times.
    Pass `transport=` (e.g. `wan_tasks_sdk.testing.FakeWanTasks(...).transport()`) or a whole
    `http_client=` to control the HTTP layer; a client passed in is not closed by this one.
    `clock=` replaces real time for waiting (e.g. the fake's `FakeClock`).
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str = _core.DEFAULT_BASE_URL,
        timeout: httpx.Timeout | float | None = _core.DEFAULT_TIMEOUT,
        max_retries: int = _core.DEFAULT_MAX_RETRIES,
        batch_size: int = _core.DEFAULT_BATCH_SIZE,
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
        try:
            return self._http.request(**effect.kwargs)
        except httpx.HTTPError as error:
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

    @overload
    def retrieve(self, task_id: str) -> Task: ...
    @overload
    def retrieve(self, *, trace_id: str) -> Task: ...
    def retrieve(self, task_id: str | None = None, *, trace_id: str | None = None) -> Task:
        """The task with this id, or the one the request with this `trace_id` created (lookup by
        trace id is not confirmed for Wan); `TaskNotFoundError` when the service does not know it.
        """
        return self._run(_core.retrieve(self._settings, task_id, trace_id))

    @overload
    def retrieve_batch(self, task_ids: Iterable[str]) -> BatchResult: ...
    @overload
    def retrieve_batch(self, *, trace_ids: Iterable[str]) -> BatchResult: ...
    def retrieve_batch(
        self, task_ids: Iterable[str] | None = None, *, trace_ids: Iterable[str] | None = None
    ) -> BatchResult:
        """Any number of tasks, by id or by trace id, `batch_size` per request, in the order
        asked; what was not found is in `missing`."""
        return self._run(_core.retrieve_batch(self._settings, task_ids, trace_ids))

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
        try:
            return await self._http.request(**effect.kwargs)
        except httpx.HTTPError as error:
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

    @overload
    async def retrieve(self, task_id: str) -> Task: ...
    @overload
    async def retrieve(self, *, trace_id: str) -> Task: ...
    async def retrieve(self, task_id: str | None = None, *, trace_id: str | None = None) -> Task:
        """The task with this id, or the one the request with this `trace_id` created (lookup by
        trace id is not confirmed for Wan); `TaskNotFoundError` when the service does not know it.
        """
        return await self._run(_core.retrieve(self._settings, task_id, trace_id))

    @overload
    async def retrieve_batch(self, task_ids: Iterable[str]) -> BatchResult: ...
    @overload
    async def retrieve_batch(self, *, trace_ids: Iterable[str]) -> BatchResult: ...
    async def retrieve_batch(
        self, task_ids: Iterable[str] | None = None, *, trace_ids: Iterable[str] | None = None
    ) -> BatchResult:
        """Any number of tasks, by id or by trace id, `batch_size` per request, in the order
        asked; what was not found is in `missing`."""
        return await self._run(_core.retrieve_batch(self._settings, task_ids, trace_ids))

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
