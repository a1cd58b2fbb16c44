"""Question banks: the real ones are complete; broken ones give located German messages."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from pages import REPO, toc_docnames

from exercises.core.errors import ContentErrors
from exercises.quizzes.banks import chapter_errors, load_banks
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


NUMERIC = """
  - id: zahl-a
    type: numeric
    prompt: "Wie viele Stunden?"
    answer: {answer}
    explanation: "So viele."
"""


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("3,25", "Hier wird eine Zahl erwartet; schreiben Sie 3.25 (mit Punkt statt Komma)."),
        ('"3,25"', "Hier wird eine Zahl erwartet; schreiben Sie 3.25 (mit Punkt statt Komma)."),
        ('"3.25"', "Hier wird eine Zahl erwartet; schreiben Sie 3.25 ohne Anführungszeichen."),
        ("3,25 Stunden", "Hier wird nur eine Zahl erwartet; schreiben Sie 3.25 ohne „Stunden“."),
        ("drei", "Hier wird eine Zahl erwartet (mit Punkt, z. B. 4.5), gefunden: 'drei'."),
    ],
)
def test_a_number_that_is_no_number_gives_one_message_for_its_field(tmp_path, answer, message):
    write_bank(tmp_path, "zahl", NUMERIC.format(answer=answer))
    (error,) = errors_for(tmp_path)  # one message, not one per branch of "float | int"
    assert (
        str(error) == f"{tmp_path / 'zahl.yml'}, Zeile 7 – Frage/Eintrag „zahl-a“ – Feld „answer“: {message}"
    )


def test_unknown_field_lists_the_fields_allowed_there(tmp_path):
    write_bank(
        tmp_path, "feld", GOOD_QUESTION.format(id="feld-a").replace('feedback: "Nein', 'feedbak: "Nein')
    )
    errors = errors_for(tmp_path)
    unknown = next(e for e in errors if e.field == "options → 2. Eintrag → feedbak")
    assert (unknown.item_id, unknown.line) == ("feld-a", 12)
    assert unknown.message == (
        "Unbekanntes Feld. Bitte die Schreibweise prüfen. Meinten Sie „feedback“? "
        "Zulässig sind hier: text, correct, feedback."
    )
    write_bank(
        tmp_path, "feld", GOOD_QUESTION.format(id="feld-a").replace("    explanation:", "    erklaerung:")
    )
    unknown = next(e for e in errors_for(tmp_path) if e.field == "erklaerung")
    assert unknown.message == (
        "Unbekanntes Feld. Bitte die Schreibweise prüfen. "
        "Zulässig sind hier: id, prompt, explanation, hint, type, options, shuffle."
    )


def test_a_value_outside_the_allowed_ones_is_named_in_german(tmp_path):
    (tmp_path / "abschluss.yml").write_text(
        'title: "Test"\nchapter: abschluss\nfinal: ja\npass_mark: 0.7\n'
        "draw:\n  - {bank: abschluss, count: 1}\ncertificate_title: Urkunde\n",
        encoding="utf-8",
    )
    (error,) = errors_for(tmp_path)
    assert (error.line, error.field) == (3, "final")
    assert error.message == "Unzulässiger Wert 'ja'; erlaubt ist nur: true."


def test_file_not_saved_as_utf8_names_line_and_what_to_do(tmp_path):
    path = tmp_path / "profil.yml"
    text = 'title: "Das Profil"\nchapter: profil\nquestions:\n  - id: profil-a\n    prompt: "Wofür?"\n'
    path.write_bytes(text.encode("cp1252"))  # "ü" is the byte 0xfc, as a Windows editor saves it
    (error,) = errors_for(tmp_path)
    assert str(error) == (
        f"{path}, Zeile 5: Die Datei ist nicht als UTF-8 gespeichert: Das 17. Zeichen dieser Zeile "
        "(Byte 0xfc, vermutlich „ü“) ist kein UTF-8. Speichern Sie sie in Ihrem Editor als UTF-8."
    )


@pytest.mark.parametrize(
    ("broken", "line", "message"),
    [
        (
            "    prompt: Frage: Ist das ein Profil?\n",
            5,
            "Ein Doppelpunkt im Text (oder die Zeile ist weiter eingerückt als die davor). Setzen Sie einen "
            'Text mit Doppelpunkt in Anführungszeichen, z. B. prompt: "Frage: Was ist ein Profil?", und '
            "prüfen Sie die Einrückung.",
        ),
        (
            '\tprompt: "Ist das ein Profil?"\n',
            5,
            "Hier steht ein Tabulator; YAML braucht Leerzeichen zum Einrücken. Ersetzen Sie den Tabulator "
            "durch Leerzeichen.",
        ),
        (
            '    terms:\n      - {id: a, text: "A", match: b\n      - {id: c, text: "C", match: d}\n',
            7,
            "Die geschweifte Klammer aus Zeile 6 wird nicht richtig geschlossen: Zwischen den Feldern fehlt "
            "ein Komma oder am Ende die schließende geschweifte Klammer. Ein Text mit Komma oder Doppelpunkt "
            "gehört in Anführungszeichen.",
        ),
        (
            '    prompt: "Ist das ein Profil?\n    explanation: "Ja."\n',
            5,
            "Das Anführungszeichen am Textanfang in dieser Zeile wird nicht geschlossen. Ergänzen Sie das "
            "schließende Anführungszeichen am Ende des Textes (ein Anführungszeichen im Text selbst "
            "schreiben Sie als „ oder “).",
        ),
        (
            '    prompt: "Ist das" ein Profil?\n',
            5,
            "Hier stimmt die Einrückung nicht, oder nach einem Text in Anführungszeichen geht die Zeile "
            "weiter. Rücken Sie die Felder eines Abschnitts gleich weit ein und setzen Sie den ganzen Text "
            "in Anführungszeichen.",
        ),
        (
            "    prompt: @firma ist wer?\n",
            5,
            "Ein Text beginnt mit „@“, das in YAML eine eigene Bedeutung hat. Setzen Sie den Text in "
            "Anführungszeichen.",
        ),
    ],
)
def test_yaml_syntax_errors_are_explained_in_german(tmp_path, broken, line, message):
    path = tmp_path / "syntax.yml"
    path.write_text(
        'title: "Test"\nchapter: syntax\nquestions:\n  - id: syntax-a\n' + broken, encoding="utf-8"
    )
    (error,) = errors_for(tmp_path)
    assert str(error) == f"{path}, Zeile {line}: YAML-Syntaxfehler: {message}"


def test_an_unusual_yaml_error_keeps_pyyaml_s_words_in_parentheses(tmp_path):
    path = tmp_path / "syntax.yml"
    path.write_text('{title: "Test"}}\n', encoding="utf-8")
    (error,) = errors_for(tmp_path)
    assert str(error) == (
        f"{path}, Zeile 1: YAML-Syntaxfehler (did not find expected <document start>). Prüfen Sie "
        "Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der davor."
    )


def test_chapter_must_name_a_chapter_of_the_toc(tmp_path):
    toc = tmp_path / "_toc.yml"
    toc.write_text(
        "format: jb-book\nroot: book/index\nparts:\n  - chapters:\n      - file: book/profil\n"
        "      - file: book/netzwerke\n        sections:\n          - file: book/netzwerke-mehr\n",
        encoding="utf-8",
    )
    banks = tmp_path / "banks"
    banks.mkdir()
    write_bank(banks, "profil", GOOD_QUESTION.format(id="profil-a"))
    path = write_bank(banks, "profill", GOOD_QUESTION.format(id="profil-b"))
    (error,) = chapter_errors(banks, toc)
    assert str(error) == (
        f"{path}, Zeile 2 – Feld „chapter“: Das Kapitel „profill“ steht nicht im Inhaltsverzeichnis "
        "_toc.yml; das Quiz erschiene sonst am Ende der Fortschrittsübersicht. Vorhandene Kapitel: "
        "index, profil, netzwerke, netzwerke-mehr."
    )
    assert chapter_errors(banks, tmp_path / "fehlt.yml") == []  # no toc: nothing to compare with


def test_a_toc_not_saved_as_utf8_is_reported_like_a_bank(tmp_path):
    toc = tmp_path / "_toc.yml"
    toc.write_bytes("# Inhaltsverzeichnis\n# Kapitel für Kapitel\nroot: book/index\n".encode("cp1252"))
    (error,) = chapter_errors(tmp_path, toc)
    assert (error.file, error.line) == (toc, 2)
    assert error.message.startswith("Die Datei ist nicht als UTF-8 gespeichert: Das 12. Zeichen")
