"""Exercise "nutzen-rechner": a key-figure calculator (chapter book/nutzen.md).

Scenario: ``scenarios/nutzen-rechner.yml`` (title, settings, example presets).
Logic: ``kpi.py``; front end: ``static/kurs-ex-nutzen-rechner.js``.
State (what the learner entered): ``{"likes": "45", …, "mentions_basis": "competitors"}`` with
the field names of ``kpi.FIELDS``; values are the typed strings (numbers are accepted as well).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from exercises.activities.nutzen_rechner.rules import FIELDS, compute_kpis, describe, validate_inputs
from exercises.core.errors import ContentError
from exercises.core.texts import texts
from exercises.core.yaml_lines import LineMap, line_for
from exercises.quizzes.schema import Id, Strict, Text

Count = Annotated[int, Field(ge=0)]
Basis = Literal["competitors", "total"]


class Values(Strict):
    likes: Count | None = None
    comments: Count | None = None
    shares: Count | None = None
    followers_start: Count | None = None
    followers_end: Count | None = None
    reach: Count | None = None
    impressions: Count | None = None
    mentions_own: Count | None = None
    mentions_other: Count | None = None


class Preset(Strict):
    id: Id
    label: Text
    mentions_basis: Basis | None = None
    values: Values


class Scenario(Strict):
    title: Text
    intro: Text | None = None
    follower_basis: Literal["start", "end"] = "start"
    mentions_basis: Basis = "competitors"
    presets: list[Preset] = []


SCENARIO_MODEL = Scenario
GROUP = "ex_nutzen_rechner"

# Instructor-facing explanations of a preset that the calculator would reject.
_PRESET_PROBLEMS = {
    "reach_above_impressions": "Die Reichweite ist größer als die Impressionen; das ist unmöglich, "
    "denn jedes erreichte Konto zählt mindestens eine Impression.",
    "own_above_total": "Bei „mentions_basis: total“ zählt „mentions_other“ alle Erwähnungen; "
    "die eigenen Erwähnungen dürfen nicht mehr sein.",
    "zero_followers": "0 Follower: Durch 0 lässt sich nicht teilen. Bitte mindestens 1 eintragen.",
    "zero_reach": "Eine Reichweite von 0 ergibt keine Engagement-Rate. Bitte mindestens 1.",
    "zero_mentions": "Insgesamt 0 Erwähnungen ergeben keinen Share of Voice.",
}


def options(scenario: Scenario, state: dict | None = None) -> dict:
    basis = (state or {}).get("mentions_basis")
    return {
        "follower_basis": scenario.follower_basis,
        "mentions_basis": basis if basis in ("competitors", "total") else scenario.mentions_basis,
    }


def payload(scenario: Scenario) -> dict:
    """Scenario texts are shown with textContent in the page, so they stay plain."""
    return {
        "title": scenario.title,
        "intro": scenario.intro,
        "follower_basis": scenario.follower_basis,
        "mentions_basis": scenario.mentions_basis,
        "presets": [
            {
                "id": p.id,
                "label": p.label,
                "mentions_basis": p.mentions_basis,
                "values": p.values.model_dump(exclude_none=True),
            }
            for p in scenario.presets
        ],
    }


def kpi_fields(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """The fields each key figure needs (as ``rules.compute_kpis`` computes them)."""
    reactions = ("likes", "comments", "shares")
    return {
        "engagement_followers": (*reactions, f"followers_{scenario.follower_basis}"),
        "engagement_reach": (*reactions, "reach"),
        "follower_growth": ("followers_start", "followers_end"),
        "share_of_voice": ("mentions_own", "mentions_other"),
        "frequency": ("reach", "impressions"),
    }


def done_when(scenario: Scenario) -> list:
    """Done (progress overview) once a key figure is computed: every field it needs holds a whole
    number (an ambiguous "2,000" does not count). Conditions: see ``exercises/quizzes/progress.py``."""
    groups = kpi_fields(scenario).values()
    return [{"any": [{"all": [{"number": f, "whole": True} for f in fields]} for fields in groups]}]


def results(scenario: Scenario, state: dict) -> dict:
    """What the learner sees: every field with its hint, every key figure explained.

    Keys: ``fields`` {name: {label, value, error}}, ``errors`` {name: German hint},
    ``kpis`` {engagement_followers, engagement_reach, follower_growth, share_of_voice,
    frequency: {title, status ("ok"/"missing"/"invalid"), value, display, formula,
    calculation, message, note}}, ``follower_basis``, ``mentions_basis``.
    """
    state = state if isinstance(state, dict) else {}
    raw = {field: state.get(field) for field in FIELDS}
    computed = compute_kpis(raw, options(scenario, state))
    return describe(computed, texts("common", GROUP), raw)


def check(path: Path, scenario: Scenario, lines: LineMap) -> Iterator[ContentError]:
    """Unique preset ids; every preset must be a valid input for the calculator."""
    seen: set[str] = set()
    for index, preset in enumerate(scenario.presets):
        loc = ("presets", index)
        if preset.id in seen:
            yield ContentError(
                path,
                f"Die Kennung „{preset.id}“ kommt doppelt vor.",
                line_for(lines, (*loc, "id")),
                preset.id,
                "id",
            )
        seen.add(preset.id)
        values = preset.values.model_dump(exclude_none=True)
        basis = preset.mentions_basis or scenario.mentions_basis
        found = validate_inputs(values, {"follower_basis": scenario.follower_basis, "mentions_basis": basis})
        for field, code in found["errors"].items():
            yield ContentError(
                path,
                _PRESET_PROBLEMS.get(code, code),
                line_for(lines, (*loc, "values", field)),
                preset.id,
                f"values → {field}",
            )
