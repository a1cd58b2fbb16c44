"""The progress overview on the start page says which exercises a learner finished.

Each exercise declares in its contract when it is done (``done_when``); here a learner works in
the chapters as usual and then reads the overview on the start page.
"""

from __future__ import annotations

import pytest
from exercise_vectors import exercise_root, press_on, type_into
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def overview(page):
    page.goto(page.url.rsplit("/", 1)[0] + "/index.html")
    page.wait_for_selector("[data-progress-id].is-ready")
    return page.locator(".kurs-progress-exercises li")


def chapter(page, name: str):
    page.goto(page.url.rsplit("/", 1)[0] + f"/{name}.html")
    page.wait_for_selector("[data-kurs-kind]:not(.is-ready)", state="detached")
    return page


def test_finished_exercises_read_abgeschlossen_on_the_start_page(open_page):
    page = open_page("book/profil")
    profil = exercise_root(page, "profil-baukasten")
    press_on(page, profil.get_by_role("button", name="Beispiel einsetzen"), "Enter")
    press_on(page, profil.get_by_role("button", name="Unternehmensseite"), "Enter")
    press_on(page, profil.get_by_role("button", name="Beispiel einsetzen"), "Enter")
    expect(profil.get_by_role("status")).to_contain_text("Beispiel")

    chapter(page, "nutzen")
    rechner = exercise_root(page, "nutzen-rechner")
    for label, value in (
        ("Likes", "30"),
        ("Kommentare", "6"),
        ("Shares", "4"),
        ("Follower am Anfang", "2,000"),
    ):
        type_into(page, rechner.get_by_label(label, exact=True), value)

    chapter(page, "netzwerke")
    labor = exercise_root(page, "netzwerk-labor")
    labor.get_by_label("Erste Person").select_option(label="Anna")
    labor.get_by_label("Zweite Person").select_option(label="Deniz")
    press_on(page, labor.get_by_role("button", name="Verbinden", exact=True), "Enter")
    expect(labor.locator(".kurs-live")).to_contain_text("Anna und Deniz sind jetzt verbunden.")

    items = overview(page)
    expect(page.get_by_text("Noch keine Antworten gespeichert.")).to_be_hidden()
    expect(items.filter(has_text="Profil-Baukasten")).to_have_text("Profil-Baukasten: abgeschlossen")
    # "2,000" followers is still a question, so nothing is computed yet
    expect(items.filter(has_text="Nutzen-Rechner")).to_have_text("Nutzen-Rechner: begonnen")
    # connected two people, but the share probability is still the one it started with
    expect(items.filter(has_text="Netzwerk-Labor")).to_have_text("Netzwerk-Labor: begonnen")
    expect(items.filter(has_text="Mitmachen-Check")).to_have_text("Mitmachen-Check: noch nicht begonnen")

    chapter(page, "nutzen")
    rechner = exercise_root(page, "nutzen-rechner")
    press_on(page, rechner.get_by_role("button", name="2000", exact=True), "Enter")
    expect(rechner.locator('[data-kpi="engagement_followers"] [data-display]')).to_have_text("2 %")

    chapter(page, "netzwerke")
    slider = exercise_root(page, "netzwerk-labor").get_by_label(
        "Wahrscheinlichkeit, dass eine Person den Beitrag teilt (p)"
    )
    press_on(page, slider, "ArrowRight")
    expect(slider).not_to_have_value("30")

    items = overview(page)
    expect(items.filter(has_text="Nutzen-Rechner")).to_have_text("Nutzen-Rechner: abgeschlossen")
    expect(items.filter(has_text="Netzwerk-Labor")).to_have_text("Netzwerk-Labor: abgeschlossen")
    expect(items.filter(has_text="Profil-Baukasten")).to_have_text("Profil-Baukasten: abgeschlossen")
