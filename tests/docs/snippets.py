"""The Python code the documentation shows: the README's ```python blocks and the spec's Python
`x-codeSamples`, each with where it comes from, so a failure points at the line to fix.

Every snippet must run on its own (copied alone into a file, it works): no snippet relies on
names another one defined. A README block fenced as ```` ```python no-run ```` is type-checked
but not run: it needs something only the reader has (a company CA file, a proxy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.spec import spec_document

README = Path(__file__).resolve().parents[2] / "README.md"
#: Where the spec keeps its code samples (Redoc's `x-codeSamples`: `lang`, `label`, `source`).
CODE_SAMPLES_OPERATION = (spec_document.OPERATION_PATH, spec_document.OPERATION_METHOD)

_FENCE = re.compile(
    r"^```python(?P<options>[ \t][^\n]*)?\n(?P<source>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL
)


@dataclass(frozen=True)
class Snippet:
    """One piece of documented code: `origin` names the file and line it starts on."""

    origin: str
    source: str
    runs: bool = True

    @property
    def module_name(self) -> str:
        """A Python module name for it (for the type checkers, which read files)."""
        return "snippet_" + re.sub(r"\W+", "_", self.origin).strip("_").lower()


def readme_snippets(path: Path = README) -> list[Snippet]:
    text = path.read_text(encoding="utf-8")
    return [
        Snippet(
            f"{path.name}:{text.count(chr(10), 0, found.start('source')) + 1}",
            found["source"],
            runs="no-run" not in (found["options"] or "").split(),
        )
        for found in _FENCE.finditer(text)
    ]


def spec_code_samples(document: dict[str, Any] | None = None) -> list[Snippet]:
    """The Python `x-codeSamples` of `POST /wan/tasks` (none yet is fine)."""
    path, method = CODE_SAMPLES_OPERATION
    spec = document if document is not None else spec_document.spec()
    samples = spec["paths"][path][method].get("x-codeSamples", [])
    return [
        Snippet(f"openapi.yaml:x-codeSamples[{index}] {sample.get('label', '')}", sample["source"])
        for index, sample in enumerate(samples)
        if str(sample.get("lang", "")).lower() == "python"
    ]


def all_snippets() -> list[Snippet]:
    return [*readme_snippets(), *spec_code_samples()]
