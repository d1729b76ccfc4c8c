"""`make test-live` without the network: it refuses to start without a token or a task id, and
its checks pass on the fake (which follows the spec) and catch answers that break the spec or
that the SDK cannot read back."""

from __future__ import annotations

import io
import re

import pytest

from tests.live import check
from wan_tasks_sdk import SystemClock
from wan_tasks_sdk._client import TOKEN_ENV_VAR
from wan_tasks_sdk.testing import FakeWanTasks, ProxyError

COMPLETED = "a4bca552-d964-46a1-8ff7-fd922f916582"
CHECKS = 5


@pytest.fixture
def fake() -> FakeWanTasks:
    fake = FakeWanTasks()
    fake.add_examples()
    return fake


def run(fake: FakeWanTasks, environ: dict[str, str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = check.main(environ, transport=fake.transport, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("environ", "names"),
    [
        ({}, TOKEN_ENV_VAR),
        ({TOKEN_ENV_VAR: "  ", check.TASK_ID_ENV_VAR: COMPLETED}, TOKEN_ENV_VAR),
        ({TOKEN_ENV_VAR: "a-token"}, check.TASK_ID_ENV_VAR),
    ],
    ids=["nothing", "blank-token", "no-task-id"],
)
def test_refuses_to_start_without_a_token_and_a_task(
    fake: FakeWanTasks, environ: dict[str, str], names: str
) -> None:
    code, out, err = run(fake, environ)

    assert (code, out) == (check.EXIT_NOT_CONFIGURED, "")
    assert err.startswith("test-live: make test-live ")
    assert names in err
    assert "Nothing was sent." in err
    assert fake.requests == []


@pytest.mark.parametrize("example", [COMPLETED, "7f1c2e9a-3b4d-4e5f-8a6b-9c0d1e2f3a4b"])
def test_every_check_passes_on_a_service_that_follows_the_spec(
    fake: FakeWanTasks, example: str
) -> None:
    code, out, _ = run(fake, {TOKEN_ENV_VAR: fake.token, check.TASK_ID_ENV_VAR: example})

    assert code == check.EXIT_OK, out
    assert len(re.findall(r"^ok   ", out, re.MULTILINE)) == CHECKS
    assert out.endswith("test-live: no problem(s)\n")
    assert {request.status for request in fake.requests} == {200, 401}


def test_an_answer_the_spec_does_not_allow_is_reported(fake: FakeWanTasks) -> None:
    broken = fake.add_record(
        {
            "id": "broken-task",
            "type": "videos",
            "trace_id": 42,  # the spec says a string
            "request": {"prompt": "a cat"},
            "created_at": 1_769_262_721.0,
        }
    )

    code, out, _ = run(fake, {TOKEN_ENV_VAR: fake.token, check.TASK_ID_ENV_VAR: broken})

    assert code == check.EXIT_FAILED
    assert re.search(r"^FAIL retrieve the task: spec \(retrieve\): HTTP 200 at /", out, re.M)
    assert "problem(s)" in out.splitlines()[-1]


def test_an_answer_that_is_not_json_is_reported(
    fake: FakeWanTasks, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SystemClock, "sleep", lambda clock, seconds: None)  # no back-off
    fake.inject(ProxyError(520), times=None)

    code, out, _ = run(fake, {TOKEN_ENV_VAR: fake.token, check.TASK_ID_ENV_VAR: COMPLETED})

    assert code == check.EXIT_FAILED
    assert "SDK: ResponseValidationError: invalid response (HTTP 520)" in out
    assert "FAIL retrieve the task: spec (retrieve): HTTP 520 is not a documented status" in out


def test_a_record_the_sdk_does_not_read_back_is_reported() -> None:
    exchange = check.Exchange("retrieve", 200, "application/json", b'{"id": "x", "type": 3}')

    assert check.sdk_problems(exchange) != []
