"""The generated models check what the spec states, and nothing else.

Property tests, for every object schema of the spec that has a generated model:
- strict reading (`from_dict(value)`) accepts exactly the values jsonschema accepts (draft
  2020-12, refs resolved against the whole document), and refuses the others with
  `ValidationError` only;
- tolerant reading (`from_dict(value, strict=False)`) parses every value jsonschema accepts
  exactly as strict reading does, and a task it reads gives the raw record back from `to_dict()`.
Example tests pin the messages, the drifted records tolerant reading accepts, and the `oneOf`
dispatch. The classes themselves are plain slotted classes that behave as the attrs classes they
replace did: their constructors are derived from the spec here, not listed by hand.
"""

from __future__ import annotations

import ast
import copy
import functools
import inspect
import json
import logging
import re
import weakref
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_python_client.strings import PythonIdentifier

from tests.client import spec as client_spec
from tests.client.strategies import EXAMPLES, mutated_bodies
from tests.generated import strategies
from tests.spec import spec_document as document
from wan_tasks_sdk.generated import Client, models
from wan_tasks_sdk.generated.api.tasks import query_tasks
from wan_tasks_sdk.generated.models import (
    ErrorDetail,
    GenerationRequest,
    Task,
    TaskBatch,
    TaskUsage,
    UnknownTask,
)
from wan_tasks_sdk.generated.types import UNSET, ValidationError, parse_model_union

GENERATED = Path(models.__file__).resolve().parent.parent
GENERATOR_CONFIG = GENERATED.parent.parent / "generator-config.yml"
BRANCHES = (Task, TaskBatch, UnknownTask)
PROPERTY = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _class_name(schema_name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", schema_name))


def _modelled_schemas() -> list[tuple[str, type[Any]]]:
    """(component name, generated class) of every schema the generator made a model of."""
    found = []
    for name in sorted(strategies.spec()["components"]["schemas"]):
        cls = getattr(models, _class_name(name), None)
        if isinstance(cls, type) and hasattr(cls, "from_dict"):
            found.append((name, cls))
    return found


MODELLED = _modelled_schemas()


@functools.cache
def _values(name: str) -> st.SearchStrategy[Any]:
    """Mutated values of the component schema `name` (built once: strategies are costly)."""
    return strategies.mutated(strategies.resolved(strategies.spec()["components"]["schemas"][name]))


def _strict(cls: type[Any], value: Any) -> Any:
    """The strict reading, or `None` when refused (by `ValidationError`, never anything else)."""
    try:
        return cls.from_dict(value)
    except ValidationError:
        return None


def test_every_object_schema_has_a_checking_model() -> None:
    assert {name for name, _ in MODELLED} >= {"Task", "TaskBatch", "UnknownTask"}
    for _, cls in MODELLED:
        assert isinstance(cls.REQUIRED_PROPERTIES, frozenset)


@pytest.mark.parametrize(("name", "cls"), MODELLED, ids=[name for name, _ in MODELLED])
@PROPERTY
@given(data=st.data())
def test_strict_reading_is_jsonschema(name: str, cls: type[Any], data: st.DataObject) -> None:
    value = data.draw(_values(name), label="value")
    accepted = document.validator_for(f"/components/schemas/{name}").is_valid(value)
    parsed = _strict(cls, copy.deepcopy(value))
    assert (parsed is not None) == accepted, value
    if accepted:
        assert cls.from_dict(copy.deepcopy(value), strict=False) == parsed
        assert parsed.to_dict() == value


@pytest.mark.parametrize(("name", "cls"), MODELLED, ids=[name for name, _ in MODELLED])
@PROPERTY
@given(data=st.data())
def test_tolerant_reading_refuses_only_with_validation_error(
    name: str, cls: type[Any], data: st.DataObject
) -> None:
    value = data.draw(_values(name), label="value")
    try:
        cls.from_dict(copy.deepcopy(value), strict=False)
    except ValidationError:
        assert not document.validator_for(f"/components/schemas/{name}").is_valid(value)


@PROPERTY
@given(body=mutated_bodies())
def test_the_200_answer_is_read_as_jsonschema_reads_it(body: object) -> None:
    """The generated endpoint's `oneOf` dispatch, on mutations of the spec's own 200 examples."""
    response = httpx.Response(200, content=json.dumps(body).encode())
    try:
        query_tasks._parse_response(client=Client(base_url="http://test"), response=response)
    except ValidationError:
        accepted = False
    else:
        accepted = True
    assert accepted == client_spec.spec_accepts(body)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_200_example_is_read_in_both_modes(name: str) -> None:
    body = copy.deepcopy(EXAMPLES[name])
    strict = parse_model_union(body, BRANCHES, strict=True, exclusive=True)
    assert parse_model_union(body, BRANCHES, strict=False, exclusive=True) == strict
    assert strict.to_dict() == body


@PROPERTY
@given(value=_values("Task"))
def test_a_task_read_tolerantly_gives_its_raw_record_back(value: Any) -> None:
    try:
        task = Task.from_dict(copy.deepcopy(value), strict=False)
    except ValidationError:
        return
    assert task.to_dict() == value


# -- messages and the drifted records of API-FACTS ----------------------------------------------


def _record() -> dict[str, Any]:
    return copy.deepcopy(document.response_examples(200)["completed_task_newer_shape"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"created_at": "soon"}, "created_at: expected number, got string"),
        ({"created_at": True}, "created_at: expected number, got boolean"),
        ({"request": []}, "request: expected object, got array"),
        ({"id": None}, "id: expected string, got null"),
    ],
)
def test_a_required_field_of_the_wrong_type_is_refused_in_both_modes(
    change: dict[str, Any], message: str
) -> None:
    for strict in (True, False):
        with pytest.raises(ValidationError) as caught:
            Task.from_dict({**_record(), **change}, strict=strict)
        assert str(caught.value) == message


