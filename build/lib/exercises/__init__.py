"""Quizzes and exercises of the course "Social Media – mitmachen?".

In a chapter notebook::

    from exercises import quiz
    quiz("profil")

Grading, validation and exercise rules are plain modules (no IPython, no widgets);
only the functions below import the widget layer, and only when called.
"""

from __future__ import annotations


def quiz(bank_id: str, persist: bool = True):
    """The quiz of question bank ``bank_id`` as a widget (HTML view in the book)."""
    from exercises.quizzes.payload import quiz_payload
    from exercises.quizzes.widgets import QuizWidget

    return QuizWidget(quiz_payload(bank_id), persist=persist)


def exercise(exercise_id: str, persist: bool = True):
    """The interactive exercise ``exercise_id`` (see exercises/scenarios/)."""
    from exercises.activities.widget import make_exercise

    return make_exercise(exercise_id, persist=persist)


def progress_overview(persist: bool = True):
    """Progress bars for every chapter quiz, each exercise's status, and a reset button."""
    from exercises.activities import done_when
    from exercises.frontend.widget_base import ProgressWidget
    from exercises.quizzes.payload import progress_payload

    return ProgressWidget(progress_payload(done_when=done_when), persist=persist)


__all__ = ["quiz", "exercise", "progress_overview"]
