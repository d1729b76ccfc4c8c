"""`with_raw_response` and the redacted request/response snapshots that API errors carry."""

from __future__ import annotations

import pickle

import httpx
import pytest

from tests.client.conftest import MakeApi
from tests.client.service import TOKEN, URL, FakeService, error_response, json_response, task
from wan_tasks_sdk import (
    APIConnectionError,
    APIError,
    AuthenticationError,
    BatchResult,
    RateLimitError,
    RawResponse,
    RequestSnapshot,
    ResponseSnapshot,
    ResponseValidationError,
    Task,
    TaskNotFoundError,
)
from wan_tasks_sdk._core import error_for_status

# -- with_raw_response -----------------------------------------------------------------------


async def test_raw_retrieve_gives_the_answer_and_the_parsed_task(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("t1"))
    api = make_api()
    raw = await api.call("with_raw_response.retrieve", "t1")
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "application/json"
    assert raw.json()["id"] == "t1"
    assert raw.content == raw.text.encode()
    assert raw.content == raw.http_response.content
    assert raw.url == URL
    assert raw.elapsed is None or raw.elapsed >= 0
    parsed = raw.parse()
    assert isinstance(parsed, Task)
    assert parsed == await api.retrieve("t1")
    assert len(raw.http_responses) == 1


async def test_raw_request_is_redacted(make_api: MakeApi, service: FakeService) -> None:
    service.add(task("t1"))
    raw = await make_api().call("with_raw_response.retrieve", "t1")
    request = raw.request
    assert request.method == "POST"
    assert request.url == URL
    assert request.headers["authorization"] == "<redacted>"
    assert TOKEN not in repr(request)
    assert TOKEN.encode() not in pickle.dumps(request)


async def test_raw_response_keeps_every_answer_of_a_retried_call(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("t1"))
    service.script = [error_response(503, "api_error")]
    raw = await make_api().call("with_raw_response.retrieve", "t1")
    assert [response.status_code for response in raw.http_responses] == [503, 200]
    assert raw.status_code == 200
    assert raw.parse().id == "t1"


async def test_raw_retrieve_batch_has_one_answer_per_chunk(
    make_api: MakeApi, service: FakeService
) -> None:
    service.add(task("a"), task("b"), task("c"))
    raw = await make_api(batch_size=2).call(
        "with_raw_response.retrieve_batch", ["a", "b", "c", "x"], extra_headers={"x-tag": "r"}
    )
    assert len(raw.http_responses) == 2
    result = raw.parse()
    assert isinstance(result, BatchResult)
    assert [found.id for found in result] == ["a", "b", "c"]
    assert result.missing == ("x",)
    assert {request.headers["x-tag"] for request in service.requests} == {"r"}


async def test_raw_call_raises_as_the_plain_call_does(
    make_api: MakeApi, service: FakeService
) -> None:
    with pytest.raises(TaskNotFoundError):
        await make_api().call("with_raw_response.retrieve", "nobody")


def test_a_raw_response_needs_an_answer() -> None:
    with pytest.raises(ValueError, match="at least one"):
        RawResponse([], None)


# -- snapshots on errors ---------------------------------------------------------------------


async def test_api_error_carries_redacted_snapshots_that_pickle(
    make_api: MakeApi, service: FakeService
) -> None:
    service.script = [error_response(401, "invalid_token", **{"x-extra": "e"})]
    with pytest.raises(AuthenticationError) as caught:
        await make_api().retrieve("t1")
    error = caught.value
    assert error.response is not None
    assert error.request is not None
    assert error.response.status_code == 401
    assert error.response.headers["x-extra"] == "e"
    assert error.response.json()["error"]["code"] == "invalid_token"
    assert error.request.method == "POST"
    assert error.request.url == URL
    assert error.request.headers["authorization"] == "<redacted>"
    assert b'"id":"t1"' in error.request.content.replace(b" ", b"")

    data = pickle.dumps(error)
    assert TOKEN.encode() not in data
    copy = pickle.loads(data)
    assert type(copy) is AuthenticationError
    assert copy.response == error.response
    assert copy.request == error.request
    assert str(copy) == str(error)


