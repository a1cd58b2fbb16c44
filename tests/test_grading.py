"""Grading and every other decision of a quiz: the Python side of the shared vectors."""

from __future__ import annotations

import random

import pytest
from grading_vectors import call_python, case_id, cases, close, load

from exercises.quizzes import grading

GRADING = load("grading-vectors.yml")
QUIZ = load("vectors-quiz.yml")


@pytest.mark.parametrize("case", GRADING["cases"], ids=case_id)
def test_grading_vector(case):
    assert close(call_python(GRADING, case), case["expected"]), case["description"]


@pytest.mark.parametrize("case", QUIZ["cases"], ids=case_id)
def test_quiz_vector(case):
    assert close(call_python(QUIZ, case), case["expected"]), case["description"]


def test_every_case_has_a_description_and_the_one_shape():
    for name in ("grading-vectors.yml", "vectors-quiz.yml", "vectors-numbers.yml"):
        for case in cases(name):
            assert set(case) == {"description", "function", "args", "expected"}, case
            assert case["description"].strip(), case


def test_a_new_draw_is_always_valid_and_random():
    data = QUIZ["data"]["final_data"]
    draws = {tuple(grading.draw_questions(data, random.Random(seed))) for seed in range(30)}
    assert all(grading.draw_is_valid(data["final"], data["questions"], list(d)) for d in draws)
    assert len(draws) > 5


def test_unknown_question_type_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown question type"):
        grading.grade({"type": "essay"}, "Text")
