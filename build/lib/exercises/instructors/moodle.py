"""Export of question banks as Moodle XML for Moodle's question import.

Checked against Moodle's own importer (``qformat_xml::readquestions()``, Moodle 4.4+/5.x):
fractions are percentages from Moodle's grade list written with five decimals (33.33333,
as Moodle writes them), ordering questions use the core ``qtype_ordering`` (Moodle 4.4+;
``ordering=False`` maps them to matching questions for older sites).

The small helpers at the top (fractions, numbers, plain text, accepted answers, category
path) are shared with the GIFT and ILIAS exports.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from exercises.core.markup import inline
from exercises.core.texts import t
from exercises.quizzes.schema import Bank

COURSE_CATEGORY = "Social Media – mitmachen?"
MOODLE_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true-false": "truefalse",
    "numeric": "numerical",
    "text": "shortanswer",
    "matching": "matching",
    "ordering": "ordering",
}

_MARKUP = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|`([^`]+)`")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def plain_text(text: str) -> str:
    """``text`` without the inline markup (for places that only take plain text)."""
    return _MARKUP.sub(lambda m: next(g for g in m.groups() if g is not None), text)


def number_text(value: float | int) -> str:
    """A number as plain decimal digits (no exponent), e.g. 3.25, 64, 0.00001."""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")


def fraction_text(percent: float) -> str:
    """A grade in percent with five decimals at most, as Moodle writes it: 100, 33.33333, -50."""
    text = f"{round(percent, 5):.5f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def choice_fractions(question) -> list[float]:
    """Percent per option: right options share 100 %; in multiple choice each wrong one costs
    as much as a right one gains, so only the exact set of right options scores 100 %."""
    right = sum(option.correct for option in question.options)
    wrong = 0.0 if question.type == "single" else -100 / right
    return [100 / right if option.correct else wrong for option in question.options]


def accepted_answers(question) -> list[str]:
    """The accepted short answers plus their spelling with ae/oe/ue/ss (the course accepts both);
    duplicates ignoring case are dropped, since Moodle and ILIAS compare case-insensitively."""
    result: list[str] = []
    for text in question.accepted:
        for variant in (text, text.translate(_UMLAUTS)):
            if variant.lower() not in {known.lower() for known in result}:
                result.append(variant)
    return result


def distractors(question) -> list[str]:
    """Definitions of a matching question that belong to no term (extra wrong answers)."""
    used = {term.match for term in question.terms}
    return [d.text for d in question.definitions if d.id not in used]


def category_path(bank: Bank) -> str:
    """Moodle category of a chapter; a "/" inside a name is doubled as Moodle expects."""
    names = [COURSE_CATEGORY, bank.title]
    return "$course$/" + "/".join(name.replace("/", "//") for name in names)


def position_label(position: int) -> str:
    """The answer an ordering step gets when it is mapped to matching: "Platz 1", "Platz 2", …"""
    return t("quiz", "position", n=position)


def chapter_banks(banks: dict) -> list[Bank]:
    return [bank for bank in banks.values() if isinstance(bank, Bank)]


def _text(parent: ET.Element, tag: str, value: str, as_html: bool = True) -> ET.Element:
    node = ET.SubElement(parent, tag, {"format": "html"} if as_html else {})
    ET.SubElement(node, "text").text = inline(value) if as_html else value
    return node


def _answer(parent, fraction: float, text: str, feedback: str | None = None, as_html=True):
    text_format = "html" if as_html else "moodle_auto_format"
    answer = ET.SubElement(parent, "answer", {"fraction": fraction_text(fraction), "format": text_format})
    ET.SubElement(answer, "text").text = inline(text) if as_html else text
    if feedback:
        _text(answer, "feedback", feedback)
    return answer


def _pair(parent: ET.Element, question_html: str, answer: str) -> None:
    pair = ET.SubElement(parent, "subquestion", {"format": "html"})
    ET.SubElement(pair, "text").text = question_html
    ET.SubElement(ET.SubElement(pair, "answer"), "text").text = answer


def question_xml(question, ordering: bool = True) -> ET.Element:
    kind = question.type
    qtype = "matching" if kind == "ordering" and not ordering else MOODLE_TYPES[kind]
    node = ET.Element("question", {"type": qtype})
    ET.SubElement(ET.SubElement(node, "name"), "text").text = question.id
    _text(node, "questiontext", question.prompt)
    _text(node, "generalfeedback", question.explanation)
    ET.SubElement(node, "defaultgrade").text = "1"
    ET.SubElement(node, "idnumber").text = question.id
    if kind in {"single", "multiple"}:
        ET.SubElement(node, "single").text = "true" if kind == "single" else "false"
        ET.SubElement(node, "shuffleanswers").text = "true" if question.shuffle else "false"
        ET.SubElement(node, "answernumbering").text = "none"
        for option, fraction in zip(question.options, choice_fractions(question), strict=True):
            _answer(node, fraction, option.text, option.feedback)
    elif kind == "true-false":
        _answer(node, 100 if question.answer else 0, "true", question.feedback_true, False)
        _answer(node, 0 if question.answer else 100, "false", question.feedback_false, False)
    elif kind == "numeric":
        answer = _answer(node, 100, number_text(question.answer), as_html=False)
        ET.SubElement(answer, "tolerance").text = number_text(question.tolerance)
        if question.unit:
            unit = ET.SubElement(ET.SubElement(node, "units"), "unit")
            ET.SubElement(unit, "multiplier").text = "1"
            ET.SubElement(unit, "unit_name").text = question.unit
            ET.SubElement(node, "unitgradingtype").text = "0"  # units optional, not graded
            ET.SubElement(node, "unitpenalty").text = "0"
            ET.SubElement(node, "showunits").text = "0"  # the learner may type the unit
            ET.SubElement(node, "unitsleft").text = "0"
    elif kind == "text":
        ET.SubElement(node, "usecase").text = "0"
        for accepted in accepted_answers(question):
            _answer(node, 100, accepted, as_html=False)
    elif kind == "matching":
        ET.SubElement(node, "shuffleanswers").text = "true"
        definitions = {d.id: d.text for d in question.definitions}
        for term in question.terms:
            _pair(node, inline(term.text), plain_text(definitions[term.match]))
        for extra in distractors(question):
            _pair(node, "", plain_text(extra))
    elif ordering:
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", str(len(question.items))),
            ("gradingtype", "ALL_OR_NOTHING"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
            ("shownumcorrect", "1"),
        ):
            ET.SubElement(node, tag).text = value
        for position, item in enumerate(question.items, start=1):
            answer = ET.SubElement(node, "answer", {"fraction": str(position), "format": "html"})
            ET.SubElement(answer, "text").text = inline(item)
    else:  # ordering as matching, for Moodle before 4.4: each step to its position
        ET.SubElement(node, "shuffleanswers").text = "true"
        for position, item in enumerate(question.items, start=1):
            _pair(node, inline(item), position_label(position))
    if question.hint:
        _text(node, "hint", question.hint)
    return node


def banks_to_moodle(banks: dict, ordering: bool = True) -> str:
    """Moodle XML of all chapter banks, one category per chapter (the final test is left out)."""
    quiz = ET.Element("quiz")
    for bank in chapter_banks(banks):
        category = ET.SubElement(quiz, "question", {"type": "category"})
        _text(category, "category", category_path(bank), as_html=False)
        ET.SubElement(ET.SubElement(category, "info", {"format": "html"}), "text")
        for question in bank.questions:
            quiz.append(question_xml(question, ordering))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
