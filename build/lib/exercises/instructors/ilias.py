"""Export of the chapter banks as an ILIAS question pool (a ZIP with QTI 1.2 in ILIAS's dialect).

The layout follows ILIAS's own pool export and import (``ilQuestionpoolExport``,
``ilObjQuestionPoolGUI::uploadQplObject()`` in ILIAS 9/10): ILIAS takes the folder name from
the uploaded file name, so ``NAME.zip`` holds ``NAME/NAME.xml`` (the pool, a ContentObject
with one page per question) and ``NAME/<NAME with qpl→qti>.xml`` (the questions); the name
must contain "qpl". The items mirror what ILIAS's ``ass*Export`` classes write and its
``ass*Import`` classes read, identified by the QUESTIONTYPE metadata field.

Mappings: true-false → single choice (Richtig/Falsch); text → cloze question with one text
gap (case-insensitive); ordering → ILIAS ordering question (terms); the explanation →
generic feedback for right and wrong answers; the hint → a hint (solutionhint). The pool
has no chapters, so each question's description names its chapter.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from exercises.core.markup import inline
from exercises.core.texts import t
from exercises.instructors.moodle import accepted_answers, chapter_banks, number_text, plain_text

DOCTYPE_QTI = '<!DOCTYPE questestinterop SYSTEM "ims_qtiasiv1p2p1.dtd">'
DOCTYPE_QPL = '<!DOCTYPE Test SYSTEM "http://www.ilias.uni-koeln.de/download/dtd/ilias_co.dtd">'
POOL_TITLE = "Social Media – mitmachen?"
AUTHOR = "Kurs „Social Media – mitmachen?“"
ILIAS_TYPES = {
    "single": "SINGLE CHOICE QUESTION",
    "true-false": "SINGLE CHOICE QUESTION",
    "multiple": "MULTIPLE CHOICE QUESTION",
    "numeric": "NUMERIC QUESTION",
    "text": "CLOZE QUESTION",
    "matching": "MATCHING QUESTION",
    "ordering": "ORDERING QUESTION",
}
FEEDBACK_CHECKED = "2"  # ilAssConfigurableMultiOptionQuestionFeedback::FEEDBACK_SETTING_CHECKED
UNIT_IN_TEXT = " (Einheit: {unit})"


class PoolNameError(ValueError):
    """The target file name cannot be imported by ILIAS (it needs "qpl")."""


def pool_names(target: Path) -> tuple[str, str, str]:
    """(folder, pool XML, questions XML) for ``target``, as ILIAS derives them on import."""
    folder = target.stem
    if target.suffix.lower() != ".zip" or "qpl" not in folder:
        raise PoolNameError(
            f"„{target.name}“: ILIAS erkennt einen Fragenpool nur an einer ZIP-Datei, deren Name "
            "„qpl“ enthält, z. B. „social-media_qpl.zip“. Bitte so benennen und beim Hochladen "
            "nicht umbenennen."
        )
    return folder, f"{folder}.xml", f"{folder.replace('qpl', 'qti')}.xml"


def _number(value: float) -> str:
    return number_text(round(value, 7))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    if text is not None:
        node.text = text
    return node


def _material(parent: ET.Element, text: str, block: bool = False) -> ET.Element:
    """<material><mattext/></material>; HTML (text/xhtml) if the text needs it, else plain."""
    html = inline(text)
    material = _sub(parent, "material")
    if block:
        _sub(material, "mattext", f"<p>{html}</p>", texttype="text/xhtml")
    elif "<" in html:
        _sub(material, "mattext", html, texttype="text/xhtml")
    else:
        _sub(material, "mattext", text, texttype="text/plain")
    return material


def _metadata(item: ET.Element, question, extra: dict[str, str]) -> None:
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    fields = {
        "QUESTIONTYPE": ILIAS_TYPES[question.type],
        "AUTHOR": AUTHOR,
        "additional_cont_edit_mode": "default",
        "externalId": question.id,
        "ilias_lifecycle": "final",
        "lifecycle": "Final",
        **extra,
    }
    for label, entry in fields.items():
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _condition(
    resprocessing: ET.Element,
    points: str | None,
    feedback: str | None,
    *tests: tuple[str, dict, str],
    negate: bool = False,
) -> None:
    """One respcondition: tests (tag, attributes, content), optional points and feedback link."""
    condition = _sub(resprocessing, "respcondition", **{"continue": "Yes"})
    var = _sub(condition, "conditionvar")
    target = _sub(var, "not") if negate else var
    for tag, attrs, content in tests:
        _sub(target, tag, content, **attrs)
    if points is not None:
        _sub(condition, "setvar", points, action="Add")
    if feedback is not None:
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback)


def _feedback(item: ET.Element, ident: str, text: str, block: bool = True) -> None:
    _material(_sub(_sub(item, "itemfeedback", ident=ident, view="All"), "flow_mat"), text, block)


def _choice(question, flow, processing, item_feedback: list) -> None:
    """Single choice, multiple choice and true-false (as single choice)."""
    if question.type == "true-false":
        options = [
            (t("quiz", "opt_true"), question.answer, question.feedback_true),
            (t("quiz", "opt_false"), not question.answer, question.feedback_false),
        ]
        shuffle, ident, cardinality = False, "MCSR", "Single"
    else:
        options = [(o.text, o.correct, o.feedback) for o in question.options]
        shuffle = question.shuffle
        ident, cardinality = ("MCSR", "Single") if question.type == "single" else ("MCMR", "Multiple")
    response = _sub(flow, "response_lid", ident=ident, rcardinality=cardinality)
    render = _sub(response, "render_choice", shuffle="Yes" if shuffle else "No")
    for index, (text, _, _) in enumerate(options):
        _material(_sub(render, "response_label", ident=str(index)), text)
    for index, (_, correct, feedback) in enumerate(options):
        test = ("varequal", {"respident": ident}, str(index))
        if ident == "MCSR":
            _condition(processing, "1" if correct else "0", f"response_{index}", test)
        else:
            _condition(processing, "1" if correct else "-1", f"response_{index}", test)
            _condition(processing, "0", None, test, negate=True)
        item_feedback.append((f"response_{index}", feedback))
    _generic(
        processing,
        [
            ("varequal", {"respident": ident}, str(index))
            for index, (_, correct, _) in enumerate(options)
            if correct
        ],
    )


def _generic(processing, right_tests: list) -> None:
    """The conditions for the generic feedback (all right / not all right)."""
    _condition(processing, None, "response_allcorrect", *right_tests)
    _condition(processing, None, "response_onenotcorrect", *right_tests, negate=True)


def _numeric(question, flow, processing) -> None:
    response = _sub(flow, "response_num", ident="NUM", rcardinality="Single", numtype="Decimal")
    _sub(response, "render_fib", fibtype="Decimal", maxchars="0")
    low = _number(question.answer - question.tolerance)
    high = _number(question.answer + question.tolerance)
    tests = [("vargte", {"respident": "NUM"}, low), ("varlte", {"respident": "NUM"}, high)]
    _condition(processing, "1", "Correct", *tests)
    _generic(processing, tests)


def _cloze(question, flow, processing) -> None:
    """One text gap after the prompt: "Ihre Antwort: [gap]"; each accepted answer scores."""
    _material(flow, t("quiz", "answer_field") + ": ")
    response = _sub(flow, "response_str", ident="gap_0", rcardinality="Single")
    answers = accepted_answers(question)
    width = str(max(len(answer) for answer in answers) + 5)
    _sub(response, "render_fib", fibtype="String", prompt="Box", columns=width, maxchars="0")
    _material(flow, "")
    for index, answer in enumerate(answers):
        _condition(processing, "1", f"0_Response_{index}", ("varequal", {"respident": "gap_0"}, answer))
    # Generic feedback as ILIAS writes it: the first answer, or (<or>) any other.
    for link, negate in (("response_allcorrect", False), ("response_onenotcorrect", True)):
        condition = _sub(processing, "respcondition", **{"continue": "Yes"})
        var = _sub(condition, "conditionvar")
        target = _sub(var, "not") if negate else var
        _sub(target, "varequal", answers[0], respident="gap_0")
        for answer in answers[1:]:
            _sub(_sub(target, "or"), "varequal", answer, respident="gap_0")
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=link)


def _matching(question, flow, processing, item_feedback: list) -> None:
    """Terms get idents 1000+, definitions 2000+ (ILIAS reads both as numbers)."""
    terms = {term.id: str(1000 + index) for index, term in enumerate(question.terms)}
    definitions = {d.id: str(2000 + index) for index, d in enumerate(question.definitions)}
    response = _sub(flow, "response_grp", ident="MQ", rcardinality="Multiple")
    render = _sub(response, "render_choice", shuffle="Yes")
    for definition in question.definitions:
        label = _sub(
            render,
            "response_label",
            ident=definitions[definition.id],
            match_max="1",
            match_group=",".join(terms.values()),
        )
        _material(label, plain_text(definition.text))
    for term in question.terms:
        _material(_sub(render, "response_label", ident=terms[term.id]), plain_text(term.text))
    tests = []
    for term in question.terms:
        pair = f"{terms[term.id]},{definitions[term.match]}"
        link = f"correct_{terms[term.id]}_{definitions[term.match]}"
        _condition(processing, "1", link, ("varsubset", {"respident": "MQ"}, pair))
        tests.append(("varsubset", {"respident": "MQ"}, pair))
        item_feedback.append((link, None))
    _generic(processing, tests)


def _ordering(question, flow, processing, item_feedback: list) -> None:
    """Steps in the right order; ident = random id _ solution id _ position _ indentation."""
    response = _sub(flow, "response_lid", ident="OQT", rcardinality="Ordered", output="javascript")
    render = _sub(response, "render_choice", shuffle="Yes")
    count = len(question.items)
    for position, text in enumerate(question.items):
        label = _sub(render, "response_label", ident=f"{position + 1}_{position}_{position}_0")
        _material(label, text)
        _sub(_sub(label, "material"), "mattext", "0", label="answerdepth")
    tests = []
    for position in range(count):
        test = ("varequal", {"respident": "OQT", "index": str(position)}, str(position))
        _condition(processing, _number(1 / count), f"link_{position}", test)
        tests.append(test)
        item_feedback.append((f"link_{position}", None))
    _generic(processing, tests)


def question_item(question, number: int, chapter: str) -> ET.Element:
    """One question as a QTI item the way ILIAS exports it."""
    kind = question.type
    extra = {
        "single": {"thumb_size": "150", "feedback_setting": FEEDBACK_CHECKED, "singleline": "1"},
        "multiple": {"thumb_size": "150", "feedback_setting": FEEDBACK_CHECKED, "singleline": "1"},
        "text": {
            "textgaprating": "ci",
            "fixedTextLength": "0",
            "identicalScoring": "1",
            "combinations": "W10=",
        },
        "matching": {"shuffle": "1", "thumb_geometry": "100"},
        "ordering": {"thumb_geometry": "100", "points": "1"},
    }.get(kind, {})
    if kind == "true-false":
        extra = {"thumb_size": "150", "feedback_setting": FEEDBACK_CHECKED, "singleline": "1"}
    item = ET.Element("item", ident=f"il_0_qst_{number}", title=question.id, maxattempts="0")
    _sub(item, "qticomment", f"Kapitel: {chapter}")
    _metadata(item, question, extra)
    flow = _sub(_sub(item, "presentation", label=question.id), "flow")
    prompt = question.prompt
    if kind == "numeric" and question.unit:
        prompt += UNIT_IN_TEXT.format(unit=question.unit)
    _material(flow, prompt, block=True)
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar")
    item_feedback: list[tuple[str, str | None]] = []
    if kind in {"single", "multiple", "true-false"}:
        _choice(question, flow, processing, item_feedback)
    elif kind == "numeric":
        _numeric(question, flow, processing)
        item_feedback.append(("Correct", None))
    elif kind == "text":
        _cloze(question, flow, processing)
    elif kind == "matching":
        _matching(question, flow, processing, item_feedback)
    else:
        _ordering(question, flow, processing, item_feedback)
    for ident, text in item_feedback:
        if text is None:
            _sub(
                _sub(_sub(_sub(item, "itemfeedback", ident=ident, view="All"), "flow_mat"), "material"),
                "mattext",
            )
        else:
            _feedback(item, ident, text, block=False)
    _feedback(item, "response_allcorrect", question.explanation)
    _feedback(item, "response_onenotcorrect", question.explanation)
    if question.hint:
        _sub(item, "solutionhint", f"<p>{inline(question.hint)}</p>", index="1", points="0")
    return item


def _questions_xml(banks: dict) -> tuple[str, list[str]]:
    root = ET.Element("questestinterop")
    idents = []
    number = 0
    for bank in chapter_banks(banks):
        for question in bank.questions:
            number += 1
            root.append(question_item(question, number, bank.title))
            idents.append(f"il_0_qst_{number}")
    return _document(root, DOCTYPE_QTI), idents


def _pool_xml(idents: list[str], folder: str) -> str:
    root = ET.Element("ContentObject", Type="Questionpool_Test")
    general = _sub(_sub(root, "MetaData"), "General", Structure="Hierarchical")
    _sub(general, "Identifier", Catalog="ILIAS", Entry=f"il_0_qpl_{folder}")
    _sub(general, "Title", POOL_TITLE, Language="de")
    _sub(general, "Language", Language="de")
    _sub(general, "Description", "Fragen aus dem Kurs, exportiert mit „kurs export-ilias“.", Language="de")
    _sub(general, "Keyword", Language="de")
    settings = _sub(root, "Settings")
    _sub(settings, "ShowTaxonomies", "0")
    _sub(settings, "SkillService", "0")
    for ident in idents:
        _sub(_sub(_sub(root, "PageObject"), "PageContent"), "Question", QRef=ident)
    return _document(root, DOCTYPE_QPL)


def _document(root: ET.Element, doctype: str) -> str:
    """Without indentation, as ILIAS writes it: its QTI parser keeps the text between tags."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + doctype
        + "\n"
        + ET.tostring(root, encoding="unicode")
        + "\n"
    )


def banks_to_ilias(banks: dict, target: Path) -> bytes:
    """The pool ZIP for ``target`` (its name decides the folder and file names inside)."""
    folder, pool_file, questions_file = pool_names(target)
    questions, idents = _questions_xml(banks)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/", b"")
        archive.writestr(f"{folder}/objects/", b"")
        archive.writestr(f"{folder}/{pool_file}", _pool_xml(idents, folder))
        archive.writestr(f"{folder}/{questions_file}", questions)
    return buffer.getvalue()
