"""pytest plugin of wan-tasks-sdk: a fake service, on a fake clock, and clients wired to it.

- `wan_tasks_fake`: a fresh, empty `FakeWanTasks` on a `FakeClock`;
- `wan_tasks_client` / `wan_tasks_async_client`: a `WanTasks` / `AsyncWanTasks` of that fake
  (its token, an in-process transport, its clock: `wait()` finishes at once);
- `wan_tasks_server`: that fake on 127.0.0.1; `wan_tasks_server.client()` is a client of it
  that shares the fake's clock too.

Opt-in, so that installing the SDK costs no other project's test runs anything: add
`pytest_plugins = ["wan_tasks_sdk.testing.pytest_plugin"]` to a conftest.py, or run pytest
with `-p wan_tasks_sdk.testing.pytest_plugin`. It imports nothing of the fake until a fixture
is used. The async client fixture is a plain fixture: it needs no async pytest plugin.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from wan_tasks_sdk import AsyncWanTasks, WanTasks
    from wan_tasks_sdk.testing import FakeWanTasks, FakeWanTasksServer

__all__ = ["wan_tasks_async_client", "wan_tasks_client", "wan_tasks_fake", "wan_tasks_server"]


@pytest.fixture
def wan_tasks_fake() -> FakeWanTasks:
    """A fresh, empty fake service on a `FakeClock` (move it with `fake.advance(seconds)`).

    It accepts `DEFAULT_TOKEN`; seed it with `add_example`, `add_examples` or `create_task`.
    """
    from wan_tasks_sdk.testing import FakeClock, FakeWanTasks  # noqa: PLC0415 - lazy, see above

    return FakeWanTasks(clock=FakeClock())


@pytest.fixture
def wan_tasks_client(wan_tasks_fake: FakeWanTasks) -> Iterator[WanTasks]:
    """A `WanTasks` of `wan_tasks_fake`, in process, sleeping on the fake's clock."""
    with wan_tasks_fake.client() as client:
        yield client


@pytest.fixture
def wan_tasks_async_client(wan_tasks_fake: FakeWanTasks) -> Iterator[AsyncWanTasks]:
    """An `AsyncWanTasks` of `wan_tasks_fake`, in process, sleeping on the fake's clock."""
    client = wan_tasks_fake.async_client()
    yield client
    # Closed here rather than in an async fixture, which would need an async pytest plugin, on
    # a loop of its own that leaves the thread's current loop (an async plugin's) alone. The
    # in-process transport holds nothing bound to the loop the test ran on.
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(client.aclose())
    finally:
        loop.close()


@pytest.fixture
def wan_tasks_server(wan_tasks_fake: FakeWanTasks) -> Iterator[FakeWanTasksServer]:
    """`wan_tasks_fake` served on 127.0.0.1 (a free port): `server.url`, `server.fake`.

    Its clock stands still unless moved: a client of your own pointed at `server.url` sleeps in
    real time and its `wait()` never sees a task finish. Use `server.client()` (or pass
    `clock=server.fake.clock` to yours): it sleeps by moving the fake's clock.
    """
    from wan_tasks_sdk.testing import FakeWanTasksServer  # noqa: PLC0415 - lazy, see above

    with FakeWanTasksServer(wan_tasks_fake) as server:
        yield server
