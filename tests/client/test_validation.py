"""`_validation.classify_body` accepts and rejects exactly what `QueryTasksResponse` does.

The property test mutates the spec's own 200 examples (a field of another JSON type, a required
field dropped, unknown fields, changes nested in request/response/data/usage/error and in batch
items, numbers below their minimum, null where it is not allowed) and compares the verdict with
jsonschema's (draft 2020-12, refs resolved against the whole document).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings

from tests.client import spec
from tests.client.strategies import EXAMPLES, mutated_bodies
from wan_tasks_sdk._validation import Shape, check_batch, check_task, classify_body


@settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(mutated_bodies())
@example({"id": "x", "items": [], "count": 0})  # a batch with an extra `id` is still a batch
@example({**EXAMPLES["batch"], "created_at": "later"})
@example({**EXAMPLES["completed_task"], "items": [], "count": 0})  # fits both: invalid
@example({**EXAMPLES["completed_task"], "items": [], "count": -1})  # a task with junk: valid
@example({**EXAMPLES["completed_task"], "items": "no", "count": 0})
@example({"count": 0})
@example({"items": []})
@example([])
@example({"created_at": 1.0})
def test_classify_body_agrees_with_the_spec(body: object) -> None:
    shape, problem = classify_body(body)
    assert (problem is None) == spec.spec_accepts(body), (shape, problem)
    if problem is None:
        expected = {Shape.TASK: "id", Shape.BATCH: "items"}.get(shape)
        assert expected is None or expected in body  # type: ignore[operator]
        assert shape != Shape.UNKNOWN_TASK or body == {}


SHAPE_OF_BRANCH = {"Task": Shape.TASK, "TaskBatch": Shape.BATCH, "UnknownTask": Shape.UNKNOWN_TASK}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_example_is_accepted_as_its_shape(name: str) -> None:
    """Each 200 example is the shape its `x-branch` names."""
    expected = SHAPE_OF_BRANCH[spec.ok_example_branches()[name]]
    assert classify_body(EXAMPLES[name]) == (expected, None)


def _task(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = copy.deepcopy(EXAMPLES["completed_task_newer_shape"])
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        node = body
        for parent in parents:
            node = node[parent]
        if value is _DROP:
            del node[last]
        else:
            node[last] = value
    return body


_DROP = object()


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (_task(created_at="yesterday"), "created_at: expected number, got string"),
        (_task(created_at=_DROP), "created_at: required field(s) missing"),
        (_task(id=_DROP, trace_id=_DROP), "id, trace_id: required"),
        (_task(request="text2video"), "request: expected object, got string"),
        (_task(request__seed=4.5), "request.seed: expected integer, got number"),
        (_task(request__duration=-1), "request.duration: must be at least 0"),
        (_task(response__success="yes"), "response.success: expected boolean, got string"),
        (_task(response__data__video_url=3), "response.data.video_url: expected string"),
        (_task(response__usage__fps=-24), "response.usage.fps: must be at least 0"),
        (_task(response__error={"code": 7}), "response.error.code: expected string, got integer"),
        (_task(response__error=None), "response.error: expected object or string, got null"),
        (_task(elapsed=-0.1), "elapsed: must be at least 0"),
        (_task(started_at=None), "started_at: expected number, got null"),
        (_task(type=True), "type: expected string, got boolean"),
        ({"items": [_task(), _task(id=5)], "count": 2}, "items[1].id: expected string"),
        ({"items": [], "count": -1}, "count: expected a non-negative integer"),
        ({"items": [], "count": True}, "count: expected a non-negative integer"),
        ({"items": {}, "count": 0}, "items: expected array, got object"),
        ({"items": []}, "count: required"),
        ([_task()], "expected a JSON object, got array"),
        ("{}", "expected a JSON object, got string"),
        (None, "expected a JSON object, got null"),
    ],
)
def test_problems_say_what_is_wrong(body: object, words: str) -> None:
    _, problem = classify_body(body)
    assert problem is not None
    assert words in problem
    assert not spec.spec_accepts(body)


@pytest.mark.parametrize(
    "body",
    [
        _task(request__seed=42.0),  # JSON Schema counts 42.0 as an integer
        _task(created_at=-5),  # no minimum on timestamps
        _task(created_at=1769317088),
        _task(finished_at=None, elapsed=None, credential_id=None),
        _task(response__error="a bare message", response__state="FAILED"),
        _task(response__state="a-new-state", request__model="wan9", request__action="x"),
        _task(response=_DROP),
        _task(response__data__extra={"a": 1}, surprise=[1, None]),
        {"items": [], "count": 3, "extra": True},
        {"items": [_task()], "count": 1.0},
    ],
)
def test_valid_bodies_pass(body: object) -> None:
    assert classify_body(body)[1] is None
    assert spec.spec_accepts(body)


def test_check_helpers_directly() -> None:
    assert check_task(_task()) is None
    assert check_task([1]) == "body: expected a task object, got array"
    assert check_batch({"items": [_task()], "count": 1}) is None
