"""Key figures of the "Nutzen-Rechner": parsing, validation and formulas, no widgets.

The twin of the named exports in ``static/kurs-ex-nutzen-rechner.js``; the shared vectors in
``tests/data/vectors-nutzen-rechner.yml`` keep both sides equal.

Every input is a count (likes, followers, mentions …), so only whole numbers ≥ 0 are valid.
Errors are codes; the German messages live in ``ui_text.yml`` (group ``ex_nutzen_rechner``).
Formulas (content-facts §5):
- engagement rate = (likes + comments + shares) / base × 100, base = followers or reach;
- follower growth = (end − start) / start × 100;
- share of voice = own mentions / all mentions in the competitive set × 100, where "all
  mentions" INCLUDES the own ones (entered either as competitors' mentions, then all = own +
  competitors, or directly as the total);
- frequency = impressions / reach (views per reached account).
"""

from __future__ import annotations

import re

# parse_number and format_number stay importable from here: the calculator's shared vectors
# name them; format_number is the course's one German number format.
from exercises.core.numbers import format_de as format_number
from exercises.core.numbers import parse_number, read_number  # noqa: F401

FIELDS = (
    "likes",
    "comments",
    "shares",
    "followers_start",
    "followers_end",
    "reach",
    "impressions",
    "mentions_own",
    "mentions_other",
)

REACH_ABOVE_IMPRESSIONS = "reach_above_impressions"
OWN_ABOVE_TOTAL = "own_above_total"
ZERO_FOLLOWERS = "zero_followers"
ZERO_REACH = "zero_reach"
ZERO_MENTIONS = "zero_mentions"

OK, MISSING, INVALID = "ok", "missing", "invalid"
FOLLOWER_BASES = ("start", "end")
MENTION_BASES = ("competitors", "total")


def parse_count(raw) -> dict:
    """{"value": int or None, "error": code or None}; empty input is neither value nor error."""
    return read_number(raw, whole=True)


def options_of(options: dict | None) -> dict:
    """Known options with defaults: which followers and which mentions count."""
    options = options or {}
    follower_basis = options.get("follower_basis")
    mentions_basis = options.get("mentions_basis")
    return {
        "follower_basis": follower_basis if follower_basis in FOLLOWER_BASES else "start",
        "mentions_basis": mentions_basis if mentions_basis in MENTION_BASES else "competitors",
    }


def validate_inputs(raw: dict, options: dict | None = None) -> dict:
    """Values of all fields and the error code of each impossible one."""
    raw = raw if isinstance(raw, dict) else {}
    opts = options_of(options)
    values: dict = {}
    errors: dict = {}
    for field in FIELDS:
        parsed = parse_count(raw.get(field))
        values[field] = parsed["value"]
        if parsed["error"]:
            errors[field] = parsed["error"]

    def ok(field: str) -> bool:
        return values[field] is not None and field not in errors

    if ok("reach") and ok("impressions") and values["reach"] > values["impressions"]:
        errors["reach"] = REACH_ABOVE_IMPRESSIONS
    if ok("reach") and values["reach"] == 0:
        errors["reach"] = ZERO_REACH
    if ok("followers_start") and values["followers_start"] == 0:
        errors["followers_start"] = ZERO_FOLLOWERS
    if opts["follower_basis"] == "end" and ok("followers_end") and values["followers_end"] == 0:
        errors["followers_end"] = ZERO_FOLLOWERS
    if ok("mentions_own") and ok("mentions_other"):
        own, other = values["mentions_own"], values["mentions_other"]
        if opts["mentions_basis"] == "total" and own > other:
            errors["mentions_own"] = OWN_ABOVE_TOTAL
        elif all_mentions(own, other, opts["mentions_basis"]) == 0:
            errors["mentions_other"] = ZERO_MENTIONS
    for field in errors:
        values[field] = None
    return {"values": values, "errors": errors}


def interactions(likes: int, comments: int, shares: int) -> int:
    return likes + comments + shares


def engagement_rate(total_interactions: float, base: float) -> float | None:
    """Interactions per follower (or per reached account) in percent; None if base is 0."""
    if base == 0:
        return None
    return total_interactions / base * 100


def follower_growth(start: float, end: float) -> float | None:
    if start == 0:
        return None
    return (end - start) / start * 100


def all_mentions(own: int, other: int, mentions_basis: str = "competitors") -> int:
    """All mentions in the competitive set, own ones included."""
    return other if mentions_basis == "total" else own + other


def share_of_voice(own: float, total: float) -> float | None:
    if total == 0:
        return None
    return own / total * 100


def frequency(impressions: float, reach: float) -> float | None:
    if reach == 0:
        return None
    return impressions / reach


def _kpi(values: dict, errors: dict, needed: tuple, compute) -> dict:
    invalid = [f for f in needed if f in errors]
    missing = [f for f in needed if values[f] is None and f not in errors]
    if invalid:
        return {"status": INVALID, "value": None, "fields": invalid, "parts": {}}
    if missing:
        return {"status": MISSING, "value": None, "fields": missing, "parts": {}}
    value, parts = compute()
    return {"status": OK, "value": value, "fields": [], "parts": parts}


