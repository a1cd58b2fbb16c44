"""Question banks: the real ones are complete; broken ones give located German messages."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from pages import REPO, toc_docnames

from exercises.core.errors import ContentErrors
from exercises.quizzes.banks import load_banks
from exercises.quizzes.schema import QUESTION_TYPES, Bank, FinalTest

GOOD_QUESTION = """
  - id: {id}
    type: single
    prompt: "Was ist ein Profil?"
    options:
      - text: "Die Selbstdarstellung"
        correct: true
        feedback: "Richtig."
      - text: "Eine Anzeige"
        feedback: "Nein."
    explanation: "Ein Profil ist die Selbstdarstellung."
"""


def write_bank(folder: Path, name: str, questions: str) -> Path:
    path = folder / f"{name}.yml"
    path.write_text(
        f'title: "Test"\nchapter: {name}\nquestions:\n' + textwrap.dedent(questions).strip("\n") + "\n",
        encoding="utf-8",
    )
    return path


def errors_for(folder: Path) -> list:
    with pytest.raises(ContentErrors) as caught:
        load_banks(folder)
    return caught.value.errors


def test_real_banks_cover_every_chapter_with_enough_questions():
    banks = load_banks()
    chapters = {k: v for k, v in banks.items() if isinstance(v, Bank)}
    called = {
        name
        for doc in toc_docnames()
        for name in re.findall(r'\bquiz\("([\w-]+)"\)', (REPO / f"{doc}.md").read_text("utf-8"))
    }
    assert set(chapters) == called - {"abschlusstest"}  # every chapter quiz has its bank, and back
    for bank_id, bank in chapters.items():
        assert len(bank.questions) >= 8, bank_id
    assert sum(len(b.questions) for b in chapters.values()) >= 50
    used = {q.type for b in chapters.values() for q in b.questions}
    assert used == set(QUESTION_TYPES)
    assert isinstance(banks["abschlusstest"], FinalTest)


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "kaputt.yml"
    path.write_text(
        'title: "Test"\nchapter: kaputt\nquestions:\n  - id: a\n    prompt: "offen\n', encoding="utf-8"
    )
    (error,) = errors_for(tmp_path)
    assert error.file == path and error.line is not None
    assert "YAML-Syntaxfehler" in str(error) and "kaputt.yml, Zeile" in str(error)


def test_unknown_type_names_question_field_and_allowed_types(tmp_path):
    write_bank(tmp_path, "typ", GOOD_QUESTION.format(id="typ-a").replace("single", "essay"))
    (error,) = errors_for(tmp_path)
    assert (error.item_id, error.field, error.line) == ("typ-a", "type", 5)
    assert "Unbekannter Fragetyp „essay“" in error.message and "matching" in error.message


def test_no_correct_option(tmp_path):
    write_bank(
        tmp_path, "keine", GOOD_QUESTION.format(id="keine-a").replace("correct: true", "correct: false")
    )
    (error,) = errors_for(tmp_path)
    assert (error.item_id, error.field, error.line) == ("keine-a", "options", 7)
    assert "Keine Option ist als richtig markiert" in error.message


def test_duplicate_id_across_banks(tmp_path):
    write_bank(tmp_path, "eins", GOOD_QUESTION.format(id="gleich"))
    write_bank(tmp_path, "zwei", GOOD_QUESTION.format(id="gleich"))
    (error,) = errors_for(tmp_path)
    assert error.file.name == "zwei.yml" and error.item_id == "gleich" and error.field == "id"
    assert "doppelt" in error.message and "eins.yml, Zeile 4" in error.message


def test_missing_field(tmp_path):
    write_bank(
        tmp_path,
        "fehlt",
        GOOD_QUESTION.format(id="fehlt-a").replace(
            '    explanation: "Ein Profil ist die Selbstdarstellung."\n', ""
        ),
    )
    (error,) = errors_for(tmp_path)
    assert (error.item_id, error.field) == ("fehlt-a", "explanation")
    assert error.line == 4 and "Pflichtfeld fehlt" in error.message


def test_field_of_wrong_type(tmp_path):
    write_bank(
        tmp_path, "art", GOOD_QUESTION.format(id="art-a").replace("correct: true", "correct: vielleicht")
    )
    (error,) = errors_for(tmp_path)
    assert error.item_id == "art-a" and error.field == "options → 1. Eintrag → correct"
    assert error.line == 9 and "true oder false" in error.message


def test_matching_pair_that_refers_to_nothing(tmp_path):
    write_bank(
        tmp_path,
        "paar",
        """
      - id: paar-a
        type: matching
        prompt: "Ordnen Sie zu."
        terms:
          - {id: reichweite, text: "Reichweite", match: konten}
          - {id: impressionen, text: "Impressionen", match: gibtsnicht}
        definitions:
          - {id: konten, text: "Konten"}
          - {id: aufrufe, text: "Aufrufe"}
        explanation: "Erklärung."
    """,
    )
    (error,) = errors_for(tmp_path)
    assert error.item_id == "paar-a" and error.field == "terms → 2. Eintrag → match"
    assert error.line == 9 and "„gibtsnicht“ verweist auf keine Definition" in error.message


def test_all_errors_of_a_run_are_reported_together(tmp_path):
    write_bank(tmp_path, "aa", GOOD_QUESTION.format(id="aa-1").replace("single", "essay"))
    write_bank(tmp_path, "bb", GOOD_QUESTION.format(id="bb-1").replace("correct: true", ""))
    (tmp_path / "cc.yml").write_text("title: [kaputt\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_banks(tmp_path)
    report = caught.value.report()
    assert report.startswith("3 Fehler in den Kursinhalten:")
    assert "aa.yml" in report and "bb.yml" in report and "cc.yml" in report
