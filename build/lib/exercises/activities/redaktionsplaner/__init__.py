"""Exercise "redaktionsplaner": an editorial plan for four weeks that fits the hours available.

Scenario: ``scenarios/redaktionsplaner.yml`` (goals with themes, formats with their minutes,
platforms with their formats and limits). Logic: ``rules.py``; front end:
``static/kurs-ex-redaktionsplaner.js``. State (what the learner entered)::

    {"goal": "bekanntheit", "platforms": ["instagram"], "hours": "3",
     "formats": ["kurzvideo", "story"], "start": "2027-01-04", "owner": "Julia Berger"}
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

from pydantic import Field

from exercises.activities.redaktionsplaner.rules import QUESTIONS, assess, csv_text, describe, ics_text
from exercises.core.errors import ContentError
from exercises.core.texts import texts
from exercises.core.yaml_lines import LineMap, line_for
from exercises.quizzes.schema import Id, Strict, Text

GROUP = "ex_redaktionsplaner"
Minutes = Annotated[int, Field(ge=1, le=600)]


class Goal(Strict):
    id: Id
    label: Text
    prefer: list[Id] = []
    themes: Annotated[list[Text], Field(min_length=1)]


class Format(Strict):
    id: Id
    label: Text
    minutes: Minutes


class Platform(Strict):
    id: Id
    name: Text
    formats: Annotated[list[Id], Field(min_length=1)]
    community_minutes: Annotated[int, Field(ge=0, le=600)]
    min_posts: Annotated[int, Field(ge=1, le=14)] = 1
    max_posts: Annotated[int, Field(ge=1, le=14)]


class HoursLimits(Strict):
    max: Annotated[float, Field(gt=0, le=168)]


class Scenario(Strict):
    title: Text
    intro: Text | None = None
    note: Text | None = None
    weeks: Annotated[int, Field(ge=1, le=12)]
    weekdays: Annotated[list[Annotated[int, Field(ge=1, le=7)]], Field(min_length=1)]
    hours: HoursLimits
    planning_minutes: Annotated[int, Field(ge=0, le=600)]
    goals: Annotated[list[Goal], Field(min_length=1)]
    formats: Annotated[list[Format], Field(min_length=1)]
    platforms: Annotated[list[Platform], Field(min_length=1)]


SCENARIO_MODEL = Scenario


def data_of(scenario: Scenario) -> dict:
    """The plain data both sides compute on (texts stay plain: the page uses textContent)."""
    return scenario.model_dump(exclude_none=True)


def payload(scenario: Scenario) -> dict:
    return data_of(scenario)


def done_when(scenario: Scenario) -> list:
    """Done (progress overview) when goal, platforms, formats and hours (a number in range) are
    given: then the planner has made its plan, or said what fits instead. Start date and owner
    are optional. Conditions: see ``exercises/quizzes/progress.py``."""
    return [{"number": q, "max": scenario.hours.max} if q == "hours" else q for q in QUESTIONS]


def results(scenario: Scenario, state: dict, today: date | None = None, now: datetime | None = None) -> dict:
    """What the learner sees, and the plan as files.

    Keys: ``errors`` ({"hours"/"start": German hint}), ``missing`` (open questions), ``status``,
    ``headline``, ``effort``, ``notes`` (too few hours, what fits instead, formats a platform
    lacks), ``summary``, ``weeks`` ([{n, label, rows}]), ``rows`` (every post: week, date, day,
    platform, format, theme, minutes, effort), ``owner``, ``start``, ``csv`` and ``ics`` (the
    files' text, empty without a plan) and ``files`` ({file name: text}) to write them::

        for name, text in w.results["files"].items():
            Path(name).write_text(text, encoding="utf-8", newline="")
    """
    data = data_of(scenario)
    group = texts("common", GROUP)
    today = today or date.today()
    now = now or datetime.now(UTC)
    view = describe(assess(data, state, today.isoformat()), data, group)
    if view["rows"]:
        view["csv"] = csv_text(view, group)
        view["ics"] = ics_text(view, group, now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))
        view["files"] = {group["csv_file"]: view["csv"], group["ics_file"]: view["ics"]}
    else:
        view["csv"] = view["ics"] = ""
        view["files"] = {}
    return view


# --- checks an instructor sees when the scenario file is wrong -----------------------------


def _label(loc: tuple) -> str:
    return " → ".join(f"{p + 1}. Eintrag" if isinstance(p, int) else str(p) for p in loc)


def check(path: Path, scenario: Scenario, lines: LineMap) -> Iterator[ContentError]:
    """Unique ids, formats that exist, sensible limits and publishing days."""

    def error(loc: tuple, message: str, item_id: str | None = None) -> ContentError:
        return ContentError(path, message, line_for(lines, loc), item_id, _label(loc))

    for key in ("goals", "formats", "platforms"):
        seen: set[str] = set()
        for index, entry in enumerate(getattr(scenario, key)):
            if entry.id in seen:
                yield error(
                    (key, index, "id"),
                    f"Die Kennung „{entry.id}“ kommt in „{key}“ doppelt vor. "
                    "Jede Kennung darf nur einmal vorkommen.",
                    entry.id,
                )
            seen.add(entry.id)
    known = [f.id for f in scenario.formats]

    def check_formats(loc: tuple, ids: list[str], item_id: str) -> Iterator[ContentError]:
        for index, value in enumerate(ids):
            if value not in known:
                yield error(
                    (*loc, index),
                    f"Ein Format „{value}“ gibt es nicht. Vorhanden: {', '.join(known)}.",
                    item_id,
                )

    for index, goal in enumerate(scenario.goals):
        yield from check_formats(("goals", index, "prefer"), goal.prefer, goal.id)
    for index, platform in enumerate(scenario.platforms):
        yield from check_formats(("platforms", index, "formats"), platform.formats, platform.id)
        if platform.min_posts > platform.max_posts:
            yield error(
                ("platforms", index, "max_posts"),
                f"„max_posts“ ({platform.max_posts}) ist kleiner als „min_posts“ ({platform.min_posts}). "
                "Höchstens so viele Beiträge pro Woche müssen mindestens so viele sein wie das Minimum.",
                platform.id,
            )
        if platform.max_posts > 2 * len(scenario.weekdays):
            yield error(
                ("platforms", index, "max_posts"),
                f"{platform.max_posts} Beiträge pro Woche sind bei {len(scenario.weekdays)} "
                "Veröffentlichungstagen mehr als zwei pro Tag. Wählen Sie eine kleinere Zahl.",
                platform.id,
            )
    if len(set(scenario.weekdays)) != len(scenario.weekdays):
        yield error(("weekdays",), "Jeder Wochentag darf nur einmal vorkommen (1 = Montag … 7 = Sonntag).")
