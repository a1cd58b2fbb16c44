"""Numbers as German learners type them, read the same way by quizzes and exercises.

The twin of ``static/kurs-numbers.js``; shared vectors keep both equal.
"""

from __future__ import annotations

import math
import re

NOT_A_NUMBER = "not_a_number"
NEGATIVE = "negative"
NOT_WHOLE = "not_whole"
TOO_HIGH = "too_high"

_THOUSANDS = re.compile(r"-?[0-9]{1,3}(\.[0-9]{3})+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def parse_number(value) -> float | None:
    """ "4,5", "1.234,5", "1.500", "4.5", "5 %", "−3" → a float; anything else → None."""
    text = str(value).strip()
    for space in ("\u00a0", "\u202f", " "):
        text = text.replace(space, "")
    text = text.replace("\u2212", "-").removesuffix("%")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    if not _NUMBER.fullmatch(text):
        return None
    return float(text)


def read_number(raw, *, whole: bool = False, maximum: float | None = None) -> dict:
    """{"value": number or None, "error": code or None}; empty input is neither value nor error."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return {"value": None, "error": None}
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return {"value": None, "error": NOT_A_NUMBER}
    number = parse_number(raw) if isinstance(raw, str) else float(raw)
    if number is None or not math.isfinite(number):
        return {"value": None, "error": NOT_A_NUMBER}
    if number < 0:
        return {"value": None, "error": NEGATIVE}
    if whole and number != math.floor(number):
        return {"value": None, "error": NOT_WHOLE}
    if maximum is not None and number > maximum:
        return {"value": None, "error": TOO_HIGH}
    return {"value": int(number) if whole else number, "error": None}
