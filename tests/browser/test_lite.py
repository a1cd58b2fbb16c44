"""The course's own JupyterLite (lite/): every chapter as a live notebook in the browser.

A learner follows the chapter's link "Im Browser als Notebook öffnen", the Pyodide kernel starts
in the browser, "Alle Zellen ausführen" (Run All) runs the chapter, and the answers stay in the
browser's storage. Every request of the page, its service worker and the kernel's web worker
goes to the site's own host.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from urllib.parse import urlparse

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, RecordingPage
from pages import sort_by_moving_up
from playwright.sync_api import expect

from exercises.core.texts import t
from exercises.quizzes.banks import load_banks
from exercises.quizzes.payload import quiz_payload

pytestmark = pytest.mark.browser

LINK = "Im Browser als Notebook öffnen"
KERNEL_TIMEOUT = 180_000  # a cold Pyodide on a busy 2-core machine
ERRORS = (
    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
)


class LitePage(RecordingPage):
    """A recording browser context for JupyterLite: also records the workers it starts."""

    def __init__(self, browser, site):
        super().__init__(browser, site, viewport={"width": 1300, "height": 900})
        self.workers: list[str] = []
        self.context.on("serviceworker", lambda worker: self.workers.append(worker.url))
        self.page.on("worker", lambda worker: self.workers.append(worker.url))
        # Reloading a notebook that has run asks "leave the page?"; a learner says yes.
        self.page.on("dialog", lambda dialog: dialog.accept())

    def follow_link_to_message(self, docname: str):
        """Open the chapter's page and follow its link into lite/."""
        page = self.page
        page.goto(f"{self.site}{docname}.html")
        link = page.get_by_role("link", name=LINK, exact=True)
        href = link.get_attribute("href")
        assert href == f"../lite/notebooks/index.html?path={docname.split('/')[-1]}.ipynb", href
        link.click()
        return page

    def follow_link(self, docname: str):
        """Follow the chapter's link and wait for its notebook."""
        page = self.follow_link_to_message(docname)
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        return page

    def foreign_requests(self) -> list[str]:
        own = urlparse(self.site).netloc
        return [url for url in self.requests + self.workers if urlparse(url).netloc not in {own, ""}]


@pytest.fixture
def lite(browser, site):
    recording = LitePage(browser, site)
    yield recording
    recording.context.close()


#: the kernel started in the browser is ready: the notebook names it and reports it idle
#: (before, it shows no kernel, briefly also as idle, then "initializing" and "unknown")
KERNEL_READY = """() => {
    const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
    const name = document.querySelector('.jp-KernelName');
    return indicator && name && indicator.dataset.status === 'idle'
        && name.textContent.trim() === 'Python (Pyodide)';
}"""
#: every code cell has run: each shows its output with the prompt [n]
ALL_RUN = """() => {
    const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
    return document.querySelector('.jp-Notebook-ExecutionIndicator').dataset.status === 'idle'
        && cells.every(cell => /\\[\\d+\\]/.test(cell.querySelector('.jp-OutputPrompt')?.textContent || ''));
}"""


