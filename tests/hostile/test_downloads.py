"""`download_video` against servers that lie, reset, compress and redirect, and against files
and folders that are not what they seem. Whatever happens: a `DownloadError` (or the caller's
own interrupt, unchanged), the token never sent to a video host, and no file left behind.
"""

from __future__ import annotations

import asyncio
import errno
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.hostile.servers import Connection, gzipped, hostile_server, video_task
from wan_tasks_sdk import AsyncWanTasks, DownloadError, InvalidArgumentError, WanTasks, _download
from wan_tasks_sdk._download import STALE_PART_AGE, PartialFile
from wan_tasks_sdk.testing import FakeWanTasks

TOKEN = "tok-HOSTILE-io-3c9e1b7d5a"
VIDEO = bytes(range(256)) * 1024  # 256 KiB


class _PatchedOs:
    """The `os` module as `_download` sees it, with some functions replaced."""

    def __init__(self, **replaced: Any) -> None:
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)


def patch_os(monkeypatch: pytest.MonkeyPatch, **replaced: Any) -> None:
    """Replace `os` functions for the download module only (pytest keeps the real ones)."""
    monkeypatch.setattr(_download, "os", _PatchedOs(**replaced))


def recording(sent: list[httpx.Request], content: bytes = VIDEO) -> httpx.MockTransport:
    """A transport that answers `content` and records every request in `sent`."""

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, content=content)

    return httpx.MockTransport(answer)


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def client(**options: Any) -> WanTasks:
    return WanTasks(TOKEN, base_url="http://127.0.0.1:9", max_retries=0, **options)


def async_client(**options: Any) -> AsyncWanTasks:
    return AsyncWanTasks(TOKEN, base_url="http://127.0.0.1:9", max_retries=0, **options)


def download(url: str, folder: Path, **options: Any) -> Path:
    with client() as sdk:
        return sdk.download_video(video_task(url), folder, **options)


def serve_video(body: bytes = VIDEO, **headers: str) -> Any:
    def script(connection: Connection) -> None:
        connection.answer(200, body, headers)

    return script


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "videos"
    target.mkdir()
    return target


# --- what the server sends --------------------------------------------------------------------


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_gzip_encoded_video_is_saved_decoded(folder: Path, flavour: str) -> None:
    """`content-length` counts the compressed bytes; the file gets the decoded ones."""
    compressed = gzipped(VIDEO)
    with hostile_server(serve_video(compressed, **{"content-encoding": "gzip"})) as server:
        url = f"{server.url}/v.mp4"
        if flavour == "sync":
            path = download(url, folder)
        else:

            async def run() -> Path:
                async with async_client() as sdk:
                    return await sdk.download_video(video_task(url), folder)

            path = asyncio.run(run())
    assert path.read_bytes() == VIDEO
    assert files_in(folder) == ["task-1.mp4"]


def test_a_trickled_video_arrives_whole_with_rising_progress(folder: Path) -> None:
    body = VIDEO[:20_000]

    def trickle(connection: Connection) -> None:
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection.send_head(200, {"content-length": str(len(body))})
        for start in range(0, len(body), 100):
            connection.sock.sendall(body[start : start + 100])

    progress: list[tuple[int, int | None]] = []
    with hostile_server(trickle) as server:
        path = download(
            f"{server.url}/v.mp4", folder, on_progress=lambda *seen: progress.append(seen)
        )
    assert path.read_bytes() == body
    assert progress[-1] == (len(body), len(body))
    assert [written for written, _ in progress] == sorted({written for written, _ in progress})


def _short_body(connection: Connection) -> None:
    connection.send_head(200, {"content-length": str(len(VIDEO))})
    connection.sock.sendall(VIDEO[:1000])


def _reset_mid_body(connection: Connection) -> None:
    connection.send_head(200, {"content-length": str(len(VIDEO))})
    connection.sock.sendall(VIDEO[:70_000])
    connection.reset()


