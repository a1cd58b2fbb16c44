"""The one German number format, used by every exercise (the reader's cases: vectors-numbers.yml)."""

from __future__ import annotations

from exercises.activities.netzwerk_labor import rules as network_rules
from exercises.activities.nutzen_rechner import rules as kpi_rules
from exercises.core import numbers
from exercises.core.texts import t


def test_the_exercises_use_the_one_formatter():
    assert kpi_rules.format_number is numbers.format_de
    assert network_rules.de_number is numbers.format_de


def test_the_limit_message_names_the_limit():
    assert f"höchstens {numbers.MAX_DIGITS} Stellen" in t("common", "err_too_large")
