"""The quiz in a live notebook: same front end as the page, results readable from Python."""

from __future__ import annotations

import random

from exercises.frontend.widget_base import KursWidget
from exercises.quizzes import grading


class QuizWidget(KursWidget):
    """``q.answer(id, value)``, ``q.check()``, then ``q.score``, ``q.answers``, ``q.results``."""

    module = "kurs-quiz.js"

    @property
    def questions(self) -> list[dict]:
        """The questions in play: all of a chapter, or the final test's current draw."""
        by_id = {q["id"]: q for q in self.data["questions"]}
        final = self.data.get("final")
        if not final:
            return self.data["questions"]
        drawn = self.state.get("drawn")
        if not (isinstance(drawn, list) and drawn and all(i in by_id for i in drawn)):
            drawn = []
            for draw in final["draw"]:
                ids = [q["id"] for q in self.data["questions"] if q["bank"] == draw["bank"]]
                drawn.extend(random.sample(ids, draw["count"]))
            self.state = {**self.state, "drawn": drawn, "answers": {}, "results": {}}
        return [by_id[i] for i in drawn]

    @property
    def answers(self) -> dict:
        answers = self.state.get("answers")
        return dict(answers) if isinstance(answers, dict) else {}

    def answer(self, question_id: str, value) -> None:
        known = {q["id"] for q in self.questions}
        if question_id not in known:
            raise KeyError(f"Diese Frage gibt es in diesem Quiz nicht: {question_id!r}")
        results = {k: v for k, v in self.state.get("results", {}).items() if k != question_id}
        self.state = {
            **self.state,
            "answers": {**self.answers, question_id: value},
            "results": results,
            "checked": False,
        }

    @property
    def results(self) -> dict[str, str]:
        """Grade of every question in play: correct, wrong, empty or invalid."""
        return {q["id"]: grading.grade(q, self.answers.get(q["id"])) for q in self.questions}

    def check(self) -> dict[str, str]:
        """What pressing "Prüfen" does: grade, store, and let the front end show feedback."""
        results = self.results
        right = sum(r == grading.CORRECT for r in results.values())
        best = max(int(self.state.get("best") or 0), right)
        self.state = {
            **self.state,
            "results": results,
            "checked": True,
            "right": right,
            "total": len(results),
            "best": best,
            "attempts": int(self.state.get("attempts") or 0) + 1,
        }
        return results

    @property
    def score(self) -> int:
        return grading.score(self.questions, self.answers)[0]

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def passed(self) -> bool | None:
        final = self.data.get("final")
        if not final:
            return None
        return grading.passed(self.score, self.total, final["pass_mark"])
