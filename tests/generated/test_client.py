"""The generated `Client` and `AuthenticatedClient`: plain classes that behave as the generator's
stock attrs classes do (the same constructor, `with_*` copies, the httpx clients they build, the
context managers), except that the repr never shows the token."""

from __future__ import annotations

import inspect
from typing import Any

import httpx
import pytest

from wan_tasks_sdk.generated import AuthenticatedClient, Client

BASE_URL = "https://api.example.test"
TOKEN = "sk-test-0123456789abcdef"


class Recorder:
    """An httpx transport, sync and async, that keeps every request and answers 204."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self.answer)

    def answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(204)


def sent_by(client: Client | AuthenticatedClient, recorder: Recorder) -> httpx.Request:
    client.get_httpx_client().get("/ping")
    return recorder.requests[-1]


# -- the constructors --------------------------------------------------------------------------

KEYWORD_ONLY = [
    ("raise_on_unexpected_status", False),
    ("cookies", None),
    ("headers", None),
    ("timeout", None),
    ("verify_ssl", True),
    ("follow_redirects", False),
    ("httpx_args", None),
]


def parameters(cls: type[Any]) -> list[tuple[str, inspect._ParameterKind, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(cls).parameters.values()]


def test_the_constructors_take_the_stock_arguments_in_the_stock_order() -> None:
    positional, keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY
    empty = inspect.Parameter.empty
    assert parameters(Client) == [
        ("base_url", positional, empty),
        *((name, keyword, default) for name, default in KEYWORD_ONLY),
    ]
    assert parameters(AuthenticatedClient) == [
        ("base_url", positional, empty),
        ("token", positional, empty),
        ("prefix", positional, "Bearer"),
        ("auth_header_name", positional, "Authorization"),
        *((name, keyword, default) for name, default in KEYWORD_ONLY),
    ]


def test_the_settings_are_kept_and_the_optional_dicts_start_empty() -> None:
    client = AuthenticatedClient(BASE_URL, TOKEN, "Token", "X-Api-Key")
    assert (client.token, client.prefix, client.auth_header_name) == (TOKEN, "Token", "X-Api-Key")
    assert client.raise_on_unexpected_status is False
    assert Client(BASE_URL, raise_on_unexpected_status=True).raise_on_unexpected_status is True


def test_clients_made_without_headers_never_share_them() -> None:
    """The authenticated client writes its header into its own headers: a shared default dict
    would hand one client's token to the next."""
    first = AuthenticatedClient(BASE_URL, "first-token")
    assert first.get_httpx_client().headers["authorization"] == "Bearer first-token"
    second = AuthenticatedClient(BASE_URL, "second-token")
    assert second.get_httpx_client().headers["authorization"] == "Bearer second-token"
    assert "authorization" not in Client(BASE_URL).get_httpx_client().headers


# -- the httpx clients they build --------------------------------------------------------------


def test_the_httpx_client_is_built_from_the_settings() -> None:
    recorder = Recorder()
    timeout = httpx.Timeout(3.0)
    client = AuthenticatedClient(
        BASE_URL,
        TOKEN,
        headers={"x-trace": "t1"},
        cookies={"session": "s1"},
        timeout=timeout,
        follow_redirects=True,
        httpx_args={"transport": recorder.transport},
    )
    built = client.get_httpx_client()
    assert client.get_httpx_client() is built  # built once
    assert built.base_url == httpx.URL(BASE_URL)
    assert (built.timeout, built.follow_redirects) == (timeout, True)
    request = sent_by(client, recorder)
    assert str(request.url) == f"{BASE_URL}/ping"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["x-trace"] == "t1"
    assert request.headers["cookie"] == "session=s1"


@pytest.mark.parametrize(
    ("prefix", "header", "value"),
    [("Bearer", "authorization", f"Bearer {TOKEN}"), ("", "x-api-key", TOKEN)],
)
def test_the_token_goes_into_the_named_header_with_its_prefix(
    prefix: str, header: str, value: str
) -> None:
    recorder = Recorder()
    name = "Authorization" if prefix else "X-Api-Key"
    client = AuthenticatedClient(
        BASE_URL, TOKEN, prefix, name, httpx_args={"transport": recorder.transport}
    )
    assert sent_by(client, recorder).headers[header] == value


def test_a_plain_client_sends_no_token() -> None:
    recorder = Recorder()
    client = Client(BASE_URL, httpx_args={"transport": recorder.transport})
    assert "authorization" not in sent_by(client, recorder).headers


async def test_the_async_httpx_client_is_built_from_the_same_settings() -> None:
    recorder = Recorder()
    client = AuthenticatedClient(
        BASE_URL, TOKEN, headers={"x-trace": "t1"}, httpx_args={"transport": recorder.transport}
    )
    built = client.get_async_httpx_client()
    assert client.get_async_httpx_client() is built
    assert isinstance(built, httpx.AsyncClient)
    await built.get("/ping")
    assert recorder.requests[-1].headers["authorization"] == f"Bearer {TOKEN}"
    assert recorder.requests[-1].headers["x-trace"] == "t1"
    await built.aclose()


def test_a_client_set_by_hand_is_used_as_it_is() -> None:
    client = AuthenticatedClient(BASE_URL, TOKEN)
    own = httpx.Client(base_url="https://elsewhere.test")
    own_async = httpx.AsyncClient()
    assert client.set_httpx_client(own) is client
    assert client.set_async_httpx_client(own_async) is client
    assert client.get_httpx_client() is own
    assert client.get_async_httpx_client() is own_async
    assert "authorization" not in own.headers  # it overrides every setting, the token included
    own.close()


