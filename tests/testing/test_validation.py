"""The fake refuses exactly the bodies the spec's `QueryTasksRequest` schema refuses."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wan_tasks_sdk.testing import DEFAULT_TOKEN, FakeClock, FakeWanTasks
from wan_tasks_sdk.testing._validation import Invalid, ListQuery, Retrieve, parse_body

from . import spec_support as spec

AUTH = {"authorization": f"Bearer {DEFAULT_TOKEN}"}


def post(fake: FakeWanTasks, body: bytes) -> tuple[int, Any]:
    answer = fake.handle("POST", "/wan/tasks", AUTH, body)
    return answer.status, answer.json()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "the body must be JSON"),
        (b"not json", "the body must be JSON"),
        (b"\xff\xfe{}", "the body must be JSON"),
        (b'{"action": "retrieve", "id": NaN}', "the body must be JSON"),
        (b"[" * 100_000, "the body must be JSON"),
        (b"[]", "the body must be a JSON object"),
        (b'"retrieve"', "the body must be a JSON object"),
        (b"null", "the body must be a JSON object"),
        (b"{}", "action is required: one of retrieve, retrieve_batch"),
        (b'{"id": "x"}', "action is required"),
        (b'{"action": null, "id": "x"}', "action must be one of retrieve, retrieve_batch"),
        (b'{"action": ["retrieve"], "id": "x"}', "action must be one of"),
        (b'{"action": "retrieve"}', "id is required for action retrieve"),
        (b'{"action": "retrieve", "trace_id": ""}', "trace_id must be a non-empty string"),
        (b'{"action": "retrieve", "id": 1, "trace_id": "t"}', "id must be a non-empty string"),
        (b'{"action": "retrieve", "id": ""}', "id must be a non-empty string"),
        (b'{"action": "retrieve", "id": 42}', "id must be a non-empty string"),
        (b'{"action": "retrieve", "id": null}', "id must be a non-empty string"),
        (b'{"action": "retrieve_batch", "ids": []}', "ids must be a non-empty array"),
        (b'{"action": "retrieve_batch", "ids": "a4bca552"}', "ids must be a non-empty array"),
        (b'{"action": "retrieve_batch", "ids": null}', "ids must be a non-empty array"),
        (b'{"action": "retrieve_batch", "ids": ["a", ""]}', "each of ids"),
        (b'{"action": "retrieve_batch", "ids": ["a", 1]}', "each of ids"),
        (b'{"action": "retrieve_batch", "trace_ids": []}', "trace_ids must be a non-empty"),
        (b'{"action": "retrieve_batch", "trace_ids": [""]}', "each of trace_ids"),
        (b'{"action": "retrieve_batch", "limit": 0}', "limit must be an integer >= 1"),
        (b'{"action": "retrieve_batch", "limit": 2.5}', "limit must be an integer"),
        (b'{"action": "retrieve_batch", "limit": "20"}', "limit must be an integer"),
        (b'{"action": "retrieve_batch", "limit": true}', "limit must be an integer"),
        (b'{"action": "retrieve_batch", "offset": -1}', "offset must be an integer >= 0"),
        (b'{"action": "retrieve_batch", "offset": false}', "offset must be an integer"),
        (b'{"action": "retrieve_batch", "offset": 1e400}', "offset must be an integer"),
        (b'{"action": "retrieve_batch", "created_at_min": -0.5}', "created_at_min must be"),
        (b'{"action": "retrieve_batch", "created_at_max": "1769300000"}', "created_at_max"),
        (b'{"action": "retrieve_batch", "created_at_max": true}', "created_at_max must be"),
        (b'{"action": "retrieve_batch", "type": ""}', "type must be a non-empty string"),
        (b'{"action": "retrieve_batch", "type": 1}', "type must be a non-empty string"),
        (b'{"action": "retrieve_batch", "application_id": null}', "application_id must be"),
        (b'{"action": "retrieve_batch", "user_id": []}', "user_id must be"),
        (b'{"action": "retrieve_batch", "ids": ["a"], "limit": 0}', "limit must be"),
    ],
)
def test_malformed_bodies_get_400_bad_request(body: bytes, message: str) -> None:
    status, answer = post(FakeWanTasks(clock=FakeClock()), body)
    assert status == 400
    assert answer["success"] is False
    assert answer["error"]["code"] == "bad_request"
    assert message in answer["error"]["message"]
    spec.assert_valid("ErrorResponse", answer)


@pytest.mark.parametrize("action", ["delete", "create", "", "RETRIEVE", "retrieve "])
def test_an_unknown_action_gets_400_bad_request_naming_the_allowed_ones(action: str) -> None:
    body = {"action": action, "id": "x"}
    assert not spec.is_valid("QueryTasksRequest", body)
    status, answer = post(FakeWanTasks(clock=FakeClock()), json.dumps(body).encode())
    assert status == 400
    assert answer["error"]["code"] == "bad_request"
    assert answer["error"]["message"] == (
        f"action must be one of retrieve, retrieve_batch, got {action!r}"
    )


@pytest.mark.parametrize(
    "body",
    [
        {"action": "retrieve", "id": "x", "extra": [1, 2]},
        # A retrieve's schema lists no filters, so they are extra properties, not errors.
        {"action": "retrieve", "id": "x", "limit": "many", "ids": 5},
        {"action": "retrieve_batch"},
        {"action": "retrieve_batch", "limit": 1, "offset": 0},
        {"action": "retrieve_batch", "limit": 100.0, "offset": 3.0},
        {"action": "retrieve_batch", "limit": 1000},
        {"action": "retrieve", "trace_id": "t"},
        {"action": "retrieve", "id": "x", "trace_id": "t"},
        {"action": "retrieve_batch", "trace_ids": ["t"], "limit": 1},
        {"action": "retrieve_batch", "ids": ["x"], "trace_ids": ["t"]},
        {"action": "retrieve_batch", "created_at_min": 0, "created_at_max": 1.5},
        {"action": "retrieve_batch", "created_at_max": 10**400},
        {"action": "retrieve_batch", "created_at_min": 2, "created_at_max": 1},
        {"action": "retrieve_batch", "ids": ["x"], "type": "videos", "whatever": None},
    ],
)
def test_valid_bodies_are_accepted(body: dict[str, Any]) -> None:
    assert spec.is_valid("QueryTasksRequest", body)
    status, _ = post(FakeWanTasks(clock=FakeClock()), json.dumps(body).encode())
    assert status == 200


def test_parse_body_reads_filters_and_defaults() -> None:
    assert parse_body(b'{"action": "retrieve", "id": "t"}') == Retrieve("t")
    assert parse_body(b'{"action": "retrieve", "trace_id": "r"}') == Retrieve(trace_id="r")
    assert parse_body(b'{"action": "retrieve_batch", "trace_ids": ["r"]}') == ListQuery(
        trace_ids=("r",)
    )
    assert parse_body(b'{"action": "retrieve_batch"}') == ListQuery()
    query = parse_body(
        b'{"action": "retrieve_batch", "ids": ["a", "a"], "limit": 5.0, "offset": 2,'
        b' "created_at_min": 1, "created_at_max": 2.5, "type": "videos",'
        b' "application_id": "app", "user_id": "u"}'
    )
    assert query == ListQuery(
        ids=("a", "a"),
        type="videos",
        application_id="app",
        user_id="u",
        limit=5,
        offset=2,
        created_at_min=1.0,
        created_at_max=2.5,
    )
    assert isinstance(query, ListQuery)
    assert isinstance(query.limit, int)


# Values of every JSON type, biased to the edges of the spec's constraints.
_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=103),
    st.sampled_from([0.0, 1.0, 2.5, -0.5, 100.0, 1e300]),
    st.sampled_from(["", "x", "videos", "retrieve", "retrieve_batch"]),
    st.lists(st.sampled_from(["", "a", "b", 1, None]), max_size=3),
    st.dictionaries(st.sampled_from(["a"]), st.integers(), max_size=1),
)
_keys = st.sampled_from(
    [
        "action", "id", "ids", "trace_id", "trace_ids", "type", "application_id", "user_id",
        "limit", "offset", "created_at_min", "created_at_max", "other",
    ]
)  # fmt: skip
_bodies = st.one_of(
    st.fixed_dictionaries(
        {"action": st.sampled_from(["retrieve", "retrieve_batch"])},
        optional=dict.fromkeys(
            ["id", "trace_id", "ids", "trace_ids", "limit", "offset", "created_at_min"], _values
        ),
    ),
    st.dictionaries(_keys, _values, max_size=5),
    _values,
)


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(_bodies)
def test_parse_body_refuses_exactly_what_the_schema_refuses(body: object) -> None:
    try:
        parse_body(json.dumps(body).encode())
    except Invalid:
        accepted = False
    else:
        accepted = True
    assert accepted == spec.is_valid("QueryTasksRequest", body)
