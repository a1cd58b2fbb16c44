"""GIFT export: every exported question must parse with gift-pegjs (npm, pinned in package.json).

node and ``node_modules`` are required: a missing one is an error naming ``npm ci``, never a skip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter

import pytest
from conftest import REPO
from test_cli import run_cli

from exercises.core.markup import inline
from exercises.instructors.cli import main
from exercises.instructors.gift import NOTE_MATCHING, NOTE_ORDERING, NOTE_SHUFFLE, banks_to_gift, escape
from exercises.instructors.moodle import (
    accepted_answers,
    choice_fractions,
    distractors,
    plain_text,
    position_label,
)
from exercises.quizzes.banks import load_banks
from exercises.quizzes.schema import Bank

PARSER = REPO / "tests" / "js" / "parse-gift.mjs"
PEGJS_TYPES = {
    "single": "MC",
    "multiple": "MC",
    "true-false": "TF",
    "numeric": "Numerical",
    "text": "Short",
    "matching": "Matching",
    "ordering": "Matching",
}


def parse_gift(path) -> list[dict]:
    """The questions gift-pegjs reads from ``path`` (fails with a clear message if it cannot)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "node fehlt: Node.js 20 installieren und im Kursordner `npm ci` ausführen "
            "(der GIFT-Test wird nie übersprungen)."
        )
    if not (REPO / "node_modules" / "gift-pegjs" / "package.json").is_file():
        pytest.fail(
            f"node_modules/gift-pegjs fehlt: im Kursordner {REPO} `npm ci` ausführen "
            "(installiert die Version aus package-lock.json)."
        )
    run = subprocess.run(
        [node, str(PARSER), str(path)], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert run.stdout, f"parse-gift.mjs gab nichts aus:\n{run.stderr}"
    result = json.loads(run.stdout)
    assert run.returncode == 0 and "error" not in result, f"gift-pegjs: {result.get('error')}"
    return result["questions"]


def subanswer(pair: dict) -> str:
    """gift-pegjs 1.0.2 leaves its escape placeholders in the right side of a match (Moodle
    decodes them, see escapedchar_post() in question/format/gift/format.php)."""
    text = pair["subanswer"]
    for code, char in (
        ("058", ":"),
        ("035", "#"),
        ("061", "="),
        ("123", "{"),
        ("125", "}"),
        ("126", "~"),
        ("092", "\\"),
    ):
        text = text.replace(f"&&{code};", char)
    return text.replace("&&010", "\n")


def chapters() -> list[Bank]:
    return [bank for bank in load_banks().values() if isinstance(bank, Bank)]


def exported(tmp_path, banks=None) -> tuple[str, list[dict]]:
    target = tmp_path / "fragen.txt"
    target.write_text(banks_to_gift(banks if banks is not None else load_banks()), encoding="utf-8")
    return target.read_text(encoding="utf-8"), parse_gift(target)


def bank_of(*questions: dict) -> dict:
    return {
        "probe": Bank.model_validate({"title": "Probe", "chapter": "probe", "questions": list(questions)})
    }


def test_cli_writes_gift_and_reports_it(tmp_path, capsys):
    target = tmp_path / "fragen.txt"
    assert main(["export-gift", str(target)]) == 0
    banks = chapters()
    size = target.stat().st_size
    kb = f"{size / 1000:.1f}".replace(".", ",")
    assert capsys.readouterr().out.strip() == (
        f"GIFT: {len(banks)} Kapitel, {sum(len(b.questions) for b in banks)} Fragen, {kb} KB "
        f"nach {target} geschrieben."
    )


def test_every_question_parses_with_the_right_type_and_count(tmp_path):
    _, parsed = exported(tmp_path)
    banks = chapters()
    questions = [q for bank in banks for q in bank.questions]
    assert [p["type"] for p in parsed if p["type"] == "Category"] == ["Category"] * len(banks)
    real = [p for p in parsed if p["type"] != "Category"]
    assert len(real) == len(questions)
    assert Counter(p["type"] for p in real) == Counter(PEGJS_TYPES[q.type] for q in questions)
    assert [p["title"] for p in real] == [q.id for q in questions]
    assert [p["id"] for p in real] == [q.id for q in questions]  # the "// [id:…]" comment


def test_fields_survive_the_round_trip(tmp_path):
    _, parsed = exported(tmp_path)
    real = iter(p for p in parsed if p["type"] != "Category")
    for question in (q for bank in chapters() for q in bank.questions):
        item = next(real)
        prompt = inline(question.prompt)
        if question.type == "numeric" and question.unit:
            prompt += f" (Einheit: {question.unit})"
        assert item["stem"] == {"format": "html", "text": prompt}, question.id
        assert item["globalFeedback"] == {"format": "html", "text": inline(question.explanation)}
        check_answers(question, item)


def check_answers(question, item) -> None:
    kind = question.type
    if kind in {"single", "multiple"}:
        choices = item["choices"]
        assert [c["text"]["text"] for c in choices] == [inline(o.text) for o in question.options]
        assert [c["feedback"]["text"] for c in choices] == [inline(o.feedback) for o in question.options]
        if kind == "single":
            assert [c["isCorrect"] for c in choices] == [o.correct for o in question.options]
            assert all(c["weight"] is None for c in choices)
        else:
            weights = [c["weight"] for c in choices]
            assert weights == pytest.approx(choice_fractions(question), abs=1e-5), question.id
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=1e-4)
    elif kind == "true-false":
        assert item["isTrue"] is question.answer
        right, wrong = (
            (question.feedback_true, question.feedback_false)
            if question.answer
            else (question.feedback_false, question.feedback_true)
        )
        # Moodle reads the first feedback as the one for a wrong answer, the second for a right one.
        assert item["trueFeedback"]["text"] == inline(wrong)
        assert item["falseFeedback"]["text"] == inline(right)
    elif kind == "numeric":
        assert item["choices"] == {"type": "range", "number": question.answer, "range": question.tolerance}
    elif kind == "text":
        assert [c["text"]["text"] for c in item["choices"]] == accepted_answers(question)
        assert all(c["isCorrect"] for c in item["choices"])
    elif kind == "matching":
        definitions = {d.id: d.text for d in question.definitions}
        expected = [(inline(term.text), plain_text(definitions[term.match])) for term in question.terms]
        expected += [("", plain_text(extra)) for extra in distractors(question)]
        assert [(p["subquestion"]["text"], subanswer(p)) for p in item["matchPairs"]] == expected
    else:
        assert [(p["subquestion"]["text"], subanswer(p)) for p in item["matchPairs"]] == [
            (inline(text), position_label(n)) for n, text in enumerate(question.items, start=1)
        ]


