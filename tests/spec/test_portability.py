"""openapi.yaml read by a generator that is not ours: datamodel-code-generator, pydantic v2.

Other teams generate their models from the spec with their own tools, which drop what they do
not understand (`not`, for one). So once per session the pinned datamodel-code-generator writes
models from the spec into a temporary folder, and the tests check that
- every example of a request or response body parses into the model it is meant for, and into
  no other branch of its `oneOf`. Each branch model is tried on its own: a pydantic `Union`
  takes the first branch that fits and would hide an example that fits two;
- bodies the spec refuses (an empty `ids`, an unknown action, wrong types) are refused by the
  generated models too, by the request model and by each of its branches.

Which model an example is meant for: the schema of its media type, or, when that schema is a
`oneOf`, the component its `x-branch` names (a convention of this spec; each example under a
`oneOf` must carry one). Models are parsed from JSON text in strict mode, so a string is not
taken for a number as lax mode would. A media type whose schema is written inline is moved
into `components/schemas` first, so that it has a model to name; only JSON media types are
checked.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from tests.spec import spec_document as doc

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
BRANCH_KEY = "x-branch"
PUBLISHED_TASK_ID = "a4bca552-d964-46a1-8ff7-fd922f916582"
# Bodies POST /wan/tasks must refuse, in the spec and in every generated model.
REFUSED_REQUESTS: dict[str, Any] = {
    "empty ids": {"action": "retrieve_batch", "ids": []},
    "unknown action delete": {"action": "delete", "id": PUBLISHED_TASK_ID},
    "unknown action delete with ids": {"action": "delete", "ids": [PUBLISHED_TASK_ID]},
    "no action": {"id": PUBLISHED_TASK_ID},
    "action not a string": {"action": 1, "id": PUBLISHED_TASK_ID},
    "id not a string": {"action": "retrieve", "id": 123},
    "ids not a list": {"action": "retrieve_batch", "ids": PUBLISHED_TASK_ID},
    "an id not a string": {"action": "retrieve_batch", "ids": [123]},
    "limit a string": {"action": "retrieve_batch", "limit": "20"},
    "created_at_min a string": {"action": "retrieve_batch", "created_at_min": "yesterday"},
    "not an object": [{"action": "retrieve", "id": PUBLISHED_TASK_ID}],
}


@dataclasses.dataclass(frozen=True)
class MediaType:
    """A JSON request or response body of an operation, with the component naming its schema."""

    operation: str  # "POST /wan/tasks"
    body: str  # "request", or the response's status ("200", "default")
    media_type: str
    pointer: str  # JSON pointer to the (dereferenced) media type object
    schema_name: str  # the component in `components/schemas` (inline schemas are moved there)

    @property
    def where(self) -> str:
        """For messages and test ids: "POST /wan/tasks 200" (the media type if not JSON)."""
        where = f"{self.operation} {self.body}"
        return where if self.media_type == doc.JSON else f"{where} {self.media_type}"


@dataclasses.dataclass(frozen=True)
class Example:
    media: MediaType
    name: str
    value: Any
    branch: str | None  # the example's `x-branch`, if any


def _deref(node: Any) -> Any:
    if isinstance(node, dict) and "$ref" in node:
        return doc.lookup(doc.deref(node["$ref"]))
    return node


def _is_json(media_type: str) -> bool:
    essence = media_type.split(";", maxsplit=1)[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


def media_types() -> Iterator[tuple[MediaType, dict[str, Any] | None]]:
    """Every JSON body in the spec, each with the inline schema to move into components if any."""
    inline_count = 0
    for path, path_item in doc.spec().get("paths", {}).items():
        escaped_path = path.replace("~", "~0").replace("/", "~1")
        for method in HTTP_METHODS:
            if method not in path_item:
                continue
            operation = path_item[method]
            bodies = []
            if "requestBody" in operation:
                bodies.append(("request", f"/paths/{escaped_path}/{method}/requestBody"))
            bodies += [
                (str(status), f"/paths/{escaped_path}/{method}/responses/{status}")
                for status in operation.get("responses", {})
            ]
            for label, pointer in bodies:
                body_pointer = doc.deref(pointer)
                for media_type in doc.lookup(body_pointer).get("content", {}):
                    if not _is_json(media_type):
                        continue
                    media_pointer = f"{body_pointer}/content/{media_type.replace('/', '~1')}"
                    schema = doc.lookup(media_pointer).get("schema", {})
                    place = (f"{method.upper()} {path}", label, media_type, media_pointer)
                    if "$ref" in schema:
                        name = doc.deref(f"{media_pointer}/schema").rsplit("/", 1)[-1]
                        yield MediaType(*place, name), None
                    else:
                        inline_count += 1
                        yield MediaType(*place, f"InlineBody{inline_count}"), schema


def examples() -> list[Example]:
    """Every named example (and every `example`) of every JSON body, in the document's order."""
    found = []
    for media, _ in media_types():
        node = doc.lookup(media.pointer)
        if "example" in node:
            found.append(Example(media, "example", node["example"], None))
        for name, reference in node.get("examples", {}).items():
            example = _deref(reference)
            if "value" not in example:
                raise AssertionError(f"{media.where} {name}: only an inline `value` can be checked")
            found.append(Example(media, name, example["value"], example.get(BRANCH_KEY)))
    return found


