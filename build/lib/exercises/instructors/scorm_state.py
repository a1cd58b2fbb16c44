"""The learner's state inside a SCORM 1.2 package: a compact encoding and its largest size.

SCORM 1.2 keeps at most 4,096 characters of ``cmi.suspend_data`` per SCO (Moodle enforces it
in its standard mode). The package's adapter (``static/kurs-scorm.js``) stores there what the
page host keeps in ``localStorage`` for the SCO's own chapter, in this encoding; this module is
its Python twin (shared cases: ``tests/data/scorm/state-vectors.yml``), used at export time to
prove that the largest state each SCO can reach still fits.

The encoding is ``K1`` followed by one value:

- ``N``, ``T``, ``F``: null, true, false;
- ``12.``: a whole number from 0 to 2^53 − 1; ``#-1.5;``: any other number, as JavaScript
  writes it;
- ``5"Hallo``: a string of that many UTF-16 code units, written as it is: no escaping, so a
  text costs its length plus its length prefix, whatever characters it holds;
- ``~k3fa``: a string from the SCO's token table (ids of questions, options, fields, people and
  the words of the stored states), five characters instead of the id;
- ``[`` values ``]``, and ``{`` key value … ``}`` with keys as strings or tokens.

Tokens come from a hash of the string (FNV-1a), so the same id keeps its token across course
updates; strings whose hashes collide in one SCO are written out instead. Before encoding,
every string in an item is cut to the item's limit (``caps``): free-text quiz answers and the
certificate name to ``QUIZ_TEXT_CAP``, exercise texts to their field limits.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

PREFIX = "K1"
LIMIT = 4096  # SCORM 1.2: cmi.suspend_data is a CMIString4096
QUIZ_TEXT_CAP = 100  # free-text quiz answers (text, numeric) and the certificate name
EXERCISE_TEXT_CAP = 80  # exercise strings without a field limit of their own (ids, numbers typed)
MAX_SAFE = 2**53 - 1
TOKEN_WIDTH = 4
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_MIN_TOKEN_SOURCE = 4  # a token costs 5 characters; "abc" written out costs 5 too

# Words of the stored states (quiz, exercises) that are not in any payload. Add words freely;
# never remove one: a package's older suspend_data may hold its token.
VOCABULARY = (
    "answers",
    "results",
    "order",
    "checked",
    "total",
    "right",
    "best",
    "attempts",
    "drawn",
    "name",
    "certificate",
    "date",
    "percent",
    "correct",
    "wrong",
    "empty",
    "invalid",
    "ambiguous",
    "too_large",
    "passed",
    "last_pass",
    "attempt",
    "mode",
    "values",
    "visibility",
    "profile",
    "company",
    "public",
    "contacts",
    "private",
    "edges",
    "person",
    "hours",
    "mentions_basis",
    "competitors",
    "goal",
    "platforms",
    "formats",
    "start",
    "owner",
)
RESULTS = ("correct", "wrong", "empty", "invalid", "ambiguous", "too_large")  # kurs-grading.js


def _fnv1a(text: str) -> int:
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def token(text: str) -> str:
    value = _fnv1a(text) % len(_ALPHABET) ** TOKEN_WIDTH
    digits = ""
    for _ in range(TOKEN_WIDTH):
        value, digit = divmod(value, len(_ALPHABET))
        digits = _ALPHABET[digit] + digits
    return "~" + digits


def _strings(value) -> Iterator[str]:
    """Every key and string value in a payload, except its interface texts."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "texts":
                continue
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def token_table(payloads: Iterable[dict]) -> dict[str, str]:
    """{string: token} for the ids in a SCO's payloads and the state vocabulary.

    Strings that share a token with another candidate stay out of the table.
    """
    candidates = set(VOCABULARY)
    for payload in payloads:
        candidates.update(s for s in _strings(payload) if len(s) >= _MIN_TOKEN_SOURCE and _ID.match(s))
    by_token: dict[str, list[str]] = defaultdict(list)
    for text in sorted(candidates):
        by_token[token(text)].append(text)
    return {texts[0]: tok for tok, texts in sorted(by_token.items()) if len(texts) == 1}


