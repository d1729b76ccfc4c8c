"""Every argument is checked before anything is sent: a wrong one is an `InvalidArgumentError`
naming it (the CLI's exit 2), never a raw Python error or a request bound to fail."""

from __future__ import annotations

import math
import warnings
from typing import Any

import httpx
import pytest

from tests.client.conftest import MakeApi
from tests.client.harness import FakeClock
from tests.client.service import TOKEN, FakeService, completed, task
from wan_tasks_sdk import (
    AsyncWanTasks,
    CleartextWarning,
    ClientClosedError,
    InvalidArgumentError,
    WanTasks,
    _core,
)

CLIENTS = [WanTasks, AsyncWanTasks]
NOT_SECONDS = [math.nan, -1, "5", True, [1]]


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize(
    "options",
    [
        *({"timeout": bad} for bad in [*NOT_SECONDS, 0]),
        {"timeout": httpx.Timeout(5, connect=-1)},
        *(
            {"base_url": bad}
            for bad in [5, "", "api.acedata.cloud", "ftp://h.example", " https://h.example"]
        ),
        {"base_url": "http://[::1"},
        # A password in the URL would show in every log line and snapshot (and be overridden
        # by the token anyway).
        {"base_url": "https://user:secret@api.acedata.cloud"},
        *({"max_retries": bad} for bad in [-1, 1.5, "2", True, None]),
        *({"max_response_bytes": bad} for bad in [0, 1.5, "9", True]),
        *({"requests_per_second": bad} for bad in [*NOT_SECONDS, 0]),
        {"token": 123},
        {"token": b"sk-bytes"},
    ],
    ids=repr,
)
def test_the_constructor_refuses(cls: Any, options: dict[str, Any]) -> None:
    options.setdefault("token", TOKEN)
    with pytest.raises(InvalidArgumentError, match=next(iter(options))) as caught:
        cls(**options)
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    "options",
    [
        *({"timeout": bad} for bad in NOT_SECONDS),
        *({"poll_interval": bad} for bad in [*NOT_SECONDS, 0, math.inf]),
        {"on_progress": 5},
        {"raise_on_failure": "no"},
    ],
    ids=repr,
)
async def test_wait_refuses_before_sending(
    options: dict[str, Any], make_api: MakeApi, service: FakeService
) -> None:
    with pytest.raises(InvalidArgumentError, match=next(iter(options))):
        await make_api().wait_one("t1", **options)
    assert service.calls == 0


@pytest.mark.parametrize(
    "options",
    [
        *({"limit": bad} for bad in ["5", 1.5, True, -1]),
        *({"page_size": bad} for bad in ["5", 2.5, True, 0, 101]),
    ],
    ids=repr,
)
async def test_list_tasks_refuses_when_called(
    options: dict[str, Any], make_api: MakeApi, service: FakeService
) -> None:
    api = make_api()
    with pytest.raises(InvalidArgumentError, match=next(iter(options))):
        api.client.list_tasks(**options)  # at the call, not at the first step
    assert service.calls == 0


async def test_a_tiny_poll_interval_is_raised_to_the_minimum(
    make_api: MakeApi, service: FakeService, clock: FakeClock
) -> None:
    service.timeline["t1"] = [task("t1"), task("t1"), task("t1", completed())]
    await make_api().wait_one("t1", poll_interval=1e-9)
    assert clock.sleeps == [_core.MIN_POLL_INTERVAL] * 2


async def test_an_infinite_timeout_means_none(make_api: MakeApi, service: FakeService) -> None:
    service.add(task("t1", completed()))
    assert (await make_api().wait_one("t1", timeout=math.inf)).id == "t1"


async def test_a_closed_client_says_so(make_api: MakeApi, service: FakeService) -> None:
    api = make_api()
    await api.close()
    with pytest.raises(ClientClosedError):
        await api.retrieve("t1")
    assert service.calls == 0


def test_a_copy_of_a_closed_client_names_the_closed_owner() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    owner = WanTasks("token", transport=transport)
    copy = owner.with_options(max_retries=0)
    owner.close()
    with pytest.raises(ClientClosedError, match="made from \\(by with_options\\) is closed"):
        copy.retrieve("t1")


async def test_a_closed_http_client_of_the_callers_says_so(kind: str, make_api: MakeApi) -> None:
    http = httpx.Client() if kind == "sync" else httpx.AsyncClient()
    if isinstance(http, httpx.AsyncClient):
        await http.aclose()
    else:
        http.close()
    with pytest.raises(ClientClosedError, match="http_client"):
        await make_api(http_client=http).retrieve("t1")


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize("url", ["http://api.example.com", "http://10.0.0.8:8080"])
def test_cleartext_to_another_machine_warns_once(cls: Any, url: str) -> None:
    with pytest.warns(CleartextWarning, match="unencrypted") as caught:
        cls(TOKEN, base_url=url, transport=httpx.MockTransport(FakeService()))
    assert len(caught) == 1
    assert TOKEN not in str(caught[0].message)


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize(
    "url",
    ["https://api.example.com", "http://127.0.0.1:8000", "http://localhost", "http://[::1]:80"],
)
def test_https_and_loopback_do_not_warn(cls: Any, url: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cls(TOKEN, base_url=url)


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("retrieve", ("t1",)),
        ("retrieve_batch", (["t1"],)),
        ("list_tasks", ()),
        ("wait", ("t1",)),
        ("download_video", ("t1",)),
        ("with_options", ()),
        ("with_raw_response.retrieve", ("t1",)),
        ("with_raw_response.retrieve_batch", (["t1"],)),
    ],
)
async def test_a_misspelt_keyword_is_refused_before_sending(
    method: str, args: tuple[Any, ...], make_api: MakeApi, service: FakeService
) -> None:
    # The options are `**options: Unpack[...]`, which only a type checker reads: the client
    # checks the names too, and raises what Python raises for a name no signature has as well.
    with pytest.raises(
        InvalidArgumentError, match=r"got unexpected keyword\(s\): timeot"
    ) as caught:
        await make_api().call(method, *args, timeot=5)
    assert isinstance(caught.value, TypeError)
    assert service.calls == 0
