"""`WanTasks` and `AsyncWanTasks`: construction, ownership of the httpx client, `retrieve`."""

from __future__ import annotations

import json
import math
from typing import Any

import httpx
import pytest

from tests.client import spec
from tests.client.conftest import MakeApi
from tests.client.harness import Api, Kind
from tests.client.service import TOKEN, URL, FakeService, completed, json_response, task
from wan_tasks_sdk import (
    TOKEN_ENV_VAR,
    AsyncWanTasks,
    InvalidArgumentError,
    MissingTokenError,
    ResponseValidationError,
    TaskNotFoundError,
    TaskStatus,
    WanTasks,
)
from wan_tasks_sdk.generated.models import GenerationResponse
from wan_tasks_sdk.generated.types import UNSET

CLIENTS = [WanTasks, AsyncWanTasks]
Client = type[WanTasks] | type[AsyncWanTasks]


# -- construction ---------------------------------------------------------------------------


@pytest.mark.parametrize("cls", CLIENTS)
def test_token_from_argument_wins_over_environment(
    cls: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_ENV_VAR, "from-env")
    assert cls(TOKEN)._settings.token.reveal() == TOKEN


@pytest.mark.parametrize("cls", CLIENTS)
def test_token_from_environment(cls: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV_VAR, f"  {TOKEN}\n")
    assert cls()._settings.token.reveal() == TOKEN


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize("given", [None, "", "   "])
def test_missing_token_names_the_variable(
    cls: Client, given: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TOKEN_ENV_VAR, raising=False)
    with pytest.raises(MissingTokenError, match=TOKEN_ENV_VAR) as caught:
        cls(given)
    assert isinstance(caught.value, InvalidArgumentError)


@pytest.mark.parametrize("cls", CLIENTS)
def test_empty_environment_variable_is_missing(
    cls: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_ENV_VAR, "")
    with pytest.raises(MissingTokenError, match=TOKEN_ENV_VAR):
        cls()


@pytest.mark.parametrize("given", [f"Bearer {TOKEN}", f"bearer {TOKEN}", f" BEARER   {TOKEN} "])
async def test_bearer_prefix_is_stripped(
    given: str, make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("t1"))
    api = make_api(given)
    assert api.settings.token.reveal() == TOKEN
    await api.retrieve("t1")
    assert service.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("cls", CLIENTS)
def test_default_timeouts_are_finite(cls: Client) -> None:
    client = cls(TOKEN)
    for timeout in (client._settings.timeout, client._http.timeout):
        for value in (timeout.connect, timeout.read, timeout.write, timeout.pool):
            assert value is not None
            assert math.isfinite(value)
            assert 0 < value <= 120
    assert client._settings.timeout.connect is not None
    assert client._settings.timeout.read is not None
    assert client._settings.timeout.connect <= client._settings.timeout.read


@pytest.mark.parametrize("cls", CLIENTS)
def test_timeout_as_a_number_applies_to_every_phase(cls: Client) -> None:
    client = cls(TOKEN, timeout=3.5)
    assert client._http.timeout == httpx.Timeout(3.5)
    assert client._settings.timeout == httpx.Timeout(3.5)


@pytest.mark.parametrize("cls", CLIENTS)
def test_defaults(cls: Client) -> None:
    client = cls(TOKEN)
    assert client.base_url == "https://api.acedata.cloud"
    assert client.max_retries == 2
    assert client._settings.batch_size == 50
    assert client._settings.url == URL


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize(
    "options",
    [
        {"max_retries": -1},
        {"max_retries": 1.5},
        {"max_retries": "2"},
        {"batch_size": 0},
        {"batch_size": -3},
        {"batch_size": 2.0},
        {"batch_size": None},
        {"max_retries": True},  # a bool is an int to Python, not a number of retries
        {"batch_size": True},
    ],
)
def test_invalid_numbers_are_refused(cls: Client, options: dict[str, Any]) -> None:
    with pytest.raises(InvalidArgumentError, match=next(iter(options))):
        cls(TOKEN, **options)


@pytest.mark.parametrize("cls", CLIENTS)
def test_http_client_and_transport_are_exclusive(cls: Client) -> None:
    transport = httpx.MockTransport(FakeService())
    http: Any = httpx.Client() if cls is WanTasks else httpx.AsyncClient()
    with pytest.raises(InvalidArgumentError, match="not both"):
        cls(TOKEN, http_client=http, transport=transport)


async def test_max_retries_zero_is_allowed(make_api: MakeApi) -> None:
    assert make_api(max_retries=0).client.max_retries == 0


async def test_base_url_is_used(make_api: MakeApi, service: FakeService) -> None:
    service.add(task("t1"))
    api = make_api(base_url="https://proxy.example/api/")
    assert api.client.base_url == "https://proxy.example/api/"
    await api.retrieve("t1")
    assert str(service.requests[0].url) == "https://proxy.example/api/wan/tasks"


