"""The SCORM 1.2 package in a real SCORM runtime: scorm-again's Scorm12API as the platform.

The package (``kurs export-scorm``, made from the session's build) is unpacked and served with a
small host page (tests/data/scorm/host.html) from one server on 127.0.0.1, as a learning
platform serves both; scorm-again commits to that server, which records every commit. Each
launch is a fresh browser context (another computer): what comes back on a relaunch can only
come from the committed cmi values.
"""

from __future__ import annotations

import functools
import http.server
import io
import itertools
import json
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
import yaml
from conftest import REPO
from pages import sort_by_moving_up

from exercises.instructors import scorm_state
from exercises.instructors.scorm import package
from exercises.quizzes.banks import load_banks

pytestmark = pytest.mark.browser

HOST_PAGE = REPO / "tests/data/scorm/host.html"
RUNTIME = REPO / "node_modules/scorm-again/dist/scorm12.min.js"
VECTORS = yaml.safe_load((REPO / "tests/data/scorm/state-vectors.yml").read_text(encoding="utf-8"))
LEARNERS = itertools.count(1)
SAVED_LMS = "Ihre Antworten werden auf der Lernplattform gespeichert."


class PlatformHandler(http.server.SimpleHTTPRequestHandler):
    """/lms/host.html and the runtime, /kurs/… the unpacked package, POST /lms/commit."""

    def __init__(self, *args, package_dir: Path, commits: list, **kwargs):
        self.package_dir = package_dir
        self.commits = commits
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if path == "/lms/host.html":
            return str(HOST_PAGE)
        if path == "/lms/scorm12.min.js":
            return str(RUNTIME)
        if path.startswith("/kurs/"):
            return super().translate_path(path.removeprefix("/kurs"))
        return str(self.package_dir / "nicht-vorhanden")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.commits.append(json.loads(body.decode("utf-8")))
        answer = b'{"result": true, "errorCode": 0}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


@pytest.fixture(scope="session")
def scorm_dir(built, tmp_path_factory) -> Path:
    if not RUNTIME.exists():
        pytest.fail(f"scorm-again fehlt unter {RUNTIME}: npm ci ausführen.")
    result = package(built.html, built.html.parents[1])
    target = tmp_path_factory.mktemp("scorm-paket")
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        archive.extractall(target)
    return target


