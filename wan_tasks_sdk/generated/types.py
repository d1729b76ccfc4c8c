"""Contains some shared types for properties, and what the checking `from_dict` methods share.

Every generated `from_dict(src_dict, *, strict=True)` checks the JSON types and the constraints
the spec states while it builds the object, and raises `ValidationError` naming the field path
(`items[3].request.duration: expected number, got string`).

- `strict=True` accepts and refuses exactly what JSON Schema does on the spec.
- `strict=False` (tolerant) checks JSON types, constants and closed enums only, never bounds; a
  required field that is missing or of the wrong type still refuses the object, while an
  optional field of the wrong type (or `null` where the spec does not allow it) is read as
  absent: logged at DEBUG on the `wan_tasks_sdk` logger and its raw value kept in the object's
  `additional_properties`, so `to_dict()` still gives back the raw record.
"""

import logging
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, ClassVar, Generic, Literal, Protocol, TypeVar

logger: logging.Logger = logging.getLogger("wan_tasks_sdk")


class Unset:
    def __bool__(self) -> Literal[False]:
        return False

    def __reduce__(self) -> str:
        """Pickled and copied as the module's one `UNSET`: every `is not UNSET` test relies on
        there being only one (a copy would make `to_dict()` keep an absent field)."""
        return "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()


class ValidationError(ValueError):
    """A value that does not fit the spec; `path` names where (`items[3].request.duration`)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message

    def within(self, parent: str) -> "ValidationError":
        """The same error seen from the object that holds `parent` (a key, or `[index]`)."""
        if not self.path:
            path = parent
        elif self.path.startswith("["):
            path = parent + self.path
        else:
            path = f"{parent}.{self.path}"
        return ValidationError(path, self.message)


_JSON_TYPE_NAMES: dict[type, str] = {
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    dict: "object",
    list: "array",
    type(None): "null",
}


def json_type(value: object) -> str:
    """The JSON type of a decoded value, for messages."""
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def type_error(expected: str, value: object) -> ValidationError:
    return ValidationError("", f"expected {expected}, got {json_type(value)}")


def read_as_absent(
    sink: dict[str, Any] | None,
    key: str,
    value: object,
    error: ValidationError,
    *,
    strict: bool,
    owner: str,
) -> Unset:
    """An optional field that does not fit: raise when strict; when tolerant, keep the raw value
    in `sink` (the owner's additional properties, `None` for a closed object) and read it as
    absent."""
    if strict:
        raise error.within(key) from None
    # The path is only worth building for the log.
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("%s.%s read as absent: %s", owner, key, error.within(key))
    if sink is not None:
        sink[key] = value
    return UNSET


class CheckedModel(Protocol):
    """What every generated model offers to the `oneOf`/`anyOf` dispatch."""

    REQUIRED_PROPERTIES: ClassVar[frozenset[str]]

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any], *, strict: bool = True) -> Any: ...


def parse_model_union(
    data: dict[str, Any],
    branches: tuple[type[CheckedModel], ...],
    *,
    strict: bool,
    exclusive: bool,
) -> Any:
    """The one branch `data` is: only branches whose required keys are all present are tried.

    `exclusive` (a `oneOf`) refuses, when strict, data that fits more than one branch. When no
    branch fits, the error raised is that of the best candidate: the branch with the most of its
    required keys present (the first of those tried, on a tie).
    """
    found: Any = None
    errors: dict[type[CheckedModel], ValidationError] = {}
    keys = data.keys()
    for branch in branches:
        if not keys >= branch.REQUIRED_PROPERTIES:
            continue
        try:
            parsed = branch.from_dict(data, strict=strict)
        except ValidationError as error:
            errors[branch] = error
            continue
        if not (exclusive and strict):
            return parsed
        if found is not None:
            raise ValidationError(
                "",
                f"fits both {type(found).__name__} and {branch.__name__}, where exactly one is allowed",
            )
        found = parsed
    if found is not None:
        return found
    best = max(
        branches,
        key=lambda branch: (len(branch.REQUIRED_PROPERTIES & keys), branch in errors),
    )
    if best in errors:
        raise errors[best]
    return best.from_dict(data, strict=strict)  # raises: a required key is missing


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


class File:
    """Contains information for file uploads"""

    __slots__ = ("payload", "file_name", "mime_type", "__weakref__")
    __match_args__ = ("payload", "file_name", "mime_type")

    payload: BinaryIO
    file_name: str | None
    mime_type: str | None

    def __init__(
        self,
        payload: BinaryIO,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> None:
        self.payload = payload
        self.file_name = file_name
        self.mime_type = mime_type

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}(payload={self.payload!r}, file_name={self.file_name!r}, mime_type={self.mime_type!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, File):
            return NotImplemented
        return (self.payload, self.file_name, self.mime_type) == (
            other.payload,
            other.file_name,
            other.mime_type,
        )

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


class Response(Generic[T]):
    """A response from an endpoint"""

    __slots__ = ("status_code", "content", "headers", "parsed", "__weakref__")
    __match_args__ = ("status_code", "content", "headers", "parsed")

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None

    def __init__(
        self,
        status_code: HTTPStatus,
        content: bytes,
        headers: MutableMapping[str, str],
        parsed: T | None,
    ) -> None:
        self.status_code = status_code
        self.content = content
        self.headers = headers
        self.parsed = parsed

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}(status_code={self.status_code!r}, content={self.content!r}, headers={self.headers!r}, parsed={self.parsed!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Response):
            return NotImplemented
        return (self.status_code, self.content, self.headers, self.parsed) == (
            other.status_code,
            other.content,
            other.headers,
            other.parsed,
        )


__all__ = [
    "UNSET",
    "CheckedModel",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "ValidationError",
    "json_type",
    "parse_model_union",
    "read_as_absent",
    "type_error",
]
