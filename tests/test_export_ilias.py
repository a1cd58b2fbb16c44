"""ILIAS question pool export: ZIP layout, well-formed XML, one item per question, ids and counts.

Structural only: no ILIAS runs here. The layout and fields follow ILIAS's own pool export and
import code (see the module docstring of exercises/instructors/ilias.py).
"""

from __future__ import annotations

import io
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO
from test_cli import run_cli

from exercises.core.markup import inline
from exercises.instructors.cli import main
from exercises.instructors.ilias import ILIAS_TYPES, banks_to_ilias, pool_names
from exercises.instructors.moodle import accepted_answers, plain_text
from exercises.quizzes.banks import load_banks
from exercises.quizzes.schema import Bank


def chapters() -> list[Bank]:
    return [bank for bank in load_banks().values() if isinstance(bank, Bank)]


def questions() -> list:
    return [q for bank in chapters() for q in bank.questions]


def pool(name: str = "kurs_qpl.zip") -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(banks_to_ilias(load_banks(), Path(name)))) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


def items() -> list[ET.Element]:
    root = ET.fromstring(pool()["kurs_qpl/kurs_qti.xml"])
    assert root.tag == "questestinterop"
    return list(root)


def meta(item: ET.Element) -> dict[str, str]:
    return {f.findtext("fieldlabel"): f.findtext("fieldentry") or "" for f in item.iter("qtimetadatafield")}


def texts(node: ET.Element) -> list[str]:
    return [m.text or "" for m in node.iter("mattext") if m.get("label") != "answerdepth"]


def test_cli_writes_the_pool_and_reports_it(tmp_path, capsys):
    target = tmp_path / "social-media_qpl.zip"
    assert main(["export-ilias", str(target)]) == 0
    banks = chapters()
    kb = f"{target.stat().st_size / 1000:.1f}".replace(".", ",")
    assert capsys.readouterr().out.strip() == (
        f"ILIAS: {len(banks)} Kapitel, {sum(len(b.questions) for b in banks)} Fragen, {kb} KB "
        f"nach {target} geschrieben."
    )
    assert zipfile.is_zipfile(target)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("kurs_qpl.zip", ("kurs_qpl", "kurs_qpl.xml", "kurs_qti.xml")),
        (
            "1234567890__0__qpl_1.zip",
            ("1234567890__0__qpl_1", "1234567890__0__qpl_1.xml", "1234567890__0__qti_1.xml"),
        ),
    ],
)
def test_names_follow_what_ilias_derives_from_the_file_name(name, expected):
    assert pool_names(Path(name)) == expected
    folder, pool_file, qti_file = expected
    assert sorted(pool(name)) == sorted(
        [f"{folder}/", f"{folder}/objects/", f"{folder}/{pool_file}", f"{folder}/{qti_file}"]
    )


