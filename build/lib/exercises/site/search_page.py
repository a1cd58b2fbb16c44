"""The search page: its script of repairs and the German texts Sphinx's translation lacks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sphinx.application import Sphinx

from exercises.core.paths import static_file
from exercises.site.theme_texts import SEARCH_SCRIPT

STATIC_DIR = "kurs-theme-static"
SCRIPT = "kurs-search.js"


def write_search_script(app: Sphinx, config) -> None:
    """Hand the search page's script to Sphinx's static files (config-inited)."""
    target = Path(app.doctreedir) / STATIC_DIR
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(static_file(SCRIPT), target / SCRIPT)
    config.html_static_path.append(str(target))


def add_search_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """On the search page only: the texts, then the script (runs before the search starts)."""
    if pagename != "search":
        return
    from exercises.core.texts import all_texts

    texts = {english: all_texts()["theme"][english] for english in SEARCH_SCRIPT}
    app.add_js_file(None, body=f"window.kursSearchText = {json.dumps(texts, ensure_ascii=False)};")
    app.add_js_file(SCRIPT, loading_method="defer")
