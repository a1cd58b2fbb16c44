"""Exercise "profil-baukasten" in the published page: parity with Python, keyboard use, storage."""

from __future__ import annotations

import pytest
from exercise_vectors import exercise_root as shared_root
from exercise_vectors import reload

from exercises.activities import load_scenario
from exercises.activities.profil_baukasten import mode_data, rules

pytestmark = pytest.mark.browser

MODULE = "kurs-ex-profil-baukasten.js"
EXERCISE_ID = "profil-baukasten"
CHAPTER = "book/profil"
# The shared vectors run against this page script once, in tests/browser/test_parity.py.


def scenario_cases():
    scenario = load_scenario("profil-baukasten")
    profile = mode_data(scenario.profile)
    company = mode_data(scenario.company)
    examples = {
        key: {f["id"]: f["example"] for f in mode["fields"] if "example" in f}
        for key, mode in (("profile", profile), ("company", company))
    }
    levels = [
        {f["id"]: rules.LEVELS[(i + shift) % 3] for i, f in enumerate(profile["fields"])}
        for shift in range(3)
    ]
    cases = [(profile, {}), (company, {})]
    cases += [(profile, {"values": examples["profile"], "visibility": v}) for v in levels]
    for clicks in ("1-klick", "3-klicks", "keins"):
        for label in ("impressum", "info", ""):
            values = {
                **examples["company"],
                "impressum-klicks": clicks,
                "impressum-link": label,
                "email": "",
                "teamfotos": "ohne-einwilligung",
            }
            cases.append((company, {"values": values}))
    return cases


def test_js_rates_the_course_scenario_like_python(run_js):
    for mode, answers in scenario_cases():
        expected = rules.evaluate(mode, answers)
        assert run_js(MODULE, "evaluate", mode, answers) == expected
        fired = expected
        assert run_js(MODULE, "requirementStatus", mode, fired) == rules.requirement_status(mode, fired)
        for viewer in mode["viewers"]:
            assert run_js(MODULE, "visibleFields", mode, answers, viewer["sees"]) == rules.visible_fields(
                mode, answers, viewer["sees"]
            )


# --- the page, operated with the keyboard ------------------------------------------------------


def exercise_root(page):
    return shared_root(page, EXERCISE_ID)


def type_into(page, locator, text: str):
    locator.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Tab")


def choose(page, select, value: str):
    """A closed select changes with the arrow keys; walk until ``value`` is selected."""
    select.focus()
    options = select.locator("option").evaluate_all("list => list.map(o => o.value)")
    current = select.input_value()
    key = "ArrowDown" if options.index(value) > options.index(current) else "ArrowUp"
    for _ in range(abs(options.index(value) - options.index(current))):
        page.keyboard.press(key)
    assert select.input_value() == value


def live_text(page, root, contains: str) -> str:
    live = root.locator('[aria-live="polite"]')
    page.wait_for_function(
        "([el, text]) => el.textContent.includes(text)", arg=[live.element_handle(), contains]
    )
    return live.inner_text()


def test_profile_by_keyboard_preview_rating_and_reload(open_anywhere):
    page = open_anywhere(CHAPTER)
    root = exercise_root(page)
    assert root.get_by_role("button", name="Persönliches Profil").get_attribute("aria-pressed") == "true"
    type_into(page, root.get_by_label("Name", exact=True), "Julia Berger")
    assert page.evaluate("document.activeElement.getAttribute('data-key')") == "vis:name"
    type_into(page, root.get_by_label("Wohnort", exact=True), "Regensburg")
    type_into(page, root.get_by_label("Geburtstag", exact=True), "14.03.1985")
    finding = root.locator('[data-rule="geburtstag-und-wohnort-oeffentlich"]')
    assert finding.is_visible()
    assert "Hohes Risiko:" in finding.inner_text()
    assert "Identitätsdiebstahl" in finding.inner_text()
    assert "Tipp:" in finding.inner_text()
    assert "Bewertung aktualisiert" in live_text(page, root, "Hohes Risiko")

    choose(page, root.get_by_label("Sichtbar für: Wohnort"), "contacts")
    assert finding.count() == 0
    assert root.locator('[data-rule="geburtstag-oeffentlich"]').is_visible()
    stranger = root.locator('[data-viewer="fremde"]')
    contact = root.locator('[data-viewer="kontakt"]')
    assert "Julia Berger" in stranger.inner_text()
    assert "Regensburg" not in stranger.inner_text()
    assert "Für diese Person verborgen: Wohnort" in stranger.inner_text()
    assert "Wohnort: Regensburg" in contact.inner_text()
    assert "Wohnort" not in root.locator('[data-viewer="arbeitgeber"] ul').inner_text()

    reload(page)
    root = exercise_root(page)
    assert root.get_by_label("Wohnort", exact=True).input_value() == "Regensburg"
    assert root.get_by_label("Sichtbar für: Wohnort").input_value() == "contacts"
    assert root.locator('[data-rule="geburtstag-oeffentlich"]').is_visible()


