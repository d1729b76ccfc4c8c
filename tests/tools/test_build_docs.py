"""tools/build_docs.py: the offline reference page, checked as a file and as Chromium renders it.

"No external URL" is checked where it matters, as resources the browser would load, not as text:
the spec's own content (the server URL, `externalDocs`, the example video links) and the Redoc
bundle's string constants (XML namespaces, links in its error messages) hold `https://` that is
never fetched, while a stylesheet `url(...)`, a `<link>` or a `<script src>` would be. So the
file is parsed and every loading attribute, inline style and CSS import is checked, and the
rendered page reports every resource it loaded and every load its Content-Security-Policy
blocked, which must both be none.

Chromium is Debian's `chromium` package; without it these tests fail (never skip) and say how
to install it. One headless run of about 3-5 s serves the whole module.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.spec import spec_document as doc

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED_TASK_ID = "a4bca552-d964-46a1-8ff7-fd922f916582"
# Flags for a headless run that touches nothing outside the page: no GPU, no sandbox (root in
# containers), no profile, no background traffic of the browser's own.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-dev-shm-usage",
    # Virtual time runs the page's timers until it is idle, so the dump holds the rendered
    # reference whatever the machine's load, and no test waits on the wall clock.
    "--virtual-time-budget=5000",
]  # fmt: skip
# Run before Redoc: it records what the page fetched and what its CSP blocked, then writes that
# into the DOM, where `--dump-dom` can carry it out.
RESOURCE_PROBE = """<script>
window.blockedLoads = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.blockedLoads.push(event.blockedURI);
});
window.addEventListener("load", () => setTimeout(() => {
  const report = document.createElement("pre");
  report.id = "resource-probe";
  report.textContent = JSON.stringify({
    blocked: window.blockedLoads,
    loaded: performance.getEntriesByType("resource").map((entry) => entry.name),
  });
  document.body.appendChild(report);
}, 2000));
</script>
"""
# Schema keywords whose value maps names to schemas (so a key "title" there is a property name).
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")
# Attributes through which HTML makes the browser fetch something.
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "action", "formaction"}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"]?)\s*(?:[a-z][a-z0-9+.-]*:)?//""", re.I)


@pytest.fixture(scope="module")
def build_docs() -> ModuleType:
    """tools/build_docs.py, imported from its path (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "wan_tasks_tools_build_docs", ROOT / "tools" / "build_docs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def page(build_docs: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page for the spec in the tree, built as `make docs` builds it."""
    output: Path = build_docs.build(tmp_path_factory.mktemp("docs") / "index.html")
    return output


class _PageParser(HTMLParser):
    """Collects the visible text, the loading attributes, and the inline scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.inline: dict[str, list[str]] = {"script": [], "style": []}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if tag in ("script", "style", "noscript"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if not self._open:
            self.text.append(data)
        elif self._open[-1] in self.inline:
            self.inline[self._open[-1]].append(data)


def parse(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser


def remote_references(html: str) -> list[str]:
    """Every reference in `html` that makes a browser fetch from another host.

    Anchors (`<a href>`) are links a reader may follow, not resources, and are not counted.
    """
    parsed = parse(html)
    found = []
    for tag, attributes in parsed.tags:
        for name, value in attributes.items():
            if name in LOADING_ATTRIBUTES and REMOTE.match(value):
                found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and CSS_REMOTE.search(value):
                found.append(f"<{tag} style={value!r}>")
        if tag == "link" and REMOTE.match(attributes.get("href", "")):
            found.append(f"<link href={attributes['href']!r}>")
    for css in parsed.inline["style"]:
        found += [f"<style> {match}" for match in CSS_REMOTE.findall(css)]
    return found


def chromium() -> str:
    """Path of Debian's chromium; a missing browser is a failure that says how to install it."""
    path = shutil.which("chromium")
    if path is None:
        pytest.fail(
            "chromium is missing; the rendered-page test needs it: apt-get install chromium",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="module")
