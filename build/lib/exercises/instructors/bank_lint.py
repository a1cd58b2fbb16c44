"""Patterns in question banks that make questions guessable: hints for ``kurs check``, not errors.

Every hint names file and line. A bank with hints is still valid: the build and the exports work,
and ``kurs check`` ends with status 0. The checks (for the course's banks and any instructor's):

- **true/false imbalance**: in a bank with at least 3 true/false questions, one answer is at
  least 2 more frequent and has more than 60 %: always guessing it pays off;
- **right option longest**: in at least 3 choice questions of a bank and in more than half of
  them, the right option is longer than every wrong one (for multiple choice: the shortest right
  one longer than the longest wrong one); by chance this happens in a third or fewer;
- **duplicate prompts**: two prompts (in any banks) that are equal or nearly equal (at least 85 %
  alike after ignoring case, punctuation and markup);
- **answer given away**: a text answer (the first accepted answer, or another accepted variant
  of 8 or more characters, as whole words) or a numeric answer (with its unit, if it has one:
  "15 %", "3,25 Stunden") appears in another question's prompt or options.
"""

from __future__ import annotations

import math
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from exercises.core.errors import ContentError
from exercises.core.numbers import parse_number
from exercises.core.yaml_lines import LineMap, LoadError, line_for, read_yaml
from exercises.quizzes.schema import (
    Bank,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
)

MIN_TRUE_FALSE = 3
MIN_CHOICE = 3
SIMILAR = 0.85
MIN_ANSWER_LENGTH = 4
MIN_VARIANT_LENGTH = 8
_MARKUP = re.compile(r"[*`_]")
_NOT_WORD = re.compile(r"[^\w]+")
_NUMBER = re.compile(r"(?<![\w.,])[0-9]+(?:[.,][0-9]+)*(?![\w]|[.,][0-9])")


