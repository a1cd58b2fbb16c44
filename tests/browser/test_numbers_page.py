"""Numbers as learners type them, in an exercise's calculator: the same reader as the quizzes."""

from __future__ import annotations

import pytest
from exercise_vectors import exercise_root

pytestmark = pytest.mark.browser


def type_and_leave(page, field, text):
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Tab")


def test_calculator_asks_about_2_000_accepts_swiss_numbers_and_names_the_limit(open_page):
    page = open_page("book/nutzen")
    root = exercise_root(page, "nutzen-rechner")
    likes = root.get_by_label("Likes", exact=True)
    hint = root.locator('[data-hint-for="likes"]')
    type_and_leave(page, likes, "2,000")
    assert likes.get_attribute("aria-invalid") == "true"
    assert (
        hint.inner_text() == "Meinen Sie 2000 oder 2? Ganze Zahlen schreiben Sie hier ohne Komma, z. B. 2000."
    )
    type_and_leave(page, likes, "2,500")  # a whole-number field: only 2500 is possible, to confirm
    assert hint.inner_text() == "Meinen Sie 2500? Ganze Zahlen schreiben Sie hier ohne Komma, z. B. 2500."
    type_and_leave(page, likes, "1'500")
    assert likes.get_attribute("aria-invalid") == "false" and not hint.is_visible()
    type_and_leave(page, likes, "2’000")
    assert likes.get_attribute("aria-invalid") == "false"
    type_and_leave(page, likes, "123456789012345678901234")
    assert likes.get_attribute("aria-invalid") == "true"
    assert hint.inner_text().startswith("Diese Zahl ist zu groß: Möglich sind höchstens 15 Stellen")
