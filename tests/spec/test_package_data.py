"""The spec travels with the package: `wan_tasks_sdk.spec` loads the document of openapi.yaml."""

from __future__ import annotations

import json
from importlib.resources import as_file

from tests.spec import spec_document as document
from wan_tasks_sdk.spec import load_spec, spec_resource


def test_load_spec_is_openapi_yaml() -> None:
    assert load_spec() == document.spec()


def test_each_load_is_a_fresh_copy() -> None:
    first = load_spec()
    first["info"]["title"] = "changed"
    assert load_spec()["info"]["title"] == document.spec()["info"]["title"]


def test_the_resource_is_a_file_of_json() -> None:
    with as_file(spec_resource()) as path:
        assert path.name == "openapi.json"
        assert json.loads(path.read_text(encoding="utf-8")) == document.spec()
