"""Grading of every question type: plain functions on plain data.

Answers use the same encoding as the page script (``static/grading.js``):
single → option index; multiple → list of option indices; true-false → bool;
numeric and text → the string the learner typed; matching → {term id: definition id};
ordering → list of item indices in the learner's order.
Shared vectors in ``tests/data/grading-vectors.yml`` keep both sides equal.
"""

from __future__ import annotations

import re
import unicodedata

from exercises.core.numbers import parse_number

CORRECT, WRONG, EMPTY, INVALID = "correct", "wrong", "empty", "invalid"

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalize_text(value: str) -> str:
    """Case-, umlaut- and space-tolerant form of a short answer."""
    text = unicodedata.normalize("NFC", value).strip().lower().translate(_UMLAUTS)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"[.!?;,:]+$", "", text).strip()


def grade(question: dict, answer) -> str:
    """One of CORRECT, WRONG, EMPTY (nothing answered) or INVALID (not a number)."""
    kind = question["type"]
    if answer is None or answer == "" or answer == [] or answer == {}:
        return EMPTY
    if kind == "single":
        right = [i for i, o in enumerate(question["options"]) if o.get("correct")]
        return CORRECT if [answer] == right else WRONG
    if kind == "multiple":
        right = {i for i, o in enumerate(question["options"]) if o.get("correct")}
        return CORRECT if set(answer) == right else WRONG
    if kind == "true-false":
        return CORRECT if answer is question["answer"] else WRONG
    if kind == "numeric":
        number = parse_number(answer)
        if number is None:
            return INVALID
        tolerance = question.get("tolerance", 0) + 1e-9
        return CORRECT if abs(number - question["answer"]) <= tolerance else WRONG
    if kind == "text":
        given = normalize_text(answer)
        if not given:
            return EMPTY
        accepted = {normalize_text(a) for a in question["accepted"]}
        return CORRECT if given in accepted else WRONG
    if kind == "matching":
        if any(not answer.get(t["id"]) for t in question["terms"]):
            return EMPTY
        ok = all(answer.get(t["id"]) == t["match"] for t in question["terms"])
        return CORRECT if ok else WRONG
    if kind == "ordering":
        return CORRECT if list(answer) == list(range(len(question["items"]))) else WRONG
    raise ValueError(f"unknown question type {kind!r}")


def score(questions: list[dict], answers: dict) -> tuple[int, int]:
    """(number right, number of questions)."""
    right = sum(grade(q, answers.get(q["id"])) == CORRECT for q in questions)
    return right, len(questions)


def passed(right: int, total: int, pass_mark: float) -> bool:
    return total > 0 and right / total >= pass_mark - 1e-9
