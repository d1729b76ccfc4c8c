"""openapi.yaml for the fake's tests: its named examples, and validators for its schemas.

A thin view over tests/spec/spec_document.py, which loads the document once for every suite.
"""

from __future__ import annotations

import functools
from typing import Any

from tests.spec import spec_document as document

SPEC_PATH = document.SPEC_PATH
spec = document.spec
operation = document.operation
request_examples = document.request_examples


def response_examples(status: str) -> dict[str, Any]:
    """The named examples of the answer with `status`, by name."""
    return document.response_examples(int(status))


@functools.cache
def validator(schema_name: str) -> Any:
    """A draft 2020-12 validator of `#/components/schemas/<schema_name>`."""
    return document.validator_for(f"/components/schemas/{schema_name}")


def assert_valid(schema_name: str, instance: object) -> None:
    """Fail with every schema error when `instance` is not a valid `schema_name`."""
    found = validator(schema_name).iter_errors(instance)
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in found]
    assert not errors, f"not a valid {schema_name}: {errors}"


def is_valid(schema_name: str, instance: object) -> bool:
    return bool(validator(schema_name).is_valid(instance))
