"""The documentation's Python code runs and type-checks: every ```python block of README.md and
every Python `x-codeSamples` entry of openapi.yaml.

Each snippet runs as written, against the fake service with the spec's documented tasks: the
clients it makes (`WanTasks`, `AsyncWanTasks`, the generated `AuthenticatedClient`) reach the
fake through its transport instead of the network, and wait on the fake's clock, so a wait of
minutes takes none. A `print(...)  # -> TEXT` line must print exactly TEXT. Then mypy --strict
(and pyright, when installed) check each snippet as a module of its own.
"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mypy import api as mypy_api

from tests.docs.snippets import README, Snippet, all_snippets, readme_snippets, spec_code_samples
from wan_tasks_sdk import AsyncWanTasks, WanTasks
from wan_tasks_sdk._client import TOKEN_ENV_VAR
from wan_tasks_sdk.generated import AuthenticatedClient
from wan_tasks_sdk.testing import FakeClock, FakeWanTasks

SNIPPETS = all_snippets()
RUNNABLE = [snippet for snippet in SNIPPETS if snippet.runs]
#: A snippet that makes a client of the real service (which the fake stands in for).
_MAKES_A_CLIENT = re.compile(r"\b(WanTasks|AsyncWanTasks|AuthenticatedClient)\(")
#: `print(EXPRESSION)  # -> WHAT IT PRINTS`, on one line.
_PRINT_CLAIM = re.compile(r"^(?P<indent>\s*)print\((?P<args>.*)\)\s*#\s*->\s*(?P<claim>.*?)\s*$")


def with_checked_prints(source: str) -> str:
    """`source` with each claimed print replaced by a call that prints and checks the claim."""
    lines = []
    for line in source.splitlines():
        found = _PRINT_CLAIM.match(line)
        lines.append(
            f"{found['indent']}__print_claimed__({found['claim']!r}, {found['args']})"
            if found
            else line
        )
    return "\n".join(lines) + "\n"


def print_claimed(claim: str, *values: object) -> None:
    printed = " ".join(str(value) for value in values)
    print(printed)
    assert printed == claim, f"the comment says it prints {claim!r}; it prints {printed!r}"


def run(snippet: Snippet) -> str:
    """Execute `snippet` in a namespace of its own; what it printed."""
    code = compile(with_checked_prints(snippet.source), snippet.origin, "exec")
    namespace: dict[str, Any] = {"__name__": "__snippet__", "__print_claimed__": print_claimed}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, namespace)
    return out.getvalue()


def reach_the_fake(
    monkeypatch: pytest.MonkeyPatch,
    client_class: type[WanTasks | AsyncWanTasks],
    transport: Callable[[], Any],
    clock: Any,
) -> None:
    """Clients made without their own transport get the fake's, and its clock."""
    original: Callable[..., None] = client_class.__init__

    def __init__(self: Any, *args: Any, **options: Any) -> None:
        if options.get("transport") is None and options.get("http_client") is None:
            options.update(transport=transport(), clock=options.get("clock") or clock)
        original(self, *args, **options)

    monkeypatch.setattr(client_class, "__init__", __init__)


@pytest.fixture
def documented_service(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeWanTasks:
    """The fake with the documented tasks, standing in for the service; files go to tmp_path."""
    fake = FakeWanTasks(clock=FakeClock())
    fake.add_examples()
    monkeypatch.setenv(TOKEN_ENV_VAR, fake.token)
    monkeypatch.chdir(tmp_path)
    reach_the_fake(monkeypatch, WanTasks, fake.transport, fake.clock)
    reach_the_fake(monkeypatch, AsyncWanTasks, fake.async_transport, fake.clock)
    generated_init = AuthenticatedClient.__init__

    def generated_client_init(self: AuthenticatedClient, *args: Any, **options: Any) -> None:
        options["httpx_args"] = {"transport": fake.transport(), **options.get("httpx_args", {})}
        generated_init(self, *args, **options)

    monkeypatch.setattr(AuthenticatedClient, "__init__", generated_client_init)
    return fake


def test_the_readme_has_snippets() -> None:
    """A guard against a fence change making the runner silently check nothing."""
    snippets = readme_snippets()

    assert len(snippets) >= 5
    assert sum(not snippet.runs for snippet in snippets) <= 1  # running is the rule


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[snippet.origin for snippet in RUNNABLE])
def test_snippet_runs_against_the_fake(snippet: Snippet, documented_service: FakeWanTasks) -> None:
    run(snippet)

    if _MAKES_A_CLIENT.search(snippet.source) and "FakeWanTasks" not in snippet.source:
        assert documented_service.api_requests, (
            f"{snippet.origin} sent nothing to the service: is it reaching somewhere else?"
        )


def test_a_wrong_print_claim_fails() -> None:
    wrong = Snippet("example:1", 'print("succeeded")  # -> TaskStatus.SUCCEEDED\n')

    with pytest.raises(AssertionError, match=r"the comment says it prints 'TaskStatus\.SUCCEEDED'"):
        run(wrong)


@pytest.fixture(scope="module")
def snippet_modules(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Each snippet written out as a module of its own, for the type checkers."""
    folder = tmp_path_factory.mktemp("snippets")
    paths = []
    for snippet in SNIPPETS:
        path = folder / f"{snippet.module_name}.py"
        path.write_text(snippet.source, encoding="utf-8")
        paths.append(path)
    return paths


def test_snippets_pass_mypy_strict(snippet_modules: list[Path]) -> None:
    report, errors, status = mypy_api.run(
        ["--strict", "--python-version", "3.11", "--no-error-summary", *map(str, snippet_modules)]
    )

    assert status == 0, f"{report}{errors}"


def test_snippets_pass_pyright(snippet_modules: list[Path]) -> None:
    pyright = Path(sys.executable).with_name("pyright")
    if not pyright.exists():
        pytest.skip("pyright is not installed in this environment")
    done = subprocess.run(
        [str(pyright), "--pythonpath", sys.executable, *map(str, snippet_modules)],
        capture_output=True,
        text=True,
        check=False,
        cwd=README.parent,
    )

    assert done.returncode == 0, done.stdout + done.stderr


def test_the_spec_python_code_samples_are_picked_up() -> None:
    """The spec's samples join the run as soon as there are any (other languages are left)."""
    samples = [
        {"lang": "Python", "label": "retrieve", "source": "print(1)\n"},
        {"lang": "Shell", "label": "curl", "source": "curl ...\n"},
    ]
    document = {"paths": {"/wan/tasks": {"post": {"x-codeSamples": samples}}}}

    assert spec_code_samples(document) == [
        Snippet("openapi.yaml:x-codeSamples[0] retrieve", "print(1)\n")
    ]
