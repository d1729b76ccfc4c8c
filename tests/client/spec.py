"""openapi.yaml as the client tests read it: its named examples and a validator of its 200 body.

Loaded once with PyYAML. The document is registered under a URN so that its local `$ref`s
(`#/components/schemas/...`) resolve when jsonschema validates against one of its schemas.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SPEC_FILE = Path(__file__).resolve().parents[2] / "openapi.yaml"
_URN = "urn:wan-tasks-sdk:client-tests"


@functools.cache
def _document() -> dict[str, Any]:
    loaded = yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _operation() -> dict[str, Any]:
    operation = _document()["paths"]["/wan/tasks"]["post"]
    assert isinstance(operation, dict)
    return operation


def ok_examples() -> dict[str, Any]:
    """The named examples of the 200 answer, by name (fresh copies: mutate them freely)."""
    media = _operation()["responses"]["200"]["content"]["application/json"]
    return {name: copy.deepcopy(example["value"]) for name, example in media["examples"].items()}


def ok_example(name: str) -> dict[str, Any]:
    value = ok_examples()[name]
    assert isinstance(value, dict)
    return value


def error_examples() -> list[tuple[int, str, dict[str, Any]]]:
    """(status, name, body) of every documented error answer."""
    document = _document()
    found = []
    for status, response in _operation()["responses"].items():
        if status == "200":
            continue
        ref = response["$ref"].removeprefix("#/components/responses/")
        media = document["components"]["responses"][ref]["content"]["application/json"]
        for name, example in media["examples"].items():
            found.append((int(status), name, copy.deepcopy(example["value"])))
    return found


@functools.cache
def tasks_response_validator() -> Draft202012Validator:
    """Validates a 200 body against `#/components/schemas/TasksResponse` (draft 2020-12)."""
    resource = DRAFT202012.create_resource(_document())
    registry: Registry[Any] = Registry().with_resource(_URN, resource)
    schema = {"$ref": f"{_URN}#/components/schemas/TasksResponse"}
    return Draft202012Validator(schema, registry=registry)


def spec_accepts(body: object) -> bool:
    return bool(tasks_response_validator().is_valid(body))
