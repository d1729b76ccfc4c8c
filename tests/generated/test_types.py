"""`File` and `Response` of the generated `types` module: plain slotted classes with the
constructor, repr and equality of the attrs classes the generator writes by default."""

from __future__ import annotations

import copy
import inspect
import io
import pickle
from collections.abc import Callable
from http import HTTPStatus

import pytest

from wan_tasks_sdk.generated.models import TaskUsage
from wan_tasks_sdk.generated.types import UNSET, File, Response


def test_a_file_is_the_tuple_httpx_uploads() -> None:
    payload = io.BytesIO(b"video")
    upload = File(payload, "clip.mp4", "video/mp4")
    assert upload.to_tuple() == ("clip.mp4", payload, "video/mp4")
    assert File(payload).to_tuple() == (None, payload, None)
    assert list(inspect.signature(File).parameters) == ["payload", "file_name", "mime_type"]


def test_a_response_holds_what_it_is_given() -> None:
    response = Response(HTTPStatus.OK, b"{}", {"x-a": "1"}, parsed={"id": "t1"})
    assert (response.status_code, response.content) == (HTTPStatus.OK, b"{}")
    assert (response.headers, response.parsed) == ({"x-a": "1"}, {"id": "t1"})
    assert list(inspect.signature(Response).parameters) == [
        "status_code",
        "content",
        "headers",
        "parsed",
    ]


def test_the_repr_names_every_field() -> None:
    assert repr(File(b"x")) == "File(payload=b'x', file_name=None, mime_type=None)"  # type: ignore[arg-type]
    assert repr(Response(HTTPStatus.NOT_FOUND, b"", {}, None)) == (
        "Response(status_code=<HTTPStatus.NOT_FOUND: 404>, content=b'', headers={}, parsed=None)"
    )


def test_equal_when_every_field_is_and_never_hashable() -> None:
    payload = io.BytesIO()
    assert File(payload, "a") == File(payload, "a")
    assert File(payload, "a") != File(payload, "b")
    assert Response(HTTPStatus.OK, b"", {}, 1) == Response(HTTPStatus.OK, b"", {}, 1)
    assert Response(HTTPStatus.OK, b"", {}, 1) != Response(HTTPStatus.OK, b"", {}, 2)
    assert File(payload).__eq__(Response(HTTPStatus.OK, b"", {}, None)) is NotImplemented
    values: list[File | Response[None]] = [File(payload), Response(HTTPStatus.OK, b"", {}, None)]
    for value in values:
        with pytest.raises(TypeError, match="unhashable"):
            hash(value)
        with pytest.raises(AttributeError):
            value.other = 1  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "copy_of", [copy.copy, copy.deepcopy, lambda value: pickle.loads(pickle.dumps(value))]
)
def test_unset_stays_the_one_unset_through_copies_and_pickles(
    copy_of: Callable[[object], object],
) -> None:
    usage = TaskUsage(seconds=5.0)
    copied = copy_of(usage)
    assert isinstance(copied, TaskUsage)
    assert copied.resolution is UNSET
    assert copied == usage
    assert copied.to_dict() == {"seconds": 5.0}
    assert repr(UNSET) == "UNSET"
