"""Export of question banks as Moodle XML for Moodle's question import."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from .markup import inline
from .schema import Bank

MOODLE_TYPES = {"single": "multichoice", "multiple": "multichoice", "true-false": "truefalse",
                "numeric": "numerical", "text": "shortanswer", "matching": "matching",
                "ordering": "matching"}


def _text(parent: ET.Element, tag: str, value: str, as_html: bool = True) -> ET.Element:
    node = ET.SubElement(parent, tag, {"format": "html"} if as_html else {})
    ET.SubElement(node, "text").text = inline(value) if as_html else value
    return node


def _answer(parent, fraction: float, text: str, feedback: str | None = None, as_html=True):
    text_format = "html" if as_html else "moodle_auto_format"
    answer = ET.SubElement(parent, "answer", {"fraction": f"{fraction:g}", "format": text_format})
    ET.SubElement(answer, "text").text = inline(text) if as_html else text
    if feedback:
        _text(answer, "feedback", feedback)
    return answer


def question_xml(question) -> ET.Element:
    node = ET.Element("question", {"type": MOODLE_TYPES[question.type]})
    ET.SubElement(ET.SubElement(node, "name"), "text").text = question.id
    _text(node, "questiontext", question.prompt)
    _text(node, "generalfeedback", question.explanation)
    kind = question.type
    if kind in {"single", "multiple"}:
        ET.SubElement(node, "single").text = "true" if kind == "single" else "false"
        ET.SubElement(node, "shuffleanswers").text = "1" if question.shuffle else "0"
        right = sum(o.correct for o in question.options)
        for option in question.options:
            wrong = 0 if kind == "single" else -100 / right
            fraction = 100 / right if option.correct else wrong
            _answer(node, round(fraction, 5), option.text, option.feedback)
    elif kind == "true-false":
        _answer(node, 100 if question.answer else 0, "true", question.feedback_true, False)
        _answer(node, 0 if question.answer else 100, "false", question.feedback_false, False)
    elif kind == "numeric":
        answer = _answer(node, 100, f"{question.answer:g}", as_html=False)
        ET.SubElement(answer, "tolerance").text = f"{question.tolerance:g}"
    elif kind == "text":
        ET.SubElement(node, "usecase").text = "0"
        for accepted in question.accepted:
            _answer(node, 100, accepted, as_html=False)
    elif kind == "matching":
        definitions = {d.id: d.text for d in question.definitions}
        for term in question.terms:
            pair = ET.SubElement(node, "subquestion", {"format": "html"})
            ET.SubElement(pair, "text").text = inline(term.text)
            ET.SubElement(ET.SubElement(pair, "answer"), "text").text = html.unescape(
                definitions[term.match])
    else:  # ordering as matching: each step to its position
        for position, item in enumerate(question.items, start=1):
            pair = ET.SubElement(node, "subquestion", {"format": "html"})
            ET.SubElement(pair, "text").text = inline(item)
            ET.SubElement(ET.SubElement(pair, "answer"), "text").text = f"Platz {position}"
    return node


def banks_to_moodle(banks: dict[str, Bank]) -> str:
    quiz = ET.Element("quiz")
    for bank in banks.values():
        category = ET.SubElement(quiz, "question", {"type": "category"})
        _text(category, "category", f"$course$/Social Media – mitmachen?/{bank.title}",
              as_html=False)
        ET.SubElement(category, "info", {"format": "html"}).append(ET.Element("text"))
        for question in bank.questions:
            quiz.append(question_xml(question))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode")
