"""Writing a task's video to disk so that a reader never sees half a file.

The bytes go to a hidden temporary file beside the destination; only a complete download is
published, by `os.link` (which fails rather than overwrite an existing file) or `os.replace`
(when overwriting was asked for). Anything else, an error or an interrupt included, removes the
temporary file and leaves the destination as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ._errors import DownloadError
from ._models import Task, TaskStatus

__all__ = ["DownloadProgress", "PartialFile", "destination_for", "video_url_of"]

DownloadProgress = Callable[[int, int | None], object]
"""Called with (bytes written so far, total bytes or None when the server did not say)."""


def video_url_of(task: Task) -> str:
    url = task.video_url
    if url is None:
        state = task.status.value
        if task.status is TaskStatus.FAILED:
            state += f": {task.failure_reason}"
        raise DownloadError(f"task {task.id} has no video to download ({state})")
    return url


def destination_for(task: Task, path: str | os.PathLike[str] | None, *, overwrite: bool) -> Path:
    """`path` itself, or `<task id>.mp4` inside it when it is a folder (the cwd when `None`).

    Checked before anything is fetched, so a refusal costs no transfer.
    """
    target = Path.cwd() if path is None else Path(path)
    if target.is_dir():
        # The id comes from the service: it must name a file in the folder, nothing more.
        if Path(task.id).name != task.id or task.id in ("", ".", ".."):
            raise DownloadError(f"task id {task.id!r} is not usable as a file name; pass a path")
        target = target / f"{task.id}.mp4"
    if target.exists() and not overwrite:
        raise DownloadError(f"{target} already exists; not replaced (pass overwrite=True)")
    if not target.parent.is_dir():
        raise DownloadError(f"{target.parent} is not a folder")
    return target


class PartialFile:
    """A download in progress: write chunks, then `commit()`; `abort()` on any failure."""

    def __init__(
        self,
        destination: Path,
        *,
        overwrite: bool,
        expected_size: int | None,
        on_progress: DownloadProgress | None,
    ) -> None:
        self.destination = destination
        self.overwrite = overwrite
        self.expected_size = expected_size
        self.written = 0
        self._on_progress = on_progress
        try:
            handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in commit/abort
                dir=destination.parent, prefix=f".{destination.name}.", suffix=".part", delete=False
            )
        except OSError as error:
            raise DownloadError(f"cannot write in {destination.parent}: {error}") from error
        self._file: IO[bytes] = handle
        self._temporary = Path(handle.name)

    def write(self, chunk: bytes) -> None:
        self._file.write(chunk)
        self.written += len(chunk)
        if self._on_progress is not None:
            self._on_progress(self.written, self.expected_size)

    def commit(self) -> Path:
        if self.expected_size is not None and self.written != self.expected_size:
            raise DownloadError(
                f"the download stopped after {self.written} of {self.expected_size} bytes"
            )
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        try:
            if self.overwrite:
                os.replace(self._temporary, self.destination)
            else:
                os.link(self._temporary, self.destination)  # atomic, and refuses to overwrite
                self._temporary.unlink()
        except FileExistsError:
            raise DownloadError(f"{self.destination} appeared during the download") from None
        except OSError as error:
            raise DownloadError(f"cannot write {self.destination}: {error}") from error
        return self.destination

    def abort(self) -> None:
        self._file.close()
        self._temporary.unlink(missing_ok=True)
