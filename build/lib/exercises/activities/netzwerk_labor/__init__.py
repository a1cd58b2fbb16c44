"""Exercise "netzwerk-labor": a small network to edit, its reach, and four network types.

State kept by the front end (all optional)::

    {"edges": [["anna", "ben"], ...],  # the learner's network; missing = the start network
     "person": "anna",                 # the chosen person
     "percent": 30}                    # share probability in percent, 0..100

``results`` recomputes from it what the page shows (see ``results``).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

from pydantic import Field

from exercises.activities.netzwerk_labor import rules as lab
from exercises.core.errors import ContentError
from exercises.core.markup import inline
from exercises.core.texts import t
from exercises.core.yaml_lines import LineMap, line_for
from exercises.quizzes.schema import Id, Strict, Text

GROUP = "ex_netzwerk_labor"
MAX_PEOPLE = 12
MIN_DISTANCE = 60
REACHABLE_DEPTH = 3
TYPE_KEYS = ("ring", "random", "small_world", "hubs")


class Person(Strict):
    id: Id
    name: Annotated[str, Field(min_length=1, max_length=12)]
    role: Text
    x: Annotated[int, Field(ge=40, le=600)]
    y: Annotated[int, Field(ge=40, le=370)]


class Reach(Strict):
    start_person: Id
    default_percent: Annotated[int, Field(ge=0, le=100)]
    max_steps: Annotated[int, Field(ge=1, le=10)] = 6


class Ring(Strict):
    label: Text
    k: Annotated[int, Field(ge=4)]


class RandomNetwork(Strict):
    label: Text
    seed: Annotated[int, Field(ge=0)]


class SmallWorld(Strict):
    label: Text
    k: Annotated[int, Field(ge=4)]
    p: Annotated[float, Field(ge=0, le=1)]
    seed: Annotated[int, Field(ge=0)]


class Hubs(Strict):
    label: Text
    m: Annotated[int, Field(ge=1)]
    seed: Annotated[int, Field(ge=0)]


class Comparison(Strict):
    n: Annotated[int, Field(ge=10, le=60)]
    ring: Ring
    random: RandomNetwork
    small_world: SmallWorld
    hubs: Hubs


class NetworkLab(Strict):
    title: Text
    intro: Text
    people: Annotated[list[Person], Field(min_length=8)]
    connections: list[Annotated[list[Id], Field(min_length=2)]]
    reach: Reach
    comparison: Comparison


SCENARIO_MODEL = NetworkLab


# --- content checks -----------------------------------------------------------------------


def check(path: Path, scenario: NetworkLab, lines: LineMap):
    """Cross-field rules: ids, connections, start person, spacing, network parameters."""

    def error(loc: tuple, message: str, item: str | None = None, field: str | None = None):
        return ContentError(path, message, line_for(lines, loc), item, field)

    people = scenario.people
    if len(people) > MAX_PEOPLE:
        yield error(
            ("people", MAX_PEOPLE),
            f"Zu viele Personen: höchstens {MAX_PEOPLE}, "
            f"gefunden {len(people)}. Bitte streichen Sie Personen.",
            field="people",
        )
    seen_ids: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for i, person in enumerate(people):
        if person.id in seen_ids:
            yield error(
                ("people", i, "id"),
                "Diese Kennung kommt doppelt vor (zuerst als "
                f"{seen_ids[person.id] + 1}. Person). Jede Person braucht eine eigene.",
                person.id,
                "id",
            )
        seen_ids.setdefault(person.id, i)
        if person.name in seen_names:
            yield error(
                ("people", i, "name"),
                "Dieser Name kommt doppelt vor. Die Namen "
                "müssen sich unterscheiden, sonst sind Zeichnung und Tabelle "
                "nicht eindeutig.",
                person.id,
                "name",
            )
        seen_names.setdefault(person.name, i)
        for j, other in enumerate(people[:i]):
            if math.dist((person.x, person.y), (other.x, other.y)) < MIN_DISTANCE:
                yield error(
                    ("people", i, "x"),
                    f"Zu nah an „{other.name}“ ({j + 1}. Person): "
                    f"Bitte mindestens {MIN_DISTANCE} Punkte Abstand lassen (x oder y "
                    "ändern).",
                    person.id,
                    "x",
                )
    pairs: set[frozenset] = set()
    for i, pair in enumerate(scenario.connections):
        loc = ("connections", i)
        if len(pair) != 2:
            yield error(
                loc,
                "Eine Verbindung besteht aus genau zwei Kennungen, z. B. [anna, ben].",
                field=f"connections → {i + 1}. Eintrag",
            )
            continue
        unknown = [x for x in pair if x not in seen_ids]
        if unknown:
            yield error(
                loc,
                f"Unbekannte Person „{unknown[0]}“. Erlaubt sind die Kennungen "
                f"aus „people“: {', '.join(seen_ids)}.",
                field=f"connections → {i + 1}. Eintrag",
            )
        elif pair[0] == pair[1]:
            yield error(
                loc,
                "Eine Person kann nicht mit sich selbst verbunden sein.",
                field=f"connections → {i + 1}. Eintrag",
            )
        elif frozenset(pair) in pairs:
            yield error(
                loc,
                "Diese Verbindung steht schon weiter oben. Bitte nur einmal angeben.",
                field=f"connections → {i + 1}. Eintrag",
            )
        pairs.add(frozenset(pair))
    if scenario.reach.start_person not in seen_ids:
        yield error(
            ("reach", "start_person"),
            f"Unbekannte Person „{scenario.reach.start_person}“. Erlaubt: {', '.join(seen_ids)}.",
            field="reach → start_person",
        )
    c = scenario.comparison
    for key in ("ring", "small_world"):
        k = getattr(c, key).k
        if k % 2 or k >= c.n:
            yield error(
                ("comparison", key, "k"),
                f"k muss eine gerade Zahl kleiner als n ({c.n}) sein, gefunden: {k}.",
                field=f"comparison → {key} → k",
            )
    if c.hubs.m >= c.n:
        yield error(
            ("comparison", "hubs", "m"), f"m muss kleiner als n ({c.n}) sein.", field="comparison → hubs → m"
        )
    elif all(getattr(c, key).k % 2 == 0 and getattr(c, key).k < c.n for key in ("ring", "small_world")):
        try:
            _compare(c)
        except ValueError:
            yield error(
                ("comparison",),
                "Mit diesen Werten entsteht auch nach "
                f"{lab.MAX_TRIES} Versuchen kein zusammenhängendes Netz. Bitte k oder "
                "n erhöhen.",
                field="comparison",
            )


# --- shared helpers -----------------------------------------------------------------------


def _compare(c: Comparison) -> list[dict]:
    """The networkx comparison for the scenario's ``comparison`` settings (check and rows alike)."""
    return lab.compare(
        c.n,
        c.ring.k,
        c.random.seed,
        c.small_world.k,
        c.small_world.p,
        c.small_world.seed,
        c.hubs.m,
        c.hubs.seed,
    )


