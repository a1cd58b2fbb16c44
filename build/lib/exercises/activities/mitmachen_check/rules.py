"""Rules of the "Mitmachen-Check": answers in, platform ranking and preparation list out.

The twin of the named exports in ``static/kurs-ex-mitmachen-check.js``; the shared vectors
in ``tests/data/vectors-mitmachen-check.yml`` keep both sides equal. Both work on the same
plain data: the scenario ``scenarios/mitmachen-check.yml`` as the front end receives it.

Answers (the learner's state): ``goals`` and ``ages`` are lists of option ids; ``audience``,
``industry``, ``guidelines``, ``impressum``, ``criticism`` one option id each; ``hours`` the typed
hours per week (a string such as "2,5", or a number).

A condition (``when``) is a mapping; every key must hold (an empty one always holds):
``goals_any``/``ages_any`` (one of these chosen), ``audience``/``industry``/``guidelines``/
``impressum``/``criticism`` (the answer is one of these), ``hours_below``/``hours_at_least``
(valid hours below / at least this), ``unanswered`` (one of these questions is still open).
"""

from __future__ import annotations

import math

from exercises.activities.nutzen_rechner.rules import fill, format_number
from exercises.core.numbers import read_number

QUESTIONS = ("goals", "audience", "ages", "industry", "hours", "guidelines", "impressum", "criticism")
MULTIPLE = {"goals": "goals", "ages": "ages"}
SINGLE = {
    "audience": "audiences",
    "industry": "industries",
    "guidelines": "guidelines",
    "impressum": "impressum",
    "criticism": "criticism",
}
CONDITIONS = (
    "goals_any",
    "ages_any",
    "audience",
    "industry",
    "guidelines",
    "impressum",
    "criticism",
    "hours_below",
    "hours_at_least",
    "unanswered",
)


def parse_hours(raw, maximum: float) -> dict:
    """{"value": float or None, "error": code or None}; empty input is neither."""
    return read_number(raw, maximum=maximum)


def normalize(data: dict, state: dict) -> dict:
    """Only known option ids, lists in the order of the data; hours parsed."""
    state = state if isinstance(state, dict) else {}
    answers: dict = {}
    for key, options in MULTIPLE.items():
        chosen = state.get(key)
        chosen = chosen if isinstance(chosen, list) else []
        answers[key] = [o["id"] for o in data[options] if o["id"] in chosen]
    for key, options in SINGLE.items():
        value = state.get(key)
        answers[key] = value if any(o["id"] == value for o in data[options]) else None
    hours = parse_hours(state.get("hours"), data["hours"]["max"])
    answers["hours"] = hours["value"]
    answers["hours_error"] = hours["error"]
    return answers


def unanswered(answers: dict, question: str) -> bool:
    value = answers.get(question)
    return value is None or value == []


def matches(when: dict | None, answers: dict) -> bool:
    for key, wanted in (when or {}).items():
        hours = answers.get("hours")
        if key in ("goals_any", "ages_any"):
            chosen = answers.get(key[:-4]) or []
            ok = any(item in chosen for item in wanted)
        elif key in SINGLE:
            ok = answers.get(key) in wanted
        elif key == "hours_below":
            ok = hours is not None and hours < wanted
        elif key == "hours_at_least":
            ok = hours is not None and hours >= wanted
        elif key == "unanswered":
            ok = any(unanswered(answers, question) for question in wanted)
        else:
            ok = False
        if not ok:
            return False
    return True


def max_platforms(hours: float | None, limits: dict) -> int:
    """How many platforms the time allows: one per ``per_platform`` hours, 1 to the maximum;
    none without any time."""
    if hours is None:
        return 1
    if hours <= 0:
        return 0
    count = math.floor(hours / limits["per_platform"])
    return max(1, min(limits["max_platforms"], count))


def capacity_case(hours: float | None, count: int, per_platform: float) -> str:
    """Which capacity sentence fits: unknown, none (no time), tight (less than one platform
    needs), one or many platforms."""
    if hours is None:
        return "unknown"
    if count == 0:
        return "none"
    if hours < per_platform:
        return "tight"
    return "one" if count == 1 else "many"


