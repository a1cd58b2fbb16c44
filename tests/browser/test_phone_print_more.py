"""More of the course on a phone and on paper: checked answers at full width, the plan row by row,
menus that close after a choice, figures that open large, nothing screen-only printed, and the
right German in the footer, the search and the source addresses."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from conftest import RecordingPage, shot
from test_page_ex_redaktionsplaner import TISCHLEREI, enter_plan
from test_quiz_page import answer, page_questions, quiz

from exercises.core.texts import t

pytestmark = pytest.mark.browser

PAGE_MENU = "Inhaltsverzeichnis der Seite ein- oder ausblenden"
MENU = "Navigation ein- oder ausblenden"


# Words (6 letters or more, or a date) of the visible text inside ``root`` that run over two lines.
SPLIT_WORDS = """root => {
  const found = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.getClientRects().length) continue;
    let hidden = false;  // visually hidden for screen readers only (clipped to 1 px)
    for (let el = node.parentElement; el && el !== root.parentElement; el = el.parentElement) {
      if (getComputedStyle(el).clip !== 'auto') hidden = true;
    }
    if (hidden) continue;
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


def in_view(locator) -> bool:
    """The element is on the screen, below the page's sticky header, and nothing lies over it."""
    return locator.evaluate(
        """el => {
        const r = el.getBoundingClientRect();
        const header = document.querySelector('.bd-header-article');
        const sticky = header && getComputedStyle(header).position === 'sticky';
        const top = sticky ? header.getBoundingClientRect().bottom : 0;
        if (r.width === 0 || r.top < top - 1 || r.bottom > innerHeight) return false;
        const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + r.height / 2);
        return Boolean(hit && el.contains(hit));
      }"""
    )


# --- 1. a checked quiz on a phone ---------------------------------------------------------------------


@pytest.mark.parametrize(("docname", "quiz_id"), [("book/profil", "profil"), ("book/alltag", "alltag")])
def test_after_checking_every_option_keeps_its_text_at_full_width_on_a_phone(phone, docname, quiz_id):
    page = phone(docname)
    root = quiz(page, quiz_id)
    for question in page_questions(page, quiz_id):
        answer(root.locator(f'[data-question-id="{question["id"]}"]'), question, right=True)
    root.get_by_role("button", name="Prüfen", exact=True).click()
    marks = root.locator(".kurs-options .kurs-mark.is-right")
    assert marks.count() >= 1
    chosen = marks.first.locator("xpath=ancestor::li[1]")
    chosen.scroll_into_view_if_needed()
    shot(chosen.locator("xpath=ancestor::fieldset[1]"), f"geprueft-{quiz_id}-360")
    assert t("quiz", "mark_chosen_right") in marks.first.inner_text()
    options = root.locator(".kurs-options").evaluate_all(
        """lists => lists.flatMap(list => [...list.querySelectorAll(':scope > li > label')].map(label => ({
          text: label.textContent, width: label.getBoundingClientRect().width,
          list: list.getBoundingClientRect().width})))"""
    )
    assert options
    for option in options:
        assert option["width"] >= 0.6 * option["list"], f"„{option['text']}“: {option['width']:.0f} px breit"
    split = root.evaluate(SPLIT_WORDS)
    assert split == [], f"mitten im Wort getrennt: {split}"


# --- 2. the Redaktionsplaner's plan on a phone -----------------------------------------------------------


