"""openapi.yaml as the client tests read it: the 200 examples and a validator of the 200 body.

A thin view over tests/spec/spec_document.py, which loads the document once for every suite.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from tests.spec import spec_document as document

SPEC_FILE = document.SPEC_PATH


def ok_examples() -> dict[str, Any]:
    """The named examples of the 200 answer, by name (fresh copies: mutate them freely)."""
    return {name: copy.deepcopy(value) for name, value in document.response_examples(200).items()}


def ok_example_branches() -> dict[str, str]:
    """The `oneOf` branch each 200 example is meant for (its `x-branch`), by name."""
    return document.response_example_branches(200)


def ok_example(name: str) -> dict[str, Any]:
    value = ok_examples()[name]
    assert isinstance(value, dict)
    return value


def error_examples() -> list[tuple[int, str, dict[str, Any]]]:
    """(status, name, body) of every documented error answer (fresh copies)."""
    return [
        (status, name, copy.deepcopy(value))
        for status, name, value in document.all_response_examples()
        if status != 200
    ]


@functools.cache
def tasks_response_validator() -> Any:
    """Validates a 200 body against `#/components/schemas/QueryTasksResponse` (draft 2020-12)."""
    return document.validator_for("/components/schemas/QueryTasksResponse")


def spec_accepts(body: object) -> bool:
    return bool(tasks_response_validator().is_valid(body))
