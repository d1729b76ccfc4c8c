"""`WAN_TASKS_LOG`: switch on the SDK's logging from the environment, as `OPENAI_LOG` does.

`WAN_TASKS_LOG=debug` logs every request and answer (method, URL, status, elapsed time, trace
id, attempt; never a header, so never the token) to stderr; `info` logs retries only. Without
it the SDK adds no handler: its records go wherever the application's logging sends them.
"""

from __future__ import annotations

import logging
import os
import warnings
from typing import Final

__all__ = ["LOG_ENV_VAR", "setup_logging"]

LOG_ENV_VAR: Final = "WAN_TASKS_LOG"
_LEVELS: Final = {"debug": logging.DEBUG, "info": logging.INFO}


def setup_logging() -> None:
    """Add a stderr handler to the `wan_tasks_sdk` logger at the level `WAN_TASKS_LOG` names."""
    value = os.environ.get(LOG_ENV_VAR, "").strip().lower()
    if not value:
        return
    level = _LEVELS.get(value)
    if level is None:
        warnings.warn(
            f"{LOG_ENV_VAR}={value!r} is not one of: {', '.join(_LEVELS)}; logging stays off",
            stacklevel=2,
        )
        return
    logger = logging.getLogger("wan_tasks_sdk")
    if not any(getattr(handler, "_wan_tasks", False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        handler._wan_tasks = True  # type: ignore[attr-defined]  # found again on a re-run
        logger.addHandler(handler)
    logger.setLevel(level)
