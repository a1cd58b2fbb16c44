"""The built pages: German theme texts, a light head, small icon fonts, compressed copies."""

from __future__ import annotations

import gettext
import gzip
import html
import re
from pathlib import Path

import pytest
from pages import toc_docnames

PAGES = toc_docnames() + ["search", "genindex"]


def page_text(built, docname: str) -> str:
    return (built.html / f"{docname}.html").read_text(encoding="utf-8")


def test_theme_catalog_gives_german_where_the_theme_has_a_catalog():
    """The course's texts come first; every other message still gets the theme's German."""
    from exercises.site.theme_texts import CourseCatalog, catalog_texts

    class Theirs(gettext.NullTranslations):
        def gettext(self, message):
            return {"On this page": "Auf dieser Seite", "By": "Durch"}.get(message, message)

    ours = CourseCatalog(catalog_texts(), Theirs())
    assert ours.gettext("By") == "Vom"  # "Vom Kursteam …": the author in _config.yml
    assert ours.gettext("On this page") == "Auf dieser Seite"
    assert ours.gettext("Unknown") == "Unknown"
    assert "Toggle primary sidebar" not in catalog_texts()  # hard-coded in the templates


@pytest.mark.parametrize("docname", PAGES)
def test_footer_download_menu_and_colour_button_speak_german(built, docname):
    text = page_text(built, docname)
    assert "Durch Kursteam" not in text and "Von Kursteam" not in text and "Vom Kursteam" in text
    assert 'btn__text-container">.md<' not in text and 'container">.pdf<' not in text
    assert "_sources/" not in text
    assert "Laden Sie diese Seite herunter" not in text
    assert 'kbd-shortcut__modifier">Ctrl<' not in text
    if docname not in {"search", "genindex"}:  # pages with a source text
        assert 'title="Seite drucken oder als PDF speichern"' in text
    assert 'aria-label="Farbmodus"' in text  # completed with the active mode by kurs-theme-fixes.js


def test_pages_are_rewritten_only_where_the_theme_hard_codes_english():
    from exercises.core.texts import all_texts
    from exercises.site.theme_polish import polish_page
    from exercises.site.theme_texts import HARDCODED

    texts = all_texts()["theme"]
    page = (
        '<button title="Toggle primary sidebar"></button><nav aria-label="Main"></nav>'
        '<a title="Link to this heading">#</a><kbd class="kbd-shortcut__modifier">Ctrl</kbd>'
    )
    polished = polish_page(page, texts)
    assert f'title="{texts["Toggle primary sidebar"]}"' in polished
    assert ">Strg</kbd>" in polished
    # Catalog texts are not the rewrite's business: Sphinx translated them already.
    assert 'title="Link to this heading"' in polished
    assert set(HARDCODED) <= set(texts)


@pytest.mark.parametrize("docname", PAGES)
def test_every_page_has_a_description_and_an_icon(built, docname):
    text = page_text(built, docname)
    assert '<link rel="icon" href="' in text and "kurs-favicon.svg" in text
    if docname in {"search", "genindex"}:
        return
    found = re.findall(r'<meta name="description" content="([^"]*)"', text)
    assert len(found) == 1
    description = html.unescape(found[0])
    assert 50 <= len(description) <= 160, description
    assert ",," not in description


@pytest.mark.parametrize("docname", PAGES)
def test_only_the_search_page_loads_the_search_index(built, docname):
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page_text(built, docname))
    loads_index = any(re.search(r"(^|/)(searchindex|_static/searchtools)\.js", src) for src in scripts)
    assert loads_index == (docname == "search"), scripts


def _theme_icons() -> dict[str, set[int]]:
    """Every icon class of the theme's original stylesheet (the build keeps only those in use)."""
    import pydata_sphinx_theme

    from exercises.site.speed import icon_map

    styles = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/styles"
    return icon_map((styles / "pydata-sphinx-theme.css").read_text(encoding="utf-8"))[0]


