"""Quizzes in the published page, answered with the keyboard in Chromium."""

from __future__ import annotations

import re

import pytest
from pages import sort_by_moving_up

from exercises.quizzes.banks import load_banks

pytestmark = pytest.mark.browser

KEY = "social-media-kurs:v1"


def quiz(page, quiz_id):
    return page.locator(f'[data-quiz-id="{quiz_id}"]')


def page_questions(page, quiz_id):
    """The questions as the page has them (payload order; drawn ones for the final test)."""
    return page.evaluate(
        """(id) => {
        const data = JSON.parse(document.querySelector(`[data-quiz-id="${id}"] script`).textContent);
        const store = JSON.parse(localStorage.getItem('social-media-kurs:v1') || '{"items": {}}');
        const state = store.items[`quiz:${id}`] || {};
        if (!data.final) return data.questions;
        const byId = Object.fromEntries(data.questions.map(q => [q.id, q]));
        return state.drawn.map(id => byId[id]);
    }""",
        quiz_id,
    )


def type_into(field, text):
    """Click into a text field, type, and leave it with Tab (as a learner does)."""
    field.click()
    field.press("Control+A")
    field.type(text)
    field.press("Tab")


def answer(fieldset, question, right: bool):
    """Answer one question in the page, right or wrong, with clicks and typing."""
    kind = question["type"]
    if kind in ("single", "multiple"):
        correct = [i for i, o in enumerate(question["options"]) if o.get("correct")]
        other = next(i for i, o in enumerate(question["options"]) if not o.get("correct"))
        for index in correct if right else [other]:
            fieldset.locator(f'li[data-option="{index}"] label').click()
    elif kind == "true-false":
        value = question["answer"] if right else not question["answer"]
        fieldset.locator(f'li[data-option="{str(value).lower()}"] label').click()
    elif kind == "numeric":
        value = str(question["answer"]).replace(".", ",") if right else "999999"
        type_into(fieldset.locator("input[type=text]"), value)
    elif kind == "text":
        type_into(fieldset.locator("input[type=text]"), question["accepted"][0] if right else "sicher nicht")
    elif kind == "matching":
        ids = [d["id"] for d in question["definitions"]]
        for term in question["terms"]:
            choice = term["match"] if right else next(i for i in ids if i != term["match"])
            fieldset.locator(f'li[data-term="{term["id"]}"] select').select_option(choice)
    elif right:
        sort_by_moving_up(fieldset, len(question["items"]))
    else:  # the order shown is never the right one: confirm it as it is
        fieldset.get_by_label("Diese Reihenfolge ist meine Antwort").check()


def answer_true_false_by_keyboard(page, fieldset, value: bool):
    """Radio groups: Tab lands on the first option, arrow keys move, Space selects."""
    fieldset.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")
    if not value:
        page.keyboard.press("ArrowDown")


def test_answer_right_and_wrong_with_keyboard_and_hear_feedback(open_page):
    page = open_page("book/profil")
    root = quiz(page, "profil")
    bank = load_banks()["profil"]
    tf = [q for q in bank.questions if q.type == "true-false"]
    right_q, wrong_q = tf[0], tf[1]
    answer_true_false_by_keyboard(page, root.locator(f'[data-question-id="{right_q.id}"]'), right_q.answer)
    answer_true_false_by_keyboard(
        page, root.locator(f'[data-question-id="{wrong_q.id}"]'), not wrong_q.answer
    )
    check = root.get_by_role("button", name="Prüfen", exact=True)
    check.focus()
    page.keyboard.press("Enter")
    right_box = root.locator(f'[data-feedback-for="{right_q.id}"]')
    wrong_box = root.locator(f'[data-feedback-for="{wrong_q.id}"]')
    assert right_box.locator(".kurs-verdict").inner_text() == "Richtig."
    assert wrong_box.locator(".kurs-verdict").inner_text() == "Leider falsch."
    assert "Richtige Antwort:" in wrong_box.inner_text()
    assert "Erklärung:" in wrong_box.inner_text()
    total = len(bank.questions)
    assert root.locator(".kurs-score").inner_text() == f"1 von {total} richtig"
    live = root.locator('[aria-live="polite"]')
    page.wait_for_function("el => el.textContent.length > 0", arg=live.element_handle())
    assert f"1 von {total} richtig" in live.inner_text()
    assert "Noch offen" in live.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('kurs-result')")


