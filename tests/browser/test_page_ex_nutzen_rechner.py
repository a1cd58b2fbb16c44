"""Exercise "nutzen-rechner" in the published page: parity with Python, keyboard use, storage."""

from __future__ import annotations

import re

import pytest
from exercise_vectors import close, reload
from exercise_vectors import exercise_root as shared_root
from playwright.sync_api import expect

from exercises.activities.nutzen_rechner import rules as kpi
from exercises.core.texts import texts

pytestmark = pytest.mark.browser

MODULE = "kurs-ex-nutzen-rechner.js"
EXERCISE_ID = "nutzen-rechner"
CHAPTER = "book/nutzen"
# The shared vectors run against this page script once, in tests/browser/test_parity.py.

STATES = [
    {},
    {
        "likes": "45",
        "comments": "12",
        "shares": "3",
        "followers_start": "1.500",
        "followers_end": "1590",
        "reach": "2400",
        "impressions": "3600",
        "mentions_own": "30",
        "mentions_other": "170",
    },
    {
        "likes": "4,5",
        "comments": "-1",
        "shares": "x",
        "followers_start": "0",
        "reach": "5000",
        "impressions": "3.600",
        "mentions_own": "30",
        "mentions_other": "20",
    },
    {
        "likes": 3,
        "comments": 1,
        "shares": 0,
        "followers_start": 1000,
        "followers_end": 999,
        "reach": 7,
        "impressions": 9,
        "mentions_own": 1,
        "mentions_other": 2,
    },
    {"reach": "0", "impressions": "0", "followers_end": "0", "mentions_own": "0", "mentions_other": "0"},
    {"followers_start": "2,000", "followers_end": "2150", "likes": "-1,500", "shares": "1,500"},
]


def test_js_describes_like_python(run_js):
    """The texts the page shows are the texts ``w.results`` gives in Python."""
    group = texts("common", "ex_nutzen_rechner")
    for follower_basis in ("start", "end"):
        for mentions_basis in ("competitors", "total"):
            options = {"follower_basis": follower_basis, "mentions_basis": mentions_basis}
            for state in STATES:
                computed = run_js(MODULE, "computeKpis", state, options)
                assert close(computed, kpi.compute_kpis(state, options))
                assert run_js(MODULE, "describe", computed, group, state) == kpi.describe(
                    kpi.compute_kpis(state, options), group, state
                )


# --- the page, operated with the keyboard ------------------------------------------------------


def exercise_root(page):
    return shared_root(page, EXERCISE_ID)


def type_into(page, field, text: str):
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Tab")


def card(root, key: str):
    return root.locator(f'[data-kpi="{key}"]')


def test_preset_fills_fields_and_explains_every_formula(open_page, recorder):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    button = root.get_by_role("button", name="Beispiel einsetzen: Bäckerei Müller – Instagram-Monat")
    button.focus()
    page.keyboard.press("Enter")
    expect(root.get_by_label("Follower am Anfang")).to_have_value("1.500")
    expect(card(root, "engagement_followers")).to_contain_text(
        "Engagement-Rate nach Followern (Basis: Follower am Anfang)"
    )
    expect(card(root, "engagement_followers").locator("[data-display]")).to_have_text("4 %")
    expect(card(root, "engagement_followers")).to_contain_text(
        "(45 + 12 + 3) ÷ 1.500 × 100 % = 60 ÷ 1.500 × 100 % = 4 %"
    )
    expect(card(root, "engagement_followers")).to_contain_text("keinen einheitlichen Standard")
    expect(card(root, "engagement_reach").locator("[data-display]")).to_have_text("2,5 %")
    expect(card(root, "follower_growth").locator("[data-display]")).to_have_text("6 %")
    expect(card(root, "share_of_voice")).to_contain_text("30 ÷ (30 + 170) × 100 % = 30 ÷ 200 × 100 % = 15 %")
    expect(root.get_by_role("status")).to_contain_text("Beispiel „Bäckerei Müller")
    expect(root.get_by_role("status")).to_contain_text("Share of Voice: 15 %")
    expect(button).to_be_focused()
    assert recorder.errors == []
    assert recorder.foreign_requests() == []


