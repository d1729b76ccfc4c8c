"""The one `Clock` protocol of the SDK, and real time.

The client reads it to measure deadlines and sleeps on it between polls; the fake service
(`wan_tasks_sdk.testing`) reads it to move tasks along and to expire signed links. Tests hand
both the same `wan_tasks_sdk.testing.FakeClock`, so hours of polling run in milliseconds.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "SystemClock"]


@runtime_checkable
class Clock(Protocol):
    """Where the time is read and how it is waited for, sync and async."""

    def now(self) -> float:
        """The current time in seconds. The fake reads it as unix time; the client only
        subtracts two readings."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait `seconds` (blocking)."""
        ...

    async def asleep(self, seconds: float) -> None:
        """Wait `seconds` without blocking the event loop."""
        ...


class SystemClock:
    """Real time: `time.time`, `time.sleep`, `asyncio.sleep`.

    A client given no clock measures its deadlines on `time.monotonic` instead, which no
    change of the system time can move.
    """

    def now(self) -> float:
        """Unix time, in seconds."""
        return time.time()

    def sleep(self, seconds: float) -> None:
        """Block for `seconds`."""
        time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        """Sleep `seconds` on the event loop."""
        await asyncio.sleep(seconds)

    def __repr__(self) -> str:
        return "SystemClock()"
