"""Exercise "redaktionsplaner": rules, files (CSV, iCalendar), scenario validation, notebook widget."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from exercise_vectors import broken_scenario, fixture_scenario, line_of

from exercises import exercise
from exercises.activities import load_scenario
from exercises.activities.redaktionsplaner import data_of, results
from exercises.activities.redaktionsplaner import rules as planner
from exercises.activities.widget import exercise_payload
from exercises.core.errors import ContentErrors
from exercises.core.paths import static_file
from exercises.frontend.html_view import widget_html

EXERCISE = "redaktionsplaner"
JS_FILE = static_file("kurs-ex-redaktionsplaner.js")
TODAY = date(2026, 12, 1)  # a Tuesday
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
TISCHLEREI = {
    "goal": "bekanntheit",
    "platforms": ["instagram", "facebook"],
    "hours": "4",
    "formats": ["kurzvideo", "karussell", "story"],
    "start": "04.01.2027",
    "owner": "Julia Berger; Vertretung: Lena, Azubi",
}


@pytest.fixture(scope="module")
def scenario():
    return fixture_scenario(EXERCISE)


@pytest.fixture(scope="module")
def data(scenario):
    return data_of(scenario)


def plan(scenario, state, today=TODAY):
    return results(scenario, state, today, NOW)


# --- the shared vectors ----------------------------------------------------------------------


# --- the plan fits the hours -------------------------------------------------------------------


def _all_states(data):
    """Every combination of up to three platforms and two formats, at several hours."""
    platforms = [p["id"] for p in data["platforms"]]
    formats = [f["id"] for f in data["formats"]]
    for goal, hours in itertools.product(
        [g["id"] for g in data["goals"]], ["0,5", "1", "2", "3,5", "6", "40"]
    ):
        for count in (1, 2, 3):
            for chosen in itertools.combinations(platforms, count):
                for picked in itertools.chain(
                    itertools.combinations(formats, 1), itertools.combinations(formats, 2)
                ):
                    yield {"goal": goal, "platforms": list(chosen), "formats": list(picked), "hours": hours}


def test_no_plan_ever_needs_more_than_the_hours(data):
    statuses = set()
    for state in _all_states(data):
        result = planner.assess(data, state, TODAY.isoformat())
        statuses.add(result["status"])
        if result["events"]:
            budget = planner.parse_hours(state["hours"], 40)["value"] * 60
            assert result["total_minutes"] <= budget, state
            weekly = data["planning_minutes"] + sum(
                p["community_minutes"] for p in data["platforms"] if p["id"] in result["kept"]
            )
            weekly += sum(e["minutes"] for e in result["events"] if e["week"] == 1)
            assert weekly == result["total_minutes"]
            for week in range(1, data["weeks"] + 1):
                assert sum(e["minutes"] for e in result["events"] if e["week"] == week) == (
                    result["total_minutes"] - result["overhead_minutes"]
                )
    assert statuses == {"ok", "reduced", "other_format", "impossible", "no_format"}


def test_enough_hours_give_a_plan_with_every_platform(scenario):
    result = plan(scenario, TISCHLEREI)
    assert result["status"] == "ok"
    assert result["headline"] == "Ihr Plan für 4 Wochen: 5 Beiträge pro Woche auf Instagram und Facebook."
    assert result["effort"].startswith(
        "Aufwand pro Woche: 4 Stunden von 4 Stunden – 2 Stunden 30 Minuten für Beiträge"
    )
    assert result["notes"] == []
    assert len(result["weeks"]) == 4 and len(result["rows"]) == 20
    assert result["weeks"][0]["label"] == "Woche 1: 04.01.2027 bis 10.01.2027"
    assert {r["platform"] for r in result["rows"]} == {"Instagram", "Facebook"}
    assert result["rows"][0]["day"] == "Mo, 04.01.2027"
    assert result["summary"] == ["Beginn: Mo, 04.01.2027", "Zuständig: Julia Berger; Vertretung: Lena, Azubi"]
    themes = [r["theme"] for r in result["rows"][:3]]
    assert themes == ["Blick hinter die Kulissen", "Menschen im Betrieb", "Tipp aus Ihrem Fach"]


def test_too_few_hours_are_said_and_what_fits_instead(scenario):
    state = {
        **TISCHLEREI,
        "platforms": ["instagram", "linkedin", "tiktok"],
        "formats": ["kurzvideo"],
        "hours": "4,5",
    }
    result = plan(scenario, state)
    assert result["status"] == "reduced"
    assert result["notes"][0] == (
        "4 Stunden 30 Minuten pro Woche reichen nicht für Instagram, LinkedIn und TikTok "
        "mit den gewählten Formaten. "
        "Dafür bräuchten Sie mindestens 6 Stunden 20 Minuten pro Woche: Zeit für die Planung und je "
        "Plattform Zeit für Antworten und mindestens einen Beitrag."
    )
    assert result["notes"][1] == (
        "In 4 Stunden 30 Minuten passt: Instagram und LinkedIn. Der Plan zeigt diese Auswahl."
    )
    assert {r["platform"] for r in result["rows"]} == {"Instagram", "LinkedIn"}


def test_a_cheaper_format_is_offered_when_no_chosen_one_fits(scenario):
    result = plan(
        scenario, {**TISCHLEREI, "platforms": ["instagram"], "formats": ["kurzvideo"], "hours": "1,5"}
    )
    assert result["status"] == "other_format"
    assert result["notes"][1] == (
        "Mit den gewählten Formaten passt keine Plattform in 1 Stunde 30 Minuten. "
        "Es passt: Instagram mit dem Format „Story“ (etwa 15 Minuten je Beitrag). "
        "Der Plan zeigt diese Auswahl."
    )
    assert {r["format"] for r in result["rows"]} == {"Story"}


def test_far_too_few_hours_give_no_plan_and_say_how_much_is_needed(scenario):
    result = plan(scenario, {**TISCHLEREI, "hours": "0,5"})
    assert result["status"] == "impossible" and result["rows"] == [] and result["ics"] == ""
    assert result["headline"] == "Noch kein Plan."
    assert result["notes"] == [
        "Mit 30 Minuten pro Woche ist kein Plan möglich: Schon eine Plattform braucht mit Planung, Antworten "
        "und einem Beitrag mindestens 1 Stunde 15 Minuten. Planen Sie mehr Zeit ein oder holen Sie sich "
        "Unterstützung."
    ]


def test_a_platform_without_the_chosen_formats_is_named_with_its_formats(scenario):
    result = plan(scenario, {**TISCHLEREI, "platforms": ["youtube", "instagram"], "formats": ["story"]})
    assert (
        "YouTube (Shorts) bietet keines der gewählten Formate. Möglich wären: Kurzvideo (Reel, Short)."
        in (result["notes"])
    )
    assert {r["platform"] for r in result["rows"]} == {"Instagram"}


def test_many_hours_stop_at_each_platforms_maximum(scenario):
    result = plan(scenario, {**TISCHLEREI, "platforms": ["linkedin"], "formats": ["text"], "hours": "20"})
    assert result["headline"].startswith("Ihr Plan für 4 Wochen: 3 Beiträge pro Woche auf LinkedIn.")
    assert result["notes"][-1].startswith("Mehr Beiträge pro Woche planen wir nicht (höchstens: LinkedIn 3).")


def test_missing_answers_and_bad_input_get_german_hints(scenario):
    result = plan(scenario, {"hours": "viel", "start": "31.02.2027"})
    assert result["missing"] == ["Ziel", "Plattformen", "Formate"]
    assert result["errors"]["hours"] == "Bitte geben Sie die Stunden als Zahl ein, z. B. 3 oder 2,5."
    assert result["errors"]["start"] == (
        "Bitte geben Sie ein Datum wie 04.01.2027 ein. Bis dahin beginnt der Plan am 07.12.2026."
    )
    assert plan(scenario, {"hours": "41"})["errors"]["hours"].endswith("Bitte geben Sie höchstens 40 ein.")


def test_without_a_date_the_plan_starts_next_monday(scenario):
    result = plan(scenario, {**TISCHLEREI, "start": ""}, today=date(2027, 3, 3))
    assert result["start"] == "2027-03-08"
    assert result["rows"][0]["date"] >= "2027-03-08"


def test_damaged_state_never_raises(scenario):
    for state in (
        {"platforms": "instagram"},
        {"goal": ["x"]},
        {"hours": {"h": 1}},
        {"owner": 3},
        "kaputt",
        None,
    ):
        result = plan(scenario, state)
        assert result["rows"] == []


# --- the files ----------------------------------------------------------------------------------


def _events(ics_text: str) -> list:
    calendar = icalendar.Calendar.from_ical(ics_text)
    return list(calendar.walk("VEVENT"))


def test_python_ics_is_a_calendar_with_one_all_day_event_per_post(scenario):
    result = plan(scenario, TISCHLEREI)
    events = _events(result["ics"])
    assert len(events) == len(result["rows"]) == 20
    first, last = date(2027, 1, 4), date(2027, 1, 4) + timedelta(days=27)
    for event, row in zip(events, result["rows"], strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert isinstance(start, date) and not isinstance(start, datetime)  # all day
        assert first <= start <= last and end == start + timedelta(days=1)
        assert str(event["SUMMARY"]) == f"{row['platform']}: {row['format']} – {row['theme']}"
        assert "Zuständig: Julia Berger; Vertretung: Lena, Azubi" in str(event["DESCRIPTION"])
        assert event.decoded("DTSTAMP") == NOW
    assert len({str(e["UID"]) for e in events}) == 20
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "Instagram: Kurzvideo (Reel, Short) – Menschen im Betrieb" in summaries


def test_python_ics_follows_rfc_5545_line_rules(scenario):
    text = plan(scenario, TISCHLEREI)["ics"]
    raw = text.encode("utf-8")
    assert raw.count(b"\n") == raw.count(b"\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert any(line.startswith(b" ") for line in raw.split(b"\r\n"))  # long lines are folded
    assert "Julia Berger\\; Vertretung: Lena\\, Azubi" in text.replace("\r\n ", "")
    for key in ("VERSION:2.0", "PRODID:", "UID:", "DTSTAMP:", "DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:"):
        assert key in text


def test_python_csv_reads_back_as_the_plan(scenario):
    result = plan(scenario, TISCHLEREI)
    assert result["csv"].startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result["csv"].removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows[0] == [
        "Woche",
        "Datum",
        "Wochentag",
        "Plattform",
        "Format",
        "Thema",
        "Aufwand in Minuten",
        "Zuständig",
        "Status",
    ]
    assert len(rows) == 21
    assert rows[1][:3] == ["1", "04.01.2027", "Montag"]
    assert {row[7] for row in rows[1:]} == {"Julia Berger; Vertretung: Lena, Azubi"}
    assert sum(int(row[6]) for row in rows[1:] if row[0] == "1") == 150
    assert set(result["files"]) == {"redaktionsplan.csv", "redaktionsplan.ics"}


# --- widget, payload, static view ------------------------------------------------------------------


def test_notebook_widget_reads_its_state():
    widget = exercise(EXERCISE, persist=False)
    widget.state = TISCHLEREI
    result = widget.results
    assert result["status"] == "ok" and result["rows"]
    assert len(_events(result["ics"])) == len(result["rows"])


def test_payload_and_static_view():
    data = exercise_payload(EXERCISE)
    assert data["kind"] == "exercise" and data["id"] == EXERCISE
    assert data["texts"]["download_ics"] == "Als Kalenderdatei herunterladen (.ics)"
    assert {p["id"] for p in data["platforms"]} >= {"instagram", "facebook", "linkedin"}
    assert f'data-exercise-id="{EXERCISE}"' in widget_html(data)
    assert len(JS_FILE.read_bytes()) < 30_000
    assert len(json.dumps(data, ensure_ascii=False).encode()) < 20_000


# --- scenario validation -----------------------------------------------------------------------------


def test_unknown_format_and_limits_name_file_line_and_field(tmp_path):
    path = broken_scenario(
        tmp_path,
        EXERCISE,
        ("    formats: [kurzvideo, karussell, text, foto]", "    formats: [kurzvideo, karusell, text, foto]"),
        (
            "    community_minutes: 15\n    max_posts: 3",
            "    community_minutes: 15\n    min_posts: 4\n    max_posts: 3",
        ),
    )
    with pytest.raises(ContentErrors) as info:
        load_scenario(EXERCISE, tmp_path)
    message = str(info.value)
    assert f"redaktionsplaner.yml, Zeile {line_of(path, 'karusell')}" in message
    assert "Feld „platforms → 3. Eintrag → formats → 2. Eintrag“" in message
    assert (
        "Ein Format „karusell“ gibt es nicht. Vorhanden: kurzvideo, karussell, text, foto, story." in message
    )
    assert f"Zeile {line_of(path, 'min_posts: 4') + 1}" in message and "kleiner als „min_posts“" in message


def test_type_errors_and_a_missing_estimate_are_reported(tmp_path):
    path = broken_scenario(
        tmp_path, EXERCISE, ("    minutes: 90", "    minutes: neunzig"), ("estimated_minutes: 10\n", "")
    )
    with pytest.raises(ContentErrors) as info:
        load_scenario(EXERCISE, tmp_path)
    message = str(info.value)
    assert f"Zeile {line_of(path, 'neunzig')}" in message and "ganze Zahl" in message
    assert "Feld „estimated_minutes“: Pflichtfeld fehlt" in message


def test_duplicate_ids_are_reported(tmp_path):
    path = broken_scenario(tmp_path, EXERCISE, ("  - id: service\n", "  - id: personal\n"))
    with pytest.raises(ContentErrors) as info:
        load_scenario(EXERCISE, tmp_path)
    lines = [
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "id: personal" in line
    ]
    assert f"Zeile {lines[1]}" in str(info.value) and "„personal“ kommt in „goals“ doppelt vor" in str(
        info.value
    )


def test_every_text_the_code_uses_is_in_ui_text():
    from exercises.core.texts import texts

    group = texts("common", "ex_redaktionsplaner")
    source = JS_FILE.read_text(encoding="utf-8") + (
        static_file("kurs-ex-redaktionsplaner.js").parent.parent / "rules.py"
    ).read_text(encoding="utf-8")
    used = set(re.findall(r"\bT\.(\w+)", source)) | set(re.findall(r"texts\[\"(\w+)\"\]", source))
    used |= {f"q_{q}" for q in planner.QUESTIONS} | {
        f"err_hours_{c}" for c in ("not_a_number", "negative", "too_high")
    }
    used |= {"col_date", "col_platform", "col_format", "col_theme", "col_effort"}  # table heads, by name
    assert used - set(group) == set()


# --- the progress overview ---------------------------------------------------------------------


def test_progress_overview_calls_it_done_once_a_plan_is_made(scenario):
    from exercise_vectors import FIXTURE_SCENARIOS

    from exercises.activities import done_when
    from exercises.quizzes.progress import exercise_status

    conditions = done_when(EXERCISE, FIXTURE_SCENARIOS)
    assert plan(scenario, TISCHLEREI)["rows"] and exercise_status(TISCHLEREI, conditions) == "done"
    no_extras = {key: TISCHLEREI[key] for key in ("goal", "platforms", "hours", "formats")}
    assert plan(scenario, no_extras)["rows"] and exercise_status(no_extras, conditions) == "done"
    partial = {**TISCHLEREI, "formats": []}
    assert not plan(scenario, partial)["rows"] and exercise_status(partial, conditions) == "started"
    wrong_hours = {**TISCHLEREI, "hours": "viele"}
    assert not plan(scenario, wrong_hours)["rows"]
    assert exercise_status(wrong_hours, conditions) == "started"