async def test_the_error_of_the_last_try_has_the_last_answer(
    make_api: MakeApi, service: FakeService
) -> None:
    service.script = [error_response(429, "too_many"), error_response(429, "still", x="2")]
    with pytest.raises(RateLimitError) as caught:
        await make_api(max_retries=1).retrieve("t1")
    assert caught.value.response is not None
    assert caught.value.response.headers["x"] == "2"


async def test_invalid_answer_carries_snapshots(make_api: MakeApi, service: FakeService) -> None:
    service.script = [httpx.Response(200, html="<html>proxy</html>")]
    with pytest.raises(ResponseValidationError) as caught:
        await make_api().retrieve("t1")
    assert caught.value.response is not None
    assert caught.value.response.text == "<html>proxy</html>"
    assert caught.value.request is not None
    assert caught.value.request.headers["authorization"] == "<redacted>"


async def test_connection_error_carries_the_request(
    make_api: MakeApi, service: FakeService
) -> None:
    service.script = [httpx.ConnectError("refused")]
    with pytest.raises(APIConnectionError) as caught:
        await make_api(max_retries=0).retrieve("t1")
    assert caught.value.request is not None
    assert caught.value.request.url == URL
    assert TOKEN.encode() not in pickle.dumps(caught.value)


# -- the snapshots themselves ----------------------------------------------------------------


def test_request_snapshot_redacts_every_credential() -> None:
    request = httpx.Request(
        "POST",
        URL,
        json={"a": 1},
        headers={
            "Authorization": f"Bearer {TOKEN}",
            "Proxy-Authorization": "Basic c2VjcmV0",
            "Cookie": "session=secret",
            "X-Kept": "yes",
        },
    )
    snapshot = RequestSnapshot.of(request)
    assert snapshot.headers["authorization"] == "<redacted>"
    assert snapshot.headers["proxy-authorization"] == "<redacted>"
    assert snapshot.headers["cookie"] == "<redacted>"
    assert snapshot.headers["x-kept"] == "yes"
    assert snapshot.content == b'{"a":1}'
    assert pickle.loads(pickle.dumps(snapshot)) == snapshot


def test_request_snapshot_of_an_unread_stream() -> None:
    request = httpx.Request("POST", URL, content=iter([b"x"]))
    assert RequestSnapshot.of(request).content == b""


def test_response_snapshot_text_json_and_elapsed() -> None:
    response = json_response(500, {"error": "boom"})
    snapshot = ResponseSnapshot.of(response)
    assert snapshot.elapsed is None  # a response made by hand was never timed
    assert snapshot.json() == {"error": "boom"}
    assert snapshot.text == '{"error":"boom"}'
    assert "boom" not in repr(snapshot)  # bodies stay out of reprs and tracebacks
    assert pickle.loads(pickle.dumps(snapshot)) == snapshot


def test_response_snapshot_of_an_unread_stream() -> None:
    response = httpx.Response(200, stream=httpx.ByteStream(b"x"))
    assert ResponseSnapshot.of(response).content == b""


def test_a_cookie_the_service_sets_is_redacted_in_snapshots_and_errors() -> None:
    """A proxy or load balancer in front may set a session cookie: it is a credential too."""
    response = httpx.Response(
        401,
        headers=[("set-cookie", "session=secret; HttpOnly"), ("x-kept", "yes")],
        request=httpx.Request("POST", URL),
    )
    snapshot = ResponseSnapshot.of(response)
    assert snapshot.headers["set-cookie"] == "<redacted>"
    assert snapshot.headers["x-kept"] == "yes"
    error = error_for_status(401, response.headers, b"")
    assert isinstance(error, APIError)
    assert error.headers["set-cookie"] == "<redacted>"
    assert "secret" not in repr(pickle.dumps(error))
