"""The examples embedded in the package are the spec's, and conform to its schemas."""

from __future__ import annotations

import json
from typing import Any

import pytest

from wan_tasks_sdk.testing import DEFAULT_TOKEN, FakeClock, FakeWanTasks
from wan_tasks_sdk.testing import _examples as examples

from . import spec_support as spec


def test_response_examples_are_the_spec_named_examples() -> None:
    assert spec.response_examples("200") == examples.RESPONSE_EXAMPLES


def test_request_examples_are_the_spec_named_examples() -> None:
    assert spec.request_examples() == examples.REQUEST_EXAMPLES


def test_error_examples_are_the_spec_named_examples() -> None:
    documented: dict[str, Any] = {}
    for status in ("400", "401", "402", "403", "429", "500", "504"):
        documented.update(spec.response_examples(status))
    assert documented == examples.ERROR_EXAMPLES


def test_every_task_example_is_a_200_example_and_a_valid_task() -> None:
    assert set(examples.TASK_EXAMPLES) < set(examples.RESPONSE_EXAMPLES)
    for record in examples.TASK_EXAMPLES.values():
        spec.assert_valid("Task", record)


def test_example_task_is_a_fresh_copy() -> None:
    first = examples.example_task("completed_task")
    first["request"]["prompt"] = "changed"
    assert examples.example_task("completed_task")["request"]["prompt"] != "changed"
    with pytest.raises(ValueError, match="no documented task example"):
        examples.example_task("nope")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", list(examples.TASK_EXAMPLES))
def test_the_fake_answers_each_example_exactly_as_documented(name: examples.ExampleName) -> None:
    fake = FakeWanTasks(clock=FakeClock())
    task_id = fake.add_example(name)
    answer = fake.handle(
        "POST",
        "/wan/tasks",
        {"authorization": f"Bearer {DEFAULT_TOKEN}"},
        f'{{"action": "retrieve", "id": "{task_id}"}}'.encode(),
    )
    assert answer.status == 200
    assert answer.json() == spec.response_examples("200")[name]
    fake.advance(10**6)  # a documented record never changes
    assert fake.get_task(task_id) == spec.response_examples("200")[name]


def test_the_documented_batch_request_gets_the_documented_batch_answer() -> None:
    fake = FakeWanTasks(clock=FakeClock())
    fake.add_examples()
    answer = fake.handle(
        "POST",
        "/wan/tasks",
        {"authorization": f"Bearer {DEFAULT_TOKEN}"},
        b'{"ids": ["a4bca552-d964-46a1-8ff7-fd922f916582",'
        b' "a4bca552-d964-46a1-8ff7-fd922f916582"], "action": "retrieve_batch"}',
    )
    assert answer.json() == spec.response_examples("200")["batch"]


def test_the_documented_listing_request_finds_the_examples_in_its_time_range() -> None:
    fake = FakeWanTasks(clock=FakeClock())
    fake.add_examples()
    body = examples.REQUEST_EXAMPLES["list_recent_videos"]
    answer = fake.handle(
        "POST",
        "/wan/tasks",
        {"authorization": f"Bearer {DEFAULT_TOKEN}"},
        json.dumps(body).encode(),
    )
    found = answer.json()
    # The newer-shape example was created after created_at_max; the others are newest first.
    assert [item["id"] for item in found["items"]] == [
        "0b8e4c6a-2d1f-4a3b-9c5e-7f8a9b0c1d2e",
        "7f1c2e9a-3b4d-4e5f-8a6b-9c0d1e2f3a4b",
        "a4bca552-d964-46a1-8ff7-fd922f916582",
    ]
    assert found["count"] == 3
    spec.assert_valid("TaskBatch", found)


def test_the_example_names_are_the_task_examples() -> None:
    assert list(examples.EXAMPLE_NAMES) == list(examples.TASK_EXAMPLES)
