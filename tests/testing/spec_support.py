"""openapi.yaml for the fake's tests: its named examples, and validators for its schemas."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
_URI = "urn:wan-tasks-sdk:openapi:testing"


@functools.cache
def spec() -> dict[str, Any]:
    """The parsed spec (cached: read-only)."""
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def operation() -> dict[str, Any]:
    node = spec()["paths"]["/wan/tasks"]["post"]
    assert isinstance(node, dict)
    return node


def _response(status: str) -> dict[str, Any]:
    node = operation()["responses"][status]
    if "$ref" in node:
        node = spec()["components"]["responses"][node["$ref"].rsplit("/", 1)[1]]
    assert isinstance(node, dict)
    return node


def response_examples(status: str) -> dict[str, Any]:
    """The named examples of the answer with `status`, by name."""
    examples = _response(status)["content"]["application/json"]["examples"]
    return {name: example["value"] for name, example in examples.items()}


def request_examples() -> dict[str, Any]:
    examples = operation()["requestBody"]["content"]["application/json"]["examples"]
    return {name: example["value"] for name, example in examples.items()}


@functools.cache
def validator(schema_name: str) -> Draft202012Validator:
    """A draft 2020-12 validator of `#/components/schemas/<schema_name>`."""
    resource: Resource[Any] = Resource.from_contents(spec(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(_URI, resource)
    schema = {"$ref": f"{_URI}#/components/schemas/{schema_name}"}
    return Draft202012Validator(schema, registry=registry)


def assert_valid(schema_name: str, instance: object) -> None:
    """Fail with every schema error when `instance` is not a valid `schema_name`."""
    found = validator(schema_name).iter_errors(instance)
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in found]
    assert not errors, f"not a valid {schema_name}: {errors}"


def is_valid(schema_name: str, instance: object) -> bool:
    return bool(validator(schema_name).is_valid(instance))