def _bad_length(connection: Connection) -> None:
    connection.sock.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: lots\r\n\r\n" + VIDEO)


def _short_unencoded_claiming_gzip(connection: Connection) -> None:
    connection.answer(200, b"not gzip at all", {"content-encoding": "gzip"})


@pytest.mark.parametrize(
    ("script", "message"),
    [
        (_short_body, "the download failed: RemoteProtocolError"),
        (_reset_mid_body, "the download failed: "),
        (_short_unencoded_claiming_gzip, "the download failed: DecodingError"),
        (_bad_length, "the download failed: RemoteProtocolError"),
    ],
    ids=["short-body", "reset", "bad-gzip", "bad-header"],
)
def test_a_broken_transfer_fails_and_leaves_nothing(
    folder: Path, script: Any, message: str
) -> None:
    with hostile_server(script) as server, pytest.raises(DownloadError, match=message):
        download(f"{server.url}/v.mp4", folder)
    assert files_in(folder) == []


def test_a_server_that_stalls_mid_body_is_given_up_after_the_read_timeout(folder: Path) -> None:
    def stall(connection: Connection) -> None:
        connection.send_head(200, {"content-length": str(len(VIDEO))})
        connection.sock.sendall(VIDEO[:1000])
        connection.stall()

    with (
        hostile_server(stall) as server,
        WanTasks(TOKEN, timeout=0.3) as sdk,
        pytest.raises(DownloadError, match="ReadTimeout"),
    ):
        sdk.download_video(video_task(f"{server.url}/v.mp4"), folder)
    assert files_in(folder) == []


def test_a_body_without_a_length_ends_when_the_server_closes(folder: Path) -> None:
    """No length announced: what arrived is kept, as HTTP allows (close-delimited body)."""

    def close_delimited(connection: Connection) -> None:
        connection.send_head(200, {"connection": "close"})
        connection.sock.sendall(VIDEO)

    with hostile_server(close_delimited) as server:
        path = download(f"{server.url}/v.mp4", folder)
    assert path.read_bytes() == VIDEO


@pytest.mark.parametrize("announced", [True, False])
def test_max_bytes_stops_a_video_that_is_too_large(folder: Path, announced: bool) -> None:
    def script(connection: Connection) -> None:
        if announced:
            connection.answer(200, VIDEO)
        else:
            connection.send_head(200, {"connection": "close"})
            connection.sock.sendall(VIDEO)

    with hostile_server(script) as server:
        with pytest.raises(DownloadError, match="limit of 100000 bytes"):
            download(f"{server.url}/v.mp4", folder, max_bytes=100_000)
        assert download(f"{server.url}/v.mp4", folder, max_bytes=len(VIDEO)).stat().st_size == (
            len(VIDEO)
        )


# --- where the link points --------------------------------------------------------------------


def _redirects(hops: int, final: str | None = None) -> Any:
    def script(connection: Connection) -> None:
        step = int(connection.request.path.strip("/").split(".")[0] or 0)
        if step < hops:
            connection.answer(302, headers={"location": f"/{step + 1}.mp4"})
        elif final is not None:
            connection.answer(307, headers={"location": final})
        else:
            connection.answer(200, VIDEO)

    return script


@pytest.mark.parametrize("own_http_client", [False, True])
def test_redirects_are_followed_and_never_carry_the_token(
    folder: Path, own_http_client: bool
) -> None:
    """Also with a caller's httpx client, which does not follow redirects by default and may
    hold the token in its own headers."""
    with hostile_server(_redirects(3)) as server:
        if own_http_client:
            http = httpx.Client(headers={"authorization": f"Bearer {TOKEN}"})
            with http, client(http_client=http) as sdk:
                path = sdk.download_video(video_task(f"{server.url}/0.mp4"), folder)
        else:
            path = download(f"{server.url}/0.mp4", folder)
    assert path.read_bytes() == VIDEO
    assert [request.path for request in server.requests] == [f"/{n}.mp4" for n in range(4)]
    assert all("authorization" not in request.headers for request in server.requests)
    assert all(TOKEN not in str(request.headers) for request in server.requests)