def test_every_question_is_a_fieldset_with_legend_and_labelled_inputs(open_page):
    page = open_page("book/nutzen")
    root = quiz(page, "nutzen")
    fieldsets = root.locator("fieldset.kurs-question")
    assert fieldsets.count() == len(load_banks()["nutzen"].questions)
    for index in range(fieldsets.count()):
        assert fieldsets.nth(index).locator("legend").inner_text().strip()
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
        '[data-quiz-id] input, [data-quiz-id] select')].filter(
        el => !el.labels || el.labels.length === 0).length""")
    assert unlabelled == 0


def test_numeric_question_gives_friendly_hint_for_text(open_page):
    page = open_page("book/nutzen")
    root = quiz(page, "nutzen")
    question = next(q for q in load_banks()["nutzen"].questions if q.type == "numeric")
    field = root.locator(f'[data-question-id="{question.id}"] input[type=text]')
    field.focus()
    page.keyboard.type("ungefähr fünf")
    page.keyboard.press("Enter")
    box = root.locator(f'[data-feedback-for="{question.id}"]')
    assert box.inner_text() == "Bitte geben Sie eine Zahl ein, z. B. 4,5."
    field.fill("")
    field.focus()
    page.keyboard.type(f"{question.answer:g}".replace(".", ","))
    page.keyboard.press("Enter")
    assert box.locator(".kurs-verdict").inner_text() == "Richtig."


def test_progress_survives_reload_and_shows_on_start_page(open_anywhere):
    page = open_anywhere("book/profil")
    root = quiz(page, "profil")
    question = next(q for q in load_banks()["profil"].questions if q.type == "true-false")
    answer_true_false_by_keyboard(page, root.locator(f'[data-question-id="{question.id}"]'), question.answer)
    root.get_by_role("button", name="Prüfen", exact=True).click()
    page.reload()
    page.wait_for_selector('[data-quiz-id="profil"].is-ready')
    box = quiz(page, "profil").locator(f'[data-feedback-for="{question.id}"]')
    assert box.locator(".kurs-verdict").inner_text() == "Richtig."
    checked = quiz(page, "profil").locator(f'[data-question-id="{question.id}"] input:checked')
    assert checked.count() == 1
    page.goto(page.url.replace("book/profil.html", "book/index.html"))
    page.wait_for_selector("[data-progress-id].is-ready")
    assert not page.get_by_text("Noch keine Antworten gespeichert.").is_visible()
    total = len(load_banks()["profil"].questions)
    label = page.locator('[data-progress-for="profil"] label').inner_text()
    assert label == (
        f"Das Profil: bestes Ergebnis 1 von {total} richtig; "
        f"aktueller Versuch: 1 von {total} Fragen beantwortet, davon 1 richtig"
    )
    assert page.locator('[data-progress-for="profil"] progress').get_attribute("value") == "1"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Fortschritt zurücksetzen").click()
    assert page.locator('[data-progress-for="profil"] progress').get_attribute("value") == "0"
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}')).items") == {}
    assert page.get_by_text("Noch keine Antworten gespeichert.").is_visible()


def test_damaged_local_storage_is_ignored_and_replaced(open_page, recorder):
    page = open_page("book/profil")
    page.evaluate(f"localStorage.setItem('{KEY}', '{{kaputt')")
    page.reload()
    page.wait_for_selector('[data-quiz-id="profil"].is-ready')
    assert quiz(page, "profil").locator("fieldset").count() >= 8
    assert page.locator(".kurs-notice", has_text="beschädigt").count() == 1
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}')).version") == 1
    assert recorder.errors == []


def test_ordering_moves_items_by_keyboard_and_announces_position(open_page):
    page = open_page("book/profil")
    question = next(q for q in load_banks()["profil"].questions if q.type == "ordering")
    fieldset = quiz(page, "profil").locator(f'[data-question-id="{question.id}"]')
    down = fieldset.locator("button[data-move=down]").first
    moved = down.get_attribute("aria-label").removesuffix(" nach unten")
    down.focus()
    page.keyboard.press("Enter")
    assert fieldset.locator(".kurs-item").nth(1).inner_text() == moved
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith(moved)
    live = quiz(page, "profil").locator('[aria-live="polite"]')
    page.wait_for_function("el => el.textContent.includes('Platz 2')", arg=live.element_handle())


def test_final_test_gives_a_printable_certificate(open_anywhere):
    page = open_anywhere("book/abschluss")
    root = quiz(page, "abschlusstest")
    questions = page_questions(page, "abschlusstest")
    drawn = sum(draw.count for draw in load_banks()["abschlusstest"].draw)
    assert len(questions) == drawn
    for question in questions:
        answer(root.locator(f'[data-question-id="{question["id"]}"]'), question, right=True)
    root.get_by_role("button", name="Prüfen", exact=True).click()
    assert root.locator(".kurs-score").inner_text() == f"{drawn} von {drawn} richtig"
    assert "Bestanden mit 100 %" in root.locator(".kurs-passed").inner_text()
    create = root.get_by_role("button", name="Teilnahmebescheinigung erstellen")
    create.click()
    assert root.locator(".kurs-notice", has_text="Bitte geben Sie Ihren Namen ein.").is_visible()
    root.get_by_label("Ihr Name für die Bescheinigung").fill("Erika Musterfrau")
    create.click()
    certificate = root.locator(".kurs-certificate")
    text = certificate.inner_text()
    assert "Erika Musterfrau" in text and f"{drawn} von {drawn} Fragen richtig (100 %)" in text
    assert re.search(r"Datum: \d{1,2}\. \w+ 20\d\d", text)
    assert "Inhalte: Was sind soziale Netzwerke? · Das Profil · Netzwerke · " in text
    page.evaluate("window.print = () => {}")
    root.get_by_role("button", name="Drucken").click()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
    assert not root.get_by_role("button", name="Drucken").is_visible()


def check_button(root):
    return root.get_by_role("button", name="Prüfen", exact=True)


def fieldset_of(root, question):
    return root.locator(f'[data-question-id="{question["id"]}"]')


def test_an_untouched_ordering_is_unanswered_until_the_learner_confirms_it(open_page):
    page = open_page("book/profil")
    root = quiz(page, "profil")
    question = next(q for q in page_questions(page, "profil") if q["type"] == "ordering")
    fieldset = fieldset_of(root, question)
    assert "Stimmt die angezeigte Reihenfolge schon" in fieldset.inner_text()
    other = next(q for q in page_questions(page, "profil") if q["type"] == "true-false")
    answer(fieldset_of(root, other), other, right=True)  # with nothing answered, nothing is graded
    check_button(root).click()
    box = root.locator(f'[data-feedback-for="{question["id"]}"]')
    assert box.inner_text().startswith("Bitte beantworten Sie die Frage: Verschieben Sie die Einträge")
    assert "Leider falsch" not in box.inner_text() and "Richtige Reihenfolge" not in box.inner_text()
    assert fieldset.locator(".kurs-mark.is-wrong, .kurs-mark.is-right").count() == 0
    confirm = fieldset.get_by_label("Diese Reihenfolge ist meine Antwort")
    confirm.focus()
    page.keyboard.press("Space")
    assert confirm.is_checked()
    check_button(root).click()
    assert box.locator(".kurs-verdict").inner_text() == "Leider falsch."
    assert box.locator("ol.kurs-answer-list li").count() == len(question["items"])
    # Moving an item answers too; moving it back keeps the order as the answer.
    page.reload()
    page.wait_for_selector('[data-quiz-id="profil"].is-ready')
    fieldset = fieldset_of(quiz(page, "profil"), question)
    assert fieldset.get_by_label("Diese Reihenfolge ist meine Antwort").is_checked()


def test_a_new_final_test_keeps_the_last_certificate(open_page):
    page = open_page("book/abschluss")
    root = quiz(page, "abschlusstest")
    for question in page_questions(page, "abschlusstest"):
        answer(fieldset_of(root, question), question, right=True)
    check_button(root).click()
    root.get_by_label("Ihr Name für die Bescheinigung").fill("Erika Musterfrau")
    root.get_by_role("button", name="Teilnahmebescheinigung erstellen").click()
    assert "Erika Musterfrau" in root.locator(".kurs-certificate").inner_text()
    note = "eine bestandene Prüfung und Ihre Bescheinigung bleiben erhalten"
    assert note in root.inner_text()
    root.get_by_role("button", name="Neuen Test starten").click()
    assert root.locator(".kurs-certificate").count() == 0
    assert root.locator("input:checked").count() == 0
    assert page.evaluate("document.activeElement.closest('fieldset') !== null")
    assert "Sie haben den Abschlusstest bereits bestanden" in root.locator(".kurs-result").inner_text()
    page.reload()
    page.wait_for_selector('[data-quiz-id="abschlusstest"].is-ready')
    root = quiz(page, "abschlusstest")
    show = root.get_by_role("button", name="Letzte Bescheinigung anzeigen")
    assert show.get_attribute("aria-expanded") == "false"
    show.focus()
    page.keyboard.press("Enter")
    assert show.get_attribute("aria-expanded") == "true"
    text = root.locator(".kurs-certificate").inner_text()
    assert "Erika Musterfrau" in text and "(100 %)" in text


def test_partly_right_multiple_choice_says_what_is_missing_and_marks_read_clearly(open_page):
    page = open_page("book/profil")
    root = quiz(page, "profil")
    questions = page_questions(page, "profil")
    multiple = next(q for q in questions if q["type"] == "multiple")
    right = [i for i, o in enumerate(multiple["options"]) if o.get("correct")]
    wrong = next(i for i, o in enumerate(multiple["options"]) if not o.get("correct"))
    fieldset = fieldset_of(root, multiple)
    fieldset.locator(f'li[data-option="{right[0]}"] label').click()
    fieldset.locator(f'li[data-option="{wrong}"] label').click()
    tf = next(q for q in questions if q["type"] == "true-false")
    answer(fieldset_of(root, tf), tf, right=False)
    check_button(root).click()
    box = root.locator(f'[data-feedback-for="{multiple["id"]}"]')
    assert box.locator(".kurs-verdict").inner_text() == "Teilweise richtig."
    counts = f"Sie haben 1 von {len(right)} zutreffenden Antworten gewählt und 1 nicht zutreffende."
    assert counts in box.inner_text()
    assert box.locator("ul.kurs-answer-list li").count() == len(right)
    assert ".;" not in box.inner_text()
    option = lambda index: fieldset.locator(f'li[data-option="{index}"]').inner_text()  # noqa: E731
    assert option(wrong).endswith("✗ Ihre Wahl, stimmt nicht")
    assert option(right[0]).endswith("✓ Ihre Wahl, stimmt")
    assert option(right[1]).endswith("✓ richtige Antwort, nicht gewählt")
    tf_set = fieldset_of(root, tf)
    chosen = str(not tf["answer"]).lower()
    assert " ".join(tf_set.locator(f'li[data-option="{chosen}"]').inner_text().split()) == (
        ("Richtig" if chosen == "true" else "Falsch") + " ✗ Ihre Wahl, stimmt nicht"
    )
    tf_box = root.locator(f'[data-feedback-for="{tf["id"]}"]')
    lines = [line for line in tf_box.inner_text().splitlines() if line.strip()]
    assert lines[0] == "Leider falsch." and re.match(r"Ihre Wahl „(Richtig|Falsch)“: ", lines[1])
    assert not re.match(r"Ihre Wahl „\w+“: (Leider nicht|Nein|Doch|Richtig)\b", lines[1])


def test_articles_and_units_the_prompt_names_are_accepted(open_page):
    page = open_page("book/soziale-netzwerke")
    root = quiz(page, "soziale-netzwerke")
    questions = page_questions(page, "soziale-netzwerke")
    percent = next(q for q in questions if q["type"] == "numeric" and q.get("unit") == "%")
    field = fieldset_of(root, percent).locator("input[type=text]")
    field.focus()
    page.keyboard.type(f"{percent['answer']:g} Prozentpunkte".replace(".", ","))
    page.keyboard.press("Enter")
    assert root.locator(f'[data-feedback-for="{percent["id"]}"] .kurs-verdict').inner_text() == "Richtig."
    page = open_page("book/netzwerke")
    root = quiz(page, "netzwerke")
    text = next(q for q in page_questions(page, "netzwerke") if q["type"] == "text")
    word = next(a for a in text["accepted"] if " " not in a)
    field = fieldset_of(root, text).locator("input[type=text]")
    field.focus()
    page.keyboard.type(f"die {word}")
    page.keyboard.press("Enter")
    assert root.locator(f'[data-feedback-for="{text["id"]}"] .kurs-verdict').inner_text() == "Richtig."


def test_an_ambiguous_or_huge_number_gets_a_question_not_a_grade(open_page):
    page = open_page("book/netzwerke")
    root = quiz(page, "netzwerke")
    whole = next(
        q
        for q in page_questions(page, "netzwerke")
        if q["type"] == "numeric" and float(q["answer"]).is_integer() and not q.get("tolerance")
    )
    field = fieldset_of(root, whole).locator("input[type=text]")
    box = root.locator(f'[data-feedback-for="{whole["id"]}"]')
    field.focus()
    page.keyboard.type("1,270")
    page.keyboard.press("Enter")
    # a whole number is asked for: 1,27 is no reading, so the question offers only 1270
    assert box.inner_text().startswith("Meinen Sie 1270? Ganze Zahlen schreiben Sie hier ohne Komma")
    field.fill("")
    field.focus()
    page.keyboard.type("3,000")
    page.keyboard.press("Enter")
    assert box.inner_text().startswith("Meinen Sie 3000 oder 3?")
    assert field.get_attribute("aria-invalid") == "true"
    field.fill("")
    field.focus()
    page.keyboard.type("123456789012345678901234")
    page.keyboard.press("Enter")
    assert box.inner_text().startswith("Diese Zahl ist zu groß: Möglich sind höchstens 15 Stellen")
    field.fill("")
    field.focus()
    page.keyboard.type(f"{whole['answer']:,.0f}".replace(",", "'"))
    page.keyboard.press("Enter")
    assert box.locator(".kurs-verdict").inner_text() == "Richtig."
    assert field.get_attribute("aria-invalid") is None


def test_feedback_describes_the_inputs_and_retry_focuses_the_first_control(open_page):
    page = open_page("book/nutzen")
    root = quiz(page, "nutzen")
    questions = page_questions(page, "nutzen")
    numeric = next(q for q in questions if q["type"] == "numeric")
    field = fieldset_of(root, numeric).locator("input[type=text]")
    type_into(field, "999")
    check_button(root).click()
    assert field.get_attribute("aria-invalid") == "true"
    described = page.evaluate(
        """(el) => el.getAttribute('aria-describedby').split(' ')
            .map(id => document.getElementById(id).innerText).join(' ')""",
        field.element_handle(),
    )
    assert described.startswith("Leider falsch.") or "Leider falsch." in described
    for control in fieldset_of(root, questions[0]).locator("input, select, button.kurs-move").all():
        feedback = control.get_attribute("aria-describedby").split()[-1]
        assert page.locator(f"#{feedback}").get_attribute("data-feedback-for") == questions[0]["id"]
    right_one = next(q for q in questions if q["type"] == "true-false")
    answer(fieldset_of(root, right_one), right_one, right=True)
    check_button(root).click()
    assert fieldset_of(root, right_one).locator("input").first.get_attribute("aria-invalid") is None
    root.get_by_role("button", name="Noch einmal versuchen").click()
    focused = page.evaluate(
        """() => ({tag: document.activeElement.tagName, disabled: document.activeElement.disabled,
            question: document.activeElement.closest('fieldset')?.dataset.questionId})"""
    )
    assert focused == {"tag": focused["tag"], "disabled": False, "question": questions[0]["id"]}
    assert focused["tag"] in ("INPUT", "SELECT", "BUTTON")


def test_progress_counts_answered_questions_and_shows_exercises(open_page):
    page = open_page("book/profil")
    root = quiz(page, "profil")
    questions = page_questions(page, "profil")
    for question in questions:
        answer(fieldset_of(root, question), question, right=False)
    check_button(root).click()
    assert root.locator(".kurs-score").inner_text() == f"0 von {len(questions)} richtig"
    page.goto(page.url.replace("book/profil.html", "book/nutzen.html"))
    page.wait_for_selector('[data-exercise-id="nutzen-rechner"].is-ready')
    type_into(page.locator('[data-exercise-id="nutzen-rechner"]').get_by_label("Likes", exact=True), "45")
    page.goto(page.url.replace("book/nutzen.html", "book/index.html"))
    page.wait_for_selector("[data-progress-id].is-ready")
    assert not page.get_by_text("Noch keine Antworten gespeichert.").is_visible()
    label = page.locator('[data-progress-for="profil"] label').inner_text()
    assert label == (
        f"Das Profil: bestes Ergebnis 0 von {len(questions)} richtig; "
        f"aktueller Versuch: {len(questions)} von {len(questions)} Fragen beantwortet, davon 0 richtig"
    )
    first = page.locator('[data-progress-for="soziale-netzwerke"] label').inner_text()
    assert first.startswith("Was sind soziale Netzwerke? 0 von") and "?:" not in first
    exercises = page.locator(".kurs-progress-exercises li")
    assert page.get_by_role("heading", name="Übungen").is_visible()
    assert "Nutzen-Rechner: begonnen" in exercises.all_inner_texts()
    assert "Netzwerk-Labor: noch nicht begonnen" in exercises.all_inner_texts()


def test_without_javascript_the_questions_and_options_can_be_read(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(site + "book/profil.html")
    fallback = page.locator('[data-quiz-id="profil"] .kurs-fallback')
    assert fallback.is_visible()
    assert fallback.locator("p").first.inner_text().endswith("mit ihren Antwortmöglichkeiten zum Nachlesen.")
    bank = load_banks()["profil"]
    assert fallback.locator(".kurs-fallback-questions > li").count() == len(bank.questions)
    single = next(q for q in bank.questions if q.type == "single")
    for option in single.options:
        assert fallback.get_by_text(option.text, exact=True).is_visible()
    page.goto(site + "book/abschluss.html")
    note = page.locator('[data-quiz-id="abschlusstest"] .kurs-fallback').inner_text()
    assert note.startswith("Der Abschlusstest braucht JavaScript")
    context.close()


def test_a_stored_empty_draw_shows_a_full_final_test(open_page):
    page = open_page("book/abschluss")
    page.evaluate(
        f"""localStorage.setItem('{KEY}', JSON.stringify({{version: 1, items: {{
            'quiz:abschlusstest': {{drawn: [], answers: {{}}, results: {{}}}}}}}}))"""
    )
    page.reload()
    page.wait_for_selector('[data-quiz-id="abschlusstest"].is-ready')
    drawn = sum(draw.count for draw in load_banks()["abschlusstest"].draw)
    root = quiz(page, "abschlusstest")
    assert root.locator("fieldset.kurs-question").count() == drawn
    assert root.locator(".kurs-intro").inner_text().startswith(f"{drawn} Fragen aus allen Kapiteln.")
