"""``kurs check`` hints at patterns that make questions guessable, on small fixture banks
(tests/data/bank-lint/, not the course's banks, so an instructor's edit never breaks these tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from exercise_vectors import line_of

from exercises.instructors.bank_lint import lint_banks
from exercises.instructors.cli import main

FIXTURES = Path(__file__).parent / "data" / "bank-lint"
MUSTER = FIXTURES / "muster.yml"
ANDERE = FIXTURES / "andere.yml"


@pytest.fixture(scope="module")
def hints():
    return lint_banks(FIXTURES)


def found(hints, path: Path, item_id: str, field: str):
    matching = [h for h in hints if h.file == path and h.item_id == item_id and h.field == field]
    assert len(matching) == 1, [str(h) for h in hints]
    return matching[0]


def test_true_false_imbalance_points_at_the_bank(hints):
    hint = found(hints, MUSTER, "muster-wahr-1", "answer")
    assert hint.line == line_of(MUSTER, "answer: true")
    assert "3 von 4 haben die Antwort „richtig“ (muster-wahr-1, muster-wahr-2, muster-wahr-3)" in hint.message
    assert not [h for h in hints if h.file == ANDERE and h.field == "answer"]  # 1 : 1 is balanced


def test_right_option_always_longest_is_found(hints):
    hint = found(hints, MUSTER, "muster-lang-1", "options")
    assert hint.line == line_of(MUSTER, "    options:")
    assert "In 3 von 4 Auswahlfragen ist die richtige Antwort die längste" in hint.message
    assert "(muster-lang-1, muster-lang-2, muster-lang-3)" in hint.message


def test_duplicate_and_near_duplicate_prompts_across_banks(hints):
    same = found(hints, MUSTER, "muster-lang-1", "prompt")
    assert same.line == line_of(MUSTER, "Was hilft bei einer bösen Bewertung?")
    assert f"dieselbe wie „andere-doppelt“ (andere.yml, Zeile {line_of(ANDERE, 'bösen Bewertung??')})" in (
        same.message
    )
    near = found(hints, MUSTER, "muster-kurz", "prompt")
    assert "fast dieselbe wie „andere-fast-doppelt“" in near.message and "% Übereinstimmung" in near.message


def test_a_prompt_or_option_giving_away_another_answer(hints):
    text = found(hints, ANDERE, "andere-verraten", "prompt")
    assert text.line == line_of(ANDERE, "einen Redaktionsplan an")
    source = f"(muster.yml, Zeile {line_of(MUSTER, 'Wie heißt')})"
    assert f"„Redaktionsplan“, die Antwort der Frage „muster-begriff“ {source}" in text.message
    number = found(hints, ANDERE, "andere-verraten", "options → 2. Eintrag")
    assert number.line == line_of(ANDERE, "von 15 %") and "„15 %“, die Antwort der Frage „muster-anteil“" in (
        number.message
    )
    # In the same bank, too; "15 Minuten" is not the answer "15 %", a short variant ("Plan") is ignored.
    found(hints, MUSTER, "muster-wahr-1", "prompt")
    assert not [h for h in hints if h.item_id == "andere-wahr"]
    assert len(hints) == 7


def test_a_clean_bank_gets_no_hints():
    assert lint_banks(FIXTURES / "sauber") == []


def test_kurs_check_prints_hints_with_file_and_line_and_still_succeeds(capsys):
    assert main(["check", "--kataloge", str(FIXTURES)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Alles in Ordnung: 2 Fragenkataloge mit 15 Fragen,")
    assert captured.err.startswith("7 Hinweise zu den Fragenkatalogen (keine Fehler;")
    assert (
        f"muster.yml, Zeile {line_of(MUSTER, 'answer: true')} – Frage/Eintrag „muster-wahr-1“" in captured.err
    )


def test_kurs_check_of_a_clean_folder_prints_no_hints(capsys):
    assert main(["check", "--kataloge", str(FIXTURES / "sauber")]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Alles in Ordnung: 1 Fragenkatalog mit 4 Fragen,") and captured.err == ""


def test_errors_still_fail_and_come_without_hints(tmp_path, capsys):
    shutil.copy(MUSTER, tmp_path / "muster.yml")
    (tmp_path / "kaputt.yml").write_text("title: Kaputt\nchapter: kaputt\nquestions: []\n", encoding="utf-8")
    assert main(["check", "--kataloge", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "kaputt.yml" in err and "Fehler in den Kursinhalten" in err and "Hinweis" not in err
