"""pytest plugin of wan-tasks-sdk: the fixtures `wan_tasks_fake` and `wan_tasks_server`.

Opt-in, so that installing the SDK costs no other project's test runs anything: add
`pytest_plugins = ["wan_tasks_sdk.testing.pytest_plugin"]` to a conftest.py, or run pytest
with `-p wan_tasks_sdk.testing.pytest_plugin`. It imports nothing of the fake until a fixture
is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from wan_tasks_sdk.testing import FakeWanTasks, FakeWanTasksServer

__all__ = ["wan_tasks_fake", "wan_tasks_server"]


@pytest.fixture
def wan_tasks_fake() -> FakeWanTasks:
    """A fresh, empty fake service on a `FakeClock` (advance it with `fake.clock.advance`).

    It accepts `DEFAULT_TOKEN`; seed it with `add_example`, `add_examples` or `create_task`.
    """
    from wan_tasks_sdk.testing import FakeClock, FakeWanTasks  # noqa: PLC0415 - lazy, see above

    return FakeWanTasks(clock=FakeClock())


@pytest.fixture
def wan_tasks_server(wan_tasks_fake: FakeWanTasks) -> Iterator[FakeWanTasksServer]:
    """`wan_tasks_fake` served on 127.0.0.1 (a free port): use `server.url`, `server.fake`."""
    from wan_tasks_sdk.testing import FakeWanTasksServer  # noqa: PLC0415 - lazy, see above

    with FakeWanTasksServer(wan_tasks_fake) as server:
        yield server
