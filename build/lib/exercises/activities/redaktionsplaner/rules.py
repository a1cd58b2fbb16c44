"""Rules of the "Redaktionsplaner": goal, platforms, hours and formats in, a plan for some weeks out.

The twin of the named exports in ``static/kurs-ex-redaktionsplaner.js``; the shared vectors in
``tests/data/vectors-redaktionsplaner.yml`` keep both sides equal. Both work on the same plain
data: the scenario ``scenarios/redaktionsplaner.yml`` as the front end receives it.

Answers (the learner's state): ``goal`` one goal id; ``platforms`` and ``formats`` lists of ids;
``hours`` the typed hours per week ("2,5" or a number); ``start`` the first day ("2027-01-04" or
"04.01.2027", empty: the next Monday); ``owner`` the person in charge (free text, optional).

The plan's weekly effort is planning + for each platform its time for answers + its posts, and it
never exceeds the hours: first each platform gets its minimum of posts in its cheapest chosen
format, then the platforms take turns adding one post each (the goal's preferred formats first)
while the hours last and until each platform's maximum. When the minimum does not fit, as many
platforms as fit are kept (in the data's order); when none fits, one platform with its cheapest
format of all; when even that does not fit, there is no plan.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from exercises.activities.nutzen_rechner.rules import fill, format_number
from exercises.core.numbers import read_number

QUESTIONS = ("goal", "platforms", "hours", "formats")
OWNER_MAX = 80
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_GERMAN = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_SPACES = re.compile(r"[ \t\r\n\u00a0]+")


# --- input -------------------------------------------------------------------------------------


def parse_hours(raw, maximum: float) -> dict:
    """{"value": float or None, "error": code or None}; empty input is neither."""
    return read_number(raw, maximum=maximum)


def parse_date(raw) -> dict:
    """{"value": "YYYY-MM-DD" or None, "error": "not_a_date" or None}; empty input is neither.

    Accepts ISO dates (what a date field gives) and German ones (04.01.2027), years 2000 to 2100.
    """
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return {"value": None, "error": None}
    bad = {"value": None, "error": "not_a_date"}
    if not isinstance(raw, str):
        return bad
    text = raw.strip()
    iso = _ISO.fullmatch(text)
    german = _GERMAN.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif german:
        day, month, year = (int(part) for part in german.groups())
    else:
        return bad
    if not 2000 <= year <= 2100:
        return bad
    try:
        value = date(year, month, day)
    except ValueError:
        return bad
    return {"value": value.isoformat(), "error": None}


def clean_owner(raw) -> str:
    """One line of at most 80 characters; anything but text is no owner."""
    if not isinstance(raw, str):
        return ""
    text = _SPACES.sub(" ", raw).strip(" ")
    return text[:OWNER_MAX].strip(" ")


# --- dates (ISO strings, so both sides agree without time zones) --------------------------------


def add_days(iso: str, days: int) -> str:
    return date.fromordinal(date.fromisoformat(iso).toordinal() + days).isoformat()


def weekday(iso: str) -> int:
    """1 = Monday … 7 = Sunday."""
    return date.fromisoformat(iso).isoweekday()


def next_monday(iso: str) -> str:
    """The Monday on or after ``iso``."""
    return add_days(iso, (8 - weekday(iso)) % 7)


# --- the plan ------------------------------------------------------------------------------------


def normalize(data: dict, state, today: str) -> dict:
    """Only known ids, lists in the data's order; hours, start and owner read."""
    state = state if isinstance(state, dict) else {}
    answers: dict = {}
    goal = state.get("goal")
    answers["goal"] = goal if any(g["id"] == goal for g in data["goals"]) else None
    for key in ("platforms", "formats"):
        chosen = state.get(key)
        chosen = chosen if isinstance(chosen, list) else []
        answers[key] = [item["id"] for item in data[key] if item["id"] in chosen]
    hours = parse_hours(state.get("hours"), data["hours"]["max"])
    answers["hours"] = hours["value"]
    answers["hours_error"] = hours["error"]
    start = parse_date(state.get("start"))
    answers["start"] = start["value"] or next_monday(today)
    answers["start_error"] = start["error"]
    answers["owner"] = clean_owner(state.get("owner"))
    return answers


def format_order(data: dict, goal_id: str | None, formats: list[str]) -> list[str]:
    """The chosen formats: the goal's preferred ones first (in the goal's order), then the rest."""
    goal = next((g for g in data["goals"] if g["id"] == goal_id), None)
    prefer = [f for f in (goal.get("prefer", []) if goal else []) if f in formats]
    return prefer + [f for f in formats if f not in prefer]


