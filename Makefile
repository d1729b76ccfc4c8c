# Everything starts from plain `python3`: the first target that needs tools builds .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed-dev
# The spec linters and the renderer: npm packages pinned in package-lock.json (node >= 20.19).
NODE_STAMP := node_modules/.installed
# The generator's post-hooks and the test suite call tools by name.
export PATH := $(abspath $(BIN)):$(PATH)
# No telemetry, update checks or install analytics from the npm tools.
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true
export SCARF_ANALYTICS := false
export DO_NOT_TRACK := 1
# pyright (the PyPI wrapper) runs the npm package bundled in its wheel on the machine's node:
# never a newer one (FORCE_VERSION, PYLANCE_VERSION), and no look-up of the latest release on
# PyPI at each run (IGNORE_WARNINGS), so the check is the same offline and online.
export PYRIGHT_PYTHON_IGNORE_WARNINGS := 1
export PYRIGHT_PYTHON_GLOBAL_NODE := 1
unexport PYRIGHT_PYTHON_FORCE_VERSION PYRIGHT_PYTHON_PYLANCE_VERSION

.DEFAULT_GOAL := help
# `make test-all` runs `make test` on each of these CPythons, each in its own .venv-X.Y.
PYTHON_VERSIONS := 3.11 3.12 3.13

.PHONY: help setup generate check-generated lint typecheck verifytypes lint-spec docs
.PHONY: check-chromium test test-all test-live demo bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

# The dev tools are a PEP 735 dependency group (not a published extra): pip >= 25.1 installs it.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet --disable-pip-version-check -e . --group dev
	touch $@

setup: $(STAMP)  ## Create .venv with the package (editable) and the pinned dev tools

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

generate: $(STAMP)  ## Regenerate wan_tasks_sdk/generated from openapi.yaml
	$(PY) tools/generate.py

check-generated: $(STAMP)  ## Fail if the committed generated code has drifted from the spec
	$(PY) tools/generate.py --check

lint: $(STAMP)  ## ruff check + format check, on everything (generated code included)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)  ## mypy --strict on everything, generated code included
	$(BIN)/mypy

# pyright finds the installed package through the `python` on PATH (the venv's, see above).
# --ignoreexternal: gaps in httpx's or pytest's own annotations are theirs, not our API's.
# The full report is long: it is printed only when the score is below 100 %.
verifytypes: $(STAMP)  ## pyright --verifytypes: every public name of the package fully typed
	@out=$$($(BIN)/pyright --verifytypes wan_tasks_sdk --ignoreexternal 2>&1) \
		|| { echo "$$out"; exit 1; }; echo "$$out" | grep "completeness score"

lint-spec: $(NODE_STAMP)  ## Lint openapi.yaml: Redocly recommended-strict and Spectral spectral:oas, no warnings
	$(PYTHON) tools/lint_spec.py

docs: $(STAMP) $(NODE_STAMP)  ## Render openapi.yaml into one self-contained page, build/docs/index.html
	$(PY) tools/build_docs.py build/docs/index.html

# The rendered-page test needs a browser; say how to get one instead of skipping it.
check-chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "chromium is missing (the rendered-page test opens build/docs in it):"; \
	  echo "  apt-get install chromium"; exit 1; }

test: check-chromium check-generated lint typecheck verifytypes lint-spec  ## Drift check, ruff, mypy, pyright, spec lint, the tests
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

bench: $(STAMP)  ## The speed targets, side by side with raw httpx (a few minutes; exits 1 if one is missed)
	$(PY) bench/run.py

clean:  ## Remove the venvs, node_modules, build output and every cache
	rm -rf $(VENV) .venv-3.* node_modules build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis .schemathesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -name '*.egg-info' -type d -prune -exec rm -rf {} +
