"""Per-call options (`timeout`, `max_retries`, `extra_headers`), `with_options()`, the
User-Agent and `WAN_TASKS_BASE_URL`, on both clients."""

from __future__ import annotations

import platform
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.client.conftest import MakeApi
from tests.client.harness import Api, Kind
from tests.client.service import (
    BASE_URL,
    TOKEN,
    VIDEO,
    FakeService,
    completed,
    error_response,
    json_response,
    task,
)
from wan_tasks_sdk import (
    BASE_URL_ENV_VAR,
    AsyncWanTasks,
    InvalidArgumentError,
    ServerError,
    WanTasks,
    __version__,
)

CLIENTS = [WanTasks, AsyncWanTasks]


def read_timeout(request: httpx.Request) -> float | None:
    """The read timeout httpx applied to `request`."""
    timeout: dict[str, float | None] = request.extensions["timeout"]
    return timeout["read"]


# -- per-call options ------------------------------------------------------------------------


async def test_timeout_of_one_call(make_api: MakeApi, service: FakeService) -> None:
    service.add(task("t1"))
    api = make_api(timeout=30)
    await api.call("retrieve", "t1", timeout=2.5)
    await api.call("retrieve", "t1")
    assert [read_timeout(request) for request in service.requests] == [2.5, 30]


async def test_timeout_none_of_one_call_means_no_timeout(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("t1"))
    await make_api().call("retrieve", "t1", timeout=None)
    assert read_timeout(service.requests[0]) is None


async def test_max_retries_of_one_call(make_api: MakeApi, service: FakeService) -> None:
    service.add(task("t1"))
    api = make_api(max_retries=3)
    service.script = [error_response(503)]
    with pytest.raises(ServerError):
        await api.call("retrieve", "t1", max_retries=0)
    assert service.calls == 1
    service.script = [error_response(503)]
    assert (await api.call("retrieve", "t1")).id == "t1"  # the client's 3 retries again
    assert service.calls == 3


async def test_extra_headers_of_one_call(make_api: MakeApi, service: FakeService) -> None:
    service.add(task("t1"))
    api = make_api()
    await api.call("retrieve", "t1", extra_headers={"x-request-tag": "a"})
    await api.call("retrieve", "t1")
    first, second = service.requests
    assert first.headers["x-request-tag"] == "a"
    assert first.headers["authorization"] == f"Bearer {TOKEN}"
    assert "x-request-tag" not in second.headers


async def test_retrieve_batch_takes_the_options_for_every_request(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("a"), task("b"), task("c"))
    api = make_api(batch_size=2)
    await api.call("retrieve_batch", ["a", "b", "c"], timeout=4, extra_headers={"x-tag": "b"})
    assert service.calls == 2
    assert [read_timeout(request) for request in service.requests] == [4, 4]
    assert [request.headers["x-tag"] for request in service.requests] == ["b", "b"]


async def test_list_tasks_takes_the_options_beside_its_filters(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(*(task(f"t{i}", created_at=1000.0 + i) for i in range(5)))
    api = make_api()
    found = await api.list_all(page_size=2, timeout=7, extra_headers={"x-tag": "l"})
    assert len(found) == 5
    assert service.calls > 1
    assert {read_timeout(request) for request in service.requests} == {7}
    assert {request.headers["x-tag"] for request in service.requests} == {"l"}


async def test_wait_keeps_timeout_as_its_deadline_and_takes_request_timeout(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("t1", completed("t1")))
    api = make_api()
    found = await api.call(
        "wait", "t1", timeout=600, request_timeout=3, max_retries=0, extra_headers={"x-tag": "w"}
    )
    assert found.id == "t1"
    (request,) = service.requests
    assert read_timeout(request) == 3
    assert request.headers["x-tag"] == "w"


async def test_bad_options_are_refused_before_sending(
    make_api: MakeApi, service: FakeService
) -> None:
    api = make_api()
    with pytest.raises(InvalidArgumentError, match="max_retries"):
        await api.call("retrieve", "t1", max_retries=-1)
    with pytest.raises(InvalidArgumentError, match="extra_headers"):
        await api.call("retrieve", "t1", extra_headers={"x-count": 1})
    with pytest.raises(InvalidArgumentError, match="extra_headers"):
        await api.call("retrieve", "t1", extra_headers=[("x", "y")])
    assert service.calls == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"x-tag": "a\r\nx-injected: 1"},  # a second header smuggled into the request
        {"x-tag": "line\nbreak"},
        {"x-tag": "\u20ac"},  # httpx sends ASCII only: a raw UnicodeEncodeError otherwise
        {"bad name": "v"},
        {"": "v"},
    ],
)
async def test_extra_headers_that_http_cannot_carry_are_refused_before_sending(
    make_api: MakeApi, service: FakeService, headers: dict[str, str]
) -> None:
    api = make_api()
    with pytest.raises(InvalidArgumentError, match="extra_headers"):
        await api.call("retrieve", "t1", extra_headers=headers)
    with pytest.raises(InvalidArgumentError, match="extra_headers"):
        api.client.with_options(extra_headers=headers)
    assert service.calls == 0


