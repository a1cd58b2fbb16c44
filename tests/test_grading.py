"""Grading beyond the shared vectors (tests/test_vectors.py runs those): the random draw, errors."""

from __future__ import annotations

import random

import pytest
from exercise_vectors import load

from exercises.quizzes import grading

QUIZ = load("vectors-quiz.yml")


def test_a_new_draw_is_always_valid_and_random():
    data = QUIZ["data"]["final_data"]
    draws = {tuple(grading.draw_questions(data, random.Random(seed))) for seed in range(30)}
    assert all(grading.draw_is_valid(data["final"], data["questions"], list(d)) for d in draws)
    assert len(draws) > 5


def test_unknown_question_type_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown question type"):
        grading.grade({"type": "essay"}, "Text")
