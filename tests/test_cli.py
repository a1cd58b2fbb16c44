"""The instructors' command line: check everything, export for Moodle."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO

from exercises.activities import REGISTRY
from exercises.core.errors import os_error_reason
from exercises.instructors.cli import _count, main
from exercises.quizzes.banks import load_banks
from exercises.quizzes.schema import Bank


def run_cli(package_parent, *args):
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [sys.executable, "-m", "exercises", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=package_parent,
        timeout=120,
    )


def test_check_reports_counts_for_the_real_content(capsys):
    assert main(["check"]) == 0
    chapters = [b for b in load_banks().values() if isinstance(b, Bank)]
    count = sum(len(b.questions) for b in chapters)
    assert capsys.readouterr().out.strip() == (
        f"Alles in Ordnung: {len(chapters)} Fragenkataloge mit {count} Fragen, {len(REGISTRY)} Übungen."
    )


def test_check_lists_every_error_and_fails(tmp_path):
    shutil.copytree(REPO / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    bank = tmp_path / "exercises" / "banks" / "netzwerke.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("explanation:", "erklaerung:", 1), encoding="utf-8"
    )
    scenario = tmp_path / "exercises" / "scenarios" / "nutzen-rechner.yml"
    scenario.write_text(scenario.read_text(encoding="utf-8") + "\nunbekannt: 1\n", encoding="utf-8")
    result = run_cli(tmp_path, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("3 Fehler in den Kursinhalten:")
    assert "exercises/banks/netzwerke.yml, Zeile" in result.stderr
    assert "Feld „erklaerung“: Unbekanntes Feld" in result.stderr
    assert "Feld „explanation“: Pflichtfeld fehlt" in result.stderr
    assert "exercises/scenarios/nutzen-rechner.yml, Zeile" in result.stderr


def test_moodle_export_holds_every_chapter_question(tmp_path):
    target = tmp_path / "fragen.xml"
    assert main(["export-moodle", str(target)]) == 0
    root = ET.parse(target).getroot()
    questions = [q for q in root if q.get("type") != "category"]
    chapters = [b for b in load_banks().values() if isinstance(b, Bank)]
    assert len(questions) == sum(len(b.questions) for b in chapters)
    assert {q.get("type") for q in questions} == {
        "multichoice",
        "truefalse",
        "numerical",
        "shortanswer",
        "matching",
        "ordering",
    }
    single = next(q for q in questions if q.findtext("single") == "true")
    fractions = sorted(float(a.get("fraction")) for a in single.findall("answer"))
    assert fractions[-1] == 100 and fractions[0] == 0


# --- German throughout: help, mistakes in the call, files that cannot be written -----------------


def test_help_is_german(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out == (
        "Aufruf: kurs [-h] BEFEHL ...\n"
        "\n"
        "Prüft und exportiert die Fragenkataloge und Übungen des Kurses.\n"
        "\n"
        "Optionen:\n"
        "  -h, --help     diese Hilfe zeigen und beenden\n"
        "\n"
        "Befehle:\n"
        "  BEFEHL\n"
        "    check        alle Fragenkataloge und Übungsdaten prüfen; Muster, die Fragen erratbar machen,\n"
        "                 als Hinweise\n"
        "    export-moodle\n"
        "                 Fragen als Moodle-XML exportieren\n"
        "    export-gift  Fragen im GIFT-Format (Textformat von Moodle) exportieren\n"
        "    export-ilias\n"
        "                 Fragen als ILIAS-Fragenpool (ZIP) exportieren\n"
        "    export-scorm\n"
        "                 den ganzen Kurs als SCORM-1.2-Paket (ZIP) für Moodle und ILIAS exportieren\n"
    )


def test_every_command_has_a_german_description(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        main(["export-gift", "--help"])
    assert capsys.readouterr().out == (
        "Aufruf: kurs export-gift [-h] ziel\n"
        "\n"
        "Exportiert die Fragen der Kapitel im GIFT-Format, dem Textformat von Moodle.\n"
        "\n"
        "Angaben:\n"
        "  ziel        Zieldatei, z. B. fragen.txt\n"
        "\n"
        "Optionen:\n"
        "  -h, --help  diese Hilfe zeigen und beenden\n"
    )
    for name in ("check", "export-moodle", "export-ilias", "export-scorm"):
        with pytest.raises(SystemExit):
            main([name, "--help"])
        out = capsys.readouterr().out
        assert out.startswith(f"Aufruf: kurs {name} [-h]") and "\nOptionen:\n" in out
        assert re.search(r"\n\n[A-ZÄÖÜ][^\n]+\.\n\n", out), out  # a one-line German description
        assert not re.search(r"usage|positional arguments|options:|show this help", out)


COMMANDS = "check, export-moodle, export-gift, export-ilias, export-scorm"


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        (
            [],
            "Aufruf: kurs [-h] BEFEHL ...\n"
            f"kurs: Fehler: Bitte geben Sie einen Befehl an: {COMMANDS}.\nHilfe: kurs --help\n",
        ),
        (
            ["pruefen"],
            "Aufruf: kurs [-h] BEFEHL ...\n"
            f"kurs: Fehler: Unbekannter Befehl „pruefen“. Befehle: {COMMANDS}.\nHilfe: kurs --help\n",
        ),
        (
            ["chek"],
            "Aufruf: kurs [-h] BEFEHL ...\n"
            f"kurs: Fehler: Unbekannter Befehl „chek“. Befehle: {COMMANDS}. Meinten Sie „check“?\n"
            "Hilfe: kurs --help\n",
        ),
        (
            ["export-moodle"],
            "Aufruf: kurs export-moodle [-h] [--ohne-ordering] ziel\n"
            "kurs export-moodle: Fehler: Es fehlt die Angabe „ziel“: Zieldatei, z. B. fragen-moodle.xml.\n"
            "Hilfe: kurs export-moodle --help\n",
        ),
        (
            ["check", "--kataloge"],
            "Aufruf: kurs check [-h] [--kataloge ORDNER]\n"
            "kurs check: Fehler: Nach --kataloge fehlt der Wert.\nHilfe: kurs check --help\n",
        ),
        (
            ["check", "--alles"],
            "Aufruf: kurs [-h] BEFEHL ...\nkurs: Fehler: Unbekannte Angabe: --alles.\nHilfe: kurs --help\n",
        ),
    ],
)
def test_mistakes_in_the_call_are_explained_in_german(capsys, monkeypatch, argv, stderr):
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    assert capsys.readouterr().err == stderr


def test_a_target_in_a_missing_folder_is_named(tmp_path, capsys):
    target = tmp_path / "gibt-es-nicht" / "unter" / "fragen.txt"
    assert main(["export-gift", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"{target} kann nicht geschrieben werden: Den Ordner {tmp_path / 'gibt-es-nicht'} gibt es nicht.\n"
    )


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EACCES, "Sie haben keine Schreibrechte im Ordner /srv/kurs"),
        (errno.EISDIR, "/srv/kurs/fragen.txt ist ein Ordner, keine Datei"),
        (errno.ENOSPC, "Auf dem Datenträger ist kein Platz mehr"),
        (errno.EROFS, "Der Datenträger ist schreibgeschützt"),
        (errno.ETXTBSY, f"Das Betriebssystem meldet: {os.strerror(errno.ETXTBSY)}"),
    ],
)
def test_write_errors_in_german(code, reason):
    error = OSError(code, os.strerror(code))
    assert os_error_reason(error, Path("/srv/kurs/fragen.txt"), writing=True) == reason


def test_counts_in_singular_and_plural(tmp_path, capsys):
    (tmp_path / "eins.yml").write_text(
        'title: "Eins"\nchapter: eins\nquestions:\n  - id: eins-a\n    type: true-false\n'
        '    prompt: "Stimmt das?"\n    answer: true\n    feedback_true: "Ja."\n    feedback_false: "Doch."\n'
        '    explanation: "Es stimmt."\n',
        encoding="utf-8",
    )
    assert main(["check", "--kataloge", str(tmp_path)]) == 0
    scenarios = len(REGISTRY)
    assert capsys.readouterr().out == f"Alles in Ordnung: 1 Fragenkatalog mit 1 Frage, {scenarios} Übungen.\n"
    assert (_count("banks", 1), _count("questions", 1), _count("exercises", 1)) == (
        "1 Fragenkatalog",
        "1 Frage",
        "1 Übung",
    )
    assert _count("exercises", 2) == "2 Übungen"


def test_check_finds_a_bank_chapter_that_is_not_in_the_toc(tmp_path):
    shutil.copytree(REPO / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "_toc.yml", tmp_path / "_toc.yml")
    bank = tmp_path / "exercises" / "banks" / "profil.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("chapter: profil\n", "chapter: profill\n", 1),
        encoding="utf-8",
    )
    result = run_cli(tmp_path, "check")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        "1 Fehler in den Kursinhalten:\n"
        "  - exercises/banks/profil.yml, Zeile 2 – Feld „chapter“: Das Kapitel „profill“ steht nicht im "
        "Inhaltsverzeichnis _toc.yml; das Quiz erschiene sonst am Ende der Fortschrittsübersicht. "
        "Vorhandene Kapitel: index, soziale-netzwerke, profil, netzwerke, nutzen, mitmachen, alltag, "
        "abschluss, glossar, quellen, fuer-lehrende.\n"
    )
