"""A chapter downloaded from the site, opened and answered in a real JupyterLab.

This is the notebook host of "one source, two hosts": the kernel runs the widget, Chromium
shows it, and the answers reach Python and the progress file beside the notebook.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from exercises.quizzes.banks import load_banks

TOKEN = "kurs-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def lab(built, tmp_path):
    """JupyterLab on 127.0.0.1 serving a folder with the downloaded profil notebook."""
    shutil.copy2(built.html / "_notebooks" / "book" / "profil.ipynb", tmp_path / "profil.ipynb")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--ServerApp.token={TOKEN}",
            f"--ServerApp.root_dir={tmp_path}",
            "--LabApp.expose_app_in_browser=True",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                pytest.fail("JupyterLab ist nicht gestartet.")
            time.sleep(0.5)
    yield base, tmp_path
    server.terminate()
    server.wait(timeout=30)


def test_quiz_in_jupyterlab_reaches_python_and_the_progress_file(recorder, lab):
    base, folder = lab
    page = recorder.page
    page.set_viewport_size({"width": 1300, "height": 900})
    page.goto(f"{base}/lab/tree/profil.ipynb?token={TOKEN}")
    page.wait_for_function("window.jupyterapp && document.querySelector('.jp-Notebook')", timeout=60_000)
    # The kernel starts with the notebook; run the cells once it reports "Idle".
    page.wait_for_function("document.body.innerText.includes('| Idle')", timeout=90_000)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    quiz = page.locator(".kurs-quiz")
    quiz.locator("fieldset").first.wait_for(timeout=90_000)
    question = next(q for q in load_banks()["profil"].questions if q.type == "true-false")
    fieldset = quiz.locator(f'[data-question-id="{question.id}"]')
    fieldset.scroll_into_view_if_needed()
    fieldset.locator(f'li[data-option="{str(question.answer).lower()}"] input').check()
    quiz.get_by_role("button", name="Prüfen", exact=True).click()
    verdict = quiz.locator(f'[data-feedback-for="{question.id}"] .kurs-verdict')
    assert verdict.inner_text() == "Richtig."
    progress = folder / "kurs-fortschritt.json"
    deadline = time.monotonic() + 20
    saved = {}
    while time.monotonic() < deadline:
        if progress.exists():
            saved = json.loads(progress.read_text(encoding="utf-8"))["items"].get("quiz:profil", {})
            if saved.get("results", {}).get(question.id) == "correct":
                break
        time.sleep(0.25)
    assert saved["answers"][question.id] is question.answer
    assert saved["results"][question.id] == "correct" and saved["checked"] is True

    # Arrow keys in a radio group choose the next answer; the notebook's shortcuts (next cell,
    # in command mode) do not see them.
    active_cell = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
    single = next(q for q in load_banks()["profil"].questions if q.type == "single")
    radios = quiz.locator(f'[data-question-id="{single.id}"] input[type=radio]')
    radios.first.scroll_into_view_if_needed()
    radios.first.focus()
    page.keyboard.press("Space")
    cell = page.evaluate(active_cell)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert radios.nth(2).is_checked()
    assert page.evaluate("() => document.activeElement.closest('.kurs-quiz') !== null")
    assert page.evaluate(active_cell) == cell
