"""The instructors' command line: check everything, export for Moodle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

from conftest import REPO

from exercises.activities import REGISTRY
from exercises.instructors.cli import main
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
