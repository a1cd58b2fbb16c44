"""Exercise "nutzen-rechner": formulas, validation, scenario checks, vectors, notebook widget."""

from __future__ import annotations

import json
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
from exercises.activities.nutzen_rechner import payload, results
from exercises.activities.nutzen_rechner import rules as kpi
from exercises.activities.widget import exercise_payload
from exercises.core.errors import ContentErrors
from exercises.core.paths import static_file
from exercises.core.texts import texts
from exercises.frontend.html_view import widget_html

EXERCISE = "nutzen-rechner"
REPO = Path(__file__).resolve().parents[1]
SCENARIO_FILE = FIXTURE_SCENARIOS / f"{EXERCISE}.yml"
JS_FILE = static_file("kurs-ex-nutzen-rechner.js")

BAECKEREI = {
    "likes": "45",
    "comments": "12",
    "shares": "3",
    "followers_start": "1.500",
    "followers_end": "1590",
    "reach": "2.400",
    "impressions": "3600",
    "mentions_own": "30",
    "mentions_other": "170",
}


@pytest.fixture(scope="module")
def scenario():
    return fixture_scenario(EXERCISE)


@pytest.fixture
def widget():
    return exercise(EXERCISE, persist=False)


# --- the shared vectors ----------------------------------------------------------------------


# --- formulas ---------------------------------------------------------------------------------


def test_chapter_examples_are_reproduced():
    assert kpi.engagement_rate(60, 1500) == 4
    assert kpi.engagement_rate(60, 2400) == 2.5
    assert kpi.follower_growth(1500, 1590) == 6
    assert kpi.share_of_voice(120, 800) == 15
    assert kpi.frequency(3600, 2400) == 1.5


def test_share_of_voice_counts_own_mentions_in_all_mentions():
    competitors = kpi.compute_kpis(
        {"mentions_own": 30, "mentions_other": 170}, {"mentions_basis": "competitors"}
    )
    assert competitors["kpis"]["share_of_voice"]["value"] == 15
    assert competitors["kpis"]["share_of_voice"]["parts"]["all"] == 200
    total = kpi.compute_kpis({"mentions_own": 30, "mentions_other": 200}, {"mentions_basis": "total"})
    assert total["kpis"]["share_of_voice"]["value"] == 15


def test_follower_basis_decides_the_divisor():
    raw = {"likes": 60, "comments": 0, "shares": 0, "followers_start": 1500, "followers_end": 2000}
    assert kpi.compute_kpis(raw, {"follower_basis": "start"})["kpis"]["engagement_followers"]["value"] == 4
    assert kpi.compute_kpis(raw, {"follower_basis": "end"})["kpis"]["engagement_followers"]["value"] == 3


def test_german_numbers_are_read_and_written():
    assert kpi.parse_count("1.500")["value"] == 1500
    assert kpi.parse_count("1 500")["value"] == 1500
    assert kpi.parse_count("1.500,0")["value"] == 1500
    assert kpi.format_number(1234567.891, 2) == "1.234.567,89"
    assert kpi.format_number(4.0, 2) == "4"


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("-5", "negative"),
        ("abc", "not_a_number"),
        ("4,5", "not_whole"),
        ("1e3", "not_a_number"),
        (float("nan"), "not_a_number"),
        (True, "not_a_number"),
        ({"a": 1}, "not_a_number"),
    ],
)
def test_impossible_counts_are_rejected(raw, error):
    assert kpi.parse_count(raw) == {"value": None, "error": error}


# --- what the learner sees (results / the widget from Python) ----------------------------------