def test_the_plan_reads_entry_by_entry_on_a_phone_and_stays_a_table(phone, browser, site):
    page = phone("book/alltag")
    root = page.locator('[data-exercise-id="redaktionsplaner"]')
    enter_plan(page, root, TISCHLEREI)
    table = root.locator("table[data-week]").first
    table.scroll_into_view_if_needed()
    shot(table, "plan-360")
    headers = ["Datum", "Plattform", "Format", "Thema", "Aufwand"]
    first_row = table.locator("tbody tr").first
    cells = first_row.locator("td")
    assert cells.count() == len(headers)
    boxes = [cells.nth(i).bounding_box() for i in range(len(headers))]
    for i, header in enumerate(headers):
        cell = cells.nth(i)
        # Each value sits under the one before it, led by its column's name on the same line.
        assert cell.get_attribute("data-label") == header
        assert cell.evaluate("td => getComputedStyle(td, '::before').content").startswith(f'"{header}"')
        if i:
            assert boxes[i]["y"] >= boxes[i - 1]["y"] + boxes[i - 1]["height"] - 1, header
    day = cells.nth(0).inner_text()
    assert re.fullmatch(r"Mo, \d\d\.\d\d\.\d{4}", day), day
    # Nothing is cut or broken in a word or date, and nothing scrolls sideways.
    split = table.evaluate(SPLIT_WORDS)
    assert split == [], f"mitten im Wort getrennt: {split}"
    dates = table.locator("tbody td:first-child").evaluate_all(
        "tds => tds.filter(td => td.getClientRects().length).map(td => { const r = document.createRange();"
        " r.selectNodeContents(td);"
        " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })"
    )
    assert dates and all(lines == 1 for lines in dates), dates
    box = table.locator("xpath=..")
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    # A screen reader still hears a table of rows and cells, each cell with its column.
    cdp = page.context.new_cdp_session(page)
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    roles = [node.get("role", {}).get("value") for node in tree]
    assert roles.count("table") >= 4 and roles.count("columnheader") >= 20 and roles.count("cell") >= 20
    # On a wide screen the plan is a table with its column heads.
    wide = RecordingPage(browser, site, viewport={"width": 1280, "height": 900})
    try:
        page = wide.open("book/alltag")
        root = page.locator('[data-exercise-id="redaktionsplaner"]')
        enter_plan(page, root, TISCHLEREI)
        table = root.locator("table[data-week]").first
        assert table.evaluate("t => getComputedStyle(t).display") == "table"
        assert table.locator("th").all_inner_texts() == headers
        assert wide.errors == []
    finally:
        wide.context.close()


# --- 3. the page's contents and the navigation close after a choice --------------------------------------


def test_choosing_a_section_in_the_page_contents_closes_them_and_shows_the_section(phone):
    page = phone("book/profil")
    name = "2.3. Wer sieht was? Die Sichtbarkeitsstufen"
    section = page.get_by_role("link", name=name)
    page.get_by_role("button", name=PAGE_MENU).tap()
    section.wait_for(state="visible")
    section.tap()
    page.wait_for_url("**/book/profil.html#wer-sieht-was-die-sichtbarkeitsstufen")
    section.wait_for(state="hidden")
    assert page.locator("dialog[open]").count() == 0
    heading = page.get_by_role("heading", name=re.compile(r"Wer sieht was\? Die Sichtbarkeitsstufen"))
    page.wait_for_function("() => !document.querySelector('dialog[open]')")
    page.wait_for_timeout(100)  # let the scroll to the section settle before looking
    shot(page, "inhalt-gewaehlt-360")
    assert in_view(heading), "Die gewählte Überschrift ist nicht zu sehen"
    # The keyboard goes on from the chosen section, not from the menu button.
    assert page.evaluate("document.activeElement.id") == "wer-sieht-was-die-sichtbarkeitsstufen"


def test_choosing_the_current_chapter_in_the_navigation_closes_it(phone):
    page = phone("book/profil")
    page.evaluate("window.scrollTo(0, 2000)")
    page.get_by_role("button", name=MENU).tap()
    chapter = page.locator("dialog[open]").get_by_role("link", name=re.compile(r"^2\. "))
    chapter.wait_for(state="visible")
    chapter.tap()
    chapter.wait_for(state="hidden")
    assert page.locator("dialog[open]").count() == 0
    page.wait_for_function("() => scrollY < 50")
    assert page.locator("article h1").is_visible()


# --- 4. print without what only works on a screen ---------------------------------------------------------


def test_print_leaves_out_the_back_to_top_button_and_the_downloads(open_page):
    page = open_page("book/profil")
    page.set_viewport_size({"width": 900, "height": 800})  # the theme shows the button below 1200 px
    page.evaluate("window.scrollTo(0, 3000)")
    page.wait_for_timeout(50)
    page.evaluate("window.scrollTo(0, 2600)")  # scrolling back up shows the button
    back = page.get_by_role("button", name="Zurück zum Anfang")
    back.wait_for(state="visible")
    downloads = [t("site", "download_notebook"), t("site", "download_all"), t("lite", "link")]
    for text in downloads:
        assert page.get_by_role("link", name=text).first.is_visible(), text
    with pdfplumber.open(io.BytesIO(page.pdf(format="A4"))) as document:
        printed = re.sub(r"\s+", " ", "\n".join(sheet.extract_text() or "" for sheet in document.pages))
    assert "Das Profil als Eigendarstellung" in printed  # the chapter itself is printed
    assert "Zurück zum Anfang" not in printed
    for text in [*downloads, "Als Notebook herunterladen", "Alle Notebooks als ZIP"]:
        assert text not in printed, f"gedruckt: {text}"


