"""Exercises in a live notebook: one widget class serves every exercise."""

from __future__ import annotations

from exercises.activities import exercise_module, load_scenario
from exercises.core.texts import texts
from exercises.frontend.widget_base import KursWidget


def exercise_payload(exercise_id: str, scenario=None) -> dict:
    module = exercise_module(exercise_id)
    scenario = scenario if scenario is not None else load_scenario(exercise_id)
    group = f"ex_{exercise_id.replace('-', '_')}"
    return {
        "kind": "exercise",
        "id": exercise_id,
        **module.payload(scenario),
        "texts": texts("common", group),
    }


class ExerciseWidget(KursWidget):
    """``w.state`` is what the learner entered; ``w.results`` what the exercise makes of it."""

    def __init__(self, exercise_id: str, persist: bool = True):
        self.module = f"kurs-ex-{exercise_id}.js"
        self.exercise_id = exercise_id
        # Loaded once: results are recomputed on every read, the scenario file is not.
        self._scenario = load_scenario(exercise_id)
        super().__init__(exercise_payload(exercise_id, self._scenario), persist=persist)

    @property
    def results(self) -> dict:
        return exercise_module(self.exercise_id).results(self._scenario, dict(self.state))


def make_exercise(exercise_id: str, persist: bool = True) -> ExerciseWidget:
    return ExerciseWidget(exercise_id, persist=persist)
