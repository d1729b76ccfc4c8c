"""tools/generate.py: the drift report, and `--check` on the committed and on a drifted tree.

The generator runs four times in this module (about 1-2 s each): on the committed tree, under
two fixed hash seeds, and on a copy with one byte changed.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    """tools/generate.py, imported from its path (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "wan_tasks_tools_generate", ROOT / "tools" / "generate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def test_differences_reports_changed_missing_and_extra_files(
    generate: ModuleType, tmp_path: Path
) -> None:
    expected, actual = tmp_path / "expected", tmp_path / "actual"
    for tree in (expected, actual):
        _write(tree / "same.py", b"x = 1\n")
        _write(tree / "pkg" / "same.py", b"y = 2\n")
        _write(tree / "__pycache__" / "cached.pyc", b"ignored")
    _write(expected / "pkg" / "changed.py", b"value = 1\n")
    _write(actual / "pkg" / "changed.py", b"value = 2\n")
    # Same size and same mtime: only a comparison of the contents sees the change.
    stat = (expected / "pkg" / "changed.py").stat()
    os.utime(actual / "pkg" / "changed.py", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _write(expected / "pkg" / "missing.py", b"gone = True\n")
    _write(actual / "extra.py", b"stray = True\n")
    _write(actual / "__pycache__" / "only_here.pyc", b"ignored too")

    assert generate.differences(expected, actual) == [
        "extra.py (not generated)",
        "pkg/changed.py (differs)",
        "pkg/missing.py (missing)",
    ]
    assert generate.differences(expected, expected) == []


def test_differences_reports_a_missing_target(
    generate: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generate, "ROOT", tmp_path)
    (tmp_path / "expected").mkdir()
    assert generate.differences(tmp_path / "expected", tmp_path / "nowhere") == [
        "nowhere (missing)"
    ]


def test_check_passes_on_the_committed_tree(
    generate: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert generate.main(["--check"]) == 0
    out, err = capsys.readouterr()
    assert out == "generated code is up to date\n"
    assert err == ""


@pytest.mark.parametrize("seed", ["1", "2718"])
def test_generation_does_not_depend_on_the_hash_seed(
    generate: ModuleType, seed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing pins the generator's hash seed: set iteration order must not reach the output."""
    monkeypatch.setenv("PYTHONHASHSEED", seed)
    assert generate.main(["--check"]) == 0


def test_check_fails_on_a_drifted_tree(
    generate: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "generated"
    shutil.copytree(generate.TARGET, target, ignore=shutil.ignore_patterns("__pycache__"))
    changed = target / "models" / "task.py"
    content = bytearray(changed.read_bytes())
    content[-2] = ord("#") if content[-2] != ord("#") else ord("%")  # one byte, same length
    changed.write_bytes(bytes(content))
    monkeypatch.setattr(generate, "TARGET", target)

    assert generate.main(["--check"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "run `make generate`" in err
    assert err.splitlines()[1:] == ["  models/task.py (differs)"]
    # The check wrote nothing into the target and left no temporary folder behind.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["generated"]
    assert changed.read_bytes() == bytes(content)
