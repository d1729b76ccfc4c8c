"""Print the interpreter of each CPython version asked for (`3.12` ...), one path a line.

`make test-all` runs the suite on each. An interpreter is looked for with pyenv (`pyenv prefix
3.12`), then as `python3.12` on PATH, and is accepted only when it really is that CPython. When
any is missing, nothing is printed and the message says how to install the missing ones.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

_PROBE = "import platform, sys; print(platform.python_implementation(), *sys.version_info[:2])"


def _is_cpython(interpreter: Path, version: str) -> bool:
    try:
        done = subprocess.run(
            [str(interpreter), "-c", _PROBE],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and done.stdout.split() == ["CPython", *version.split(".")]


def _candidates(version: str) -> list[Path]:
    found = []
    pyenv = shutil.which("pyenv")
    if pyenv:
        prefix = subprocess.run(
            [pyenv, "prefix", version], capture_output=True, text=True, check=False
        )
        if prefix.returncode == 0 and prefix.stdout.strip():
            found.append(Path(prefix.stdout.strip().splitlines()[0]) / "bin" / f"python{version}")
    on_path = shutil.which(f"python{version}")
    if on_path:
        found.append(Path(on_path))
    return found


def find(version: str) -> Path | None:
    """The interpreter of CPython `version` (`"3.12"`), or None."""
    return next((path for path in _candidates(version) if _is_cpython(path, version)), None)


def main(versions: list[str]) -> int:
    found = {version: find(version) for version in versions}
    missing = [version for version, path in found.items() if path is None]
    if missing:
        names = ", ".join(f"CPython {version}" for version in missing)
        print(
            f"make test-all: not found: {names} (looked for `pyenv prefix X.Y` and "
            f"pythonX.Y on PATH).\nInstall with pyenv: "
            + "; ".join(f"pyenv install {version}" for version in missing)
            + "\n(or your system's package of that Python), then run make test-all again.",
            file=sys.stderr,
        )
        return 1
    for path in found.values():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
