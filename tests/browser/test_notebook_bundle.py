"""The front-end bundles that anywidget runs in a live notebook, rendered in Chromium.

A kernel is not needed to check the notebook side of "one source, two hosts": the bundle is
what anywidget loads, and the model below offers the same get/set/save_changes/on calls.
"""

from __future__ import annotations

import pytest

from exercises.activities.widget import exercise_payload
from exercises.frontend.bundle import bundle
from exercises.quizzes.banks import load_banks
from exercises.quizzes.payload import quiz_payload

MOUNT = """async ([code, data]) => {
    const url = URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
    const module = await import(url);
    const values = {data, state: {}};
    const listeners = {};
    window.kernelSide = {saves: 0};
    window.model = {
      get: (key) => values[key],
      set: (key, value) => { values[key] = value; },
      save_changes: () => { window.kernelSide.saves += 1; window.kernelSide.state = values.state; },
      on: (event, callback) => { (listeners[event] ||= []).push(callback); },
      off: () => {}, send: () => {},
    };
    const host = document.createElement('div');
    host.id = 'notebook-output';
    document.body.prepend(host);
    module.default.render({model: window.model, el: host});
}"""


@pytest.fixture
def blank(recorder, site):
    page = recorder.page
    page.goto(site + "search.html")
    return page


def test_quiz_bundle_works_like_in_a_notebook(blank, recorder):
    payload = quiz_payload("profil")
    blank.evaluate(MOUNT, [bundle("kurs-quiz.js"), payload])
    question = next(q for q in load_banks()["profil"].questions if q.type == "true-false")
    out = blank.locator("#notebook-output")
    option = str(question.answer).lower()
    out.locator(f'[data-question-id="{question.id}"] li[data-option="{option}"] input').check()
    out.get_by_role("button", name="Prüfen", exact=True).click()
    assert out.locator(f'[data-feedback-for="{question.id}"] .kurs-verdict').inner_text() == "Richtig."
    state = blank.evaluate("window.kernelSide.state")
    assert state["results"][question.id] == "correct" and state["checked"] is True
    assert recorder.errors == []


@pytest.mark.parametrize(
    "exercise_id", ["profil-baukasten", "netzwerk-labor", "nutzen-rechner", "mitmachen-check"]
)
def test_exercise_bundle_renders_without_errors(blank, recorder, exercise_id):
    blank.evaluate(MOUNT, [bundle(f"kurs-ex-{exercise_id}.js"), exercise_payload(exercise_id)])
    out = blank.locator("#notebook-output")
    assert out.locator("button").count() >= 1
    assert len(out.inner_text()) > 200
    assert recorder.errors == []
