"""Exercise "mitmachen-check" in the published page: parity with Python, keyboard use, storage,
printing only the checklist."""

from __future__ import annotations

import re

import pytest
import yaml
from exercise_vectors import exercise_root as shared_root
from exercise_vectors import (
    expect_fits_narrow_screen,
    expect_hint,
    expect_no_hint,
    expect_reset,
    press_on,
    print_only,
    reload,
)
from playwright.sync_api import expect

from exercises.activities import load_scenario
from exercises.activities.mitmachen_check import data_of
from exercises.activities.mitmachen_check import rules as readiness
from exercises.core.paths import SCENARIOS_DIR
from exercises.core.texts import texts

pytestmark = pytest.mark.browser

MODULE = "kurs-ex-mitmachen-check.js"
EXERCISE_ID = "mitmachen-check"
CHAPTER = "book/mitmachen"
# The shared vectors run against this page script once, in tests/browser/test_parity.py.


STATES = [
    {},
    {"goals": ["personal"], "audience": "b2c", "ages": ["14-29"], "industry": "handwerk", "hours": "2"},
    {
        "goals": ["fachwissen"],
        "audience": "b2b",
        "industry": "it",
        "hours": "70",
        "impressum": "nein",
        "criticism": "loeschen",
        "guidelines": "in-arbeit",
    },
    {
        "goals": ["bekanntheit", "verkauf", "image"],
        "audience": "beides",
        "ages": ["50-69"],
        "industry": "gastgewerbe",
        "hours": "12,5",
        "impressum": "unklar",
        "criticism": "spontan",
    },
    {"goals": ["image"], "hours": 1},
    {"goals": ["image"], "audience": "b2c", "hours": "0"},
    {"goals": ["personal"], "audience": "b2c", "hours": "2,5"},
    {"hours": "x", "goals": "kaputt", "audience": ["b2b"]},
]


def test_js_assesses_and_describes_the_course_scenario_like_python(run_js):
    data = data_of(load_scenario("mitmachen-check"))
    group = texts("common", "ex_mitmachen_check")
    for state in STATES:
        result = run_js(MODULE, "assess", data, state)
        assert result == readiness.assess(data, state)
        assert run_js(MODULE, "describe", result, data, group) == readiness.describe(
            readiness.assess(data, state), data, group
        )


# --- the page, operated with the keyboard ------------------------------------------------------


def exercise_root(page):
    return shared_root(page, EXERCISE_ID)


def choose(page, select, label: str):
    """A closed select changes with the arrow keys; walk until ``label`` is selected."""
    select.focus()
    page.keyboard.press("Home")
    for _ in range(20):
        if select.evaluate("s => s.options[s.selectedIndex].text") == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{label} not reached")


