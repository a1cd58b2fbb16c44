"""An instructor edits exercises/ui_text.yml: every mistake is named with file, line, group and key."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import REPO

from exercises.core.paths import TEXT_FILE
from exercises.core.texts import CONTRACT_FILE, check_ui_text, contract_of, contract_text, load_contract

SHIPPED = TEXT_FILE.read_text(encoding="utf-8")
RETRY = '  retry: "Noch einmal versuchen"'
QUESTION_OF = '  question_of: "Frage {n} von {total}"'
SYNTAX_HINT = "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der davor."
ONLY_TEXTS = "nur die Texte in Anführungszeichen, nicht die Schlüssel vor dem Doppelpunkt."
UNKNOWN = "Den füllt der Kurs nicht, die Seite zeigte ihn so, wie er dasteht."


def line_of(line_text: str) -> int:
    """The number of the shipped file's line ``line_text`` (other edits may move it)."""
    (number,) = [i for i, line in enumerate(SHIPPED.splitlines(), 1) if line == line_text]
    return number


@pytest.fixture
def edit(tmp_path, monkeypatch):
    """Check a copy of ui_text.yml with one replacement, from a folder where it is exercises/ui_text.yml."""
    (tmp_path / "exercises").mkdir()
    monkeypatch.chdir(tmp_path)

    def run(old: str, new: str, *more: tuple[str, str]):
        text = SHIPPED
        for before, after in [(old, new), *more]:
            assert text.count(before) == 1, before
            text = text.replace(before, after)
        path = tmp_path / "exercises" / "ui_text.yml"
        path.write_text(text, encoding="utf-8")
        result = check_ui_text(path)
        return [str(e) for e in result.errors], [str(h) for h in result.hints]

    return run


def test_the_shipped_file_passes_without_hints():
    result = check_ui_text()
    assert result.errors == [] and result.hints == []


def test_the_contract_matches_the_shipped_file():
    expected = contract_text(yaml.safe_load(SHIPPED))
    assert CONTRACT_FILE.read_text(encoding="utf-8") == expected, (
        "exercises/core/ui_text_contract.yml no longer matches exercises/ui_text.yml (a key or "
        "placeholder was added, renamed or removed). Regenerate it: python3 -m exercises.core.texts --vertrag"
    )
    assert load_contract() == contract_of(yaml.safe_load(SHIPPED))


def test_the_contract_records_placeholders_sorted():
    contract = load_contract()["placeholders"]
    assert contract["quiz"]["question_of"] == ["n", "total"]
    assert contract["common"]["retry"] == []
    assert contract["ex_nutzen_rechner"]["calc_growth"] == ["difference", "end", "result", "start"]


def test_unclosed_quote_is_a_syntax_error_at_its_line(edit):
    errors, hints = edit(RETRY, RETRY[:-1])
    # The parser notices at the next line; the message asks to look at that line and the one before.
    assert len(errors) == 1 and hints == []
    assert errors[0].startswith(f"exercises/ui_text.yml, Zeile {line_of(RETRY) + 1}: YAML-Syntaxfehler: ")
    assert errors[0].endswith(SYNTAX_HINT)


def test_renamed_key_is_one_error_suggesting_the_missing_key(edit):
    errors, hints = edit(RETRY, RETRY.replace("retry", "retri"))
    assert errors == [
        f"exercises/ui_text.yml, Zeile {line_of(RETRY)} – Gruppe „common“ – Schlüssel „retri“: "
        "Unbekannter Schlüssel: Diesen Text liest der Kurs nicht, und „retry“ fehlt in dieser Gruppe – "
        f"wohl ein Tippfehler. Schreiben Sie den Schlüssel wieder „retry“; ändern Sie {ONLY_TEXTS}"
    ]
    assert hints == []


