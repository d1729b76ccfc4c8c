"""Every way a call can go wrong ends in its own `WanTasksError` subclass, with the details."""

from __future__ import annotations

import inspect
import json
import pickle

import httpx
import pytest

import wan_tasks_sdk
from tests.client import spec
from tests.client.conftest import MakeApi
from tests.client.service import FakeService, json_response, task
from wan_tasks_sdk import (
    APIConnectionError,
    APIError,
    APINotImplementedError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BalanceExhaustedError,
    GatewayTimeoutError,
    InternalServerError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    Task,
    TokenMismatchedError,
    UnreadableTasksError,
    WaitTimeoutError,
    WanTasksError,
    _core,
)

EXPECTED_CLASS: dict[str, type[APIError]] = {
    "token_mismatched": TokenMismatchedError,
    "api_not_implemented": APINotImplementedError,
    "bad_request": BadRequestError,
    "used_up": BalanceExhaustedError,
    "invalid_token": AuthenticationError,
    "no_token": AuthenticationError,
    "token_expired": AuthenticationError,
    "forbidden": PermissionDeniedError,
    "disabled": PermissionDeniedError,  # a 403 in the spec's example
    "payment_required": APIError,  # a 402 with a bare message: no class of its own
    "too_many_requests": RateLimitError,
    "api_error": InternalServerError,
    "timeout": GatewayTimeoutError,
}
DOCUMENTED = spec.error_examples()


def test_every_documented_error_has_an_expected_class() -> None:
    documented = {name for _, name, _ in DOCUMENTED}
    assert documented <= set(EXPECTED_CLASS), "a new example in openapi.yaml: add it above"
    assert len(documented) >= 9


@pytest.mark.parametrize(
    ("status", "name", "body"), DOCUMENTED, ids=[name for _, name, _ in DOCUMENTED]
)
async def test_documented_errors(
    status: int, name: str, body: dict[str, object], make_api: MakeApi, service: FakeService
) -> None:
    raw = json.dumps(body).encode()
    service.script.append(httpx.Response(status, content=raw, headers={"x-request": "r1"}))
    with pytest.raises(APIError) as caught:
        await make_api(max_retries=0).retrieve("t1")
    error = caught.value
    assert type(error) is EXPECTED_CLASS[name]
    assert error.status_code == status
    detail = body["error"]
    if isinstance(detail, str):  # the bare-message shape: no code
        assert error.code is None
        assert error.message == detail
    else:
        assert error.code == name
        assert error.message == detail["message"]  # type: ignore[index]
        assert name in str(error)
    assert error.trace_id == body["trace_id"]
    assert error.body == raw
    assert error.headers["x-request"] == "r1"
    assert f"HTTP {status}" in str(error)
    assert str(body["trace_id"]) in str(error)


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (401, "no_token", AuthenticationError),
        (401, "token_expired", AuthenticationError),
        (401, None, AuthenticationError),
        (400, None, BadRequestError),
        (400, "something_new", BadRequestError),
        (402, "used_up", BalanceExhaustedError),  # the code decides, whatever the status
        (403, "used_up", BalanceExhaustedError),
        (403, "token_mismatched", PermissionDeniedError),  # only a 400 is read by its code
        (502, None, ServerError),
        (503, "api_error", ServerError),
        (500, None, InternalServerError),
        (504, None, GatewayTimeoutError),
        (505, None, ServerError),
        (404, None, APIError),
        (408, None, APIError),
        (422, "bad_request", APIError),
    ],
)
async def test_status_and_code_choose_the_class(
    status: int, code: str | None, cls: type[APIError], make_api: MakeApi, service: FakeService
) -> None:
    error = {"message": "m"} if code is None else {"code": code, "message": "m"}
    service.script.append(json_response(status, {"success": False, "error": error}))
    with pytest.raises(APIError) as caught:
        await make_api(max_retries=0).retrieve("t1")
    assert type(caught.value) is cls
    assert caught.value.status_code == status
    assert caught.value.code == code
    assert caught.value.trace_id is None


async def test_error_as_a_bare_string_without_success(
    make_api: MakeApi, service: FakeService
) -> None:
    service.script.append(json_response(401, {"error": "Invalid token", "trace_id": "t-9"}))
    with pytest.raises(AuthenticationError) as caught:
        await make_api().retrieve("t1")
    assert caught.value.code is None
    assert caught.value.message == "Invalid token"
    assert caught.value.trace_id == "t-9"
    assert str(caught.value) == "HTTP 401 Invalid token (trace_id t-9)"


