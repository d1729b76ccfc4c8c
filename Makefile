# Everything starts from plain `python3`: the first target that needs tools builds .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed-dev
# The generator's post-hooks and the test suite call tools by name.
export PATH := $(abspath $(BIN)):$(PATH)

.DEFAULT_GOAL := help
.PHONY: help setup generate check-generated lint typecheck test demo bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

setup: $(STAMP)  ## Create .venv with the package (editable) and the pinned dev tools

generate: $(STAMP)  ## Regenerate wan_tasks_sdk/generated from openapi.yaml
	$(PY) tools/generate.py

check-generated: $(STAMP)  ## Fail if the committed generated code has drifted from the spec
	$(PY) tools/generate.py --check

lint: $(STAMP)  ## ruff check + format check, on everything (generated code included)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)  ## mypy --strict on everything, generated code included
	$(BIN)/mypy

test: check-generated lint typecheck  ## Drift check, ruff, mypy, then the test suite
	$(BIN)/pytest -q

demo: $(STAMP)  ## The main job, offline: a walk through the CLI against the built-in fake service
	$(PY) tools/demo.py

bench: $(STAMP)  ## The speed targets, side by side with raw httpx (a few minutes; exits 1 if one is missed)
	$(PY) bench/run.py

clean:  ## Remove the venv and every cache
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis .schemathesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -name '*.egg-info' -type d -prune -exec rm -rf {} +
