"""schemathesis against the fake: every answer conforms to openapi.yaml, both ways.

Positive cases (bodies the spec accepts) must be answered 200 with a valid `QueryTasksResponse`;
negative cases (bodies it refuses) must be refused with a documented 4xx; requests without the
token must get 401; other methods 405. The fake holds the documented examples and a few tasks
with short ids, so generated ids sometimes hit a known task. Derandomized and bounded, so CI
sees the same few hundred cases every run.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode

from wan_tasks_sdk.testing import DEFAULT_TOKEN, FakeClock, FakeWanTasks, Shape

from . import spec_support as spec

_fake = FakeWanTasks(clock=FakeClock())
_fake.add_examples()
_SHORT_IDS: list[tuple[str, Shape]] = [
    ("0", "newer"), ("00", "older"), ("A", "newer"), ("a", "older"), ("1", "newer"),
]  # fmt: skip
for _index, (_short_id, _shape) in enumerate(_SHORT_IDS):
    _fake.create_task(task_id=_short_id, shape=_shape, created_at=1769200000 + _index * 1000,
                      outcome="failed" if _index == 4 else "succeeded")  # fmt: skip
_fake.create_task(task_id="working", processing_for=10**9)

schema = schemathesis.openapi.from_path(spec.SPEC_PATH)
schema.app = _fake.wsgi_app
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])


@schema.parametrize()
@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_fake_conforms_to_the_spec(case: Any) -> None:
    # Spelled `Authorization`: schemathesis matches explicit headers to the security scheme by
    # exact name, and with `authorization` it would put the token back into the cases that
    # leave it out on purpose, then fault the fake for accepting them.
    case.call_and_validate(headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"})


def test_the_contract_run_covered_both_ways() -> None:
    """What the run above sent: accepted and refused bodies, missing tokens, other methods."""
    if not _fake.requests:
        pytest.skip("runs after test_the_fake_conforms_to_the_spec, in the same session")
    statuses = {request.status for request in _fake.requests}
    assert {200, 400, 401, 405} <= statuses
    known = set(_fake.task_ids)
    hits = [
        request
        for request in _fake.api_requests
        if request.status == 200
        and isinstance(request.json, dict)
        and (request.json.get("id") in known or request.action == "retrieve_batch")
    ]
    assert hits, "no positive case reached a known task"
    assert len(_fake.requests) >= 300
