"""The templates generate checking models for every kind of property, not only openapi.yaml's.

tests/templates/kinds.yaml uses closed string and integer enums, open enums, string, number and
boolean constants, nullable numbers, exclusive bounds, arrays of arrays of models, model unions
(`oneOf` in an array, `anyOf` with `null`), inline objects, typed additional properties,
`additionalProperties: false`, `maxProperties: 0` and `if`/`else`. The generator runs once on it
with the project's templates and config (about 1-2 s), and the models it writes must read values
exactly as jsonschema does, strict, and agree with strict reading on valid values, tolerant.
"""

from __future__ import annotations

import copy
import importlib
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from tests.generated import strategies

KINDS = Path(__file__).with_name("kinds.yaml")
GENERATE = Path(__file__).resolve().parents[2] / "tools" / "generate.py"
MODELS = ["Closed", "Tagged", "Everything", "Empty", "Either"]
URI = "urn:wan-tasks-sdk:kinds"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    loaded = yaml.safe_load(KINDS.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def package(
    document: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ModuleType]:
    """The package the generator writes from kinds.yaml, imported as `kinds_client`."""
    tool = importlib.util.spec_from_file_location("wan_tasks_generate_kinds", GENERATE)
    assert tool is not None
    assert tool.loader is not None
    generate = importlib.util.module_from_spec(tool)
    tool.loader.exec_module(generate)
    root = tmp_path_factory.mktemp("kinds")
    generate.generate_into(root / "kinds_client", spec=document)
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module("kinds_client")
    finally:
        sys.path.remove(str(root))
        for name in [name for name in sys.modules if name.startswith("kinds_client")]:
            del sys.modules[name]


@pytest.mark.parametrize("name", MODELS)
def test_strict_reading_is_jsonschema_for_every_kind(
    name: str, package: ModuleType, document: dict[str, Any]
) -> None:
    cls = getattr(importlib.import_module(f"{package.__name__}.models"), name)
    error = importlib.import_module(f"{package.__name__}.types").ValidationError
    registry = Registry().with_resource(URI, DRAFT202012.create_resource(document))
    validator = Draft202012Validator(
        {"$ref": f"{URI}#/components/schemas/{name}"}, registry=registry
    )
    schema = strategies.resolved(document["components"]["schemas"][name], document)
    values = strategies.mutated(schema, strategies.property_names(document))

    @settings(
        max_examples=100,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(value=values)
    def reads_as_jsonschema(value: Any) -> None:
        accepted = validator.is_valid(value)
        try:
            strict = cls.from_dict(copy.deepcopy(value))
        except error:
            assert not accepted, value
            return
        assert accepted, value
        assert cls.from_dict(copy.deepcopy(value), strict=False) == strict

    reads_as_jsonschema()
