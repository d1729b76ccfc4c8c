# Everything starts from plain `python3`: the first target that needs tools builds .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed-dev
# The generator's post-hooks and the test suite call tools by name.
export PATH := $(abspath $(BIN)):$(PATH)

.DEFAULT_GOAL := help
# `make test-all` runs `make test` on each of these CPythons, each in its own .venv-X.Y.
PYTHON_VERSIONS := 3.11 3.12 3.13

.PHONY: help setup generate check-generated lint typecheck test test-all test-live demo bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

# The dev tools are a PEP 735 dependency group (not a published extra): pip >= 25.1 installs it.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet --disable-pip-version-check -e . --group dev
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

test-all:  ## make test on CPython 3.11, 3.12 and 3.13 (pyenv), each in its own .venv-X.Y
	@pythons="$$($(PYTHON) tools/find_pythons.py $(PYTHON_VERSIONS))" || exit 1; \
	for python in $$pythons; do \
		version="$$($$python -c 'import sys; print("%d.%d" % sys.version_info[:2])')"; \
		echo "== make test on CPython $$version ($$python), in .venv-$$version"; \
		$(MAKE) --no-print-directory test PYTHON="$$python" VENV=".venv-$$version" || exit 1; \
	done

test-live: $(STAMP)  ## Maintainers: check the real service against the spec (needs a token)
	$(PY) -m tests.live.check

demo: $(STAMP)  ## The main job, offline: a walk through the CLI against the built-in fake service
	$(PY) tools/demo.py

bench: $(STAMP)  ## Benchmarks: overhead against raw httpx, and requests wait() needs
	$(PY) bench/run.py

clean:  ## Remove the venv and every cache
	rm -rf $(VENV) .venv-3.* build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis .schemathesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -name '*.egg-info' -type d -prune -exec rm -rf {} +