def _normal(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", _MARKUP.sub("", text).lower()).split())


def _where(path: Path) -> str:
    return path.name


class _Bank:
    def __init__(self, path: Path, bank: Bank, lines: LineMap):
        self.path, self.bank, self.lines = path, bank, lines

    def hint(self, loc: tuple, message: str, item_id: str | None = None, field: str | None = None):
        return ContentError(self.path, message, line_for(self.lines, loc), item_id, field)

    def line(self, loc: tuple) -> int | None:
        return line_for(self.lines, loc)


def true_false_balance(item: _Bank) -> list[ContentError]:
    found = [(i, q) for i, q in enumerate(item.bank.questions) if isinstance(q, TrueFalse)]
    true = [(i, q) for i, q in found if q.answer]
    false = [(i, q) for i, q in found if not q.answer]
    major, minor = (true, false) if len(true) >= len(false) else (false, true)
    if len(found) < MIN_TRUE_FALSE or len(major) - len(minor) < 2 or len(major) / len(found) <= 0.6:
        return []
    word = "richtig" if major is true else "falsch"
    ids = ", ".join(q.id for _, q in major)
    index, first = major[0]
    return [
        item.hint(
            ("questions", index, "answer"),
            f"Richtig/Falsch-Fragen unausgewogen: {len(major)} von {len(found)} haben die Antwort "
            f"„{word}“ ({ids}). Wer immer „{word}“ wählt, liegt meist richtig. Formulieren Sie einige "
            "Aussagen um, sodass etwa gleich viele richtig und falsch sind.",
            first.id,
            "answer",
        )
    ]


def _right_is_longest(question) -> bool:
    right = [len(o.text) for o in question.options if o.correct]
    wrong = [len(o.text) for o in question.options if not o.correct]
    return bool(right and wrong) and min(right) > max(wrong)


def longest_right_option(item: _Bank) -> list[ContentError]:
    choices = [
        (i, q) for i, q in enumerate(item.bank.questions) if isinstance(q, SingleChoice | MultipleChoice)
    ]
    longest = [(i, q) for i, q in choices if _right_is_longest(q)]
    if len(longest) < MIN_CHOICE or len(longest) * 2 <= len(choices):
        return []
    index, first = longest[0]
    return [
        item.hint(
            ("questions", index, "options"),
            f"In {len(longest)} von {len(choices)} Auswahlfragen ist die richtige Antwort die längste "
            f"({', '.join(q.id for _, q in longest)}). Lernende erkennen das Muster und wählen die längste "
            "Antwort, ohne zu verstehen. Kürzen Sie richtige Antworten oder machen Sie falsche genauer.",
            first.id,
            "options",
        )
    ]


def _questions(items: list[_Bank]):
    for item in items:
        for index, question in enumerate(item.bank.questions):
            yield item, index, question


def duplicate_prompts(items: list[_Bank]) -> list[ContentError]:
    hints = []
    seen: list[tuple[_Bank, int, Any, str]] = []
    for item, index, question in _questions(items):
        text = _normal(question.prompt)
        for other, other_index, earlier, earlier_text in seen:
            if len(text.split()) < 4 or len(earlier_text.split()) < 4:
                continue
            ratio = 1.0 if text == earlier_text else SequenceMatcher(None, text, earlier_text).ratio()
            if ratio >= SIMILAR:
                where = f"{_where(other.path)}, Zeile {other.line(('questions', other_index, 'prompt'))}"
                if ratio < 1.0:
                    where += f"; {math.floor(ratio * 100)} % Übereinstimmung"
                hints.append(
                    item.hint(
                        ("questions", index, "prompt"),
                        f"Die Frage ist {'dieselbe' if ratio == 1.0 else 'fast dieselbe'} wie „{earlier.id}“ "
                        f"({where}). Lernende sehen dieselbe Frage "
                        "zweimal, im Abschlusstest womöglich im selben Versuch. Streichen Sie eine oder "
                        "fragen Sie etwas anderes.",
                        question.id,
                        "prompt",
                    )
                )
                break
        seen.append((item, index, question, text))
    return hints


def _shown_texts(question) -> list[tuple[tuple, str, str]]:
    """(location in the question, field label, text) of what a learner sees before answering."""
    texts: list[tuple[tuple, str, str]] = [(("prompt",), "prompt", question.prompt)]
    if isinstance(question, SingleChoice | MultipleChoice):
        texts += [
            (("options", i, "text"), f"options → {i + 1}. Eintrag", o.text)
            for i, o in enumerate(question.options)
        ]
    if isinstance(question, Ordering):
        texts += [(("items", i), f"items → {i + 1}. Eintrag", text) for i, text in enumerate(question.items)]
    if isinstance(question, Matching):
        texts += [
            (("terms", i, "text"), f"terms → {i + 1}. Eintrag", x.text) for i, x in enumerate(question.terms)
        ]
        texts += [
            (("definitions", i, "text"), f"definitions → {i + 1}. Eintrag", x.text)
            for i, x in enumerate(question.definitions)
        ]
    return texts


def _numbers(text: str, unit: str | None) -> list[float]:
    """The numbers in ``text``; with a unit, only those written with it ("15 %", "4 Personen")."""
    if unit:
        spelled = r"(?:%|Prozent)" if unit.strip() == "%" else re.escape(unit.strip()) + r"(?!\w)"
        pattern = re.compile(_NUMBER.pattern + r"(?=\s*" + spelled + ")", re.I)
    else:
        pattern = _NUMBER
    values = []
    for token in pattern.findall(text):
        value = parse_number(token)
        if value is not None:
            values.append(value)
    return values


def _answer_in(question, text: str) -> str | None:
    """The part of ``question``'s answer that ``text`` shows, if any."""
    if isinstance(question, ShortText):
        normal = f" {_normal(text)} "
        first, *others = question.accepted
        variants = [first] + [v for v in others if len(_normal(v)) >= MIN_VARIANT_LENGTH]
        for variant in sorted(variants, key=len, reverse=True):
            wanted = _normal(variant)
            if len(wanted) >= MIN_ANSWER_LENGTH and f" {wanted} " in normal:
                return variant
    if isinstance(question, Numeric):
        if any(math.isclose(value, question.answer, abs_tol=1e-9) for value in _numbers(text, question.unit)):
            answer = question.answer
            shown = str(int(answer)) if float(answer).is_integer() else str(answer).replace(".", ",")
            return f"{shown} {question.unit.strip()}" if question.unit else shown
    return None


def answers_given_away(items: list[_Bank]) -> list[ContentError]:
    hints = []
    answered = [(i, n, q) for i, n, q in _questions(items) if isinstance(q, ShortText | Numeric)]
    for item, index, question in _questions(items):
        for owner, owner_index, source in answered:
            if source is question:
                continue
            for loc, field, text in _shown_texts(question):
                value = _answer_in(source, text)
                if value is None:
                    continue
                hints.append(
                    item.hint(
                        ("questions", index, *loc),
                        f"Hier steht „{value}“, die Antwort der Frage „{source.id}“ ({_where(owner.path)}, "
                        f"Zeile {owner.line(('questions', owner_index, 'prompt'))}). Wer beide Fragen sieht, "
                        "kann die Antwort abschreiben. Formulieren Sie eine der beiden um.",
                        question.id,
                        field,
                    )
                )
                break
    return hints


def load_for_lint(directory: Path) -> list[_Bank]:
    """The chapter banks of ``directory`` with their line maps (the final test has no questions)."""
    items = []
    for path in sorted(directory.glob("*.yml")):
        try:
            data, lines = read_yaml(path)
        except LoadError:
            continue  # the content check reports it
        if isinstance(data, dict) and "final" not in data:
            items.append(_Bank(path, Bank.model_validate(data), lines))
    return items


def lint_banks(directory: Path) -> list[ContentError]:
    """Every hint for the (valid) banks of ``directory``, bank by bank, then across banks."""
    items = load_for_lint(directory)
    hints = []
    for item in items:
        hints += true_false_balance(item) + longest_right_option(item)
    hints += duplicate_prompts(items) + answers_given_away(items)
    return hints


def report(hints: list[ContentError]) -> str:
    count = len(hints)
    head = "1 Hinweis" if count == 1 else f"{count} Hinweise"
    head += " zu den Fragenkatalogen (keine Fehler; Bau und Export funktionieren trotzdem):"
    return "\n".join([head, *(f"  - {hint}" for hint in hints)])
