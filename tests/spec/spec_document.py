"""Read-only access to openapi.yaml for the contract tests: its named examples and its schemas.

The document is loaded once with PyYAML. `$ref`s are only ever local (`#/components/...`), so a
JSON pointer into the document is enough to name any schema; `validator_for` turns such a pointer
into a JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) validator that resolves the refs
against the whole document.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

if TYPE_CHECKING:
    from schemathesis import APIOperation

# `POST /wan/tasks` as schemathesis reads it (the `operation` fixture of tests/spec/conftest.py).
Operation: TypeAlias = "APIOperation[Any, Any, Any, Any]"

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
OPERATION_PATH = "/wan/tasks"
OPERATION_METHOD = "post"
JSON = "application/json"
# The URI the document is registered under, so `#/components/...` refs resolve against it.
SPEC_URI = "urn:wan-tasks-sdk:openapi"


@functools.cache
def spec() -> dict[str, Any]:
    """The parsed openapi.yaml (cached: treat it as read-only)."""
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def lookup(pointer: str) -> Any:
    """The node at a JSON pointer (`/components/schemas/Task`, or `#/...`) of the document."""
    node: Any = spec()
    for token in pointer.removeprefix("#").strip("/").split("/"):
        if token:
            key = token.replace("~1", "/").replace("~0", "~")
            node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def deref(pointer: str) -> str:
    """Follow `$ref`s from the node at `pointer` to a node that is not a reference."""
    node = lookup(pointer)
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert isinstance(ref, str)
        assert ref.startswith("#/"), f"only local refs are expected, got {ref!r}"
        pointer = ref[1:]
        node = lookup(pointer)
    return pointer


def operation() -> dict[str, Any]:
    node = spec()["paths"][OPERATION_PATH][OPERATION_METHOD]
    assert isinstance(node, dict)
    return node


def request_examples() -> dict[str, Any]:
    """The request body's named examples, by name."""
    examples = operation()["requestBody"]["content"][JSON]["examples"]
    return {name: example["value"] for name, example in examples.items()}


def response_pointer(status: int) -> str:
    """Pointer to the (dereferenced) response object documented for `status`."""
    escaped = OPERATION_PATH.replace("/", "~1")
    return deref(f"/paths/{escaped}/{OPERATION_METHOD}/responses/{status}")


def response_schema_pointer(status: int) -> str:
    """Pointer to the (dereferenced) JSON schema of the response documented for `status`."""
    return deref(f"{response_pointer(status)}/content/{JSON.replace('/', '~1')}/schema")


def documented_statuses() -> list[int]:
    """The statuses documented one by one (the `default` answer, which has no body, is not)."""
    return sorted(int(status) for status in operation()["responses"] if status != "default")


def example_branches(examples: dict[str, Any]) -> dict[str, str]:
    """The `x-branch` of each named example: the `oneOf` branch it is meant for."""
    return {
        name: example["x-branch"] for name, example in examples.items() if "x-branch" in example
    }


def request_example_branches() -> dict[str, str]:
    return example_branches(operation()["requestBody"]["content"][JSON]["examples"])


def response_example_branches(status: int) -> dict[str, str]:
    return example_branches(lookup(response_pointer(status))["content"][JSON]["examples"])


def response_examples(status: int) -> dict[str, Any]:
    """The named examples of the response documented for `status`, by name."""
    examples = lookup(response_pointer(status))["content"][JSON]["examples"]
    return {name: example["value"] for name, example in examples.items()}


def all_response_examples() -> list[tuple[int, str, Any]]:
    """Every named response example as `(status, name, value)`, in the document's order."""
    return [
        (status, name, value)
        for status in documented_statuses()
        for name, value in response_examples(status).items()
    ]


def response_example_headers(status: int) -> dict[str, str]:
    """One value for each header documented on the response: the first example of its schema."""
    headers = lookup(response_pointer(status)).get("headers", {})
    return {name: str(header["schema"]["examples"][0]) for name, header in headers.items()}


@functools.cache
def _registry() -> Registry[Any]:
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, DRAFT202012.create_resource(spec())
    )
    return registry


def validator_for(pointer: str) -> Any:
    """A draft 2020-12 validator for the schema at `pointer` (refs resolved in the document)."""
    reference = {"$ref": f"{SPEC_URI}#{pointer.removeprefix('#')}"}
    return Draft202012Validator(reference, registry=_registry())
