"""Checks a decoded 200 body against openapi.yaml before the generated models parse it.

Why this exists: the generated parser checks no types (`created_at: "yesterday"` parses), tries
the `oneOf` branches in order and swallows their errors, so a malformed task parses as the
empty `UnknownTask`, and its errors, when it raises any, name the last branch instead of the
cause. This table restates the constraints of the spec's response schemas, and
tests/client/test_validation.py checks that it accepts and rejects exactly what the spec does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = ["Shape", "check_batch", "check_task", "classify_body"]

# A field's rule: the JSON types it may have, and the minimum of a number.
_STRING: Final = ("string",)
_NULLABLE_STRING: Final = ("string", "null")
_NUMBER: Final = ("number",)
_NULLABLE_NUMBER: Final = ("number", "null")

_Rule = tuple[tuple[str, ...], float | None]
_Table = Mapping[str, _Rule]

_ERROR_DETAIL: Final[_Table] = {"code": (_STRING, None), "message": (_STRING, None)}
_RESPONSE_DATA: Final[_Table] = {"video_url": (_STRING, None), "thumbnail_url": (_STRING, None)}
_USAGE: Final[_Table] = {
    "resolution": (_STRING, None),
    "seconds": (_NUMBER, 0),
    "fps": (_NUMBER, 0),
    "ratio": (_STRING, None),
}
_REQUEST: Final[_Table] = {
    "action": (_STRING, None),
    "model": (_STRING, None),
    "prompt": (_STRING, None),
    "negative_prompt": (_STRING, None),
    "image_url": (_STRING, None),
    "duration": (_NUMBER, 0),
    "resolution": (_STRING, None),
    "ratio": (_STRING, None),
    "seed": (("integer",), None),
    "callback_url": (_STRING, None),
}
_RESPONSE: Final[_Table] = {
    "success": (("boolean",), None),
    "state": (_STRING, None),
    "task_id": (_STRING, None),
    "video_url": (_STRING, None),
    "thumbnail_url": (_STRING, None),
    "data": (("object",), None),
    "usage": (("object",), None),
    "cost": (_NUMBER, 0),
    "status": (_STRING, None),
    "progress": (_NUMBER, None),
    "percent": (_NUMBER, None),
    "message": (_STRING, None),
    "fail_reason": (_STRING, None),
    "error": (("object", "string"), None),
}
_TASK_REQUIRED: Final = ("id", "type", "created_at", "trace_id", "request")
_TASK: Final[_Table] = {
    "_id": (_STRING, None),
    "id": (_STRING, None),
    "type": (_STRING, None),
    "api_id": (_STRING, None),
    "application_id": (_STRING, None),
    "user_id": (_STRING, None),
    "actor_user_id": (_NULLABLE_STRING, None),
    "credential_id": (_NULLABLE_STRING, None),
    "authorization_id": (_NULLABLE_STRING, None),
    "job_id": (_STRING, None),
    "trace_id": (_STRING, None),
    "created_at": (_NUMBER, None),
    "started_at": (_NUMBER, None),
    "finished_at": (_NULLABLE_NUMBER, None),
    "duration": (_NUMBER, 0),
    "elapsed": (_NULLABLE_NUMBER, 0),
    "request": (("object",), None),
    "response": (("object",), None),
}
# Objects nested in an object field, checked with their own table.
_NESTED: Final[Mapping[str, _Table]] = {
    "request": _REQUEST,
    "response": _RESPONSE,
    "data": _RESPONSE_DATA,
    "usage": _USAGE,
    "error": _ERROR_DETAIL,
}


class Shape:
    """Which branch of the spec's `QueryTasksResponse` a 200 body is."""

    TASK: Final = "task"
    BATCH: Final = "batch"
    UNKNOWN_TASK: Final = "unknown_task"


_JSON_TYPES: Final[Mapping[type, str]] = {
    str: "string",
    bool: "boolean",  # a subclass of int in Python, but not a number in JSON Schema
    int: "integer",
    float: "number",
    dict: "object",
    list: "array",
    type(None): "null",
}


def _json_type(value: object) -> str:
    kind = _JSON_TYPES.get(type(value), type(value).__name__)
    if kind == "number" and value.is_integer():  # type: ignore[attr-defined]
        return "integer"  # JSON Schema counts 5.0 as an integer
    return kind


def _check_object(value: Mapping[str, Any], table: _Table, path: str) -> str | None:
    for name, item in value.items():
        rule = table.get(name)
        if rule is None:
            continue  # every object of the spec allows fields it does not list
        types, minimum = rule
        kind = _JSON_TYPES.get(type(item))  # _json_type, inlined: this loop is the hot path
        if kind is None:
            kind = type(item).__name__
        elif kind == "number" and item.is_integer():
            kind = "integer"
        if kind not in types and not (kind == "integer" and "number" in types):
            return f"{path}{name}: expected {' or '.join(types)}, got {kind}"
        if minimum is not None and kind in ("integer", "number") and item < minimum:
            return f"{path}{name}: must be at least {minimum:g}, got {item!r}"
        if kind == "object" and name in _NESTED:
            problem = _check_object(item, _NESTED[name], f"{path}{name}.")
            if problem:
                return problem
    return None


def check_task(value: object, path: str = "") -> str | None:
    """What makes `value` not a `Task` of the spec, or `None` when it is one."""
    if not isinstance(value, dict):
        return f"{path or 'body'}: expected a task object, got {_json_type(value)}"
    missing = [name for name in _TASK_REQUIRED if name not in value]
    if missing:
        return f"{path}{', '.join(missing)}: required field(s) missing"
    return _check_object(value, _TASK, path)


def check_batch(value: Mapping[str, Any]) -> str | None:
    """What makes `value` not a `TaskBatch` of the spec, or `None` when it is one."""
    missing = [name for name in ("items", "count") if name not in value]
    if missing:
        return f"{', '.join(missing)}: required field(s) missing"
    items, count = value["items"], value["count"]
    if not isinstance(items, list):
        return f"items: expected array, got {_json_type(items)}"
    if _json_type(count) != "integer" or count < 0:
        return f"count: expected a non-negative integer, got {count!r}"
    for index, item in enumerate(items):
        problem = check_task(item, f"items[{index}].")
        if problem:
            return problem
    return None


def classify_body(value: object) -> tuple[str, str | None]:
    """The branch a 200 body belongs to, and what is wrong with it (`None` when valid).

    The branch is chosen by the properties only that branch requires, the way the spec's
    `oneOf` tells them apart, so that the problem reported is the one the service meant.
    """
    if not isinstance(value, dict):
        return Shape.TASK, f"body: expected a JSON object, got {_json_type(value)}"
    if not value:
        return Shape.UNKNOWN_TASK, None
    task_problem, batch_problem = check_task(value), check_batch(value)
    if task_problem is None and batch_problem is None:
        return Shape.TASK, "body: fits both Task and TaskBatch, which the spec forbids"
    # Either branch may carry the other's fields (both allow unknown ones): a body that fits
    # exactly one branch is valid, whichever properties it has besides.
    if task_problem is None:
        return Shape.TASK, None
    if batch_problem is None:
        return Shape.BATCH, None
    if "id" in value or not ("items" in value or "count" in value):
        return Shape.TASK, task_problem
    return Shape.BATCH, batch_problem