def test_a_file_name_without_qpl_is_refused_in_german(tmp_path):
    result = run_cli(REPO, "export-ilias", str(tmp_path / "fragen.zip"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "ILIAS erkennt einen Fragenpool nur an einer ZIP-Datei" in result.stderr
    assert "„qpl“" in result.stderr and not (tmp_path / "fragen.zip").exists()


def test_xml_is_well_formed_compact_and_declares_its_doctype():
    files = pool()
    for name in ("kurs_qpl/kurs_qpl.xml", "kurs_qpl/kurs_qti.xml"):
        text = files[name].decode("utf-8")
        assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE ')
        ET.fromstring(files[name])
        # ILIAS's QTI parser keeps the text between tags, so there must be no indentation.
        assert not re.search(r">\s+<", text.split("\n", 2)[2])


def test_one_item_per_question_with_unique_ids_and_types():
    found = items()
    expected = questions()
    assert len(found) == len(expected)
    assert [i.get("ident") for i in found] == [f"il_0_qst_{n}" for n in range(1, len(expected) + 1)]
    assert [i.get("title") for i in found] == [q.id for q in expected]
    assert [meta(i)["externalId"] for i in found] == [q.id for q in expected]
    assert Counter(meta(i)["QUESTIONTYPE"] for i in found) == Counter(ILIAS_TYPES[q.type] for q in expected)
    chapter_of = {q.id: bank.title for bank in chapters() for q in bank.questions}
    assert [i.findtext("qticomment") for i in found] == [f"Kapitel: {chapter_of[q.id]}" for q in expected]


def test_the_pool_file_has_one_page_per_question():
    root = ET.fromstring(pool()["kurs_qpl/kurs_qpl.xml"])
    assert root.tag == "ContentObject" and root.get("Type") == "Questionpool_Test"
    assert root.findtext("MetaData/General/Title") == "Social Media – mitmachen?"
    assert [q.get("QRef") for q in root.iter("Question")] == [i.get("ident") for i in items()]
    assert len(root.findall("PageObject")) == len(questions())


def test_items_carry_the_bank_content():
    for item, question in zip(items(), questions(), strict=True):
        prompt = item.find("presentation/flow/material/mattext")
        expected = inline(question.prompt)
        if question.type == "numeric" and question.unit:
            expected += f" (Einheit: {question.unit})"
        assert prompt.text == f"<p>{expected}</p>" and prompt.get("texttype") == "text/xhtml"
        feedback = {f.get("ident"): texts(f) for f in item.findall("itemfeedback")}
        assert (
            feedback["response_allcorrect"]
            == feedback["response_onenotcorrect"]
            == [f"<p>{inline(question.explanation)}</p>"]
        )
        hint = item.findtext("solutionhint")
        assert hint == (f"<p>{inline(question.hint)}</p>" if question.hint else None)
        check_item(question, item, feedback)


def points(item: ET.Element) -> list[tuple[str, str]]:
    """(condition content, points) of the scoring respconditions (those with a setvar)."""
    result = []
    for condition in item.iter("respcondition"):
        if condition.find("setvar") is not None:
            test = next(iter(condition.find("conditionvar")))
            content = test.text if test.tag != "not" else "not " + next(iter(test)).text
            result.append((content, condition.findtext("setvar")))
    return result


def check_item(question, item: ET.Element, feedback: dict) -> None:
    kind = question.type
    labels = item.findall(".//response_label")
    if kind in {"single", "multiple", "true-false"}:
        if kind == "true-false":
            options = [
                ("Richtig", question.answer, question.feedback_true),
                ("Falsch", not question.answer, question.feedback_false),
            ]
        else:
            options = [(o.text, o.correct, o.feedback) for o in question.options]
        assert [texts(label) for label in labels] == [[plain_or_html(text)] for text, _, _ in options]
        assert [feedback[f"response_{n}"] for n in range(len(options))] == [
            [plain_or_html(fb)] for _, _, fb in options
        ]
        if kind == "multiple":
            assert item.find(".//response_lid").get("rcardinality") == "Multiple"
            expected = []
            for n, (_, correct, _) in enumerate(options):
                expected += [(str(n), "1" if correct else "-1"), (f"not {n}", "0")]
        else:
            assert item.find(".//response_lid").get("rcardinality") == "Single"
            expected = [(str(n), "1" if correct else "0") for n, (_, correct, _) in enumerate(options)]
        assert points(item) == expected
    elif kind == "numeric":
        assert item.find(".//response_num") is not None
        condition = item.find("resprocessing/respcondition")
        low, high = (float(condition.findtext(f"conditionvar/{tag}")) for tag in ("vargte", "varlte"))
        assert low == pytest.approx(question.answer - question.tolerance)
        assert high == pytest.approx(question.answer + question.tolerance)
        assert condition.findtext("setvar") == "1"
    elif kind == "text":
        assert meta(item)["textgaprating"] == "ci"
        assert item.find(".//response_str/render_fib").get("fibtype") == "String"
        assert points(item) == [(answer, "1") for answer in accepted_answers(question)]
    elif kind == "matching":
        terms = [label for label in labels if label.get("match_max") is None]
        definitions = [label for label in labels if label.get("match_max") == "1"]
        assert [texts(t) for t in terms] == [[plain_text(t.text)] for t in question.terms]
        assert [texts(d) for d in definitions] == [[plain_text(d.text)] for d in question.definitions]
        term_ident = {t.id: label.get("ident") for t, label in zip(question.terms, terms, strict=True)}
        def_ident = {
            d.id: label.get("ident") for d, label in zip(question.definitions, definitions, strict=True)
        }
        assert points(item) == [(f"{term_ident[t.id]},{def_ident[t.match]}", "1") for t in question.terms]
        assert all(re.fullmatch(r"\d+", ident) for ident in [*term_ident.values(), *def_ident.values()])
    else:
        assert item.find(".//response_lid").get("rcardinality") == "Ordered"
        assert [texts(label) for label in labels] == [[plain_or_html(text)] for text in question.items]
        assert [label.get("ident") for label in labels] == [
            f"{n + 1}_{n}_{n}_0" for n in range(len(question.items))
        ]
        assert [content for content, _ in points(item)] == [str(n) for n in range(len(question.items))]
        assert meta(item)["points"] == "1"


def plain_or_html(text: str) -> str:
    html = inline(text)
    return html if "<" in html else text


def test_a_broken_bank_refuses_the_export(tmp_path):
    shutil.copytree(REPO / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    bank = tmp_path / "exercises" / "banks" / "netzwerke.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("type: numeric", "type: zahl", 1), encoding="utf-8"
    )
    result = run_cli(tmp_path, "export-ilias", "kurs_qpl.zip")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("1 Fehler in den Kursinhalten:")
    assert "exercises/banks/netzwerke.yml, Zeile" in result.stderr
    assert "Unbekannter Fragetyp „zahl“" in result.stderr
    assert not (tmp_path / "kurs_qpl.zip").exists()
