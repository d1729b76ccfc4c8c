"""Writing a task's video to disk so that a reader never sees half a file.

The bytes go to a hidden temporary file beside the destination, named by the SDK alone
(`.wan-tasks-<16 hex digits>.part`); only a complete download is published, by `os.link`
(which fails rather than overwrite an existing file; without hard links, over an empty file
claimed with `O_EXCL`) or `os.replace` (when overwriting was asked for). Anything else, an
error or an interrupt included, removes the temporary file and leaves the destination as it was.
Temporary files of that pattern older than `STALE_PART_AGE` (left by a process that was killed
with SIGKILL or lost its power) are removed by the next download into the same folder; a
download in progress keeps touching its file, so it is never mistaken for one.

No signal handler is installed here: signals belong to the application (the CLI has its own).
Everything that can be refused is refused before the transfer starts: the video URL (`https`,
or plain `http` to a loopback host only), a task id that cannot be a
file name, an existing or dangling-symlink destination, a folder the process cannot write in.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from ._core import is_loopback, shown_url
from ._errors import DownloadError
from ._models import Task, TaskStatus

__all__ = [
    "MAX_REDIRECTS",
    "STALE_PART_AGE",
    "DownloadProgress",
    "PartialFile",
    "check_video_url",
    "destination_for",
    "remove_stale_parts",
    "video_url_of",
]

DownloadProgress = Callable[[int, int | None], object]
"""Called with (bytes written so far, total bytes or None when the server did not say)."""

#: Temporary files of this SDK older than this many seconds (24 h) are removed as stale.
STALE_PART_AGE: Final = 24 * 3600.0
#: Redirects a video link may take before the download is given up.
MAX_REDIRECTS: Final = 10
#: The longest task id used as a file name, in UTF-8 bytes: `<id>.mp4` then fits in the
#: 255 bytes most file systems allow a name.
MAX_ID_NAME_BYTES: Final = 200

_PART_PREFIX: Final = ".wan-tasks-"
_PART_SUFFIX: Final = ".part"
_PART_NAME: Final = re.compile(r"\.wan-tasks-[0-9a-f]{16}\.part")
#: What `os.link` fails with where the file system has no hard links.
_NO_HARD_LINKS: Final = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS})


def video_url_of(task: Task) -> str:
    url = task.video_url
    if url is None:
        state = task.status.value
        if task.status is TaskStatus.FAILED:
            state += f": {task.failure_reason}"
        raise DownloadError(f"task {task.id} has no video to download ({state})")
    return url


def check_video_url(url: str, *, redirected: bool = False) -> None:
    """Refuse a link that is not `https` (plain `http` only to loopback).

    The link comes from the service's answer (or a redirect): a lying or tampered answer must
    not turn a server-side download into a cleartext fetch, or into a probe of the internal
    network.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        host = ""
        parts = urlsplit("")
    if (parts.scheme == "https" and host) or (parts.scheme == "http" and is_loopback(host)):
        return
    link = f"redirected to {shown_url(url)}, which" if redirected else shown_url(url)
    raise DownloadError(f"the video link {link} must be https (plain http only to this machine)")


def _check_file_name(task_id: str) -> None:
    """The id comes from the service: it must name one file in the folder, nothing more."""
    usable = (
        task_id.isprintable()  # no NUL, no control characters, no line breaks
        and "/" not in task_id
        and "\\" not in task_id
        and not task_id.startswith(".")  # not `.`, `..`, nor a hidden file
        and not task_id.endswith(" ")
        and 0 < len(task_id.encode("utf-8", "surrogatepass")) <= MAX_ID_NAME_BYTES
    )
    if not usable:
        shown = repr(task_id if len(task_id) <= 60 else task_id[:60] + "...")
        raise DownloadError(
            f"task id {shown} is not usable as a file name; give a file path to save to"
        )


def destination_for(
    task: Task,
    path: str | os.PathLike[str] | None,
    *,
    overwrite: bool,
    how_to_replace: str = "pass overwrite=True",
) -> Path:
    """`path` itself, or `<task id>.mp4` inside it when it is a folder (the cwd when `None`).

    Checked before anything is fetched, so a refusal costs no transfer. A symbolic link at the
    destination counts as an existing file even when it points nowhere; with `overwrite` the
    link itself is replaced, never the file it points at. `how_to_replace` ends the refusal of
    an existing file, in the caller's terms (the CLI's flag).
    """
    try:
        target = Path.cwd() if path is None else Path(path)
        if target.is_dir():
            _check_file_name(task.id)
            target = target / f"{task.id}.mp4"
        exists = os.path.lexists(target)
        parent_is_dir = target.parent.is_dir()
    except (OSError, ValueError) as error:  # a NUL in the path, a name too long...
        raise DownloadError(f"cannot save to {path!s:.200}: {error}") from error
    if exists and not overwrite:
        kind = " (a symbolic link)" if target.is_symlink() else ""
        raise DownloadError(f"{target} already exists{kind}; not replaced ({how_to_replace})")
    if exists and target.is_dir():
        raise DownloadError(f"{target} is a folder; not replaced")
    if not parent_is_dir:
        raise DownloadError(f"{target.parent} is not a folder")
    return target