def test_unknown_key_next_to_the_real_one_suggests_it(edit):
    errors, _ = edit(RETRY, RETRY + '\n  retrys: "Nochmal"')
    assert errors == [
        f"exercises/ui_text.yml, Zeile {line_of(RETRY) + 1} – Gruppe „common“ – Schlüssel „retrys“: "
        "Unbekannter Schlüssel: Diesen Text liest der Kurs nicht. Meinen Sie „retry“? "
        f"Ändern Sie {ONLY_TEXTS}"
    ]


def test_unknown_key_like_no_other_is_named_without_a_guess(edit):
    errors, _ = edit(RETRY, RETRY + '\n  willkommen: "Hallo"')
    assert errors == [
        f"exercises/ui_text.yml, Zeile {line_of(RETRY) + 1} – Gruppe „common“ – Schlüssel „willkommen“: "
        f"Unbekannter Schlüssel: Diesen Text liest der Kurs nicht. Ändern Sie {ONLY_TEXTS}"
    ]


def test_deleted_key_is_named_at_its_group(edit):
    errors, _ = edit(RETRY + "\n", "")
    assert errors == [
        f"exercises/ui_text.yml, Zeile {line_of('common:')} – Gruppe „common“ – Schlüssel „retry“: "
        "Der Text fehlt: An seiner Stelle stünde auf der Seite nichts. Ergänzen Sie in der Gruppe eine "
        'Zeile „retry: "…"“ mit dem Text in Anführungszeichen.'
    ]


def test_misspelt_group_suggests_the_missing_one(edit):
    errors, _ = edit("\nquiz:\n", "\nquizz:\n")
    assert errors == [
        f"exercises/ui_text.yml, Zeile {line_of('quiz:')} – Gruppe „quizz“: Unbekannte Gruppe: Diese Texte "
        "liest der Kurs nicht, und die Gruppe „quiz“ fehlt – wohl ein Tippfehler. Schreiben Sie den Namen "
        "wieder „quiz“; ändern Sie nur die Texte in Anführungszeichen, nicht die Namen vor dem Doppelpunkt."
    ]


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("12", "eine Zahl"),
        ("", "nichts"),
        ("ja", None),  # "ja" is a text, only yes/no/on/off/true/false are not
        ("yes", "ja oder nein (yes, no, true, false, on oder off ohne Anführungszeichen)"),
        ("[Noch, einmal]", "eine Liste"),
    ],
)
def test_value_that_is_not_a_text(edit, value, found):
    errors, _ = edit(RETRY, f"  retry: {value}".rstrip())
    expected = (
        f"exercises/ui_text.yml, Zeile {line_of(RETRY)} – Gruppe „common“ – Schlüssel „retry“: "
        f"Hier muss ein Text in Anführungszeichen stehen; gefunden: {found}."
    )
    assert errors == ([expected] if found else [])


def test_renamed_placeholder_is_an_error_and_the_lost_one_a_hint(edit):
    errors, hints = edit(QUESTION_OF, QUESTION_OF.replace("{n}", "{nummer}"))
    where = f"exercises/ui_text.yml, Zeile {line_of(QUESTION_OF)} – Gruppe „quiz“ – Schlüssel „question_of“"
    assert errors == [
        f"{where}: Unbekannter Platzhalter {{nummer}}: {UNKNOWN} Möglich sind hier: {{n}}, {{total}}."
    ]
    assert hints == [
        f"{where}: Der Platzhalter {{n}} fehlt: Diesen Wert zeigt der Text nicht mehr an. "
        "Ist das gewollt, ist alles in Ordnung."
    ]


def test_placeholder_in_a_text_without_any(edit):
    errors, _ = edit(RETRY, '  retry: "Noch einmal {versuchen}"')
    assert errors == [
        f"exercises/ui_text.yml, Zeile {line_of(RETRY)} – Gruppe „common“ – Schlüssel „retry“: "
        f"Unbekannter Platzhalter {{versuchen}}: {UNKNOWN} Dieser Text hat keine Platzhalter."
    ]