async def test_download_sends_the_extra_headers_to_the_api_only(kind: Kind, tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "POST":
            return json_response(200, task("t1", completed("t1")))
        return httpx.Response(200, content=b"video")

    cls = WanTasks if kind == "sync" else AsyncWanTasks
    options: dict[str, Any] = {"timeout": 9, "extra_headers": {"x-tag": "d"}}
    client = cls(TOKEN, transport=httpx.MockTransport(handler))
    if isinstance(client, AsyncWanTasks):
        async with client:
            path = await client.download_video("t1", tmp_path, **options)
    else:
        with client:
            path = client.download_video("t1", tmp_path, **options)
    assert path.read_bytes() == b"video"
    api_request, video_request = seen
    assert str(video_request.url) == VIDEO
    assert api_request.headers["x-tag"] == "d"
    assert "x-tag" not in video_request.headers
    assert "authorization" not in video_request.headers
    assert read_timeout(api_request) == read_timeout(video_request) == 9


# -- with_options ----------------------------------------------------------------------------


async def test_with_options_is_a_configured_copy(make_api: MakeApi, service: FakeService) -> None:
    service.add(task("t1"))
    api = make_api(max_retries=2)
    copy = api.client.with_options(
        timeout=1.5, max_retries=0, extra_headers={"x-tenant": "t"}, base_url="https://other"
    )
    assert type(copy) is type(api.client)
    assert copy.max_retries == 0
    assert copy.base_url == "https://other"
    assert api.client.max_retries == 2
    assert api.client.base_url == BASE_URL
    service.script = [error_response(503)]
    with pytest.raises(ServerError):  # max_retries=0: no second try
        await Api(copy.with_options(base_url=BASE_URL)).retrieve("t1")
    (request,) = service.requests
    assert read_timeout(request) == 1.5
    assert request.headers["x-tenant"] == "t"


async def test_with_options_adds_headers_and_calls_add_theirs(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("t1"))
    api = make_api()
    api.client = api.client.with_options(extra_headers={"x-a": "1", "x-b": "1"})
    await api.call("retrieve", "t1", extra_headers={"x-b": "2"})
    headers = service.requests[0].headers
    assert (headers["x-a"], headers["x-b"]) == ("1", "2")


async def test_with_options_shares_the_pool_and_only_the_owner_closes_it(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("t1"))
    api = make_api()
    owner = api.client
    copy = owner.with_options(timeout=5)
    assert copy._http is owner._http
    assert copy.with_options(max_retries=1)._http is owner._http
    if isinstance(copy, AsyncWanTasks):
        await copy.aclose()
    else:
        copy.close()
    assert not owner._http.is_closed
    assert (await api.retrieve("t1")).id == "t1"
    await api.close()
    assert owner._http.is_closed


async def test_copies_download_through_the_owners_download_client(make_api: MakeApi) -> None:
    owner = make_api().client
    copy = owner.with_options(timeout=5)
    downloads = copy._download_client()
    assert owner._download_client() is downloads
    assert owner._downloads is downloads
    assert copy._downloads is None


async def test_with_options_of_nothing_keeps_the_settings(make_api: MakeApi) -> None:
    client = make_api().client
    assert client.with_options()._settings is client._settings


# -- identity --------------------------------------------------------------------------------

USER_AGENT = re.compile(r"^wan-tasks-sdk/(\S+) python/(\S+) httpx/(\S+)$")


async def test_user_agent_names_the_sdk_python_and_httpx(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("t1"))
    await make_api().retrieve("t1")
    found = USER_AGENT.match(service.requests[0].headers["user-agent"])
    assert found is not None
    assert found.groups() == (__version__, platform.python_version(), httpx.__version__)


async def test_user_agent_goes_through_a_callers_http_client(
    kind: Kind, service: FakeService
) -> None:
    service.add(task("t1"))
    transport = httpx.MockTransport(service)
    if kind == "sync":
        with httpx.Client(transport=transport) as http, WanTasks(TOKEN, http_client=http) as client:
            client.retrieve("t1")
    else:
        async with (
            httpx.AsyncClient(transport=transport) as ahttp,
            AsyncWanTasks(TOKEN, http_client=ahttp) as aclient,
        ):
            await aclient.retrieve("t1")
    assert USER_AGENT.match(service.requests[0].headers["user-agent"])


async def test_a_callers_http_client_gets_our_timeout_per_request(
    kind: Kind, service: FakeService
) -> None:
    service.add(task("t1"))
    transport = httpx.MockTransport(service)
    if kind == "sync":
        with httpx.Client(transport=transport, timeout=99) as http:
            WanTasks(TOKEN, http_client=http, timeout=4).retrieve("t1")
    else:
        async with httpx.AsyncClient(transport=transport, timeout=99) as ahttp:
            await AsyncWanTasks(TOKEN, http_client=ahttp, timeout=4).retrieve("t1")
    assert read_timeout(service.requests[0]) == 4


@pytest.mark.parametrize("cls", CLIENTS)
def test_base_url_from_the_environment(
    cls: type[WanTasks] | type[AsyncWanTasks], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BASE_URL_ENV_VAR, " http://127.0.0.1:8765 ")
    assert cls(TOKEN).base_url == "http://127.0.0.1:8765"
    assert cls(TOKEN, base_url="https://given").base_url == "https://given"
    monkeypatch.setenv(BASE_URL_ENV_VAR, "")
    assert cls(TOKEN).base_url == BASE_URL
