"""What the client reads is capped (decompressed bytes counted, error bodies too), and a reset or
a redirect ends in an error that says what happened."""

from __future__ import annotations

import socket
import threading
import tracemalloc

import pytest

from tests.client.service import TOKEN
from tests.hostile import core_servers
from tests.hostile.core_clients import MakeApi, make_api
from wan_tasks_sdk import (
    APIConnectionError,
    ResponseTooLargeError,
    ResponseValidationError,
    WanTasks,
    _core,
)

__all__ = ["make_api"]  # the fixture, imported to be found

LIMIT = 1_000_000


def test_the_default_cap_lies_between_1_and_50_mb() -> None:
    assert 1_000_000 <= _core.DEFAULT_MAX_RESPONSE_BYTES <= 50_000_000


@pytest.mark.parametrize("status", [200, 500])
def test_a_gzip_bomb_stops_at_the_cap_in_bounded_memory(status: int) -> None:
    """20 MB of zeros in 20 kB of gzip: httpx alone would inflate all of it at once."""
    script, sent = core_servers.gzip_bomb(20_000_000, status)
    assert sent < 100_000
    with (
        core_servers.serving(script) as url,
        WanTasks(TOKEN, base_url=url, max_response_bytes=LIMIT) as client,
    ):
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLargeError) as caught:
                client.retrieve("t1")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 5 * LIMIT
    assert caught.value.status_code == status
    assert "max_response_bytes" in str(caught.value)


async def test_a_flood_stops_at_the_cap_and_is_not_retried(make_api: MakeApi) -> None:
    attempts: list[int] = []
    flood = core_servers.flood(50_000_000, status=503)

    def counted(connection: socket.socket, stop: threading.Event) -> None:
        attempts.append(1)
        flood(connection, stop)

    with core_servers.serving(counted) as url:
        api = make_api(base_url=url, max_response_bytes=LIMIT)
        with pytest.raises(ResponseTooLargeError):
            await api.retrieve("t1")
    assert len(attempts) == 1  # the same flood would come again


async def test_a_reset_is_a_connection_error(make_api: MakeApi) -> None:
    with core_servers.serving(core_servers.reset) as url:
        api = make_api(base_url=url, max_retries=0)
        with pytest.raises(APIConnectionError):
            await api.retrieve("t1")


async def test_a_redirect_says_where_it_points(make_api: MakeApi) -> None:
    with core_servers.serving(core_servers.redirect("https://elsewhere.example/x")) as url:
        api = make_api(base_url=url)
        with pytest.raises(
            ResponseValidationError, match=r"redirects to 'https://elsewhere\.example/x'"
        ):
            await api.retrieve("t1")


async def test_a_redirect_names_its_target_without_the_query(make_api: MakeApi) -> None:
    target = "https://elsewhere.example/x?signature=s3cr3t"
    with core_servers.serving(core_servers.redirect(target)) as url:
        api = make_api(base_url=url)
        with pytest.raises(ResponseValidationError) as caught:
            await api.retrieve("t1")
    assert "redirects to 'https://elsewhere.example/x?...'" in str(caught.value)
    assert "s3cr3t" not in str(caught.value)
