"""Every decision of a quiz: grading, feedback details, the final test's draw, score and pass mark.

Plain functions on plain data, the twin of ``static/kurs-grading.js``: the page and the notebook
call these, and the shared vectors (``tests/data/grading-vectors.yml``,
``tests/data/vectors-quiz.yml``) run against both sides.

Answers use the page's encoding: single → option index; multiple → list of option indices;
true-false → bool; numeric and text → the string the learner typed; matching →
{term id: definition id}; ordering → list of item indices in the learner's order. An ordering
question has no answer until the learner moves an item or confirms the order shown.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections import Counter

from exercises.core import numbers

CORRECT, WRONG, EMPTY, INVALID = "correct", "wrong", "empty", "invalid"
AMBIGUOUS, TOO_LARGE = numbers.AMBIGUOUS, numbers.TOO_LARGE
# Results that leave a question open: nothing answered, or nothing that can be graded.
OPEN = (EMPTY, INVALID, AMBIGUOUS, TOO_LARGE)
# What a new attempt keeps: counts, the name, and a passed final test with its certificate.
KEPT_ON_RESTART = ("best", "attempts", "name", "certificate", "last_pass")

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'"}
    | dict.fromkeys("‐‑‒–—", "-")
)
_ARTICLE = re.compile(r"^(?:der|die|das|ein|eine|einen) (?=\S)")
_PERCENT = ("%", "prozent", "prozentpunkt", "prozentpunkte", "%-punkte")
_UNIT_NAMES = {"€": ("€", "euro", "eur"), "stunden": ("stunden", "stunde", "std.", "std", "h")}


def _index(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_SHAPES = {
    "single": _index,
    "multiple": lambda a: isinstance(a, list) and all(map(_index, a)),
    "true-false": lambda a: isinstance(a, bool),
    "numeric": lambda a: isinstance(a, str | int | float) and not isinstance(a, bool),
    "text": lambda a: isinstance(a, str),
    "matching": lambda a: isinstance(a, dict),
    "ordering": lambda a: isinstance(a, list) and all(map(_index, a)),
}


def is_empty(answer) -> bool:
    return answer is None or answer == "" or answer == [] or answer == {}


def normalize_text(value: str) -> str:
    """Case-, umlaut-, apostrophe-, dash- and space-tolerant form; a leading article is dropped."""
    text = unicodedata.normalize("NFC", str(value)).strip().lower().translate(_UMLAUTS)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"[.!?;,:]+$", "", text).strip()
    return _ARTICLE.sub("", text)


def unit_spellings(unit: str | None) -> list[str]:
    """How a learner may write the question's unit after (or, like "€", before) the number."""
    name = (unit or "").strip().lower()
    if not name:
        return ["%"]
    if name in _PERCENT:
        return list(_PERCENT)
    return list(_UNIT_NAMES.get(name, (name,)))


def strip_unit(text: str, unit: str | None) -> str:
    text = str(text).strip()
    lower = text.lower()
    for spelling in sorted(unit_spellings(unit), key=len, reverse=True):
        if lower.endswith(spelling):
            return text[: len(text) - len(spelling)].strip()
        if lower.startswith(spelling):
            return text[len(spelling) :].strip()
    return text


def whole_field(question: dict) -> bool:
    """Does the question ask for a whole number? Then "2,000" is ambiguous."""
    decimals = question.get("decimals")
    if decimals is not None:
        return decimals == 0
    return float(question["answer"]).is_integer() and not question.get("tolerance")


def tolerance(question: dict) -> float:
    """The allowed distance; a prompt that asks for rounding allows no more than half a unit."""
    allowed = question.get("tolerance") or 0
    decimals = question.get("decimals")
    if decimals is not None:
        allowed = min(allowed, 0.5 * 10**-decimals)
    return allowed