def compute_kpis(raw: dict, options: dict | None = None) -> dict:
    """Everything the calculator shows, as numbers and codes (texts are added by the caller)."""
    opts = options_of(options)
    checked = validate_inputs(raw, opts)
    values, errors = checked["values"], checked["errors"]
    followers = f"followers_{opts['follower_basis']}"
    reactions = ("likes", "comments", "shares")

    def engagement(base_field: str):
        def compute():
            total = interactions(*(values[f] for f in reactions))
            parts = {f: values[f] for f in reactions}
            parts.update({"interactions": total, "base": values[base_field]})
            return engagement_rate(total, values[base_field]), parts

        return compute

    def growth():
        start, end = values["followers_start"], values["followers_end"]
        parts = {"start": start, "end": end, "difference": end - start}
        return follower_growth(start, end), parts

    def voice():
        own, other = values["mentions_own"], values["mentions_other"]
        total = all_mentions(own, other, opts["mentions_basis"])
        return share_of_voice(own, total), {"own": own, "other": other, "all": total}

    def views():
        reach, shown = values["reach"], values["impressions"]
        return frequency(shown, reach), {"reach": reach, "impressions": shown}

    kpis = {
        "engagement_followers": _kpi(values, errors, (*reactions, followers), engagement(followers)),
        "engagement_reach": _kpi(values, errors, (*reactions, "reach"), engagement("reach")),
        "follower_growth": _kpi(values, errors, ("followers_start", "followers_end"), growth),
        "share_of_voice": _kpi(values, errors, ("mentions_own", "mentions_other"), voice),
        "frequency": _kpi(values, errors, ("reach", "impressions"), views),
    }
    return {"values": values, "errors": errors, "kpis": kpis, "options": opts}


def fill(template: str, values: dict) -> str:
    """Replace {name} placeholders that have a value; leave others as they are (like ``fmt``)."""
    return re.sub(
        r"\{(\w+)\}", lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template
    )


KPI_KEYS = ("engagement_followers", "engagement_reach", "follower_growth", "share_of_voice", "frequency")


def field_labels(texts: dict, options: dict | None = None) -> dict:
    """The visible label of every field; the second mentions field depends on its basis."""
    opts = options_of(options)
    labels = {field: texts[f"label_{field}"] for field in FIELDS if field != "mentions_other"}
    labels["mentions_other"] = texts[f"label_mentions_other_{opts['mentions_basis']}"]
    return labels


def error_message(code: str, field: str, raw: dict, texts: dict, labels: dict) -> str:
    """The German hint shown next to ``field``; "2,000" asks which of its two readings is meant."""
    if code == "ambiguous":
        thousands, *decimal = parse_count(raw.get(field))["choices"]
        key = "number_ambiguous" if decimal else "number_ambiguous_one"
        return fill(texts[key], {"thousands": thousands, "decimal": "".join(decimal)})

    def number(name: str) -> str:
        value = parse_count(raw.get(name))["value"]
        return format_number(value) if value is not None else "?"

    values = {
        "label": labels[field],
        "reach": number("reach"),
        "impressions": number("impressions"),
        "own": number("mentions_own"),
        "total": number("mentions_other"),
    }
    return fill(texts[f"err_{code}"], values)


def describe(computed: dict, texts: dict, raw: dict) -> dict:
    """What the learner sees: labels, hints next to fields, each key figure explained."""
    raw = raw if isinstance(raw, dict) else {}
    opts = computed["options"]
    labels = field_labels(texts, opts)
    fields, errors = {}, {}
    for field in FIELDS:
        code = computed["errors"].get(field)
        message = error_message(code, field, raw, texts, labels) if code else None
        if message:
            errors[field] = message
        choices = parse_count(raw.get(field)).get("choices") if code == "ambiguous" else None
        fields[field] = {
            "label": labels[field],
            "value": computed["values"][field],
            "error": message,
            "choices": choices,  # the two readings of an ambiguous "2,000", to choose from
        }
    basis = texts[f"basis_followers_{opts['follower_basis']}"]
    sov = opts["mentions_basis"]
    heads = {
        "engagement_followers": (
            fill(texts["title_engagement_followers"], {"basis": basis}),
            fill(texts["formula_engagement"], {"basis": basis}),
            texts["note_engagement"],
        ),
        "engagement_reach": (
            texts["title_engagement_reach"],
            fill(texts["formula_engagement"], {"basis": texts["basis_reach"]}),
            texts["note_engagement"],
        ),
        "follower_growth": (texts["title_growth"], texts["formula_growth"], texts["note_growth"]),
        "share_of_voice": (texts["title_sov"], texts[f"formula_sov_{sov}"], texts["note_sov"]),
        "frequency": (texts["title_frequency"], texts["formula_frequency"], texts["note_frequency"]),
    }
    kpis = {}
    for key in KPI_KEYS:
        kpi = computed["kpis"][key]
        title, formula, note = heads[key]
        entry = {
            "title": title,
            "status": kpi["status"],
            "value": kpi["value"],
            "display": None,
            "formula": formula,
            "calculation": None,
            "message": None,
            "note": note,
        }
        if kpi["status"] == OK:
            result = format_number(kpi["value"], 2)
            parts = {name: format_number(v) for name, v in kpi["parts"].items()}
            parts["result"] = result
            template = {
                "engagement_followers": "calc_engagement",
                "engagement_reach": "calc_engagement",
                "follower_growth": "calc_growth",
                "share_of_voice": f"calc_sov_{sov}",
                "frequency": "calc_frequency",
            }[key]
            entry["calculation"] = fill(texts[template], parts)
            unit = "display_times" if key == "frequency" else "display_percent"
            entry["display"] = fill(texts[unit], {"value": result})
        else:
            names = ", ".join(labels[f] for f in kpi["fields"])
            entry["message"] = fill(texts[f"kpi_{kpi['status']}"], {"fields": names})
        kpis[key] = entry
    return {
        "fields": fields,
        "errors": errors,
        "kpis": kpis,
        "follower_basis": opts["follower_basis"],
        "mentions_basis": opts["mentions_basis"],
    }
