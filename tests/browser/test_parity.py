"""The page's JavaScript grading agrees with Python on every shared vector."""

import pytest
from grading_vectors import CASES, IDS


@pytest.mark.parametrize(("question", "answer", "expected"), CASES, ids=IDS)
def test_js_grading_matches_vector(run_js, question, answer, expected):
    assert run_js("kurs-grading.js", "grade", question, answer) == expected