def units(text: str) -> int:
    """Length in UTF-16 code units, as JavaScript and the SCORM limit count it."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def cut(text: str, cap: int) -> str:
    """``text`` cut to ``cap`` UTF-16 code units, never inside a surrogate pair."""
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) <= 2 * cap:
        return text
    data = data[: 2 * cap]
    if cap and 0xD800 <= int.from_bytes(data[-2:], "little") <= 0xDBFF:
        data = data[:-2]
    return data.decode("utf-16-le", "surrogatepass")


def cap_strings(value, cap: int):
    """Every string value (not the keys) cut to ``cap``."""
    if isinstance(value, str):
        return cut(value, cap)
    if isinstance(value, dict):
        return {key: cap_strings(item, cap) for key, item in value.items()}
    if isinstance(value, list):
        return [cap_strings(item, cap) for item in value]
    return value


def _js_number(value: float) -> str:
    """A number as JavaScript's String() writes it (for the usual range)."""
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        text = f"{mantissa.removesuffix('.0')}e{sign}{int(exponent.lstrip('+-'))}"
    return text.removesuffix(".0")


def encode(value, tokens: dict[str, str]) -> str:
    if value is None:
        return "N"
    if value is True:
        return "T"
    if value is False:
        return "F"
    if isinstance(value, int | float):
        if float(value).is_integer() and 0 <= value <= MAX_SAFE:
            return f"{int(value)}."
        return f"#{value if isinstance(value, int) else _js_number(value)};"
    if isinstance(value, str):
        return tokens.get(value) or f'{units(value)}"{value}'
    if isinstance(value, list):
        return "[" + "".join(encode(item, tokens) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + "".join(encode(str(k), tokens) + encode(v, tokens) for k, v in value.items()) + "}"
    raise TypeError(f"cannot encode {type(value).__name__}")


def suspend_data(items: dict, tokens: dict[str, str], caps: dict[str, int]) -> str:
    """What the adapter writes into cmi.suspend_data for these store items."""
    capped = {key: cap_strings(item, caps.get(key, EXERCISE_TEXT_CAP)) for key, item in items.items()}
    return PREFIX + encode(capped, tokens)


# --- the largest state each item can reach ------------------------------------------------------


def _longest(values: Iterable, tokens: dict[str, str]):
    """The value among ``values`` whose encoding is longest."""
    return max(values, key=lambda value: len(encode(value, tokens)))


def _question_parts(question: dict, tokens: dict[str, str]) -> tuple[object, list | None]:
    """(largest answer, option order or None) of one question, as kurs-quiz.js stores them."""
    kind = question["type"]
    if kind in ("single", "multiple"):
        n = len(question["options"])
        return (n - 1 if kind == "single" else list(range(n))), list(range(n))
    if kind == "true-false":
        return False, None
    if kind in ("numeric", "text"):
        return "x" * QUIZ_TEXT_CAP, None
    if kind == "matching":
        definition = _longest([d["id"] for d in question["definitions"]], tokens)
        return {term["id"]: definition for term in question["terms"]}, list(
            range(len(question["definitions"]))
        )
    n = len(question["items"])
    return list(range(n)), list(range(n))


def _question_cost(question: dict, tokens: dict[str, str], result: str) -> int:
    answer, order = _question_parts(question, tokens)
    qid = encode(question["id"], tokens)
    cost = 2 * len(qid) + len(encode(answer, tokens)) + len(encode(result, tokens))
    return cost + (len(qid) + len(encode(order, tokens)) if order is not None else 0)


def worst_quiz(data: dict, tokens: dict[str, str]) -> dict:
    """The largest state of a quiz: every question answered at its longest, all keys set."""
    result = _longest(RESULTS, tokens)
    questions = data["questions"]
    final = data.get("final")
    if final:
        chosen = []
        for draw in final["draw"]:
            pool = [q for q in questions if q.get("bank") == draw["bank"]]
            pool.sort(key=lambda q: _question_cost(q, tokens, result), reverse=True)
            chosen.extend(pool[: draw["count"]])
        questions = chosen
    answers, results, order = {}, {}, {}
    for question in questions:
        answer, options = _question_parts(question, tokens)
        answers[question["id"]] = answer
        results[question["id"]] = result
        if options is not None:
            order[question["id"]] = options
    n = len(questions)
    state = {
        "answers": answers,
        "results": results,
        "order": order,
        "total": n,
        "right": n,
        "best": n,
        "checked": False,
        "attempts": 999_999,
    }
    if final:
        text = "x" * QUIZ_TEXT_CAP
        state["drawn"] = [q["id"] for q in questions]
        state["passed"] = False
        state["last_pass"] = {"right": n, "total": n, "percent": 100}
        state["name"] = text
        state["certificate"] = {
            "name": text,
            "date": text,
            "right": n,
            "total": n,
            "percent": 100,
            "attempt": 999_999,
        }
    return state


def _worst_profil_baukasten(data: dict, tokens: dict[str, str]) -> tuple[dict, int]:
    from exercises.activities.profil_baukasten.rules import LEVELS, MODES, max_length

    state: dict = {"mode": _longest(MODES, tokens)}
    cap = EXERCISE_TEXT_CAP
    for mode in MODES:
        values, visibility = {}, {}
        for field in data[mode]["fields"]:
            if field.get("kind") == "choice":
                values[field["id"]] = _longest([o["id"] for o in field.get("options", [])] + [""], tokens)
            else:
                values[field["id"]] = "x" * max_length(field)
                cap = max(cap, max_length(field))
            visibility[field["id"]] = _longest(LEVELS, tokens)
        state[mode] = {"values": values, "visibility": visibility}
    return state, cap


def _worst_mitmachen_check(data: dict, tokens: dict[str, str]) -> tuple[dict, int]:
    from exercises.activities.mitmachen_check.rules import MULTIPLE, SINGLE

    state: dict = {key: [o["id"] for o in data[options]] for key, options in MULTIPLE.items()}
    for key, options in SINGLE.items():
        state[key] = _longest([o["id"] for o in data[options]], tokens)
    state["hours"] = "x" * EXERCISE_TEXT_CAP
    return state, EXERCISE_TEXT_CAP


def _worst_netzwerk_labor(data: dict, tokens: dict[str, str]) -> tuple[dict, int]:
    ids = [person["id"] for person in data["people"]]
    edges = [[a, b] for i, a in enumerate(ids) for b in ids[i + 1 :]]
    return {"edges": edges, "person": _longest(ids, tokens), "percent": 100}, EXERCISE_TEXT_CAP


def _worst_nutzen_rechner(data: dict, tokens: dict[str, str]) -> tuple[dict, int]:
    from exercises.activities.nutzen_rechner.rules import FIELDS, MENTION_BASES

    state: dict = {field: "x" * EXERCISE_TEXT_CAP for field in FIELDS}
    state["mentions_basis"] = _longest(MENTION_BASES, tokens)
    return state, EXERCISE_TEXT_CAP


def _worst_redaktionsplaner(data: dict, tokens: dict[str, str]) -> tuple[dict, int]:
    ids = {key: [item["id"] for item in data.get(key, [])] for key in ("goals", "platforms", "formats")}
    state: dict = {"goal": _longest(ids["goals"] or [""], tokens)}
    state["platforms"] = ids["platforms"]
    state["formats"] = ids["formats"]
    for key in ("hours", "start", "owner"):  # typed text; the owner field holds at most 80
        state[key] = "x" * EXERCISE_TEXT_CAP
    return state, EXERCISE_TEXT_CAP


# What each exercise stores, at its largest, and the string limit for its item.
WORST_EXERCISE_STATES = {
    "profil-baukasten": _worst_profil_baukasten,
    "mitmachen-check": _worst_mitmachen_check,
    "netzwerk-labor": _worst_netzwerk_labor,
    "nutzen-rechner": _worst_nutzen_rechner,
    "redaktionsplaner": _worst_redaktionsplaner,
}


class UnknownExercise(LookupError):
    """An exercise whose largest state this module does not know."""


def worst_item(kind: str, data: dict, tokens: dict[str, str]) -> tuple[dict, int]:
    """(largest state, string limit) of one widget on a page."""
    if kind == "quiz":
        return worst_quiz(data, tokens), QUIZ_TEXT_CAP
    if data["id"] not in WORST_EXERCISE_STATES:
        raise UnknownExercise(data["id"])
    return WORST_EXERCISE_STATES[data["id"]](data, tokens)
