"""The `make_api` fixture of the hostile tests: a client of each kind, torn down after."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from tests.client.harness import KINDS, Api, Kind
from tests.client.service import TOKEN
from wan_tasks_sdk import AsyncWanTasks, WanTasks

MakeApi = Callable[..., Api]


@pytest.fixture(params=KINDS)
async def make_api(request: pytest.FixtureRequest) -> AsyncIterator[MakeApi]:
    """Builds a client of each kind; `own_http=True` gives it an httpx client of the caller's,
    with httpx's default 5 s timeout, which the client's `timeout=` must override."""
    kind: Kind = request.param
    made: list[Api] = []
    owned: list[httpx.Client | httpx.AsyncClient] = []

    def make(own_http: bool = False, **options: Any) -> Api:
        if own_http:
            owned.append(httpx.Client() if kind == "sync" else httpx.AsyncClient())
            options["http_client"] = owned[-1]
        api = Api((WanTasks if kind == "sync" else AsyncWanTasks)(TOKEN, **options))
        made.append(api)
        return api

    yield make
    for api in made:
        await api.close()
    for http in owned:
        if isinstance(http, httpx.AsyncClient):
            await http.aclose()
        else:
            http.close()
