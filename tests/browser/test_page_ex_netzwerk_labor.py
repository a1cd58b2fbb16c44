"""Exercise "netzwerk-labor" in the published page: parity of its JavaScript logic with
Python, and the exercise operated with the keyboard in Chromium."""

from __future__ import annotations

import json
import re

import pytest

from exercises.activities.netzwerk_labor import rules as lab
from exercises.activities.widget import exercise_payload

pytestmark = pytest.mark.browser

MODULE = "kurs-ex-netzwerk-labor.js"
KEY = "social-media-kurs:v1"
ITEM = "exercise:netzwerk-labor"
# The shared vectors run against this page script once, in tests/browser/test_parity.py.


@pytest.mark.parametrize("value", [2.25, 5.017, 0.05, 3.7, 4.0, 0.125, 1.005])
def test_js_number_format_matches_python(run_js, value):
    for digits in (1, 2):
        assert run_js("kurs-common.js", "num", value, digits) == lab.de_number(value, digits)


# --- keyboard operation -------------------------------------------------------------------


def root_of(page):
    return page.locator('[data-exercise-id="netzwerk-labor"]')


def choose(page, select, text: str) -> None:
    """A closed native select: focus it and type the start of an option (type-ahead)."""
    select.focus()
    page.keyboard.type(text)
    page.wait_for_timeout(50)


def press(page, button) -> None:
    button.focus()
    page.keyboard.press("Enter")


def announced(page, root, expected: str) -> str:
    """Wait until the live region contains ``expected``; return its text."""
    live = root.locator('[aria-live="polite"]')
    page.wait_for_function(
        "([el, text]) => el.textContent.includes(text)", arg=[live.element_handle(), expected]
    )
    return live.inner_text()


def contacts_row(root, person_id: str):
    return root.locator(f'.kurs-netz-contacts tbody tr[data-person="{person_id}"]')


def stored(page) -> dict:
    raw = page.evaluate(f"window.localStorage.getItem('{KEY}')")
    return json.loads(raw)["items"].get(ITEM, {}) if raw else {}


def edit_connections(page):
    root = root_of(page)
    first = root.get_by_label("Erste Person")
    second = root.get_by_label("Zweite Person")
    connect = root.get_by_role("button", name="Verbinden")
    hint = root.locator(".kurs-netz-edit .kurs-notice")

    # Connect Gül and Anna: the table, the drawing and the live region follow.
    choose(page, first, "Gül")
    choose(page, second, "Anna")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Verbinden"
    page.keyboard.press("Enter")
    announced(page, root, "Gül und Anna sind jetzt verbunden. Grad von Gül: 2, Grad von Anna: 5.")
    assert page.evaluate("document.activeElement.textContent") == "Verbinden"
    row = contacts_row(root, "guel")
    assert row.locator("td").nth(0).inner_text() == "Anna, Emil"
    assert row.locator("td").nth(1).inner_text() == "2"
    assert contacts_row(root, "anna").locator("td").nth(1).inner_text() == "5"
    svg = root.locator("svg.kurs-netz-svg")
    assert svg.get_attribute("role") == "img"
    assert "13 Verbindungen" in svg.get_attribute("aria-label")
    assert hint.is_hidden()

    # The same pair again: a German hint next to the fields, marked invalid.
    page.keyboard.press("Enter")
    assert hint.inner_text() == (
        "Gül und Anna sind schon verbunden. Wählen Sie „Trennen“ oder zwei andere Personen."
    )
    assert first.get_attribute("aria-invalid") == "true"
    assert second.get_attribute("aria-describedby") == hint.get_attribute("id")

    # The same person twice.
    choose(page, second, "Gül")
    assert second.get_attribute("aria-invalid") is None
    press(page, connect)
    assert hint.inner_text().startswith("Bitte wählen Sie zwei verschiedene Personen")

    # Separating two people who are not connected.
    choose(page, first, "Ida")
    choose(page, second, "Jonas")
    press(page, root.get_by_role("button", name="Trennen"))
    assert hint.inner_text().startswith("Ida und Jonas sind nicht verbunden")

    # Separating Anna and Ben.
    choose(page, first, "Anna")
    choose(page, second, "Ben")
    press(page, root.get_by_role("button", name="Trennen"))
    assert hint.is_hidden()
    announced(page, root, "Anna und Ben sind jetzt getrennt.")
    assert contacts_row(root, "ben").locator("td").nth(1).inner_text() == "2"
    assert contacts_row(root, "anna").locator("td").nth(1).inner_text() == "4"


