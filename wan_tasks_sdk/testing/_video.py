"""The fake's video files: deterministic bytes, and the `Range` requests a CDN serves.

Downloads need content a test can compare byte for byte without storing it, so a task's video
is derived from its id. It starts like an MP4 file (an `ftyp` box, then an `mdat` box), so
tools that sniff the format are not confused; the rest is SHAKE-256 output.
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["ByteRange", "parse_range", "thumbnail_bytes", "video_bytes"]

_FTYP = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)

ByteRange = tuple[int, int]  # first and last byte, inclusive, as in `Content-Range`


def video_bytes(task_id: str, size: int) -> bytes:
    """The video of task `task_id`, `size` bytes long."""
    head = _FTYP + max(0, size - len(_FTYP)).to_bytes(4, "big") + b"mdat"
    if size <= len(head):
        return head[:size]
    stream = hashlib.shake_256(b"wan-tasks-fake-video:" + task_id.encode("utf-8", "replace"))
    return head + stream.digest(size - len(head))


def thumbnail_bytes(task_id: str) -> bytes:
    """The thumbnail of task `task_id`: 4 KiB that start like a JPEG file."""
    stream = hashlib.shake_256(b"wan-tasks-fake-thumbnail:" + task_id.encode("utf-8", "replace"))
    return b"\xff\xd8\xff\xe0" + stream.digest(4096 - 6) + b"\xff\xd9"


def parse_range(header: str | None, size: int) -> ByteRange | bool | None:
    """The range a `Range` header asks for, of a body of `size` bytes.

    None when the whole body should be sent (no header, or one that is malformed or asks for
    several ranges: RFC 9110 lets a server ignore those); False when the range cannot be
    satisfied (answer 416).
    """
    if header is None:
        return None
    match = _RANGE.match(header)
    if match is None:
        return None
    first_text, last_text = match.groups()
    if not first_text and not last_text:
        return None
    if not first_text:  # a suffix: the last N bytes
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            return False
        return (max(0, size - suffix), size - 1)
    first = int(first_text)
    if last_text and int(last_text) < first:
        return None
    if first >= size:
        return False
    last = int(last_text) if last_text else size - 1
    return (first, min(last, size - 1))