def cheapest(formats: list[str], minutes: dict) -> str:
    """The format with the fewest minutes; on a tie the earlier one."""
    best = formats[0]
    for item in formats[1:]:
        if minutes[item] < minutes[best]:
            best = item
    return best


def minimum_minutes(data: dict, platforms: list[str], usable: dict) -> int:
    """Planning, and for each platform its answers and its minimum of posts in its cheapest format."""
    minutes = {f["id"]: f["minutes"] for f in data["formats"]}
    by_id = {p["id"]: p for p in data["platforms"]}
    total = data["planning_minutes"]
    for platform in platforms:
        entry = by_id[platform]
        total += (
            entry["community_minutes"] + entry["min_posts"] * minutes[cheapest(usable[platform], minutes)]
        )
    return total


def fill_week(data: dict, kept: list[str], usable: dict, budget: float) -> dict:
    """One week's posts: the minimum first, then one post per platform in turn while time is left."""
    minutes = {f["id"]: f["minutes"] for f in data["formats"]}
    by_id = {p["id"]: p for p in data["platforms"]}
    spent = data["planning_minutes"] + sum(by_id[p]["community_minutes"] for p in kept)
    overhead = spent
    posts: list[dict[str, Any]] = []
    count = {p: 0 for p in kept}
    for platform in kept:
        first = cheapest(usable[platform], minutes)
        for _ in range(by_id[platform]["min_posts"]):
            posts.append({"platform": platform, "format": first, "n": count[platform]})
            count[platform] += 1
            spent += minutes[first]
    pointer = {p: 0 for p in kept}
    added = True
    while added:
        added = False
        for platform in kept:
            if count[platform] >= by_id[platform]["max_posts"]:
                continue
            options = usable[platform]
            for step in range(len(options)):
                index = (pointer[platform] + step) % len(options)
                if spent + minutes[options[index]] <= budget:
                    posts.append({"platform": platform, "format": options[index], "n": count[platform]})
                    count[platform] += 1
                    spent += minutes[options[index]]
                    pointer[platform] = (index + 1) % len(options)
                    added = True
                    break
    order = {p: i for i, p in enumerate(kept)}
    posts.sort(key=lambda post: (post["n"], order[post["platform"]]))
    return {
        "posts": [{"platform": p["platform"], "format": p["format"]} for p in posts],
        "overhead_minutes": overhead,
        "total_minutes": spent,
        "capped": all(count[p] >= by_id[p]["max_posts"] for p in kept),
    }