@pytest.mark.parametrize("docname", PAGES)
def test_the_small_icon_font_holds_every_icon_the_page_uses(built, docname):
    from fontTools.ttLib import TTFont

    from exercises.site.speed import icon_map

    font_dir = built.html / "_static/vendor/fontawesome/webfonts"
    solid = font_dir / "fa-solid-900.woff2"
    assert solid.stat().st_size < 20_000, "Symbolschrift nicht verkleinert"
    cmap = set(TTFont(solid).getBestCmap())
    every_cmap = set().union(*(TTFont(font).getBestCmap() for font in font_dir.glob("*.woff2")))
    classes = _theme_icons()
    written = {
        name.removeprefix("fa-")
        for attribute in re.findall(r'class="([^"]*)"', page_text(built, docname))
        for name in attribute.split()
        if name.startswith("fa-")
    }
    names = written & set(classes)  # the others are modifiers such as fa-solid or fa-lg
    assert len(names) >= 3, f"keine Symbole gefunden: {written}"
    assert {name for name in names if not classes[name] <= cmap} == set(), "Symbole fehlen in der Schrift"
    theme_css = (built.html / "_static/styles/pydata-sphinx-theme.css").read_text(encoding="utf-8")
    kept = set(icon_map(theme_css)[0])
    assert names <= kept, f"Regeln fehlen im Stylesheet: {names - kept}"
    # The admonitions' and links' icons come from the stylesheet's own rules.
    assert icon_map(theme_css)[1] <= every_cmap
    assert "font-display:block" not in theme_css
    assert len(kept) < len(classes) / 10, "Stylesheet enthält noch die Regeln aller Symbole"


def test_text_files_have_a_gzip_copy_that_matches(built):
    for name in ("book/profil.html", "_static/styles/pydata-sphinx-theme.css", "_static/kurs-quiz.page.js"):
        original = built.html / name
        packed = original.with_name(original.name + ".gz")
        assert packed.exists(), f"{name}.gz fehlt"
        assert gzip.decompress(packed.read_bytes()) == original.read_bytes(), f"{name}.gz ist veraltet"
        assert packed.stat().st_size < original.stat().st_size / 2


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        (
            "Nach diesem Kapitel können Sie …\n\n   - erklären, was ein Profil ist,\n   - sie anlegen.",
            "Nach diesem Kapitel können Sie erklären, was ein Profil ist, sie anlegen",
        ),
        (
            "Nach diesem Kurs …\n\n   - Sie können Profile anlegen.\n   - Sie können Erfolg messen.",
            "Sie können Profile anlegen. Sie können Erfolg messen.",
        ),
    ],
    ids=["satzanfang", "ganze-saetze"],
)
def test_description_reads_as_german_sentences(goals, expected):
    from docutils.core import publish_doctree

    from exercises.site.speed import page_description

    source = f"Titel\n=====\n\n.. admonition:: Lernziele\n   :class: lernziele\n\n   {goals}\n\nText.\n"
    assert page_description(publish_doctree(source)) == expected


def test_widget_pages_load_the_shared_modules_once_before_the_widgets(built):
    """A chapter with a quiz and an exercise loads the helpers they share once (and the browser
    keeps that file from one chapter to the next)."""
    widget_pages = 0
    for docname in toc_docnames():
        page = page_text(built, docname)
        scripts = re.findall(r'<script defer="defer" src="(?:\.\./)*_static/(kurs-[\w.-]+\.page\.js)', page)
        if not scripts:
            continue
        widget_pages += 1
        assert scripts[0] == "kurs-shared.page.js" and scripts.count("kurs-shared.page.js") == 1, docname
        inlined = [
            module
            for script in scripts
            for module in re.findall(
                r"^// --- (kurs-[\w-]+\.js)$",
                (built.html / "_static" / script).read_text(encoding="utf-8"),
                re.M,
            )
        ]
        assert len(inlined) == len(set(inlined)), f"{docname}: Module doppelt geladen: {inlined}"
        assert {"kurs-common.js", "kurs-grading.js"} <= set(inlined), docname
    assert widget_pages >= 7