@pytest.mark.parametrize(
    ("content", "content_type", "words"),
    [
        (b"<html><body>403 Forbidden by the CDN</body></html>", "text/html", "not JSON (text/html"),
        (b"", None, "not JSON (no content-type, 0 bytes)"),
        (b"[1, 2]", "application/json", "not an error object (list)"),
        (b'"nope"', "application/json", "not an error object (str)"),
        (b"\xff\xfe\x00garbage", "application/json", "not JSON"),
        (b"[" * 5000, "application/json", "not JSON"),  # too deep for the parser
    ],
)
async def test_error_bodies_that_are_not_error_objects(
    content: bytes,
    content_type: str | None,
    words: str,
    make_api: MakeApi,
    service: FakeService,
) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    service.script.append(httpx.Response(403, content=content, headers=headers))
    with pytest.raises(PermissionDeniedError) as caught:
        await make_api().retrieve("t1")
    assert caught.value.code is None
    assert caught.value.message is not None
    assert words in caught.value.message
    assert caught.value.body == content


@pytest.mark.parametrize("error", [{"code": 5, "message": ["x"]}, None, 42, [], {"code": None}])
async def test_error_details_of_the_wrong_types_are_ignored(
    error: object, make_api: MakeApi, service: FakeService
) -> None:
    service.script.append(json_response(400, {"success": False, "error": error, "trace_id": 3}))
    with pytest.raises(BadRequestError) as caught:
        await make_api().retrieve("t1")
    assert (caught.value.code, caught.value.message, caught.value.trace_id) == (None, None, None)
    assert "no error detail" in str(caught.value)


async def test_rate_limit_carries_retry_after(make_api: MakeApi, service: FakeService) -> None:
    service.script.append(json_response(429, {"error": "slow down"}, **{"Retry-After": "7"}))
    with pytest.raises(RateLimitError) as caught:
        await make_api(max_retries=0).retrieve("t1")
    assert caught.value.retry_after == 7.0


@pytest.mark.parametrize("status", [499, 520, 521, 527, 599, 600, 999])
async def test_status_outside_the_http_registry(
    status: int, make_api: MakeApi, service: FakeService
) -> None:
    html = b"<html>Web server is returning an unknown error</html>"
    service.script.append(
        httpx.Response(status, content=html, headers={"content-type": "text/html"})
    )
    with pytest.raises(ResponseValidationError) as caught:
        await make_api(max_retries=0).retrieve("t1")
    assert caught.value.status_code == status
    assert caught.value.body == html
    assert f"status {status} is not an HTTP status (text/html, {len(html)} bytes)" in str(
        caught.value
    )


@pytest.mark.parametrize("status", [201, 202, 204, 301, 302, 304])
async def test_undocumented_success_and_redirect_statuses(
    status: int, make_api: MakeApi, service: FakeService
) -> None:
    service.script.append(httpx.Response(status, headers={"location": "https://elsewhere/"}))
    with pytest.raises(ResponseValidationError, match=f"status {status} is not one the service"):
        await make_api(max_retries=0).retrieve("t1")
    assert service.calls == 1  # a redirect is not followed with the token


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"<!DOCTYPE html><html>Bad gateway</html>", "the body is not JSON (text/html"),
        (b"", "the body is not JSON"),
        (b"{'id': 1}", "the body is not JSON"),
        (b"[" * 5000, "the body is not JSON"),  # deeper than the parser's recursion limit
        (b"[]", "expected a JSON object, got array"),
        (b'[{"id": "t1"}]', "expected a JSON object, got array"),
        (b"null", "expected a JSON object, got null"),
        (b"12", "expected a JSON object, got integer"),
        (json.dumps(task("t1", created_at="soon")).encode(), "created_at: expected number"),  # type: ignore[arg-type]
        (json.dumps({**task("t1"), "created_at": None}).encode(), "created_at"),
        (
            json.dumps({k: v for k, v in task("t1").items() if k != "created_at"}).encode(),
            "created_at: required but missing",
        ),
        (
            json.dumps({**task("t1"), "request": "x"}).encode(),
            "request: expected object, got string",
        ),
    ],
)
async def test_a_200_the_spec_does_not_allow(
    content: bytes, words: str, make_api: MakeApi, service: FakeService
) -> None:
    content_type = "text/html" if content.startswith(b"<") else "application/json"
    service.script.append(
        httpx.Response(200, content=content, headers={"content-type": content_type})
    )
    with pytest.raises(ResponseValidationError) as caught:
        await make_api().retrieve("t1")
    assert words in str(caught.value)
    assert caught.value.status_code == 200
    assert caught.value.body == content
    assert service.calls == 1  # a malformed 200 is not repeated