@pytest.mark.parametrize(
    "target",
    [
        "http://internal.example.com/admin",
        "ftp://127.0.0.1/v.mp4",
        "file:///etc/passwd",
        "http://10.0.0.7/v.mp4",
        "http://intranet.test/v.mp4",  # a reserved name is no proof of this machine
    ],
)
def test_a_redirect_to_cleartext_or_another_scheme_is_refused_and_named(
    folder: Path, target: str
) -> None:
    with (
        hostile_server(_redirects(1, final=target)) as server,
        pytest.raises(DownloadError) as caught,
    ):
        download(f"{server.url}/0.mp4", folder)
    assert str(caught.value) == (
        f"the video link redirected to {httpx.URL(target)}, which must be https"
        " (plain http only to this machine)"
    )
    assert files_in(folder) == []


def test_endless_redirects_end_with_where_they_pointed(folder: Path) -> None:
    with hostile_server(_redirects(1000)) as server, pytest.raises(DownloadError) as caught:
        download(f"{server.url}/0.mp4", folder)
    assert "redirected more than 10 times" in str(caught.value)
    assert f"(the last time to {server.url}/11.mp4)" in str(caught.value)
    assert len(server.requests) == 11


def test_an_error_status_says_so_and_hides_the_signature(folder: Path) -> None:
    def forbidden(connection: Connection) -> None:
        connection.answer(403, b"<Error>AccessDenied</Error>")

    with hostile_server(forbidden) as server, pytest.raises(DownloadError) as caught:
        download(f"{server.url}/v.mp4?Signature=secret-sig", folder)
    assert "answered HTTP 403 (the signed link may have expired)" in str(caught.value)
    assert files_in(folder) == []


@pytest.mark.parametrize(
    "url",
    [
        "http://cdn.example.com/v.mp4",
        "http://169.254.169.254/latest/meta-data",
        "ftp://cdn.example.com/v.mp4",
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_INFO",
        "https:///no-host.mp4",
        "http://[::1",
    ],
)
def test_a_video_link_that_is_not_https_is_refused_before_any_request(
    folder: Path, url: str
) -> None:
    sent: list[httpx.Request] = []
    transport = recording(sent)
    with client(transport=transport) as sdk, pytest.raises(DownloadError, match="must be https"):
        sdk.download_video(video_task(url), folder)
    assert sent == []
    assert files_in(folder) == []


@pytest.mark.parametrize(
    "url", ["https://cdn.example.com/v.mp4", "http://localhost/v.mp4", "http://[::1]/v.mp4"]
)
def test_https_and_loopback_links_are_fetched(folder: Path, url: str) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=VIDEO))
    with client(transport=transport) as sdk:
        assert sdk.download_video(video_task(url), folder).read_bytes() == VIDEO


# --- exceptions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [{"max_bytes": 0}, {"max_bytes": 1.5}, {"max_bytes": "5"}, {"on_progress": 5}],
    ids=["max_bytes=0", "max_bytes=1.5", "max_bytes='5'", "on_progress=5"],
)
def test_bad_options_are_refused_before_anything_is_sent(
    folder: Path, options: dict[str, Any]
) -> None:
    sent: list[httpx.Request] = []
    with client(transport=recording(sent)) as sdk, pytest.raises(InvalidArgumentError):
        sdk.download_video("task-1", folder, **options)
    assert sent == []


def test_an_interrupt_is_raised_unchanged_and_leaves_nothing(folder: Path) -> None:
    interrupt = KeyboardInterrupt()

    def progress(written: int, total: int | None) -> None:
        raise interrupt

    fake = FakeWanTasks(token=TOKEN)
    task_id = fake.create_task(queued_for=0, processing_for=0)
    with client(transport=fake.transport()) as sdk, pytest.raises(KeyboardInterrupt) as caught:
        sdk.download_video(task_id, folder, on_progress=progress)
    assert caught.value is interrupt
    assert files_in(folder) == []