# -- the with_* copies -------------------------------------------------------------------------


def test_with_headers_returns_a_copy_with_the_headers_added() -> None:
    recorder = Recorder()
    client = AuthenticatedClient(
        BASE_URL, TOKEN, headers={"x-a": "1"}, httpx_args={"transport": recorder.transport}
    )
    copy = client.with_headers({"x-b": "2"})
    assert type(copy) is AuthenticatedClient
    assert copy is not client
    request = sent_by(copy, recorder)
    assert (request.headers["x-a"], request.headers["x-b"]) == ("1", "2")
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert "x-b" not in sent_by(client, recorder).headers


def test_the_with_methods_also_change_httpx_clients_already_built() -> None:
    client = Client(BASE_URL)
    built, built_async = client.get_httpx_client(), client.get_async_httpx_client()
    timeout = httpx.Timeout(7.0)
    client.with_headers({"x-b": "2"})
    client.with_cookies({"c": "v"})
    client.with_timeout(timeout)
    for httpx_client in (built, built_async):
        assert httpx_client.headers["x-b"] == "2"
        assert httpx_client.cookies["c"] == "v"
        assert httpx_client.timeout == timeout
    built.close()


def test_with_cookies_returns_a_copy_with_the_cookies_added() -> None:
    recorder = Recorder()
    client = Client(BASE_URL, cookies={"a": "1"}, httpx_args={"transport": recorder.transport})
    copy = client.with_cookies({"b": "2"})
    assert type(copy) is Client
    assert sent_by(copy, recorder).headers["cookie"] == "a=1; b=2"
    assert sent_by(client, recorder).headers["cookie"] == "a=1"


def test_with_timeout_returns_a_copy_with_the_new_timeout() -> None:
    client = AuthenticatedClient(BASE_URL, TOKEN, "Token", timeout=httpx.Timeout(1.0))
    copy = client.with_timeout(httpx.Timeout(9.0))
    assert copy.get_httpx_client().timeout == httpx.Timeout(9.0)
    assert client.get_httpx_client().timeout == httpx.Timeout(1.0)
    assert (copy.token, copy.prefix) == (TOKEN, "Token")  # every other setting is kept


def test_a_copy_keeps_the_class_of_a_subclass() -> None:
    class Tagged(AuthenticatedClient):
        __slots__ = ()

    client = Tagged(BASE_URL, TOKEN)
    assert type(client.with_headers({"x": "1"})) is Tagged
    assert type(client.with_cookies({"x": "1"})) is Tagged
    assert type(client.with_timeout(httpx.Timeout(1.0))) is Tagged


# -- context managers --------------------------------------------------------------------------


def test_the_context_manager_opens_and_closes_the_httpx_client() -> None:
    client = AuthenticatedClient(BASE_URL, TOKEN)
    with client as entered:
        assert entered is client
        built = client.get_httpx_client()
        assert not built.is_closed
    assert built.is_closed


async def test_the_async_context_manager_opens_and_closes_the_async_httpx_client() -> None:
    client = Client(BASE_URL)
    async with client as entered:
        assert entered is client
        built = client.get_async_httpx_client()
        assert not built.is_closed
    assert built.is_closed


# -- repr, equality, slots ---------------------------------------------------------------------


def test_the_repr_is_attrs_format() -> None:
    assert repr(Client(BASE_URL)) == (
        "Client(raise_on_unexpected_status=False, _base_url='https://api.example.test', "
        "_cookies={}, _headers={}, _timeout=None, _verify_ssl=True, _follow_redirects=False, "
        "_httpx_args={}, _client=None, _async_client=None)"
    )


def test_the_repr_of_an_authenticated_client_never_shows_the_token() -> None:
    client = AuthenticatedClient(BASE_URL, TOKEN, headers={"x-a": "1"})
    client.get_httpx_client()  # puts the authorization header into the client's headers
    shown = repr(client)
    assert TOKEN not in shown
    assert shown.startswith("AuthenticatedClient(raise_on_unexpected_status=False, ")
    assert "_headers={'x-a': '1', 'Authorization': '<redacted>'}" in shown
    assert shown.endswith(", token=<redacted>, prefix='Bearer', auth_header_name='Authorization')")


def test_clients_are_equal_when_their_settings_are_and_never_hashable() -> None:
    assert AuthenticatedClient(BASE_URL, TOKEN) == AuthenticatedClient(BASE_URL, TOKEN)
    assert AuthenticatedClient(BASE_URL, TOKEN) != AuthenticatedClient(BASE_URL, "other")
    assert Client(BASE_URL) != Client(BASE_URL, follow_redirects=True)
    assert Client(BASE_URL).__eq__(AuthenticatedClient(BASE_URL, TOKEN)) is NotImplemented
    with pytest.raises(TypeError, match="unhashable"):
        hash(Client(BASE_URL))


def test_no_attribute_outside_the_settings_can_be_set() -> None:
    client = AuthenticatedClient(BASE_URL, TOKEN)
    with pytest.raises(AttributeError):
        client.base_url = "https://elsewhere.test"  # type: ignore[attr-defined]
    assert not hasattr(client, "__dict__")
