"""One client, many calls: a 429 seen by one pauses all of them, an optional rate limit spaces
them, and a client used after `os.fork()` opens connections of its own."""

from __future__ import annotations

import contextlib
import os

import pytest

from tests.client.conftest import MakeApi
from tests.client.harness import FakeClock
from tests.client.local_server import serving
from tests.client.service import TOKEN, FakeService, error_response, task
from tests.client.test_core import settings
from wan_tasks_sdk import RateLimitError, WanTasks, _core
from wan_tasks_sdk._core import RequestGate, Send, Sleep


def test_a_429_pauses_every_call_of_the_client() -> None:
    clock = FakeClock()
    shared = settings(clock=clock.now, gate=RequestGate())
    first = _core.retrieve(shared, "t1")
    assert isinstance(next(first), Send)
    own_pause = first.send(error_response(429, **{"Retry-After": "5"}))
    assert isinstance(own_pause, Sleep)
    assert own_pause.seconds == 5.0
    second = _core.retrieve(shared, "t2")  # another thread's call, started meanwhile
    pause = next(second)
    assert isinstance(pause, Sleep)
    assert pause.seconds == 5.0
    clock.sleep(5.0)
    assert isinstance(second.send(None), Send)
    assert isinstance(first.send(None), Send)  # both go on once the pause has passed


def test_a_pause_past_a_deadline_raises_the_429_at_once() -> None:
    clock = FakeClock()
    shared = settings(clock=clock.now, gate=RequestGate())
    first = _core.retrieve(shared, "t1")
    next(first)
    first.send(error_response(429, **{"Retry-After": "30"}))
    waiting = _core.wait(
        shared, ["t2"], timeout=10, poll_interval=1, on_progress=None, raise_on_failure=True
    )
    with pytest.raises(RateLimitError):
        next(waiting)


def test_requests_per_second_spaces_the_requests() -> None:
    clock = FakeClock()
    limited = settings(clock=clock.now, gate=RequestGate(per_second=4))
    effects = []
    for task_id in ("a", "b", "c"):
        operation = _core.retrieve(limited, task_id)
        effect = next(operation)
        effects.append(effect)
        if isinstance(effect, Sleep):
            clock.sleep(effect.seconds)
    assert [type(effect) for effect in effects] == [Send, Sleep, Sleep]
    assert [effect.seconds for effect in effects[1:]] == [0.25, 0.25]  # type: ignore[union-attr]


def test_the_rate_limit_is_off_by_default() -> None:
    assert _core.Settings(token=_core._Secret("x")).gate.reserve(0.0) == (0.0, None)


async def test_requests_per_second_through_the_client(
    make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    service.add(task("t1"))
    api = make_api(requests_per_second=2)
    for _ in range(3):
        await api.retrieve("t1")
    assert clock.sleeps == [0.5, 0.5]


async def test_a_client_used_after_a_fork_opens_fresh_connections(
    make_api: MakeApi, service: FakeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.add(task("t1"))
    api = make_api()
    await api.retrieve("t1")
    parents = api.client._http
    child_pid = os.getpid() + 1
    monkeypatch.setattr(os, "getpid", lambda: child_pid)
    await api.retrieve("t1")
    assert api.client._http is not parents
    assert not parents.is_closed  # the parent's sockets are the parent's to close
    assert service.calls == 2


def test_a_forked_child_gets_its_own_connections() -> None:
    """A real fork: the child's request goes out on a connection of its own and is answered."""
    service = FakeService([task("t1")])
    with serving(service) as url, WanTasks(TOKEN, base_url=url) as client:
        client.retrieve("t1")  # the parent now holds a pooled connection
        parents = client._http
        child = os.fork()
        if child == 0:  # pragma: no cover - the child reports through its exit status
            ok = False
            with contextlib.suppress(BaseException):
                ok = client.retrieve("t1").id == "t1" and client._http is not parents
            os._exit(0 if ok else 1)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert client.retrieve("t1").id == "t1"  # the parent's connection still works
