"""The quiz in a live notebook: same front end as the page, results readable from Python.

Every decision is made by ``grading`` (the twin of the page's ``kurs-grading.js``), so a check
from Python stores the same state as pressing "Prüfen" in the page.
"""

from __future__ import annotations

from exercises.frontend.widget_base import KursWidget
from exercises.quizzes import grading


class QuizWidget(KursWidget):
    """``q.answer(id, value)``, ``q.check()``, then ``q.score``, ``q.answers``, ``q.results``;
    ``q.restart()`` is "Noch einmal versuchen" (or, in the final test, "Neuen Test starten")."""

    module = "kurs-quiz.js"

    @property
    def _pass_mark(self) -> float | None:
        final = self.data.get("final")
        return final["pass_mark"] if final else None

    @property
    def questions(self) -> list[dict]:
        """The questions in play: all of a chapter, or the final test's current draw."""
        by_id = {q["id"]: q for q in self.data["questions"]}
        ids = grading.active_ids(self.data, self.state)
        if ids is None:
            ids = grading.draw_questions(self.data)
            self.state = {**self.state, "drawn": ids, "answers": {}, "results": {}}
        return [by_id[i] for i in ids]

    @property
    def answers(self) -> dict:
        answers = self.state.get("answers")
        return dict(answers) if isinstance(answers, dict) else {}

    def answer(self, question_id: str, value) -> None:
        """Answer one question; ``None`` takes the answer back (as an untouched question)."""
        known = {q["id"] for q in self.questions}
        if question_id not in known:
            raise KeyError(f"Diese Frage gibt es in diesem Quiz nicht: {question_id!r}")
        self.state = grading.answer_state(dict(self.state), question_id, value)

    @property
    def results(self) -> dict[str, str]:
        """Grade of every question in play: correct, wrong, empty, invalid, ambiguous or too_large."""
        return grading.summary(self.questions, self.answers)["results"]

    def check(self) -> dict[str, str]:
        """What pressing "Prüfen" does: grade, store, and let the front end show feedback; the
        grades of every question. With nothing answered (or the final test incomplete,
        ``grading.check_problem``) nothing is stored and no attempt counted."""
        questions = self.questions
        self.state = grading.record_check(dict(self.state), questions, self._pass_mark)
        return self.results

    def restart(self) -> None:
        """A new attempt: answers go; a passed final test and its certificate stay."""
        self.state = grading.restart_state(dict(self.state), bool(self.data.get("final")))

    @property
    def score(self) -> int:
        return grading.summary(self.questions, self.answers)["right"]

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def passed(self) -> bool | None:
        if self._pass_mark is None:
            return None
        return grading.summary(self.questions, self.answers, self._pass_mark)["passed"]
