"""The package as it is distributed: what its wheel holds, and how its modules import each other.

With the package at the top level rather than under `src/`, the tests import the working tree,
so nothing else would notice a file that the wheel leaves out.
"""

from __future__ import annotations

import ast
import configparser
import email.parser
import graphlib
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import wan_tasks_sdk

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "wan_tasks_sdk"


def package_files() -> set[str]:
    """The package's files in the working tree, as wheel paths (no caches)."""
    return {
        path.relative_to(ROOT).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel, built as `pip wheel .` builds it, without fetching a build environment."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--wheel-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (built,) = out.glob("wan_tasks_sdk-*.whl")
    return zipfile.ZipFile(built)


def dist_info(wheel: zipfile.ZipFile, name: str) -> str:
    (path,) = (n for n in wheel.namelist() if n.endswith(f".dist-info/{name}"))
    return wheel.read(path).decode()


def test_the_wheel_holds_the_whole_package(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert {n for n in names if n.startswith("wan_tasks_sdk/")} == package_files()
    assert "wan_tasks_sdk/py.typed" in names
    assert "wan_tasks_sdk/generated/models/task.py" in names
    assert "wan_tasks_sdk/generated/api/tasks/query_tasks.py" in names
    assert "wan_tasks_sdk/generated/openapi.json" in names  # the spec, as package data
    assert "wan_tasks_sdk/testing/_service.py" in names  # the fake ships: users test with it


def test_the_wheel_holds_nothing_beside_the_package(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert tops == {"wan_tasks_sdk", f"wan_tasks_sdk-{wan_tasks_sdk.__version__}.dist-info"}
    for development_only in ("tests/", "tools/", "templates/", "bench/", "openapi.yaml"):
        assert not any(name.startswith(development_only) for name in wheel.namelist())


def test_the_wheel_requires_httpx_only(wheel: zipfile.ZipFile) -> None:
    """The generated code is plain Python over httpx: no attrs (its import cost)."""
    metadata = email.parser.Parser().parsestr(dist_info(wheel, "METADATA"))
    required = [r for r in metadata.get_all("Requires-Dist", []) if "extra ==" not in r]
    assert [re.split(r"[ <>=!~;\[]", r, maxsplit=1)[0] for r in required] == ["httpx"]


def test_the_wheel_declares_the_command_and_the_fast_extra(wheel: zipfile.ZipFile) -> None:
    entry_points = configparser.ConfigParser()
    entry_points.read_string(dist_info(wheel, "entry_points.txt"))
    assert dict(entry_points["console_scripts"]) == {"wan-tasks": "wan_tasks_sdk._cli:main"}
    metadata = email.parser.Parser().parsestr(dist_info(wheel, "METADATA"))
    assert "fast" in metadata.get_all("Provides-Extra", [])
    assert any(
        requirement.startswith("orjson>=") and "extra == 'fast'" in requirement
        for requirement in metadata.get_all("Requires-Dist", [])
    )


# --- the import graph --------------------------------------------------------------------------


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import the module can execute: all but those under `if TYPE_CHECKING:`."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def imported_modules(name: str, is_package: bool, tree: ast.Module, known: set[str]) -> set[str]:
    """The package's own modules that module `name` imports."""
    found: set[str] = set()
    for node in runtime_imports(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        if node.level:
            anchor = name.split(".")
            anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
            base = ".".join([*anchor, *([node.module] if node.module else [])])
        else:
            base = node.module or ""
        for alias in node.names:
            # `from package import module` imports the module; any other name, the package.
            found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return found & known


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    known = set(paths)
    return {
        name: imported_modules(
            name, path.name == "__init__.py", ast.parse(path.read_text(encoding="utf-8")), known
        )
        for name, path in paths.items()
    }


def test_no_module_imports_itself_through_others() -> None:
    graph = import_graph()
    assert "wan_tasks_sdk._core" in graph["wan_tasks_sdk._client"]  # the graph is read at all
    assert "wan_tasks_sdk.generated.models" in graph["wan_tasks_sdk._core"]
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as cycle:
        pytest.fail(f"import cycle: {' -> '.join(cycle.args[1])}")


def test_importing_the_sdk_defers_asyncio_httpcore_the_cli_and_the_fake() -> None:
    """Each costs time at every start, and loads when used: an event loop imports asyncio, and
    httpx imports httpcore (with its TLS set-up) when it makes a transport, not on import."""
    program = "import sys, wan_tasks_sdk; print('\\n'.join(sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", program], check=True, capture_output=True, text=True
    ).stdout.split()
    assert "wan_tasks_sdk._client" in loaded
    deferred = ("asyncio", "httpcore", "wan_tasks_sdk._cli", "wan_tasks_sdk.testing")
    assert [
        m for m in loaded if m in deferred or m.startswith(tuple(f"{d}." for d in deferred))
    ] == []


def loaded_by(program: str) -> list[str]:
    """The modules a fresh interpreter holds after running `program`."""
    return subprocess.run(
        [sys.executable, "-c", f"{program}\nimport sys; print('\\n'.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()


GENERATED_MODULES = sorted(module_name(path) for path in (PACKAGE / "generated").rglob("*.py"))


@pytest.mark.parametrize(
    "program",
    [
        "import wan_tasks_sdk",
        "import wan_tasks_sdk.generated",
        "\n".join(f"import {name}" for name in GENERATED_MODULES),
    ],
    ids=["the SDK", "the generated package", "every generated module"],
)
def test_nothing_imports_attrs(program: str) -> None:
    """The generated classes are plain Python: attrs would cost more import time than the
    whole SDK's budget."""
    loaded = loaded_by(program)
    assert "wan_tasks_sdk" in loaded  # the program ran
    assert [m for m in loaded if m in ("attr", "attrs") or m.startswith(("attr.", "attrs."))] == []
