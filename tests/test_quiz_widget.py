"""The quiz as a notebook widget, driven from Python like a learner would in a kernel."""

from __future__ import annotations

import json
import math

import pytest

from exercises import quiz
from exercises.frontend.html_view import widget_html
from exercises.quizzes.banks import load_banks
from exercises.quizzes.payload import quiz_payload


def right_answer(question: dict):
    kind = question["type"]
    if kind == "single":
        return next(i for i, o in enumerate(question["options"]) if o.get("correct"))
    if kind == "multiple":
        return [i for i, o in enumerate(question["options"]) if o.get("correct")]
    if kind == "true-false":
        return question["answer"]
    if kind == "numeric":
        return str(question["answer"]).replace(".", ",")
    if kind == "text":
        return question["accepted"][0].upper()
    if kind == "matching":
        return {t["id"]: t["match"] for t in question["terms"]}
    return list(range(len(question["items"])))


def wrong_answer(question: dict):
    kind = question["type"]
    if kind in ("single", "multiple"):
        index = next(i for i, o in enumerate(question["options"]) if not o.get("correct"))
        return index if kind == "single" else [index]
    if kind == "true-false":
        return not question["answer"]
    if kind == "numeric":
        return "999999"
    if kind == "text":
        return "sicher nicht"
    if kind == "matching":
        ids = [d["id"] for d in question["definitions"]]
        return {t["id"]: next(i for i in ids if i != t["match"]) for t in question["terms"]}
    return list(reversed(range(len(question["items"]))))


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_answering_everything_right_scores_full_marks(in_tmp):
    q = quiz("profil")
    for question in q.questions:
        q.answer(question["id"], right_answer(question))
    results = q.check()
    assert set(results.values()) == {"correct"}
    assert q.score == q.total == len(q.questions) >= 8
    assert q.state["checked"] is True and q.state["best"] == q.total


def test_wrong_and_missing_answers_are_reported(in_tmp):
    q = quiz("nutzen")
    numeric = next(x for x in q.questions if x["type"] == "numeric")
    q.answer(numeric["id"], "zwölf")
    single = next(x for x in q.questions if x["type"] == "single")
    wrong = next(i for i, o in enumerate(single["options"]) if not o.get("correct"))
    q.answer(single["id"], wrong)
    results = q.check()
    assert results[numeric["id"]] == "invalid"
    assert results[single["id"]] == "wrong"
    assert q.score == 0
    assert q.answers[single["id"]] == wrong


def test_unknown_question_id_is_a_clear_error(in_tmp):
    q = quiz("profil")
    with pytest.raises(KeyError, match="gibt es in diesem Quiz nicht"):
        q.answer("gibt-es-nicht", 1)


def test_progress_is_saved_beside_the_notebook_and_restored(in_tmp):
    q = quiz("profil")
    first = q.questions[0]
    q.answer(first["id"], right_answer(first))
    q.check()
    saved = json.loads((in_tmp / "kurs-fortschritt.json").read_text(encoding="utf-8"))
    assert saved["version"] == 1
    assert saved["items"]["quiz:profil"]["answers"][first["id"]] == right_answer(first)
    again = quiz("profil")
    assert again.answers == q.answers and again.score == 1


def test_damaged_progress_file_is_reported_and_replaced(in_tmp):
    (in_tmp / "kurs-fortschritt.json").write_text("{kaputt", encoding="utf-8")
    with pytest.warns(UserWarning, match="beschädigt"):
        q = quiz("profil")
    assert q.answers == {}
    assert json.loads((in_tmp / "kurs-fortschritt.json").read_text())["items"] == {}


def test_final_test_draws_from_every_chapter_and_knows_the_pass_mark(in_tmp):
    final = quiz("abschlusstest")
    draw = load_banks()["abschlusstest"].draw
    banks = {q["bank"] for q in final.questions}
    assert banks == {d.bank for d in draw}
    assert final.total == sum(d.count for d in draw)
    enough = math.ceil(final.total * load_banks()["abschlusstest"].pass_mark)
    for question in final.questions[:enough]:
        final.answer(question["id"], right_answer(question))
    final.check()
    assert final.score == enough and final.passed is True
    final.answer(final.questions[0]["id"], None)
    final.check()
    assert final.passed is False


