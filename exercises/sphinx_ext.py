"""Sphinx extension of the course: content checks, page assets, downloads, privacy, theme fixes.

Loaded through ``_config.yml`` (``sphinx.extra_extensions``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .errors import ContentErrors
from .frontend import STATIC_DIR
from .privacy import guard_privacy
from .texts import t
from .theme_polish import polish_pages, trim_page_scripts

logger = logging.getLogger(__name__)
NOTEBOOK_DIR = "_notebooks"


def check_content(app: Sphinx) -> None:
    """Fail the build, without a traceback, when a bank or scenario has errors."""
    from .content import load_all_content

    try:
        load_all_content()
    except ContentErrors as exc:
        for error in exc.errors:
            logger.error(str(error))
        logger.error(exc.report().splitlines()[0] + " Der Kurs wurde nicht gebaut.")
        sys.exit(1)


def add_static(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC_DIR))


def _notebook_docs(app: Sphinx) -> list[str]:
    """Chapters written as MyST notebooks (jupytext header); looked up once per build."""
    if getattr(app, "_kurs_notebooks", None) is None:
        docs = []
        for docname in app.env.found_docs:
            path = Path(app.env.doc2path(docname))
            text = path.read_text(encoding="utf-8") if path.suffix == ".md" else ""
            if text.startswith("---\njupytext:"):
                docs.append(docname)
        app._kurs_notebooks = sorted(docs)
    return app._kurs_notebooks


def add_download_link(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is None or pagename not in _notebook_docs(app):
        return
    href = context["pathto"](f"{NOTEBOOK_DIR}/{pagename}.ipynb", 1)
    filename = Path(pagename).name + ".ipynb"
    context["body"] = (
        f'<p class="kurs-download"><a href="{href}" download="{filename}">'
        f"{t('site', 'download_notebook')}</a></p>\n" + context.get("body", "")
    )


def write_notebooks(app: Sphinx, exception) -> None:
    """Each chapter as a notebook to download: the same cells, without outputs."""
    if exception or app.builder.format != "html":
        return
    import jupytext

    for docname in _notebook_docs(app):
        notebook = jupytext.read(app.env.doc2path(docname))
        target = Path(app.outdir, NOTEBOOK_DIR, f"{docname}.ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(notebook, target, fmt="ipynb")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_static)
    app.connect("builder-inited", check_content)
    app.connect("html-page-context", add_download_link)
    app.connect("html-page-context", trim_page_scripts, priority=900)
    app.connect("build-finished", write_notebooks)
    app.connect("build-finished", polish_pages)
    app.connect("build-finished", guard_privacy)
    app.add_css_file("kurs.css")
    app.add_js_file("kurs-host.js", type="module")
    app.add_js_file("kurs-theme-fixes.js", loading_method="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