@pytest.fixture(scope="session")
def platform(scorm_dir):
    commits: list = []
    handler = functools.partial(
        PlatformHandler, package_dir=scorm_dir, commits=commits, directory=str(scorm_dir)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", commits
    server.shutdown()


class Launch:
    """One SCO launched by the test platform in a fresh browser context."""

    def __init__(self, browser, platform, sco: str, cmi: dict | None = None, refuse: bool = False):
        self.base, self.all_commits = platform
        # The platform server is shared: a context closed by the previous test may still commit
        # (LMSFinish on unload), so commits are told apart by the learner, as an LMS does.
        cmi = json.loads(json.dumps(cmi or {}))
        self.student_id = cmi.setdefault("core", {}).setdefault("student_id", f"kontext-{next(LEARNERS)}")
        self.first = len(self.all_commits)
        self.context = browser.new_context(locale="de-DE")
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        launch = {"sco": f"sco/{sco}.html", "cmi": cmi, "refuse": refuse}
        self.page.goto(f"{self.base}/lms/host.html?launch={quote(json.dumps(launch))}")
        self.sco = self.page.frame_locator("#sco")
        self.chapter = self.sco.frame_locator("iframe")
        self.chapter.locator("[data-quiz-id].is-ready").wait_for()

    def commits(self) -> list[dict]:
        mine = self.all_commits[self.first :]
        return [c["cmi"] for c in mine if c["cmi"]["core"]["student_id"] == self.student_id]

    def wait_for_commit(self, test) -> dict:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = [c for c in self.commits() if test(c)]
            if found:
                return found[-1]
            self.page.wait_for_timeout(50)
        raise AssertionError(f"Kein passender Commit; angekommen: {self.commits()}")

    def leave(self) -> dict:
        """The platform closes the SCO (Moodle: another item, or the course page)."""
        self.page.evaluate("leave()")
        return self.wait_for_commit(lambda c: c["core"]["exit"] == "suspend")

    def store(self) -> dict:
        """The store the chapter page sees (read through the SCO page's session)."""
        return json.loads(self.sco.locator("body").evaluate("() => window.KursScormSession.read()"))["items"]

    def local_storage(self) -> str | None:
        return self.chapter.locator("body").evaluate("() => localStorage.getItem('social-media-kurs:v1')")

    def close(self):
        foreign = [
            u
            for u in self.requests
            if urlparse(u).hostname not in {"127.0.0.1"} and not u.startswith("data:")
        ]
        assert foreign == [], foreign
        assert self.errors == [], self.errors
        self.context.close()


@pytest.fixture
def launch(browser, platform):
    opened: list[Launch] = []

    def start(sco, **options) -> Launch:
        opened.append(Launch(browser, platform, sco, **options))
        return opened[-1]

    yield start
    for item in opened:
        item.close()


def quiz_data(chapter, quiz_id: str) -> dict:
    return json.loads(chapter.locator(f'[data-quiz-id="{quiz_id}"] script.kurs-data').text_content())


def answer(root, question: dict, right: bool) -> None:
    """Answer one question in the page, right or wrong, as a learner would."""
    fieldset = root.locator(f'[data-question-id="{question["id"]}"]')
    kind = question["type"]
    if kind in ("single", "multiple"):
        correct = [i for i, o in enumerate(question["options"]) if o.get("correct")]
        wrong = [i for i, o in enumerate(question["options"]) if not o.get("correct")]
        for index in correct if right else wrong[:1]:
            fieldset.locator(f'li[data-option="{index}"] input').check()
    elif kind == "true-false":
        value = question["answer"] if right else not question["answer"]
        fieldset.locator(f'li[data-option="{str(value).lower()}"] input').check()
    elif kind in ("numeric", "text"):
        if kind == "numeric":
            text = str(question["answer"]).replace(".", ",") if right else "987654"
        else:
            text = question["accepted"][0] if right else "ganz daneben"
        box = fieldset.locator("input[type=text]")
        box.fill(text)
        box.dispatch_event("change")
    elif kind == "matching":
        definitions = [d["id"] for d in question["definitions"]]
        for term in question["terms"]:
            target = term["match"] if right else next(d for d in definitions if d != term["match"])
            fieldset.locator(f'li[data-term="{term["id"]}"] select').select_option(target)
    elif right:
        sort_by_moving_up(fieldset, len(question["items"]))
    else:  # the order shown is never the right one (the final test grades only a complete attempt)
        fieldset.get_by_label("Diese Reihenfolge ist meine Antwort").check()


def check(root):
    root.get_by_role("button", name="Prüfen", exact=True).click()


def relaunch_cmi(committed: dict, name: str) -> dict:
    """What a platform hands the SCO on its next launch after exit "suspend"."""
    core = committed["core"]
    return {
        "core": {
            "student_id": "lernende-1",
            "student_name": name,
            "entry": "resume",
            "lesson_status": core["lesson_status"],
            "score": core["score"],
        },
        "suspend_data": committed["suspend_data"],
    }


def uncovered(state: dict, worst: dict, path: str = "") -> list[str]:
    """Keys of a stored state that the export's size model (scorm_state) does not know.

    Per-question maps (answers, results, order) are not compared: the model fills them for
    the largest questions, which need not be the ones drawn.
    """
    missing = []
    for key, value in state.items():
        if key not in worst:
            missing.append(path + key)
        elif (
            isinstance(value, dict)
            and isinstance(worst[key], dict)
            and key not in ("answers", "results", "order")
        ):
            missing += uncovered(value, worst[key], f"{path}{key}.")
    return missing


def test_chapter_sco_commits_score_status_and_state_and_restores_them_on_relaunch(launch):
    first = launch("profil", cmi={"core": {"student_id": "lernende-1", "student_name": "Muster, Anna"}})
    chapter = first.chapter
    root = chapter.locator('[data-quiz-id="profil"]')
    assert root.locator(".kurs-small", has_text=SAVED_LMS).is_visible()
    assert first.sco.locator("#kurs-scorm-notes").is_hidden()
    data = quiz_data(chapter, "profil")
    questions = data["questions"]
    right = [q for q in questions if q["type"] == "true-false"][:2]
    wrong = [q for q in questions if q["type"] == "single"][:1]
    for question in right:
        answer(root, question, right=True)
    answer(root, wrong[0], right=False)
    exercise = chapter.locator('[data-exercise-id="profil-baukasten"]')
    field = exercise.locator('[data-key="value:name"]')
    field.fill("Anna Muster")
    field.press("Tab")
    check(root)
    total = len(questions)
    assert root.locator(".kurs-score").inner_text() == f"2 von {total} richtig"

    committed = first.wait_for_commit(lambda c: c["core"]["lesson_status"] == "completed")
    score = committed["core"]["score"]
    assert (score["raw"], score["min"], score["max"]) == (f"{int(10000 * 2 / total) / 100:g}", "0", "100")
    assert committed["suspend_data"].startswith("K1") and len(committed["suspend_data"]) <= 4096
    assert first.local_storage() is None  # the platform keeps the state, not this browser
    stored = first.store()["quiz:profil"]
    worst = scorm_state.worst_quiz(data, scorm_state.token_table([data]))
    assert uncovered(stored, worst) == []
    exercise_data = json.loads(exercise.locator("script.kurs-data").text_content())
    tokens = scorm_state.token_table([exercise_data])
    worst_exercise, _ = scorm_state.worst_item("exercise", exercise_data, tokens)
    assert uncovered(first.store()["exercise:profil-baukasten"], worst_exercise) == []

    finished = first.leave()
    assert finished["core"]["lesson_status"] == "completed"
    assert finished["core"]["session_time"].count(":") == 2
    assert finished["suspend_data"] == committed["suspend_data"]

    again = launch("profil", cmi=relaunch_cmi(finished, "Muster, Anna"))
    root = again.chapter.locator('[data-quiz-id="profil"]')
    assert root.locator(".kurs-score").inner_text() == f"2 von {total} richtig"
    for question in right:
        fieldset = root.locator(f'[data-question-id="{question["id"]}"]')
        assert fieldset.locator(f'li[data-option="{str(question["answer"]).lower()}"] input').is_checked()
        assert fieldset.locator(".kurs-verdict").inner_text() == "Richtig."
    assert (
        root.locator(f'[data-question-id="{wrong[0]["id"]}"] .kurs-verdict').inner_text() == "Leider falsch."
    )
    restored = again.chapter.locator('[data-exercise-id="profil-baukasten"] [data-key="value:name"]')
    assert restored.input_value() == "Anna Muster"
    assert again.local_storage() is None


def final_test(run: Launch, right_count: int | None = None):
    """Answer every drawn question of the final test (the first ``right_count`` right)."""
    root = run.chapter.locator('[data-quiz-id="abschlusstest"]')
    data = quiz_data(run.chapter, "abschlusstest")
    by_id = {q["id"]: q for q in data["questions"]}
    drawn = root.locator("fieldset[data-question-id]").evaluate_all(
        "els => els.map(e => e.dataset.questionId)"
    )
    assert len(drawn) == sum(d.count for d in load_banks()["abschlusstest"].draw)
    limit = len(drawn) if right_count is None else right_count
    for index, question_id in enumerate(drawn):
        answer(root, by_id[question_id], right=index < limit)
    check(root)
    return root, data, len(drawn)


def test_final_test_passed_reports_passed_and_the_certificate_takes_the_platform_name(launch):
    mastery = f"{100 * load_banks()['abschlusstest'].pass_mark:g}"
    run = launch(
        "abschluss",
        cmi={
            "core": {"student_id": "e-1", "student_name": "Musterfrau, Erika"},
            "student_data": {"mastery_score": mastery},
        },
    )
    root, data, total = final_test(run)
    assert root.locator(".kurs-score").inner_text() == f"{total} von {total} richtig"
    committed = run.wait_for_commit(lambda c: c["core"]["lesson_status"] == "passed")
    assert committed["core"]["score"]["raw"] == "100"
    assert root.get_by_label("Ihr Name für die Bescheinigung").input_value() == "Erika Musterfrau"
    root.get_by_role("button", name="Teilnahmebescheinigung erstellen").click()
    assert "Erika Musterfrau" in root.locator(".kurs-certificate").inner_text()
    stored = run.store()["quiz:abschlusstest"]
    assert uncovered(stored, scorm_state.worst_quiz(data, scorm_state.token_table([data]))) == []
    assert run.leave()["core"]["lesson_status"] == "passed"


def test_final_test_below_the_mastery_score_reports_failed(launch):
    run = launch("abschluss", cmi={"core": {"student_id": "f-1", "student_name": "Beispiel, Max"}})
    half = sum(d.count for d in load_banks()["abschlusstest"].draw) // 2
    root, _, total = final_test(run, right_count=half)
    assert root.locator(".kurs-score").inner_text() == f"{half} von {total} richtig"
    committed = run.wait_for_commit(lambda c: c["core"]["lesson_status"] in ("passed", "failed"))
    assert committed["core"]["lesson_status"] == "failed"
    assert committed["core"]["score"]["raw"] == f"{int(10000 * half / total) / 100:g}"


def test_a_platform_that_refuses_the_session_leaves_the_chapter_usable_with_a_german_note(launch):
    run = launch("soziale-netzwerke", refuse=True)
    notes = run.sco.locator("#kurs-scorm-notes")
    assert notes.is_visible()
    text = notes.inner_text()
    assert text.startswith("Die Lernplattform hat die Verbindung zu diesem Kapitel abgelehnt (Fehler 101")
    assert "werden aber weder gespeichert noch an die Lernplattform übermittelt" in text
    assert notes.get_attribute("role") == "status"
    root = run.chapter.locator('[data-quiz-id="soziale-netzwerke"]')
    assert root.locator(".kurs-small", has_text="Ihre Antworten werden nicht gespeichert.").is_visible()
    question = next(
        q for q in quiz_data(run.chapter, "soziale-netzwerke")["questions"] if q["type"] == "true-false"
    )
    answer(root, question, right=True)
    check(root)
    assert root.locator(f'[data-question-id="{question["id"]}"] .kurs-verdict').inner_text() == "Richtig."
    run.page.wait_for_timeout(300)
    assert all(c["suspend_data"] == "" for c in run.commits())  # the page never wrote to the platform
    assert run.local_storage() is None


def test_without_a_platform_the_package_behaves_like_the_website(browser, platform):
    base, commits = platform
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base}/kurs/sco/profil.html")
    chapter = page.frame_locator("iframe")
    root = chapter.locator('[data-quiz-id="profil"].is-ready')
    root.wait_for()
    assert root.locator(
        ".kurs-small", has_text="Ihre Antworten werden nur in Ihrem Browser gespeichert"
    ).is_visible()
    assert page.locator("#kurs-scorm-notes").is_hidden()
    question = next(q for q in quiz_data(chapter, "profil")["questions"] if q["type"] == "true-false")
    answer(root, question, right=True)
    stored = json.loads(
        chapter.locator("body").evaluate("() => localStorage.getItem('social-media-kurs:v1')")
    )
    assert stored["items"]["quiz:profil"]["answers"] == {question["id"]: question["answer"]}
    page.goto(f"{base}/kurs/book/profil.html")
    page.locator('[data-quiz-id="profil"].is-ready').wait_for()
    fieldset = page.locator(f'[data-question-id="{question["id"]}"]')
    assert fieldset.locator(f'li[data-option="{str(question["answer"]).lower()}"] input').is_checked()
    assert page.locator(".bd-sidebar-primary").is_visible()  # the book's own navigation stays
    assert all(urlparse(u).hostname == "127.0.0.1" for u in requests)
    context.close()