async def test_transport_is_used(make_api: MakeApi) -> None:
    fake = FakeService([task("t1")])
    api = make_api(transport=httpx.MockTransport(fake))
    assert (await api.retrieve("t1")).id == "t1"
    assert len(fake.requests) == 1
    assert fake.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def _callers_http(kind: Kind, fake: FakeService) -> httpx.Client | httpx.AsyncClient:
    transport = httpx.MockTransport(fake)
    if kind == "sync":
        return httpx.Client(transport=transport)
    return httpx.AsyncClient(transport=transport)


async def test_callers_http_client_gets_the_token_per_request_and_stays_open(
    kind: Kind, make_api: MakeApi
) -> None:
    fake = FakeService([task("t1")])
    http = _callers_http(kind, fake)
    api = make_api(http_client=http)
    await api.retrieve("t1")
    await api.retrieve_batch(["t1"])
    assert "authorization" not in http.headers
    for request in fake.requests:
        assert request.headers["authorization"] == f"Bearer {TOKEN}"
        assert request.headers["content-type"] == "application/json"
    await api.close()
    assert not http.is_closed
    await api.retrieve("t1")  # still usable by its owner, and by us
    if isinstance(http, httpx.AsyncClient):
        await http.aclose()
    else:
        http.close()


@pytest.mark.parametrize("callers", [False, True], ids=["own", "callers"])
async def test_context_manager_closes_only_what_it_opened(kind: Kind, callers: bool) -> None:
    given = _callers_http(kind, FakeService()) if callers else None
    if kind == "sync":
        assert not isinstance(given, httpx.AsyncClient)
        with WanTasks(TOKEN, http_client=given) as client:
            http: httpx.Client | httpx.AsyncClient = client._http
            assert not http.is_closed
    else:
        assert not isinstance(given, httpx.Client)
        async with AsyncWanTasks(TOKEN, http_client=given) as aclient:
            http = aclient._http
            assert not http.is_closed
    assert http.is_closed is not callers
    assert given is None or given is http


@pytest.mark.parametrize("cls", CLIENTS)
def test_own_http_client_does_not_follow_redirects(cls: Client) -> None:
    assert cls(TOKEN)._http.follow_redirects is False


def _cookie_setting(fake: FakeService) -> FakeService:
    """`fake`, its first answer setting a session cookie, as a load balancer in front might."""
    first = json_response(200, task("t1"))
    first.headers["set-cookie"] = "lb-session=abc123; Path=/"
    fake.script.append(first)
    return fake


async def test_own_http_client_keeps_no_cookies(make_api: MakeApi) -> None:
    fake = _cookie_setting(FakeService([task("t1")]))
    api = make_api(transport=httpx.MockTransport(fake))
    await api.retrieve("t1")
    await api.retrieve("t1")
    assert [request.headers.get("cookie") for request in fake.requests] == [None, None]
    http = api.client._http
    assert not http.cookies
    http.cookies.set("forced", "in")
    assert not http.cookies
    with pytest.raises(AttributeError, match="keeps no cookies"):
        http.cookies = {"a": "b"}


async def test_callers_http_client_keeps_its_cookies(kind: Kind, make_api: MakeApi) -> None:
    fake = _cookie_setting(FakeService([task("t1")]))
    api = make_api(http_client=_callers_http(kind, fake))
    await api.retrieve("t1")
    await api.retrieve("t1")
    assert fake.requests[1].headers["cookie"] == "lb-session=abc123"
    await api.close()
    http = api.client._http
    if isinstance(http, httpx.AsyncClient):
        await http.aclose()
    else:
        http.close()


# -- retrieve ---------------------------------------------------------------------------------

TASK_EXAMPLES = ["completed_task", "pending_task", "failed_task", "completed_task_newer_shape"]


async def test_retrieve_sends_exactly_the_documented_request(
    make_api: MakeApi, respx_service: FakeService
) -> None:
    service = respx_service
    service.add(task("a4bca552-d964-46a1-8ff7-fd922f916582"))
    await make_api(transport=None).retrieve("a4bca552-d964-46a1-8ff7-fd922f916582")
    assert service.route.call_count == 1
    request = service.requests[0]
    assert request.method == "POST"
    assert str(request.url) == URL
    assert json.loads(request.content) == {
        "action": "retrieve",
        "id": "a4bca552-d964-46a1-8ff7-fd922f916582",
    }
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["accept"] == "application/json"