def test_file_states_the_mappings_in_comments(tmp_path):
    text, _ = exported(tmp_path)
    assert text.startswith("// Fragen aus dem Kurs")
    blocks = text.split("\n\n")
    for question in (q for bank in chapters() for q in bank.questions):
        block = next(b for b in blocks if f"::{question.id}::" in b)
        assert block.startswith(f"// [id:{question.id}]\n")
        assert (NOTE_ORDERING in block) is (question.type == "ordering")
        assert (NOTE_MATCHING in block) is (question.type == "matching")
        assert ("// Tipp (GIFT kennt keine Tipps" in block) is bool(question.hint)
        assert (NOTE_SHUFFLE in block) is (getattr(question, "shuffle", True) is False)
    assert "[html]" in text and "[markdown]" not in text and "[moodle]" not in text


def test_special_characters_are_escaped_and_come_back(tmp_path):
    tricky = "Preis: 5 € {netto} = 4,20 ~ ca. #1 \\ Pfad C:\\temp\nzweite Zeile -> Ende"
    banks = bank_of(
        {
            "id": "probe-single",
            "type": "single",
            "prompt": tricky,
            "explanation": tricky,
            "options": [
                {"text": "%20 Rabatt " + tricky, "correct": True, "feedback": tricky},
                {"text": "%50% sind es nicht", "feedback": "#" + tricky},
            ],
        },
        {
            "id": "probe-text",
            "type": "text",
            "prompt": "Was?",
            "explanation": "So.",
            "accepted": ["%5% Skonto", "a=b{c}~d#e:f\\g"],
        },
        {
            "id": "probe-match",
            "type": "matching",
            "prompt": tricky,
            "explanation": "x",
            "terms": [
                {"id": "aa", "text": "A -> B: **fett**", "match": "xx"},
                {"id": "bb", "text": "C {D}", "match": "yy"},
            ],
            "definitions": [
                {"id": "xx", "text": "X = 1 -> 2"},
                {"id": "yy", "text": "Y # ~ :"},
                {"id": "zz", "text": "Z"},
            ],
        },
    )
    text, parsed = exported(tmp_path, banks)
    single, short, match = (p for p in parsed if p["type"] != "Category")
    assert single["stem"]["text"] == inline(tricky)
    assert single["globalFeedback"]["text"] == inline(tricky)
    # A leading "%" would be read as a weight; it is written as the HTML entity &#37; instead.
    assert single["choices"][0]["text"]["text"] == "&#37;" + inline("20 Rabatt " + tricky)
    assert single["choices"][1]["text"]["text"] == "&#37;50% sind es nicht"
    assert [c["weight"] for c in single["choices"]] == [None, None]
    assert [c["isCorrect"] for c in single["choices"]] == [True, False]
    assert single["choices"][1]["feedback"]["text"] == inline("#" + tricky)
    assert [c["text"]["text"] for c in short["choices"]] == ["%5% Skonto", "a=b{c}~d#e:f\\g"]
    assert [subanswer(p) for p in match["matchPairs"]] == ["X = 1 -> 2", "Y # ~ :", "Z"]
    assert match["matchPairs"][0]["subquestion"]["text"] == inline("A -> B: **fett**")
    assert escape("a\\b:c") == "a\\\\b\\:c"
    assert "\n\n" not in text.split("::probe-single::")[1].split("}")[0]  # no blank line inside


def test_a_broken_bank_refuses_the_export(tmp_path):
    shutil.copytree(REPO / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    bank = tmp_path / "exercises" / "banks" / "profil.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("feedback:", "rueckmeldung:", 1), encoding="utf-8"
    )
    result = run_cli(tmp_path, "export-gift", "fragen.txt")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("2 Fehler in den Kursinhalten:")
    assert "exercises/banks/profil.yml, Zeile" in result.stderr
    assert "Feld „options → 1. Eintrag → rueckmeldung“: Unbekanntes Feld" in result.stderr
    assert not (tmp_path / "fragen.txt").exists()
