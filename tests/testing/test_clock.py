"""The clocks: a FakeClock moves only when told, and sleeping on it costs no real time."""

from __future__ import annotations

import threading
import time

import pytest

from tests.spec import spec_document as document
from wan_tasks_sdk.testing import Clock, FakeClock, SystemClock
from wan_tasks_sdk.testing._clock import DEFAULT_START


def test_fake_clock_starts_after_the_documented_examples_and_moves_only_when_told() -> None:
    clock = FakeClock()
    assert clock.now() == DEFAULT_START
    documented = [value for _, _, value in document.all_response_examples()]
    times = [
        record[key]
        for record in documented
        if isinstance(record, dict)
        for key in ("created_at", "started_at", "finished_at")
        if isinstance(record.get(key), float)
    ]
    assert max(times) < DEFAULT_START < max(times) + 3600  # shortly after every documented task
    assert clock.now() == clock.now()
    assert clock.advance(2.5) == DEFAULT_START + 2.5
    assert clock.now() == DEFAULT_START + 2.5
    assert FakeClock(start=10).now() == 10.0


@pytest.mark.parametrize("bad", [-1.0, float("nan")])
def test_fake_clock_never_goes_back(bad: float) -> None:
    clock = FakeClock()
    with pytest.raises(ValueError):
        clock.advance(bad)
    assert clock.now() == DEFAULT_START


def test_sleeping_on_a_fake_clock_advances_it_at_once() -> None:
    clock = FakeClock(start=0)
    started = time.perf_counter()
    clock.sleep(3600)
    clock.sleep(-1)  # a negative sleep is no sleep, as time.sleep(0)
    assert time.perf_counter() - started < 0.5
    assert clock.now() == 3600


async def test_async_sleeping_on_a_fake_clock_advances_it_and_yields() -> None:
    clock = FakeClock(start=0)
    await clock.asleep(60)
    assert clock.now() == 60


def test_fake_clock_is_safe_to_share_between_threads() -> None:
    clock = FakeClock(start=0)

    def tick() -> None:
        for _ in range(1000):
            clock.advance(1)

    threads = [threading.Thread(target=tick) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert clock.now() == 4000


async def test_system_clock_is_real_time() -> None:
    clock = SystemClock()
    assert abs(clock.now() - time.time()) < 1
    before = time.perf_counter()
    clock.sleep(0.01)
    await clock.asleep(0.01)
    assert time.perf_counter() - before >= 0.02


def test_both_clocks_are_clocks() -> None:
    assert isinstance(FakeClock(), Clock)
    assert isinstance(SystemClock(), Clock)
    assert "FakeClock(now=" in repr(FakeClock())
