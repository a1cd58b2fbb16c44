"""Grading of every question type (Python side of the shared vectors)."""

import pytest
from grading_vectors import CASES, IDS

from exercises.quizzes import grading


@pytest.mark.parametrize(("question", "answer", "expected"), CASES, ids=IDS)
def test_vector(question, answer, expected):
    assert grading.grade(question, answer) == expected


def test_score_and_pass_mark():
    questions = [
        {"id": "a", "type": "true-false", "answer": True},
        {"id": "b", "type": "true-false", "answer": False},
        {"id": "c", "type": "numeric", "answer": 5, "tolerance": 0},
    ]
    assert grading.score(questions, {"a": True, "b": True, "c": "5"}) == (2, 3)
    assert grading.passed(7, 10, 0.7) and not grading.passed(6, 10, 0.7)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("4,5", 4.5),
        ("1.234,5", 1234.5),
        ("12.500", 12500),
        ("5 %", 5),
        ("-2", -2),
        ("abc", None),
        ("4,5,6", None),
    ],
)
def test_parse_number_reads_german_input(typed, number):
    assert grading.parse_number(typed) == number