def test_widget_shows_every_key_figure_with_its_calculation(widget):
    widget.state = BAECKEREI
    result = widget.results
    assert result["errors"] == {}
    kpis = result["kpis"]
    assert kpis["engagement_followers"]["display"] == "4 %"
    assert (
        kpis["engagement_followers"]["title"] == "Engagement-Rate nach Followern (Basis: Follower am Anfang)"
    )
    assert (
        kpis["engagement_followers"]["calculation"]
        == "(45 + 12 + 3) ÷ 1.500 × 100 % = 60 ÷ 1.500 × 100 % = 4 %"
    )
    assert (
        kpis["engagement_followers"]["formula"]
        == "(Likes + Kommentare + Shares) ÷ Follower am Anfang × 100 %"
    )
    assert "keinen einheitlichen Standard" in kpis["engagement_followers"]["note"]
    assert kpis["engagement_reach"]["title"].endswith("(Basis: Reichweite)")
    assert kpis["engagement_reach"]["display"] == "2,5 %"
    assert "keinen einheitlichen Standard" in kpis["engagement_reach"]["note"]
    assert (
        kpis["follower_growth"]["calculation"] == "(1.590 − 1.500) ÷ 1.500 × 100 % = 90 ÷ 1.500 × 100 % = 6 %"
    )
    assert kpis["share_of_voice"]["calculation"] == "30 ÷ (30 + 170) × 100 % = 30 ÷ 200 × 100 % = 15 %"
    assert "schließen Ihre eigenen ein" in kpis["share_of_voice"]["note"]
    assert kpis["frequency"]["display"] == "1,5-mal"


def test_brief_example_five_percent(widget):
    widget.state = {"likes": 30, "comments": 6, "shares": 4, "followers_start": 800}
    engagement = widget.results["kpis"]["engagement_followers"]
    assert engagement["calculation"] == "(30 + 6 + 4) ÷ 800 × 100 % = 40 ÷ 800 × 100 % = 5 %"


def test_impossible_input_gets_german_hints_next_to_the_field(widget):
    widget.state = {
        "likes": "4,5",
        "comments": "-1",
        "shares": "viele",
        "followers_start": "0",
        "followers_end": "10",
        "reach": "5.000",
        "impressions": "3.600",
        "mentions_own": "30",
        "mentions_other": "20",
        "mentions_basis": "total",
    }
    result = widget.results
    errors = result["errors"]
    assert set(errors) == {"likes", "comments", "shares", "followers_start", "reach", "mentions_own"}
    assert "ganze Zahl" in errors["likes"]
    assert "Negative Werte" in errors["comments"]
    assert "Zahl ein" in errors["shares"]
    assert "0 Followern" in errors["followers_start"]
    assert errors["reach"].startswith(
        "Die Reichweite (5.000) kann nicht größer sein als die Impressionen (3.600)"
    )
    assert "(30)" in errors["mentions_own"] and "(20)" in errors["mentions_own"]
    assert result["fields"]["reach"]["error"] == errors["reach"]
    growth = result["kpis"]["follower_growth"]
    assert growth["status"] == "invalid" and growth["display"] is None
    assert growth["message"] == "Nicht berechnet. Bitte prüfen Sie: Follower am Anfang."
    assert result["kpis"]["share_of_voice"]["status"] == "invalid"


def test_zero_reach_and_zero_mentions_are_explained(widget):
    widget.state = {"reach": "0", "impressions": "0", "mentions_own": "0", "mentions_other": "0"}
    errors = widget.results["errors"]
    assert "Reichweite von 0" in errors["reach"]
    assert "0 Erwähnungen" in errors["mentions_other"]


def test_empty_fields_are_missing_not_wrong(widget):
    widget.state = {}
    result = widget.results
    assert result["errors"] == {}
    assert (
        result["kpis"]["follower_growth"]["message"]
        == "Noch nicht berechnet. Es fehlt: Follower am Anfang, Follower am Ende."
    )
    assert result["mentions_basis"] == "competitors"


def test_mentions_basis_changes_label_and_formula(widget):
    widget.state = {"mentions_own": "120", "mentions_other": "800", "mentions_basis": "total"}
    result = widget.results
    assert result["fields"]["mentions_other"]["label"] == "Alle Erwähnungen (eigene eingeschlossen)"
    assert result["kpis"]["share_of_voice"]["calculation"] == "120 ÷ 800 × 100 % = 15 %"
    assert (
        result["kpis"]["share_of_voice"]["formula"]
        == "eigene Erwähnungen ÷ alle Erwähnungen im Wettbewerbsumfeld × 100 %"
    )


def test_damaged_state_never_raises(scenario):
    for state in ({"likes": [1, 2]}, {"mentions_basis": "?"}, {"likes": None}, "kaputt"):
        result = results(scenario, state)
        assert set(result["kpis"]) == set(kpi.KPI_KEYS)


