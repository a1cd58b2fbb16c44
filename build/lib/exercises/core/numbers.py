"""Numbers as German-speaking learners type them, and the one German number format.

Read the same way by quizzes and exercises. The twin of ``frontend/static/kurs-numbers.js``;
the shared vectors in ``tests/data/vectors-numbers.yml`` keep both equal.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

NOT_A_NUMBER = "not_a_number"
NEGATIVE = "negative"
NOT_WHOLE = "not_whole"
TOO_HIGH = "too_high"
AMBIGUOUS = "ambiguous"
TOO_LARGE = "too_large"

# More digits before the decimal mark than any count or amount in the course can have; beyond
# about 16 digits a float would also silently round the learner's number.
MAX_DIGITS = 15

_SPACES = ("\u00a0", "\u202f", "\u2009", " ")
_GERMAN = re.compile(r"-?[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?|-?[0-9]+(,[0-9]+)?")
_SWISS = re.compile(r"-?[0-9]{1,3}(['\u2019\u02bc][0-9]{3})+([.,][0-9]+)?")
_THOUSANDS = re.compile(r"-?[0-9]{1,3}(\.[0-9]{3})+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_AMBIGUOUS = re.compile(r"(-?)([0-9]{1,3}),([0-9]{3})")


def _compact(value) -> str:
    text = str(value).strip()
    for space in _SPACES:
        text = text.replace(space, "")
    return text.replace("\u2212", "-")


def _plain(value) -> str | None:
    """The typed number as digits with "." as the decimal mark ("-1234.5"), or None."""
    text = _compact(value).removesuffix("%")
    if _SWISS.fullmatch(text):  # 1'500 or 2’000,50: Swiss thousands separators
        text = re.sub(r"['\u2019\u02bc]", "", text).replace(",", ".")
    elif "," in text:
        if not _GERMAN.fullmatch(text):
            return None
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    return text if _NUMBER.fullmatch(text) else None


def parse_number(value) -> float | None:
    """ "4,5", "1.234,5", "1.500", "1'500", "4.5", "5 %", "−3" → a float; anything else → None."""
    text = _plain(value)
    return None if text is None else float(text)


def ambiguous_choices(value) -> list[str] | None:
    """ "2,000" could be two thousand (English) or 2,0 (German): both readings, else None."""
    match = _AMBIGUOUS.fullmatch(_compact(value))
    if not match:
        return None
    sign, whole, fraction = match.groups()
    return [f"{sign}{whole}{fraction}", f"{sign}{whole},{fraction.rstrip('0') or '0'}"]


def read_number(
    raw,
    *,
    whole: bool = False,
    maximum: float | None = None,
    minimum: float | None = 0,
    thousands_comma: bool | None = None,
) -> dict:
    """{"value": number or None, "error": code or None}; empty input is neither value nor error.

    ``whole``: only whole numbers. ``thousands_comma`` (default: ``whole``): a comma before
    exactly three digits ("2,000") is ambiguous; the result then also holds ``choices``, the
    whole readings ("2000", "2"; for "2,500" only "2500").
    Errors, first found first: not_a_number, negative (below ``minimum``), ambiguous,
    too_high (above ``maximum``), too_large (more than MAX_DIGITS digits), not_whole.
    """
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return {"value": None, "error": None}
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return {"value": None, "error": NOT_A_NUMBER}
    if isinstance(raw, str):
        text = _plain(raw)
        if text is None:
            return {"value": None, "error": NOT_A_NUMBER}
        number = float(text)
        digits = len(text.lstrip("-").partition(".")[0].lstrip("0"))
    else:
        number = float(raw)
        digits = MAX_DIGITS + 1 if math.isfinite(number) and abs(number) >= 10**MAX_DIGITS else 0
    if not math.isfinite(number):
        return {"value": None, "error": NOT_A_NUMBER}
    if minimum is not None and number < minimum:
        return {"value": None, "error": NEGATIVE}
    comma = whole if thousands_comma is None else thousands_comma
    choices = ambiguous_choices(raw) if comma and isinstance(raw, str) else None
    if choices:
        # Only a field for whole numbers asks: it offers whole readings, "2,000" is 2000 or 2,
        # "2,500" only 2500.
        decimal = choices[1].replace(",", ".")
        choices = choices[:1] + ([decimal.split(".")[0]] if float(decimal).is_integer() else [])
    if choices:
        return {"value": None, "error": AMBIGUOUS, "choices": choices}
    if maximum is not None and number > maximum:
        return {"value": None, "error": TOO_HIGH}
    if digits > MAX_DIGITS:
        return {"value": None, "error": TOO_LARGE}
    if whole and number != math.floor(number):
        return {"value": None, "error": NOT_WHOLE}
    return {"value": int(number) if whole else number, "error": None}


def format_de(value: float, digits: int = 0) -> str:
    """German number format, the same as the front end's (``Intl.NumberFormat('de-DE')``).

    Like ICU, rounds the shortest decimal form of the float (``repr``: 1.005 → "1,01") half
    away from zero, groups thousands with "." (1.234,5), uses "," as decimal mark and drops
    trailing zeros. A result that rounds to zero has no sign: -0.0001 → "0".
    """
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(float(value)))
    rounded = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    whole, _, fraction = format(abs(rounded), "f").partition(".")
    fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups) + ("," + fraction if fraction else "")
    return "-" + text if rounded < 0 else text
