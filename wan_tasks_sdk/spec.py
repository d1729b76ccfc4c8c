"""The OpenAPI description of the Wan Tasks API that this SDK was generated from, as package data.

Downstream services can load it for their own contract tests (with jsonschema, schemathesis, ...)
and know it is the very document the installed SDK checks answers against:

    from wan_tasks_sdk.spec import load_spec

    schema = load_spec()["components"]["schemas"]["Task"]

`make generate` writes it as JSON beside the generated code
(`wan_tasks_sdk/generated/openapi.json`) from openapi.yaml, its source at the repository's top.
"""

from __future__ import annotations

import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

__all__ = ["load_spec", "spec_resource"]


def spec_resource() -> Traversable:
    """The spec file inside the installed package; `importlib.resources.as_file` gives a path."""
    return files(__package__ or "wan_tasks_sdk").joinpath("generated", "openapi.json")


def load_spec() -> dict[str, Any]:
    """The spec as a fresh dict (mutate it freely)."""
    document = json.loads(spec_resource().read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document