# --- 5. figures on a phone -----------------------------------------------------------------------------

FIGURE_CHAPTERS = ["book/index", "book/soziale-netzwerke", "book/profil", "book/netzwerke", "book/nutzen"]
FIGURE_CHAPTERS += ["book/mitmachen", "book/alltag", "book/abschluss"]


@pytest.mark.parametrize("docname", FIGURE_CHAPTERS)
def test_a_figure_says_to_tap_it_and_opens_large_enough_to_read(phone, docname):
    page = phone(docname)
    links = page.locator("article a.kurs-figure-link:has(img[src$='.svg'])")
    assert links.count() >= 1
    hint = t("site", "figure_hint")
    targets = []
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        assert link.get_by_text(hint, exact=True).is_visible(), "kein Hinweis „Zum Vergrößern antippen“"
        width = link.locator("img").evaluate("i => i.getBoundingClientRect().width")
        assert width <= 360, f"Abbildung ragt aus der Seite: {width:.0f} px"
        targets.append(link.get_attribute("href"))
    shot(links.first, f"abbildung-{docname.replace('/', '-')}-360")
    with page.expect_navigation():
        links.first.tap()
    for number, target in enumerate(targets):
        if number:
            page.goto(page.url.rsplit("/_images/", 1)[0] + "/_images/" + target.rsplit("/", 1)[1])
        assert page.url.endswith(target.rsplit("/", 1)[1])
        drawing = page.evaluate(
            """() => { const svg = document.documentElement;
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              const sizes = [...svg.querySelectorAll('text')]
                .map(t => parseFloat(getComputedStyle(t).fontSize));
              return {width: svg.getBoundingClientRect().width, smallest: Math.min(...sizes) * scale}; }"""
        )
        assert drawing["width"] >= 900, f"{target}: {drawing['width']:.0f} px breit"
        assert drawing["smallest"] >= 15.9, f"{target}: kleinste Schrift {drawing['smallest']:.1f} px"


def test_on_a_wide_screen_a_figure_fits_its_column_without_the_tap_hint(open_page):
    page = open_page("book/abschluss")
    page.set_viewport_size({"width": 1280, "height": 800})
    link = page.locator("article a.kurs-figure-link").first
    image = link.locator("img").bounding_box()
    column = page.locator("article.bd-article").bounding_box()
    assert image["width"] <= column["width"] + 0.5 and image["width"] >= 0.6 * column["width"]
    assert not link.get_by_text(t("site", "figure_hint")).is_visible()


# --- 6.–8. German in the footer, the search and the sources ---------------------------------------------


def test_the_footer_names_the_course_team_in_good_german(open_page):
    page = open_page("book/profil")
    footer = page.locator("footer").filter(has_text="Kursteam")
    assert footer.count() >= 1
    text = footer.first.inner_text()
    assert "Vom Kursteam Social Media – mitmachen?" in text, text
    assert "Von Kursteam" not in text


def test_a_search_without_hits_says_so_without_categories(open_page):
    page = open_page("search")
    page.goto(page.url.split("?")[0] + "?q=Quarkstrudelwettbewerb")
    summary = page.locator("#search-results p")
    summary.first.wait_for()
    page.wait_for_function("() => document.querySelector('#search-results').textContent.includes('Keine')")
    text = page.locator("#search-results").inner_text()
    assert "Keine Seite enthält alle gesuchten Wörter" in text
    assert "Kategorien" not in text


def test_every_source_address_shows_exactly_where_it_leads(open_page):
    page = open_page("book/quellen")
    shown = page.locator("article a.reference.external").evaluate_all(
        "links => links.filter(a => /^https?:/.test(a.textContent)).map(a => [a.textContent, a.href])"
    )
    assert len(shown) >= 20
    typographic = [text for text, _ in shown if re.search("[‐–—]", text)]
    assert typographic == [], f"Adressen mit Gedankenstrichen statt Bindestrichen: {typographic}"
    stern = "https://www.stern.de/digital/smartphones/whatsapp--kanaele---was-sich-hinter-der-neuen-funktion-verbirgt-33835506.html"
    assert page.get_by_role("link", name=stern, exact=True).is_visible()