def run_all(page) -> None:
    """Wait for the kernel, choose Ausführen → Alle Zellen ausführen (JupyterLab's German
    language pack), wait until every code cell has run
    (each code cell of the course shows something: a quiz, an exercise, a chart)."""
    page.wait_for_function(KERNEL_READY, timeout=KERNEL_TIMEOUT)
    page.get_by_role("menuitem", name="Ausführen", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Alle Zellen ausführen")).click()
    page.wait_for_function(ALL_RUN, timeout=KERNEL_TIMEOUT)


#: the progress file as JupyterLite's drive keeps it in IndexedDB, once it holds the answer
#: checked as right (else null)
STORED_PROGRESS = """async ([key, questionId]) => {
    for (const { name } of await indexedDB.databases()) {
        if (!name.startsWith('JupyterLite Storage')) continue;
        const db = await new Promise((ok, fail) => {
            const open = indexedDB.open(name);
            open.onsuccess = () => ok(open.result);
            open.onerror = fail;
        });
        if (![...db.objectStoreNames].includes('files')) { db.close(); continue; }
        const file = await new Promise(ok => {
            const get = db.transaction('files').objectStore('files').get('kurs-fortschritt.json');
            get.onsuccess = () => ok(get.result);
            get.onerror = () => ok(null);
        });
        db.close();
        if (!file || !file.content) continue;
        const text = file.format === 'base64'
            ? new TextDecoder().decode(Uint8Array.from(atob(file.content), c => c.charCodeAt(0)))
            : (typeof file.content === 'string' ? file.content : JSON.stringify(file.content));
        const item = JSON.parse(text).items[key];
        if (item && item.results && item.results[questionId] === 'correct') return text;
    }
    return null;
}"""


def stored_progress(page, key: str, question_id: str) -> str:
    """The progress file's text from the browser's storage, waiting up to 30 s for the answer."""
    for _ in range(120):
        text = page.evaluate(STORED_PROGRESS, [key, question_id])
        if text:
            return text
        page.wait_for_timeout(250)
    pytest.fail("kurs-fortschritt.json mit der geprüften Antwort fehlt im Speicher des Browsers")


def errors_shown(page) -> list[str]:
    return page.locator(ERRORS).all_inner_texts()


def test_profil_runs_in_the_browser_and_keeps_answers_across_reload(lite):
    page = lite.follow_link("book/profil")
    run_all(page)
    assert errors_shown(page) == []
    quiz = page.locator(".kurs-quiz")
    bank = load_banks()["profil"]
    assert quiz.locator("fieldset.kurs-question").count() == len(bank.questions)
    assert t("common", "saved_note_lite") in quiz.inner_text()
    assert page.locator(".kurs-view").count() == 2  # the profile builder and the quiz

    question = next(q for q in bank.questions if q.type == "true-false")
    fieldset = quiz.locator(f'[data-question-id="{question.id}"]')
    fieldset.scroll_into_view_if_needed()
    fieldset.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")
    if not question.answer:
        page.keyboard.press("ArrowDown")
    check = quiz.get_by_role("button", name="Prüfen", exact=True)
    check.focus()
    page.keyboard.press("Enter")
    verdict = quiz.locator(f'[data-feedback-for="{question.id}"] .kurs-verdict')
    assert verdict.inner_text() == "Richtig."
    # The kernel wrote kurs-fortschritt.json into the browser's storage (JupyterLite's drive).
    item = json.loads(stored_progress(page, "quiz:profil", question.id))["items"]["quiz:profil"]
    assert item["answers"][question.id] is question.answer and item["checked"] is True

    page.reload()
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    run_all(page)
    quiz = page.locator(".kurs-quiz")
    restored = quiz.locator(f'[data-feedback-for="{question.id}"] .kurs-verdict')
    assert restored.inner_text() == "Richtig."
    option = str(question.answer).lower()
    assert quiz.locator(f'[data-question-id="{question.id}"] li[data-option="{option}"] input').is_checked()

    assert lite.foreign_requests() == []
    assert lite.broken == []
    assert lite.errors == []
    # The kernel's web worker fetched Pyodide and the wheels, and those requests were recorded.
    assert any(url.endswith("/lite/static/pyodide/pyodide.asm.wasm") for url in lite.requests)
    assert any("/lite/static/pyodide/social_media_kurs_exercises-" in url for url in lite.requests)
    assert any(url.endswith("service-worker.js") or "service-worker.js?" in url for url in lite.workers)


def choose(page, select, text: str) -> None:
    """A closed native select: focus it and type the start of an option (type-ahead)."""
    select.focus()
    page.keyboard.type(text)
    page.wait_for_timeout(50)


def test_netzwerk_labor_runs_with_networkx_in_the_browser(lite, site):
    page = lite.follow_link("book/netzwerke")
    run_all(page)
    assert errors_shown(page) == []
    lab = page.locator(".kurs-view", has=page.get_by_label("Erste Person"))
    # Part 2 is computed by networkx in the browser's Python: the same figures as in the book.
    compare = lab.locator("table.kurs-netz-compare")
    assert compare.locator("tbody tr").count() == 4
    book = lite.context.new_page()
    book.goto(f"{site}book/netzwerke.html")
    book.wait_for_selector("[data-kurs-kind]:not(.is-ready)", state="detached")
    assert compare.inner_text() == book.locator("table.kurs-netz-compare").inner_text()
    book.close()

    choose(page, lab.get_by_label("Erste Person"), "Gül")
    choose(page, lab.get_by_label("Zweite Person"), "Anna")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Verbinden"
    page.keyboard.press("Enter")
    live = lab.locator('[aria-live="polite"]')
    expected = "Gül und Anna sind jetzt verbunden. Grad von Gül: 2, Grad von Anna: 5."
    page.wait_for_function(
        "([el, text]) => el.textContent.includes(text)", arg=[live.element_handle(), expected]
    )
    row = lab.locator('.kurs-netz-contacts tbody tr[data-person="guel"]')
    assert row.locator("td").nth(0).inner_text() == "Anna, Emil"
    assert page.locator(".kurs-quiz fieldset.kurs-question").count() == len(
        load_banks()["netzwerke"].questions
    )
    assert lite.foreign_requests() == [] and lite.broken == [] and lite.errors == []


def pass_final_test(page) -> str:
    """Answer every drawn question right, check, and make the certificate; returns its text."""
    quiz = page.locator(".kurs-quiz")
    pool = {question["id"]: question for question in quiz_payload("abschlusstest")["questions"]}
    fieldsets = quiz.locator("fieldset.kurs-question[data-question-id]")
    drawn = sum(draw.count for draw in load_banks()["abschlusstest"].draw)
    assert fieldsets.count() == drawn
    for index in range(drawn):
        fieldset = fieldsets.nth(index)
        question = pool[fieldset.get_attribute("data-question-id")]
        kind = question["type"]
        if kind in ("single", "multiple"):
            for number, option in enumerate(question["options"]):
                if option.get("correct"):
                    fieldset.locator(f'li[data-option="{number}"] input').check()
        elif kind == "true-false":
            fieldset.locator(f'li[data-option="{str(question["answer"]).lower()}"] input').check()
        elif kind in ("numeric", "text"):
            field = fieldset.locator("input[type=text]")
            field.fill(
                str(question["answer"]).replace(".", ",") if kind == "numeric" else question["accepted"][0]
            )
            field.dispatch_event("change")
        elif kind == "matching":
            for term in question["terms"]:
                fieldset.locator(f'li[data-term="{term["id"]}"] select').select_option(term["match"])
        else:
            sort_by_moving_up(fieldset, len(question["items"]))
    quiz.get_by_role("button", name="Prüfen", exact=True).click()
    assert quiz.locator(".kurs-score").inner_text() == f"{drawn} von {drawn} richtig"
    quiz.get_by_label("Ihr Name für die Bescheinigung").fill("Erika Musterfrau")
    quiz.get_by_role("button", name="Teilnahmebescheinigung erstellen").click()
    return quiz.locator(".kurs-certificate").inner_text()


WIDGET_CALL = re.compile(r"^\s*(quiz|exercise|progress_overview)\(", re.M)


def test_every_other_chapter_runs_all_in_the_browser(lite, built, site):
    """Run All in each chapter (profil and netzwerke have their own tests): no error, every quiz
    and exercise shown, the chart drawn at build time, the final test with its certificate."""
    notebooks = {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((built.html / "lite" / "files").glob("*.ipynb"))
    }
    code = {
        name: ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
        for name, notebook in notebooks.items()
    }
    # Glossary, sources and the instructors' page have no code: Run All has nothing to run there.
    names = [name for name in code if code[name] and name not in {"profil", "netzwerke", "index"}]
    assert {"nutzen", "abschluss", "soziale-netzwerke"} <= set(names)
    page = lite.follow_link("book/index")
    for name in ["index", *names]:
        if name != "index":
            page.goto(f"{site}lite/notebooks/index.html?path={name}.ipynb")
        run_all(page)
        assert errors_shown(page) == [], name
        calls = sum(bool(WIDGET_CALL.search(source)) for source in code[name])
        assert page.locator(".kurs-view").count() == calls, name
        if name == "nutzen":
            chart = page.locator("figure.kurs-chart")
            chart.scroll_into_view_if_needed()  # the notebook draws only the cells in view
            expect(chart.locator("figcaption")).to_have_text(t("lite", "chart_prerendered"))
            assert chart.locator("img").evaluate("img => img.complete && img.naturalWidth") > 300
        if name == "abschluss":
            certificate = pass_final_test(page)
            assert "Erika Musterfrau" in certificate and "(100 %)" in certificate
    assert lite.foreign_requests() == [] and lite.broken == [] and lite.errors == []


def test_from_disk_the_link_says_it_needs_a_web_server_and_the_notebook_explains(browser, site_on_disk):
    recording = LitePage(browser, site_on_disk)
    page = recording.page
    page.goto(f"{site_on_disk}book/profil.html")
    note = page.locator(".kurs-lite-file")
    expect(note).to_be_visible()
    assert note.inner_text().strip() == t("lite", "file_note")
    page.get_by_role("link", name=LINK, exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(t("lite", "file"))
    assert alert.get_attribute("lang") == "de"
    assert not [url for url in recording.requests if "config-utils.js" in url]  # the app stayed off
    assert page.locator(".jp-Notebook").count() == 0
    alert.get_by_role("link", name=t("lite", "back")).click()
    expect(page).to_have_title(re.compile("Social Media"))
    recording.context.close()


def test_over_http_the_disk_note_stays_hidden(open_page):
    page = open_page("book/profil")
    assert page.get_by_role("link", name=LINK, exact=True).is_visible()
    assert page.locator(".kurs-lite-file").is_hidden()


def test_without_webassembly_a_german_message_instead_of_the_notebook(browser, site):
    # Without its JIT (as some company policies set it), V8 offers no WebAssembly at all.
    no_wasm = browser.browser_type.launch(
        executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, "--js-flags=--jitless"]
    )
    try:
        recording = LitePage(no_wasm, site)
        page = recording.follow_link_to_message("book/profil")
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text(t("lite", "wasm"))
        assert page.evaluate("typeof WebAssembly") == "undefined"
        assert not [url for url in recording.requests if "config-utils.js" in url or "/pyodide/" in url]
        assert recording.foreign_requests() == [] and recording.broken == []
    finally:
        no_wasm.close()


# --- what the build wrote (no browser needed) ----------------------------------------------


def test_lock_lists_exactly_the_wheels_in_the_site_and_nothing_comes_from_elsewhere(built):
    from exercises.site.lite import EXTENSIONS

    lite = built.html / "lite"
    pyodide = lite / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    listed = {entry["file_name"]: entry for entry in lock["packages"].values()}
    assert set(listed) == {path.name for path in pyodide.glob("*.whl")}
    for name, entry in listed.items():
        assert hashlib.sha256((pyodide / name).read_bytes()).hexdigest() == entry["sha256"], name
        assert set(entry["depends"]) <= set(lock["packages"]), name
    assert {"pyyaml", "pydantic-core", "networkx", "anywidget", "social-media-kurs-exercises"} <= set(
        lock["packages"]
    )
    assert "matplotlib" not in lock["packages"] and "numpy" not in lock["packages"]
    config = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert sorted(kernel["loadPyodideOptions"]["packages"]) == sorted(lock["packages"])
    assert sorted(e["name"] for e in config["federated_extensions"]) == sorted(EXTENSIONS)
    assert not (lite / "extensions" / "jupyterlab-myst").exists()
    for path in lite.rglob("jupyter-lite.json"):
        assert not re.search(r'"(https?:)?//', path.read_text(encoding="utf-8")), path


def test_every_chapter_page_links_to_its_notebook_in_lite(built):
    from exercises.site.notebooks import NOTEBOOK_DIR

    chapters = sorted((built.html / NOTEBOOK_DIR / "book").glob("*.ipynb"))
    assert len(chapters) >= 8
    for chapter in chapters:
        html = (built.html / "book" / f"{chapter.stem}.html").read_text(encoding="utf-8")
        href = f"../lite/notebooks/index.html?path={chapter.stem}.ipynb"
        assert f'<a class="kurs-lite-link" href="{href}">{LINK}</a>' in html, chapter.stem
        notebook = json.loads((built.html / "lite" / "files" / chapter.name).read_text(encoding="utf-8"))
        assert notebook["metadata"]["kernelspec"]["name"] == "python"
        text = "".join(
            "".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"
        )
        assert ":::{" not in text and "{term}`" not in text and "](images/" not in text, chapter.stem
    assert (built.html / "lite" / "notebooks" / "index.html").is_file()


def test_every_lite_page_names_the_course_icon_so_the_browser_asks_the_host_for_nothing_else(built):
    lite = built.html / "lite"
    pages = sorted(p for p in lite.glob("**/index.html") if "files" not in p.relative_to(lite).parts)
    assert [p.relative_to(lite).as_posix() for p in pages] == [
        "index.html",
        "notebooks/index.html",
        "tree/index.html",
    ]
    for page in pages:
        icons = re.findall(r'<link rel="icon" href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert len(icons) == 1, page
        assert (page.parent / icons[0]).resolve() == (built.html / "_static" / "kurs-favicon.svg"), page
        assert (page.parent / icons[0]).is_file(), page


def test_without_the_cache_the_build_fails_with_a_german_message(tmp_path, monkeypatch):
    """A machine where setup.sh did not fill the cache: the build says what to run, no traceback."""
    from conftest import REPO, build_book

    for name in ("_config.yml", "pyproject.toml", "setup.py"):
        shutil.copy2(REPO / name, tmp_path / name)
    shutil.copytree(REPO / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/index\n", encoding="utf-8")
    (tmp_path / "book").mkdir()
    header = (REPO / "book" / "index.md").read_text(encoding="utf-8").split("\n---\n", 1)[0]
    (tmp_path / "book" / "index.md").write_text(f"{header}\n---\n# Start\n\nText.\n", encoding="utf-8")
    monkeypatch.setenv("KURS_LITE_CACHE", str(tmp_path / "leer"))
    result = build_book(tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.log
    assert "Das Notebook im Browser (lite/) kann nicht gebaut werden" in result.log
    assert "bash setup.sh --nur-installieren" in result.log


def test_myst_markup_becomes_plain_markdown():
    from exercises.site.lite_markdown import plain_markdown

    source = "\n".join(
        [
            ":::{admonition} Lernziele",
            ":class: lernziele",
            "Sie können …",
            ":::",
            "",
            "(recht)=",
            "## Recht",
            "",
            "Ein {term}`Profil <Profil (Netz)>` und {ref}`Recht <recht>`, [Kapitel](profil.md#abc).",
            "",
            "::::{important}",
            ":::{figure} images/bild.svg",
            ":alt: Ein Bild",
            ":name: fig-bild",
            "",
            "Die Unterschrift.",
            ":::",
            "::::",
        ]
    )
    assert plain_markdown(source).split("\n") == [
        "> **Lernziele**",
        ">",
        "> Sie können …",
        "",
        "## Recht",
        "",
        "Ein Profil und Recht, [Kapitel](profil.ipynb).",
        "",
        f"> **{t('lite', 'admonition_important')}**",
        ">",
        "> ![Ein Bild](images/bild.svg)",
        ">",
        "> *Die Unterschrift.*",
    ]


def test_chart_without_matplotlib_shows_the_build_time_drawing_or_else_a_table(tmp_path, monkeypatch):
    import sys

    from exercises.site.charts import BOOK_DIR, prerendered_name, trend_chart

    csv = tmp_path / "data" / "unternehmen-social-media.csv"
    csv.parent.mkdir()
    shutil.copy2(BOOK_DIR / "data" / csv.name, csv)
    png = trend_chart(csv)._repr_png_()
    monkeypatch.chdir(tmp_path)
    for name in ("matplotlib", "matplotlib.figure"):
        monkeypatch.setitem(sys.modules, name, None)  # as in the browser's Python

    table = trend_chart("data/unternehmen-social-media.csv")
    assert t("lite", "chart_table") in table._repr_html_()
    assert "<td>Österreich</td><td>2023</td><td>70 %</td>" in table._repr_html_()
    assert table._repr_png_() is None

    (csv.parent / prerendered_name(csv)).write_bytes(png)
    drawn = trend_chart("data/unternehmen-social-media.csv")
    assert drawn._repr_png_() == png
    assert t("lite", "chart_prerendered") in drawn._repr_html_()
    assert 'alt="Anteil der Unternehmen in %: EU (Eurostat) 30 % 2013 – 60,9 % 2023' in drawn._repr_html_()
    csv.write_text(csv.read_text(encoding="utf-8") + "2025,70,EU,Eurostat\n", encoding="utf-8")
    assert t("lite", "chart_table") in trend_chart("data/unternehmen-social-media.csv")._repr_html_()


def test_pyyaml_is_repacked_from_its_sdist_the_same_each_time(tmp_path):
    import io
    import tarfile
    import zipfile

    from exercises.site.lite import PYYAML_VERSION, LiteProblem, repack_pyyaml

    sdist = tmp_path / f"pyyaml-{PYYAML_VERSION}.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for name, data in {
            f"pyyaml-{PYYAML_VERSION}/PKG-INFO": b"Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0.3\n",
            f"pyyaml-{PYYAML_VERSION}/lib/yaml/__init__.py": b"__with_libyaml__ = False\n",
            f"pyyaml-{PYYAML_VERSION}/lib/yaml/_yaml.pyx": b"# C extension, left out\n",
        }.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    wheel = repack_pyyaml(sdist, first)
    assert wheel.name == f"pyyaml-{PYYAML_VERSION}-py3-none-any.whl"
    assert wheel.read_bytes() == repack_pyyaml(sdist, second).read_bytes()
    names = zipfile.ZipFile(wheel).namelist()
    assert "yaml/__init__.py" in names and not any(name.endswith(".pyx") for name in names)
    assert (
        "Tag: py3-none-any"
        in zipfile.ZipFile(wheel).read(f"PyYAML-{PYYAML_VERSION}.dist-info/WHEEL").decode()
    )
    empty = tmp_path / "leer.tar.gz"
    with tarfile.open(empty, "w:gz"):
        pass
    with pytest.raises(LiteProblem, match="lib/yaml oder PKG-INFO"):
        repack_pyyaml(empty, first)