def numeric_reading(question: dict, answer) -> dict:
    """The number in a numeric answer: {"value", "error"} as ``numbers.read_number`` gives it."""
    if isinstance(answer, str):
        answer = strip_unit(answer, question.get("unit"))
        if answer == "":
            return {"value": None, "error": numbers.NOT_A_NUMBER}
    return numbers.read_number(answer, minimum=None, thousands_comma=whole_field(question))


def grade(question: dict, answer) -> str:
    """CORRECT, WRONG, EMPTY (nothing answered), INVALID (not a number), AMBIGUOUS ("2,000" where
    a whole number is asked) or TOO_LARGE (more digits than any plausible number)."""
    kind = question["type"]
    if kind not in _SHAPES:
        raise ValueError(f"unknown question type {kind!r}")
    if is_empty(answer) or not _SHAPES[kind](answer):  # a damaged stored answer is no answer
        return EMPTY
    if kind in ("single", "multiple"):
        right = [i for i, o in enumerate(question["options"]) if o.get("correct")]
        given = [answer] if kind == "single" else sorted(set(answer))
        return CORRECT if given == right else WRONG
    if kind == "true-false":
        return CORRECT if answer is question["answer"] else WRONG
    if kind == "numeric":
        reading = numeric_reading(question, answer)
        if reading["error"] in (AMBIGUOUS, TOO_LARGE):
            return reading["error"]
        if reading["value"] is None:
            return INVALID
        distance = abs(reading["value"] - question["answer"])
        return CORRECT if distance <= tolerance(question) + 1e-9 else WRONG
    if kind == "text":
        typed = normalize_text(answer)
        if not typed:
            return EMPTY
        return CORRECT if typed in {normalize_text(a) for a in question["accepted"]} else WRONG
    if kind == "matching":
        if any(not answer.get(t["id"]) for t in question["terms"]):
            return EMPTY
        ok = all(answer.get(t["id"]) == t["match"] for t in question["terms"])
        return CORRECT if ok else WRONG
    return CORRECT if answer == list(range(len(question["items"]))) else WRONG


def choice_details(question: dict, answer) -> dict:
    """Which options of a single or multiple choice were found, missed or wrongly chosen."""
    chosen = {a for a in (answer if isinstance(answer, list) else [answer]) if _index(a)}
    right = {i for i, o in enumerate(question["options"]) if o.get("correct")}
    return {
        "found": sorted(right & chosen),
        "missed": sorted(right - chosen),
        "wrong": sorted(chosen - right),
    }


def percent(right: int, total: int) -> int:
    """Whole percent, halves rounded up (as JavaScript's Math.round)."""
    return math.floor(100 * right / total + 0.5) if total else 0


def passed(right: int, total: int, pass_mark: float) -> bool:
    return total > 0 and right / total >= pass_mark - 1e-9


def summary(questions: list[dict], answers: dict, pass_mark: float | None = None) -> dict:
    """Everything "Prüfen" shows: each result, counts, numbers of wrong and open questions."""
    answers = answers if isinstance(answers, dict) else {}
    results = {q["id"]: grade(q, answers.get(q["id"])) for q in questions}
    right = sum(r == CORRECT for r in results.values())

    def numbers_of(kinds: tuple) -> list[int]:
        return [i + 1 for i, q in enumerate(questions) if results[q["id"]] in kinds]

    return {
        "results": results,
        "right": right,
        "total": len(questions),
        "percent": percent(right, len(questions)),
        "wrong_numbers": numbers_of((WRONG,)),
        "open_numbers": numbers_of(OPEN),
        "passed": None if pass_mark is None else passed(right, len(questions), pass_mark),
    }


def score(questions: list[dict], answers: dict) -> list[int]:
    """[number right, number of questions]."""
    result = summary(questions, answers)
    return [result["right"], result["total"]]


