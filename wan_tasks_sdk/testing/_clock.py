"""Clocks of the fake service.

Everything in the fake that depends on time asks its clock: whether a task has started or
finished, when a signed video link expires, and how long a `Slow` fault waits. A `FakeClock`
moves only when a test says so, which makes state transitions and slow answers instant and
exactly repeatable; a `SystemClock` is real time, for a server that people poll by hand.
`Clock` and `SystemClock` are the SDK's own (`wan_tasks_sdk.Clock`), re-exported here.
"""

from __future__ import annotations

import asyncio
import threading

from .._clock import Clock, SystemClock

__all__ = ["DEFAULT_START", "Clock", "FakeClock", "SystemClock"]

# Shortly after the newest of the spec's example tasks (started 1769320920.031), so the examples
# are in the past of a fresh fake clock, as they would be for the real service (a test checks it).
DEFAULT_START = 1_769_321_000.0


class FakeClock:
    """A clock that moves only when told to; thread-safe, so a server thread can read it.

    Sleeping on it does not wait: it moves the clock forward by the time asked and returns at
    once. So a `Slow(5)` answer costs no real time, yet tasks progress by five seconds while it
    "waits", as they would on the real service. Code under test that sleeps (a poller, say) can
    be given `clock.sleep` / `clock.asleep` to run through hours of polling in milliseconds.
    """

    def __init__(self, start: float = DEFAULT_START) -> None:
        self._now = float(start)
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> float:
        """Move the clock forward by `seconds` (never back, as real time); the new time."""
        if not seconds >= 0:
            raise ValueError(f"a clock cannot go back (advance({seconds!r}))")
        with self._lock:
            self._now += seconds
            return self._now

    def sleep(self, seconds: float) -> None:
        """Advance by `seconds` at once, instead of waiting."""
        self.advance(max(0.0, seconds))

    async def asleep(self, seconds: float) -> None:
        """Advance by `seconds`, then yield to the event loop once (as a real sleep would)."""
        self.advance(max(0.0, seconds))
        await asyncio.sleep(0)

    def __repr__(self) -> str:
        return f"FakeClock(now={self.now()!r})"
