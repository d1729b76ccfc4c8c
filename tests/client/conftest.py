"""Fixtures of the client tests: a client of each kind on a fake clock (so no test ever really
sleeps), served by a `FakeService` through httpx.MockTransport, or through respx when a test
needs httpx's own transport in the path."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
import respx

from tests.client.harness import KINDS, Api, FakeClock, Kind
from tests.client.service import TOKEN, URL, FakeService
from wan_tasks_sdk import AsyncWanTasks, WanTasks

MakeApi = Callable[..., Api]


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> Kind:
    value: Kind = request.param
    return value


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service() -> FakeService:
    return FakeService()


@pytest.fixture
async def make_api(kind: Kind, clock: FakeClock, service: FakeService) -> AsyncIterator[MakeApi]:
    """Builds a client of the parametrized kind on the fake clock, served by `service`.

    The token is TOKEN unless given. `service` is mounted as an `httpx.MockTransport` (it serves
    both kinds) unless the test passes its own `transport=` or `http_client=`; pass
    `transport=None` to go through httpx's real transport (and respx, see `respx_service`).
    """
    made: list[Api] = []

    def make(token: str | None = TOKEN, **options: Any) -> Api:
        cls = WanTasks if kind == "sync" else AsyncWanTasks
        options.setdefault("clock", clock)
        if "http_client" not in options:
            options.setdefault("transport", httpx.MockTransport(service))
        api = Api(cls(token, **options))
        made.append(api)
        return api

    yield make
    for api in made:
        await api.close()


@pytest.fixture
def respx_service(service: FakeService) -> Iterator[FakeService]:
    """`service`, also mounted with respx on httpx's own transport; `.route` counts the calls."""
    with respx.mock(assert_all_called=False) as router:
        service.route = router.post(URL).mock(side_effect=service)
        yield service
