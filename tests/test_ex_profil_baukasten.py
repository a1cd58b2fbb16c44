"""Exercise "profil-baukasten": rules, scenario validation, shared vectors, notebook widget."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from exercise_vectors import FIXTURE_SCENARIOS

from exercises import exercise
from exercises.activities import load_scenario
from exercises.activities.profil_baukasten import mode_data, payload, results, rules
from exercises.activities.widget import exercise_payload
from exercises.core.errors import ContentErrors
from exercises.core.paths import static_file
from exercises.core.texts import texts
from exercises.frontend.html_view import widget_html

EXERCISE = "profil-baukasten"
REPO = Path(__file__).resolve().parents[1]
SCENARIO_FILE = FIXTURE_SCENARIOS / f"{EXERCISE}.yml"
JS_FILE = static_file("kurs-ex-profil-baukasten.js")


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(EXERCISE, FIXTURE_SCENARIOS)


def fired(scenario, mode: str, answers: dict) -> list[str]:
    return rules.evaluate(mode_data(getattr(scenario, mode)), answers)


def profile(values: dict, visibility: dict | None = None) -> dict:
    return {"values": values, "visibility": visibility or {}}


def example_values(scenario, mode: str) -> dict:
    return {f.id: f.example for f in getattr(scenario, mode).fields if f.example is not None}


# --- the shared vectors ------------------------------------------------------------------------


# --- the rules of the course's scenario --------------------------------------------------------


def test_birthday_and_city_both_public_is_a_high_risk(scenario):
    answers = profile(
        {"geburtstag": "14.03.1985", "wohnort": "Regensburg"}, {"geburtstag": "public", "wohnort": "public"}
    )
    result = fired(scenario, "profile", answers)
    assert "geburtstag-und-wohnort-oeffentlich" in result
    assert "geburtstag-oeffentlich" not in result
    answers["visibility"]["wohnort"] = "contacts"
    result = fired(scenario, "profile", answers)
    assert "geburtstag-und-wohnort-oeffentlich" not in result
    assert "geburtstag-oeffentlich" in result


def test_public_phone_and_employer_with_public_posts_are_flagged(scenario):
    answers = profile(
        {
            "telefon": "030 23125 456",
            "arbeitgeber": "Tischlerei Berger",
            "beitraege": "Heute wieder Ärger mit einem Kunden.",
        },
        {"telefon": "public", "arbeitgeber": "public", "beitraege": "public"},
    )
    result = fired(scenario, "profile", answers)
    assert {"telefon-oeffentlich", "arbeitgeber-und-beitraege-oeffentlich"} <= set(result)
    answers["visibility"].update(telefon="contacts", beitraege="contacts")
    result = fired(scenario, "profile", answers)
    assert not {"telefon-oeffentlich", "arbeitgeber-und-beitraege-oeffentlich"} & set(result)


def test_missing_photo_job_and_name_are_missed_chances(scenario):
    assert fired(scenario, "profile", {}) == [
        "name-nicht-oeffentlich",
        "kein-foto-sichtbar",
        "kein-beruf-sichtbar",
    ]
    answers = profile(
        {"name": "Julia Berger", "foto": "portraet", "beruf": "Tischlermeisterin"},
        {"name": "public", "foto": "contacts", "beruf": "public"},
    )
    assert fired(scenario, "profile", answers) == ["kein-foto-sichtbar"]


def test_a_careful_profile_has_no_findings(scenario):
    values = example_values(scenario, "profile")
    visibility = {
        "wohnort": "contacts",
        "geburtstag": "private",
        "email": "contacts",
        "telefon": "private",
        "beitraege": "contacts",
    }
    assert fired(scenario, "profile", profile(values, visibility)) == []


def test_empty_company_page_misses_every_requirement(scenario):
    result = results(scenario, {"mode": "company"})
    assert result["mode"] == "company"
    ids = [f["id"] for f in result["findings"]]
    assert ids[:3] == ["impressum-fehlt", "kontakt-fehlt", "datenschutz-fehlt"]
    assert all(not item["met"] for item in result["requirements"])
    assert result["missing"] == [
        "Impressum mit höchstens zwei Klicks erreichbar",
        "Impressum-Link klar beschriftet",
        "Kontaktmöglichkeit vorhanden",
        "Datenschutzhinweis verlinkt",
    ]
    impressum = next(f for f in result["findings"] if f["id"] == "impressum-fehlt")
    assert impressum["severity"] == "required"
    assert "§ 5 DDG" in impressum["message"] and "14.05.2024" in impressum["message"]


@pytest.mark.parametrize(
    ("clicks", "label", "expected"),
    [
        ("1-klick", "impressum", []),
        ("2-klicks", "anbieterkennzeichnung", []),
        ("3-klicks", "impressum", ["impressum-zu-tief"]),
        ("2-klicks", "info", ["impressum-unklar"]),
        ("1-klick", "", ["impressum-unklar"]),
        ("keins", "impressum", ["impressum-fehlt"]),
        ("", "", ["impressum-fehlt"]),
    ],
)
def test_impressum_two_clicks_and_clear_label(scenario, clicks, label, expected):
    values = {**example_values(scenario, "company"), "impressum-klicks": clicks, "impressum-link": label}
    assert fired(scenario, "company", profile(values)) == expected


def test_company_page_complete_meets_all_requirements(scenario):
    state = {"mode": "company", "company": profile(example_values(scenario, "company"))}
    result = results(scenario, state)
    assert result["findings"] == []
    assert result["missing"] == []
    assert result["summary"] == ("Ergebnis: keine Risiken und keine fehlenden Angaben gefunden.")


def test_team_photos_without_consent_is_a_high_risk(scenario):
    values = {**example_values(scenario, "company"), "teamfotos": "ohne-einwilligung"}
    result = results(scenario, {"company": profile(values)})["company"]
    assert [(f["id"], f["severity"]) for f in result["findings"]] == [("teamfotos-ohne-einwilligung", "high")]
    assert "BAG" in result["findings"][0]["message"]
    assert result["missing"] == []


def test_company_visibility_cannot_be_hidden(scenario):
    values = example_values(scenario, "company")
    state = {"company": profile(values, {f: "private" for f in values})}
    result = results(scenario, state)["company"]
    assert set(result["answers"]["visibility"].values()) == {"public"}
    assert "email" in result["views"]["besucher"]


# --- results(): what the learner sees, readable in Python -------------------------------------


def test_results_give_findings_views_and_summary_for_both_modes(scenario):
    values = example_values(scenario, "profile")
    result = results(scenario, {"mode": "profile", "profile": profile(values)})
    assert [f["id"] for f in result["findings"]] == [
        "geburtstag-und-wohnort-oeffentlich",
        "arbeitgeber-und-beitraege-oeffentlich",
    ]
    first = result["findings"][0]
    assert set(first) == {"id", "severity", "severity_label", "message", "tip"}
    assert first["severity_label"] == "Hohes Risiko"
    assert "Identitätsdiebstahl" in first["message"]
    assert result["summary"] == "Ergebnis: Hohes Risiko 1×, Risiko 1×."
    assert result["counts"] == {"high": 1, "medium": 1}
    assert "telefon" not in result["views"]["fremde"]
    assert "telefon" in result["views"]["kontakt"]
    assert result["views"]["arbeitgeber"] == result["views"]["fremde"]
    assert result["profile"]["findings"] == result["findings"]
    assert result["company"]["findings"]  # the empty company page, rated as well


def test_markup_is_rendered_for_the_page_and_plain_for_python(scenario):
    note = scenario.company.note
    assert "**" in note
    rendered = payload(scenario)["company"]["note"]
    assert rendered.startswith("<strong>Orientierung, keine Rechtsberatung.</strong>")
    assert all("<" not in f["message"] for f in results(scenario, {"mode": "company"})["findings"])


def test_invalid_entries_give_german_hints_not_exceptions(scenario):
    answers = profile({"email": "julia@", "telefon": "123", "geburtstag": "31.02.19", "name": "x" * 500})
    problems = results(scenario, {"profile": answers})["problems"]
    assert problems["email"].startswith("Bitte geben Sie eine E-Mail-Adresse")
    assert "Telefonnummer" in problems["telefon"]
    assert "14.03.1985" in problems["geburtstag"]
    assert problems["name"] == "Bitte kürzen Sie auf höchstens 120 Zeichen."


@pytest.mark.parametrize(
    "state",
    [
        {},
        {"mode": 5},
        {"mode": "profile", "profile": "kaputt"},
        {"profile": {"values": [1, 2], "visibility": None}},
        {"profile": {"values": {"foto": "selfie", "name": 3}, "visibility": {"name": "alle"}}},
        {"company": {"values": {"impressum-klicks": ["1-klick"]}}},
    ],
)
def test_damaged_state_never_raises(scenario, state):
    result = results(scenario, state)
    assert result["mode"] == "profile"
    assert result["profile"]["answers"]["values"]["foto"] == "kein-foto"


# --- the scenario file and its validation ------------------------------------------------------


def test_scenario_loads_and_payload_is_small(scenario):
    data = exercise_payload(EXERCISE)
    assert data["kind"] == "exercise" and data["id"] == EXERCISE
    assert len(json.dumps(data, ensure_ascii=False).encode()) < 30_000
    assert 'data-exercise-id="profil-baukasten"' in widget_html(data)
    assert len(JS_FILE.read_bytes()) < 25_000


def test_every_text_the_front_end_uses_exists():
    source = JS_FILE.read_text(encoding="utf-8")
    used = set(re.findall(r"\bT\.(\w+)", source))
    families = {
        "level_": rules.LEVELS,
        "sev_": rules.SEVERITIES,
        "problem_": ("email", "tel", "date", "too_long"),
    }
    for prefix in re.findall(r"T\[`(\w+)\$\{", source):
        used |= {f"{prefix}{key}" for key in families[prefix]}
    available = texts("common", "ex_profil_baukasten")
    assert used - set(available) == set()


def broken_copy(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The scenario with ``old`` replaced by ``new``; returns the directory and the line."""
    text = SCENARIO_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    target = tmp_path / SCENARIO_FILE.name
    target.write_text(text.replace(old, new), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return tmp_path, line


def load_errors(directory: Path) -> str:
    with pytest.raises(ContentErrors) as caught:
        load_scenario(EXERCISE, directory)
    return str(caught.value)


def test_unknown_field_in_a_rule_names_file_line_rule_and_field(tmp_path):
    old = "- {field: telefon, filled: true, visibility: [public]}"
    directory, line = broken_copy(tmp_path, old, old.replace("telefon", "handy"))
    report = load_errors(directory)
    assert "profil-baukasten.yml" in report
    assert f"Zeile {line}:" in report or f"Zeile {line} " in report
    assert "„telefon-oeffentlich“" in report
    assert "Feld „all → 1. Eintrag → field“" in report
    assert "Das Feld „handy“ gibt es im Abschnitt „profile“ nicht" in report


def test_wrong_severity_is_reported_in_german_with_line(tmp_path):
    directory, line = broken_copy(
        tmp_path,
        "severity: high\n      all:\n        - {field: telefon",
        "severity: kritisch\n      all:\n        - {field: telefon",
    )
    report = load_errors(directory)
    assert "1 Fehler" in report
    assert f"Zeile {line}" in report
    assert "Unzulässiger Wert 'kritisch'" in report
    assert "Feld „severity“" in report


def test_value_that_is_no_option_and_visibility_in_company_are_reported(tmp_path):
    text = SCENARIO_FILE.read_text(encoding="utf-8")
    text = text.replace("value: [info, ueber-uns, mehr]", "value: [info, impressum-unten]")
    text = text.replace(
        "- {field: datenschutz, filled: false}", "- {field: datenschutz, filled: false, visibility: [public]}"
    )
    text = text.replace("rules: [kontakt-fehlt]", "rules: [kontakt-weg]")
    (tmp_path / SCENARIO_FILE.name).write_text(text, encoding="utf-8")
    report = load_errors(tmp_path)
    assert "3 Fehler" in report
    assert "„impressum-unten“ ist keine Option des Feldes „impressum-link“" in report
    assert "„visibility“ ist hier nicht möglich" in report
    assert "Die Regel „kontakt-weg“ gibt es in „company → rules“ nicht" in report


def test_example_of_a_choice_field_must_be_an_option(tmp_path):
    directory, line = broken_copy(tmp_path, "example: portraet", "example: selfie")
    report = load_errors(directory)
    assert f"Zeile {line}" in report
    assert "„selfie“ ist keine Option dieses Feldes" in report


def test_a_scenario_copied_unchanged_loads(tmp_path):
    shutil.copy(SCENARIO_FILE, tmp_path / SCENARIO_FILE.name)
    assert load_scenario(EXERCISE, tmp_path).title == "Profil-Baukasten"


# --- the widget, driven from Python ------------------------------------------------------------


def test_widget_results_follow_the_state(scenario):
    w = exercise(EXERCISE, persist=False)
    assert w.data["id"] == EXERCISE
    assert [f["id"] for f in w.results["findings"]] == [
        "name-nicht-oeffentlich",
        "kein-foto-sichtbar",
        "kein-beruf-sichtbar",
    ]
    w.state = {
        "mode": "profile",
        "profile": profile(
            {
                "name": "Julia Berger",
                "foto": "portraet",
                "beruf": "Tischlermeisterin",
                "telefon": "030 23125 456",
            },
            {"telefon": "public"},
        ),
    }
    assert [(f["id"], f["severity"]) for f in w.results["findings"]] == [("telefon-oeffentlich", "high")]
    w.state = {**w.state, "mode": "company"}
    assert w.results["mode"] == "company"
    assert "Datenschutzhinweis verlinkt" in w.results["missing"]
    assert w.results["profile"]["findings"][0]["id"] == "telefon-oeffentlich"


def test_widget_keeps_state_in_the_progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv("KURS_FORTSCHRITT", str(tmp_path / "fortschritt.json"))
    w = exercise(EXERCISE)
    w.state = {"mode": "company", "company": profile({"email": "info@example.com"})}
    again = exercise(EXERCISE)
    assert again.state["mode"] == "company"
    assert "kontakt-fehlt" not in [f["id"] for f in again.results["findings"]]
    stored = json.loads((tmp_path / "fortschritt.json").read_text(encoding="utf-8"))
    assert "exercise:profil-baukasten" in stored["items"]


# --- the progress overview ---------------------------------------------------------------------


def test_progress_overview_calls_it_done_once_both_parts_are_filled(scenario):
    from exercises.activities import done_when
    from exercises.quizzes.progress import exercise_status

    conditions = done_when(EXERCISE, FIXTURE_SCENARIOS)

    def stored(mode: str, **filled: dict) -> dict:  # what the page saves: both parts normalized
        state: dict = {"mode": mode}
        for key in rules.MODES:
            mode_of = mode_data(getattr(scenario, key))
            state[key] = rules.normalize_answers(mode_of, profile(filled.get(key, {})))
        return state

    person, company = example_values(scenario, "profile"), example_values(scenario, "company")
    assert exercise_status(stored("profile", profile=person), conditions) == "started"
    assert exercise_status(stored("company", profile=person, company=company), conditions) == "done"
    one_missing = stored("company", profile={**person, "beruf": " "}, company=company)
    assert exercise_status(one_missing, conditions) == "started"
    # a choice such as "Kein Foto" or "nicht vorhanden" is an answer, too
    chosen = stored(
        "company", profile={**person, "foto": "kein-foto"}, company={**company, "impressum-klicks": "keins"}
    )
    assert exercise_status(chosen, conditions) == "done"
