"""What a learner sees after "Prüfen": the result in view and focused, no attempt counted for an
accidental click, the best result on the start page after a new attempt, the chosen option
quoted, the hint button saying what it does, and German singular and plural."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import shot
from test_quiz_page import KEY, answer, check_button, fieldset_of, page_questions, quiz
from test_theme_search import finished_status

pytestmark = pytest.mark.browser


def stored(page, quiz_id: str) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}') || '{{\"items\": {{}}}}').items")[
        f"quiz:{quiz_id}"
    ]


def in_view(page, locator) -> bool:
    """Is the top of the element on the screen (below nothing but the viewport's top)?"""
    box = locator.bounding_box()
    height = page.evaluate("window.innerHeight")
    return box is not None and 0 <= box["y"] < height and box["y"] + min(box["height"], 60) <= height


def focused_is_result(page, root) -> bool:
    return root.locator(".kurs-result").evaluate("el => document.activeElement === el")


def live_text(page, root) -> str:
    live = root.locator('[aria-live="polite"]').last
    page.wait_for_function("el => el.textContent.length > 0", arg=live.element_handle())
    return live.inner_text()


# --- 1. the result after "Prüfen" --------------------------------------------------------------


def test_on_a_phone_the_result_comes_into_view_and_takes_the_focus(phone):
    page = phone("book/profil")
    root = quiz(page, "profil")
    questions = page_questions(page, "profil")
    for question in questions:
        answer(fieldset_of(root, question), question, right=False)
    check_button(root).tap()
    result = root.locator(".kurs-result")
    shot(page, "nach-pruefen-handy")
    assert in_view(page, result.locator(".kurs-score"))
    assert result.locator(".kurs-score").inner_text() == f"0 von {len(questions)} richtig"
    assert focused_is_result(page, root)
    assert result.get_attribute("tabindex") == "-1"
    numbers = ", ".join(str(n + 1) for n in range(len(questions)))
    assert result.get_by_text(f"Falsch beantwortet: Fragen {numbers}.").is_visible()
    assert f"Geprüft: 0 von {len(questions)} richtig." in live_text(page, root)


def test_on_a_desktop_by_keyboard_the_result_comes_into_view_and_takes_the_focus(open_page):
    page = open_page("book/profil")
    root = quiz(page, "profil")
    questions = page_questions(page, "profil")
    for question in questions:
        answer(fieldset_of(root, question), question, right=True)
    check = check_button(root)
    check.focus()
    page.keyboard.press("Enter")
    result = root.locator(".kurs-result")
    assert in_view(page, result.locator(".kurs-score"))
    assert result.locator(".kurs-score").inner_text() == f"{len(questions)} von {len(questions)} richtig"
    assert focused_is_result(page, root)
    page.keyboard.press("Shift+Tab")  # the result sits right after the buttons
    assert page.evaluate("document.activeElement.textContent") == "Noch einmal versuchen"


# --- 3. "Prüfen" with nothing (or, in the final test, not everything) answered -----------------


def test_pruefen_with_nothing_answered_grades_nothing_and_says_so(phone):
    page = phone("book/profil")
    root = quiz(page, "profil")
    check_button(root).tap()
    message = "Bitte beantworten Sie zuerst mindestens eine Frage."
    result = root.locator(".kurs-result")
    shot(page, "nichts-beantwortet-handy")
    assert result.get_by_text(message).is_visible()
    assert in_view(page, result)
    assert message in live_text(page, root)
    assert root.locator(".kurs-score").count() == 0
    assert root.locator(".kurs-verdict").count() == 0
    assert focused_is_result(page, root)
    assert "attempts" not in stored(page, "profil")


def test_a_partly_answered_quiz_shows_what_is_still_open(open_page):
    page = open_page("book/profil")
    root = quiz(page, "profil")
    questions = page_questions(page, "profil")
    for question in questions[:-1]:
        answer(fieldset_of(root, question), question, right=True)
    check_button(root).click()
    result = root.locator(".kurs-result")
    last = len(questions)
    line = f"Noch offen: 1 Frage (Frage {last}). Beantworten Sie sie und prüfen Sie erneut."
    assert result.get_by_text(line).is_visible()
    assert line in live_text(page, root)
    assert stored(page, "profil")["attempts"] == 1
    root.get_by_role("button", name="Noch einmal versuchen").click()
    for question in questions[:-2]:
        answer(fieldset_of(root, question), question, right=True)
    check_button(root).click()
    line = f"Noch offen: 2 Fragen (Fragen {last - 1}, {last}). Beantworten Sie sie und prüfen Sie erneut."
    assert result.get_by_text(line).is_visible()


def test_the_final_test_is_graded_only_with_every_question_answered(open_page):
    page = open_page("book/abschluss")
    root = quiz(page, "abschlusstest")
    assert "Geprüft wird, wenn alle Fragen beantwortet sind." in root.locator(".kurs-intro").inner_text()
    check_button(root).click()
    result = root.locator(".kurs-result")
    assert result.get_by_text("Bitte beantworten Sie zuerst mindestens eine Frage.").is_visible()
    questions = page_questions(page, "abschlusstest")
    answer(fieldset_of(root, questions[0]), questions[0], right=True)
    check_button(root).click()
    shot(root.locator(".kurs-result"), "abschlusstest-unvollstaendig")
    numbers = ", ".join(str(n) for n in range(2, len(questions) + 1))
    assert result.get_by_text(
        f"Im Abschlusstest zählt jede Frage: Noch offen sind {len(questions) - 1} Fragen (Fragen {numbers})."
    ).is_visible()
    assert root.locator(".kurs-score, .kurs-failed, .kurs-passed").count() == 0
    box = root.locator(f'[data-feedback-for="{questions[1]["id"]}"]')
    assert box.inner_text().startswith("Bitte beantworten Sie die Frage")
    assert focused_is_result(page, root)
    assert "attempts" not in stored(page, "abschlusstest")
    for question in questions[1:-1]:
        answer(fieldset_of(root, question), question, right=True)
    check_button(root).click()
    line = f"Im Abschlusstest zählt jede Frage: Bitte beantworten Sie zuerst auch Frage {len(questions)}"
    assert line in result.inner_text()
    answer(fieldset_of(root, questions[-1]), questions[-1], right=False)
    check_button(root).click()
    right = len(questions) - 1
    assert result.locator(".kurs-score").inner_text() == f"{right} von {len(questions)} richtig"
    assert stored(page, "abschlusstest")["attempts"] == 1


# --- 2. the start page after a new attempt ------------------------------------------------------


def test_the_start_page_keeps_the_best_result_after_a_new_attempt(phone):
    page = phone("book/profil")
    root = quiz(page, "profil")
    questions = page_questions(page, "profil")
    half = len(questions) // 2
    for index, question in enumerate(questions):
        answer(fieldset_of(root, question), question, right=index < half)
    check_button(root).click()
    assert root.locator(".kurs-score").inner_text() == f"{half} von {len(questions)} richtig"
    root.get_by_role("button", name="Noch einmal versuchen").click()

    page.goto(page.url.replace("book/profil.html", "book/abschluss.html"))
    page.wait_for_selector('[data-quiz-id="abschlusstest"].is-ready')
    final = quiz(page, "abschlusstest")
    drawn = page_questions(page, "abschlusstest")
    for question in drawn:
        answer(fieldset_of(final, question), question, right=True)
    check_button(final).click()
    final.get_by_role("button", name="Neuen Test starten").click()

    page.goto(page.url.replace("book/abschluss.html", "book/index.html"))
    page.wait_for_selector("[data-progress-id].is-ready")
    overview = page.locator("[data-progress-id]")
    overview.scroll_into_view_if_needed()
    shot(overview, "fortschritt-nach-neuem-versuch-handy")
    assert not page.get_by_text("Noch keine Antworten gespeichert.").is_visible()
    total = len(questions)
    label = page.locator('[data-progress-for="profil"] label').inner_text()
    assert label == (
        f"Das Profil: bestes Ergebnis {half} von {total} richtig; "
        f"aktueller Versuch: 0 von {total} Fragen beantwortet, davon 0 richtig"
    )
    label = page.locator('[data-progress-for="abschlusstest"] label').inner_text()
    assert label == (
        "Abschlusstest: bestanden mit 100\u00a0%; "  # no line break between 100 and %
        f"aktueller Versuch: 0 von {len(drawn)} Fragen beantwortet, davon 0 richtig"
    )


# --- 4. "Ihre Wahl" quotes the chosen option, for every type ------------------------------------


def test_the_feedback_quotes_the_chosen_option_then_its_feedback(open_page):
    page = open_page("book/profil")
    root = quiz(page, "profil")
    questions = page_questions(page, "profil")
    single = next(q for q in questions if q["type"] == "single")
    tf = next(q for q in questions if q["type"] == "true-false")
    answer(fieldset_of(root, single), single, right=False)
    answer(fieldset_of(root, tf), tf, right=False)
    check_button(root).click()
    chosen = next(o for o in single["options"] if not o.get("correct"))
    line = root.locator(f'[data-feedback-for="{single["id"]}"] .kurs-option-feedback li').inner_text()
    option = re.sub(r"<[^>]+>", "", chosen["text"]).strip().rstrip(".!?;:,")
    assert line.startswith(f"Ihre Wahl „{option}“: ")
    line = root.locator(f'[data-feedback-for="{tf["id"]}"] .kurs-option-feedback li').inner_text()
    assert line.startswith(f"Ihre Wahl „{'Falsch' if tf['answer'] else 'Richtig'}“: ")
    assert len(line) > len("Ihre Wahl „Richtig“: ")


# --- 5. the hint button -----------------------------------------------------------------------


def test_the_hint_button_says_it_hides_the_hint_while_it_is_shown(open_page):
    page = open_page("book/netzwerke")
    root = quiz(page, "netzwerke")
    question = next(q for q in page_questions(page, "netzwerke") if q.get("hint"))
    fieldset = fieldset_of(root, question)
    button = fieldset.get_by_role("button", name="Tipp anzeigen")
    button.focus()
    page.keyboard.press("Enter")
    hide = fieldset.get_by_role("button", name="Tipp ausblenden")
    assert hide.get_attribute("aria-expanded") == "true"
    assert fieldset.locator(".kurs-hint").is_visible()
    page.keyboard.press("Enter")
    assert fieldset.get_by_role("button", name="Tipp anzeigen").get_attribute("aria-expanded") == "false"
    assert fieldset.locator(".kurs-hint").is_hidden()


# --- 7. the example of a number ---------------------------------------------------------------


def test_a_word_for_a_whole_number_gets_a_whole_example(open_page):
    page = open_page("book/netzwerke")
    root = quiz(page, "netzwerke")
    whole = next(
        q
        for q in page_questions(page, "netzwerke")
        if q["type"] == "numeric" and float(q["answer"]).is_integer() and not q.get("tolerance")
    )
    field = fieldset_of(root, whole).locator("input[type=text]")
    field.focus()
    page.keyboard.type("vier")
    page.keyboard.press("Enter")
    box = root.locator(f'[data-feedback-for="{whole["id"]}"]')
    assert box.inner_text() == "Bitte geben Sie eine Zahl ein, z. B. 4."
    assert field.evaluate("el => document.activeElement === el")  # Enter in a field keeps the focus


# --- 6. singular and plural elsewhere ---------------------------------------------------------


def test_the_mitmachen_check_counts_its_points_in_german(open_page):
    page = open_page("book/mitmachen")
    root = page.locator('[data-exercise-id="mitmachen-check"]')
    root.locator('input[data-question="goals"]').first.check()
    root.locator('input[data-question="audience"]').first.check()
    live = root.locator('[aria-live="polite"]')
    page.wait_for_function("el => el.textContent.length > 0", arg=live.element_handle())
    text = live.inner_text()
    found = re.search(r"Zuerst vorbereiten: (\d+) (Punkte?)\.$", text)
    assert found, text
    assert found.group(2) == ("Punkt" if found.group(1) == "1" else "Punkte")


def one_page_word(html: Path) -> str:
    """A word of the search index found on exactly one page and in no title."""
    raw = (html / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    titles = set(index.get("titleterms", {}))
    names = " ".join(json.dumps(index.get("objects", {})).lower().split())
    return next(
        word
        for word, docs in sorted(index["terms"].items())
        if isinstance(docs, int) and word.isalpha() and len(word) > 7
        if word not in titles and word not in names
    )


def test_the_search_counts_pages_in_german_singular_and_plural(open_page, built):
    page = open_page("search")
    base = page.url
    for query in ("Shitstorm", one_page_word(built.html)):
        page.goto(f"{base}?q={query}")
        page.wait_for_selector("#search-results ul.search > li", timeout=15000)
        status = finished_status(page)
        count = page.locator("#search-results ul.search > li").count()
        one, other = "Suche beendet: 1 Seite gefunden.", f"Suche beendet: {count} Seiten gefunden."
        expected = one if count == 1 else other
        assert status == expected, query
    assert count == 1
