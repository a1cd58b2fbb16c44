"""The interactive exercises: a registry, and their scenarios loaded and checked.

An exercise ``foo-bar`` is one folder ``activities/foo_bar/`` plus one line in ``REGISTRY``:
- ``__init__.py``: the contract: ``SCENARIO_MODEL`` (pydantic, see quiz.schema.Strict),
  ``payload(scenario) -> dict`` for the front end, ``results(scenario, state) -> dict``
  for Python readers, ``done_when(scenario) -> list``: when the progress overview calls it
  "abgeschlossen", as conditions on its stored state (forms: ``exercises/quizzes/progress.py``;
  without it the exercise is only ever open or started), and optionally
  ``check(path, scenario, lines)`` for cross-field rules;
- ``rules.py``: its pure logic, the twin of the JS logic, held by shared vectors;
- ``static/kurs-ex-foo-bar.js``: its front end (anywidget form), in page and notebook;
and, outside the code, its data ``scenarios/foo-bar.yml`` (instructors edit it) and a group
``ex_foo_bar`` in ``ui_text.yml`` with its interface strings. Every scenario file also holds
``estimated_minutes`` (how long the exercise takes), which counts towards its chapter's time.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Annotated

from pydantic import BaseModel, Field, create_model

from exercises.core.errors import ContentError, ContentErrors
from exercises.quizzes.banks import SCENARIOS_DIR, parse_file

# Every exercise of the course: its id (file names, page contract) and its folder.
REGISTRY = {
    "profil-baukasten": "profil_baukasten",
    "netzwerk-labor": "netzwerk_labor",
    "nutzen-rechner": "nutzen_rechner",
    "mitmachen-check": "mitmachen_check",
    "redaktionsplaner": "redaktionsplaner",
}

# Every scenario also says how long its exercise takes (estimated_minutes); the chapter's time
# adds it up (exercises/site/reading_time.py).
EstimatedMinutes = Annotated[int, Field(ge=1, le=180)]


def exercise_module(exercise_id: str) -> ModuleType:
    if exercise_id not in REGISTRY:
        raise ModuleNotFoundError(exercise_id)
    return importlib.import_module(f"exercises.activities.{REGISTRY[exercise_id]}")


@cache
def scenario_model(exercise_id: str) -> type[BaseModel]:
    """The exercise's ``SCENARIO_MODEL`` with the field ``estimated_minutes`` (required)."""
    base = exercise_module(exercise_id).SCENARIO_MODEL
    return create_model(base.__name__, __base__=base, estimated_minutes=(EstimatedMinutes, ...))


def done_when(exercise_id: str, directory: Path = SCENARIOS_DIR) -> list | None:
    """The exercise's ``done_when`` conditions for its scenario; None without them or a valid scenario."""
    try:
        module = exercise_module(exercise_id)
        declare = getattr(module, "done_when", None)
        return declare(load_scenario(exercise_id, directory)) if declare else None
    except (ModuleNotFoundError, ContentErrors):
        return None  # the content check reports a broken or unknown scenario


def load_scenarios(directory: Path = SCENARIOS_DIR) -> dict:
    """All scenarios by exercise id; raise with every error found."""
    errors: list[ContentError] = []
    result = {}
    for path in sorted(directory.glob("*.yml")):
        try:
            module = exercise_module(path.stem)
        except ModuleNotFoundError:
            errors.append(
                ContentError(
                    path,
                    f"Zu „{path.stem}“ gibt es keine Übung. Der Dateiname "
                    "muss der Kennung einer Übung entsprechen.",
                )
            )
            continue
        loaded, found = parse_file(path, scenario_model(path.stem))
        errors.extend(found)
        if loaded is not None:
            if hasattr(module, "check"):
                errors.extend(module.check(path, loaded.model, loaded.lines))
            result[path.stem] = loaded.model
    if errors:
        raise ContentErrors(errors)
    return result


def load_scenario(exercise_id: str, directory: Path = SCENARIOS_DIR):
    path = directory / f"{exercise_id}.yml"
    if not path.exists():
        raise ContentErrors([ContentError(path, f"Die Übung „{exercise_id}“ hat keine Datei.")])
    module = exercise_module(exercise_id)
    loaded, errors = parse_file(path, scenario_model(exercise_id))
    if loaded is not None and hasattr(module, "check"):
        errors.extend(module.check(path, loaded.model, loaded.lines))
    if errors or loaded is None:
        raise ContentErrors(errors)
    return loaded.model
