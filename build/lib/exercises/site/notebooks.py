"""The chapters as notebooks to take away: one ``.ipynb`` per chapter and ``kurs-notebooks.zip``.

The ZIP holds every chapter notebook, the images and data the chapters read, and the course
package as a wheel. Each notebook starts with a setup cell (``notebook_setup.py``) that finds
the package or installs the wheel lying next to it, so "Run All" works wherever Jupyter runs.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import weakref
import zipfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from exercises.core.paths import PACKAGE_DIR
from exercises.core.texts import all_texts, t

logger = logging.getLogger(__name__)
NOTEBOOK_DIR = "_notebooks"
ZIP_NAME = "kurs-notebooks.zip"
WHEEL_PATTERN = "social_media_kurs_exercises-*.whl"
SETUP_TEMPLATE = Path(__file__).with_name("notebook_setup.py")
_PROJECT_FILES = ("pyproject.toml", "setup.py", "_toc.yml")
_notebook_docs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def is_notebook_source(text: str) -> bool:
    """A MyST Markdown notebook: a chapter with a jupytext header."""
    return text.startswith("---\njupytext:")


def notebook_docs(app: Sphinx) -> list[str]:
    """Chapters written as MyST notebooks; looked up once per build."""
    if app not in _notebook_docs:
        docs = []
        for docname in app.env.found_docs:
            path = Path(app.env.doc2path(docname))
            if path.suffix == ".md" and is_notebook_source(path.read_text(encoding="utf-8")):
                docs.append(docname)
        _notebook_docs[app] = sorted(docs)
    return _notebook_docs[app]


def add_download_links(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is None or pagename not in notebook_docs(app):
        return
    from exercises.site.lite import lite_link

    single = context["pathto"](f"{NOTEBOOK_DIR}/{pagename}.ipynb", 1)
    everything = context["pathto"](ZIP_NAME, 1)
    context["body"] = (
        f'<p class="kurs-download"><a href="{single}" download="{Path(pagename).name}.ipynb">'
        f"{t('site', 'download_notebook')}</a>"
        f' · <a href="{everything}" download="{ZIP_NAME}">{t("site", "download_all")}</a>'
        f" · {lite_link(context, pagename)}</p>\n" + context.get("body", "")
    )


def setup_cell_source() -> str:
    """The first cell of every downloaded notebook, its German texts from ui_text.yml."""
    template = SETUP_TEMPLATE.read_text(encoding="utf-8")
    texts = all_texts()["notebook_setup"]
    return template.replace("TEXTE: dict[str, str] = {}", f"TEXTE = {texts!r}").rstrip() + "\n"


def downloadable_notebook(path: Path, env=None):
    """The chapter's cells, without outputs, after the setup cell; with the build's ``env``, the
    computed Bearbeitungszeit and Stand written out as the page shows them."""
    import jupytext
    import nbformat

    from exercises.site.chapter_info import notebook_text

    notebook = jupytext.read(path)
    if env is not None:
        docname = env.path2doc(str(path))
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source = notebook_text(env, docname, cell.source)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(setup_cell_source()))
    notebook.metadata.pop("jupytext", None)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return notebook


def _project_root(app: Sphinx) -> Path:
    return Path(app.srcdir)


def _wheel_fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    files = [root / name for name in _PROJECT_FILES if (root / name).exists()]
    files += sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def course_wheel(app: Sphinx) -> Path | None:
    """The course package as a wheel, built again only when the package changed."""
    root = _project_root(app)
    if not (root / "pyproject.toml").exists():
        logger.warning(t("build", "wheel_no_project", folder=root), type="kurs", subtype="wheel")
        return None
    cache_dir = Path(app.doctreedir) / "kurs-wheel" / _wheel_fingerprint(root)
    built = sorted(cache_dir.glob(WHEEL_PATTERN))
    if built:
        return built[-1]
    shutil.rmtree(cache_dir.parent, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="kurs-wheel-") as temporary:
        source = Path(temporary, "src")
        source.mkdir()
        for name in _PROJECT_FILES:
            if (root / name).exists():
                shutil.copy2(root / name, source / name)
        shutil.copytree(
            PACKAGE_DIR, source / "exercises", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "--quiet",
                "--disable-pip-version-check",
                "-w",
                str(cache_dir),
                str(source),
            ],
            capture_output=True,
            text=True,
        )
    built = sorted(cache_dir.glob(WHEEL_PATTERN))
    if run.returncode != 0 or not built:
        logger.warning(
            t("build", "wheel_failed", detail=(run.stderr or run.stdout).strip()[-800:]),
            type="kurs",
            subtype="wheel",
        )
        return None
    return built[-1]


def _chapter_assets(app: Sphinx, docnames: list[str]) -> list[tuple[Path, str]]:
    """Images and data beside the chapters, as (file, name in the ZIP)."""
    folders = {Path(app.env.doc2path(doc)).parent for doc in docnames}
    assets = []
    for folder in sorted(folders):
        for path in sorted(folder.rglob("*")):
            if (
                path.is_file()
                and path.suffix not in {".md", ".ipynb"}
                and ".ipynb_checkpoints" not in path.parts
            ):
                assets.append((path, path.relative_to(folder).as_posix()))
    return assets


def write_notebooks(app: Sphinx, exception) -> None:
    """Each chapter as a notebook, and all of them with the package in kurs-notebooks.zip."""
    if exception or app.builder.format != "html":
        return
    import nbformat

    docnames = notebook_docs(app)
    outdir = Path(app.outdir)
    wheel = course_wheel(app)
    with zipfile.ZipFile(outdir / ZIP_NAME, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for docname in docnames:
            notebook = downloadable_notebook(Path(app.env.doc2path(docname)), app.env)
            target = outdir / NOTEBOOK_DIR / f"{docname}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, target)
            bundle.write(target, f"{Path(docname).name}.ipynb")
        for path, name in _chapter_assets(app, docnames):
            bundle.write(path, name)
        if wheel is not None:
            bundle.write(wheel, wheel.name)
        bundle.writestr("LIESMICH.txt", t("site", "zip_readme", wheel=wheel.name if wheel else "–"))
