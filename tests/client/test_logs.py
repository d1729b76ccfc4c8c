"""DEBUG logs of every request and answer, and `WAN_TASKS_LOG`, which switches them on."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from tests.client.conftest import MakeApi
from tests.client.service import TOKEN, URL, FakeService, error_response, task
from wan_tasks_sdk import LOG_ENV_VAR, AuthenticationError
from wan_tasks_sdk._logs import setup_logging

LOGGER = "wan_tasks_sdk"


@pytest.fixture
def sdk_logger() -> Iterator[logging.Logger]:
    """The SDK's logger, restored to its level and handlers after the test."""
    logger = logging.getLogger(LOGGER)
    level, handlers = logger.level, list(logger.handlers)
    yield logger
    logger.setLevel(level)
    logger.handlers[:] = handlers


async def test_every_request_and_answer_is_logged_at_debug(
    make_api: MakeApi, service: FakeService, caplog: pytest.LogCaptureFixture
) -> None:
    service.add(task("t1"))
    service.script = [error_response(503, "api_error")]  # trace_id "t-1"
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        await make_api().retrieve("t1")
    lines = [record.getMessage() for record in caplog.records if record.levelno == logging.DEBUG]
    assert lines == [
        f"request: POST {URL} (attempt 1)",
        f"answer: POST {URL} -> HTTP 503 in 0.000 s (attempt 1, trace_id t-1):"
        " HTTP 503 api_error: api_error! (trace_id t-1)",
        f"request: POST {URL} (attempt 2)",
        f"answer: POST {URL} -> HTTP 200 in 0.000 s (attempt 2)",
    ]


async def test_a_failed_connection_is_logged_by_its_kind(
    make_api: MakeApi, service: FakeService, caplog: pytest.LogCaptureFixture
) -> None:
    service.script = [httpx.ConnectError("refused")]
    with caplog.at_level(logging.DEBUG, logger=LOGGER), pytest.raises(Exception):
        await make_api(max_retries=0).retrieve("t1")
    assert f"answer: POST {URL} -> ConnectError in" in caplog.text


async def test_the_token_is_never_logged(
    make_api: MakeApi, service: FakeService, caplog: pytest.LogCaptureFixture
) -> None:
    service.script = [error_response(401, "invalid_token")]
    with caplog.at_level(logging.DEBUG, logger=LOGGER), pytest.raises(AuthenticationError):
        await make_api(f"Bearer {TOKEN}").retrieve("t1")
    assert caplog.records
    assert TOKEN not in caplog.text
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in repr(record.args)


async def test_nothing_is_logged_below_info_by_default(
    make_api: MakeApi, service: FakeService, caplog: pytest.LogCaptureFixture
) -> None:
    service.add(task("t1"))
    with caplog.at_level(logging.INFO, logger=LOGGER):
        await make_api().retrieve("t1")
    assert caplog.records == []


@pytest.mark.parametrize(("value", "level"), [("debug", logging.DEBUG), (" INFO ", logging.INFO)])
def test_the_variable_sets_the_level_and_one_handler(
    value: str, level: int, sdk_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LOG_ENV_VAR, value)
    before = len(sdk_logger.handlers)
    setup_logging()
    setup_logging()  # a second run (a reload) adds no second handler
    assert sdk_logger.level == level
    assert len(sdk_logger.handlers) == before + 1


def test_an_unknown_level_warns_and_changes_nothing(
    sdk_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LOG_ENV_VAR, "verbose")
    level, handlers = sdk_logger.level, list(sdk_logger.handlers)
    with pytest.warns(UserWarning, match="WAN_TASKS_LOG='verbose'"):
        setup_logging()
    assert (sdk_logger.level, sdk_logger.handlers) == (level, handlers)


def test_the_variable_works_from_import_on(tmp_path: os.PathLike[str]) -> None:
    """As a user would: set the variable, import, call; the lines appear on stderr."""
    script = (
        "from wan_tasks_sdk import WanTasks\n"
        "from wan_tasks_sdk.testing import DEFAULT_TOKEN, FakeWanTasks\n"
        "fake = FakeWanTasks()\n"
        "task_id = fake.create_task(prompt='a cat')\n"
        "with WanTasks(DEFAULT_TOKEN, transport=fake.transport()) as client:\n"
        "    client.retrieve(task_id)\n"
    )
    env = {**os.environ, LOG_ENV_VAR: "debug"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert "request: POST https://api.acedata.cloud/wan/tasks (attempt 1)" in done.stderr
    assert "-> HTTP 200 in" in done.stderr
    assert "DEBUG" in done.stderr