async def test_invalid_200_keeps_the_trace_id(make_api: MakeApi, service: FakeService) -> None:
    service.script.append(json_response(200, {**task("t1"), "created_at": "x"}))
    with pytest.raises(ResponseValidationError) as caught:
        await make_api().retrieve("t1")
    assert caught.value.trace_id == task("t1")["trace_id"]


@pytest.mark.parametrize(
    ("raised", "cls"),
    [
        (httpx.ConnectError("connection refused"), APIConnectionError),
        (httpx.RemoteProtocolError("peer closed connection"), APIConnectionError),
        (httpx.ReadError("reset by peer"), APIConnectionError),
        (httpx.ConnectTimeout("connect timed out"), APITimeoutError),
        (httpx.ReadTimeout("read timed out"), APITimeoutError),
        (httpx.WriteTimeout("write timed out"), APITimeoutError),
        (httpx.PoolTimeout("no free connection"), APITimeoutError),
    ],
)
async def test_transport_failures(
    raised: httpx.HTTPError,
    cls: type[APIConnectionError],
    make_api: MakeApi,
    service: FakeService,
) -> None:
    service.script.append(raised)
    with pytest.raises(APIConnectionError) as caught:
        await make_api(max_retries=0).retrieve("t1")
    assert type(caught.value) is cls
    assert caught.value.__cause__ is raised
    assert type(raised).__name__ in str(caught.value)


def test_every_exception_is_a_wan_tasks_error() -> None:
    exported = [
        value
        for name in wan_tasks_sdk.__all__
        if inspect.isclass(value := getattr(wan_tasks_sdk, name))
        and issubclass(value, BaseException)
        and not issubclass(value, Warning)  # a category for `warnings`, never raised
    ]
    assert len(exported) >= 20
    for cls in exported:
        assert issubclass(cls, WanTasksError), cls
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(InternalServerError, ServerError)
    assert issubclass(GatewayTimeoutError, ServerError)
    for cls in (TokenMismatchedError, APINotImplementedError, BalanceExhaustedError):
        assert issubclass(cls, BadRequestError)


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
async def test_nan_and_infinity_are_not_json(
    make_api: MakeApi, service: FakeService, constant: bytes
) -> None:
    """Python's json module takes them; JSON and the spec do not."""
    body = json.dumps(task("t", None)).replace('"created_at": ', '"created_at": X', 1)
    content = body.encode().replace(b"X", constant, 1).replace(constant + b"1", constant, 1)
    service.script = [httpx.Response(200, content=re_number(content, constant))]
    with pytest.raises(ResponseValidationError, match="not JSON"):
        await make_api(max_retries=0).retrieve("t")


def re_number(content: bytes, constant: bytes) -> bytes:
    """Drop the digits that followed the constant, leaving `"created_at": NaN,`."""
    head, _, tail = content.partition(constant)
    return head + constant + tail[tail.index(b",") :]


def test_the_errors_that_report_unreadable_tasks_pickle_with_their_fields() -> None:
    finished = Task.from_dict(task("ok", {"state": "completed", "video_url": "https://v/1.mp4"}))
    invalid = {f"id-{i}": f"items[{i}].request: expected object, got string" for i in range(5)}
    unreadable = UnreadableTasksError([finished], invalid)
    timed_out = WaitTimeoutError([finished], ["slow"], 10.0, None, invalid)
    for error in (unreadable, timed_out):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert [found.id for found in copy.tasks] == ["ok"]
        assert copy.invalid == invalid
    assert isinstance(unreadable, ResponseValidationError)
    assert not _core.is_retryable(unreadable)  # a broken record is no passing fault
    assert str(unreadable).count("items[") == 3  # a few reasons, not thousands
    assert "5 task record(s) could not be read, 1 other(s) finished" in str(unreadable)
