"""What the fake takes from the spec the package carries (`wan_tasks_sdk.spec`), read once.

The fake is trusted because its answers are the contract's, so it keeps no copy of it: its
documented task records are the spec's `200` examples whose `x-branch` is `Task`, its error
messages are those of the spec's error examples, and a request body is read by the generated
model of its `action` (the `QueryTasksRequest` discriminator), which checks, strictly, exactly
what the spec states. The spec is loaded on first use.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeAlias

from ..generated import models
from ..generated.models import RetrieveBatchRequest, RetrieveRequest
from ..generated.types import ValidationError
from ..spec import load_spec

__all__ = [
    "ExampleName",
    "Owner",
    "Query",
    "Refused",
    "documented_owner",
    "error_message",
    "example_task",
    "example_tasks",
    "parse_json",
    "read_query",
]

#: The names of the documented task records: the spec's `200` examples with `x-branch: Task`.
#: A type for the type checkers' sake; a test keeps it equal to the spec's names.
ExampleName: TypeAlias = Literal[
    "completed_task",
    "pending_task",
    "failed_task",
    "completed_task_newer_shape",
    "queued_task",
    "running_task_upstream_words",
]

#: What a request body asks for: the generated, checked model of its `action`.
Query: TypeAlias = RetrieveRequest | RetrieveBatchRequest

_OPERATION: Final = ("paths", "/wan/tasks", "post")
_REQUEST_UNION: Final = "QueryTasksRequest"


@functools.cache
def _document() -> dict[str, Any]:
    return load_spec()


def _at(pointer: str) -> Any:
    """The node at a local JSON pointer (`#/components/schemas/Task`)."""
    node: Any = _document()
    for part in pointer.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _resolved(node: Any) -> Any:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        node = _at(node["$ref"])
    return node


def _examples(response: Any) -> dict[str, Any]:
    """The named examples of a JSON answer or body, `$ref`s followed."""
    content = _resolved(response).get("content", {}).get("application/json", {})
    return {name: _resolved(example) for name, example in content.get("examples", {}).items()}


def _operation() -> dict[str, Any]:
    node: Any = _document()
    for key in _OPERATION:
        node = node[key]
    return dict(node)


@functools.cache
def _task_examples() -> dict[str, dict[str, Any]]:
    answers = _examples(_operation()["responses"]["200"])
    return {
        name: example["value"]
        for name, example in answers.items()
        if example.get("x-branch") == "Task"
    }


def example_tasks() -> list[dict[str, Any]]:
    """Fresh deep copies of every documented task record, in the spec's order."""
    return copy.deepcopy(list(_task_examples().values()))


def example_task(name: ExampleName) -> dict[str, Any]:
    """A fresh deep copy of the documented task record `name`."""
    try:
        return copy.deepcopy(_task_examples()[name])
    except KeyError:
        known = ", ".join(_task_examples())
        raise ValueError(f"no documented task example {name!r}; known: {known}") from None


@dataclass(frozen=True, slots=True)
class Owner:
    """The account of the documented tasks, which the fake's own tasks belong to as well."""

    user_id: str
    application_id: str
    api_id: str
    credential_id: str


@functools.cache
def documented_owner() -> Owner:
    """The owner of the first documented task (the published page's)."""
    first = next(iter(_task_examples().values()))
    return Owner(first["user_id"], first["application_id"], first["api_id"], first["credential_id"])


@functools.cache
def _error_messages() -> dict[str, str]:
    messages: dict[str, str] = {}
    for response in _operation()["responses"].values():
        for name, example in _examples(response).items():
            value = example.get("value")
            error = value.get("error") if isinstance(value, dict) else None
            if isinstance(error, dict):
                messages.setdefault(str(error.get("code")), str(error.get("message")))
            elif isinstance(error, str):  # the bare-message form: the example names the code
                messages.setdefault(name, error)
    return messages


def error_message(code: str) -> str | None:
    """The spec's message for the error `code`, when an example documents one."""
    return _error_messages().get(code)


class Refused(Exception):
    """The body is refused: answer 400 `bad_request` with this message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@functools.cache
def _request_models() -> dict[str, type[Query]]:
    """The generated model of each `action`, as the spec's discriminator maps them."""
    mapping = _document()["components"]["schemas"][_REQUEST_UNION]["discriminator"]["mapping"]
    return {action: getattr(models, ref.rsplit("/", 1)[1]) for action, ref in mapping.items()}


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


# One decoder for every body: `json.loads(..., parse_constant=...)` builds a new one per call.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def parse_json(body: bytes) -> Any:
    """The JSON value of `body`; `ValueError` when it is not JSON (NaN and Infinity are not)."""
    try:
        return _DECODER.decode(body.decode("utf-8"))
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(str(exc)) from exc


def read_query(body: bytes) -> Query:
    """What the body asks for, read strictly by the generated model of its `action`.

    `Refused` when the spec refuses the body, with the model's message naming the field; an
    `action` the spec does not map is refused naming the ones it does.
    """
    try:
        data = parse_json(body)
    except ValueError:
        raise Refused("the body must be JSON") from None
    if not isinstance(data, dict):
        raise Refused("the body must be a JSON object")
    chosen = _request_models()
    action = data.get("action")
    model = chosen.get(action) if isinstance(action, str) else None
    if model is None:
        allowed = ", ".join(chosen)
        if "action" not in data:
            raise Refused(f"action is required: one of {allowed}")
        got = repr(action) if isinstance(action, str) else f"a JSON {type(action).__name__}"
        raise Refused(f"action must be one of {allowed}, got {got[:80]}")
    try:
        return model.from_dict(data, strict=True)
    except ValidationError as error:
        raise Refused(str(error)) from None
