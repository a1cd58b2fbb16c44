"""Moodle XML export: structure, and every field read back with ElementTree and compared to the bank."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import REPO
from test_cli import run_cli

from exercises.core.markup import inline
from exercises.instructors.cli import main
from exercises.instructors.moodle import (
    accepted_answers,
    banks_to_moodle,
    category_path,
    choice_fractions,
    distractors,
    fraction_text,
    plain_text,
    position_label,
)
from exercises.quizzes.banks import load_banks
from exercises.quizzes.schema import Bank

# question_bank::ensure_fraction_options_initialised() in Moodle: the grades an import accepts.
MOODLE_FRACTIONS = [
    1.0,
    0.9,
    0.8333333,
    0.8,
    0.75,
    0.7,
    0.6666667,
    0.6,
    0.5,
    0.4,
    0.3333333,
    0.3,
    0.25,
    0.2,
    0.1666667,
    0.1428571,
    0.125,
    0.1111111,
    0.1,
    0.05,
    0.0,
]
MOODLE_GRADES = sorted(
    {round(100 * f, 5) for f in MOODLE_FRACTIONS} | {round(-100 * f, 5) for f in MOODLE_FRACTIONS}
)
ORDERING_FIELDS = {
    "layouttype": "VERTICAL",
    "selecttype": "ALL",
    "gradingtype": "ALL_OR_NOTHING",
    "showgrading": "SHOW",
    "numberingstyle": "none",
    "shownumcorrect": "1",
}


def chapters() -> list[Bank]:
    return [bank for bank in load_banks().values() if isinstance(bank, Bank)]


def exported(ordering: bool = True) -> ET.Element:
    return ET.fromstring(banks_to_moodle(load_banks(), ordering=ordering).encode("utf-8"))


def pairs(node: ET.Element) -> list[tuple[str, str]]:
    return [(s.findtext("text") or "", s.findtext("answer/text")) for s in node.findall("subquestion")]


def test_cli_writes_moodle_xml_and_reports_it(tmp_path, capsys):
    target = tmp_path / "fragen.xml"
    assert main(["export-moodle", str(target)]) == 0
    banks = chapters()
    kb = f"{target.stat().st_size / 1000:.1f}".replace(".", ",")
    assert capsys.readouterr().out.strip() == (
        f"Moodle-XML: {len(banks)} Kapitel, {sum(len(b.questions) for b in banks)} Fragen, {kb} KB "
        f"nach {target} geschrieben."
    )
    assert main(["export-moodle", "--ohne-ordering", str(target)]) == 0
    assert capsys.readouterr().out.strip().endswith("geschrieben (Reihenfolge-Fragen als Zuordnung).")
    assert {q.get("type") for q in ET.parse(target).getroot()} <= {
        "category",
        "multichoice",
        "truefalse",
        "numerical",
        "shortanswer",
        "matching",
    }


def test_structure_one_category_per_chapter_then_its_questions():
    root = exported()
    assert root.tag == "quiz"
    banks = chapters()
    expected = []
    for bank in banks:
        expected.append(("category", category_path(bank)))
        expected += [(None, q.id) for q in bank.questions]
    found = [
        ("category", q.findtext("category/text"))
        if q.get("type") == "category"
        else (None, q.findtext("name/text"))
        for q in root
    ]
    assert found == expected
    for node in root:
        if node.get("type") == "category":
            continue
        for tag in ("name/text", "questiontext/text", "generalfeedback/text", "idnumber", "defaultgrade"):
            assert node.findtext(tag), (node.findtext("name/text"), tag)
        assert node.find("questiontext").get("format") == "html"


@pytest.mark.parametrize("ordering", [True, False], ids=["qtype_ordering", "ohne-ordering"])
def test_every_field_round_trips(ordering):
    nodes = iter(q for q in exported(ordering) if q.get("type") != "category")
    for question in (q for bank in chapters() for q in bank.questions):
        node = next(nodes)
        assert node.findtext("name/text") == question.id == node.findtext("idnumber")
        assert node.findtext("questiontext/text") == inline(question.prompt)
        assert node.findtext("generalfeedback/text") == inline(question.explanation)
        assert node.findtext("hint/text") == (inline(question.hint) if question.hint else None)
        check_type_fields(question, node, ordering)


def check_type_fields(question, node: ET.Element, ordering: bool) -> None:
    kind = question.type
    answers = node.findall("answer")
    fractions = [float(a.get("fraction")) for a in answers]
    if kind in {"single", "multiple"}:
        assert node.get("type") == "multichoice"
        assert node.findtext("single") == ("true" if kind == "single" else "false")
        assert node.findtext("shuffleanswers") == ("true" if question.shuffle else "false")
        assert [a.findtext("text") for a in answers] == [inline(o.text) for o in question.options]
        assert [a.findtext("feedback/text") for a in answers] == [
            inline(o.feedback) for o in question.options
        ]
        assert fractions == pytest.approx(choice_fractions(question), abs=1e-5)
        assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-4)
        if kind == "single":
            assert [f == 100 for f in fractions] == [o.correct for o in question.options]
    elif kind == "true-false":
        assert node.get("type") == "truefalse"
        assert [(a.findtext("text"), f) for a, f in zip(answers, fractions, strict=True)] == [
            ("true", 100 if question.answer else 0),
            ("false", 0 if question.answer else 100),
        ]
        assert [a.findtext("feedback/text") for a in answers] == [
            inline(question.feedback_true),
            inline(question.feedback_false),
        ]
    elif kind == "numeric":
        assert node.get("type") == "numerical" and fractions == [100]
        assert float(answers[0].findtext("text")) == question.answer
        assert float(answers[0].findtext("tolerance")) == question.tolerance
        assert node.findtext("units/unit/unit_name") == question.unit
        if question.unit:
            assert node.findtext("units/unit/multiplier") == "1"
            assert (node.findtext("unitgradingtype"), node.findtext("showunits")) == ("0", "0")
    elif kind == "text":
        assert node.get("type") == "shortanswer" and node.findtext("usecase") == "0"
        assert [a.findtext("text") for a in answers] == accepted_answers(question)
        assert set(question.accepted) <= {a.findtext("text") for a in answers}
        assert set(fractions) == {100}
    elif kind == "matching":
        assert node.get("type") == "matching"
        definitions = {d.id: d.text for d in question.definitions}
        assert pairs(node) == [(inline(t.text), plain_text(definitions[t.match])) for t in question.terms] + [
            ("", plain_text(extra)) for extra in distractors(question)
        ]
    elif ordering:
        assert node.get("type") == "ordering"
        assert {tag: node.findtext(tag) for tag in ORDERING_FIELDS} == ORDERING_FIELDS
        assert node.findtext("selectcount") == str(len(question.items))
        assert [a.findtext("text") for a in answers] == [inline(item) for item in question.items]
        assert [a.get("fraction") for a in answers] == [str(n) for n in range(1, len(question.items) + 1)]
    else:
        assert node.get("type") == "matching" and not answers
        assert pairs(node) == [
            (inline(item), position_label(n)) for n, item in enumerate(question.items, start=1)
        ]


def test_fractions_are_in_moodles_grade_list_with_five_decimals():
    for question in exported():
        if question.get("type") not in {"multichoice", "truefalse", "numerical", "shortanswer"}:
            continue
        for answer in question.findall("answer"):
            text = answer.get("fraction")
            assert re.fullmatch(r"-?\d+(\.\d{1,5})?", text), text
            assert any(abs(float(text) - grade) < 0.001 for grade in MOODLE_GRADES), text
    assert fraction_text(100 / 3) == "33.33333" and fraction_text(-100 / 7) == "-14.28571"
    assert fraction_text(100) == "100" and fraction_text(-0.0) == "0"


def test_umlaut_spellings_are_added_to_short_answers():
    question = Bank.model_validate(
        {
            "title": "T",
            "chapter": "tt",
            "questions": [
                {
                    "id": "probe",
                    "type": "text",
                    "prompt": "?",
                    "explanation": ".",
                    "accepted": ["Glaubwürdigkeit", "glaubwuerdigkeit", "Maß"],
                }
            ],
        }
    ).questions[0]
    assert accepted_answers(question) == ["Glaubwürdigkeit", "Glaubwuerdigkeit", "Maß", "Mass"]


def test_a_broken_bank_refuses_the_export(tmp_path):
    shutil.copytree(REPO / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    bank = tmp_path / "exercises" / "banks" / "nutzen.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("prompt:", "frage:", 1), encoding="utf-8")
    for args in (["export-moodle", "fragen.xml"], ["export-moodle", "--ohne-ordering", "fragen.xml"]):
        result = run_cli(tmp_path, *args)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("2 Fehler in den Kursinhalten:")
        assert "exercises/banks/nutzen.yml, Zeile" in result.stderr
        assert "Feld „prompt“: Pflichtfeld fehlt" in result.stderr
        assert not (tmp_path / "fragen.xml").exists()
