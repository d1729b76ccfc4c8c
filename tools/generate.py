"""Regenerate the wire layer from openapi.yaml, or check that the committed copy is current.

`python tools/generate.py` writes wan_tasks_sdk/generated/ from openapi.yaml and
generator-config.yml with the pinned openapi-python-client. `--check` generates into a temporary
folder and fails, listing the differing files, when the committed code has drifted.

The generator runs into a fresh temporary folder and the result replaces the target in one
rename, so an interrupted or failed run never leaves a half-written package behind.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "generator-config.yml"
TARGET = ROOT / "wan_tasks_sdk" / "generated"


def generate_into(out_dir: Path) -> None:
    """Run the generator; its post-hooks call ruff, so the venv's bin must be on PATH."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path", str(SPEC),
        "--config", str(CONFIG),
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

    with tempfile.TemporaryDirectory(prefix="wan-tasks-generate-", dir=TARGET.parent) as tmp:
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
