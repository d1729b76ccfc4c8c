"""Hypothesis strategies for the property tests of the generated models, driven by the spec.

`instances(schema)` draws JSON values from a schema (resolved, with no `$ref` left): valid ones,
mostly, as seeds; `mutated(schema)` then changes them where the schema has rules (a field of
another type, `null`, a number below zero, a field dropped or added, deep inside as often as at
the top). The tests never trust these strategies to be right about validity: jsonschema decides.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from hypothesis import strategies as st

from wan_tasks_sdk.spec import load_spec


@functools.cache
def spec() -> dict[str, Any]:
    return load_spec()


def resolved(node: Any, document: dict[str, Any] | None = None) -> Any:
    """`node` with every local `$ref` replaced by what it names in `document` (the spec by
    default; it has no cycles)."""
    document = spec() if document is None else document
    if isinstance(node, dict):
        if "$ref" in node:
            return resolved(_lookup(document, node["$ref"]), document)
        return {key: resolved(value, document) for key, value in node.items()}
    if isinstance(node, list):
        return [resolved(item, document) for item in node]
    return node


def _lookup(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def _property_names(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found.update(value)
            _property_names(value, found)
    elif isinstance(node, list):
        for item in node:
            _property_names(item, found)
    return found


def property_names(document: dict[str, Any] | None = None) -> list[str]:
    """Every property name the schemas of `document` (the spec by default) know, so that
    mutations hit the rules."""
    document = spec() if document is None else document
    return sorted(_property_names(document.get("components", {}), set()))


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, 1, 2, -1, 5.0, 0.5, -0.5, -1e-9, 1769262721.763, 2**63, 101, 100]),
    st.integers(-5, 5),
    st.floats(-10, 10, allow_nan=False),
    st.sampled_from(["", "x", "42", "0.25", "videos", "retrieve", "retrieve_batch", "pending"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(property_names()) | st.text(max_size=3), inner, max_size=3),
    ),
    max_leaves=6,
)


def instances(schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """JSON values for a resolved schema: valid ones for the keywords the spec uses."""
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    branches = schema.get("oneOf") or schema.get("anyOf")
    if branches:
        return st.one_of(
            [instances({**schema, **b, "oneOf": [], "anyOf": []}, depth) for b in branches]
        )
    kinds = schema.get("type", ["object"] if "properties" in schema else list(_SCALARS))
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return st.one_of([_of_type(kind, schema, depth) for kind in kinds])


_SCALARS = {"string": None, "number": None, "integer": None, "boolean": None, "null": None}


def _of_type(kind: str, schema: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    low = schema.get("minimum")
    high = schema.get("maximum")
    if kind == "string":
        return st.text(min_size=schema.get("minLength", 0), max_size=6)
    if kind == "integer":
        return st.integers(None if low is None else int(low), None if high is None else int(high))
    if kind == "number":
        return st.floats(low, high, allow_nan=False, allow_infinity=False) | st.integers(
            None if low is None else int(low) + 1, None if high is None else int(high)
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        items = schema.get("items", {})
        return st.lists(instances(items, depth + 1), min_size=schema.get("minItems", 0), max_size=3)
    if schema.get("maxProperties") == 0:
        return st.just({})
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    return st.fixed_dictionaries(
        {
            name: instances(properties[name], depth + 1)
            for name in sorted(required & properties.keys())
        },
        optional={
            name: instances(sub, depth + 1)
            for name, sub in properties.items()
            if name not in required and depth < 3
        },
    )


def mutated(schema: dict[str, Any], names: list[str] | None = None) -> st.SearchStrategy[Any]:
    """A value of `schema`, then changed up to three times, anywhere in it; `names` are the
    property names to set (those of the spec by default)."""
    return _mutations(instances(schema), property_names() if names is None else names)


@st.composite
def _mutations(draw: st.DrawFn, seeds: st.SearchStrategy[Any], names: list[str]) -> Any:
    value = copy.deepcopy(draw(seeds))  # `st.just` hands out one object: never change it
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.integers(0, 30)) == 0:
            return draw(json_values)  # not the right shape at all, now and then
        containers = _containers(value)
        if not containers:
            return draw(json_values)
        target: Any = draw(st.sampled_from(containers))
        if isinstance(target, list):
            replace = draw(st.booleans())
            if target and replace:
                target[draw(st.integers(0, len(target) - 1))] = draw(json_values)
            else:
                target.append(draw(json_values))
            continue
        operation = draw(st.sampled_from(["set", "drop", "below", "null", "string", "add"]))
        name = draw(st.sampled_from(names))
        if operation == "drop" and target:
            del target[draw(st.sampled_from(sorted(target)))]
        elif operation == "below":
            target[name] = draw(st.sampled_from([-1, -0.5, -1e-6, 0, 0.0, 101]))
        elif operation == "null":
            target[name] = None
        elif operation == "string":
            target[name] = draw(st.sampled_from(["42", "0.25", "", "x"]))
        elif operation == "add":
            target[draw(st.text(min_size=1, max_size=8))] = draw(json_values)
        else:
            target[name] = draw(json_values)
    return value


def _containers(node: Any) -> list[Any]:
    """Every object and array in `node`, itself included."""
    if isinstance(node, dict):
        return [node, *(found for child in node.values() for found in _containers(child))]
    if isinstance(node, list):
        return [node, *(found for child in node for found in _containers(child))]
    return []
