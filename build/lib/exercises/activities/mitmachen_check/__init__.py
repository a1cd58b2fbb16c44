"""Exercise "mitmachen-check": a self-assessment with a reasoned platform recommendation.

Scenario: ``scenarios/mitmachen-check.yml`` (questions, platform figures, scoring rules,
preparation list, checklist). Logic: ``readiness.py``; front end:
``static/kurs-ex-mitmachen-check.js``. State (what the learner answered)::

    {"goals": ["bekanntheit"], "audience": "b2c", "ages": ["30-49"], "industry": "handwerk",
     "hours": "3", "guidelines": "nein", "impressum": "ja", "criticism": "plan"}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from pydantic import Field

from exercises.activities.mitmachen_check.rules import QUESTIONS, assess, describe
from exercises.core.errors import ContentError
from exercises.core.texts import texts
from exercises.core.yaml_lines import LineMap, line_for
from exercises.quizzes.schema import Id, Strict, Text

GROUP = "ex_mitmachen_check"
Hours = Annotated[float, Field(ge=0)]


class Option(Strict):
    id: Id
    label: Text


class Industry(Option):
    note: Text | None = None


class HoursLimits(Strict):
    max: Annotated[float, Field(gt=0, le=168)]
    per_platform: Annotated[float, Field(gt=0)]
    max_platforms: Annotated[int, Field(ge=1)]


class Fact(Strict):
    label: Text
    value: Text
    source: Text
    year: Annotated[int, Field(ge=1990, le=2100)]


class Platform(Strict):
    id: Id
    name: Text
    base: int = 0
    facts: list[Fact] = []


class When(Strict):
    goals_any: list[Id] | None = None
    ages_any: list[Id] | None = None
    audience: list[Id] | None = None
    industry: list[Id] | None = None
    guidelines: list[Id] | None = None
    impressum: list[Id] | None = None
    criticism: list[Id] | None = None
    hours_below: Hours | None = None
    hours_at_least: Hours | None = None
    unanswered: list[Id] | None = None


class Rule(Strict):
    platform: Id
    points: int
    when: When = When()
    reason: Text


class Preparation(Strict):
    id: Id
    when: When = When()
    text: Text


class Checklist(Strict):
    title: Text
    always: list[Text] = []


class Scenario(Strict):
    title: Text
    intro: Text | None = None
    goals: Annotated[list[Option], Field(min_length=1)]
    audiences: Annotated[list[Option], Field(min_length=1)]
    ages: Annotated[list[Option], Field(min_length=1)]
    industries: Annotated[list[Industry], Field(min_length=1)]
    guidelines: Annotated[list[Option], Field(min_length=1)]
    impressum: Annotated[list[Option], Field(min_length=1)]
    criticism: Annotated[list[Option], Field(min_length=1)]
    hours: HoursLimits
    platforms: Annotated[list[Platform], Field(min_length=1)]
    note: Text | None = None
    scoring: list[Rule] = []
    preparations: list[Preparation] = []
    checklist: Checklist


SCENARIO_MODEL = Scenario


def data_of(scenario: Scenario) -> dict:
    """The plain data both sides compute on (texts stay plain: the page uses textContent)."""
    data = scenario.model_dump(exclude_none=True)
    for entry in (*data["scoring"], *data["preparations"]):
        entry.setdefault("when", {})
    return data


def payload(scenario: Scenario) -> dict:
    return data_of(scenario)


def done_when(scenario: Scenario) -> list:
    """Done (progress overview) when every question is answered, the hours as a number in range:
    then the recommendation is shown. Conditions: see ``exercises/quizzes/progress.py``."""
    return [{"number": q, "max": scenario.hours.max} if q == "hours" else q for q in QUESTIONS]


def results(scenario: Scenario, state: dict) -> dict:
    """What the learner sees.

    Keys: ``errors`` ({"hours": German hint} if the hours are out of range), ``missing``
    (open questions), ``recommendation``, ``capacity``, ``recommended`` (platform names),
    ``ranking`` ([{id, platform, score, recommended, reasons, facts}], best first),
    ``industry_note``, ``preparations`` (ordered), ``checklist`` ({title, summary, items}).
    """
    data = data_of(scenario)
    return describe(assess(data, state), data, texts("common", GROUP))


# --- checks an instructor sees when the scenario file is wrong -----------------------------

_NEEDS_SOURCE = re.compile(r"[0-9]\s*%|Million")
_YEAR = re.compile(r"\b(19|20)[0-9]{2}\b")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PLACEHOLDERS = {"hours", "max_platforms", "platforms"}
_OPTION_LISTS = {
    "goals_any": "goals",
    "ages_any": "ages",
    "audience": "audiences",
    "industry": "industries",
    "guidelines": "guidelines",
    "impressum": "impressum",
    "criticism": "criticism",
}


def _label(loc: tuple) -> str:
    return " → ".join(f"{p + 1}. Eintrag" if isinstance(p, int) else str(p) for p in loc)


def check(path: Path, scenario: Scenario, lines: LineMap) -> Iterator[ContentError]:
    """Unique ids, references to known ids, placeholders, and a source for every figure."""

    def error(loc: tuple, message: str, item_id: str | None = None) -> ContentError:
        return ContentError(path, message, line_for(lines, loc), item_id, _label(loc))

    for key in (
        "goals",
        "audiences",
        "ages",
        "industries",
        "guidelines",
        "impressum",
        "criticism",
        "platforms",
        "preparations",
    ):
        seen: set[str] = set()
        for index, entry in enumerate(getattr(scenario, key)):
            if entry.id in seen:
                yield error(
                    (key, index, "id"),
                    f"Die Kennung „{entry.id}“ kommt in „{key}“ "
                    "doppelt vor. Jede Kennung darf nur einmal vorkommen.",
                    entry.id,
                )
            seen.add(entry.id)

    known = {key: [o.id for o in getattr(scenario, target)] for key, target in _OPTION_LISTS.items()}
    platforms = [p.id for p in scenario.platforms]

    def check_when(loc: tuple, when: When) -> Iterator[ContentError]:
        for key, ids in known.items():
            for index, value in enumerate(getattr(when, key) or []):
                if value not in ids:
                    yield error(
                        (*loc, "when", key, index),
                        f"„{value}“ gibt es in „{_OPTION_LISTS[key]}“ nicht. Vorhanden: {', '.join(ids)}.",
                    )
        for index, value in enumerate(when.unanswered or []):
            if value not in QUESTIONS:
                yield error(
                    (*loc, "when", "unanswered", index),
                    f"Eine Frage „{value}“ gibt es nicht. Zulässig: {', '.join(QUESTIONS)}.",
                )

    for index, rule in enumerate(scenario.scoring):
        loc = ("scoring", index)
        if rule.platform not in platforms:
            yield error(
                (*loc, "platform"),
                f"Eine Plattform „{rule.platform}“ gibt es nicht. Vorhanden: {', '.join(platforms)}.",
            )
        if rule.points == 0:
            yield error(
                (*loc, "points"),
                "0 Punkte ändern nichts. Tragen Sie eine positive oder negative ganze Zahl ein.",
            )
        yield from check_when(loc, rule.when)
    for index, prep in enumerate(scenario.preparations):
        loc = ("preparations", index)
        yield from check_when(loc, prep.when)
        for name in _PLACEHOLDER.findall(prep.text):
            if name not in _PLACEHOLDERS:
                yield error(
                    (*loc, "text"),
                    f"Unbekannter Platzhalter „{{{name}}}“. Zulässig: "
                    "{hours}, {max_platforms}, {platforms}.",
                    prep.id,
                )

    texts_to_check: list[tuple[tuple, str, str | None]] = []
    texts_to_check += [
        (("industries", i, "note"), x.note, x.id) for i, x in enumerate(scenario.industries) if x.note
    ]
    texts_to_check += [(("scoring", i, "reason"), x.reason, None) for i, x in enumerate(scenario.scoring)]
    texts_to_check += [
        (("preparations", i, "text"), x.text, x.id) for i, x in enumerate(scenario.preparations)
    ]
    texts_to_check += [(("checklist", "always", i), x, None) for i, x in enumerate(scenario.checklist.always)]
    for loc, text, item_id in texts_to_check:
        if _NEEDS_SOURCE.search(text) and not _YEAR.search(text):
            yield error(
                loc, "Diese Zahl braucht Quelle und Jahr, z. B. „(ARD/ZDF-Medienstudie, 2024)“.", item_id
            )
