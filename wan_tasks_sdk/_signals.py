"""Signal handlers set for the length of a block: the CLI's commands and the fake's server."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import FrameType

Handler = Callable[[int, FrameType | None], object]


@contextmanager
def handling(signals: Iterable[int], handler: Handler) -> Iterator[None]:
    """Run the block with `handler` for `signals`, then put the previous handlers back.

    Only the main thread can set handlers; elsewhere (a test running the code in a thread) this
    does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, handler) for signum in signals}
    try:
        yield
    finally:
        for signum, earlier in previous.items():
            signal.signal(signum, earlier)
