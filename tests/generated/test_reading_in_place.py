"""`from_dict` reads the record in place: it never changes it, and it still finds the keys the
spec does not name (additional properties) although it only looks for them when the count of
known keys falls short of the record's size."""

from __future__ import annotations

import copy
from types import MappingProxyType
from typing import Any

import pytest

from tests.spec import spec_document as document
from wan_tasks_sdk.generated.models import Task
from wan_tasks_sdk.generated.types import UNSET


def _record() -> dict[str, Any]:
    return copy.deepcopy(document.response_examples(200)["completed_task_newer_shape"])


@pytest.mark.parametrize("strict", [True, False])
def test_the_record_is_left_as_it_was(strict: bool) -> None:
    record = {**_record(), "region": "cn-beijing"}
    record["response"]["note"] = {"kept": [1, 2]}
    before = copy.deepcopy(record)
    task = Task.from_dict(record, strict=strict)
    assert record == before
    assert list(record) == list(before)
    assert task.additional_properties == {"region": "cn-beijing"}
    assert task.to_dict() == record


def test_unknown_keys_come_first_then_the_raw_values_read_as_absent() -> None:
    record = {"zeta": 1, **_record(), "started_at": "later", "alpha": 2}
    task = Task.from_dict(record, strict=False)
    assert task.started_at is UNSET
    assert list(task.additional_properties.items()) == [
        ("zeta", 1),
        ("alpha", 2),
        ("started_at", "later"),
    ]


def test_a_record_of_known_keys_only_has_no_additional_properties() -> None:
    task = Task.from_dict(_record())
    assert task.additional_properties == {}
    task.additional_properties["mine"] = True  # each object owns its own mapping
    assert Task.from_dict(_record()).additional_properties == {}


def test_a_read_only_mapping_reads_as_its_dict() -> None:
    record = {**_record(), "region": "cn-beijing"}
    assert Task.from_dict(MappingProxyType(record)) == Task.from_dict(record)