def test_a_state_too_large_for_scorm_keeps_the_last_one_that_fitted(launch):
    run = launch("alltag")
    root = run.chapter.locator('[data-quiz-id="alltag"]')
    question = next(q for q in quiz_data(run.chapter, "alltag")["questions"] if q["type"] == "true-false")
    answer(root, question, right=True)
    fitted = run.wait_for_commit(lambda c: c["suspend_data"].startswith("K1"))["suspend_data"]
    huge = {"version": 1, "items": {"quiz:alltag": {"answers": {f"frage-{i}": i for i in range(900)}}}}
    run.sco.locator("body").evaluate("(body, text) => window.KursScormSession.write(text)", json.dumps(huge))
    notes = run.sco.locator("#kurs-scorm-notes")
    assert "Ihr Lernstand ist zu groß für die Lernplattform (höchstens 4.096 Zeichen)" in notes.inner_text()
    assert run.page.evaluate("window.API.cmi.suspend_data") == fitted


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_encoding_vectors_in_the_browser(browser, platform, case):
    base, _ = platform
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/kurs/book/profil.html")
    page.wait_for_function("() => window.KursScorm")
    encoded, decoded = page.evaluate(
        """([c, defaultCap]) => {
            const tokens = new Map(Object.entries(c.tokens));
            const names = new Map([...tokens].map(([s, t]) => [t, s]));
            const text = window.KursScorm.suspendData(c.items, tokens, c.caps, defaultCap);
            return [text, window.KursScorm.decode(text, names)];
        }""",
        [case, VECTORS["default_cap"]],
    )
    assert encoded == case["encoded"]
    assert decoded == case.get("cut", case["items"])
    context.close()
