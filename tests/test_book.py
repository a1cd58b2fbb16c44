"""The built course: complete, warning-free, every chapter shaped as a learner expects."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml
from pages import CHAPTERS, REPO, read_page, toc_docnames

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SEED_COVERAGE = yaml.safe_load((REPO / "tests/data/seed-coverage.yml").read_text("utf-8"))


def test_build_finishes_without_any_warning(book):
    log = ANSI.sub("", book.log)
    # Sphinx's findings read "WARNING: …" or "ERROR: …" (with the file in front).
    warnings = [line for line in log.splitlines() if re.search(r"\b(WARNING|ERROR): ", line)]
    assert book.returncode == 0 and warnings == [], "\n".join(warnings) or log[-3000:]
    # Nothing buries an instructor's warning: no report of every table the font subsetter prunes.
    assert "fontTools" not in log, [line for line in log.splitlines() if "fontTools" in line][:3]


@pytest.mark.parametrize("docname", toc_docnames())
def test_every_toc_entry_became_a_page(built, docname):
    page = read_page(built.html, docname)
    assert "h1" in [tag for tag, _ in page.headings]
    assert '<html lang="de"' in (built.html / f"{docname}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("docname", CHAPTERS)
def test_chapter_has_goals_figure_with_alt_text_and_summary(built, docname):
    page = read_page(built.html, docname)
    assert "lernziele" in page.classes, "Lernziele fehlen"
    assert any(text.endswith("Das Wichtigste in Kürze") for tag, text in page.headings if tag == "h2")
    content_images = [img for img in page.images if "_images/" in (img.get("src") or "")]
    assert content_images or docname == "book/fuer-lehrende", "kein Bild oder Diagramm"
    for image in page.images:
        assert (image.get("alt") or "").strip(), f"Bild ohne Alternativtext: {image.get('src')}"


@pytest.mark.parametrize("docname", toc_docnames() + ["search", "genindex"])
def test_internal_links_resolve(built, docname):
    page = read_page(built.html, docname)
    here = (built.html / f"{docname}.html").parent
    for href in page.links:
        parsed = urlparse(href)
        if parsed.scheme or href.startswith(("mailto:", "javascript:")):
            continue
        target = (here / unquote(parsed.path)).resolve() if parsed.path else built.html / f"{docname}.html"
        assert target.exists(), f"{docname}: Link ins Leere: {href}"
        if parsed.fragment and target.suffix == ".html":
            ids = read_page(target.parent, target.stem).ids
            assert parsed.fragment in ids, f"{docname}: Sprungziel fehlt: {href}"


@pytest.mark.parametrize("entry", SEED_COVERAGE, ids=lambda e: e["heading"][:40])
def test_seed_statement_is_treated_in_its_section(entry):
    text = (REPO / entry["file"]).read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)
    matches = [s for s in sections if s.splitlines()[0].strip() == entry["heading"]]
    assert matches, f"Abschnitt „{entry['heading']}“ fehlt in {entry['file']}"
    section = matches[0].lower()
    for keyword in entry["keywords"]:
        assert keyword in section, f"„{keyword}“ fehlt im Abschnitt „{entry['heading']}“"


FIGURE = re.compile(r"\d+(,\d+)?\s?%|\d+(,\d+)?\s(Millionen|Milliarden)")
CALCULATION = re.compile(r"[×÷=]")  # formulas and worked examples are not facts to source
YEAR = re.compile(r"\b(19[2-9]\d|20[0-2]\d)\b")


def prose_lines(path: Path):
    """Prose of a chapter: no front matter, no code cells, no directive options."""
    in_code = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code or line.startswith((":", "---")) or not line.strip():
            continue
        yield number, line


@pytest.mark.parametrize("path", sorted((REPO / "book").glob("*.md")), ids=lambda p: p.name)
def test_every_figure_in_the_text_names_source_and_year(path):
    missing = [
        f"{path.name}:{number}: {line.strip()[:90]}"
        for number, line in prose_lines(path)
        if FIGURE.search(line) and not YEAR.search(line) and not CALCULATION.search(line)
    ]
    assert not missing, "Zahlen ohne Quelle und Jahr:\n" + "\n".join(missing)


@pytest.mark.parametrize("docname", [d for d in CHAPTERS if d != "book/fuer-lehrende"])
def test_chapter_offers_its_notebook_for_download(built, docname):
    page = read_page(built.html, docname)
    links = [href for href in page.links if href.endswith(".ipynb") and "_notebooks/" in href]
    assert len(links) == 1
    notebook = json.loads(((built.html / docname).parent / links[0]).read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    sources = "".join("".join(cell["source"]) for cell in notebook["cells"])
    assert "from exercises import" in sources
    # the chapter head is written out as the page shows it (no Sphinx in Jupyter)
    assert "{bearbeitungszeit}" not in sources and "{{ kurs_stand }}" not in sources
    assert re.search(r"Bearbeitungszeit: etwa \d", sources)
    assert "Stand: " in sources


def test_rebuild_without_changes_executes_nothing(built):
    from conftest import build_book

    again = build_book(built.html.parents[1])
    log = ANSI.sub("", again.log)
    assert again.returncode == 0
    assert "Executing" not in log, [line for line in log.splitlines() if "Executing" in line]


@pytest.mark.parametrize("docname", toc_docnames() + ["search", "genindex"])
def test_theme_labels_are_german_and_unused_scripts_are_gone(built, docname):
    from exercises.core.texts import all_texts

    text = (built.html / f"{docname}.html").read_text(encoding="utf-8")
    leftovers = [
        english
        for english in all_texts()["theme"]
        if f'title="{english}"' in text or f'aria-label="{english}"' in text
    ]
    assert leftovers == []
    assert "fontawesome.js" not in text
    assert "application/vnd.jupyter.widget-state+json" not in text
    assert "THEBE_JS_URL" not in text


@pytest.mark.parametrize("docname", toc_docnames())
def test_every_link_goes_where_its_text_says(built, docname):
    """Source addresses with "&" keep it once: MyST's autolinks <…> escape it twice."""
    page = (built.html / f"{docname}.html").read_text(encoding="utf-8")
    assert "&amp;amp;" not in page
    for href, text in re.findall(
        r'<a class="reference external" href="(https?://[^"]+)"[^>]*>([^<]+)</a>', page
    ):
        if text.startswith("http"):
            assert unquote(html.unescape(href)) == unquote(html.unescape(text)), (href, text)
