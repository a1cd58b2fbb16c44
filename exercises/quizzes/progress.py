"""What the progress overview shows, from the stored progress items alone.

The twin of ``progressRows`` in ``static/kurs-progress.js``; the shared vectors in
``tests/data/vectors-quiz.yml`` run against both. A quiz counts the questions answered (right
or not) and the right ones; an exercise is open, started (something entered) or done (every
state key it names in ``done_when`` is filled).
"""

from __future__ import annotations

from exercises.quizzes.grading import CORRECT, is_empty

OPEN, STARTED, DONE = "open", "started", "done"
_CLOSING = ("?", "!", ":", ".", "…")


def label_lead(title: str) -> str:
    """ "Das Profil" → "Das Profil:"; a title that ends in "?" or "!" keeps its own mark."""
    title = str(title).strip()
    return title if title.endswith(_CLOSING) else f"{title}:"


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def exercise_status(item, done_when=None) -> str:
    item = _mapping(item)
    if not any(not is_empty(value) for value in item.values()):
        return OPEN
    if done_when and all(not is_empty(item.get(key)) for key in done_when):
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
        quizzes.append(
            {
                "id": quiz["id"],
                "lead": label_lead(quiz["title"]),
                "answered": min(answered, total),
                "right": min(right, total),
                "total": total,
                "passed": bool(quiz.get("final")) and isinstance(item.get("last_pass"), dict),
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
    started = any(q["answered"] for q in quizzes) or any(e["status"] != OPEN for e in exercises)
    return {"quizzes": quizzes, "exercises": exercises, "started": started}