def test_a_missing_required_field_is_refused_in_both_modes() -> None:
    record = _record()
    del record["trace_id"]
    for strict in (True, False):
        with pytest.raises(ValidationError, match=r"^trace_id: required but missing$"):
            Task.from_dict(record, strict=strict)


def test_nested_errors_carry_the_whole_path() -> None:
    batch: dict[str, Any] = {"items": [_record(), _record()], "count": 2}
    batch["items"][1]["request"]["duration"] = "5"
    with pytest.raises(ValidationError) as caught:
        TaskBatch.from_dict(batch)
    assert str(caught.value) == "items[1].request.duration: expected number, got string"
    assert caught.value.path == "items[1].request.duration"


@pytest.mark.parametrize(
    ("where", "key", "raw"),
    [
        ("request", "seed", "42"),
        ("response", "cost", "0.25"),
        ("response", "state", 3),
        ("", "job_id", None),
        ("", "started_at", "later"),
        ("response", "usage", "1080p"),
    ],
)
def test_a_drifted_optional_field_is_read_as_absent_when_tolerant(
    where: str, key: str, raw: Any, caplog: pytest.LogCaptureFixture
) -> None:
    record = _record()
    (record[where] if where else record)[key] = raw
    with pytest.raises(ValidationError, match=f"^{'.'.join(filter(None, [where, key]))}: "):
        Task.from_dict(record)
    with caplog.at_level(logging.DEBUG, logger="wan_tasks_sdk"):
        task = Task.from_dict(record, strict=False)
    holder = getattr(task, where) if where else task
    assert getattr(holder, key) is UNSET
    assert holder.additional_properties[key] == raw  # the raw value stays reachable
    assert task.to_dict() == record
    assert f".{key} read as absent" in caplog.text


def test_null_in_a_nullable_field_stays_none_when_tolerant() -> None:
    record = {**_record(), "finished_at": None, "elapsed": None}
    task = Task.from_dict(record, strict=False)
    assert (task.finished_at, task.elapsed) == (None, None)
    assert "finished_at" not in task.additional_properties


def test_tolerant_reading_keeps_values_outside_their_bounds() -> None:
    record = {**_record(), "elapsed": -1}
    with pytest.raises(ValidationError, match=r"^elapsed: must be at least 0, got -1$"):
        Task.from_dict(record)
    assert Task.from_dict(record, strict=False).elapsed == -1