def test_answers_give_a_reasoned_recommendation_and_stay_after_reload(open_page, recorder):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    expect(root.locator("[data-recommendation]")).to_have_text(
        "Noch keine Empfehlung: Beantworten Sie zuerst die Fragen zu Ihren Zielen und Ihrer Zielgruppe."
    )
    goal = root.get_by_label("Fachwissen zeigen")
    press_on(page, goal)
    expect(goal).to_be_checked()
    expect(goal).to_be_focused()
    b2b = root.get_by_label(re.compile(r"\(B2B\)$"))
    press_on(page, b2b)
    expect(b2b).to_be_checked()
    choose(page, root.get_by_label("Ihre Branche"), "IT und Kommunikation")
    expect(root.locator("[data-industry]")).to_contain_text("77 %")
    expect(root.locator("[data-industry]")).to_contain_text("(Destatis, 2020)")
    hours = root.get_by_label("Stunden pro Woche für Social Media")
    hours.focus()
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    expect(root.locator("[data-recommendation]")).to_have_text("Unsere Empfehlung: Starten Sie mit LinkedIn.")
    expect(root.get_by_role("status")).to_contain_text("Starten Sie mit LinkedIn")
    linkedin = root.locator('[data-platform="linkedin"]')
    expect(linkedin).to_contain_text("empfohlen")
    expect(linkedin).to_contain_text("Dafür: Ihre Zielgruppe sind Geschäftskunden")
    for fact in platform_facts("linkedin"):  # each figure with its source and year
        expect(linkedin).to_contain_text(f"{fact['value']} ({fact['source']}, {fact['year']})")
    expect(root.locator("[data-platform]").first).to_have_attribute("data-platform", "linkedin")
    expect(root.locator('[data-platform="youtube"]')).to_contain_text("Dagegen:")

    press_on(page, root.get_by_label("Nein, noch nicht"))
    press_on(page, root.get_by_label("Kritische Kommentare löschen wir"))
    steps = root.locator("[data-preparations] li")
    expect(steps.first).to_contain_text("Impressum vor dem Start")
    expect(root.locator("[data-preparations]")).to_contain_text("Eskalationsplan für Kritik")
    expect(root.locator("[data-preparations]")).to_contain_text(
        "Nur eine Plattform: 3 Stunden pro Woche reichen für eine Plattform"
    )

    reload(page)
    root = exercise_root(page)
    expect(root.get_by_label("Fachwissen zeigen")).to_be_checked()
    expect(root.get_by_label(re.compile(r"\(B2B\)$"))).to_be_checked()
    expect(root.get_by_label("Ihre Branche")).to_have_value("it")
    expect(root.get_by_label("Stunden pro Woche für Social Media")).to_have_value("3")
    expect(root.get_by_label("Nein, noch nicht")).to_be_checked()
    expect(root.locator("[data-recommendation]")).to_have_text("Unsere Empfehlung: Starten Sie mit LinkedIn.")
    assert recorder.errors == []
    assert recorder.foreign_requests() == []


def test_hours_out_of_range_get_a_hint_next_to_the_field(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    hours = root.get_by_label("Stunden pro Woche für Social Media")
    for typed, text in (
        ("70", "Bitte geben Sie höchstens 60 ein."),
        ("-1", "nicht negativ"),
        ("drei", "als Zahl"),
    ):
        expect_hint(page, root, hours, "hours", typed, text)
    expect_no_hint(page, root, hours, "hours", "2,5")
    expect(root.locator("[data-capacity]")).to_contain_text("2,5 Stunden pro Woche sind knapp")


def test_print_button_prints_only_the_checklist(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    press_on(page, root.get_by_label("Privatkundschaft (B2C)"))
    checklist = print_only(page, root, "Checkliste drucken", "checklist")
    expect(checklist).to_contain_text("Checkliste: Start in sozialen Medien")
    expect(checklist).to_contain_text("Plattformen: Instagram")
    expect(checklist).to_contain_text("Redaktionsplan")
    expect(root.locator("[data-recommendation]")).not_to_be_visible()
    expect(root.get_by_label("Privatkundschaft (B2C)")).not_to_be_visible()


def platform_facts(platform_id: str) -> list[dict]:
    scenario = yaml.safe_load((SCENARIOS_DIR / "mitmachen-check.yml").read_text(encoding="utf-8"))
    (platform,) = [p for p in scenario["platforms"] if p["id"] == platform_id]
    return platform["facts"]


def test_reset_and_narrow_screen(open_page):
    page = open_page(CHAPTER)
    page.set_viewport_size({"width": 360, "height": 800})
    root = exercise_root(page)
    press_on(page, root.get_by_label("Personal und Auszubildende gewinnen"))
    press_on(page, root.get_by_label("14 bis 29 Jahre"))
    expect(root.locator('[data-platform="tiktok"]')).to_contain_text(platform_facts("tiktok")[0]["value"])
    expect_fits_narrow_screen(page, root)
    expect_reset(page, root, "Alle Antworten sind gelöscht.")
    expect(root.get_by_label("14 bis 29 Jahre")).not_to_be_checked()
