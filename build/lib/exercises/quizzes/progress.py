"""What the progress overview shows, from the stored progress items alone.

The twin of ``progressRows`` in ``static/kurs-progress.js``; the shared vectors in
``tests/data/vectors-quiz.yml`` run against both. A quiz counts the questions answered (right
or not) and the right ones in the current attempt, and what a new attempt keeps: the number of
checks, the best score and the final test's passed result. An exercise is open, started
(something entered) or done (every condition of its ``done_when`` holds for its stored state).

``done_when`` is a list of conditions, all of which must hold (none: never done). A condition
is one of:

- ``"key"`` or ``"key.sub"``: the value there is filled (not empty, not only spaces);
- ``{"number": "key", "whole": true, "max": 168}``: the value reads as a number, as the
  exercise reads it (``core.numbers.read_number``; ``whole`` and ``max`` optional);
- ``{"changed": "key", "from": value}``: the value is filled and differs from ``value``;
- ``{"any": [conditions]}``: at least one holds; ``{"all": [conditions]}``: every one holds.
"""

from __future__ import annotations

from exercises.core.numbers import read_number
from exercises.quizzes.grading import CORRECT, is_empty, stored_count

OPEN, STARTED, DONE = "open", "started", "done"
_CLOSING = ("?", "!", ":", ".", "…")


def label_lead(title: str) -> str:
    """ "Das Profil" → "Das Profil:"; a title that ends in "?" or "!" keeps its own mark."""
    title = str(title).strip()
    return title if title.endswith(_CLOSING) else f"{title}:"


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


_MISSING = object()


def _value_at(item: dict, path) -> object:
    value: object = item
    for key in str(path).split("."):
        if not isinstance(value, dict) or key not in value:
            return _MISSING
        value = value[key]
    return value


def _filled(value) -> bool:
    if value is _MISSING or is_empty(value):
        return False
    return not (isinstance(value, str) and not value.strip())


def condition_holds(item, condition) -> bool:
    """Does one ``done_when`` condition hold for the stored state ``item``? Unknown forms: no."""
    item = _mapping(item)
    if isinstance(condition, str):
        return _filled(_value_at(item, condition))
    if not isinstance(condition, dict):
        return False
    if isinstance(condition.get("any"), list):
        return any(condition_holds(item, part) for part in condition["any"])
    if isinstance(condition.get("all"), list):
        return bool(condition["all"]) and all(condition_holds(item, part) for part in condition["all"])
    if isinstance(condition.get("number"), str):
        value = _value_at(item, condition["number"])
        if not _filled(value):
            return False
        reading = read_number(value, whole=bool(condition.get("whole")), maximum=condition.get("max"))
        return reading["error"] is None and reading["value"] is not None
    if isinstance(condition.get("changed"), str):
        value = _value_at(item, condition["changed"])
        return _filled(value) and value != condition.get("from")
    return False


def exercise_status(item, done_when=None) -> str:
    item = _mapping(item)
    if not any(not is_empty(value) for value in item.values()):
        return OPEN
    if isinstance(done_when, list) and done_when and all(condition_holds(item, c) for c in done_when):
        return DONE
    return STARTED


def progress_rows(data: dict, items) -> dict:
    """One row per quiz and per exercise, and whether anything was done at all."""
    items = _mapping(items)
    quizzes = []
    for quiz in data.get("quizzes", []):
        item = _mapping(items.get(f"quiz:{quiz['id']}"))
        total = quiz["total"]
        answered = sum(not is_empty(v) for v in _mapping(item.get("answers")).values())
        right = sum(v == CORRECT for v in _mapping(item.get("results")).values())
        last_pass = item.get("last_pass") if quiz.get("final") else None
        quizzes.append(
            {
                "id": quiz["id"],
                "lead": label_lead(quiz["title"]),
                "answered": min(answered, total),
                "right": min(right, total),
                "total": total,
                "passed": isinstance(last_pass, dict),
                # What a new attempt keeps (grading.KEPT_ON_RESTART): checks so far, the best.
                "attempts": stored_count(item.get("attempts")),
                "best": min(stored_count(item.get("best")), total),
                "pass_percent": stored_count(last_pass.get("percent")) if isinstance(last_pass, dict) else 0,
            }
        )
    exercises = [
        {
            "id": exercise["id"],
            "lead": label_lead(exercise["title"]),
            "status": exercise_status(items.get(f"exercise:{exercise['id']}"), exercise.get("done_when")),
        }
        for exercise in data.get("exercises", [])
    ]
    started = any(q["answered"] or q["attempts"] or q["passed"] for q in quizzes) or any(
        e["status"] != OPEN for e in exercises
    )
    return {"quizzes": quizzes, "exercises": exercises, "started": started}