def _ids(scenario: NetworkLab) -> list[str]:
    return [p.id for p in scenario.people]


def start_edges(scenario: NetworkLab) -> list[list[str]]:
    return lab.normalize_edges(_ids(scenario), [list(pair) for pair in scenario.connections])["edges"]


def interpretation(row: dict) -> str:
    """The German sentence that reads a row of the comparison table."""
    key = (
        "cmp_"
        + ("short" if row["short_paths"] else "long")
        + "_"
        + ("high" if row["high_clustering"] else "low")
    )
    text = t(GROUP, key)
    if row["hubs"]:
        text += " " + t(GROUP, "cmp_hubs", max=row["max_degree"], mean=lab.de_number(row["mean_degree"], 1))
    return text


def comparison_rows(scenario: NetworkLab) -> list[dict]:
    """The four network types with figures, labels and interpretation (computed by networkx)."""
    c = scenario.comparison
    rows = _compare(c)
    for row in rows:
        row["label"] = getattr(c, row["type"]).label
        row["interpretation"] = interpretation(row)
    return rows


# --- payload and results ------------------------------------------------------------------


def payload(scenario: NetworkLab) -> dict:
    rows = comparison_rows(scenario)
    return {
        "title": scenario.title,
        "intro": inline(scenario.intro),
        "people": [p.model_dump() for p in scenario.people],
        "start_edges": start_edges(scenario),
        "start_person": scenario.reach.start_person,
        "default_percent": scenario.reach.default_percent,
        "max_steps": scenario.reach.max_steps,
        "depth": REACHABLE_DEPTH,
        "comparison": [
            {
                key: row[key]
                for key in (
                    "type",
                    "label",
                    "n",
                    "edges",
                    "path_length",
                    "clustering",
                    "max_degree",
                    "mean_degree",
                    "interpretation",
                )
            }
            for row in rows
        ],
    }


