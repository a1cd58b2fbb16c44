"""A browser that blocks site data: localStorage throws on every access."""

from __future__ import annotations

import pytest
from conftest import RecordingPage

from exercises.core.texts import t
from exercises.quizzes.banks import load_banks

pytestmark = pytest.mark.browser

BLOCK_STORAGE = """Object.defineProperty(window, 'localStorage', {configurable: true,
    get() { throw new DOMException('Der Zugriff ist nicht erlaubt.', 'SecurityError'); }});"""


@pytest.fixture
def blocked(browser, site):
    recording = RecordingPage(browser, site)
    recording.context.add_init_script(BLOCK_STORAGE)
    yield recording
    recording.context.close()


def test_typing_and_checking_work_for_the_visit_and_one_note_says_nothing_is_kept(blocked):
    page = blocked.open("book/profil")
    exercise = page.locator('[data-exercise-id="profil-baukasten"]')
    name = exercise.get_by_label("Name", exact=True)
    name.focus()
    page.keyboard.type("Julia Berger")
    page.keyboard.press("Tab")
    assert name.input_value() == "Julia Berger"
    assert "Julia Berger" in exercise.locator('[data-viewer="fremde"]').inner_text()

    quiz = page.locator('[data-quiz-id="profil"]')
    question = next(q for q in load_banks()["profil"].questions if q.type == "true-false")
    quiz.locator(
        f'[data-question-id="{question.id}"] li[data-option="{str(question.answer).lower()}"] input'
    ).check()
    quiz.get_by_role("button", name="Prüfen", exact=True).click()
    verdict = quiz.locator(f'[data-feedback-for="{question.id}"] .kurs-verdict')
    assert verdict.inner_text() == "Richtig."
    assert name.input_value() == "Julia Berger"  # the quiz's save did not wipe the exercise

    notes = page.get_by_text(t("common", "storage_blocked"))
    assert notes.count() == 1 and notes.is_visible()
    assert page.get_by_text(t("common", "saved_note")).count() == 0
    assert page.get_by_text(t("common", "saved_note_blocked")).count() == 2
    assert blocked.errors == []  # neither the course nor the theme fails without storage


BLOCK_BOTH = BLOCK_STORAGE + BLOCK_STORAGE.replace("'localStorage'", "'sessionStorage'")


def test_with_storage_blocked_menus_search_and_colour_mode_still_work_on_a_phone(browser, site):
    context = browser.new_context(
        locale="de-DE",
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    context.add_init_script(BLOCK_BOTH)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}book/profil.html")
    page.wait_for_load_state("networkidle")
    chapter = page.get_by_role("link", name="3. Netzwerke", exact=True)
    page.get_by_role("button", name="Navigation ein- oder ausblenden").tap()
    chapter.wait_for(state="visible")
    page.keyboard.press("Escape")
    chapter.wait_for(state="hidden")

    button = page.locator(".article-header-buttons .theme-switch-button")
    before = page.evaluate("document.documentElement.dataset.mode")
    button.tap()
    assert page.evaluate("document.documentElement.dataset.mode") != before
    assert page.get_by_text(t("common", "storage_blocked")).count() == 1

    page.goto(f"{site}search.html?q=Impressum")
    page.wait_for_selector("#search-results ul.search > li")
    assert page.locator("#search-results ul.search > li").count() >= 2
    assert errors == [], errors
    context.close()