def schedule(data: dict, posts: list[dict], start: str, themes: list[str]) -> list[dict]:
    """The week's posts spread evenly over the publishing days of every week, themes taking turns.

    Post i of n goes to the day in the middle of the i-th of n equal parts of the week's days.
    """
    minutes = {f["id"]: f["minutes"] for f in data["formats"]}
    events = []
    counter = 0
    for week in range(data["weeks"]):
        days = [add_days(start, 7 * week + d) for d in range(7)]
        days = [day for day in days if weekday(day) in data["weekdays"]]
        for index, post in enumerate(posts):
            events.append(
                {
                    "week": week + 1,
                    "date": days[((2 * index + 1) * len(days)) // (2 * len(posts))],
                    "platform": post["platform"],
                    "format": post["format"],
                    "theme": themes[counter % len(themes)],
                    "minutes": minutes[post["format"]],
                }
            )
            counter += 1
    return events


def assess(data: dict, state, today: str) -> dict:
    """The whole outcome as ids and numbers; ``describe`` turns it into sentences.

    ``status``: incomplete (answers missing or wrong), ok, reduced (fewer platforms fit),
    other_format (one platform fits with a cheaper format), impossible (nothing fits),
    no_format (no chosen platform offers a chosen format).
    """
    answers = normalize(data, state, today)
    missing = [
        q
        for q in QUESTIONS
        if (answers[q] is None or answers[q] == []) and not (q == "hours" and answers["hours_error"])
    ]
    result: dict[str, Any] = {
        "answers": answers,
        "missing": missing,
        "status": "incomplete",
        "budget_minutes": None,
        "needed_minutes": None,
        "kept": [],
        "unsupported": [],
        "fallback_format": None,
        "posts": [],
        "overhead_minutes": 0,
        "total_minutes": 0,
        "capped": False,
        "events": [],
    }
    if missing or answers["hours_error"]:
        return result
    minutes = {f["id"]: f["minutes"] for f in data["formats"]}
    by_id = {p["id"]: p for p in data["platforms"]}
    order = format_order(data, answers["goal"], answers["formats"])
    usable = {p: [f for f in order if f in by_id[p]["formats"]] for p in answers["platforms"]}
    candidates = [p for p in answers["platforms"] if usable[p]]
    budget = answers["hours"] * 60
    result["budget_minutes"] = budget
    result["unsupported"] = [p for p in answers["platforms"] if not usable[p]]
    if not candidates:
        result["status"] = "no_format"
        return result
    needed = minimum_minutes(data, candidates, usable)
    result["needed_minutes"] = needed
    kept: list[str] = []
    if needed <= budget:
        kept = candidates
        result["status"] = "ok"
    else:
        for platform in candidates:
            if minimum_minutes(data, [*kept, platform], usable) <= budget:
                kept.append(platform)
        result["status"] = "reduced"
    if not kept:
        smallest = None
        for platform in candidates:
            own = [f["id"] for f in data["formats"] if f["id"] in by_id[platform]["formats"]]
            fallback = cheapest(own, minutes)
            cost = minimum_minutes(data, [platform], {platform: [fallback]})
            smallest = cost if smallest is None else min(smallest, cost)
            if cost <= budget and not kept:
                kept = [platform]
                usable = {platform: [fallback]}
                result["fallback_format"] = fallback
        result["status"] = "other_format" if kept else "impossible"
        if not kept:
            result["needed_minutes"] = smallest
            return result
    week = fill_week(data, kept, usable, budget)
    themes = next(g["themes"] for g in data["goals"] if g["id"] == answers["goal"])
    result.update(week)
    result["kept"] = kept
    result["events"] = schedule(data, week["posts"], answers["start"], themes)
    return result


# --- what the learner reads ----------------------------------------------------------------------


def join_names(names: list[str], and_word: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {and_word} " + names[-1]


def duration(minutes: float, texts: dict) -> str:
    """Whole minutes as German words: "45 Minuten", "1 Stunde", "2 Stunden 30 Minuten"."""
    whole = math.floor(minutes + 1e-9)
    hours, rest = divmod(whole, 60)
    if hours == 0:
        return fill(texts["dur_minutes"], {"m": rest})
    head = texts["dur_hour"] if hours == 1 else fill(texts["dur_hours"], {"h": hours})
    return head if rest == 0 else fill(texts["dur_and"], {"hours": head, "m": rest})


def german_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def describe(result: dict, data: dict, texts: dict) -> dict:
    """What the learner sees (and Python reads as ``w.results``), all in German."""
    answers = result["answers"]
    platforms = {p["id"]: p["name"] for p in data["platforms"]}
    formats = {f["id"]: f["label"] for f in data["formats"]}
    by_id = {p["id"]: p for p in data["platforms"]}
    days = texts["weekday_names"].split(",")
    errors = {}
    if answers["hours_error"]:
        errors["hours"] = fill(
            texts[f"err_hours_{answers['hours_error']}"], {"max": format_number(data["hours"]["max"])}
        )
    if answers["start_error"]:
        errors["start"] = fill(texts["err_start"], {"date": german_date(answers["start"])})
    budget = result["budget_minutes"]
    status = result["status"]
    chosen = [platforms[p] for p in answers["platforms"] if p not in result["unsupported"]]
    kept = [platforms[p] for p in result["kept"]]
    notes = []
    for platform in result["unsupported"]:
        possible = [f["label"] for f in data["formats"] if f["id"] in by_id[platform]["formats"]]
        notes.append(
            fill(texts["unsupported"], {"platform": platforms[platform], "formats": ", ".join(possible)})
        )
    if status in ("reduced", "other_format", "impossible") and budget is not None:
        values = {"budget": duration(budget, texts), "platforms": join_names(chosen, texts["and_word"])}
        if status == "impossible":
            notes.insert(
                0, fill(texts["impossible"], {**values, "needed": duration(result["needed_minutes"], texts)})
            )
        else:
            needed = duration(result["needed_minutes"], texts)
            notes.insert(0, fill(texts["too_few"], {**values, "needed": needed}))
            if status == "reduced":
                notes.insert(
                    1,
                    fill(texts["fits_instead"], {**values, "platforms": join_names(kept, texts["and_word"])}),
                )
            else:
                fallback = result["fallback_format"]
                notes.insert(
                    1,
                    fill(
                        texts["fits_other_format"],
                        {
                            **values,
                            "platform": kept[0],
                            "format": formats[fallback],
                            "minutes": duration(
                                next(f["minutes"] for f in data["formats"] if f["id"] == fallback), texts
                            ),
                        },
                    ),
                )
    if status == "no_format":
        notes.insert(0, texts["no_format"])
    posts = result["posts"]
    if result["capped"] and result["events"] and budget - result["total_minutes"] >= 1:
        limits = [
            fill(texts["limit"], {"platform": platforms[p], "max": by_id[p]["max_posts"]})
            for p in result["kept"]
        ]
        notes.append(
            fill(
                texts["capped"],
                {"limits": ", ".join(limits), "rest": duration(budget - result["total_minutes"], texts)},
            )
        )
    if result["events"]:
        headline = fill(
            texts["headline"],
            {"weeks": data["weeks"], "posts": len(posts), "platforms": join_names(kept, texts["and_word"])},
        )
        effort = fill(
            texts["effort"],
            {
                "total": duration(result["total_minutes"], texts),
                "budget": duration(budget, texts),
                "posts_time": duration(result["total_minutes"] - result["overhead_minutes"], texts),
                "overhead": duration(result["overhead_minutes"], texts),
            },
        )
    else:
        headline = texts["headline_none"]
        effort = None
    missing = [texts[f"q_{q}"] for q in result["missing"]]
    rows: list[dict[str, Any]] = []
    weeks: list[dict[str, Any]] = []
    for event in result["events"]:
        row = {
            "week": event["week"],
            "date": event["date"],
            "day": f"{days[weekday(event['date']) - 1]}, {german_date(event['date'])}",
            "platform": platforms[event["platform"]],
            "format": formats[event["format"]],
            "theme": event["theme"],
            "minutes": event["minutes"],
            "effort": duration(event["minutes"], texts),
        }
        rows.append(row)
        if not weeks or weeks[-1]["n"] != event["week"]:
            first = add_days(answers["start"], 7 * (event["week"] - 1))
            label = fill(
                texts["week_label"],
                {"n": event["week"], "from": german_date(first), "to": german_date(add_days(first, 6))},
            )
            weeks.append({"n": event["week"], "label": label, "rows": []})
        weeks[-1]["rows"].append(row)
    summary = [
        fill(
            texts["start_line"],
            {"date": f"{days[weekday(answers['start']) - 1]}, {german_date(answers['start'])}"},
        )
    ]
    if answers["owner"]:
        summary.append(fill(texts["owner_line"], {"owner": answers["owner"]}))
    return {
        "errors": errors,
        "missing": missing,
        "status": status,
        "headline": headline,
        "effort": effort,
        "notes": notes,
        "summary": summary,
        "weeks": weeks,
        "rows": rows,
        "owner": answers["owner"],
        "start": answers["start"],
    }


# --- files: CSV for spreadsheets, iCalendar (RFC 5545) for calendars ----------------------------


def csv_field(value) -> str:
    """One CSV field for Excel and LibreOffice (";" separated): quoted when needed, no formulas."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@"):
        text = "'" + text
    if any(char in text for char in ';"\r\n') or text != text.strip(" "):
        text = '"' + text.replace('"', '""') + '"'
    return text


def csv_text(view: dict, texts: dict) -> str:
    """The plan as a table: UTF-8 with BOM (so Excel reads umlauts), ";" and CRLF."""
    long_days = texts["weekday_long"].split(",")
    header = [texts[k] for k in ("col_week", "col_date", "col_weekday", "col_platform", "col_format")]
    header += [texts[k] for k in ("col_theme", "col_minutes", "col_owner", "col_status")]
    lines = [header]
    for row in view["rows"]:
        lines.append(
            [
                row["week"],
                german_date(row["date"]),
                long_days[weekday(row["date"]) - 1],
                row["platform"],
                row["format"],
                row["theme"],
                row["minutes"],
                view["owner"],
                texts["status_planned"],
            ]
        )
    return "\ufeff" + "".join(";".join(csv_field(v) for v in line) + "\r\n" for line in lines)


def escape_text(value: str) -> str:
    """An iCalendar TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11)."""
    text = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold_line(line: str) -> str:
    """Lines longer than 75 octets folded with CRLF and a space, never inside a character (3.1)."""
    out = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current = " "
            size = 1
            limit = 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def ics_text(view: dict, texts: dict, stamp: str) -> str:
    """The plan as an iCalendar file: one all-day event per post; ``stamp`` is DTSTAMP (UTC)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Social Media mitmachen//Redaktionsplaner//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(texts["calendar_name"]),
    ]
    for index, row in enumerate(view["rows"]):
        day = row["date"].replace("-", "")
        description = fill(
            texts["event_description"],
            {"theme": row["theme"], "format": row["format"], "effort": row["effort"]},
        )
        if view["owner"]:
            description += "\n" + fill(texts["owner_line"], {"owner": view["owner"]})
        lines += [
            "BEGIN:VEVENT",
            f"UID:redaktionsplan-{view['start'].replace('-', '')}-{index + 1:03d}@social-media-kurs.invalid",
            "DTSTAMP:" + stamp,
            "DTSTART;VALUE=DATE:" + day,
            "DTEND;VALUE=DATE:" + add_days(row["date"], 1).replace("-", ""),
            "SUMMARY:" + escape_text(fill(texts["event_summary"], row)),
            "DESCRIPTION:" + escape_text(description),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