def check_edits_kept(page):
    root = root_of(page)
    assert contacts_row(root, "guel").locator("td").nth(0).inner_text() == "Anna, Emil"
    assert contacts_row(root, "ben").locator("td").nth(0).inner_text() == "Clara, Jonas"
    edges = stored(page)["edges"]
    assert ["anna", "guel"] in edges and ["anna", "ben"] not in edges


def test_connect_and_disconnect_with_keyboard_and_reload(open_page):
    page = open_page("book/netzwerke")
    edit_connections(page)
    page.reload()
    page.wait_for_selector('[data-exercise-id="netzwerk-labor"].is-ready')
    check_edits_kept(page)
    # Back to the start network.
    root = root_of(page)
    press(page, root.get_by_role("button", name="Startnetz wiederherstellen"))
    announced(page, root, "Das Startnetz ist wiederhergestellt.")
    assert contacts_row(root, "guel").locator("td").nth(0).inner_text() == "Emil"
    assert page.evaluate("document.activeElement.textContent") == "Startnetz wiederherstellen"


def person_and_slider(page):
    root = root_of(page)
    choose(page, root.get_by_label("Gewählte Person"), "Gül")
    layers = root.locator(".kurs-netz-layers")
    assert layers.locator('[data-step="1"]').inner_text() == "In 1 Schritt (direkte Kontakte): Emil"
    assert layers.locator('[data-step="2"]').inner_text() == "In 2 Schritten: Deniz"
    assert layers.locator('[data-step="3"]').inner_text() == "In 3 Schritten: Clara, Frieda"
    assert root.get_by_role("heading", name="Wie weit kommt ein Beitrag von Gül?").is_visible()
    announced(page, root, "Gewählt: Gül. Direkte Kontakte: Emil.")

    slider = root.get_by_label("Wahrscheinlichkeit, dass eine Person den Beitrag teilt (p)")
    output = root.locator("output.kurs-netz-percent")
    slider.focus()
    page.keyboard.press("End")
    assert output.inner_text() == "100 %"
    assert slider.get_attribute("aria-valuetext") == "100 %"
    rows = root.locator(".kurs-netz-reach tbody tr")
    # p = 100 %: everybody passes it on, the layers are 1, 1, 2, 2, 2, 1 people.
    assert rows.count() == 6
    assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(6)] == ["1", "2", "4", "6", "8", "9"]
    assert "im Schnitt 9 der 9 anderen Personen" in root.locator(".kurs-netz-summary").inner_text()
    page.keyboard.press("Home")
    assert output.inner_text() == "0 %"
    assert rows.count() == 1
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert output.inner_text() == "10 %"
    announced(page, root, "bei 10 % Teilen-Wahrscheinlichkeit")
    assert page.evaluate("document.activeElement.type") == "range"


def test_person_and_share_slider_with_keyboard_and_reload(open_page):
    page = open_page("book/netzwerke")
    person_and_slider(page)
    assert stored(page)["person"] == "guel" and stored(page)["percent"] == 10
    page.reload()
    page.wait_for_selector('[data-exercise-id="netzwerk-labor"].is-ready')
    root = root_of(page)
    assert root.get_by_label("Gewählte Person").input_value() == "guel"
    assert root.locator("output.kurs-netz-percent").inner_text() == "10 %"
    assert root.get_by_label(re.compile("Wahrscheinlichkeit, dass")).input_value() == "10"


def check_comparison(page):
    root = root_of(page)
    rows = {row["type"]: row for row in exercise_payload("netzwerk-labor")["comparison"]}
    table = root.locator(".kurs-netz-compare")
    for key, row in rows.items():
        cells = table.locator(f'tr[data-type="{key}"] td')
        assert cells.nth(0).inner_text() == lab.de_number(row["path_length"], 2)
        assert cells.nth(1).inner_text() == lab.de_number(row["clustering"], 2)
        meaning = root.locator(f'.kurs-netz-meanings li[data-type="{key}"]').inner_text()
        assert meaning == f"{row['label']}: {row['interpretation']}"
        drawing = root.locator(f'.kurs-netz-card[data-type="{key}"] svg')
        assert drawing.get_attribute("role") == "img"
        assert drawing.get_attribute("aria-label").startswith(f"{row['label']}: ")
    assert "eine kleine Welt" in rows["small_world"]["interpretation"]


def test_comparison_shows_python_figures_and_fits_360px(open_page):
    page = open_page("book/netzwerke")
    check_comparison(page)
    page.set_viewport_size({"width": 360, "height": 800})
    root = root_of(page)
    assert root.evaluate("el => el.scrollWidth <= el.clientWidth")
    for box in root.locator(".kurs-scroll").all():
        assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
