"""tools/find_pythons.py: the interpreters `make test-all` runs on, and its refusal when one is
missing (it names the version and the command that installs it)."""

from __future__ import annotations

import importlib.util
import platform
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
THIS = f"{sys.version_info[0]}.{sys.version_info[1]}"


@pytest.fixture(scope="module")
def find_pythons() -> ModuleType:
    """tools/find_pythons.py, imported from its path (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "wan_tasks_tools_find_pythons", ROOT / "tools" / "find_pythons.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(platform.python_implementation() != "CPython", reason="CPython only")
def test_finds_the_running_version_on_path(
    find_pythons: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / f"python{THIS}").symlink_to(sys.executable)
    monkeypatch.setenv("PATH", str(tmp_path))  # no pyenv either

    assert find_pythons.find(THIS) == tmp_path / f"python{THIS}"


def test_an_interpreter_of_another_version_is_not_taken(
    find_pythons: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "python3.99").symlink_to(sys.executable)  # says it is 3.99; it is not
    monkeypatch.setenv("PATH", str(tmp_path))

    assert find_pythons.find("3.99") is None


def test_a_missing_python_fails_naming_it_and_how_to_install_it(
    find_pythons: ModuleType,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / f"python{THIS}").symlink_to(sys.executable)
    monkeypatch.setenv("PATH", str(tmp_path))  # this Python only, and no pyenv

    code = find_pythons.main([THIS, "3.98", "3.99"])

    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err.startswith("make test-all: not found: CPython 3.98, CPython 3.99 ")
    assert "pyenv install 3.98; pyenv install 3.99" in err
