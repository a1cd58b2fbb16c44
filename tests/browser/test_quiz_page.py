"""Quizzes in the published page, answered with the keyboard in Chromium."""

from __future__ import annotations

import re

from exercises.quizzes.banks import load_banks

KEY = "social-media-kurs:v1"


def quiz(page, quiz_id):
    return page.locator(f'[data-quiz-id="{quiz_id}"]')


def focus_first_input(fieldset):
    fieldset.locator("input, select, button").first.focus()


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
    assert page.evaluate("document.activeElement.textContent") == "Prüfen"


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
    assert label == f"Das Profil: 1 von {total} Fragen richtig"
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


def sort_by_moving_up(fieldset, count):
    """Put the ordering items in their right order with the "nach oben" buttons."""
    for target in range(count):
        while True:
            order = [
                int(x)
                for x in fieldset.locator("li[data-item]").evaluate_all("els => els.map(e => e.dataset.item)")
            ]
            if order.index(target) == target:
                break
            fieldset.locator(f'li[data-item="{target}"] button[data-move=up]').click()


def test_final_test_gives_a_printable_certificate(open_anywhere):
    page = open_anywhere("book/abschluss")
    root = quiz(page, "abschlusstest")
    questions = page.evaluate("""() => {
        const data = JSON.parse(document.querySelector('[data-quiz-id=abschlusstest] script').textContent);
        const state = JSON.parse(localStorage.getItem('social-media-kurs:v1')).items['quiz:abschlusstest'];
        const byId = Object.fromEntries(data.questions.map(q => [q.id, q]));
        return state.drawn.map(id => byId[id]);
    }""")
    drawn = sum(draw.count for draw in load_banks()["abschlusstest"].draw)
    assert len(questions) == drawn
    for question in questions:
        fieldset = root.locator(f'[data-question-id="{question["id"]}"]')
        kind = question["type"]
        if kind in ("single", "multiple"):
            for index, option in enumerate(question["options"]):
                if option.get("correct"):
                    fieldset.locator(f'li[data-option="{index}"] input').check()
        elif kind == "true-false":
            fieldset.locator(f'li[data-option="{str(question["answer"]).lower()}"] input').check()
        elif kind == "numeric":
            fieldset.locator("input[type=text]").fill(str(question["answer"]).replace(".", ","))
            fieldset.locator("input[type=text]").dispatch_event("change")
        elif kind == "text":
            fieldset.locator("input[type=text]").fill(question["accepted"][0])
            fieldset.locator("input[type=text]").dispatch_event("change")
        elif kind == "matching":
            for term in question["terms"]:
                fieldset.locator(f'li[data-term="{term["id"]}"] select').select_option(term["match"])
        else:
            sort_by_moving_up(fieldset, len(question["items"]))
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
    page.evaluate("window.print = () => {}")
    root.get_by_role("button", name="Drucken").click()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
    assert not root.get_by_role("button", name="Drucken").is_visible()