def test_example_and_reset_keep_focus_and_announce(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    button = root.get_by_role("button", name="Beispiel einsetzen")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Beispiel einsetzen"
    assert "Beispielangaben eingesetzt." in live_text(page, root, "eingesetzt")
    assert root.get_by_label("Beruf", exact=True).input_value() == "Tischlermeisterin"
    assert (
        root.locator('[data-viewer="fremde"] svg[role="img"]').get_attribute("aria-label")
        == "Porträtfoto, freundlich lächelnd"
    )
    root.get_by_role("button", name="Zurücksetzen").focus()
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.textContent") == "Zurücksetzen"
    assert root.get_by_label("Beruf", exact=True).input_value() == ""
    assert "Angaben zurückgesetzt." in live_text(page, root, "zurückgesetzt")


def test_invalid_entry_gets_a_hint_next_to_the_field(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    email = root.get_by_label("E-Mail", exact=True)
    type_into(page, email, "julia@")
    assert email.get_attribute("aria-invalid") == "true"
    hint_id = email.get_attribute("aria-describedby").split()[-1]
    hint = root.locator(f"#{hint_id}")
    assert hint.is_visible()
    assert hint.inner_text() == "Bitte geben Sie eine E-Mail-Adresse wie name@example.com ein."
    type_into(page, email, "julia@example.com")
    assert email.get_attribute("aria-invalid") is None
    assert not hint.is_visible()


def test_company_page_by_keyboard_and_reload(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    switch = root.get_by_role("button", name="Unternehmensseite")
    switch.focus()
    page.keyboard.press("Enter")
    assert switch.get_attribute("aria-pressed") == "true"
    assert page.evaluate("document.activeElement.textContent") == "Unternehmensseite"
    assert "Ansicht gewechselt: Unternehmensseite." in live_text(page, root, "Ansicht")
    requirements = root.locator('[data-part="requirements"] li')
    assert requirements.count() == 4
    assert all("fehlt:" in text for text in requirements.all_inner_texts())

    choose(page, root.get_by_label("Impressum erreichbar nach"), "3-klicks")
    choose(page, root.get_by_label("Beschriftung des Impressum-Links"), "info")
    type_into(page, root.get_by_label("E-Mail", exact=True), "info@example.com")
    choose(page, root.get_by_label("Datenschutzhinweis verlinkt"), "ja")
    status = {li.get_attribute("data-requirement"): li.inner_text() for li in requirements.all()}
    assert status["kontakt"].startswith("✓ erfüllt:")
    assert status["datenschutz"].startswith("✓ erfüllt:")
    assert status["impressum-erreichbar"].startswith("✗ fehlt:")
    assert status["impressum-beschriftet"].startswith("✗ fehlt:")
    assert "LG Aschaffenburg" in root.locator('[data-rule="impressum-unklar"]').inner_text()
    assert "keine Rechtsberatung" in root.inner_text()

    reload(page)
    root = exercise_root(page)
    assert root.get_by_role("button", name="Unternehmensseite").get_attribute("aria-pressed") == "true"
    assert root.get_by_label("Impressum erreichbar nach").input_value() == "3-klicks"
    assert root.locator('[data-rule="impressum-zu-tief"]').is_visible()


def test_fits_a_narrow_screen(open_page):
    page = open_page(CHAPTER)
    page.set_viewport_size({"width": 360, "height": 740})
    root = exercise_root(page)
    root.get_by_role("button", name="Beispiel einsetzen").focus()
    page.keyboard.press("Enter")
    overflow = root.evaluate("el => el.scrollWidth - el.clientWidth")
    assert overflow <= 1
    cards = root.locator("[data-viewer]")
    boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]  # stacked, not side by side


def test_impossible_dates_and_broken_addresses_are_not_taken_as_real_data(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    birthday = root.get_by_label("Geburtstag", exact=True)
    type_into(page, birthday, "14.03")  # the form the field's hint shows
    assert birthday.get_attribute("aria-invalid") is None
    type_into(page, birthday, "31.02.1985")
    assert birthday.get_attribute("aria-invalid") == "true"
    email = root.get_by_label("E-Mail", exact=True)
    choose(page, root.get_by_label("Sichtbar für: E-Mail"), "public")
    type_into(page, email, "julia@beispiel")
    stranger = root.locator('[data-viewer="fremde"]')
    assert "julia@beispiel" not in stranger.inner_text()
    assert "31.02.1985" not in stranger.inner_text()


def test_company_summary_counts_every_missing_required_detail(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    root.get_by_role("button", name="Unternehmensseite").click()
    missing = [t for t in root.locator('[data-part="requirements"] li').all_inner_texts() if "fehlt:" in t]
    assert f"Pflichtangabe fehlt {len(missing)}×" in root.inner_text()


def test_typing_is_kept_when_the_page_is_left_at_once(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    name = root.get_by_label("Name", exact=True)
    name.focus()
    page.keyboard.type("Julia Berger")  # no Tab: the delayed save has not run yet
    page.goto(page.url.replace("profil.html", "netzwerke.html"))
    page.go_back()
    page.wait_for_selector("[data-kurs-kind]:not(.is-ready)", state="detached")
    assert exercise_root(page).get_by_label("Name", exact=True).input_value() == "Julia Berger"
