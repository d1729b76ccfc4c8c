"""What the fake takes from the spec: its documented tasks, its error messages, and the rules of
a request body (the generated models, strict). Each is compared with openapi.yaml itself."""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.spec import spec_document as document
from wan_tasks_sdk import BASE_URL_ENV_VAR, TOKEN_ENV_VAR
from wan_tasks_sdk.testing import (
    DEFAULT_BASE_URL,
    DEFAULT_TOKEN,
    ExampleName,
    FakeClock,
    FakeWanTasks,
    FakeWanTasksServer,
    Fault,
    RateLimited,
    ServerFault,
)

from . import spec_support as spec

AUTH = {"authorization": f"Bearer {DEFAULT_TOKEN}"}
TASK_EXAMPLES = {
    name: spec.response_examples("200")[name]
    for name, branch in document.response_example_branches(200).items()
    if branch == "Task"
}


@pytest.fixture
def fake() -> FakeWanTasks:
    return FakeWanTasks(clock=FakeClock())


def post(fake: FakeWanTasks, body: bytes) -> tuple[int, Any]:
    answer = fake.handle("POST", "/wan/tasks", AUTH, body)
    return answer.status, answer.json()


def with_links_home(record: dict[str, Any], base_url: str = DEFAULT_BASE_URL) -> dict[str, Any]:
    """The documented `record` as the fake hands it out: its video links are the fake's."""
    answered: dict[str, Any] = json.loads(json.dumps(record))
    link = f"{base_url}/videos/{record['id']}"
    response = answered.get("response", {})
    if "video_url" in response:  # the older shape
        response["video_url"] = f"{link}.mp4"
    if "data" in response:  # the newer shape
        response["data"] = {"video_url": f"{link}.mp4", "thumbnail_url": f"{link}.jpg"}
    return answered


# -- documented tasks -----------------------------------------------------------------------------


def test_example_names_are_the_spec_task_examples() -> None:
    assert list(get_args(ExampleName)) == list(TASK_EXAMPLES)


def test_add_examples_adds_every_documented_task_in_the_spec_s_order(fake: FakeWanTasks) -> None:
    assert fake.add_examples() == [record["id"] for record in TASK_EXAMPLES.values()]


@pytest.mark.parametrize("name", list(TASK_EXAMPLES))
def test_each_example_is_answered_as_documented_with_the_fake_s_own_links(
    fake: FakeWanTasks, name: ExampleName
) -> None:
    task_id = fake.add_example(name)
    status, answer = post(fake, json.dumps({"action": "retrieve", "id": task_id}).encode())
    documented = TASK_EXAMPLES[name]
    assert (status, answer) == (200, with_links_home(documented))
    spec.assert_valid("Task", answer)
    fake.advance(10**6)  # a documented record never changes
    assert fake.get_task(task_id) == with_links_home(documented)
    elsewhere = "http://127.0.0.1:8000"
    assert fake.get_task(task_id, base_url=elsewhere) == with_links_home(documented, elsewhere)


def test_an_example_is_a_fresh_copy_and_takes_overrides(fake: FakeWanTasks) -> None:
    copy_id = fake.add_example("completed_task", id="copy", created_at=1.0)
    record = fake.get_task(copy_id)
    assert record is not None
    record["request"]["prompt"] = "changed"
    assert fake.get_task(copy_id) == {
        **with_links_home({**TASK_EXAMPLES["completed_task"], "id": "copy"}),
        "created_at": 1.0,
    }
    with pytest.raises(ValueError, match="no documented task example 'nope'; known: "):
        fake.add_example("nope")  # type: ignore[arg-type]


def test_the_documented_batch_request_gets_the_documented_batch_answer(fake: FakeWanTasks) -> None:
    fake.add_examples()
    status, answer = post(fake, json.dumps(spec.request_examples()["retrieve_batch"]).encode())
    documented = spec.response_examples("200")["batch"]
    items = [with_links_home(item) for item in documented["items"]]
    assert (status, answer) == (200, {**documented, "items": items})


