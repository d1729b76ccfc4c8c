"""Fixtures of every suite."""

from __future__ import annotations

import pytest

from wan_tasks_sdk import BASE_URL_ENV_VAR


@pytest.fixture(autouse=True)
def _no_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own `WAN_TASKS_BASE_URL` must not send the tests elsewhere."""
    monkeypatch.delenv(BASE_URL_ENV_VAR, raising=False)
