"""Reading the built HTML the way the tests need it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
# The jupytext header that makes a MyST Markdown file a notebook chapter (for fixture books).
NOTEBOOK_HEADER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def toc_docnames() -> list[str]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]
    for part in toc.get("parts", [{"chapters": toc.get("chapters", [])}]):
        names.extend(chapter["file"] for chapter in part["chapters"])
    return names


CHAPTERS = [name for name in toc_docnames() if name not in {"book/glossar", "book/quellen"}]


class Page(HTMLParser):
    """Collects what the tests look at: links, images, headings, ids, main text."""

    def __init__(self, text: str):
        super().__init__()
        self.links: list[str] = []
        self.images: list[dict] = []
        self.ids: set[str] = set()
        self.headings: list[tuple[str, str]] = []
        self.classes: set[str] = set()
        self._heading: list | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        self.classes.update((attributes.get("class") or "").split())
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "img":
            self.images.append(attributes)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag, ""]

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if self._heading is not None and tag == self._heading[0]:
            self.headings.append((tag, " ".join(self._heading[1].split()).rstrip("#").strip()))
            self._heading = None


def read_page(html_dir: Path, docname: str) -> Page:
    return Page((html_dir / f"{docname}.html").read_text(encoding="utf-8"))


def sort_by_moving_up(fieldset, count: int) -> None:
    """Put an ordering question's items in their right order with the "nach oben" buttons."""
    for target in range(count):
        while True:
            order = fieldset.locator("li[data-item]").evaluate_all(
                "els => els.map(e => Number(e.dataset.item))"
            )
            if order.index(target) == target:
                break
            fieldset.locator(f'li[data-item="{target}"] button[data-move=up]').click()
