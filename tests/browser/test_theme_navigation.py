"""Finding one's way on a phone and on a wide screen: menus that open, one search field."""

from __future__ import annotations

import pytest
from pages import CHAPTERS, toc_docnames

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
MENU = "Navigation ein- oder ausblenden"
PAGE_MENU = "Inhaltsverzeichnis der Seite ein- oder ausblenden"


@pytest.fixture
def phone(browser, site):
    context = browser.new_context(locale="de-DE", **PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    def open_phone(docname: str):
        page.goto(f"{site}{docname}.html")
        page.wait_for_load_state("networkidle")
        return page

    yield open_phone
    context.close()
    assert errors == [], errors


@pytest.mark.parametrize("width", [360, 390])
def test_tapping_the_menu_button_on_a_phone_opens_the_chapters_and_escape_closes_them(browser, site, width):
    context = browser.new_context(locale="de-DE", **{**PHONE, "viewport": {"width": width, "height": 740}})
    page = context.new_page()
    page.goto(f"{site}book/profil.html")
    page.wait_for_load_state("networkidle")
    chapter = page.get_by_role("link", name="3. Netzwerke", exact=True)
    assert not chapter.is_visible()
    page.get_by_role("button", name=MENU).tap()
    chapter.wait_for(state="visible")
    box = chapter.bounding_box()
    assert box and 0 <= box["x"] < width and box["y"] >= 0, "Kapitel-Link liegt außerhalb des Bildschirms"
    page.keyboard.press("Escape")
    chapter.wait_for(state="hidden")
    # Opened again, a tap on a chapter goes there.
    page.get_by_role("button", name=MENU).tap()
    chapter.tap()
    page.wait_for_url("**/book/netzwerke.html")
    context.close()


def test_tapping_the_page_contents_button_on_a_phone_lists_the_sections(phone):
    page = phone("book/profil")
    section = page.get_by_role("link", name="2.3. Wer sieht was? Die Sichtbarkeitsstufen")
    assert not section.is_visible()
    page.get_by_role("button", name=PAGE_MENU).tap()
    section.wait_for(state="visible")
    page.keyboard.press("Escape")
    section.wait_for(state="hidden")


def test_menu_button_on_a_wide_screen_hides_and_shows_the_navigation(open_page, browser):
    page = open_page("book/profil")
    page.set_viewport_size({"width": 1280, "height": 800})
    chapter = page.get_by_role("link", name="3. Netzwerke", exact=True)
    assert chapter.is_visible()
    article_left = page.locator("article.bd-article").bounding_box()["x"]
    page.get_by_role("button", name=MENU).click()
    chapter.wait_for(state="hidden")
    assert page.locator("dialog[open]").count() == 0, "Navigation erscheint als Dialog, statt zu verschwinden"
    assert page.locator("article.bd-article").bounding_box()["x"] < article_left
    page.get_by_role("button", name=MENU).click()
    chapter.wait_for(state="visible")


@pytest.mark.parametrize("docname", ["book/profil", "search", "genindex"])
@pytest.mark.parametrize("width", [360, 1280])
def test_each_page_shows_one_search_field(browser, site, docname, width):
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{site}{docname}.html")
    page.wait_for_load_state("networkidle")
    fields = page.locator(".search-button-field:visible, form.bd-search:visible")
    icons = page.locator(".search-button:visible")
    count = fields.count() + icons.count()
    context.close()
    assert count == 1, f"{docname} bei {width} px: {count} Suchfelder"


@pytest.mark.parametrize("docname", [name for name in CHAPTERS if name != "book/fuer-lehrende"])
def test_figures_open_full_size_from_a_phone(browser, site, docname):
    context = browser.new_context(locale="de-DE", **PHONE)
    page = context.new_page()
    page.goto(f"{site}{docname}.html")
    images = page.locator("article img[src*='_images/']")
    assert images.count() >= 1
    for index in range(images.count()):
        image = images.nth(index)
        link = image.locator("xpath=ancestor::a[1]")
        assert link.count() == 1, f"Abbildung ohne Link: {image.get_attribute('src')}"
        assert link.get_attribute("href") == image.get_attribute("src")
    with page.expect_navigation() as opened:
        page.locator("article a.kurs-figure-link").first.tap()
    assert opened.value.ok and "/_images/" in page.url
    context.close()


@pytest.mark.parametrize("docname", toc_docnames())
def test_no_word_breaks_in_the_middle_on_a_phone(phone, docname):
    """A word wider than its line would break without a hyphen ("Informationsausta|usch")."""
    page = phone(docname)
    if page.locator("[data-kurs-kind]").count():
        page.wait_for_selector("[data-kurs-kind]:not(.is-ready)", state="detached")
    split = page.evaluate(
        """() => {
        const found = [];
        const walker = document.createTreeWalker(document.querySelector('.bd-article'), NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          if (!parent.getClientRects().length || parent.closest('script, style')) continue;
          if (/:\\/\\/|www\\./.test(parent.closest('a')?.textContent || '')) continue;  // addresses may break
          const words = /[^\\s\\-‐–—\\/]{6,}/g;
          for (let match; (match = words.exec(node.data));) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const rects = [...range.getClientRects()].filter((r) => r.width > 0);
            const lines = new Set(rects.map((r) => Math.round(r.top)));
            if (lines.size > 1) found.push(match[0]);
          }
        }
        return found;
      }"""
    )
    assert split == [], f"{docname}: mitten im Wort getrennt: {split}"
    hyphens = page.evaluate("getComputedStyle(document.querySelector('.bd-article h1')).hyphens")
    assert hyphens == "auto"
