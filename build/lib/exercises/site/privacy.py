"""The privacy guard: no course page may load a file from another host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


class _ForeignResources(HTMLParser):
    """Collects script, stylesheet, font, image, media and frame addresses on other hosts."""

    TAGS = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "audio": "src",
        "video": "src",
        "embed": "src",
        "object": "data",
        "link": "href",
    }
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
        docname = page.relative_to(outdir).with_suffix("").as_posix()
        for resource in foreign_resources(page.read_text(encoding="utf-8")):
            logger.warning(
                f"{page.relative_to(outdir)} lädt eine Datei von einem fremden Server: "
                f"{resource}. Kursseiten dürfen nur Dateien der eigenen Website laden.",
                type="kurs",
                subtype="privacy",
                location=docname if docname in app.env.found_docs else None,
            )