def test_any_other_failure_becomes_a_download_error(folder: Path) -> None:
    def progress(written: int, total: int | None) -> None:
        raise ValueError("the caller's bug")

    fake = FakeWanTasks(token=TOKEN)
    task_id = fake.create_task(queued_for=0, processing_for=0)
    with client(transport=fake.transport()) as sdk, pytest.raises(DownloadError) as caught:
        sdk.download_video(task_id, folder, on_progress=progress)
    assert str(caught.value) == "the download failed: ValueError: the caller's bug"
    assert isinstance(caught.value.__cause__, ValueError)
    assert files_in(folder) == []


@pytest.mark.parametrize("close_fails", [False, True])
def test_a_full_disk_is_a_download_error_with_the_errno_and_leaves_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch, close_fails: bool
) -> None:
    """The second write finds the disk full; closing the file may fail again, and the
    temporary file is removed all the same."""
    real_write, real_close = os.write, os.close
    writes: list[int] = []

    def write(fd: int, data: Any) -> int:
        writes.append(fd)
        if len(writes) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    def close(fd: int) -> None:
        real_close(fd)
        if close_fails and fd in writes:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    patch_os(monkeypatch, write=write, close=close)
    fake = FakeWanTasks(token=TOKEN)
    task_id = fake.create_task(queued_for=0, processing_for=0)
    with client(transport=fake.transport()) as sdk, pytest.raises(DownloadError) as caught:
        sdk.download_video(task_id, folder)
    assert str(caught.value) == f"cannot write {folder / task_id}.mp4: the disk is full"
    assert isinstance(caught.value.__cause__, OSError)
    assert caught.value.__cause__.errno == errno.ENOSPC
    assert files_in(folder) == []


@pytest.mark.parametrize("code", [errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS])
def test_a_file_system_without_hard_links_still_gets_the_video(
    folder: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """FAT and exFAT drives, many network shares and FUSE mounts refuse `os.link`, which
    publishes a download that must not replace a file: the video is saved all the same, and
    a file that is there already is still never replaced."""

    def no_link(source: Any, target: Any) -> None:
        raise OSError(code, os.strerror(code))

    patch_os(monkeypatch, link=no_link)
    fake = FakeWanTasks(token=TOKEN)
    task_id = fake.create_task(queued_for=0, processing_for=0)
    with client(transport=fake.transport()) as sdk:
        saved = sdk.download_video(task_id, folder)
        assert saved.read_bytes() == fake.video_bytes(task_id)
        assert files_in(folder) == [f"{task_id}.mp4"]
        with pytest.raises(DownloadError, match="already exists"):
            sdk.download_video(task_id, folder)
    assert files_in(folder) == [f"{task_id}.mp4"]


# --- names, modes and what is at the destination ----------------------------------------------


@pytest.mark.parametrize(
    "task_id",
    [
        "../escape",
        "a/b",
        "a\\b",
        "..",
        ".",
        ".hidden",
        "nul\x00byte",
        "line\nbreak",
        "bell\x07",
        "x" * 300,
        "é" * 150,  # 300 bytes in UTF-8
        "trailing ",
    ],
)
def test_an_id_that_is_no_plain_file_name_is_refused_before_any_request(
    folder: Path, task_id: str
) -> None:
    sent: list[httpx.Request] = []
    transport = recording(sent)
    task = video_task("https://cdn.example.com/v.mp4", task_id)
    with client(transport=transport) as sdk:
        with pytest.raises(DownloadError, match="is not usable as a file name; give a file path"):
            sdk.download_video(task, folder)
        # Given a file path, the same task downloads.
        assert sdk.download_video(task, folder / "chosen.mp4").exists()
    assert len(sent) == 1
    assert files_in(folder) == ["chosen.mp4"]
    assert files_in(folder.parent) == ["videos"]


@pytest.fixture
def umask() -> Iterator[Any]:
    previous = os.umask(0o022)
    try:
        yield os.umask
    finally:
        os.umask(previous)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_the_file_mode_follows_the_umask(folder: Path, umask: Any, mask: int, mode: int) -> None:
    umask(mask)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=VIDEO))
    with client(transport=transport) as sdk:
        path = sdk.download_video(video_task("https://cdn.example.com/v.mp4"), folder)
    assert path.stat().st_mode & 0o777 == mode


