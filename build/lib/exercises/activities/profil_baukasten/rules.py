"""Pure logic of the exercise "profil-baukasten": visibility, fill state and rating rules.

Twin of the named exports of ``static/kurs-ex-profil-baukasten.js``; the shared vectors in
``tests/data/vectors-profil-baukasten.yml`` run against both. Every function takes plain,
JSON-ready data: a *mode* is a section of the scenario as a dict (``fields``, ``rules``,
``requirements``, ``viewers``, ``choose_visibility``), *answers* are what the learner entered:
``{"values": {field_id: str}, "visibility": {field_id: level}}``. Damaged answers never raise;
unknown or wrongly typed entries fall back to the field's defaults.

A rule fires when every condition of ``all`` holds and, if ``any`` is given, at least one of
``any``. A condition names a ``field`` and one or more of
- ``filled``: true/false, whether the field holds something (choice fields: an option that is
  not listed in the field's ``empty_options``);
- ``visibility``: the field's level is one of the listed levels;
- ``value``: a choice field's selected option is one of the listed option ids.
"""

from __future__ import annotations

import re

LEVELS = ("public", "contacts", "private")
MODES = ("profile", "company")
SEVERITIES = ("required", "high", "medium", "low", "chance")
DEFAULT_MAX = {"text": 120, "textarea": 600, "email": 120, "tel": 40, "date": 20, "choice": 80}

_SPACE = " \t\r\n\f\v\u00a0"
_EMAIL = re.compile(r"[^@ \t\r\n]+@[^@ \t\r\n]+\.[^@ \t\r\n]+")
_TEL = re.compile(r"\+?[0-9 ()/\-]+")
# "14.03.", "14.03" and "14.03.1985" (the field's hint shows the first form).
_DATE = re.compile(r"([0-9]{1,2})\. ?([0-9]{1,2})(?:\.(?: ?([0-9]{4}))?)?")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def clean(value: object) -> str:
    """``value`` without surrounding blanks; anything but a string counts as empty."""
    return value.strip(_SPACE) if isinstance(value, str) else ""


def max_length(field: dict) -> int:
    return field.get("max_length") or DEFAULT_MAX.get(field.get("kind", "text"), 120)


def is_filled(field: dict, value: object) -> bool:
    """Whether the field holds real data: an entry with an input problem (an impossible date,
    an address without @) is shown with its hint but neither previewed nor rated."""
    text = clean(value)
    if not text:
        return False
    if field.get("kind") == "choice":
        return text not in (field.get("empty_options") or [])
    return input_problem(field, text) is None


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _valid_date(day: int, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is not None and not 1900 <= year <= 2100:
        return False
    longest = 28 if month == 2 and year is not None and not _leap(year) else _DAYS[month - 1]
    return day <= longest


def input_problem(field: dict, value: object) -> str | None:
    """Why an entry is not acceptable: ``too_long``, ``email``, ``tel``, ``date`` or None."""
    text = clean(value)
    kind = field.get("kind")
    if not text or kind == "choice":
        return None
    if len(text) > max_length(field):
        return "too_long"
    if kind == "email" and not _EMAIL.fullmatch(text):
        return "email"
    if kind == "tel":
        digits = sum(c.isascii() and c.isdigit() for c in text)
        if not _TEL.fullmatch(text) or not 6 <= digits <= 20:
            return "tel"
    if kind == "date":
        match = _DATE.fullmatch(text)
        if not match:
            return "date"
        day, month, year = match.groups()
        if not _valid_date(int(day), int(month), int(year) if year is not None else None):
            return "date"
    return None


def _option_ids(field: dict) -> list[str]:
    return [option["id"] for option in field.get("options") or []]


def normalize_answers(mode: dict, raw: object) -> dict:
    """The learner's answers for every field of ``mode``, with defaults where needed."""
    source = raw if isinstance(raw, dict) else {}
    raw_values, raw_levels = source.get("values"), source.get("visibility")
    values: dict = raw_values if isinstance(raw_values, dict) else {}
    levels: dict = raw_levels if isinstance(raw_levels, dict) else {}
    out: dict = {"values": {}, "visibility": {}}
    for field in mode["fields"]:
        key = field["id"]
        default = field.get("default") or ""
        value = values.get(key)
        if not isinstance(value, str):
            value = default
        if field.get("kind") == "choice" and value != "" and value not in _option_ids(field):
            value = default
        out["values"][key] = value
        level = levels.get(key)
        if not mode.get("choose_visibility"):
            level = "public"
        elif level not in LEVELS:
            level = field.get("visibility") or "contacts"
        out["visibility"][key] = level
    return out


def condition_holds(mode: dict, answers: dict, condition: dict) -> bool:
    """Whether ``condition`` holds for already normalized ``answers``."""
    field = next((f for f in mode["fields"] if f["id"] == condition.get("field")), None)
    if field is None:
        return False
    value = answers["values"].get(field["id"], "")
    filled = condition.get("filled")
    if filled is not None and is_filled(field, value) != filled:
        return False
    levels = condition.get("visibility")
    if isinstance(levels, list) and answers["visibility"].get(field["id"]) not in levels:
        return False
    chosen = condition.get("value")
    if isinstance(chosen, list) and clean(value) not in chosen:
        return False
    return True


def rule_fires(mode: dict, answers: dict, rule: dict) -> bool:
    every = rule.get("all") or []
    some = rule.get("any") or []
    if not every and not some:
        return False
    if not all(condition_holds(mode, answers, c) for c in every):
        return False
    return not some or any(condition_holds(mode, answers, c) for c in some)


def evaluate(mode: dict, raw: object) -> list[str]:
    """Ids of the rules that fire for the learner's answers, in the scenario's order."""
    answers = normalize_answers(mode, raw)
    return [rule["id"] for rule in mode["rules"] if rule_fires(mode, answers, rule)]


def visible_fields(mode: dict, raw: object, sees: list[str]) -> list[str]:
    """Ids of the filled fields a viewer who sees the levels ``sees`` gets to see."""
    answers = normalize_answers(mode, raw)
    return [
        field["id"]
        for field in mode["fields"]
        if is_filled(field, answers["values"][field["id"]]) and answers["visibility"][field["id"]] in sees
    ]


def requirement_status(mode: dict, fired: list[str]) -> list[dict]:
    """Each requirement is met when none of its rules fired."""
    return [
        {"id": r["id"], "met": not any(rule in fired for rule in r["rules"])}
        for r in mode.get("requirements") or []
    ]


def severity_counts(mode: dict, fired: list[str]) -> dict[str, int]:
    """How many fired rules per severity, only severities that occur, in SEVERITIES order.

    Missing required details count as the checklist shows them: one per requirement that a
    fired "required" rule leaves unmet (one rule can leave two requirements unmet).
    """
    by_id = {rule["id"]: rule["severity"] for rule in mode["rules"]}
    counts = {}
    for severity in SEVERITIES:
        n = sum(by_id.get(rule_id) == severity for rule_id in fired)
        if severity == "required" and mode.get("requirements"):
            n = sum(
                any(rule in fired and by_id.get(rule) == "required" for rule in requirement["rules"])
                for requirement in mode["requirements"]
            )
        if n:
            counts[severity] = n
    return counts
