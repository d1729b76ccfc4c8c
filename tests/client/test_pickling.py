"""Errors and tasks cross process boundaries: every public exception pickles with its fields,
a worker's 401 reaches the parent as `AuthenticationError`, and tasks keep the one `UNSET`."""

from __future__ import annotations

import copy
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import httpx
import pytest

import wan_tasks_sdk
from tests.client.service import TOKEN, completed, error_response, failed, task
from wan_tasks_sdk import (
    APIError,
    AuthenticationError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    Task,
    TaskFailedError,
    TaskNotFoundError,
    UnreadableTasksError,
    WaitTimeoutError,
    WanTasks,
    WanTasksError,
)
from wan_tasks_sdk.generated.types import UNSET

TASK = Task.from_dict(task("t1", completed()))
API_FIELDS: dict[str, Any] = {
    "status_code": 429,
    "code": "too_many",
    "message": "slow down",
    "trace_id": "tr-1",
    "body": b'{"error": {}}',
    "headers": {"retry-after": "3"},
    "retry_after": 3.0,
}


def _every_public_exception() -> list[WanTasksError]:
    made: list[WanTasksError] = []
    for name in wan_tasks_sdk.__all__:
        cls = getattr(wan_tasks_sdk, name)
        if not (isinstance(cls, type) and issubclass(cls, WanTasksError)):
            continue
        if issubclass(cls, APIError):
            made.append(cls(**API_FIELDS))
        elif cls is UnreadableTasksError:  # before its base class, whose arguments it lacks
            made.append(UnreadableTasksError([TASK], {"t9": "items[0].request: expected object"}))
        elif issubclass(cls, ResponseValidationError):
            made.append(cls("bad shape", status_code=200, body=b"{}", trace_id="tr-2"))
        elif cls is TaskNotFoundError:
            made.append(TaskNotFoundError(["a", "b"]))
        elif cls is TaskFailedError:
            made.append(TaskFailedError(Task.from_dict(task("t2", failed()))))
        elif cls is WaitTimeoutError:
            made.append(
                WaitTimeoutError(
                    [TASK], ["t1"], 5.0, RateLimitError(**API_FIELDS), {"t9": "items[0].id"}
                )
            )
        else:
            made.append(cls("plain message"))
    return made


EXCEPTIONS = _every_public_exception()


def _fields(error: BaseException) -> dict[str, Any]:
    fields = dict(vars(error))
    if isinstance(fields.get("last_error"), BaseException):
        fields["last_error"] = _fields(fields["last_error"])
    return fields


def test_every_public_exception_is_covered() -> None:
    assert len(EXCEPTIONS) >= 20
    assert ResponseTooLargeError in {type(error) for error in EXCEPTIONS}


@pytest.mark.parametrize("error", EXCEPTIONS, ids=lambda error: type(error).__name__)
def test_pickles_with_its_fields(error: WanTasksError) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert _fields(again) == _fields(error)
    assert TOKEN not in repr(pickle.dumps(error))


def test_task_not_found_keeps_its_ids() -> None:
    again = pickle.loads(pickle.dumps(TaskNotFoundError(["a", "b"])))
    assert again.task_ids == ("a", "b")


@pytest.mark.parametrize(
    "clone", [lambda t: pickle.loads(pickle.dumps(t)), copy.deepcopy, copy.copy]
)
def test_a_task_keeps_the_one_unset(clone: Any) -> None:
    sparse = Task.from_dict(task("t3"))  # no response, many fields left out
    again = clone(sparse)
    assert again == sparse
    assert again.to_dict() == sparse.to_dict()
    assert again.response is UNSET
    assert again.request.additional_properties == sparse.request.additional_properties


@pytest.mark.parametrize(
    "clone", [lambda t: pickle.loads(pickle.dumps(t)), copy.deepcopy, copy.copy]
)
def test_a_task_read_tolerantly_clones_as_it_was_read(clone: Any) -> None:
    """A record with a drifted optional field is what tolerant reading is for: the task it
    gives must cross a process boundary too, and so must the errors that hold one."""
    record = task("t4", completed())
    record["request"]["seed"] = "42"
    drifted = Task.from_dict(record, strict=False)
    again = clone(drifted)
    assert again == drifted
    assert again.to_dict() == drifted.to_dict() == record
    failed_error = clone(TaskFailedError(drifted))
    assert failed_error.task == drifted


def _retrieve_with_a_revoked_token(task_id: str) -> str:
    """Runs in a worker process."""
    transport = httpx.MockTransport(lambda request: error_response(401, "invalid_token"))
    with WanTasks(TOKEN, transport=transport) as client:
        return client.retrieve(task_id).id


def test_a_401_in_a_worker_process_reaches_the_parent() -> None:
    context = multiprocessing.get_context("spawn")  # fork would copy the test runner's threads
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(_retrieve_with_a_revoked_token, "t1")
        with pytest.raises(AuthenticationError) as caught:
            future.result(timeout=60)
    assert caught.value.status_code == 401
    assert caught.value.code == "invalid_token"