def remove_stale_parts(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove this SDK's own temporary files in `folder` older than `STALE_PART_AGE`.

    Only regular files named exactly as the SDK names them are touched; never another
    program's `.part` file, never a symbolic link. Failures are ignored (best effort).
    """
    limit = (time.time() if now is None else now) - STALE_PART_AGE
    removed: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not _PART_NAME.fullmatch(entry.name):
                    continue
                with contextlib.suppress(OSError):
                    if entry.is_file(follow_symlinks=False) and (
                        entry.stat(follow_symlinks=False).st_mtime < limit
                    ):
                        os.unlink(entry.path)
                        removed.append(Path(entry.path))
    except OSError:
        pass
    return removed


def _explain(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if error.errno == errno.EFBIG:
        return "the file is larger than this process may write (file size limit)"
    return error.strerror or str(error)


class PartialFile:
    """A download in progress: `write` chunks, then `commit()`; `abort()` on any failure.

    Created before the transfer starts, so an unwritable folder is found at no cost. Writes go
    straight to the file descriptor (no Python buffer), so a failed write fails at once and
    closing never retries it. The file is created with mode 0o666, which the kernel reduces by
    the umask, as any new file. A lock lets `abort()` from one thread wait for a `write()` in
    another (the async client writes in a worker thread) rather than close the descriptor under
    it.
    """

    def __init__(
        self,
        destination: Path,
        *,
        overwrite: bool,
        max_bytes: int | None = None,
    ) -> None:
        self.destination = destination
        self.overwrite = overwrite
        self.max_bytes = max_bytes
        self.expected_size: int | None = None
        self.written = 0
        self._lock = threading.Lock()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        for optional in ("O_CLOEXEC", "O_NOFOLLOW", "O_BINARY"):  # not on every system
            flags |= getattr(os, optional, 0)
        folder = destination.parent
        while True:
            # `secrets.token_hex(8)`, without importing `secrets` (and `hmac`) with the SDK.
            name = f"{_PART_PREFIX}{os.urandom(8).hex()}{_PART_SUFFIX}"
            try:
                self._fd: int | None = os.open(folder / name, flags, 0o666)
            except FileExistsError:  # pragma: no cover - 64 random bits
                continue
            except OSError as error:
                raise DownloadError(f"cannot write in {folder}: {_explain(error)}") from error
            break
        self._temporary = folder / name

    @property
    def temporary(self) -> Path:
        """Where the bytes are written until the download is complete."""
        return self._temporary

    def expect(self, size: int | None) -> None:
        """The size the server announced (None: unknown); refused at once above `max_bytes`."""
        self.expected_size = size
        if size is not None and self.max_bytes is not None and size > self.max_bytes:
            raise DownloadError(
                f"the video is {size} bytes, more than the limit of {self.max_bytes} bytes"
            )

    def write(self, chunk: bytes) -> None:
        with self._lock:
            if self._fd is None:
                raise DownloadError("the download was aborted")
            if self.max_bytes is not None and self.written + len(chunk) > self.max_bytes:
                raise DownloadError(f"the video is larger than the limit of {self.max_bytes} bytes")
            view = memoryview(chunk)
            try:
                while view:
                    view = view[os.write(self._fd, view) :]
            except OSError as error:
                raise DownloadError(
                    f"cannot write {self.destination}: {_explain(error)}"
                ) from error
            self.written += len(chunk)

    def commit(self) -> Path:
        """Check the length, flush to disk and publish the file under its name."""
        if self.expected_size is not None and self.written != self.expected_size:
            raise DownloadError(
                f"the download stopped after {self.written} of {self.expected_size} bytes"
            )
        with self._lock:
            fd, self._fd = self._fd, None
            if fd is None:
                raise DownloadError("the download was aborted")
            try:
                os.fsync(fd)
            except OSError as error:
                with contextlib.suppress(OSError):
                    os.close(fd)
                raise DownloadError(
                    f"cannot write {self.destination}: {_explain(error)}"
                ) from error
            try:
                os.close(fd)
            except OSError as error:
                raise DownloadError(
                    f"cannot write {self.destination}: {_explain(error)}"
                ) from error
        try:
            if self.overwrite:
                os.replace(self._temporary, self.destination)
            else:
                self._publish_new()
        except FileExistsError:
            raise DownloadError(f"{self.destination} appeared during the download") from None
        except OSError as error:
            raise DownloadError(f"cannot write {self.destination}: {_explain(error)}") from error
        return self.destination

    def _publish_new(self) -> None:
        """Publish under a name no file has: `os.link` is atomic and refuses to overwrite.

        File systems without hard links (FAT, exFAT, many network shares and FUSE mounts)
        refuse it; there the name is claimed first with an empty file (`O_EXCL` refuses an
        existing one), then the complete file is moved over the claim. A reader may see the
        empty claim for that instant, never part of the video.
        """
        try:
            os.link(self._temporary, self.destination)
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:  # an existing destination (EEXIST) too
                raise
        else:
            self._temporary.unlink()
            return
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        os.close(os.open(self.destination, flags, 0o666))
        try:
            os.replace(self._temporary, self.destination)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(self.destination)  # the empty claim, never a file of someone else's
            raise

    def abort(self) -> None:
        """Close and remove the temporary file (idempotent); never raises an `OSError`."""
        with self._lock:
            fd, self._fd = self._fd, None
            if fd is not None:
                with contextlib.suppress(OSError):  # a failed close must not keep the file
                    os.close(fd)
            with contextlib.suppress(OSError):
                self._temporary.unlink(missing_ok=True)