@pytest.mark.parametrize(("text", "brace"), [("Frage {n von {total}", "{"), ("Frage n} von {total}", "}")])
def test_brace_without_its_partner(edit, text, brace):
    errors, _ = edit(QUESTION_OF, f'  question_of: "{text}"')
    assert errors == [
        f"exercises/ui_text.yml, Zeile {line_of(QUESTION_OF)} – Gruppe „quiz“ – Schlüssel „question_of“: "
        f"Eine geschweifte Klammer „{brace}“ ohne Gegenstück: Geschweifte Klammern gehören nur zu "
        "Platzhaltern. Entfernen Sie die Klammer oder ergänzen Sie das Gegenstück."
    ]


def test_broken_messages_of_the_check_itself_come_from_the_contract(edit):
    errors, _ = edit(RETRY, "  retry: 12", ('  not_text: "Hier muss', '  not_txt: "Hier muss'))
    assert errors[0] == (
        f"exercises/ui_text.yml, Zeile {line_of(RETRY)} – Gruppe „common“ – Schlüssel „retry“: "
        "Hier muss ein Text in Anführungszeichen stehen; gefunden: eine Zahl."
    )
    assert "Gruppe „ui_text_check“ – Schlüssel „not_txt“: Unbekannter Schlüssel" in errors[1]


def run_course_command(package_parent, *args):
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=package_parent, timeout=120
    )


@pytest.fixture
def package_copy(tmp_path):
    shutil.copytree(REPO / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_kurs_check_fails_on_a_broken_text_without_traceback(package_copy):
    texts = package_copy / "exercises" / "ui_text.yml"
    texts.write_text(SHIPPED.replace(RETRY, RETRY.replace("retry", "retri")), encoding="utf-8")
    result = run_course_command(package_copy, "-m", "exercises", "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(
        "1 Fehler in den Kursinhalten:\n"
        f"  - exercises/ui_text.yml, Zeile {line_of(RETRY)} – Gruppe „common“ – Schlüssel „retri“: "
    )


def test_kurs_check_fails_on_a_syntax_error_without_traceback(package_copy):
    texts = package_copy / "exercises" / "ui_text.yml"
    texts.write_text(SHIPPED.replace(RETRY, RETRY[:-1]), encoding="utf-8")
    result = run_course_command(package_copy, "-m", "exercises", "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"exercises/ui_text.yml, Zeile {line_of(RETRY) + 1}: YAML-Syntaxfehler: " in result.stderr
    assert "Alles in Ordnung" not in result.stdout


def test_kurs_check_passes_a_left_out_placeholder_with_a_hint(package_copy):
    texts = package_copy / "exercises" / "ui_text.yml"
    intro = '  new_attempt_done: "Neuer Test mit {count} neu gezogenen Fragen."'
    texts.write_text(
        SHIPPED.replace(intro, '  new_attempt_done: "Neuer Test mit neu gezogenen Fragen."'), encoding="utf-8"
    )
    result = run_course_command(package_copy, "-m", "exercises", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Alles in Ordnung:")
    assert (
        "1 Hinweis(e) zu exercises/ui_text.yml – sie halten den Bau nicht auf:\n"
        f"  - exercises/ui_text.yml, Zeile {line_of(intro)} – Gruppe „final“ – Schlüssel „new_attempt_done“: "
        "Der Platzhalter {count} fehlt: Diesen Wert zeigt der Text nicht mehr an." in result.stderr
    )


def test_the_regenerating_command_writes_the_committed_contract(package_copy):
    contract = package_copy / "exercises" / "core" / "ui_text_contract.yml"
    contract.unlink()
    result = run_course_command(package_copy, "-m", "exercises.core.texts", "--vertrag")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Vertrag geschrieben: exercises/core/ui_text_contract.yml (")
    assert contract.read_text(encoding="utf-8") == CONTRACT_FILE.read_text(encoding="utf-8")
