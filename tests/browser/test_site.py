"""The published site: private, accessible, usable on a phone and on paper."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from pages import toc_docnames

PAGES = toc_docnames()
# "experimental" adds rules such as label-content-name-mismatch (WCAG 2.5.3, Label in Name).
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "experimental"]},
    "resultTypes": ["violations"],
}


@pytest.mark.parametrize("docname", PAGES + ["search", "genindex"])
def test_page_loads_nothing_from_another_host(open_page, recorder, docname):
    page = open_page(docname)
    page.wait_for_load_state("networkidle")
    assert recorder.requests, "keine Anfrage aufgezeichnet"
    assert recorder.foreign_requests() == [], f"{docname} lädt von fremden Servern"
    assert recorder.broken == [], f"{docname}: Dateien fehlen"
    assert recorder.errors == [], recorder.errors


@pytest.mark.parametrize("width", [1280, 360], ids=["breit", "telefon"])
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("docname", PAGES)
def test_page_has_no_wcag_21_aa_violation(open_page, docname, mode, width):
    page = open_page(docname)
    page.set_viewport_size({"width": width, "height": 800})
    page.evaluate(f"localStorage.setItem('mode', '{mode}')")  # the theme's colour mode
    page.reload()
    page.wait_for_selector("[data-kurs-kind]:not(.is-ready)", state="detached")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    # The theme fades its colours in after loading; check the settled page, not the fade.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    results = Axe().run(page, options=WCAG)
    details = [
        f"{v['id']}: {v['help']} → {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert details == [], "\n".join(details)


def test_page_basics_lang_skip_link_and_visible_focus(open_page):
    page = open_page("book/profil")
    assert page.get_attribute("html", "lang") == "de"
    page.keyboard.press("Tab")
    skip = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.href]")
    assert skip[0] == "Zum Hauptinhalt springen" and skip[1].endswith("#main-content")
    check = page.locator('[data-quiz-id="profil"]').get_by_role("button", name="Prüfen", exact=True)
    check.focus()
    style = check.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]")
    outline = " ".join(style)
    assert outline.startswith("solid") and not outline.endswith(" 0px")


@pytest.mark.parametrize("docname", PAGES)
def test_phone_width_needs_no_horizontal_scrolling(browser, site, docname):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(f"{site}{docname}.html")
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0, f"{docname}: {overflow}px zu breit"


def test_icons_come_from_the_icon_font_without_the_large_icon_script(open_page, recorder):
    page = open_page("book/profil")
    page.wait_for_load_state("networkidle")
    assert not [url for url in recorder.requests if "fontawesome.js" in url]
    icon = page.locator(".theme-switch-button i:visible").first
    glyph = icon.evaluate(
        "el => [getComputedStyle(el, '::before').content, getComputedStyle(el, '::before').fontFamily]"
    )
    assert glyph[0] not in ("none", "normal", '""') and "Font Awesome" in glyph[1]
    assert icon.evaluate("el => el.getBoundingClientRect().width") > 0


def test_chapter_prints_without_navigation_and_quiz_chrome(open_page):
    page = open_page("book/profil")
    page.emulate_media(media="print")
    assert not page.locator(".bd-sidebar-primary").is_visible()
    assert not page.locator(".bd-header").first.is_visible()
    quiz = page.locator('[data-quiz-id="profil"]')
    assert quiz.locator("legend").first.is_visible()
    assert not quiz.get_by_role("button", name="Prüfen", exact=True).is_visible()
