"""The number reader and the one German number format: the Python side of the shared vectors."""

from __future__ import annotations

import pytest
from exercise_vectors import call_python, case_id, close, load

from exercises.activities.netzwerk_labor import rules as network_rules
from exercises.activities.nutzen_rechner import rules as kpi_rules
from exercises.core import numbers
from exercises.core.texts import t

NUMBERS = load("vectors-numbers.yml")


@pytest.mark.parametrize("case", NUMBERS["cases"], ids=case_id)
def test_number_vector(case):
    assert close(call_python(NUMBERS, case), case["expected"]), case["description"]


def test_the_exercises_use_the_one_formatter():
    assert kpi_rules.format_number is numbers.format_de
    assert network_rules.de_number is numbers.format_de


def test_the_limit_message_names_the_limit():
    assert f"höchstens {numbers.MAX_DIGITS} Stellen" in t("common", "err_too_large")
