"""Regenerate the wire layer from openapi.yaml, or check that the committed copy is current.

`python tools/generate.py` writes wan_tasks_sdk/generated/ from openapi.yaml, generator-config.yml
and the custom templates in templates/ with the pinned openapi-python-client, and writes the spec
itself beside the code as openapi.json (package data: `wan_tasks_sdk.spec.load_spec()`). `--check`
generates into a temporary folder and fails, listing the differing files, when the committed
code has drifted.

The generator runs into a fresh temporary folder and the result replaces the target in one
rename, so an interrupted or failed run never leaves a half-written package behind.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "generator-config.yml"
TEMPLATES = ROOT / "templates"
SPEC_JSON = "openapi.json"
TARGET = ROOT / "wan_tasks_sdk" / "generated"


def load_spec() -> dict[str, Any]:
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def inline_scalar_refs(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every `$ref` to a scalar or array schema replaced by that schema.

    The generator turns such a reference into a plain property and forgets the bounds of the
    schema it names (`minimum`, `minLength`, ...), which the templates read from the raw schema
    of each property; inlined, the bounds sit where the templates look. References to objects,
    enums and unions stay: those become classes of their own, which check themselves.
    """
    schemas = document.get("components", {}).get("schemas", {})
    prefix = "#/components/schemas/"

    def is_scalar(schema: dict[str, Any]) -> bool:
        kinds = schema.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        composite = {"enum", "anyOf", "oneOf", "allOf", "properties", "$ref"} & schema.keys()
        return not composite and None not in kinds and "object" not in kinds

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(prefix):
                target = schemas.get(ref.removeprefix(prefix))
                if isinstance(target, dict) and is_scalar(target):
                    return inline({**target, **{k: v for k, v in node.items() if k != "$ref"}})
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    return inline(document)  # type: ignore[no-any-return]


def spec_json(document: dict[str, Any]) -> str:
    """The spec as JSON, byte for byte the same for the same document."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def generate_into(out_dir: Path, spec: dict[str, Any] | None = None) -> None:
    """Run the generator on `spec` (openapi.yaml by default); its post-hooks call ruff, so the
    venv's bin must be on PATH."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    document = load_spec() if spec is None else spec
    generator_input = out_dir.parent / "openapi-for-generator.json"
    generator_input.write_text(spec_json(inline_scalar_refs(document)), encoding="utf-8")
    command = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path", str(generator_input),
        "--config", str(CONFIG),
        "--custom-template-path", str(TEMPLATES),
        "--meta", "none",
        "--output-path", str(out_dir),
        "--overwrite",
    ]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    # The generator exits 0 even when it skipped pieces; its warnings are the only signal.
    if result.returncode != 0 or "Warning" in result.stdout or "Error" in result.stdout:
        raise SystemExit(
            f"openapi-python-client failed or warned:\n{result.stdout}{result.stderr}".rstrip()
        )
    for cache in out_dir.rglob("__pycache__"):
        shutil.rmtree(cache)
    (out_dir / SPEC_JSON).write_text(spec_json(document), encoding="utf-8")


def differences(expected: Path, actual: Path) -> list[str]:
    """Relative paths that differ, are missing, or are extra in `actual`."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{name} (missing)" for name in cmp.left_only)
        found.extend(f"{prefix}{name} (not generated)" for name in cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{prefix}{name} (differs)" for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    if not actual.is_dir():
        return [f"{actual.relative_to(ROOT)} (missing)"]
    walk(filecmp.dircmp(expected, actual, ignore=["__pycache__"]), "")
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed code differs")
    args = parser.parse_args(argv)

    # Beside the package, not inside it: a run killed before its clean-up leaves a folder that
    # git ignores (.gitignore) and that no linter or packager mistakes for package code.
    with tempfile.TemporaryDirectory(prefix=".generate-", dir=ROOT) as tmp:
        fresh = Path(tmp) / "generated"
        generate_into(fresh)
        if args.check:
            drift = differences(fresh, TARGET)
            if drift:
                print(
                    "The generated code differs from what openapi.yaml and generator-config.yml"
                    " produce; run `make generate` and commit the result:",
                    *(f"  {line}" for line in drift),
                    sep="\n",
                    file=sys.stderr,
                )
                return 1
            print("generated code is up to date")
            return 0
        old = Path(tmp) / "old"
        if TARGET.exists():
            TARGET.rename(old)
        fresh.rename(TARGET)
    print(f"generated {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