def test_an_integral_float_is_an_integer() -> None:
    record = _record()
    record["request"]["seed"] = 42.0
    seed = Task.from_dict(record).request.seed
    assert (seed, type(seed)) == (42, int)


# -- oneOf dispatch ---------------------------------------------------------------------------


def test_only_branches_whose_required_keys_are_present_are_tried() -> None:
    assert isinstance(parse_model_union(_record(), BRANCHES, strict=True, exclusive=True), Task)
    batch = {"items": [], "count": 0}
    assert isinstance(parse_model_union(batch, BRANCHES, strict=True, exclusive=True), TaskBatch)
    assert isinstance(parse_model_union({}, BRANCHES, strict=True, exclusive=True), UnknownTask)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"items": []}, "count: required but missing"),  # the branch missing the fewest keys
        ({"items": [], "count": -1}, "count: must be at least 0, got -1"),
        ({"items": [{"id": 1}], "count": 1}, "items[0].id: expected string, got integer"),
    ],
)
def test_when_no_branch_fits_the_best_candidates_error_is_raised(
    body: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_model_union(body, BRANCHES, strict=True, exclusive=True)
    assert str(caught.value) == message


def test_a_oneof_refuses_what_fits_two_branches_when_strict() -> None:
    both = {**_record(), "items": [], "count": 0}
    with pytest.raises(ValidationError, match="fits both Task and TaskBatch"):
        parse_model_union(both, BRANCHES, strict=True, exclusive=True)
    assert isinstance(parse_model_union(both, BRANCHES, strict=False, exclusive=True), Task)


# -- the classes: what attrs wrote for them, written out ----------------------------------------


@functools.cache
def _field_prefix() -> str:
    config = yaml.safe_load(GENERATOR_CONFIG.read_text(encoding="utf-8"))
    prefix = config["field_prefix"]
    assert isinstance(prefix, str)
    return prefix


def _spec_fields(schema_name: str) -> tuple[list[str], list[str]]:
    """(required, optional) Python names of a schema's properties, each in the spec's order,
    named as the generator names them."""
    schema = strategies.spec()["components"]["schemas"][schema_name]
    keys = list(schema.get("properties", {}))
    required = [key for key in keys if key in schema.get("required", [])]
    optional = [key for key in keys if key not in required]
    return [_python_name(key) for key in required], [_python_name(key) for key in optional]


def _python_name(key: str) -> str:
    return str(PythonIdentifier(key, _field_prefix()))


def _has_additional_properties(schema_name: str) -> bool:
    schema = strategies.spec()["components"]["schemas"][schema_name]
    closed = schema.get("additionalProperties", True) is False or schema.get("maxProperties") == 0
    return not closed


@pytest.mark.parametrize(("name", "cls"), MODELLED, ids=[name for name, _ in MODELLED])
def test_the_constructor_takes_the_spec_fields_required_first(name: str, cls: type[Any]) -> None:
    """What attrs made of the fields: every one keyword-or-positional, the required ones first
    and without a default, the others defaulting to `UNSET`; `additional_properties` is no
    parameter."""
    required, optional = _spec_fields(name)
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [p.name for p in parameters] == required + optional
    assert {p.kind for p in parameters} <= {inspect.Parameter.POSITIONAL_OR_KEYWORD}
    assert [p.default for p in parameters] == [inspect.Parameter.empty] * len(required) + [
        UNSET
    ] * len(optional)
    annotations = inspect.get_annotations(cls)
    assert all(p.annotation == annotations[p.name] for p in parameters)  # as the class declares
    assert all("Unset" in annotations[n] for n in optional)
    assert cls.__match_args__ == tuple(required + optional)


@pytest.mark.parametrize(("name", "cls"), MODELLED, ids=[name for name, _ in MODELLED])
def test_the_slots_are_the_fields_and_nothing_else_can_be_set(name: str, cls: type[Any]) -> None:
    required, optional = _spec_fields(name)
    extra = ["additional_properties"] if _has_additional_properties(name) else []
    assert cls.__slots__ == (*required, *optional, *extra, "__weakref__")
    instance = object.__new__(cls)
    assert not hasattr(instance, "__dict__")
    with pytest.raises(AttributeError):
        instance.not_a_field = 1
    assert weakref.ref(instance)() is instance


@pytest.mark.parametrize(("name", "cls"), MODELLED, ids=[name for name, _ in MODELLED])
def test_a_new_object_holds_its_arguments_and_no_additional_property(
    name: str, cls: type[Any]
) -> None:
    required, optional = _spec_fields(name)
    arguments = {field: object() for field in required}
    made = cls(*arguments.values())
    assert all(getattr(made, field) is value for field, value in arguments.items())
    assert all(getattr(made, field) is UNSET for field in optional)
    if _has_additional_properties(name):
        assert made.additional_properties == {}
        assert made.additional_properties is not cls(*arguments.values()).additional_properties


def test_the_repr_names_every_field_in_declaration_order() -> None:
    usage = TaskUsage(resolution="720p", fps=24)
    usage.additional_properties["codec"] = "h264"
    assert repr(usage) == (
        f"TaskUsage(resolution='720p', seconds={UNSET!r}, fps=24, ratio={UNSET!r}, "
        "additional_properties={'codec': 'h264'})"
    )
    assert repr(UnknownTask()) == "UnknownTask()"
    assert repr(TaskBatch([], 0)) == "TaskBatch(items=[], count=0, additional_properties={})"


@pytest.mark.parametrize(("name", "cls"), MODELLED, ids=[name for name, _ in MODELLED])
def test_the_repr_of_every_model_shows_its_fields(name: str, cls: type[Any]) -> None:
    required, optional = _spec_fields(name)
    made = cls(*range(len(required)))
    shown = [f"{field}={index}" for index, field in enumerate(required)]
    shown += [f"{field}={UNSET!r}" for field in optional]
    shown += ["additional_properties={}"] if _has_additional_properties(name) else []
    assert repr(made) == f"{cls.__name__}({', '.join(shown)})"


def test_the_repr_uses_the_name_of_the_subclass_and_survives_a_cycle() -> None:
    class Detail(ErrorDetail):
        __slots__ = ()

    detail = Detail(code="not_found")
    detail.additional_properties["self"] = detail
    assert repr(detail) == (
        f"Detail(code='not_found', message={UNSET!r}, additional_properties={{'self': ...}})"
    )


def test_objects_of_one_class_are_equal_when_every_field_is() -> None:
    def request(**extra: Any) -> GenerationRequest:
        made = GenerationRequest(prompt="a cat", duration=5)
        made.additional_properties.update(extra)
        return made

    assert request() == request()
    assert request() != GenerationRequest(prompt="a cat", duration=10)
    assert request() != GenerationRequest(prompt="a cat")  # a field UNSET is a difference
    assert request(codec="h264") != request()  # additional properties count
    assert UnknownTask() == UnknownTask()


def test_objects_of_other_classes_are_never_equal() -> None:
    class Detail(ErrorDetail):
        __slots__ = ()

    assert ErrorDetail(code="x").__eq__(Detail(code="x")) is NotImplemented
    assert ErrorDetail(code="x") != Detail(code="x")
    assert ErrorDetail(code="x").__eq__({"code": "x"}) is NotImplemented
    assert TaskUsage() != GenerationRequest()


@pytest.mark.parametrize(("name", "cls"), MODELLED, ids=[name for name, _ in MODELLED])
def test_no_model_is_hashable(name: str, cls: type[Any]) -> None:
    assert cls.__hash__ is None
    with pytest.raises(TypeError, match="unhashable"):
        hash(object.__new__(cls))


def test_a_model_built_by_from_dict_equals_one_built_by_the_constructor() -> None:
    record = _record()
    task = Task.from_dict(record)
    again = Task(
        task.id, task.type_, task.trace_id, task.created_at, task.request,
        **{field: getattr(task, field) for field in _spec_fields("Task")[1]},
    )  # fmt: skip
    again.additional_properties.update(task.additional_properties)
    assert again == task


# -- the shape of the generated code -----------------------------------------------------------


@pytest.mark.parametrize("path", sorted(GENERATED.rglob("*.py")), ids=lambda path: path.name)
def test_no_import_runs_inside_a_function(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inner = [n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)]
            assert not inner, f"{path.name}: {node.name} imports at run time"
