"""What a quiz's payload and static page give: feedback without a doubled verdict, questions
readable without JavaScript, exercises in the progress overview, and checked rounding."""

from __future__ import annotations

import re

from test_banks import errors_for, write_bank

from exercises.frontend.html_view import widget_html
from exercises.quizzes.banks import load_banks
from exercises.quizzes.payload import exercise_entries, progress_payload, quiz_payload


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def fallback_text(payload: dict) -> str:
    """What a browser without JavaScript shows of a widget."""
    page = widget_html(payload)
    return text_of(page[page.index('class="kurs-fallback"') - 5 :])


def test_single_and_true_false_feedback_drop_the_verdict_the_quiz_already_says():
    questions = quiz_payload("profil")["questions"]
    feedback = [o["feedback"] for q in questions if q["type"] == "single" for o in q["options"]]
    tf = [q for q in questions if q["type"] == "true-false"]
    feedback += [q[key] for q in tf for key in ("feedback_true", "feedback_false")]
    opener = re.compile(r"(Leider nicht|Richtig|Nein|Gut erkannt|Doch)\b")
    assert feedback and not [f for f in feedback if opener.match(f)]
    assert all(f[:1].isupper() for f in feedback)
    multiple = [o["feedback"] for q in questions if q["type"] == "multiple" for o in q["options"]]
    assert any(f.startswith(("Richtig", "Leider nicht", "Nein")) for f in multiple)  # per option, kept


def test_without_javascript_a_chapter_quiz_shows_every_question_with_its_options():
    payload = quiz_payload("profil")
    page = widget_html(payload)
    fallback = page[page.index('class="kurs-fallback"') :]
    text = text_of(fallback)
    assert "Die Fragen stehen unten mit ihren Antwortmöglichkeiten zum Nachlesen." in text
    assert fallback.count("<li><p>") == len(payload["questions"])
    for question in payload["questions"]:
        for option in question.get("options", []):
            assert option["text"] in fallback
    ordering = next(q for q in payload["questions"] if q["type"] == "ordering")
    listed = re.search(re.escape(ordering["prompt"]) + r".*?<ul[^>]*>(.*?)</ul>", fallback).group(1)
    shown = re.findall(r"<li>(.*?)</li>", listed)
    assert sorted(shown) == sorted(ordering["items"]) and shown != ordering["items"]  # no answer given away
    assert "<input" not in fallback


def test_without_javascript_the_final_test_and_exercises_say_plainly_they_need_it():
    from exercises.activities.widget import exercise_payload

    final = fallback_text(quiz_payload("abschlusstest"))
    assert final.startswith("Der Abschlusstest braucht JavaScript") and "Nachlesen" not in final
    assert fallback_text(progress_payload()) == "Die Fortschrittsübersicht braucht JavaScript."
    exercise = fallback_text(exercise_payload("nutzen-rechner"))
    assert exercise.startswith("Diese Übung braucht JavaScript.") and "unten" not in exercise


def test_the_progress_overview_lists_every_exercise_in_chapter_order():
    entries = exercise_entries()
    ids = [e["id"] for e in entries]
    assert {"profil-baukasten", "netzwerk-labor", "nutzen-rechner", "mitmachen-check"} <= set(ids)
    assert ids.index("profil-baukasten") < ids.index("netzwerk-labor") < ids.index("nutzen-rechner")
    assert all(e["title"] and e["title"] != e["id"] for e in entries)
    assert progress_payload()["exercises"] == entries


def test_the_start_page_overview_knows_when_each_exercise_is_done():
    from exercises import progress_overview
    from exercises.activities import REGISTRY, done_when
    from exercises.quizzes.progress import exercise_status

    shown = {e["id"]: e for e in progress_overview(persist=False).data["exercises"]}
    assert set(shown) == set(REGISTRY)
    for exercise_id, entry in shown.items():
        assert entry["done_when"] == done_when(exercise_id), exercise_id
        assert exercise_status({"x": "1"}, entry["done_when"]) == "started", exercise_id


def test_a_rounded_answer_must_fit_its_decimals(tmp_path):
    write_bank(
        tmp_path,
        "runden",
        """
        - id: runden-a
          type: numeric
          prompt: "Wie viele Zwischenpersonen? Auf zwei Nachkommastellen gerundet."
          answer: 3.574
          tolerance: 0.05
          decimals: 2
          explanation: "3,57"
        """,
    )
    [error] = errors_for(tmp_path)
    assert "mehr Nachkommastellen" in str(error) and "runden-a" in str(error) and "answer" in str(error)
    good = tmp_path / "runden.yml"
    good.write_text(good.read_text(encoding="utf-8").replace("3.574", "3.57"), encoding="utf-8")
    assert load_banks(tmp_path)["runden"].questions[0].decimals == 2
