"""Export of the chapter banks in GIFT, Moodle's plain-text question format.

All texts are written as ``[html]`` (the course's inline markup rendered to HTML); answers
and feedback inherit that format from the question text, as in Moodle's own GIFT export.
GIFT has no ordering type: an ordering question becomes a matching question of each step
to its position ("Platz 1", "Platz 2", …). Matching definitions without a term become extra
wrong answers (``= -> …``). GIFT has no units either: a numeric question's unit is appended
to its text. Hints and a fixed option order cannot be expressed. Every such mapping or loss is
stated in a ``//`` comment right above the question.
"""

from __future__ import annotations

from exercises.core.markup import inline
from exercises.instructors.moodle import (
    accepted_answers,
    category_path,
    chapter_banks,
    choice_fractions,
    distractors,
    fraction_text,
    number_text,
    plain_text,
    position_label,
)

_SPECIAL = "~=#{}:"

HEADER = (
    "// Fragen aus dem Kurs „Social Media – mitmachen?“ im GIFT-Format, erstellt mit „kurs export-gift“.\n"
    "// Import in Moodle: Fragensammlung → Import → Format „GIFT“. Alle Texte stehen im Format [html].\n"
    "// Bitte nicht hier ändern, sondern in exercises/banks/ und danach neu exportieren.\n"
)
NOTE_MATCHING = (
    "// Zuordnung: Definitionen ohne passenden Begriff stehen als zusätzliche falsche "
    "Antworten („= -> …“) in der Liste."
)
NOTE_ORDERING = (
    "// Reihenfolge-Frage: GIFT kennt keine Reihenfolge. Exportiert als Zuordnung: "
    "jeder Schritt wird seinem Platz (Platz 1, Platz 2, …) zugeordnet."
)
NOTE_UNIT = "// Einheit „{unit}“: GIFT kennt keine Einheiten; sie steht deshalb im Fragetext."
UNIT_IN_TEXT = " (Einheit: {unit})"
NOTE_HINT = "// Tipp (GIFT kennt keine Tipps, bitte bei Bedarf in Moodle ergänzen): {hint}"
NOTE_SHUFFLE = (
    "// Feste Reihenfolge der Antworten (shuffle: false): GIFT kennt sie nicht, "
    "Moodle mischt nach seiner Einstellung."
)


def escape(text: str) -> str:
    """Escape GIFT's control characters (backslash first) and line breaks."""
    text = text.replace("\\", "\\\\")
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _html(text: str) -> str:
    return escape(inline(text))


def _answers(question) -> list[str]:
    kind = question.type
    if kind in {"single", "multiple"}:
        lines = []
        for option, fraction in zip(question.options, choice_fractions(question), strict=True):
            text = _html(option.text)
            if kind == "single":
                mark = "=" if option.correct else "~"
                if text.startswith("%"):  # not a weight: write the % as an HTML entity
                    text = escape("&#37;") + text[1:]
            else:
                mark = f"~%{fraction_text(fraction)}%"
            lines.append(f"{mark}{text}#{_html(option.feedback)}")
        return lines
    if kind == "true-false":
        # {TRUE#feedback if wrong#feedback if right}: Moodle reads the first feedback as the one
        # for the wrong answer.
        right, wrong = (
            (question.feedback_true, question.feedback_false)
            if question.answer
            else (question.feedback_false, question.feedback_true)
        )
        return [f"{'TRUE' if question.answer else 'FALSE'}#{_html(wrong)}#{_html(right)}"]
    if kind == "numeric":
        return [f"#{number_text(question.answer)}:{number_text(question.tolerance)}"]
    if kind == "text":
        # An explicit weight keeps an answer that starts with "%" from being read as one.
        return [
            f"={'%100%' if answer.startswith('%') else ''}{escape(answer)}"
            for answer in accepted_answers(question)
        ]
    if kind == "matching":
        definitions = {d.id: d.text for d in question.definitions}
        lines = [
            f"={_html(term.text)} -> {escape(plain_text(definitions[term.match]))}" for term in question.terms
        ]
        return lines + [f"= -> {escape(plain_text(extra))}" for extra in distractors(question)]
    return [
        f"={_html(item)} -> {escape(position_label(n))}" for n, item in enumerate(question.items, start=1)
    ]


def question_gift(question) -> str:
    """One question as a GIFT block (comment lines, name, text, answers, general feedback)."""
    comments = [f"// [id:{question.id}]"]
    text = _html(question.prompt)
    if question.type == "matching":
        comments.append(NOTE_MATCHING)
    elif question.type == "ordering":
        comments.append(NOTE_ORDERING)
    elif question.type == "numeric" and question.unit:
        comments.append(NOTE_UNIT.format(unit=question.unit))
        text += _html(UNIT_IN_TEXT.format(unit=question.unit))
    if getattr(question, "shuffle", True) is False:
        comments.append(NOTE_SHUFFLE)
    if question.hint:
        comments.append(NOTE_HINT.format(hint=" ".join(question.hint.split())))
    answers = "\n".join(f"\t{line}" for line in _answers(question))
    body = f"::{escape(question.id)}::[html]{text}{{\n{answers}\n\t####{_html(question.explanation)}\n}}"
    return "\n".join([*comments, body])


def banks_to_gift(banks: dict) -> str:
    """GIFT of all chapter banks, each chapter as a ``$CATEGORY`` (the final test is left out)."""
    blocks = [HEADER.rstrip("\n")]
    for bank in chapter_banks(banks):
        blocks.append(f"$CATEGORY: {category_path(bank)}")
        blocks.extend(question_gift(question) for question in bank.questions)
    return "\n\n".join(blocks) + "\n"
