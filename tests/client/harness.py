"""One test body for both clients: `Api` puts `WanTasks` and `AsyncWanTasks` behind awaitables.

A test written against `Api` runs twice (the `kind` fixture), so no behaviour is tested for one
client and forgotten for the other, and no test is copied to make its twin.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from typing import Any, Literal, TypeVar

import httpx

from wan_tasks_sdk import AsyncWanTasks, BatchResult, Task, WanTasks
from wan_tasks_sdk._core import Effect, Operation, Reply, Send, Settings

Kind = Literal["sync", "async"]
KINDS: list[Kind] = ["sync", "async"]


class FakeClock:
    """A `Clock` (see `_core.Clock`) that only moves when something sleeps; records the sleeps."""

    def __init__(self, start: float = 1000.0) -> None:
        self.time = start
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0, f"asked to sleep {seconds} s"
        self.sleeps.append(seconds)
        self.time += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)
        await asyncio.sleep(0)  # still hand control to the loop, as a real sleep would


class Api:
    """A client of either kind, its methods made awaitable."""

    def __init__(self, client: WanTasks | AsyncWanTasks) -> None:
        self.client = client

    @property
    def kind(self) -> Kind:
        return "async" if isinstance(self.client, AsyncWanTasks) else "sync"

    @property
    def settings(self) -> Settings:
        return self.client._settings

    def configure(self, **changes: Any) -> None:
        """Replace fields of the client's settings (its clock, retry policy, ...)."""
        self.client._settings = dataclasses.replace(self.client._settings, **changes)

    async def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """`client.<method>(...)`, awaited when the client is async (`"with_raw_response.x"`
        reaches through the attribute)."""
        target: Any = self.client
        for name in method.split("."):
            target = getattr(target, name)
        result = target(*args, **kwargs)
        return await result if isinstance(self.client, AsyncWanTasks) else result

    async def retrieve(self, task_id: str) -> Task:
        if isinstance(self.client, AsyncWanTasks):
            return await self.client.retrieve(task_id)
        return self.client.retrieve(task_id)

    async def retrieve_batch(self, task_ids: Iterable[str]) -> BatchResult:
        if isinstance(self.client, AsyncWanTasks):
            return await self.client.retrieve_batch(task_ids)
        return self.client.retrieve_batch(task_ids)

    async def retrieve_by_trace_id(self, trace_id: str) -> Task:
        if isinstance(self.client, AsyncWanTasks):
            return await self.client.retrieve(trace_id=trace_id)
        return self.client.retrieve(trace_id=trace_id)

    async def retrieve_batch_by_trace_ids(self, trace_ids: Iterable[str]) -> BatchResult:
        if isinstance(self.client, AsyncWanTasks):
            return await self.client.retrieve_batch(trace_ids=trace_ids)
        return self.client.retrieve_batch(trace_ids=trace_ids)

    async def invoke(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Any method by name with any arguments (wrong ones too), awaited for the async client."""
        result = getattr(self.client, method)(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    async def list_tasks(self, **options: Any) -> AsyncIterator[Task]:
        """Steps the client's iterator one task per step, so laziness stays observable."""
        if isinstance(self.client, AsyncWanTasks):
            async for found in self.client.list_tasks(**options):
                yield found
        else:
            for found in self.client.list_tasks(**options):
                yield found

    async def list_all(self, **options: Any) -> list[Task]:
        return [found async for found in self.list_tasks(**options)]

    async def list_with_invalid(self, **options: Any) -> tuple[list[Task], Mapping[str, str]]:
        """Every task of the listing, and the iterator's `invalid` once iterated to the end."""
        if isinstance(self.client, AsyncWanTasks):
            iterator = self.client.list_tasks(**options)
            return [found async for found in iterator], iterator.invalid
        tasks = self.client.list_tasks(**options)
        return list(tasks), tasks.invalid

    async def wait_one(self, task_id: str, **options: Any) -> Task:
        found: Task
        if isinstance(self.client, AsyncWanTasks):
            found = await self.client.wait(task_id, **options)
        else:
            found = self.client.wait(task_id, **options)
        return found

    async def wait_many(self, task_ids: Iterable[str], **options: Any) -> list[Task]:
        if isinstance(self.client, AsyncWanTasks):
            return await self.client.wait(task_ids, **options)
        return self.client.wait(task_ids, **options)

    async def close(self) -> None:
        if isinstance(self.client, AsyncWanTasks):
            await self.client.aclose()
        else:
            self.client.close()


_R = TypeVar("_R")


def request_of(send: Send) -> httpx.Request:
    """The `httpx.Request` that a `Send` effect describes."""
    kwargs = send.kwargs
    request = httpx.Request(
        kwargs["method"], kwargs["url"], json=kwargs.get("json"), headers=kwargs.get("headers")
    )
    auth: httpx.Auth | None = kwargs.get("auth")
    return request if auth is None else next(auth.sync_auth_flow(request))


def drive(
    operation: Operation[_R], answer: Callable[[httpx.Request], Reply]
) -> tuple[_R, list[Effect]]:
    """Run a core operation by hand, with no client: `answer` replies to every `Send`.

    Returns the operation's result and every effect it yielded, in order.
    """
    effects: list[Effect] = []
    reply: Reply = None
    while True:
        try:
            effect = operation.send(reply)
        except StopIteration as done:
            result: _R = done.value
            return result, effects
        effects.append(effect)
        reply = answer(request_of(effect)) if isinstance(effect, Send) else None