def test_a_dangling_symlink_is_refused_before_the_transfer(folder: Path) -> None:
    elsewhere = folder.parent / "elsewhere.mp4"
    (folder / "task-1.mp4").symlink_to(elsewhere)
    sent: list[httpx.Request] = []
    transport = recording(sent)
    task = video_task("https://cdn.example.com/v.mp4")
    with client(transport=transport) as sdk:
        with pytest.raises(DownloadError, match=r"already exists \(a symbolic link\)"):
            sdk.download_video(task, folder)
        assert sent == []
        # Replacing it replaces the link, never writes through it.
        path = sdk.download_video(task, folder, overwrite=True)
    assert not path.is_symlink()
    assert path.read_bytes() == VIDEO
    assert not elsewhere.exists()


def test_a_folder_that_cannot_be_written_is_refused_before_the_transfer(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Creating the temporary file is the check (as root, permission bits prove nothing)."""
    real_open = os.open

    def refuse(path: Any, flags: int, mode: int = 0o777) -> int:
        if Path(path).parent == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, mode)

    patch_os(monkeypatch, open=refuse)
    sent: list[httpx.Request] = []
    transport = recording(sent)
    with client(transport=transport) as sdk, pytest.raises(DownloadError) as caught:
        sdk.download_video(video_task("https://cdn.example.com/v.mp4"), folder)
    assert str(caught.value) == f"cannot write in {folder}: Permission denied"
    assert sent == []


def test_stale_temporary_files_of_the_sdk_alone_are_removed_by_age(folder: Path) -> None:
    old = time.time() - STALE_PART_AGE - 60
    stale = folder / ".wan-tasks-0123456789abcdef.part"
    fresh = folder / ".wan-tasks-fedcba9876543210.part"
    foreign = folder / ".movie.mp4.part"  # another program's
    lookalike = folder / ".wan-tasks-0123456789abcdef.part.keep"
    for path in (stale, fresh, foreign, lookalike):
        path.write_bytes(b"partial")
    link = folder / ".wan-tasks-aaaaaaaaaaaaaaaa.part"
    link.symlink_to(foreign)
    for path in (stale, foreign, lookalike):
        os.utime(path, (old, old))
    os.utime(link, (old, old), follow_symlinks=False)

    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=VIDEO))
    with client(transport=transport) as sdk:
        sdk.download_video(video_task("https://cdn.example.com/v.mp4"), folder)

    assert files_in(folder) == sorted(
        [fresh.name, foreign.name, lookalike.name, link.name, "task-1.mp4"]
    )


# --- concurrency --------------------------------------------------------------------------------


def _count_http_clients(sdk: WanTasks | AsyncWanTasks) -> list[Any]:
    made: list[Any] = []
    new = sdk._new_http_client

    def counting(**options: Any) -> Any:
        time.sleep(0.01)  # widen the window a missing lock would leave open
        made.append(new(**options))
        return made[-1]

    sdk._new_http_client = counting
    return made


def test_threads_on_a_fresh_client_share_one_download_client(folder: Path) -> None:
    fake = FakeWanTasks(token=TOKEN)
    task_ids = [fake.create_task(queued_for=0, processing_for=0) for _ in range(16)]
    sdk = client(transport=fake.transport())
    tasks = [sdk.retrieve(task_id) for task_id in task_ids]
    made = _count_http_clients(sdk)
    start = threading.Barrier(len(tasks))
    paths: list[Path] = []

    def run(task: Any) -> None:
        start.wait(5)
        paths.append(sdk.download_video(task, folder))

    threads = [threading.Thread(target=run, args=(task,)) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(paths) == 16
    assert len(made) == 1
    sdk.close()
    assert made[0].is_closed


async def test_coroutines_on_a_fresh_client_share_one_download_client(folder: Path) -> None:
    fake = FakeWanTasks(token=TOKEN)
    task_ids = [fake.create_task(queued_for=0, processing_for=0) for _ in range(20)]
    sdk = async_client(transport=fake.async_transport())
    made = _count_http_clients(sdk)
    paths = await asyncio.gather(*(sdk.download_video(task_id, folder) for task_id in task_ids))
    assert len(set(paths)) == 20
    assert len(made) == 1
    await sdk.aclose()
    assert made[0].is_closed


async def test_async_downloads_write_and_flush_off_the_event_loop(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every write and the fsync run in a worker thread, never in the loop's."""
    loop_thread = threading.get_ident()
    threads: list[tuple[str, int]] = []
    real_write, real_fsync = os.write, os.fsync

    def write(fd: int, data: Any) -> int:
        threads.append(("write", threading.get_ident()))
        return real_write(fd, data)

    def fsync(fd: int) -> None:
        threads.append(("fsync", threading.get_ident()))
        real_fsync(fd)

    patch_os(monkeypatch, write=write, fsync=fsync)
    fake = FakeWanTasks(token=TOKEN, video_size=1024 * 1024)
    task_id = fake.create_task(queued_for=0, processing_for=0)
    async with async_client(transport=fake.async_transport()) as sdk:
        path = await sdk.download_video(task_id, folder)
    assert path.read_bytes() == fake.video_bytes(task_id)
    assert {name for name, _ in threads} == {"write", "fsync"}
    assert loop_thread not in {thread for _, thread in threads}


async def test_the_loop_keeps_running_while_a_slow_disk_writes(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that waits for the loop to run: on the loop's own thread it would wait in vain."""
    loop_ran = threading.Event()
    real_write = os.write
    waited: list[bool] = []

    def slow_write(fd: int, data: Any) -> int:
        waited.append(loop_ran.wait(5))
        loop_ran.clear()
        return real_write(fd, data)

    async def ticker() -> None:
        while True:
            loop_ran.set()
            await asyncio.sleep(0.001)

    patch_os(monkeypatch, write=slow_write)
    fake = FakeWanTasks(token=TOKEN)
    task_id = fake.create_task(queued_for=0, processing_for=0)
    ticking = asyncio.create_task(ticker())
    try:
        async with async_client(transport=fake.async_transport()) as sdk:
            await sdk.download_video(task_id, folder)
    finally:
        ticking.cancel()
    assert waited
    assert all(waited)


async def test_cancelling_an_async_download_leaves_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_write = threading.Event()
    go_on = threading.Event()
    real_write = PartialFile.write

    def blocking_write(partial: PartialFile, chunk: bytes) -> None:
        in_write.set()
        go_on.wait(5)
        real_write(partial, chunk)

    monkeypatch.setattr(PartialFile, "write", blocking_write)
    fake = FakeWanTasks(token=TOKEN)
    task_id = fake.create_task(queued_for=0, processing_for=0)
    async with async_client(transport=fake.async_transport()) as sdk:
        download = asyncio.create_task(sdk.download_video(task_id, folder))
        await asyncio.to_thread(in_write.wait, 5)
        download.cancel()
        asyncio.get_running_loop().call_later(0.05, go_on.set)
        with pytest.raises(asyncio.CancelledError):
            await download
    assert files_in(folder) == []
