"""Sphinx extension of the course: content checks, our page assets, privacy guard, downloads.

Loaded through ``_config.yml`` (``sphinx.extra_extensions``).
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

from sphinx.application import Sphinx
from sphinx.util import logging

from .errors import ContentErrors
from .frontend import STATIC_DIR

logger = logging.getLogger(__name__)
NOTEBOOK_DIR = "_notebooks"
DOWNLOAD_LABEL = "Als Notebook herunterladen"


def check_content(app: Sphinx) -> None:
    """Fail the build, without a traceback, when a bank or scenario has errors."""
    from .content import load_all_content

    try:
        load_all_content()
    except ContentErrors as exc:
        for error in exc.errors:
            logger.error(str(error))
        logger.error(exc.report().splitlines()[0] + " Der Kurs wurde nicht gebaut.")
        sys.exit(1)


def add_static(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC_DIR))


class _ForeignResources(HTMLParser):
    """Collects script, stylesheet, font, image, media and frame addresses on other hosts."""

    TAGS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
            "video": "src", "embed": "src", "object": "data", "link": "href"}
    LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "prefetch", "manifest"}

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = self.TAGS.get(tag)
        if name is None:
            return
        if tag == "link" and not (set((attributes.get("rel") or "").split()) & self.LINK_RELS):
            return
        for candidate in [attributes.get(name) or "", *(attributes.get("srcset") or "").split(",")]:
            url = candidate.strip().split(" ")[0]
            if url.startswith("//") or urlparse(url).scheme in {"http", "https"}:
                self.found.append(f"<{tag}> {url}")

    def handle_data(self, data):
        for url in re.findall(r"url\((['\"]?)((?:https?:)?//[^)'\"]+)\1\)", data):
            self.found.append(f"CSS url() {url[1]}")


def foreign_resources(html: str) -> list[str]:
    parser = _ForeignResources()
    parser.feed(html)
    return parser.found


def guard_privacy(app: Sphinx, exception) -> None:
    """Warn for every page that would load a file from another host."""
    if exception or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for page in sorted(outdir.rglob("*.html")):
        for resource in foreign_resources(page.read_text(encoding="utf-8")):
            logger.warning(
                f"{page.relative_to(outdir)} lädt eine Datei von einem fremden Server: "
                f"{resource}. Kursseiten dürfen nur Dateien der eigenen Website laden.",
                type="kurs", subtype="privacy")


_ICON_SCRIPT = re.compile(r'[ \t]*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?')


def polish_page(text: str, theme_texts: dict[str, str]) -> str:
    """What the theme's templates write and no setting changes.

    - The 1.5 MB icon script goes: the theme's stylesheet already draws every icon with the
      icon font; the script only serves custom icons, which the course does not use.
    - English titles and labels of theme buttons and links become German (ui_text.yml, theme).
    """
    text = _ICON_SCRIPT.sub("", text)
    for english, german in theme_texts.items():
        for attribute in ("title", "aria-label"):
            text = text.replace(f'{attribute}="{english}"', f'{attribute}="{german}"')
    return text


def polish_pages(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    from .texts import all_texts

    theme_texts = all_texts()["theme"]
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        polished = polish_page(text, theme_texts)
        if polished != text:
            page.write_text(polished, encoding="utf-8")


def _notebook_docs(app: Sphinx) -> list[str]:
    """Chapters written as MyST notebooks (jupytext header); looked up once per build."""
    if getattr(app, "_kurs_notebooks", None) is None:
        docs = []
        for docname in app.env.found_docs:
            path = Path(app.env.doc2path(docname))
            text = path.read_text(encoding="utf-8") if path.suffix == ".md" else ""
            if text.startswith("---\njupytext:"):
                docs.append(docname)
        app._kurs_notebooks = sorted(docs)
    return app._kurs_notebooks


def add_download_link(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is None or pagename not in _notebook_docs(app):
        return
    href = context["pathto"](f"{NOTEBOOK_DIR}/{pagename}.ipynb", 1)
    filename = Path(pagename).name + ".ipynb"
    context["body"] = (
        f'<p class="kurs-download"><a href="{href}" download="{filename}">'
        f"{DOWNLOAD_LABEL} (.ipynb)</a></p>\n" + context.get("body", "")
    )


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _unneeded(script, thebe_on: bool) -> bool:
    attributes = getattr(script, "attributes", {})
    # The page shows each widget's HTML view; the kernel's widget state (our modules, data and
    # styles once more) would only add weight, as no widget manager runs in the page.
    if attributes.get("type") == WIDGET_STATE:
        return True
    name = str(getattr(script, "filename", script) or "").lower()
    return not thebe_on and ("thebe" in name or "THEBE_JS_URL" in str(attributes.get("body", "")))


def trim_page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Drop page scripts the course does not need.

    Jupyter Book always adds Thebe, which points at a CDN and declares its globals twice;
    with live code off (``launch_buttons.thebe: false``) none of it is needed.
    """
    thebe_on = bool(app.config.html_theme_options.get("launch_buttons", {}).get("thebe"))
    context["script_files"] = [
        script for script in context.get("script_files", []) if not _unneeded(script, thebe_on)
    ]
    if thebe_on:
        return
    context["css_files"] = [
        css for css in context.get("css_files", [])
        if "thebe" not in str(getattr(css, "filename", css) or "").lower()
    ]


def write_notebooks(app: Sphinx, exception) -> None:
    """Each chapter as a notebook to download: the same cells, without outputs."""
    if exception or app.builder.format != "html":
        return
    import jupytext

    for docname in _notebook_docs(app):
        notebook = jupytext.read(app.env.doc2path(docname))
        target = Path(app.outdir, NOTEBOOK_DIR, f"{docname}.ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(notebook, target, fmt="ipynb")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_static)
    app.connect("builder-inited", check_content)
    app.connect("html-page-context", add_download_link)
    app.connect("html-page-context", trim_page_scripts, priority=900)
    app.connect("build-finished", write_notebooks)
    app.connect("build-finished", polish_pages)
    app.connect("build-finished", guard_privacy)
    app.add_css_file("kurs.css")
    app.add_js_file("kurs-host.js", type="module")
    app.add_js_file("kurs-theme-fixes.js", loading_method="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
