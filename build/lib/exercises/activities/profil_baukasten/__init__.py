"""Exercise "profil-baukasten": a sample profile and a company page, rated by data rules.

The learner fills fields, chooses per field who may see it (profile mode) and reads a preview
per viewer plus a rating. Rules, fields and viewers come from ``scenarios/profil-baukasten.yml``;
the logic lives in ``profile_rules.py`` (Python) and ``static/kurs-ex-profil-baukasten.js``.

State (what the front end stores)::

    {"mode": "profile" | "company",
     "profile": {"values": {field_id: str}, "visibility": {field_id: level}},
     "company": {"values": {field_id: str}, "visibility": {}}}
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from exercises.activities.profil_baukasten import rules as rules
from exercises.core.errors import ContentError
from exercises.core.markup import inline
from exercises.core.texts import t
from exercises.core.yaml_lines import LineMap, line_for
from exercises.quizzes.schema import Id, Strict, Text

GROUP = "ex_profil_baukasten"

Level = Literal["public", "contacts", "private"]
Severity = Literal["required", "high", "medium", "low", "chance"]
Kind = Literal["text", "textarea", "email", "tel", "date", "choice"]
Figure = Literal["portrait", "holiday", "cartoon", "wordmark", "emblem", "none"]
ShowAs = Literal["headline", "image", "line"]


class Option(Strict):
    id: Id
    label: Text
    figure: Figure | None = None


class ProfileField(Strict):
    id: Id
    label: Text
    kind: Kind = "text"
    example: str | None = None
    default: str = ""
    visibility: Level = "contacts"
    show_as: ShowAs = "line"
    options: list[Option] = []
    empty_options: list[Id] = []
    max_length: Annotated[int, Field(ge=1, le=2000)] | None = None


class Condition(Strict):
    field: Id
    filled: bool | None = None
    visibility: Annotated[list[Level], Field(min_length=1)] | None = None
    value: Annotated[list[Id], Field(min_length=1)] | None = None


class Rule(Strict):
    id: Id
    severity: Severity
    all: list[Condition] = []
    any: list[Condition] = []
    message: Text
    tip: Text


class Requirement(Strict):
    id: Id
    label: Text
    rules: Annotated[list[Id], Field(min_length=1)]


class Viewer(Strict):
    id: Id
    label: Text
    description: Text
    sees: Annotated[list[Level], Field(min_length=1)]


class Mode(Strict):
    title: Text
    intro: Text
    note: Text | None = None
    choose_visibility: bool
    preview_title: Text
    fields: Annotated[list[ProfileField], Field(min_length=1)]
    viewers: Annotated[list[Viewer], Field(min_length=1)]
    rules: list[Rule] = []
    requirements: list[Requirement] = []


class Scenario(Strict):
    title: Text
    profile: Mode
    company: Mode


SCENARIO_MODEL = Scenario

_HTML_FIELDS = ("intro", "note", "message", "tip")


def _plain(text: str) -> str:
    """A text of the Markdown subset as plain text, for Python readers."""
    return html.unescape(re.sub(r"<[^>]+>", "", inline(text)))


def mode_data(mode: Mode) -> dict:
    """The mode as plain data, as the rule functions take it (texts unrendered)."""
    return mode.model_dump(exclude_none=True)


def _render(value):
    if isinstance(value, dict):
        return {
            key: inline(item) if key in _HTML_FIELDS and isinstance(item, str) else _render(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_render(item) for item in value]
    return value


def payload(scenario: Scenario) -> dict:
    return {
        "title": scenario.title,
        "profile": _render(mode_data(scenario.profile)),
        "company": _render(mode_data(scenario.company)),
    }


def _summary(counts: dict[str, int]) -> str:
    if not counts:
        return t(GROUP, "summary_none")
    parts = [t(GROUP, "summary_item", label=t(GROUP, f"sev_{key}"), n=n) for key, n in counts.items()]
    return t(GROUP, "summary", items=", ".join(parts))


def done_when(scenario: Scenario) -> list:
    """Done (progress overview) when every field of both parts has an entry or a choice: the
    sample profile and the company page (invented entries are fine, "Beispiel einsetzen" fills
    them). Conditions: see ``exercises/quizzes/progress.py``."""
    return [f"{key}.values.{field.id}" for key in rules.MODES for field in getattr(scenario, key).fields]


def mode_results(mode: Mode, raw: object) -> dict:
    """What the learner sees for one mode: findings, summary, views, input hints."""
    data = mode_data(mode)
    answers = rules.normalize_answers(data, raw)
    fired = rules.evaluate(data, answers)
    by_id = {rule.id: rule for rule in mode.rules}
    findings = [
        {
            "id": rule_id,
            "severity": by_id[rule_id].severity,
            "severity_label": t(GROUP, f"sev_{by_id[rule_id].severity}"),
            "message": _plain(by_id[rule_id].message),
            "tip": _plain(by_id[rule_id].tip),
        }
        for rule_id in fired
    ]
    counts = rules.severity_counts(data, fired)
    problems = {}
    for field in data["fields"]:
        problem = rules.input_problem(field, answers["values"][field["id"]])
        if problem:
            problems[field["id"]] = t(GROUP, f"problem_{problem}", max=rules.max_length(field))
    labels = {r.id: r.label for r in mode.requirements}
    status = [{**item, "label": labels[item["id"]]} for item in rules.requirement_status(data, fired)]
    return {
        "findings": findings,
        "counts": counts,
        "summary": _summary(counts),
        "requirements": status,
        "missing": [item["label"] for item in status if not item["met"]],
        "views": {v.id: rules.visible_fields(data, answers, list(v.sees)) for v in mode.viewers},
        "problems": problems,
        "answers": answers,
    }


def results(scenario: Scenario, state: dict) -> dict:
    """The rating of both modes; ``findings`` etc. at the top are those of the current mode."""
    state = state if isinstance(state, dict) else {}
    current = str(state.get("mode")) if state.get("mode") in rules.MODES else "profile"
    both = {key: mode_results(getattr(scenario, key), state.get(key)) for key in rules.MODES}
    return {"mode": current, **both[current], **both}


# --- cross-field checks, each pointing at its line ------------------------------------------


def _label(loc: tuple) -> str:
    return " → ".join(f"{p + 1}. Eintrag" if isinstance(p, int) else str(p) for p in loc)


def _check_mode(path: Path, lines: LineMap, key: str, mode: Mode) -> Iterator[ContentError]:
    def error(loc: tuple, message: str, item_id: str | None, rest: tuple | None) -> ContentError:
        return ContentError(
            path, message, line_for(lines, (key, *loc)), item_id, _label(rest) if rest else None
        )

    fields = {f.id: f for f in mode.fields}
    known = ", ".join(fields)
    named: list[tuple[str, Sequence[ProfileField | Rule | Requirement | Viewer]]] = [
        ("fields", mode.fields),
        ("rules", mode.rules),
        ("requirements", mode.requirements),
        ("viewers", mode.viewers),
    ]
    for name, items in named:
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id in seen:
                yield error(
                    (name, index, "id"),
                    f"Die Kennung „{item.id}“ kommt in „{key} → "
                    f"{name}“ doppelt vor. Jeder Eintrag braucht eine eigene Kennung.",
                    item.id,
                    ("id",),
                )
            seen.add(item.id)

    for index, field in enumerate(mode.fields):
        ids = [o.id for o in field.options]
        loc: tuple = ("fields", index)
        if field.kind == "choice":
            if len(field.options) < 2:
                yield error(
                    (*loc, "options"),
                    "Ein Auswahlfeld (kind: choice) braucht mindestens zwei Optionen unter „options“.",
                    field.id,
                    ("options",),
                )
            for extra in ("empty_options", "default", "example"):
                value = getattr(field, extra)
                wrong = [v for v in (value if isinstance(value, list) else [value]) if v and v not in ids]
                if wrong:
                    yield error(
                        (*loc, extra),
                        f"„{', '.join(wrong)}“ ist keine Option dieses "
                        f"Feldes. Vorhandene Optionen: {', '.join(ids)}.",
                        field.id,
                        (extra,),
                    )
        elif field.options or field.empty_options:
            yield error(
                (*loc, "options"),
                "Optionen gibt es nur bei Auswahlfeldern "
                "(kind: choice). Entfernen Sie „options“ und „empty_options“ oder "
                "setzen Sie „kind: choice“.",
                field.id,
                ("options",),
            )

    for index, rule in enumerate(mode.rules):
        if not rule.all and not rule.any:
            yield error(
                ("rules", index),
                "Die Regel hat keine Bedingung. Geben Sie unter "
                "„all“ (alle müssen zutreffen) oder „any“ (eine genügt) mindestens "
                "eine Bedingung an.",
                rule.id,
                None,
            )
        for part in ("all", "any"):
            for c_index, condition in enumerate(getattr(rule, part)):
                cloc: tuple = ("rules", index, part, c_index)
                rest: tuple = (part, c_index)
                target = fields.get(condition.field)
                if target is None:
                    yield error(
                        (*cloc, "field"),
                        f"Das Feld „{condition.field}“ gibt es im "
                        f"Abschnitt „{key}“ nicht. Vorhanden: {known}.",
                        rule.id,
                        (*rest, "field"),
                    )
                    continue
                if condition.filled is None and condition.visibility is None and condition.value is None:
                    yield error(
                        cloc,
                        "Die Bedingung prüft nichts. Ergänzen Sie „filled“, „visibility“ oder „value“.",
                        rule.id,
                        rest,
                    )
                if condition.visibility is not None and not mode.choose_visibility:
                    yield error(
                        (*cloc, "visibility"),
                        "In diesem Abschnitt wählt niemand eine "
                        "Sichtbarkeit (choose_visibility: false); „visibility“ ist hier "
                        "nicht möglich.",
                        rule.id,
                        (*rest, "visibility"),
                    )
                if condition.value is not None:
                    ids = [o.id for o in target.options]
                    wrong = [v for v in condition.value if v not in ids]
                    if target.kind != "choice":
                        yield error(
                            (*cloc, "value"),
                            f"„value“ geht nur bei Auswahlfeldern; "
                            f"„{target.id}“ ist ein Feld vom Typ „{target.kind}“. Nutzen "
                            "Sie „filled“.",
                            rule.id,
                            (*rest, "value"),
                        )
                    elif wrong:
                        yield error(
                            (*cloc, "value"),
                            f"„{', '.join(wrong)}“ ist keine Option "
                            f"des Feldes „{target.id}“. Vorhanden: {', '.join(ids)}.",
                            rule.id,
                            (*rest, "value"),
                        )

    rule_ids = [r.id for r in mode.rules]
    for index, requirement in enumerate(mode.requirements):
        for r_index, rule_id in enumerate(requirement.rules):
            if rule_id not in rule_ids:
                yield error(
                    ("requirements", index, "rules", r_index),
                    f"Die Regel „{rule_id}“ "
                    f"gibt es in „{key} → rules“ nicht. Vorhanden: "
                    f"{', '.join(rule_ids)}.",
                    requirement.id,
                    ("rules", r_index),
                )


def check(path: Path, scenario: Scenario, lines: LineMap) -> Iterator[ContentError]:
    for key in rules.MODES:
        yield from _check_mode(path, lines, key, getattr(scenario, key))