def stored_count(value) -> int:
    """A stored count, or 0 when storage holds something else."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return 0
    return max(int(value), 0)


def _mapping(value) -> dict:
    return dict(value) if isinstance(value, dict) else {}


def answer_state(state: dict, question_id: str, value) -> dict:
    """The state after the learner answers one question: its old result goes, "checked" too."""
    answers = _mapping(state.get("answers"))
    if is_empty(value):
        answers.pop(question_id, None)
    else:
        answers[question_id] = value
    results = {k: v for k, v in _mapping(state.get("results")).items() if k != question_id}
    return {**state, "answers": answers, "results": results, "checked": False}


# Why "Prüfen" grades nothing: no question has a gradable answer, or the final test has open ones.
NOTHING_ANSWERED, OPEN_LEFT = "nothing_answered", "open_left"


def check_problem(questions: list[dict], answers: dict, final: bool = False) -> str | None:
    """None if "Prüfen" may grade; else NOTHING_ANSWERED (no question answered gradably, e.g. an
    accidental click) or OPEN_LEFT (the final test is graded only with every question answered)."""
    result = summary(questions, answers)
    if all(r in OPEN for r in result["results"].values()):
        return NOTHING_ANSWERED
    if final and result["open_numbers"]:
        return OPEN_LEFT
    return None


def record_check(state: dict, questions: list[dict], pass_mark: float | None = None) -> dict:
    """The state after "Prüfen": results, counts, attempts; a passed final test is remembered.

    A check that ``check_problem`` refuses (the final test: ``pass_mark`` given) changes nothing
    and counts no attempt."""
    answers = _mapping(state.get("answers"))
    if check_problem(questions, answers, pass_mark is not None):
        return dict(state)
    result = summary(questions, answers, pass_mark)
    new = {
        **state,
        "results": result["results"],
        "checked": True,
        "right": result["right"],
        "total": result["total"],
        "best": max(stored_count(state.get("best")), result["right"]),
        "attempts": stored_count(state.get("attempts")) + 1,
    }
    if pass_mark is not None:
        new["passed"] = result["passed"]
        if result["passed"]:
            new["last_pass"] = {
                "right": result["right"],
                "total": result["total"],
                "percent": result["percent"],
            }
    return new


def restart_state(state: dict, final: bool) -> dict:
    """A new attempt: answers, results and order go; a passed test and its certificate stay."""
    kept = {key: state[key] for key in KEPT_ON_RESTART if key in state}
    new = {"answers": {}, "results": {}, "order": {}, "checked": False, **kept}
    if final:
        new["drawn"] = None
    return new


def draw_is_valid(final: dict, questions: list[dict], drawn) -> bool:
    """A stored draw fits the final test: known ids, each once, as many per bank as it says."""
    if not isinstance(drawn, list) or not drawn:
        return False
    bank_of = {q["id"]: q["bank"] for q in questions}
    if any(not isinstance(i, str) or i not in bank_of for i in drawn) or len(set(drawn)) != len(drawn):
        return False
    wanted: Counter = Counter()
    for draw in final["draw"]:
        wanted[draw["bank"]] += draw["count"]
    return Counter(bank_of[i] for i in drawn) == wanted


def active_ids(data: dict, state: dict) -> list[str] | None:
    """The ids of the questions in play, or None: the final test has to draw anew."""
    if not data.get("final"):
        return [q["id"] for q in data["questions"]]
    drawn = state.get("drawn") if isinstance(state, dict) else None
    if not isinstance(drawn, list) or not draw_is_valid(data["final"], data["questions"], drawn):
        return None
    return list(drawn)


def draw_questions(data: dict, rng: random.Random | None = None) -> list[str]:
    """A new draw for the final test: ``count`` questions at random from each bank."""
    rng = rng or random.Random()
    drawn: list[str] = []
    for draw in data["final"]["draw"]:
        ids = [q["id"] for q in data["questions"] if q["bank"] == draw["bank"] and q["id"] not in drawn]
        drawn.extend(rng.sample(ids, draw["count"]))
    return drawn
