"""The API token never shows: not in any repr or str, exception (chained ones too), nor log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.client.conftest import MakeApi
from tests.client.harness import Api
from tests.client.local_server import closed_port_url, serving
from tests.client.service import (
    TOKEN,
    FakeService,
    error_response,
    failed,
    json_response,
    processing,
    task,
)
from wan_tasks_sdk import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    ResponseValidationError,
    ServerError,
    TaskFailedError,
    TaskNotFoundError,
    WaitTimeoutError,
    WanTasksError,
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [current.__cause__, current.__context__]
        pending += [v for v in vars(current).values() if isinstance(v, BaseException)]


def assert_no_token(*things: object) -> None:
    for thing in things:
        shown = [repr(thing), str(thing)]
        if isinstance(thing, BaseException):
            for link in _chain(thing):
                shown += [repr(link), str(link), repr(link.args)]
                shown += [repr(value) for value in vars(link).values()]
        for text in shown:
            assert TOKEN not in text, text
            assert TOKEN[3:] not in text, text  # nor without its prefix


async def _failures(api: Api, service: FakeService) -> list[WanTasksError]:
    """Make the client raise each kind of error it can (retried ones too); returns them."""
    service.add(task("bad", failed()), task("slow", processing()))
    retrieve_t1 = lambda: api.retrieve("t1")  # noqa: E731
    cases: list[tuple[list[httpx.Response | Exception], Any, type[WanTasksError]]] = [
        ([error_response(401, "invalid_token")], retrieve_t1, AuthenticationError),
        ([error_response(503)] * 3, retrieve_t1, ServerError),
        ([httpx.ConnectError("refused")] * 3, retrieve_t1, APIConnectionError),
        ([httpx.ReadTimeout("slow")] * 3, retrieve_t1, APITimeoutError),
        ([json_response(200, {"id": "x"})], retrieve_t1, ResponseValidationError),
        ([httpx.Response(520, text="<html>down</html>")] * 3, retrieve_t1, ResponseValidationError),
        ([], lambda: api.retrieve("nope"), TaskNotFoundError),
        ([], lambda: api.wait_one("bad"), TaskFailedError),
        (
            [error_response(429, **{"Retry-After": "1"})] * 9,
            lambda: api.wait_one("slow", timeout=3, poll_interval=1),
            WaitTimeoutError,
        ),
    ]
    raised: list[WanTasksError] = []
    for script, attempt, kind in cases:
        service.script = list(script)
        with pytest.raises(kind) as caught:
            await attempt()
        raised.append(caught.value)
    assert isinstance(raised[-1], WaitTimeoutError)
    assert raised[-1].last_error is not None  # a chained error of its own, checked too
    return raised


async def test_no_repr_or_exception_shows_the_token(
    make_api: MakeApi, service: FakeService
) -> None:
    api = make_api()
    service.add(task("t1"))
    found = await api.retrieve("t1")
    batch = await api.retrieve_batch(["t1", "missing"])
    assert_no_token(api.client, api.settings, api.settings.token, api.settings.retry)
    assert_no_token(found, batch, api.client._http.headers)
    assert_no_token(*await _failures(api, service))
    assert api.settings.token.reveal() == TOKEN  # it is there, just never shown


async def test_the_token_is_not_in_any_log(
    make_api: MakeApi, caplog: pytest.LogCaptureFixture
) -> None:
    """Real httpx and httpcore (with their DEBUG logging) against a local server."""
    service = FakeService([task("t1")])
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "wan_tasks_sdk"):
        caplog.set_level(logging.DEBUG, logger=name)
    with serving(service) as base_url:
        api = make_api(transport=None, base_url=base_url)
        await api.retrieve("t1")
        service.script = [error_response(503), error_response(401, "invalid_token")]
        with pytest.raises(AuthenticationError) as auth_error:
            await api.retrieve("t1")  # retried once, then refused
        assert_no_token(auth_error.value)
    assert service.requests[0].headers["authorization"] == f"Bearer {TOKEN}"  # it was sent
    unreachable = make_api(transport=None, base_url=closed_port_url(), max_retries=1)
    with pytest.raises(APIConnectionError) as refused:
        await unreachable.retrieve("t1")
    assert_no_token(refused.value)
    names = {record.name.split(".")[0] for record in caplog.records}
    assert {"httpcore", "httpx", "wan_tasks_sdk"} <= names  # the logging really ran
    assert TOKEN not in caplog.text
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in repr(record.args)
        assert TOKEN not in repr(record.__dict__)


def _frame_locals(error: BaseException) -> Iterator[tuple[str, object]]:
    """Every local variable of every frame a traceback holds, as Sentry or rich would show."""
    for link in _chain(error):
        traceback = link.__traceback__
        while traceback is not None:
            code = traceback.tb_frame.f_code.co_name
            for name, value in traceback.tb_frame.f_locals.items():
                yield f"{code}:{name}", value
            traceback = traceback.tb_next


@pytest.mark.parametrize("own_http", [False, True], ids=["own", "callers"])
async def test_no_traceback_local_shows_the_token(
    kind: str, own_http: bool, make_api: MakeApi
) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    transport = httpx.MockTransport(refuse)
    if own_http:
        http = (
            httpx.Client(transport=transport)
            if kind == "sync"
            else httpx.AsyncClient(transport=transport)
        )
        api = make_api(http_client=http, max_retries=0)
    else:
        api = make_api(transport=transport, max_retries=0)
    with pytest.raises(APIConnectionError) as caught:
        await api.retrieve("t1")
    shown = list(_frame_locals(caught.value))
    assert len(shown) > 20  # httpx's own frames are among them
    for where, value in shown:
        assert TOKEN[3:] not in repr(value), where