def test_every_preset_gives_all_key_figures(scenario):
    for preset in scenario.presets:
        state = {k: kpi.format_number(v) for k, v in preset.values.model_dump().items() if v is not None}
        state["mentions_basis"] = preset.mentions_basis or scenario.mentions_basis
        result = results(scenario, state)
        assert result["errors"] == {}, preset.id
        assert all(k["status"] == "ok" for k in result["kpis"].values()), preset.id


def test_preset_baeckerei_is_in_the_payload(scenario):
    data = payload(scenario)
    labels = [p["label"] for p in data["presets"]]
    assert "Bäckerei Müller – Instagram-Monat" in labels
    json.dumps(data)


def test_payload_and_static_view():
    data = exercise_payload(EXERCISE)
    assert data["kind"] == "exercise" and data["id"] == EXERCISE
    assert data["texts"]["calculate"] == "Berechnen"
    html = widget_html(data)
    assert f'data-exercise-id="{EXERCISE}"' in html
    assert len(JS_FILE.read_bytes()) < 25_000
    assert len(json.dumps(data, ensure_ascii=False).encode()) < 12_000


def test_ui_texts_exist_for_every_code():
    group = texts("ex_nutzen_rechner")
    for code in (
        "not_a_number",
        "negative",
        "not_whole",
        "reach_above_impressions",
        "own_above_total",
        "zero_followers",
        "zero_reach",
        "zero_mentions",
    ):
        assert f"err_{code}" in group


# --- scenario validation -----------------------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    return broken_scenario(tmp_path, EXERCISE, (old, new))


def test_negative_preset_value_names_file_line_and_field(tmp_path):
    path = _broken(tmp_path, "likes: 45", "likes: -45")
    with pytest.raises(ContentErrors) as info:
        load_scenario(EXERCISE, tmp_path)
    message = str(info.value)
    assert "nutzen-rechner.yml" in message
    assert f"Zeile {line_of(path, 'likes: -45')}" in message
    assert "baeckerei-mueller" in message and "likes" in message
    assert "mindestens 0" in message


def test_impossible_preset_reach_is_reported(tmp_path):
    path = _broken(tmp_path, "reach: 2400", "reach: 9999")
    with pytest.raises(ContentErrors) as info:
        load_scenario(EXERCISE, tmp_path)
    message = str(info.value)
    assert f"Zeile {line_of(path, 'reach: 9999')}" in message
    assert "Feld „values → reach“" in message
    assert "größer als die Impressionen" in message


def test_unknown_field_and_basis_are_reported(tmp_path):
    _broken(tmp_path, "follower_basis: start", "follower_basis: mitte")
    with pytest.raises(ContentErrors) as info:
        load_scenario(EXERCISE, tmp_path)
    assert "follower_basis" in str(info.value)
    assert "Unzulässiger Wert" in str(info.value)


# --- the progress overview ---------------------------------------------------------------------


def test_progress_overview_calls_it_done_once_a_key_figure_is_computed(scenario):
    from exercises.activities import done_when
    from exercises.activities.nutzen_rechner import kpi_fields
    from exercises.quizzes.progress import exercise_status

    conditions = done_when(EXERCISE, FIXTURE_SCENARIOS)
    assert exercise_status(BAECKEREI, conditions) == "done"
    for key, fields in kpi_fields(scenario).items():  # each key figure on its own is enough
        state = {field: BAECKEREI[field] for field in fields}
        assert results(scenario, state)["kpis"][key]["status"] == "ok", key
        assert exercise_status(state, conditions) == "done", key
    partial = {"likes": "45", "comments": "12", "shares": "3", "followers_end": "1590"}
    assert {k["status"] for k in results(scenario, partial)["kpis"].values()} == {"missing"}
    assert exercise_status(partial, conditions) == "started"
    ambiguous = {"followers_start": "2,000", "followers_end": "2150"}
    shown = results(scenario, ambiguous)
    assert shown["kpis"]["follower_growth"]["status"] == "invalid"
    assert shown["fields"]["followers_start"]["choices"] == ["2000", "2"]
    assert shown["errors"]["followers_start"].startswith("Meinen Sie 2000 oder 2?")
    assert exercise_status(ambiguous, conditions) == "started"
    chosen = {**ambiguous, "followers_start": "2000"}
    assert exercise_status(chosen, conditions) == "done"