def rendered(page: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The DOM Chromium renders from the page (with the resource probe added), as HTML."""
    probed = page.with_name("probed.html")
    html = page.read_text(encoding="utf-8")
    probed.write_text(html.replace("<script>", RESOURCE_PROBE + "<script>", 1), encoding="utf-8")
    profile = tmp_path_factory.mktemp("chromium-profile")
    result = subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", probed.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def rendered_text(rendered: str) -> str:
    """What a reader sees: the rendered DOM's text, outside scripts and styles."""
    return " ".join(" ".join(parse(rendered).text).split())


def schema_titles(node: Any, in_schema: bool = False) -> Iterator[str]:
    """Every `title` of a schema in the spec (not `info.title`, not a property named `title`)."""
    if isinstance(node, list):
        for item in node:
            yield from schema_titles(item, in_schema)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("example", "examples") or key.startswith("x-"):
                continue  # data and extensions, not schemas
            if in_schema and key == "title" and isinstance(value, str):
                yield value
            elif in_schema and key in SCHEMA_MAPS:
                for subschema in value.values():
                    yield from schema_titles(subschema, in_schema=True)
            else:
                is_schema = in_schema or key == "schema"
                yield from schema_titles(value, is_schema and key != "discriminator")


def all_schema_titles() -> list[str]:
    spec = doc.spec()
    components = spec.get("components", {})
    titles = list(schema_titles(list(components.get("schemas", {}).values()), in_schema=True))
    others = {key: value for key, value in components.items() if key != "schemas"}
    titles += schema_titles([spec.get("paths", {}), others])
    return sorted(set(titles))


def test_the_file_loads_nothing_from_another_host(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    parsed = parse(html)
    assert remote_references(html) == []
    assert [attributes for tag, attributes in parsed.tags if tag == "script" and attributes] == []
    assert [tag for tag, _ in parsed.tags if tag in ("link", "iframe", "object", "embed")] == []


def test_remote_references_finds_resources_and_leaves_links_alone() -> None:
    html = """<html><head><link rel="stylesheet" href="https://fonts.example/css">
    <style>@import "//cdn.example/x.css";
    body { background: url('https://cdn.example/b.png') }</style>
    </head><body><script src="https://cdn.example/redoc.js"></script>
    <img src="data:," srcset="http://cdn.example/i.png 2x">
    <a href="https://platform.acedata.cloud/documents/wan-tasks-api">docs</a>
    <p>https://api.acedata.cloud</p></body></html>"""
    assert len(remote_references(html)) == 5
    assert not any("acedata" in found for found in remote_references(html))


def test_the_rendered_page_fetched_nothing_and_nothing_was_blocked(rendered: str) -> None:
    match = re.search(r'<pre id="resource-probe">(.*?)</pre>', rendered, re.DOTALL)
    assert match, "the page did not finish loading in Chromium"
    report = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert report["blocked"] == []
    assert [url for url in report["loaded"] if not url.startswith(("data:", "blob:"))] == []


def test_the_operation_is_rendered(rendered_text: str) -> None:
    for path, methods in doc.spec()["paths"].items():
        for method, operation in methods.items():
            if isinstance(operation, dict) and "summary" in operation:
                assert f"{method} {path}" in rendered_text
                assert " ".join(operation["summary"].split()) in rendered_text


def test_every_schema_title_is_rendered(rendered_text: str) -> None:
    missing = [title for title in all_schema_titles() if title not in rendered_text]
    assert missing == []


def _schema(node: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = doc.lookup(doc.deref(node["$ref"])) if "$ref" in node else node
    return found


def test_every_request_body_schema_is_rendered(rendered_text: str) -> None:
    """The body's form is on the page: its oneOf branches' titles and the shown branch's fields."""
    for methods in doc.spec()["paths"].values():
        for operation in methods.values():
            if not isinstance(operation, dict) or "requestBody" not in operation:
                continue
            start = rendered_text.index(" ".join(operation["summary"].split()))
            body_start = rendered_text.index("Request Body schema", start)
            body_text = rendered_text[body_start : rendered_text.index("Responses", body_start)]
            body = _schema(operation["requestBody"])
            for media in body["content"].values():
                schema = _schema(media["schema"])
                branches = [_schema(branch) for branch in schema.get("oneOf", [schema])]
                expected = [b["title"] for b in branches if "title" in b and len(branches) > 1]
                expected += list(branches[0].get("properties", {}))
                assert [word for word in expected if word not in body_text] == []


def test_renderable_drops_only_a_discriminator_redoc_cannot_render(
    build_docs: ModuleType,
) -> None:
    conditional = {"type": "object", "if": {"required": ["id"]}, "else": {"required": ["t"]}}
    spec: dict[str, Any] = {
        "components": {
            "schemas": {
                "Conditional": conditional,
                "Plain": {"type": "object"},
                "Broken": {
                    "oneOf": [{"$ref": "#/components/schemas/Conditional"}],
                    "discriminator": {"propertyName": "action"},
                },
                "Fine": {
                    "oneOf": [{"$ref": "#/components/schemas/Plain"}],
                    "discriminator": {"propertyName": "action"},
                },
            }
        }
    }
    schemas = build_docs.renderable(spec)["components"]["schemas"]
    assert "discriminator" not in schemas["Broken"]
    assert schemas["Fine"]["discriminator"] == {"propertyName": "action"}
    assert "discriminator" in spec["components"]["schemas"]["Broken"]


def test_the_bundle_loses_its_remote_logo_and_a_changed_bundle_is_refused(
    build_docs: ModuleType,
) -> None:
    bundle = 'img({src:"https://cdn.redoc.ly/redoc/logo-mini.svg"})'
    assert build_docs.offline_bundle(bundle) == 'img({src:"data:,"})'
    with pytest.raises(SystemExit, match="review the offline patch"):
        build_docs.offline_bundle("img({src:logo})")
    with pytest.raises(SystemExit, match="cannot be inlined"):
        build_docs.offline_bundle(bundle + '"</SCRIPT>"')


def test_the_spec_cannot_end_its_script_element(build_docs: ModuleType) -> None:
    literal = build_docs.script_json({"description": "</script><!-- & -->"})
    assert "<" not in literal
    assert ">" not in literal
    assert json.loads(literal) == {"description": "</script><!-- & -->"}


def test_the_published_example_is_rendered(rendered_text: str) -> None:
    assert PUBLISHED_TASK_ID in rendered_text