def score_platforms(data: dict, answers: dict) -> list[dict]:
    """Every platform with its points and reasons, best first (ties keep the data's order)."""
    ranking = []
    for platform in data["platforms"]:
        reasons = [
            {"points": rule["points"], "text": rule["reason"]}
            for rule in data["scoring"]
            if rule["platform"] == platform["id"] and matches(rule.get("when"), answers)
        ]
        score = platform.get("base", 0) + sum(r["points"] for r in reasons)
        ranking.append({"id": platform["id"], "score": score, "reasons": reasons})
    return sorted(ranking, key=lambda entry: -entry["score"])


def assess(data: dict, state: dict) -> dict:
    """The whole outcome as ids and numbers; ``describe`` turns it into sentences."""
    answers = normalize(data, state)
    limit = max_platforms(answers["hours"], data["hours"])
    ranking = score_platforms(data, answers)
    recommended = [entry["id"] for entry in ranking if entry["score"] > 0][:limit]
    for entry in ranking:
        entry["recommended"] = entry["id"] in recommended
    missing = [
        q for q in QUESTIONS if unanswered(answers, q) and not (q == "hours" and answers["hours_error"])
    ]
    preparations = [p["id"] for p in data["preparations"] if matches(p.get("when"), answers)]
    return {
        "answers": answers,
        "missing": missing,
        "max_platforms": limit,
        "ranking": ranking,
        "recommended": recommended,
        "preparations": preparations,
    }


def join_names(names: list[str], and_word: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {and_word} " + names[-1]


def describe(result: dict, data: dict, texts: dict) -> dict:
    """What the learner sees (and Python reads as ``w.results``), all in German."""
    answers = result["answers"]
    names = {p["id"]: p["name"] for p in data["platforms"]}
    facts = {p["id"]: p.get("facts", []) for p in data["platforms"]}
    chosen = [names[i] for i in result["recommended"]]
    platforms = join_names(chosen, texts["and_word"]) if chosen else texts["one_platform"]
    hours = answers["hours"]
    values = {
        "hours": format_number(hours, 1) if hours is not None else "?",
        "max_platforms": str(result["max_platforms"]),
        "platforms": platforms,
    }
    errors = {}
    if answers["hours_error"]:
        errors["hours"] = fill(
            texts[f"err_hours_{answers['hours_error']}"], {"max": format_number(data["hours"]["max"])}
        )
    missing = [texts[f"q_{q}"] for q in result["missing"]]
    case = capacity_case(hours, result["max_platforms"], data["hours"]["per_platform"])
    per_platform = format_number(data["hours"]["per_platform"], 1)
    if case == "none":
        recommendation = fill(texts["recommend_no_time"], {"per_platform": per_platform})
    elif chosen:
        recommendation = fill(texts["recommend"], {"platforms": platforms})
    else:
        recommendation = texts["recommend_none"]
    capacity = fill(
        texts[f"capacity_{case}"],
        {"hours": values["hours"], "count": str(result["max_platforms"]), "per_platform": per_platform},
    )
    ranking = []
    for entry in result["ranking"]:
        ranking.append(
            {
                "id": entry["id"],
                "platform": names[entry["id"]],
                "score": entry["score"],
                "recommended": entry["recommended"],
                "reasons": [
                    fill(texts["pro" if r["points"] > 0 else "contra"], {"text": r["text"]})
                    for r in entry["reasons"]
                ],
                "facts": [fill(texts["fact"], {k: str(v) for k, v in f.items()}) for f in facts[entry["id"]]],
            }
        )
    by_id = {p["id"]: p for p in data["preparations"]}
    preparations = [fill(by_id[i]["text"], values) for i in result["preparations"]]
    industry = next((i for i in data["industries"] if i["id"] == answers["industry"]), None)
    labels = {o["id"]: o["label"] for o in data["goals"]}
    goals = ", ".join(labels[g] for g in answers["goals"])
    summary = [
        fill(texts["summary_platforms"], {"platforms": ", ".join(chosen) or texts["open"]}),
        fill(texts["summary_goals"], {"goals": goals or texts["open"]}),
        fill(texts["summary_hours"], {"hours": values["hours"]})
        if hours is not None
        else texts["summary_hours_open"],
    ]
    return {
        "errors": errors,
        "missing": missing,
        "recommendation": recommendation,
        "capacity": capacity,
        "recommended": chosen,
        "ranking": ranking,
        "industry_note": industry.get("note") if industry else None,
        "preparations": preparations,
        "checklist": {
            "title": data["checklist"]["title"],
            "summary": summary,
            "items": preparations + list(data["checklist"]["always"]),
        },
    }
