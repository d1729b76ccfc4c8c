"""Reading the body of `POST /wan/tasks` exactly as the spec's `QueryTasksRequest` schema does.

The fake must refuse what the schema refuses and accept what it accepts (schemathesis checks
both ways), so this follows JSON Schema's rules rather than Python's: `true` is not an integer,
`5.0` is one, extra properties are allowed, and the filters of `retrieve_batch` are checked
while a `retrieve` ignores them (its schema does not list them). An `action` other than the
two the schema maps is refused with `bad_request`, naming the ones allowed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["Invalid", "ListQuery", "Retrieve", "parse_body", "parse_json"]

_STRING_FILTERS: Final = ("type", "application_id", "user_id")
ACTIONS: Final = ("retrieve", "retrieve_batch")


class Invalid(Exception):
    """The body is refused: answer 400 with this error code and message."""

    def __init__(self, message: str, code: str = "bad_request") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Retrieve:
    """`{"action": "retrieve", "id": ...}`, or with `trace_id` instead of `id`."""

    id: str | None = None
    trace_id: str | None = None


@dataclass(frozen=True, slots=True)
class ListQuery:
    """`{"action": "retrieve_batch", ...}`, with `ids` or `trace_ids` (a batch) or neither (a
    listing)."""

    ids: tuple[str, ...] | None = None
    trace_ids: tuple[str, ...] | None = None
    type: str | None = None
    application_id: str | None = None
    user_id: str | None = None
    limit: int | None = None
    offset: int = 0
    created_at_min: float | None = None
    created_at_max: float | None = None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_json(body: bytes) -> Any:
    """The JSON value of `body`; `ValueError` when it is not JSON (NaN and Infinity are not)."""
    try:
        text = body.decode("utf-8")
        return json.loads(text, parse_constant=_reject_constant)
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(str(exc)) from exc


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_integer(value: object) -> int | None:
    """`value` as an int when JSON Schema calls it an integer (`5` and `5.0`, not `true`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


def _string_filter(body: dict[str, Any], name: str) -> str | None:
    if name not in body:
        return None
    value = body[name]
    if not isinstance(value, str) or not value:
        raise Invalid(f"{name} must be a non-empty string")
    return value


def _integer_filter(body: dict[str, Any], name: str, low: int) -> int | None:
    if name not in body:
        return None
    value = _as_integer(body[name])
    if value is None or value < low:
        raise Invalid(f"{name} must be an integer >= {low}")
    return value


def _time_filter(body: dict[str, Any], name: str) -> float | None:
    if name not in body:
        return None
    value = body[name]
    if not _is_number(value) or not value >= 0:
        raise Invalid(f"{name} must be a number >= 0 (unix seconds)")
    try:
        return float(value)
    except OverflowError:  # an integer too large for a float: later than any task
        return math.inf


def _ids(body: dict[str, Any], name: str) -> tuple[str, ...] | None:
    if name not in body:
        return None
    value = body[name]
    if not isinstance(value, list) or not value:
        raise Invalid(f"{name} must be a non-empty array of strings")
    if not all(isinstance(item, str) and item for item in value):
        raise Invalid(f"each of {name} must be a non-empty string")
    return tuple(value)


def parse_body(body: bytes) -> Retrieve | ListQuery:
    """What the body asks for; `Invalid` when the spec's schema refuses it."""
    try:
        data = parse_json(body)
    except ValueError:
        raise Invalid("the body must be JSON") from None
    if not isinstance(data, dict):
        raise Invalid("the body must be a JSON object")
    action = data.get("action")
    if action == "retrieve":
        task_id, trace_id = _string_filter(data, "id"), _string_filter(data, "trace_id")
        if task_id is None and trace_id is None:
            raise Invalid("id is required for action retrieve")
        return Retrieve(task_id, trace_id)
    if action == "retrieve_batch":
        type_, application_id, user_id = (_string_filter(data, n) for n in _STRING_FILTERS)
        return ListQuery(
            ids=_ids(data, "ids"),
            trace_ids=_ids(data, "trace_ids"),
            type=type_,
            application_id=application_id,
            user_id=user_id,
            limit=_integer_filter(data, "limit", 1),
            offset=_integer_filter(data, "offset", 0) or 0,
            created_at_min=_time_filter(data, "created_at_min"),
            created_at_max=_time_filter(data, "created_at_max"),
        )
    allowed = ", ".join(ACTIONS)
    if "action" not in data:
        raise Invalid(f"action is required: one of {allowed}")
    got = repr(action) if isinstance(action, str) else f"a JSON {type(action).__name__}"
    raise Invalid(f"action must be one of {allowed}, got {got[:80]}")
