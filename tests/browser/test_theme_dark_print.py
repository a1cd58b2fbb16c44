"""Dark mode keeps quizzes readable; paper is black on white in either colour mode."""

from __future__ import annotations

import io

import pdfplumber
import pytest

pytestmark = pytest.mark.browser


def open_in_mode(open_page, docname: str, mode: str):
    page = open_page(docname)
    page.evaluate(f"localStorage.setItem('mode', '{mode}')")
    page.reload()
    page.wait_for_selector("[data-kurs-kind]:not(.is-ready)", state="detached")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    return page


def luminance(colour) -> float | None:
    """Relative luminance (0 black … 1 white) of a PDF grey or RGB fill colour."""
    if not isinstance(colour, (tuple, list)) or len(colour) not in (1, 3):
        return None
    channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
    if len(channels) == 1:
        return channels[0]
    return sum(w * c for w, c in zip((0.2126, 0.7152, 0.0722), channels, strict=True))


def darkness(pdf: bytes) -> dict:
    """How much of the printed text is too light for white paper (contrast below 4.5:1, i.e.
    luminance above 0.183), and the darkest sheet's share of dark paper (rendered pixels)."""
    light = []
    dark_paper = 0.0
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for sheet in document.pages:
            for char in sheet.chars:
                value = luminance(char.get("non_stroking_color") or (0,))
                if char["text"].strip() and value is not None:
                    light.append((1.05 / (value + 0.05)) < 4.5)
            shades = sheet.to_image(resolution=24).original.convert("L").histogram()
            dark_paper = max(dark_paper, sum(shades[:128]) / sum(shades))
    return {"chars": len(light), "light_share": sum(light) / max(len(light), 1), "dark_area": dark_paper}


@pytest.mark.parametrize("docname", ["book/profil", "book/mitmachen"])
def test_unselected_answers_look_unselected_in_dark_mode(open_page, docname):
    page = open_in_mode(open_page, docname, "dark")
    choice = page.locator(".kurs-view input[type=radio], .kurs-view input[type=checkbox]").first
    assert not choice.is_checked()
    scheme = choice.evaluate("el => getComputedStyle(el).colorScheme")
    assert scheme == "light", "Auswahlfelder werden dunkel gefüllt gezeichnet und wirken ausgewählt"
    # What a learner sees: the middle of the empty circle or box is light.
    choice.scroll_into_view_if_needed()
    box = choice.bounding_box()
    from PIL import Image

    shot = Image.open(io.BytesIO(page.screenshot(clip=box))).convert("L")
    centre = shot.getpixel((shot.width // 2, shot.height // 2))
    assert centre > 200, f"die Mitte eines leeren Auswahlfelds ist dunkel ({centre})"


def test_no_grey_band_frames_the_widgets_in_dark_mode(open_page):
    page = open_in_mode(open_page, "book/profil", "dark")
    output = page.locator(".cell_output .output.text_html:has(.kurs-widget)").first
    style = output.evaluate("el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).paddingTop]")
    assert style == ["rgba(0, 0, 0, 0)", "0px"], style


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_chapter_prints_black_on_white(open_page, mode):
    page = open_in_mode(open_page, "book/profil", mode)
    found = darkness(page.pdf())
    assert found["chars"] > 1000
    assert found["light_share"] < 0.02, f"{found['light_share']:.0%} der Schrift ist hell"
    assert found["dark_area"] < 0.25, "dunkles Papier im Ausdruck"
    assert page.evaluate("document.documentElement.dataset.theme") == mode  # back after printing


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_printed_checklist_is_black_on_white(open_page, mode):
    page = open_in_mode(open_page, "book/mitmachen", mode)
    page.evaluate("window.print = () => {}")  # the button prints through the browser's dialog
    page.get_by_role("button", name="Checkliste drucken").click()
    pdf = page.pdf()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert "Checkliste" in document.pages[0].extract_text()
    found = darkness(pdf)
    assert found["chars"] > 100
    assert found["light_share"] == 0, f"{found['light_share']:.0%} der Schrift ist hell"
    assert found["dark_area"] < 0.25, "dunkles Papier im Ausdruck"


def test_colour_mode_button_says_which_mode_is_on(open_page):
    page = open_page("book/glossar")
    button = page.locator(".article-header-buttons .theme-switch-button")
    assert button.get_attribute("aria-label") == "Farbmodus: wie im System eingestellt"
    names = []
    for _ in range(3):
        button.click()
        mode = page.evaluate("document.documentElement.dataset.mode")
        names.append((mode, button.get_attribute("aria-label")))
    assert dict(names) == {
        "auto": "Farbmodus: wie im System eingestellt",
        "light": "Farbmodus: hell",
        "dark": "Farbmodus: dunkel",
    }
