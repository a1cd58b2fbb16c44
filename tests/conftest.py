"""Shared fixtures: the course is built once per test session and served on 127.0.0.1.

Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright; a missing
browser is an error, never a skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("KURS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
JUPYTER_BOOK = shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) or "jupyter-book"


def pytest_collection_modifyitems(items):
    """Every test under tests/browser drives Chromium: ``-m "not browser"`` is the fast loop."""
    for item in items:
        if "browser" in Path(str(item.fspath)).parts:
            item.add_marker(pytest.mark.browser)


@dataclass
class Build:
    html: Path
    log: str
    returncode: int


def copy_sources(target: Path) -> Path:
    """A clean copy of what the book is built from (no earlier _build)."""
    ignore = shutil.ignore_patterns(
        "_build", ".git", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", "kurs-fortschritt.json"
    )
    for name in ("_config.yml", "_toc.yml", "book", "exercises", "pyproject.toml", "setup.py"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def build_book(source: Path) -> Build:
    """Run exactly the instructor's command, ``jupyter-book build .``, in ``source``.

    No extra flags: the strictness the tests rely on is the one instructors get.
    """
    env = {**os.environ, "PYTHONPATH": str(source)}
    run = subprocess.run(
        [JUPYTER_BOOK, "build", "."],
        cwd=source,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    return Build(source / "_build" / "html", run.stdout + run.stderr, run.returncode)


@pytest.fixture(scope="session")
def book(tmp_path_factory) -> Build:
    """The whole course, built once with the plain command, shared by all tests."""
    return build_book(copy_sources(tmp_path_factory.mktemp("kurs")))


@pytest.fixture(scope="session")
def built(book) -> Build:
    assert book.returncode == 0, f"Der Kurs ließ sich nicht bauen:\n{book.log[-6000:]}"
    return book


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(built):
    """The built HTML served on 127.0.0.1 (a free port), like any static web host."""
    handler = functools.partial(QuietHandler, directory=str(built.html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium fehlt unter {CHROMIUM}: apt-get install -y chromium "
            "(die Browsertests werden nie übersprungen)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class RecordingPage:
    """Opens chapters in a fresh browser context and records every request it makes.

    ``site`` is the site's address: ``http://127.0.0.1:…/`` or ``file:///…/html/``.
    """

    def __init__(self, browser, site, **context_options):
        self.site = site
        self.context = browser.new_context(locale="de-DE", **context_options)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.broken: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.on(
            "response",
            lambda response: (
                self.broken.append(f"{response.status} {response.url}") if response.status >= 400 else None
            ),
        )
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("worker", lambda worker: self.requests.append(worker.url))

    def open(self, docname: str):
        self.page.goto(self.site + docname + ".html")
        if self.page.locator("[data-kurs-kind]").count():
            self.page.wait_for_selector("[data-kurs-kind]:not(.is-ready)", state="detached")
        return self.page

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlparse(url).hostname not in {"127.0.0.1"} and not url.startswith(("data:", "file://"))
        ]


@pytest.fixture
def recorder(browser, site):
    recording = RecordingPage(browser, site)
    yield recording
    recording.context.close()


@pytest.fixture
def open_page(recorder):
    """open_page("book/nutzen") → a Playwright page on that chapter, localStorage empty."""
    return recorder.open


@pytest.fixture(scope="session")
def site_on_disk(built) -> str:
    """The built site as a learner opens it from disk, a ZIP or a USB stick: file:///…/html/."""
    return built.html.as_uri() + "/"


@pytest.fixture(params=["http", "file"], ids=["ueber-http", "von-der-festplatte"])
def open_anywhere(request, browser, site, site_on_disk):
    """Like ``open_page``, once over http and once from disk (file://); fails on script errors."""
    recording = RecordingPage(browser, site if request.param == "http" else site_on_disk)
    yield recording.open
    assert recording.errors == [], recording.errors
    assert recording.broken == [], recording.broken
    recording.context.close()


#: a touch phone (with a viewport of the test's width, 740 px high)
PHONE = {"device_scale_factor": 2, "is_mobile": True, "has_touch": True}
#: a folder for the screenshots the tests look at (KURS_SHOTS=/tmp/shots pytest …)
SHOTS = os.environ.get("KURS_SHOTS")


def shot(target, name: str) -> None:
    """Save what the test looks at: a page (its viewport) or one element."""
    if SHOTS:
        target.screenshot(path=os.path.join(SHOTS, f"{name}.png"))


@pytest.fixture
def phone(browser, site):
    """phone(docname, width) → the chapter on a touch phone of that width; fails on script errors."""
    opened = []

    def open_phone(docname: str, width: int = 360):
        recording = RecordingPage(browser, site, viewport={"width": width, "height": 740}, **PHONE)
        opened.append(recording)
        return recording.open(docname)

    yield open_phone
    for recording in opened:
        assert recording.errors == [], recording.errors
        recording.context.close()


@pytest.fixture(scope="session")
def run_js(browser, site):
    """run_js("kurs-grading.js", "grade", question, answer) → the JS function's result.

    Runs the scripts the published pages load (``_static/kurs-*.page.js``), which register
    every module's exports in ``window.KursModules``.
    """
    from exercises.site.page_assets import page_scripts

    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "book/index.html")
    for name in page_scripts():
        page.add_script_tag(url=f"{site}_static/{name}")

    def call(module: str, function: str, *args):
        return page.evaluate(
            "([module, name, args]) => window.KursModules[module][name](...args)",
            [module, function, list(args)],
        )

    yield call
    context.close()