def test_typing_counts_and_rejecting_impossible_input(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    likes = root.get_by_label("Likes")
    likes.focus()
    for value in ("30", "6", "4", "800"):  # Likes, Kommentare, Shares, Follower am Anfang
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    expect(root.get_by_label("Follower am Ende")).to_be_focused()
    expect(card(root, "engagement_followers")).to_contain_text(
        "(30 + 6 + 4) ÷ 800 × 100 % = 40 ÷ 800 × 100 % = 5 %"
    )
    expect(card(root, "follower_growth")).to_contain_text("Noch nicht berechnet. Es fehlt: Follower am Ende.")

    type_into(page, root.get_by_label("Kommentare"), "2,5")
    comments = root.get_by_label("Kommentare")
    expect(comments).to_have_attribute("aria-invalid", "true")
    hint = root.locator('[data-hint-for="comments"]')
    expect(hint).to_have_text("Bitte geben Sie eine ganze Zahl ein, z. B. 45: Hier wird gezählt.")
    assert comments.get_attribute("aria-describedby") == hint.get_attribute("id")
    expect(card(root, "engagement_followers")).to_contain_text("Bitte prüfen Sie: Kommentare")

    type_into(page, root.get_by_label("Reichweite", exact=True), "5000")
    type_into(page, root.get_by_label("Impressionen", exact=True), "3.600")
    reach_hint = root.locator('[data-hint-for="reach"]')
    expect(reach_hint).to_contain_text(
        "Die Reichweite (5.000) kann nicht größer sein als die Impressionen (3.600)"
    )
    expect(root.get_by_label("Reichweite", exact=True)).to_have_attribute("aria-invalid", "true")

    type_into(page, root.get_by_label("Follower am Ende"), "-3")
    expect(root.locator('[data-hint-for="followers_end"]')).to_contain_text("nicht möglich")
    type_into(page, root.get_by_label("Eigene Erwähnungen"), "viele")
    expect(root.locator('[data-hint-for="mentions_own"]')).to_contain_text("Bitte geben Sie eine Zahl ein")
    expect(root.get_by_role("status")).to_contain_text("Eigene Erwähnungen: Bitte geben Sie")

    type_into(page, root.get_by_label("Follower am Anfang"), "0")
    expect(root.locator('[data-hint-for="followers_start"]')).to_contain_text("0 Followern")

    reload(page)
    root = exercise_root(page)
    expect(root.get_by_label("Kommentare")).to_have_value("2,5")
    expect(root.locator('[data-hint-for="comments"]')).to_be_visible()
    expect(root.locator('[data-hint-for="reach"]')).to_contain_text("(5.000)")


def test_share_of_voice_basis_switch_and_enter_key(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    expect(root).to_contain_text("„Alle Erwähnungen“ schließen Ihre eigenen ein")
    total = root.get_by_label("Alle Erwähnungen im Wettbewerbsumfeld, Ihre eigenen eingeschlossen")
    total.focus()
    page.keyboard.press("Space")
    expect(total).to_be_checked()
    expect(total).to_be_focused()
    other = root.get_by_label("Alle Erwähnungen (eigene eingeschlossen)")
    type_into(page, root.get_by_label("Eigene Erwähnungen"), "120")
    other.focus()
    page.keyboard.type("100")
    page.keyboard.press("Enter")
    expect(root.locator('[data-hint-for="mentions_own"]')).to_contain_text(
        "Ihre eigenen Erwähnungen (120) können nicht mehr sein als alle Erwähnungen (100)"
    )
    expect(other).to_be_focused()
    other.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("800")
    page.keyboard.press("Enter")
    expect(card(root, "share_of_voice")).to_contain_text("120 ÷ 800 × 100 % = 15 %")
    expect(root.get_by_role("status")).to_contain_text("Share of Voice: 15 %")

    reload(page)
    root = exercise_root(page)
    expect(
        root.get_by_label("Alle Erwähnungen im Wettbewerbsumfeld, Ihre eigenen eingeschlossen")
    ).to_be_checked()
    expect(card(root, "share_of_voice").locator("[data-display]")).to_have_text("15 %")

    clear = root.get_by_role("button", name="Felder leeren")
    clear.focus()
    page.keyboard.press("Enter")
    expect(root.get_by_label("Eigene Erwähnungen")).to_have_value("")
    expect(clear).to_be_focused()
    expect(root.get_by_role("status")).to_contain_text("Alle Felder sind leer.")


def test_fits_a_narrow_screen(open_page):
    page = open_page(CHAPTER)
    page.set_viewport_size({"width": 360, "height": 800})
    root = exercise_root(page)
    root.get_by_role("button", name=re.compile("IT-Dienstleister")).focus()
    page.keyboard.press("Enter")
    expect(card(root, "frequency").locator("[data-display]")).to_have_text("1,81-mal")
    assert root.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_an_ambiguous_2_000_is_asked_about_and_the_chosen_reading_computed(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    start = root.get_by_label("Follower am Anfang")
    type_into(page, root.get_by_label("Follower am Ende"), "2150")
    type_into(page, start, "2,000")
    hint = root.locator('[data-hint-for="followers_start"]')
    expect(hint).to_have_text(
        "Meinen Sie 2000 oder 2? Ganze Zahlen schreiben Sie hier ohne Komma, z. B. 2000."
    )
    expect(start).to_have_attribute("aria-invalid", "true")
    expect(root.get_by_role("status")).to_contain_text("Follower am Anfang: Meinen Sie 2000 oder 2?")
    growth = card(root, "follower_growth")
    expect(growth).to_contain_text("Nicht berechnet. Bitte prüfen Sie: Follower am Anfang.")
    expect(growth.locator("[data-display]")).to_have_count(0)  # nothing computed from "2,000"
    choices = root.get_by_role("group", name=re.compile("^Meinen Sie 2000 oder 2\\?"))
    expect(choices.get_by_role("button")).to_have_text(["2000", "2"])

    choices.get_by_role("button", name="2000", exact=True).focus()
    page.keyboard.press("Enter")
    expect(start).to_have_value("2000")
    expect(start).to_be_focused()
    expect(start).to_have_attribute("aria-invalid", "false")
    expect(hint).to_be_hidden()
    expect(choices).to_have_count(0)
    expect(growth.locator("[data-display]")).to_have_text("7,5 %")
    expect(growth).to_contain_text("(2.150 − 2.000) ÷ 2.000 × 100 % = 150 ÷ 2.000 × 100 % = 7,5 %")
    expect(root.get_by_role("status")).to_contain_text("Follower am Anfang: 2000 übernommen.")
    expect(root.get_by_role("status")).to_contain_text("Follower-Wachstum: 7,5 %")
    reload(page)
    expect(exercise_root(page).get_by_label("Follower am Anfang")).to_have_value("2000")
