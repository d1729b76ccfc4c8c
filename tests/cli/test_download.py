"""`wan-tasks download`: the video streamed to a file, atomically. A refusal, a failed
transfer or Ctrl-C leaves no file and no temporary file behind, and an existing file as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.conftest import LIVE, Cli, finished, flag, stuck, video_requests
from wan_tasks_sdk._download import PartialFile
from wan_tasks_sdk.testing import Disconnect, FakeWanTasks, Fault, ServerFault, TruncatedBody

OLD = b"the file that was there before"


def leftovers(folder: Path) -> list[str]:
    """Hidden temporary files of a download (`.NAME.xxxx.part`) left in `folder`."""
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".part"))


@pytest.mark.parametrize(
    ("where", "shape", "as_json", "tty"),
    [
        ("file", "newer", False, False),
        ("folder", "older", True, False),  # an older record: a signed link with `Expires=`
        ("cwd", "newer", False, True),
    ],
)
def test_saves_the_video(
    cli: Cli,
    fake: FakeWanTasks,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    shape: str,
    as_json: bool,
    tty: bool,
) -> None:
    task_id = finished(fake, shape=shape)
    monkeypatch.chdir(tmp_path)
    output = {"file": ["-o", str(tmp_path / "clip.mp4")], "folder": ["-o", str(tmp_path)]}
    expected = tmp_path / ("clip.mp4" if where == "file" else f"{task_id}.mp4")

    result = cli("download", task_id, *output.get(where, []), *flag("--json", as_json), tty=tty)

    assert result.code == 0
    assert expected.read_bytes() == fake.video_bytes(task_id)
    assert sorted(path.name for path in tmp_path.iterdir()) == [expected.name]
    size = len(fake.video_bytes(task_id))
    if as_json:
        assert result.records == [{"id": task_id, "path": str(expected), "bytes": size}]
    else:
        assert re.fullmatch(
            rf"saved {re.escape(str(expected))} \({size:,} bytes in [\d.]+ s\)\n", result.out
        )
    if tty:
        assert result.err.startswith(f"{LIVE}downloading ")
        assert result.err.endswith(f"{LIVE}downloading 100% {size / 1e6:.1f} MB\n")
    elif as_json:
        assert result.err == ""
    else:  # plain lines for a log: one per tenth of the file, the whole of it last
        lines = result.err.splitlines()
        assert LIVE not in result.err
        assert 1 <= len(lines) <= 10
        assert all(re.fullmatch(r"downloading \d{2,3}% \d+\.\d MB", line) for line in lines)
        assert lines[-1] == f"downloading 100% {size / 1e6:.1f} MB"


@pytest.mark.parametrize("where", ["file", "folder"])
def test_an_existing_file_is_replaced_only_with_force(
    cli: Cli, fake: FakeWanTasks, tmp_path: Path, where: str
) -> None:
    task_id = finished(fake)
    existing = tmp_path / ("mine.mp4" if where == "file" else f"{task_id}.mp4")
    existing.write_bytes(OLD)
    target = str(existing if where == "file" else tmp_path)

    refused = cli("download", task_id, "-o", target)

    assert (refused.code, refused.out) == (4, "")
    assert refused.error == (
        f"wan-tasks: error: {existing} already exists; not replaced (use --force to replace it)"
    )
    assert existing.read_bytes() == OLD
    assert video_requests(fake) == []  # refused before anything was fetched

    replaced = cli("download", task_id, "-o", target, "--force")

    assert replaced.code == 0
    assert existing.read_bytes() == fake.video_bytes(task_id)
    assert leftovers(tmp_path) == []


INTERRUPTIONS: dict[str, tuple[Fault, str]] = {
    "truncated": (TruncatedBody(after_bytes=100_000), "the download failed: RemoteProtocolError"),
    "disconnect": (Disconnect(), "the download failed: RemoteProtocolError"),
    "error-500": (ServerFault(), "the video of task {id} answered HTTP 500"),
}


@pytest.mark.parametrize("existing", [False, True], ids=["new", "force"])
@pytest.mark.parametrize("interruption", sorted(INTERRUPTIONS))
def test_a_failed_transfer_leaves_nothing(
    cli: Cli, fake: FakeWanTasks, tmp_path: Path, interruption: str, existing: bool
) -> None:
    fault, message = INTERRUPTIONS[interruption]
    task_id = finished(fake)
    path = tmp_path / "clip.mp4"
    if existing:
        path.write_bytes(OLD)
    fake.inject(fault, on="videos")

    result = cli("download", task_id, "-o", str(path), *flag("--force", existing))

    assert (result.code, result.out) == (4, "")
    assert result.error.startswith(f"wan-tasks: error: {message.format(id=task_id)}")
    assert len(video_requests(fake)) == 1
    assert leftovers(tmp_path) == []
    if existing:
        assert path.read_bytes() == OLD  # --force replaces only with a whole video
    else:
        assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("outcome", "code", "message"),
    [
        ("pending", 4, "wan-tasks: error: task {id} has no video to download (pending)"),
        ("running", 4, "wan-tasks: error: task {id} has no video to download (running)"),
        ("failed", 1, "wan-tasks: task {id} failed: DataInspectionFailed: Input data may contain"),
    ],
)
def test_no_video_to_download(
    cli: Cli, fake: FakeWanTasks, tmp_path: Path, outcome: str, code: int, message: str
) -> None:
    if outcome == "pending":
        task_id = stuck(fake)
    elif outcome == "running":
        task_id = fake.create_task(queued_for=0, processing_for=3600)
    else:
        task_id = finished(fake, outcome="failed")

    result = cli("download", task_id, "-o", str(tmp_path))

    assert (result.code, result.out) == (code, "")
    assert result.error.startswith(message.format(id=task_id))
    assert list(tmp_path.iterdir()) == []
    assert video_requests(fake) == []


@pytest.mark.parametrize("tty", [False, True], ids=["plain", "tty"])
def test_ctrl_c_mid_download_exits_130_and_leaves_nothing(
    cli: Cli, fake: FakeWanTasks, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tty: bool
) -> None:
    task_id = finished(fake)
    write = PartialFile.write

    def write_then_interrupt(partial: PartialFile, chunk: bytes) -> None:
        if partial.written:  # the first chunk reached the temporary file (and the progress)...
            raise KeyboardInterrupt  # ...then Ctrl-C
        write(partial, chunk)

    monkeypatch.setattr(PartialFile, "write", write_then_interrupt)

    result = cli("download", task_id, "-o", str(tmp_path), tty=tty)

    assert (result.code, result.out) == (130, "")
    assert list(tmp_path.iterdir()) == []
    progress = f"{LIVE}downloading " if tty else ""
    assert result.err.startswith(progress)
    assert result.err.endswith(
        "\n\nwan-tasks: interrupted\n" if tty else "wan-tasks: interrupted\n"
    )


def test_a_task_id_cannot_write_outside_the_folder(
    cli: Cli, fake: FakeWanTasks, tmp_path: Path
) -> None:
    folder = tmp_path / "videos"
    folder.mkdir()
    task_id = finished(fake, task_id="../escape")

    result = cli("download", task_id, "-o", str(folder))

    assert sorted(path.name for path in tmp_path.iterdir()) == ["videos"]  # nothing beside it
    assert result.code in (0, 4)