def test_widget_offers_a_static_html_view_for_the_book(in_tmp):
    q = quiz("profil")
    bundle = q._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.jupyter.widget-view+json" in data
    assert 'data-quiz-id="profil"' in data["text/html"]


def test_question_text_is_escaped(tmp_path):
    bank = tmp_path / "boese.yml"
    bank.write_text(
        'title: "T"\nchapter: boese\nquestions:\n  - id: boese-a\n    type: true-false\n'
        '    prompt: "<script>alert(1)</script> **wichtig**"\n    answer: true\n'
        '    feedback_true: "ok"\n    feedback_false: "nein"\n    explanation: "<img src=x>"\n',
        encoding="utf-8",
    )
    from exercises.quizzes.banks import load_banks

    payload = quiz_payload("boese", load_banks(tmp_path))
    question = payload["questions"][0]
    assert question["prompt"] == "&lt;script&gt;alert(1)&lt;/script&gt; <strong>wichtig</strong>"
    assert question["explanation"] == "&lt;img src=x&gt;"
    page = widget_html(payload)
    assert "<script>alert" not in page and "<img src=x>" not in page


def test_an_untouched_ordering_question_is_unanswered_not_wrong(in_tmp):
    q = quiz("profil")
    ordering = next(x for x in q.questions if x["type"] == "ordering")
    other = next(x for x in q.questions if x["type"] == "true-false")
    q.answer(other["id"], other["answer"])  # one answer, so that "Prüfen" grades
    assert q.check()[ordering["id"]] == "empty"
    assert "wrong_numbers" not in q.state and q.state["results"][ordering["id"]] == "empty"
    shown = list(reversed(range(len(ordering["items"]))))
    q.answer(ordering["id"], shown)  # the learner confirms the order shown: now it counts
    assert q.check()[ordering["id"]] == "wrong"
    q.answer(ordering["id"], None)  # and takes it back
    assert q.check()[ordering["id"]] == "empty"


def test_ambiguous_and_too_large_numbers_are_reported_not_graded(in_tmp):
    q = quiz("netzwerke")
    whole = next(x for x in q.questions if x["type"] == "numeric" and float(x["answer"]).is_integer())
    q.answer(whole["id"], "1,270")
    assert q.check()[whole["id"]] == "ambiguous"
    q.answer(whole["id"], "1" * 24)
    assert q.check()[whole["id"]] == "too_large"
    q.answer(whole["id"], f"{whole['answer']:g} {whole.get('unit', '')}")
    assert q.check()[whole["id"]] == "correct"


def test_a_stored_empty_draw_gives_a_full_new_draw(in_tmp):
    (in_tmp / "kurs-fortschritt.json").write_text(
        json.dumps({"version": 1, "items": {"quiz:abschlusstest": {"drawn": [], "answers": {}}}}),
        encoding="utf-8",
    )
    final = quiz("abschlusstest")
    assert final.total == sum(d.count for d in load_banks()["abschlusstest"].draw)


def test_a_new_final_test_keeps_the_passed_result_and_the_certificate(in_tmp):
    final = quiz("abschlusstest")
    for question in final.questions:
        final.answer(question["id"], right_answer(question))
    final.check()
    assert final.passed is True and final.state["last_pass"]["percent"] == 100
    certificate = {"name": "Erika Musterfrau", "date": "1. März 2026", "right": final.total}
    final.state = {**final.state, "certificate": certificate}
    first_draw = [q["id"] for q in final.questions]
    final.restart()
    assert final.answers == {} and final.score == 0
    assert final.state["certificate"] == certificate and final.state["last_pass"]["percent"] == 100
    for question in final.questions:
        final.answer(question["id"], wrong_answer(question))
    final.check()
    assert final.passed is False and final.state["certificate"] == certificate
    assert final.state["attempts"] == 2 and final.state["best"] == final.total
    assert len(first_draw) == final.total
