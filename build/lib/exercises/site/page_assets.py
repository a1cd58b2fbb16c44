"""What the published pages load: classic scripts made from our ES modules, and our CSS.

Only pages with a quiz, exercise or progress overview load the host and that widget's script;
``_static/`` holds only files that pages load.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx

from exercises.core.paths import static_file, static_files
from exercises.frontend.bundle import (
    SHARED_SCRIPT,
    page_script,
    page_script_name,
    shared_modules,
    shared_script,
)

GENERATED_DIR = "kurs-static"
HOST = "kurs-host.js"
SITE_FILES = ("kurs.css", "kurs-site.css", "kurs-theme-fixes.js", HOST)
_KIND = re.compile(r'data-kurs-kind="(quiz|progress|exercise)"(?: data-exercise-id="([\w-]+)")?')


def page_scripts() -> list[str]:
    """Every page script, in the order a page must load them (shared modules first)."""
    return [SHARED_SCRIPT, *(page_script_name(module) for module in widget_modules())]


def widget_modules() -> list[str]:
    """Every front-end entry module: the quiz, the progress overview, one per exercise."""
    return [
        "kurs-quiz.js",
        "kurs-progress.js",
        *sorted(name for name in static_files() if name.startswith("kurs-ex-")),
    ]


def write_page_assets(app: Sphinx, config) -> None:
    """Write the page scripts into a folder of the build and hand it to Sphinx's static files."""
    target = Path(app.doctreedir) / GENERATED_DIR
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shared = shared_modules(widget_modules())
    (target / SHARED_SCRIPT).write_text(shared_script(shared), encoding="utf-8")
    for module in widget_modules():
        (target / page_script_name(module)).write_text(page_script(module, shared), encoding="utf-8")
    for name in SITE_FILES:
        shutil.copy2(static_file(name), target / name)
    config.html_static_path.append(str(target))


def modules_on_page(body: str) -> list[str]:
    modules = []
    for kind, exercise_id in _KIND.findall(body):
        module = f"kurs-ex-{exercise_id}.js" if kind == "exercise" else f"kurs-{kind}.js"
        if module not in modules:
            modules.append(module)
    return modules


def add_page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The widgets' scripts and the host, on the pages that show widgets (deferred, in order)."""
    modules = modules_on_page(context.get("body", ""))
    if modules:
        app.add_js_file(SHARED_SCRIPT, loading_method="defer")
    for module in modules:
        app.add_js_file(page_script_name(module), loading_method="defer")
    if modules:
        app.add_js_file(HOST, loading_method="defer")
