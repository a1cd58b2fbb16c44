"""Exercise "redaktionsplaner" in the published page: parity with Python, keyboard use, storage,
the downloaded CSV and calendar files read back by real parsers, printing only the plan."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta

import icalendar
import pytest
from exercise_vectors import exercise_root as shared_root
from exercise_vectors import (
    expect_fits_narrow_screen,
    expect_hint,
    expect_no_hint,
    expect_reset,
    press_on,
    print_only,
    reload,
    type_into,
)
from playwright.sync_api import expect

from exercises.activities import load_scenario
from exercises.activities.redaktionsplaner import data_of, results
from exercises.activities.redaktionsplaner import rules as planner
from exercises.core.texts import texts

pytestmark = pytest.mark.browser

MODULE = "kurs-ex-redaktionsplaner.js"
EXERCISE_ID = "redaktionsplaner"
CHAPTER = "book/alltag"
# The shared vectors run against this page script once, in tests/browser/test_parity.py.
STAMP = "20261201T093000Z"
# What the learner enters below, as the page stores it.
TISCHLEREI = {
    "goal": "bekanntheit",
    "platforms": ["instagram", "facebook"],
    "hours": "4",
    "formats": ["kurzvideo", "story"],
    "start": "04.01.2027",
    "owner": "Julia Berger, Tischlerei; Vertretung Lena",
}


STATES = [
    {},
    TISCHLEREI,
    {**TISCHLEREI, "platforms": ["instagram", "linkedin", "tiktok"], "formats": ["kurzvideo"]},
    {**TISCHLEREI, "formats": ["kurzvideo"], "hours": "1,5"},
    {**TISCHLEREI, "hours": "0,5"},
    {**TISCHLEREI, "platforms": ["youtube"], "formats": ["story"]},
    {"goal": "service", "platforms": ["google", "instagram"], "formats": ["foto", "story"], "hours": "20"},
    {"goal": "kaputt", "platforms": "instagram", "hours": "x", "start": "31.02.2027", "owner": ["x"]},
]


def test_js_plans_describes_and_writes_files_like_python(run_js):
    data = data_of(load_scenario(EXERCISE_ID))
    group = texts("common", "ex_redaktionsplaner")
    for state in STATES:
        result = run_js(MODULE, "assess", data, state, "2026-12-01")
        assert result == planner.assess(data, state, "2026-12-01")
        view = run_js(MODULE, "describe", result, data, group)
        assert view == planner.describe(result, data, group)
        assert run_js(MODULE, "csvText", view, group) == planner.csv_text(view, group)
        assert run_js(MODULE, "icsText", view, group, STAMP) == planner.ics_text(view, group, STAMP)


# --- the page, operated with the keyboard ------------------------------------------------------


def exercise_root(page):
    return shared_root(page, EXERCISE_ID)


def option(root, question: str, label):
    return root.locator(f'fieldset[data-question="{question}"]').get_by_label(label)


def enter_plan(page, root, state: dict):
    """What a learner does with the keyboard: tick, type, move on."""
    labels = {g["id"]: g["label"] for g in data_of(load_scenario(EXERCISE_ID))["goals"]}
    press_on(page, option(root, "goal", labels[state["goal"]]))
    names = {p["id"]: p["name"] for p in data_of(load_scenario(EXERCISE_ID))["platforms"]}
    for platform in state["platforms"]:
        press_on(page, option(root, "platforms", re.compile(f"^{re.escape(names[platform])}$")))
    formats = {f["id"]: f["label"] for f in data_of(load_scenario(EXERCISE_ID))["formats"]}
    for item in state["formats"]:
        press_on(page, option(root, "formats", re.compile(f"^{re.escape(formats[item])} – ")))
    type_into(page, root.get_by_label("Stunden pro Woche für Social Media"), state["hours"])
    type_into(page, root.get_by_label("Erste Woche beginnt am"), state["start"])
    type_into(page, root.get_by_label("Zuständige Person (freiwillig)"), state["owner"])


def expected(state: dict) -> dict:
    return results(load_scenario(EXERCISE_ID), state)


def test_keyboard_gives_the_plan_python_computes_and_it_stays_after_reload(open_page, recorder):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    expect(root.locator("[data-missing]")).to_have_text(
        "Noch offen: Ziel, Plattformen, Stunden pro Woche, Formate. Danach erscheint Ihr Plan."
    )
    enter_plan(page, root, TISCHLEREI)
    want = expected(TISCHLEREI)
    expect(root.locator("[data-headline]")).to_have_text(want["headline"])
    expect(root.locator("[data-effort]")).to_have_text(want["effort"])
    expect(root.get_by_role("status")).to_contain_text(want["headline"])
    tables = root.locator("table[data-week]")
    expect(tables).to_have_count(4)
    expect(tables.first.locator("caption")).to_have_text("Woche 1: 04.01.2027 bis 10.01.2027")
    expect(root.locator("tbody tr")).to_have_count(len(want["rows"]))
    first = want["rows"][0]
    expect(root.locator("tbody tr").first).to_have_text(
        re.compile(".*".join(re.escape(first[k]) for k in ("day", "platform", "format", "theme", "effort")))
    )
    expect(root.locator("[data-summary]")).to_contain_text(
        "Zuständig: Julia Berger, Tischlerei; Vertretung Lena"
    )

    reload(page)
    root = exercise_root(page)
    expect(option(root, "platforms", "Facebook")).to_be_checked()
    expect(root.get_by_label("Stunden pro Woche für Social Media")).to_have_value("4")
    expect(root.get_by_label("Erste Woche beginnt am")).to_have_value("04.01.2027")
    expect(root.locator("[data-headline]")).to_have_text(want["headline"])
    assert recorder.errors == []
    assert recorder.foreign_requests() == []


def test_too_few_hours_are_said_with_what_fits_instead(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    state = {**TISCHLEREI, "platforms": ["instagram", "linkedin", "tiktok"], "formats": ["kurzvideo"]}
    enter_plan(page, root, state)
    want = expected(state)
    assert want["status"] == "reduced"
    notes = root.locator("[data-notes] li")
    expect(notes.nth(0)).to_contain_text(
        "4 Stunden pro Woche reichen nicht für Instagram, LinkedIn und TikTok"
    )
    expect(notes.nth(1)).to_have_text(want["notes"][1])
    expect(root.get_by_role("status")).to_contain_text("reichen nicht")
    expect(root.locator("tbody tr")).to_have_count(len(want["rows"]))

    type_into(page, root.get_by_label("Stunden pro Woche für Social Media"), "0,5", "Enter")
    expect(root.locator("[data-headline]")).to_have_text("Noch kein Plan.")
    expect(notes.first).to_contain_text("Mit 30 Minuten pro Woche ist kein Plan möglich")
    expect(root.locator("table")).to_have_count(0)
    expect(root.get_by_role("button", name="Als Kalenderdatei herunterladen (.ics)")).to_have_count(0)


def test_wrong_hours_and_dates_get_a_hint_next_to_the_field(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    hours = root.get_by_label("Stunden pro Woche für Social Media")
    for typed, text in (("41", "höchstens 40"), ("-1", "nicht negativ"), ("drei", "als Zahl")):
        expect_hint(page, root, hours, "hours", typed, text)
    expect_no_hint(page, root, hours, "hours", "2,5")
    start = root.get_by_label("Erste Woche beginnt am")
    expect_hint(page, root, start, "start", "31.02.2027", "Bitte geben Sie ein Datum wie 04.01.2027 ein.")


def _download(page, button) -> tuple[str, bytes]:
    with page.expect_download() as info:
        press_on(page, button, "Enter")
    download = info.value
    with open(download.path(), "rb") as handle:
        return download.suggested_filename, handle.read()


def test_downloaded_calendar_and_table_hold_the_plan(open_anywhere):
    page = open_anywhere(CHAPTER)
    root = exercise_root(page)
    enter_plan(page, root, TISCHLEREI)
    rows = root.locator("tbody tr")
    expect(rows).to_have_count(len(expected(TISCHLEREI)["rows"]))
    shown = [
        [cell.strip() for cell in row.split("\t")]
        for row in rows.evaluate_all(
            "rows => rows.map(r => [...r.cells].map(c => c.textContent).join('\\t'))"
        )
    ]
    dates = rows.evaluate_all("rows => rows.map(r => r.dataset.date)")

    ics_button = root.get_by_role("button", name="Als Kalenderdatei herunterladen (.ics)")
    name, raw = _download(page, ics_button)
    assert name == "redaktionsplan.ics"
    expect(ics_button).to_be_focused()
    expect(root.get_by_role("status")).to_have_text("Die Datei redaktionsplan.ics wurde heruntergeladen.")
    assert raw.count(b"\n") == raw.count(b"\r\n") and max(len(line) for line in raw.split(b"\r\n")) <= 75
    events = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    assert len(events) == len(shown) > 0
    first = date(2027, 1, 4)
    for event, row, day in zip(events, shown, dates, strict=True):
        start = event.decoded("DTSTART")
        assert not isinstance(start, datetime) and first <= start <= first + timedelta(days=27)
        assert start.isoformat() == day and event.decoded("DTEND") == start + timedelta(days=1)
        assert str(event["SUMMARY"]) == f"{row[1]}: {row[2]} – {row[3]}"
        assert "Zuständig: Julia Berger, Tischlerei; Vertretung Lena" in str(event["DESCRIPTION"])
        assert event.decoded("DTSTAMP").tzinfo is not None
    assert len({str(e["UID"]) for e in events}) == len(events)

    name, raw = _download(page, root.get_by_role("button", name="Als Tabelle herunterladen (CSV)"))
    assert name == "redaktionsplan.csv" and raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert table[0][:6] == ["Woche", "Datum", "Wochentag", "Plattform", "Format", "Thema"]
    assert len(table) == len(shown) + 1
    for line, row, day in zip(table[1:], shown, dates, strict=True):
        assert line[1] == date.fromisoformat(day).strftime("%d.%m.%Y")
        assert line[3:6] == row[1:4]
        assert line[7] == "Julia Berger, Tischlerei; Vertretung Lena" and line[8] == "geplant"


def test_print_button_prints_only_the_plan(open_page):
    page = open_page(CHAPTER)
    root = exercise_root(page)
    enter_plan(page, root, TISCHLEREI)
    plan = print_only(page, root, "Plan drucken", "plan")
    expect(plan.locator("table")).to_have_count(4)
    expect(plan).to_contain_text(expected(TISCHLEREI)["headline"])
    expect(root.get_by_label("Stunden pro Woche für Social Media")).not_to_be_visible()
    expect(root.locator("[data-plan]")).not_to_be_visible()
    # Everything the printer gets is the plan: the page's visible text is the sheet's.
    assert page.evaluate("document.body.innerText").strip() == plan.inner_text().strip()


def test_reset_and_narrow_screen(open_page):
    page = open_page(CHAPTER)
    page.set_viewport_size({"width": 360, "height": 800})
    root = exercise_root(page)
    enter_plan(page, root, TISCHLEREI)
    expect_fits_narrow_screen(page, root)
    expect_reset(page, root, "Alle Angaben sind gelöscht.")
    expect(option(root, "platforms", "Facebook")).not_to_be_checked()
    expect(root.locator("[data-headline]")).to_have_text("Noch kein Plan.")


def test_the_filled_in_exercise_meets_wcag_aa(open_page):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(CHAPTER)
    root = exercise_root(page)
    state = {**TISCHLEREI, "platforms": ["instagram", "youtube"], "formats": ["story"], "start": "31.02.2027"}
    enter_plan(page, root, state)
    expect(root.locator("[data-notes]")).to_contain_text(
        "YouTube (Shorts) bietet keines der gewählten Formate"
    )
    expect(root.locator('[data-hint-for="start"]')).to_be_visible()
    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "experimental"]},
        "resultTypes": ["violations"],
    }
    results = Axe().run(page, context=f'[data-exercise-id="{EXERCISE_ID}"]', options=options)
    details = [
        f"{v['id']}: {v['help']} → {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert details == [], "\n".join(details)


# The bundle anywidget runs in a live notebook, against a model like the kernel's.
NOTEBOOK_MOUNT = """async ([code, data]) => {
    const url = URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
    const module = await import(url);
    const values = {data, state: {}};
    window.kernelSide = {saves: 0};
    window.model = {
      get: (key) => values[key],
      set: (key, value) => { values[key] = value; },
      save_changes: () => { window.kernelSide.saves += 1; window.kernelSide.state = values.state; },
      on: () => {}, off: () => {}, send: () => {},
    };
    const host = document.createElement('div');
    host.id = 'notebook-output';
    document.body.prepend(host);
    module.default.render({model: window.model, el: host});
}"""


def test_notebook_bundle_plans_and_hands_the_state_to_python(recorder, site):
    from exercises.activities.widget import exercise_payload
    from exercises.frontend.bundle import bundle

    page = recorder.page
    page.goto(site + "search.html")
    page.evaluate(NOTEBOOK_MOUNT, [bundle(MODULE), exercise_payload(EXERCISE_ID)])
    out = page.locator("#notebook-output")
    enter_plan(page, out, TISCHLEREI)
    expect(out.locator("[data-headline]")).to_have_text(expected(TISCHLEREI)["headline"])
    state = page.evaluate("window.kernelSide.state")
    assert state == TISCHLEREI
    # What Python reads from that state is what the notebook shows.
    assert (
        results(load_scenario(EXERCISE_ID), state)["rows"][0]["day"]
        == out.locator("tbody td").first.inner_text()
    )
    assert recorder.errors == []