def branches(schema_name: str) -> list[str] | None:
    """The component names of the `oneOf` branches of a component, or None if not a `oneOf`."""
    schema = doc.lookup(doc.deref(f"/components/schemas/{schema_name}"))
    if "oneOf" not in schema:
        return None
    names = []
    for branch in schema["oneOf"]:
        assert "$ref" in branch, f"{schema_name}: x-branch cannot name an inline oneOf branch"
        names.append(doc.deref(branch["$ref"][1:]).rsplit("/", 1)[-1])
    return names


def portable_spec() -> dict[str, Any]:
    """The spec with every inline body schema moved into `components/schemas`."""
    spec = copy.deepcopy(doc.spec())
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    for media, inline_schema in media_types():
        if inline_schema is not None:
            schemas[media.schema_name] = inline_schema
    return spec


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """The models datamodel-code-generator writes from the spec, imported from a temp folder."""
    folder = tmp_path_factory.mktemp("portable-models")
    source, target = folder / "openapi.json", folder / "portable_models.py"
    source.write_text(json.dumps(portable_spec()), encoding="utf-8")
    command = [
        sys.executable, "-m", "datamodel_code_generator",
        "--input", str(source), "--input-file-type", "openapi",
        "--output", str(target), "--output-model-type", "pydantic_v2.BaseModel",
        "--target-python-version", "3.11", "--disable-timestamp",
        "--no-formatters",  # formatting is for people, and would cost a second per run
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"datamodel-code-generator failed:\n{result.stderr}"
    spec = importlib.util.spec_from_file_location("wan_tasks_portable_models", target)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the models' forward references here
    spec.loader.exec_module(module)
    return module


def model(models: ModuleType, schema_name: str) -> type[BaseModel]:
    found = getattr(models, schema_name, None)
    assert isinstance(found, type), f"datamodel-code-generator wrote no model {schema_name}"
    assert issubclass(found, BaseModel)
    return found


def accepts(models: ModuleType, schema_name: str, value: Any) -> bool:
    try:
        model(models, schema_name).model_validate_json(json.dumps(value), strict=True)
    except ValidationError:
        return False
    return True


def refusal_reason(models: ModuleType, schema_name: str, value: Any) -> str:
    try:
        model(models, schema_name).model_validate_json(json.dumps(value), strict=True)
    except ValidationError as error:
        return str(error)
    return "accepted"


def _example_id(example: Example) -> str:
    return f"{example.media.where} {example.name}"


EXAMPLES = examples()


def test_every_body_has_examples() -> None:
    assert EXAMPLES, "no examples found in the spec: the walk over it is broken"
    assert any(PUBLISHED_TASK_ID in json.dumps(example.value) for example in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=_example_id)
def test_an_example_parses_into_its_model_and_no_other_branch(
    models: ModuleType, example: Example
) -> None:
    union_branches = branches(example.media.schema_name)
    if union_branches is None:
        assert example.branch in (None, example.media.schema_name), (
            f"{BRANCH_KEY} {example.branch!r} names a branch, but {example.media.schema_name} "
            "is not a oneOf"
        )
        union_branches, meant_for = [example.media.schema_name], example.media.schema_name
    else:
        assert example.branch is not None, (
            f"the example sits under the oneOf {example.media.schema_name} and has no "
            f"{BRANCH_KEY} naming the branch it is meant for, one of {union_branches}"
        )
        assert example.branch in union_branches, (
            f"{BRANCH_KEY} {example.branch!r} is not a branch of {example.media.schema_name}: "
            f"{union_branches}"
        )
        meant_for = example.branch
    assert accepts(models, example.media.schema_name, example.value), refusal_reason(
        models, example.media.schema_name, example.value
    )
    assert accepts(models, meant_for, example.value), refusal_reason(
        models, meant_for, example.value
    )
    parsed_by = [name for name in union_branches if accepts(models, name, example.value)]
    assert parsed_by == [meant_for], f"parses into {parsed_by}, meant for {meant_for} only"


def _request_schema_name() -> str:
    operation = f"{doc.OPERATION_METHOD.upper()} {doc.OPERATION_PATH}"
    [media] = [
        media
        for media, _ in media_types()
        if (media.operation, media.body, media.media_type) == (operation, "request", doc.JSON)
    ]
    return media.schema_name


@pytest.mark.parametrize("body", REFUSED_REQUESTS.values(), ids=REFUSED_REQUESTS.keys())
def test_a_body_the_spec_refuses_is_refused_by_every_generated_model(
    models: ModuleType, body: Any
) -> None:
    schema_name = _request_schema_name()
    assert not doc.validator_for(f"/components/schemas/{schema_name}").is_valid(body), (
        "the spec itself accepts this body"
    )
    accepted_by = [
        name
        for name in [schema_name, *(branches(schema_name) or [])]
        if accepts(models, name, body)
    ]
    assert accepted_by == [], f"the generated models {accepted_by} accept {body}"