def test_the_documented_listing_request_finds_the_examples_in_its_time_range(
    fake: FakeWanTasks,
) -> None:
    fake.add_examples()
    body = spec.request_examples()["list_recent_videos"]
    status, found = post(fake, json.dumps(body).encode())
    in_range = [
        record["id"]
        for record in sorted(TASK_EXAMPLES.values(), key=lambda r: r["created_at"], reverse=True)
        if body["created_at_min"] <= record["created_at"] <= body["created_at_max"]
    ]
    assert status == 200
    assert [item["id"] for item in found["items"]] == in_range
    assert found["count"] == len(in_range) == 3
    spec.assert_valid("TaskBatch", found)


def test_the_fake_s_tasks_belong_to_the_documented_user(fake: FakeWanTasks) -> None:
    documented = TASK_EXAMPLES["completed_task"]
    record = fake.get_task(fake.create_task(shape="older"))
    assert record is not None
    assert fake.user_id == record["user_id"] == documented["user_id"]
    for key in ("application_id", "api_id", "credential_id"):
        assert record[key] == documented[key]


# -- error messages -------------------------------------------------------------------------------


def documented_message(code: str) -> str:
    messages: dict[str, str] = {
        value["error"]["code"]: value["error"]["message"]
        for _, _, value in document.all_response_examples()
        if isinstance(value, dict) and isinstance(value.get("error"), dict)
    }
    return messages[code]


def test_error_messages_are_the_spec_s(fake: FakeWanTasks) -> None:
    answers = {
        "no_token": fake.handle("POST", "/wan/tasks", {}, b"{}"),
        "invalid_token": fake.handle("POST", "/wan/tasks", {"authorization": "Bearer x"}, b"{}"),
    }
    faults: list[tuple[str, Fault]] = [
        ("too_many_requests", RateLimited()),
        ("api_error", ServerFault()),
        ("timeout", ServerFault(status=504)),
    ]
    for code, fault in faults:
        fake.inject(fault)
        answers[code] = fake.handle("POST", "/wan/tasks", AUTH, b"{}")
    for code, answer in answers.items():
        assert answer.json()["error"] == {"code": code, "message": documented_message(code)}
        spec.assert_valid("ErrorResponse", answer.json())


# -- request bodies -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "the body must be JSON"),
        (b"not json", "the body must be JSON"),
        (b"\xff\xfe{}", "the body must be JSON"),
        (b'{"action": "retrieve", "id": NaN}', "the body must be JSON"),
        (b"[" * 100_000, "the body must be JSON"),
        (b"[]", "the body must be a JSON object"),
        (b"null", "the body must be a JSON object"),
        (b"{}", "action is required: one of retrieve, retrieve_batch"),
        (b'{"action": null, "id": "x"}', "action must be one of retrieve, retrieve_batch"),
        (b'{"action": ["retrieve"], "id": "x"}', "action must be one of"),
        (b'{"action": "retrieve"}', "trace_id: "),
        (b'{"action": "retrieve", "trace_id": ""}', "trace_id: "),
        (b'{"action": "retrieve", "id": 1, "trace_id": "t"}', "id: "),
        (b'{"action": "retrieve", "id": ""}', "id: "),
        (b'{"action": "retrieve", "id": null}', "trace_id: "),  # no id: a trace_id, then
        (b'{"action": "retrieve_batch", "ids": []}', "ids: "),
        (b'{"action": "retrieve_batch", "ids": "a4bca552"}', "ids: "),
        (b'{"action": "retrieve_batch", "ids": ["a", ""]}', "ids[1]: "),
        (b'{"action": "retrieve_batch", "ids": ["a", 1]}', "ids[1]: "),
        (b'{"action": "retrieve_batch", "trace_ids": [""]}', "trace_ids[0]: "),
        (b'{"action": "retrieve_batch", "limit": 0}', "limit: "),
        (b'{"action": "retrieve_batch", "limit": 2.5}', "limit: "),
        (b'{"action": "retrieve_batch", "limit": true}', "limit: "),
        (b'{"action": "retrieve_batch", "offset": -1}', "offset: "),
        (b'{"action": "retrieve_batch", "offset": 1e400}', "offset: "),
        (b'{"action": "retrieve_batch", "created_at_min": -0.5}', "created_at_min: "),
        (b'{"action": "retrieve_batch", "created_at_max": "1769300000"}', "created_at_max: "),
        (b'{"action": "retrieve_batch", "type": ""}', "type: "),
        (b'{"action": "retrieve_batch", "application_id": null}', "application_id: "),
        (b'{"action": "retrieve_batch", "user_id": []}', "user_id: "),
    ],
)
def test_a_refused_body_gets_400_bad_request_naming_the_field(body: bytes, message: str) -> None:
    status, answer = post(FakeWanTasks(clock=FakeClock()), body)
    assert status == 400
    assert answer["error"]["code"] == "bad_request"
    assert answer["error"]["message"].startswith(message)
    spec.assert_valid("ErrorResponse", answer)


