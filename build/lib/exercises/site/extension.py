"""Sphinx extension of the course: content checks, page assets, downloads, privacy, theme fixes.

Loaded through ``_config.yml`` (``sphinx.extra_extensions``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from exercises.core.errors import ContentErrors
from exercises.site.dependencies import FINGERPRINT_CELL, dependencies, fingerprint
from exercises.site.lite import write_lite
from exercises.site.notebooks import add_download_links, is_notebook_source, write_notebooks
from exercises.site.page_assets import add_page_scripts, write_page_assets
from exercises.site.privacy import guard_privacy
from exercises.site.search_page import add_search_script, write_search_script
from exercises.site.speed import compress_site, describe_page, lighten_theme_assets
from exercises.site.strict import make_strict, summarize
from exercises.site.theme_polish import (
    add_theme_texts,
    adjust_header_buttons,
    link_figures,
    polish_pages,
    trim_page_scripts,
    use_course_templates,
)
from exercises.site.theme_texts import install_theme_catalog

logger = logging.getLogger(__name__)


def check_content(app: Sphinx) -> None:
    """Stop the build, before anything is read or written, when a bank or scenario has errors.

    Jupyter Book 1 prints a Python traceback for any exception raised inside Sphinx (also for a
    ``SphinxError``), so after logging the located German messages the build ends with exit
    status 1 instead; the site from the last good build stays as it was.
    """
    from exercises.instructors.content import load_all_content

    try:
        load_all_content()
    except ContentErrors as exc:
        for error in exc.errors:
            logger.error(str(error))
        logger.error(exc.report().splitlines()[0] + " Der Kurs wurde nicht gebaut.")
        sys.exit(1)


def check_texts(app: Sphinx, config) -> None:
    """Stop the build at its very start when ui_text.yml is broken, before anything reads it.

    Runs first at config-inited (the theme catalog, page assets and search script read the
    texts there). Hints (a placeholder left out) are only shown: a warning would fail the build.
    """
    from exercises.core.texts import check_ui_text

    result = check_ui_text()
    if result.hints:
        logger.info(result.hints_report())
    if result.errors:
        for error in result.errors:
            logger.error(str(error))
        logger.error(ContentErrors(result.errors).report().splitlines()[0] + " Der Kurs wurde nicht gebaut.")
        sys.exit(1)


def note_content_dependencies(app: Sphinx, docname: str, source: list[str]) -> None:
    """Make edits to banks, scenarios, ui_text.yml or the package reach this chapter's outputs."""
    if not is_notebook_source(source[0]):
        return
    chapter_dir = Path(app.env.doc2path(docname)).parent
    files = dependencies(source[0], chapter_dir)
    if not files:
        return
    for path in files:
        app.env.note_dependency(str(path))
    source[0] += FINGERPRINT_CELL.format(fingerprint=fingerprint(files))


def setup(app: Sphinx) -> dict:
    make_strict(app)
    app.setup_extension("exercises.site.chapter_info")  # Bearbeitungszeit and Stand of every chapter
    app.connect("config-inited", check_texts, priority=0)  # before anything reads ui_text.yml
    app.connect("config-inited", write_page_assets)
    app.connect("config-inited", install_theme_catalog)
    app.connect("config-inited", use_course_templates)
    app.connect("config-inited", add_theme_texts)
    app.connect("config-inited", write_search_script)
    app.connect("builder-inited", check_content)
    app.connect("source-read", note_content_dependencies)
    app.connect("html-page-context", add_download_links)
    app.connect("html-page-context", add_page_scripts)
    app.connect("html-page-context", trim_page_scripts, priority=900)
    app.connect("html-page-context", adjust_header_buttons, priority=600)
    app.connect("html-page-context", add_search_script)
    app.connect("html-page-context", describe_page)
    app.connect("doctree-resolved", link_figures)
    app.connect("build-finished", write_notebooks)
    app.connect("build-finished", write_lite)
    app.connect("build-finished", polish_pages)
    app.connect("build-finished", guard_privacy)
    app.connect("build-finished", lighten_theme_assets, priority=900)
    app.connect("build-finished", compress_site, priority=950)
    app.connect("build-finished", summarize, priority=999)
    app.add_css_file("kurs.css")
    app.add_css_file("kurs-site.css")
    app.add_js_file("kurs-theme-fixes.js", loading_method="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
