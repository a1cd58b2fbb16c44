"""Searching the course: German hints, a result count, snippets of the text itself."""

from __future__ import annotations

import pytest
from pages import toc_docnames

pytestmark = pytest.mark.browser


def search(open_page, query: str):
    page = open_page("search")
    page.goto(f"{page.url}?q={query}")
    page.wait_for_selector("#search-results ul.search > li", timeout=15000)
    return page


def finished_status(page) -> str:
    """Sphinx's status line under the heading, once the search has finished (empty if broken)."""
    try:
        page.wait_for_function(
            "document.querySelector('#search-results > p.search-summary')?.textContent.trim()", timeout=10000
        )
    except Exception:  # noqa: BLE001 - an empty status is what the assertion reports
        pass
    return page.locator("#search-results > p.search-summary").inner_text()


def test_search_finds_pages_counts_them_and_shows_text_snippets(open_page):
    page = search(open_page, "Shitstorm")
    status = finished_status(page)
    count = page.locator("#search-results ul.search > li").count()
    assert count >= 3
    assert str(count) in status and "gefunden" in status, f"Trefferzahl fehlt: {status!r}"
    snippets = page.locator("#search-results ul.search > li p.context").all_inner_texts()
    assert snippets, "keine Textausschnitte"
    joined = " ".join(snippets)
    for leftover in (".md", ".pdf", ".ipynb", "Als Notebook herunterladen", "Strg"):
        assert leftover not in joined, f"Ausschnitt zeigt Bedienelemente: {leftover}"
    assert "ShitstormEine" not in joined, "Glossarbegriff und Erklärung laufen ineinander"
    assert "Shitstorm Eine" in joined


def test_the_magnifier_does_not_cover_the_query(open_page):
    page = search(open_page, "Profil")
    field = page.locator(".bd-search-container form.bd-search input")
    icon = page.locator(".bd-search-container form.bd-search i").bounding_box()
    text_starts = field.evaluate(
        "el => el.getBoundingClientRect().left + parseFloat(getComputedStyle(el).paddingLeft)"
    )
    assert icon["x"] + icon["width"] <= text_starts, "die Lupe verdeckt den Anfang der Eingabe"


def test_keyboard_hint_names_the_german_key(open_page):
    page = open_page("book/profil")
    hints = page.locator(".search-button__kbd-shortcut:visible").all_inner_texts()
    assert hints and all("Strg" in hint and "Ctrl" not in hint for hint in hints), hints


@pytest.mark.parametrize("docname", toc_docnames())
def test_pages_load_the_search_index_only_for_searching(open_page, recorder, docname):
    page = open_page(docname)
    page.wait_for_load_state("networkidle")
    assert not [url for url in recorder.requests if "searchindex" in url or "searchtools" in url]
    page.keyboard.press("Control+k")
    dialog = page.locator("#pst-search-dialog input[name=q]")
    dialog.wait_for(state="visible")
    dialog.fill("Profil")
    dialog.press("Enter")
    page.wait_for_url("**/search.html?q=Profil*")
    page.wait_for_selector("#search-results li")
    assert [url for url in recorder.requests if url.split("?")[0].endswith("/searchindex.js")]