@pytest.mark.parametrize("action", ["delete", "create", "", "RETRIEVE", "retrieve "])
def test_an_unknown_action_gets_400_bad_request_naming_the_allowed_ones(action: str) -> None:
    body = {"action": action, "id": "x"}
    assert not spec.is_valid("QueryTasksRequest", body)
    status, answer = post(FakeWanTasks(clock=FakeClock()), json.dumps(body).encode())
    assert status == 400
    assert answer["error"] == {
        "code": "bad_request",
        "message": f"action must be one of retrieve, retrieve_batch, got {action!r}",
    }


@pytest.mark.parametrize("name", list(spec.request_examples()))
def test_every_documented_request_is_accepted(fake: FakeWanTasks, name: str) -> None:
    fake.add_examples()
    status, _ = post(fake, json.dumps(spec.request_examples()[name]).encode())
    assert status == 200


def test_numbers_the_spec_calls_integers_are_read_as_such(fake: FakeWanTasks) -> None:
    ids = [fake.create_task(created_at=n) for n in range(5)]
    body = {"action": "retrieve_batch", "limit": 2.0, "offset": 1.0, "created_at_max": 10**400}
    status, page = post(fake, json.dumps(body).encode())
    assert (status, [item["id"] for item in page["items"]]) == (200, ids[::-1][1:3])


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
def test_the_fake_refuses_exactly_what_the_schema_refuses(body: object) -> None:
    status, _ = post(FakeWanTasks(clock=FakeClock()), json.dumps(body).encode())
    assert status in (200, 400)
    assert (status == 200) == spec.is_valid("QueryTasksRequest", body)


# -- the spec's code samples ----------------------------------------------------------------------

PYTHON_SAMPLES = {
    sample["label"]: sample["source"]
    for sample in document.operation().get("x-codeSamples", [])
    if sample["lang"] == "Python"
}


@pytest.mark.parametrize("label", list(PYTHON_SAMPLES))
def test_the_spec_s_python_samples_run_against_the_fake(
    wan_tasks_server: FakeWanTasksServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    label: str,
) -> None:
    wan_tasks_server.fake.add_examples()
    monkeypatch.setenv(TOKEN_ENV_VAR, wan_tasks_server.fake.token)
    monkeypatch.setenv(BASE_URL_ENV_VAR, wan_tasks_server.url)

    exec(compile(PYTHON_SAMPLES[label], label, "exec"), {})

    printed = capsys.readouterr().out
    assert TASK_EXAMPLES["completed_task"]["id"] in printed
    assert [request.status for request in wan_tasks_server.fake.api_requests] == [200] * len(
        wan_tasks_server.fake.api_requests
    )
