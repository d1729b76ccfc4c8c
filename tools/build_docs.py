"""Render openapi.yaml into one self-contained HTML page that reads offline.

`python tools/build_docs.py build/docs/index.html` (what `make docs` runs) writes Redoc's
standalone bundle (the pinned `redoc` 2.x from node_modules/, a classic script that runs from
`file://`), the spec as JSON, and the call that renders it, all inline in one file.

Offline means the page fetches nothing:
- no `<script src>`, `<link>` or web font: the bundle's own styles are injected by its script, and
  the theme names local font stacks only;
- the one remote resource Redoc 2 asks for by itself, the Redocly logo in the sidebar footer, is
  replaced by an empty `data:` URL (the logo hides itself when its image does not load);
- a Content-Security-Policy allows inline scripts and styles and `data:`/`blob:` URLs only, so
  anything a future bundle tried to fetch would be blocked, not loaded.

Every response and schema is expanded, so the page reads completely without clicking and a
browser's `--dump-dom` shows it all (the rendered-page test relies on that).

Redoc 2.5 renders nothing at all for a `oneOf` with a `discriminator` when a branch holds
`if`/`then`/`else`; such a discriminator is left out of the page (the branches still show their
titles and their `action` values), never out of openapi.yaml.
"""

from __future__ import annotations

import argparse
import copy
import html
import json
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
REDOC_BUNDLE = ROOT / "node_modules" / "redoc" / "bundles" / "redoc.standalone.js"
DEFAULT_OUTPUT = ROOT / "build" / "docs" / "index.html"

REDOCLY_LOGO = '"https://cdn.redoc.ly/redoc/logo-mini.svg"'
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'unsafe-inline'",
        "style-src 'unsafe-inline'",
        "img-src data: blob:",
        "font-src data:",
        "worker-src blob:",
    ]
)
SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
MONOSPACE_FONTS = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace'
REDOC_OPTIONS: dict[str, Any] = {
    "expandResponses": "all",
    "schemasExpansionLevel": "all",
    "jsonSampleExpandLevel": "all",
    "hideDownloadButton": True,
    # A "Schemas" section with every component schema under its title, the names other
    # generators give their models.
    "schemaDefinitionsTagName": "Schemas",
    "theme": {
        "typography": {
            "fontFamily": SYSTEM_FONTS,
            "headings": {"fontFamily": SYSTEM_FONTS},
            "code": {"fontFamily": MONOSPACE_FONTS},
        }
    },
}


def offline_bundle(bundle: str) -> str:
    """The Redoc bundle without its one remote image, ready to sit inside `<script>`.

    Fails when the bundle is not the one this was written for, so that a Redoc upgrade is
    reviewed rather than silently fetching again.
    """
    if bundle.count(REDOCLY_LOGO) != 1:
        raise SystemExit(
            f"{REDOC_BUNDLE}: expected the Redocly logo URL exactly once; review the offline "
            "patch in tools/build_docs.py for this Redoc version"
        )
    if "</script" in bundle.lower():
        raise SystemExit(f"{REDOC_BUNDLE} contains '</script' and cannot be inlined as is")
    return bundle.replace(REDOCLY_LOGO, '"data:,"')


def _has_conditional(schema: Any, spec: dict[str, Any]) -> bool:
    while isinstance(schema, dict) and "$ref" in schema:
        schema = _resolve(spec, schema["$ref"])
    return isinstance(schema, dict) and "if" in schema


def _resolve(spec: dict[str, Any], ref: str) -> Any:
    node: Any = spec
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def renderable(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of `spec` that Redoc 2 renders in full (see the module's docstring)."""
    rendered = copy.deepcopy(spec)

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            branches = node.get("oneOf", [])
            if "discriminator" in node and any(_has_conditional(b, spec) for b in branches):
                del node["discriminator"]
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(rendered)
    return rendered


def script_json(value: Any) -> str:
    """`value` as a JavaScript literal that cannot end or comment out its `<script>` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(spec: dict[str, Any], bundle: str) -> str:
    """The whole page for `spec`, with `bundle` (Redoc's standalone script) inlined."""
    title = html.escape(str(spec.get("info", {}).get("title", "API reference")))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body {{ margin: 0; padding: 0; }}</style>
</head>
<body>
<noscript>This reference is rendered by JavaScript; openapi.yaml holds the same text.</noscript>
<div id="redoc-container"></div>
<script>{offline_bundle(bundle)}</script>
<script>
Redoc.init({script_json(renderable(spec))}, {script_json(REDOC_OPTIONS)},
  document.getElementById("redoc-container"));
</script>
</body>
</html>
"""


def build(output: Path, spec_path: Path = SPEC) -> Path:
    """Write the page for `spec_path` to `output`; returns `output`."""
    if not REDOC_BUNDLE.exists():
        raise SystemExit(f"{REDOC_BUNDLE} is missing: run `make docs` (it runs `npm ci`)")
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    page = render_page(spec, REDOC_BUNDLE.read_text(encoding="utf-8"))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    written = build(parser.parse_args().output)
    print(f"wrote {written} ({written.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
