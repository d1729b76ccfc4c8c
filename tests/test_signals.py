"""`_signals.handling`: handlers for the length of a block, then the previous ones again."""

from __future__ import annotations

import signal
import threading
from types import FrameType

from wan_tasks_sdk import _signals


def _ignore(signum: int, frame: FrameType | None) -> None:
    pass


def test_the_handler_holds_inside_the_block_and_the_previous_one_after() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with _signals.handling([signal.SIGTERM], _ignore):
        assert signal.getsignal(signal.SIGTERM) is _ignore
    assert signal.getsignal(signal.SIGTERM) is before


def test_the_previous_handler_comes_back_after_an_exception() -> None:
    before = signal.getsignal(signal.SIGTERM)
    try:
        with _signals.handling([signal.SIGTERM], _ignore):
            raise KeyError("boom")
    except KeyError:
        pass
    assert signal.getsignal(signal.SIGTERM) is before


def test_off_the_main_thread_nothing_is_set() -> None:
    seen: list[object] = []

    def run() -> None:
        with _signals.handling([signal.SIGTERM], _ignore):
            seen.append(signal.getsignal(signal.SIGTERM))

    before = signal.getsignal(signal.SIGTERM)
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == [before]