@pytest.mark.parametrize("name", TASK_EXAMPLES)
async def test_retrieve_parses_every_documented_task(
    name: str, make_api: MakeApi, service: FakeService
) -> None:
    example = spec.ok_example(name)
    service.script.append(json_response(200, example))
    found = await make_api().retrieve(example["id"])
    assert found.to_dict() == example  # nothing lost, nothing invented, unknown fields kept
    assert found.id == example["id"]
    assert found.field_id == example["_id"]
    assert found.type_ == example["type"]
    assert found.trace_id == example["trace_id"]
    assert found.created_at == example["created_at"]
    assert found.job_id == example["job_id"]
    assert found.api_id == example["api_id"]
    assert found.application_id == example["application_id"]
    assert found.user_id == example["user_id"]
    assert found.request.prompt == example["request"]["prompt"]
    assert found.request.model == example["request"]["model"]
    assert found.request.action == example["request"]["action"]
    assert found.request.duration == example["request"]["duration"]
    assert isinstance(found.response, GenerationResponse)
    assert found.response.state == example["response"]["state"]
    assert found.response.success is example["response"]["success"]
    assert found.response.task_id == example["response"]["task_id"]
    assert found.finished_at == example.get("finished_at")
    assert found.duration == example.get("duration", UNSET)
    assert found.elapsed == example.get("elapsed", UNSET)


EXPECTED_VIEWS = {
    "completed_task": (TaskStatus.SUCCEEDED, "dashscope-result", 787.3310000896454),
    "pending_task": (TaskStatus.RUNNING, None, None),
    "failed_task": (TaskStatus.FAILED, None, 41.377),
    "completed_task_newer_shape": (TaskStatus.SUCCEEDED, "cdn.acedata.cloud", 214.06),
}


@pytest.mark.parametrize("name", TASK_EXAMPLES)
async def test_retrieve_views_of_documented_tasks(
    name: str, make_api: MakeApi, service: FakeService
) -> None:
    example = spec.ok_example(name)
    service.script.append(json_response(200, example))
    found = await make_api().retrieve(example["id"])
    status, video_host, seconds = EXPECTED_VIEWS[name]
    assert found.status is status
    assert found.is_terminal is status.is_terminal
    if video_host is None:
        assert found.video_url is None
    else:
        assert found.video_url is not None
        assert video_host in found.video_url
    assert found.processing_seconds == seconds


async def test_retrieve_of_an_unknown_id(make_api: MakeApi, service: FakeService) -> None:
    with pytest.raises(TaskNotFoundError) as caught:
        await make_api().retrieve("no-such-task")
    assert caught.value.task_id == "no-such-task"
    assert caught.value.task_ids == ("no-such-task",)
    assert "no-such-task" in str(caught.value)


@pytest.mark.parametrize("bad", ["", "   ", None, 42, ["t1"]])
async def test_retrieve_refuses_a_bad_id_without_sending(
    bad: Any, make_api: MakeApi, service: FakeService
) -> None:
    with pytest.raises(InvalidArgumentError):
        await make_api().retrieve(bad)
    assert service.calls == 0


async def test_retrieve_by_trace_id_sends_it_instead_of_the_id(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("t1", completed("t1"), trace_id="trace-1"))
    found = await make_api().retrieve_by_trace_id("trace-1")
    assert found.id == "t1"
    assert service.bodies == [{"action": "retrieve", "trace_id": "trace-1"}]


async def test_retrieve_of_an_unknown_trace_id(make_api: MakeApi, service: FakeService) -> None:
    with pytest.raises(TaskNotFoundError) as caught:
        await make_api().retrieve_by_trace_id("no-such-trace")
    assert caught.value.task_ids == ("no-such-trace",)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), (("t1",), {"trace_id": "trace-1"}), ((), {"trace_id": ""}), ((), {"trace_id": 7})],
)
async def test_retrieve_wants_exactly_one_good_key(
    args: tuple[Any, ...], kwargs: dict[str, Any], make_api: MakeApi, service: FakeService
) -> None:
    with pytest.raises(InvalidArgumentError):
        await make_api().invoke("retrieve", *args, **kwargs)
    assert service.calls == 0


async def test_retrieve_answered_with_a_batch(make_api: MakeApi, service: FakeService) -> None:
    service.script.append(json_response(200, spec.ok_example("batch")))
    with pytest.raises(ResponseValidationError, match="batch"):
        await make_api().retrieve("a4bca552-d964-46a1-8ff7-fd922f916582")


async def test_client_repr(make_api: MakeApi) -> None:
    api: Api = make_api()
    assert repr(api.client) == (
        f"{type(api.client).__name__}(base_url='https://api.acedata.cloud', token=<redacted>)"
    )


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize("token", ["sk-héllo-secret", "sk secret", "sk-\tsecret", "Bearer"])
def test_a_token_no_header_can_carry_is_refused_without_echoing_it(cls: Client, token: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        cls(token)
    assert "secret" not in repr(caught.value)
    assert "héllo" not in str(caught.value)


@pytest.mark.parametrize(
    "bound", [math.nan, math.inf, -1.0, -math.inf], ids=["nan", "inf", "negative", "-inf"]
)
async def test_list_refuses_times_that_are_not_finite_or_before_1970(
    make_api: MakeApi, service: FakeService, bound: float
) -> None:
    with pytest.raises(InvalidArgumentError, match="created_after"):
        await make_api().list_all(created_after=bound)
    assert service.calls == 0
