"""Exercise "mitmachen-check": rules, scenario validation, shared vectors, notebook widget."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from exercise_vectors import (
    FIXTURE_SCENARIOS,
    broken_scenario,
    fixture_scenario,
    line_of,
)

from exercises import exercise
from exercises.activities import load_scenario
from exercises.activities.mitmachen_check import data_of, results
from exercises.activities.widget import exercise_payload
from exercises.core.errors import ContentErrors
from exercises.core.paths import static_file
from exercises.frontend.html_view import widget_html

EXERCISE = "mitmachen-check"
REPO = Path(__file__).resolve().parents[1]
SCENARIO_FILE = FIXTURE_SCENARIOS / f"{EXERCISE}.yml"
JS_FILE = static_file("kurs-ex-mitmachen-check.js")

STEUERBUERO = {
    "goals": ["fachwissen", "kundenservice"],
    "audience": "b2b",
    "ages": ["30-49", "50-69"],
    "industry": "dienstleistung",
    "hours": "2",
    "guidelines": "ja",
    "impressum": "ja",
    "criticism": "plan",
}
SCHREINEREI = {
    "goals": ["personal"],
    "audience": "b2c",
    "ages": ["14-29"],
    "industry": "handwerk",
    "hours": "6",
    "guidelines": "nein",
    "impressum": "nein",
    "criticism": "loeschen",
}


@pytest.fixture(scope="module")
def scenario():
    return fixture_scenario(EXERCISE)


@pytest.fixture(scope="module")
def data(scenario):
    return data_of(scenario)


@pytest.fixture
def widget():
    return exercise(EXERCISE, persist=False)


# --- the shared vectors ----------------------------------------------------------------------


# --- the recommendation ----------------------------------------------------------------------


def test_business_customers_get_linkedin_with_a_sourced_reason(widget):
    widget.state = STEUERBUERO
    result = widget.results
    assert result["recommended"] == ["LinkedIn"]
    assert result["recommendation"] == "Unsere Empfehlung: Starten Sie mit LinkedIn."
    top = result["ranking"][0]
    assert top["platform"] == "LinkedIn" and top["recommended"] and top["score"] > 0
    assert top["reasons"][0].startswith("Dafür: Ihre Zielgruppe sind Geschäftskunden")
    assert "22 Millionen" in top["reasons"][0] and "2023" in top["reasons"][0]
    assert "LinkedIn" in result["checklist"]["summary"][0]
    assert result["missing"] == []


def test_consumer_audience_gets_instagram_or_facebook(widget):
    widget.state = {"goals": ["bekanntheit"], "audience": "b2c", "hours": "3"}
    result = widget.results
    assert result["recommended"] == ["Instagram"]
    reasons = " ".join(result["ranking"][0]["reasons"])
    assert re.search(r"\d+ % .*\([^()]+, (19|20)\d\d\)", reasons), reasons  # a figure, sourced


def test_capacity_never_promises_more_time_than_there_is(scenario):
    tight = results(scenario, {**SCHREINEREI, "hours": "2,5"})
    assert tight["capacity"].startswith("2,5 Stunden pro Woche sind knapp für eine Plattform")
    one = results(scenario, {**SCHREINEREI, "hours": "4"})
    assert "mit einer Plattform," in one["capacity"] and "(en)" not in one["capacity"]


def test_no_time_recommends_not_starting_yet(scenario):
    none = results(scenario, {**SCHREINEREI, "hours": "0"})
    assert none["recommended"] == []
    assert none["recommendation"].startswith("Noch keine Empfehlung: Ohne Zeit")
    assert "Starten Sie" not in none["recommendation"]
    assert none["capacity"] == "Bei 0 Stunden pro Woche reicht die Zeit für keine Plattform."


def test_more_hours_allow_a_second_platform(scenario):
    two = results(scenario, SCHREINEREI)
    assert two["recommended"] == ["Instagram", "TikTok"]
    assert "höchstens 2 Plattformen," in two["capacity"]
    one = results(scenario, {**SCHREINEREI, "hours": "5,5"})
    assert one["recommended"] == ["Instagram"]
    assert any(
        p.startswith("Nur eine Plattform: 5,5 Stunden") and "Instagram" in p for p in one["preparations"]
    )


def test_negative_points_are_shown_as_reasons_against(scenario):
    result = results(scenario, {**STEUERBUERO, "hours": "1"})
    youtube = next(e for e in result["ranking"] if e["id"] == "youtube")
    assert youtube["score"] < 0 and not youtube["recommended"]
    assert youtube["reasons"][0].startswith("Dagegen: Videos kosten viel Zeit")
    x = next(e for e in result["ranking"] if e["id"] == "x-twitter")
    assert any("Bitkom, 2023" in r for r in x["reasons"])


def test_every_figure_shown_names_source_and_year(scenario):
    result = results(scenario, SCHREINEREI)
    for entry in result["ranking"]:
        for fact in entry["facts"]:
            assert re.search(r"\([^()]+, (19|20)\d\d\)$", fact), fact
        for reason in entry["reasons"]:
            if re.search(r"\d\s*%|Million", reason):
                assert re.search(r"(19|20)\d\d", reason), reason
    linkedin = next(e for e in result["ranking"] if e["id"] == "linkedin")
    assert (
        "Wöchentliche Nutzung, Menschen ab 14 in Deutschland: 7 % (ARD/ZDF-Onlinestudie, "
        "2023)" in linkedin["facts"]
    )
    assert result["industry_note"].endswith(
        "(Destatis, 2020). Ein guter Auftritt ist hier noch ein Vorsprung."
    )


# --- what to prepare first -----------------------------------------------------------------------


def test_preparations_come_in_order_impressum_first(scenario):
    result = results(scenario, SCHREINEREI)
    prepared = result["preparations"]
    assert prepared[0].startswith("Impressum vor dem Start")
    order = [
        next(i for i, p in enumerate(prepared) if p.startswith(start))
        for start in (
            "Impressum",
            "Regeln für Mitarbeitende aufschreiben",
            "Kritik nicht löschen",
            "Eskalationsplan",
            "Einwilligungen",
            "Redaktionsplan",
        )
    ]
    assert order == sorted(order)
    assert result["checklist"]["items"][: len(prepared)] == prepared
    assert (
        result["checklist"]["items"][-1] == "Nach drei Monaten: Ziele überprüfen und den Auftritt anpassen."
    )


def test_a_prepared_firm_only_gets_the_editorial_plan(scenario):
    result = results(scenario, {**STEUERBUERO, "hours": "8"})
    assert result["preparations"] == [
        "Redaktionsplan für die ersten vier Wochen anlegen: Datum, Plattform, Thema, Format, "
        "zuständige Person, Status."
    ]


def test_empty_answers_ask_for_goal_audience_and_time(widget):
    widget.state = {}
    result = widget.results
    assert result["recommended"] == []
    assert result["recommendation"].startswith("Noch keine Empfehlung")
    assert result["missing"] == [
        "Ziele",
        "Zielgruppe",
        "Altersgruppen",
        "Branche",
        "Stunden pro Woche",
        "Regeln für Mitarbeitende",
        "Impressum",
        "Umgang mit Kritik",
    ]
    starts = [p.split(":")[0] for p in result["preparations"]]
    assert starts == [
        "Ziel festlegen",
        "Zielgruppe klären",
        "Zeit festlegen",
        "Redaktionsplan für die ersten vier Wochen anlegen",
    ]
    assert result["checklist"]["summary"] == [
        "Plattformen: noch offen",
        "Ziele: noch offen",
        "Zeit: noch offen",
    ]


# --- hours out of range ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "hint"),
    [
        ("-2", "nicht negativ"),
        ("61", "höchstens 60"),
        ("viel", "als Zahl"),
        (1000, "höchstens 60"),
    ],
)
def test_hours_out_of_range_get_a_german_hint(widget, hours, hint):
    widget.state = {**STEUERBUERO, "hours": hours}
    result = widget.results
    assert hint in result["errors"]["hours"]
    assert "Stunden pro Woche" not in result["missing"]
    assert result["capacity"].startswith("Solange die Stunden pro Woche fehlen")


def test_valid_hours_have_no_hint(widget):
    widget.state = {**STEUERBUERO, "hours": "2,5"}
    assert widget.results["errors"] == {}
    assert widget.results["checklist"]["summary"][2] == "Zeit: 2,5 Stunden pro Woche"


def test_damaged_state_never_raises(scenario):
    for state in (
        {"goals": "bekanntheit"},
        {"audience": ["b2b"]},
        {"hours": {"h": 1}},
        {"industry": 3},
        "kaputt",
        None,
    ):
        result = results(scenario, state)
        assert len(result["ranking"]) == len(scenario.platforms)


# --- payload, static view ---------------------------------------------------------------------------


def test_payload_and_static_view():
    data = exercise_payload(EXERCISE)
    assert data["kind"] == "exercise" and data["id"] == EXERCISE
    assert data["texts"]["checklist_print"] == "Checkliste drucken"
    assert {p["id"] for p in data["platforms"]} >= {"instagram", "facebook", "linkedin", "xing", "tiktok"}
    assert f'data-exercise-id="{EXERCISE}"' in widget_html(data)
    assert len(JS_FILE.read_bytes()) < 25_000
    assert len(json.dumps(data, ensure_ascii=False).encode()) < 30_000


# --- scenario validation -----------------------------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    return broken_scenario(tmp_path, EXERCISE, (old, new))


def test_unknown_platform_in_a_rule_names_file_line_and_field(tmp_path):
    path = _broken(tmp_path, "  - platform: linkedin\n    points: 3", "  - platform: linkdin\n    points: 3")
    with pytest.raises(ContentErrors) as info:
        load_scenario(EXERCISE, tmp_path)
    message = str(info.value)
    assert "mitmachen-check.yml" in message
    assert f"Zeile {line_of(path, 'platform: linkdin')}" in message
    assert "Feld „scoring → 3. Eintrag → platform“" in message
    assert "„linkdin“ gibt es nicht" in message


def test_figure_without_year_is_reported(tmp_path):
    text = SCENARIO_FILE.read_text(encoding="utf-8")
    sourced = re.search(r'reason: "[^"\n]*?(\d+ %)[^"\n]*? \([^()"]+, (?:19|20)\d\d\)\.?"', text)
    assert sourced, "the scenario has a reason with a sourced figure"
    path = _broken(tmp_path, sourced.group(0), f'reason: "Instagram erreicht {sourced.group(1)} der Leute."')
    with pytest.raises(ContentErrors) as info:
        load_scenario(EXERCISE, tmp_path)
    message = str(info.value)
    assert f"Zeile {line_of(path, 'der Leute.')}" in message
    assert "Quelle und Jahr" in message


def test_unknown_option_placeholder_and_type_errors_are_reported(tmp_path):
    _broken(tmp_path, "when: {impressum: [nein, unklar]}", "when: {impressum: [nein, vielleicht]}")
    path = tmp_path / SCENARIO_FILE.name
    text = path.read_text(encoding="utf-8").replace(
        "Starten Sie mit {platforms}.", "Starten Sie mit {plattform}."
    )
    text = text.replace("  per_platform: 3", "  per_platform: drei")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        load_scenario(EXERCISE, tmp_path)
    message = str(info.value)
    assert "Zahl" in message and "per_platform" in message
    assert f"Zeile {line_of(path, 'per_platform: drei')}" in message


def test_cross_field_checks_after_schema(tmp_path):
    path = _broken(tmp_path, "when: {impressum: [nein, unklar]}", "when: {impressum: [nein, vielleicht]}")
    text = path.read_text(encoding="utf-8").replace(
        "Starten Sie mit {platforms}.", "Starten Sie mit {plattform}."
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        load_scenario(EXERCISE, tmp_path)
    message = str(info.value)
    assert "„vielleicht“ gibt es in „impressum“ nicht" in message
    assert f"Zeile {line_of(path, 'vielleicht')}" in message
    assert "Unbekannter Platzhalter „{plattform}“" in message


# --- the progress overview ---------------------------------------------------------------------


def test_progress_overview_calls_it_done_once_every_question_is_answered(scenario):
    from exercises.activities import done_when
    from exercises.quizzes.progress import exercise_status

    conditions = done_when(EXERCISE, FIXTURE_SCENARIOS)
    finished = results(scenario, STEUERBUERO)
    assert finished["missing"] == [] and finished["errors"] == {} and finished["recommended"]
    assert exercise_status(STEUERBUERO, conditions) == "done"
    partial = {key: value for key, value in STEUERBUERO.items() if key != "criticism"}
    assert results(scenario, partial)["missing"] and exercise_status(partial, conditions) == "started"
    too_many = {**STEUERBUERO, "hours": "500"}
    assert "hours" in results(scenario, too_many)["errors"]
    assert exercise_status(too_many, conditions) == "started"
    assert exercise_status({**STEUERBUERO, "hours": "0"}, conditions) == "done"  # "warten Sie" is an answer