def done_when(scenario: NetworkLab) -> list:
    """Done (progress overview) when the learner changed the network and tried another share
    probability: the state then differs from the start in both. The type comparison only needs
    reading. Conditions: see ``exercises/quizzes/progress.py``."""
    return [
        {"changed": "edges", "from": start_edges(scenario)},
        {"changed": "percent", "from": scenario.reach.default_percent},
    ]


def _edge_hint(item: dict, names: dict[str, str]) -> str:
    pair = item["pair"]
    shown = " – ".join(names.get(x, str(x)) for x in pair) if isinstance(pair, list) else str(pair)
    return t(GROUP, f"state_edge_{item['reason']}", pair=shown)


def results(scenario: NetworkLab, state: dict) -> dict:
    """What the learner sees, from the stored state.

    Keys: ``edges`` (name pairs), ``degrees`` (name → number of contacts), ``person``,
    ``reachable_by_step`` ({1: [names], 2: …, 3: …}), ``not_reachable`` (names),
    ``share_percent``, ``reach_by_step`` ([{"step", "new", "total"}], rounded to 2 places),
    ``reach_total``, ``reach_summary`` (German sentence), ``comparison`` (one row per network
    type with ``label``, ``path_length``, ``clustering``, ``max_degree``, ``mean_degree``,
    ``interpretation``), ``hints`` (German notes on invalid state values, else empty).
    """
    ids = _ids(scenario)
    names = {p.id: p.name for p in scenario.people}
    hints: list[str] = []

    edges = start_edges(scenario)
    if "edges" in state:
        if isinstance(state["edges"], list):
            cleaned = lab.normalize_edges(ids, state["edges"])
            hints.extend(_edge_hint(item, names) for item in cleaned["dropped"])
            edges = cleaned["edges"]
        else:
            hints.append(t(GROUP, "state_edges_list"))

    person = state.get("person", scenario.reach.start_person)
    if person not in ids:
        hints.append(t(GROUP, "state_person", value=f"„{person}“", name=names[scenario.reach.start_person]))
        person = scenario.reach.start_person

    percent = state.get("percent", scenario.reach.default_percent)
    if (
        isinstance(percent, bool)
        or not isinstance(percent, int | float)
        or not 0 <= percent <= 100
        or (isinstance(percent, float) and not percent.is_integer())
    ):
        hints.append(t(GROUP, "state_percent", value=repr(percent), default=scenario.reach.default_percent))
        percent = scenario.reach.default_percent
    percent = int(percent)

    layers = lab.bfs_layers(ids, edges, person, REACHABLE_DEPTH)
    within = {person, *(x for layer in layers for x in layer)}
    steps = lab.reach_by_step(ids, edges, person, percent / 100, scenario.reach.max_steps)
    total = steps[-1]["total"]
    summary = t(
        GROUP,
        "reach_summary",
        name=names[person],
        percent=percent,
        total=lab.de_number(total, 1),
        others=len(ids) - 1,
        steps=len(steps),
    )
    return {
        "edges": [[names[a], names[b]] for a, b in edges],
        "degrees": {names[k]: v for k, v in lab.degrees(ids, edges).items()},
        "person": names[person],
        "reachable_by_step": {i + 1: [names[x] for x in layer] for i, layer in enumerate(layers)},
        "not_reachable": [names[x] for x in ids if x not in within],
        "share_percent": percent,
        "reach_by_step": [
            {"step": s["step"], "new": round(s["new"], 2), "total": round(s["total"], 2)} for s in steps
        ],
        "reach_total": round(total, 2),
        "reach_summary": summary,
        "comparison": [
            {
                key: row[key]
                for key in (
                    "type",
                    "label",
                    "path_length",
                    "clustering",
                    "max_degree",
                    "mean_degree",
                    "interpretation",
                )
            }
            for row in comparison_rows(scenario)
        ],
        "hints": hints,
    }
