"""The course's own JupyterLite: every chapter as a live notebook in the browser, offline.

JupyterLite runs Jupyter with a Pyodide (WebAssembly) Python kernel in the browser, served as
static files under ``_build/html/lite/``. Nothing in it is fetched from another host.

1. ``python3 -m exercises.site.lite`` (``setup.sh`` runs it) fills a cache folder once, while
   the package registries are reachable: Pyodide's core from the npm package ``pyodide``
   (``node_modules/``, pinned in package.json), the wheels pinned in ``WHEELS`` from PyPI
   (``pip download`` for the Pyodide platform, without dependencies: the list is complete),
   and PyYAML's pure-Python part repacked from its sdist as a ``py3-none-any`` wheel (PyPI has
   no Pyodide wheel of PyYAML; the repack needs no compiler and gives the same module as
   ``yaml.__with_libyaml__ == False``).
2. The book build (``build-finished``) writes the chapters as notebooks for JupyterLite, a
   ``pyodide-lock.json`` that lists exactly the wheels in the site, and runs ``jupyter lite
   build`` (jupyterlite-core, pinned in requirements.txt). It needs no network and is skipped
   when nothing it is made from has changed.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from importlib import metadata
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from exercises.core.texts import all_texts, t
from exercises.site.notebooks import (
    _chapter_assets,
    course_wheel,
    downloadable_notebook,
    notebook_docs,
    setup_cell_source,
)

logger = logging.getLogger(__name__)

LITE_DIR = "lite"
APPS = ("notebooks", "tree")
#: the npm package ``pyodide`` (package.json); jupyterlite-pyodide-kernel 0.8.6 is made for it
PYODIDE_VERSION = "314.0.6"
PLATFORM = {"platform": "pyemscripten_2026_0_wasm32", "python": "3.14", "abi": "cp314"}
#: what the site needs of the npm package: the ES module, the runtime and the standard library
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
#: every wheel the browser's Python loads (besides the course package, PyYAML and the kernel's own
#: wheels), pinned; their dependencies are checked against this list when the lock is written
WHEELS = {
    "anywidget": "0.11.0",
    "psygnal": "0.16.1",
    "ipywidgets": "8.1.9",
    "jupyterlab_widgets": "3.0.17",
    "comm": "0.2.3",
    "networkx": "3.6.1",
    # PyPI has Pyodide wheels of pydantic-core from 2.47 on, so pydantic is newer than the book's
    "pydantic": "2.14.4",
    "pydantic_core": "2.50.5",
    "annotated_types": "0.7.0",
    "typing_extensions": "4.16.0",
    "typing_inspection": "0.4.5",
    # the kernel: IPython and what it needs, at the versions Pyodide 314.0.6 ships
    "ipython": "9.12.0",
    "ipython_pygments_lexers": "1.1.1",
    "jedi": "0.19.2",
    "parso": "0.8.6",
    "traitlets": "5.14.3",
    "pygments": "2.20.0",
    "decorator": "5.2.1",
    "prompt_toolkit": "3.0.52",
    "wcwidth": "0.6.0",
    "stack_data": "0.6.3",
    "executing": "2.2.1",
    "asttokens": "3.0.1",
    "pure_eval": "0.2.3",
    "matplotlib_inline": "0.2.1",
    "micropip": "0.11.1",
    "packaging": "26.1",
}
PYYAML_VERSION = "6.0.3"
#: requirements of the course package that the browser's Python does without
NOT_IN_BROWSER = {"matplotlib": "exercises.site.charts shows the chart drawn at build time"}
#: the only JupyterLab extensions the site carries (jupyterlab-myst stopped the chapter kernels)
EXTENSIONS = ("@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager", "anywidget")
KERNEL_EXTENSION = EXTENSIONS[0]
#: plugins of the app that only lead away from the course (other interfaces, news from the web)
DISABLED_PLUGINS = (
    "@jupyter-notebook/application-extension:interface-switcher",
    "@jupyter-notebook/lab-extension:interface-switcher",
    "@jupyter-notebook/lab-extension:launch-tree",
    "@jupyterlab/apputils-extension:announcements",
    # swaps the tab's icon for files that JupyterLite does not have (404 on every kernel status)
    "@jupyter-notebook/notebook-extension:tab-icon",
)
#: the classic font formats beside each .woff2 that every browser able to run Pyodide ignores
OLD_FONT_FORMATS = (".eot", ".svg", ".ttf", ".woff")
STAMP = ".kurs-lite-fingerprint"
MARKER = "kurs-lite-cache.json"
EMSCRIPTEN = {
    "sys_platform": "emscripten",
    "platform_system": "Emscripten",
    "os_name": "posix",
    "platform_machine": "wasm32",
    "python_version": PLATFORM["python"],
    "python_full_version": PLATFORM["python"] + ".2",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
    "extra": "",
}
_BUILD_PARTS = (Path(__file__), Path(__file__).with_name("lite_markdown.py"))
_TREND_CHART = re.compile(r"""trend_chart\(\s*["']([^"']+)["']\s*\)""")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s:]+)\)")
IMAGE_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
}


class LiteProblem(Exception):
    """A German message for the instructor instead of a traceback."""


# --- the cache folder (filled by setup.sh) ---------------------------------------------------


def _member_bytes(archive: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    stream = archive.extractfile(member)
    if stream is None:  # not a regular file
        return b""
    return stream.read()


def _pins_digest() -> str:
    pins = json.dumps([PYODIDE_VERSION, PLATFORM, WHEELS, PYYAML_VERSION], sort_keys=True)
    return hashlib.sha256(pins.encode()).hexdigest()[:12]


def cache_folder() -> Path:
    """Where setup.sh puts Pyodide and the wheels; one folder per set of pins."""
    root = os.environ.get("KURS_LITE_CACHE") or Path.home() / ".cache" / "social-media-kurs" / "lite"
    return Path(root) / f"pyodide-{PYODIDE_VERSION}-{_pins_digest()}"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_cache(folder: Path) -> dict:
    """The cache's list of files, or a LiteProblem naming the fix."""
    marker = folder / MARKER
    try:
        listed = json.loads(marker.read_text(encoding="utf-8"))
        missing = [name for name in listed["files"] if not (folder / name).is_file()]
    except (OSError, ValueError, KeyError, TypeError):
        missing = [MARKER]
    if missing:
        raise LiteProblem(t("lite", "cache_missing", folder=folder, missing=", ".join(missing[:3])))
    return listed


def _run(command: list[str], problem: str) -> None:
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        lines = [line for line in (run.stderr or run.stdout).splitlines() if line.strip()]
        raise LiteProblem(t("lite", problem, detail=" ".join(lines[-3:]) or "–"))


def repack_pyyaml(sdist: Path, target_dir: Path) -> Path:
    """PyYAML's pure-Python package from its sdist as a py3-none-any wheel (same bytes each time)."""
    name = f"pyyaml-{PYYAML_VERSION}"
    files: dict[str, bytes] = {}
    pkg_info = b""
    with tarfile.open(sdist) as archive:
        for member in sorted(archive.getmembers(), key=lambda m: m.name):
            parts = Path(member.name).parts
            if member.isfile() and parts[1:3] == ("lib", "yaml") and member.name.endswith(".py"):
                files["yaml/" + "/".join(parts[3:])] = _member_bytes(archive, member)
            elif member.isfile() and parts[1:] == ("PKG-INFO",):
                pkg_info = _member_bytes(archive, member)
    if "yaml/__init__.py" not in files or not pkg_info:
        raise LiteProblem(t("lite", "pyyaml_sdist", file=sdist.name))
    info = f"PyYAML-{PYYAML_VERSION}.dist-info"
    files[f"{info}/METADATA"] = pkg_info
    files[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: exercises.site.lite\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files[f"{info}/top_level.txt"] = b"yaml\n"
    record = [
        f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},"
        f"{len(data)}"
        for path, data in files.items()
    ]
    files[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()
    wheel = target_dir / f"{name}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path, data in files.items():
            entry = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            bundle.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return wheel


def prepare(node_modules: Path, folder: Path | None = None) -> Path:
    """Fill the cache folder: Pyodide's core from node_modules, the wheels from PyPI."""
    folder = folder or cache_folder()
    npm = node_modules / "pyodide"
    try:
        version = json.loads((npm / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        version = None
    if version != PYODIDE_VERSION:
        raise LiteProblem(t("lite", "npm_missing", version=PYODIDE_VERSION, folder=npm))
    partial = folder.with_name(folder.name + ".unfertig")
    shutil.rmtree(partial, ignore_errors=True)
    (partial / "pyodide").mkdir(parents=True)
    for name in (*CORE_FILES, "pyodide-lock.json"):
        shutil.copy2(npm / name, partial / "pyodide" / name)
    wheels = partial / "wheels"
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps"]
    _run(
        [
            *pip,
            "--only-binary=:all:",
            f"--platform={PLATFORM['platform']}",
            f"--python-version={PLATFORM['python']}",
            "--implementation=cp",
            f"--abi={PLATFORM['abi']}",
            "-d",
            str(wheels),
            *(f"{name}=={version}" for name, version in WHEELS.items()),
        ],
        "download_failed",
    )
    sdist = partial / "sdist"
    _run(
        [*pip, "--no-binary=:all:", "--no-build-isolation", "-d", str(sdist), f"PyYAML=={PYYAML_VERSION}"],
        "download_failed",
    )
    repack_pyyaml(next(sdist.glob("*.tar.gz")), wheels)
    files = sorted(p.relative_to(partial).as_posix() for p in partial.rglob("*") if p.is_file())
    marker = {"pyodide": PYODIDE_VERSION, "files": {name: _sha256(partial / name) for name in files}}
    (partial / MARKER).write_text(json.dumps(marker, indent=1, sort_keys=True), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder


# --- the lock file: only wheels that are really in the site ----------------------------------


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_entry(wheel: Path) -> dict:
    """One package of pyodide-lock.json, read from the wheel itself."""
    from email.parser import Parser

    from packaging.requirements import Requirement

    with zipfile.ZipFile(wheel) as bundle:
        names = bundle.namelist()
        info = next(n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info"))
        meta = Parser().parsestr(bundle.read(f"{info}/METADATA").decode("utf-8"))
        if f"{info}/top_level.txt" in names:
            imports = bundle.read(f"{info}/top_level.txt").decode().split()
        else:
            tops = {n.split("/")[0] for n in names if "/" in n and n.endswith(".py")}
            tops |= {n[:-3] for n in names if "/" not in n and n.endswith(".py")}
            imports = [top for top in tops if not top.endswith((".dist-info", ".data"))]
    depends = []
    for line in meta.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(EMSCRIPTEN):
            depends.append(requirement)
    return {
        "name": meta["Name"],
        "version": meta["Version"],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": _sha256(wheel),
        "package_type": "package",
        "imports": sorted(imports),
        "depends": depends,
        "unvendored_tests": False,
    }


def pyodide_lock(core_lock: Path, wheels: list[Path]) -> dict:
    """pyodide-lock.json for these wheels; every dependency must be among them."""
    entries = {}
    for wheel in wheels:
        entry = wheel_entry(wheel)
        entries[_canonical(entry["name"])] = entry
    for entry in entries.values():
        kept = []
        for requirement in entry["depends"]:
            name = _canonical(requirement.name)
            if name in NOT_IN_BROWSER:
                continue
            present = entries.get(name)
            if present is None or not requirement.specifier.contains(present["version"], prereleases=True):
                raise LiteProblem(
                    t(
                        "lite",
                        "lock_unsatisfied",
                        package=f"{entry['name']} {entry['version']}",
                        requirement=str(requirement),
                        found=present["version"] if present else "–",
                    )
                )
            kept.append(name)
        entry["depends"] = sorted(kept)
    info = json.loads(core_lock.read_text(encoding="utf-8"))["info"]
    return {"info": info, "packages": dict(sorted(entries.items()))}


# --- what the site is made from --------------------------------------------------------------


def lite_notebook(path: Path, env=None):
    """The downloadable notebook, for the Pyodide kernel and without MyST-only markup."""
    from exercises.site.lite_markdown import plain_markdown

    notebook = downloadable_notebook(path, env)
    if notebook.cells and notebook.cells[0].source == setup_cell_source():
        del notebook.cells[0]  # it installs the package where it is missing; here it is preloaded
    notebook.metadata["kernelspec"] = {
        "display_name": "Python (Pyodide)",
        "language": "python",
        "name": "python",
    }
    for number, cell in enumerate(notebook.cells):
        cell.id = f"kurs-{number}"  # the same each build, so an unchanged chapter is not rebuilt
        if cell.cell_type == "markdown":
            cell.source = inline_images(plain_markdown(cell.source), path.parent)
        elif "remove-input" in cell.metadata.get("tags", []):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    return notebook


def inline_images(source: str, chapter_dir: Path) -> str:
    """The text's images as data: URLs, so JupyterLite shows them without fetching anything.

    Its own way inlines images read from the drive with btoa(), which fails on the umlauts in
    our SVGs, and JupyterLab renders no SVG attachments.
    """

    def inline(match: re.Match) -> str:
        image = chapter_dir / match["src"]
        kind = IMAGE_TYPES.get(image.suffix.lower())
        if kind is None or not image.is_file():
            return match[0]
        return f"![{match['alt']}](data:{kind};base64,{base64.b64encode(image.read_bytes()).decode()})"

    return _IMAGE.sub(inline, source)


def chart_sources(chapter_dir: Path, notebook) -> dict[str, Path]:
    """{name of the PNG in the drive: data file} for each trend chart of the chapter."""
    from exercises.site.charts import prerendered_name

    charts = {}
    for cell in notebook.cells:
        for csv_name in _TREND_CHART.findall(cell.source if cell.cell_type == "code" else ""):
            csv = chapter_dir / csv_name
            if csv.is_file():  # a missing file fails the chapter's own cell in the book already
                charts[(Path(csv_name).parent / prerendered_name(csv)).as_posix()] = csv
    return charts


def lite_contents(app: Sphinx) -> tuple[dict[str, bytes], dict[str, Path], dict[str, Path]]:
    """The lite drive: notebooks by chapter name, the chapters' images and data, chart sources."""
    import nbformat

    notebooks: dict[str, bytes] = {}
    charts: dict[str, Path] = {}
    for docname in notebook_docs(app):
        name = f"{Path(docname).name}.ipynb"
        if name in notebooks:
            raise LiteProblem(t("lite", "duplicate_chapter", name=name))
        path = Path(app.env.doc2path(docname))
        notebook = lite_notebook(path, app.env)
        notebooks[name] = (nbformat.writes(notebook) + "\n").encode("utf-8")
        charts.update(chart_sources(path.parent, notebook))
    assets = {name: path for path, name in _chapter_assets(app, notebook_docs(app))}
    return notebooks, assets, charts


def extension_dirs() -> list[Path]:
    """The folders of the JupyterLab extensions the site carries, from this Python's environment."""
    from jupyter_core.paths import jupyter_path

    found = []
    for name in EXTENSIONS:
        candidates = [Path(base) / name for base in jupyter_path("labextensions")]
        folder = next((c for c in candidates if (c / "package.json").is_file()), None)
        if folder is None:
            raise LiteProblem(t("lite", "extension_missing", name=name))
        found.append(folder)
    return found


def kernel_wheels(kernel_dir: Path) -> list[Path]:
    """The kernel's own wheels (pyodide-kernel, piplite, the shims of ipykernel and
    widgetsnbextension), the newest of each."""
    from packaging.version import Version

    newest: dict[str, tuple[Version, Path]] = {}
    for wheel in (kernel_dir / "static" / "pypi").glob("*.whl"):
        name, version = wheel.name.split("-")[:2]
        if name not in newest or Version(version) > newest[name][0]:
            newest[name] = (Version(version), wheel)
    return sorted(wheel for _, wheel in newest.values())


def lite_config(packages: list[str]) -> dict:
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": t("lite", "app_name"),
            "appUrl": "./tree",
            "faviconUrl": "./notebooks/favicon.ico",  # the default is in the lab app, left out
            "disabledExtensions": list(DISABLED_PLUGINS),
            "litePluginSettings": {
                f"{KERNEL_EXTENSION}:kernel": {
                    "pyodideUrl": "./static/pyodide/pyodide.mjs",
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": packages},
                }
            },
        },
    }


#: settings the learner starts with: the notebook as published stays in the browser unchanged
#: (no autosave), so a new version of the course reaches learners; answers live in the
#: progress file, which the kernel writes to the browser's storage
OVERRIDES = {
    "@jupyterlab/translation-extension:plugin": {"locale": "de_DE"},  # jupyterlab-language-pack-de-DE
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
}


def fingerprint(parts: list[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _versions() -> bytes:
    """The installed versions of what the site is built with (a missing one fails later, in German)."""
    names = (
        "jupyterlite-core",
        "jupyterlite-pyodide-kernel",
        "jupyterlab-language-pack-de-DE",
        "anywidget",
        "jupyterlab_widgets",
    )
    versions: dict[str, str | None] = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return json.dumps(versions).encode()


# --- the pages: a German message where the browser cannot run it -----------------------------

_GUARD = """<script>
(function () {
  var texts = %(texts)s, reason = null;
  if (location.protocol === "file:") reason = "file";
  else if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") reason = "wasm";
  else if (typeof Worker !== "function") reason = "worker";
  if (!reason) return;
  window.kursLiteBlocked = true;
  function show() {
    var box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.setAttribute("lang", "de");
    box.className = "kurs-lite-blocked";
    box.style.cssText = "max-width:40rem;margin:3rem auto;padding:1.5rem;" +
      "font:1.1rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;" +
      "border:3px solid #a4161a;border-radius:6px";
    var heading = document.createElement("h1");
    heading.style.cssText = "font-size:1.4rem;margin-top:0";
    heading.textContent = texts.heading;
    var text = document.createElement("p");
    text.textContent = texts[reason];
    var back = document.createElement("a");
    back.href = "%(back)s";
    back.textContent = texts.back;
    back.style.color = "#0b4f8a";
    box.append(heading, text, back);
    document.body.replaceChildren(box);
    document.title = texts.heading;
  }
  if (document.body) show(); else document.addEventListener("DOMContentLoaded", show);
})();
</script>
"""
#: the start of each page's loader, which the guard must be able to stop (checked at build time)
_LOADERS = {
    "index.html": ("await import('./config-utils.js');", "if (!window.kursLiteBlocked) "),
    "app": ("(async function () {", None),
}


def guard_page(html: str, depth: int, is_root: bool) -> str | None:
    """The page with the browser check before its loader, or None when the loader is not found."""
    texts = {key: all_texts()["lite"][key] for key in ("heading", "file", "wasm", "worker", "back")}
    up = "../" * (depth + 1)
    script = _GUARD % {"texts": json.dumps(texts, ensure_ascii=False), "back": up + "index.html"}
    # the course's icon from the first paint: without a link the browser asks the host for
    # /favicon.ico, which a course published in a sub-folder (or on a share) does not have
    script = f'<link rel="icon" href="{up}_static/kurs-favicon.svg" type="image/svg+xml">\n' + script
    if is_root:
        loader, prefix = _LOADERS["index.html"]
        replaced = f"{prefix}{loader}"
    else:
        loader = _LOADERS["app"][0]
        replaced = loader + "\n        if (window.kursLiteBlocked) return;"
    if html.count(loader) != 1 or html.count("<head>") != 1:
        return None
    html = html.replace(loader, replaced)
    return html.replace("<head>", "<head>\n" + script, 1)


# --- the build -------------------------------------------------------------------------------


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build_site(work: Path, contents, wheel: Path, cache: Path, sources: list[Path]) -> Path:
    """Run ``jupyter lite build`` in ``work`` and finish the site there; returns its folder."""
    from exercises.site.charts import trend_chart

    notebooks, assets, charts = contents
    shutil.rmtree(work, ignore_errors=True)
    files = work / "files"
    files.mkdir(parents=True)
    for name, data in notebooks.items():
        (files / name).write_bytes(data)
    for name, path in assets.items():
        (files / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, files / name)
    for name, csv in charts.items():
        (files / name).write_bytes(trend_chart(csv)._repr_png_())

    if importlib.util.find_spec("jupyterlite_core") is None:
        raise LiteProblem(t("lite", "tool_missing"))
    kernel_dir, *other_extensions = extension_dirs()
    wheels = sorted((cache / "wheels").glob("*.whl")) + kernel_wheels(kernel_dir) + [wheel]
    lock = pyodide_lock(cache / "pyodide" / "pyodide-lock.json", wheels)
    (work / "jupyter-lite.json").write_text(
        json.dumps(lite_config(sorted(lock["packages"]))), encoding="utf-8"
    )
    (work / "overrides.json").write_text(json.dumps(OVERRIDES), encoding="utf-8")
    # from this Python's environment only the German language pack, no extension, no icons
    config = {"LiteBuildConfig": {"ignore_sys_prefix": ["federated_extensions", "icons"]}}
    (work / "jupyter_lite_config.json").write_text(json.dumps(config), encoding="utf-8")
    # the files' dates in the drive: the newest chapter's, so the same sources give the same site
    epoch = str(int(max(path.stat().st_mtime for path in sources)))
    output = work / "site"
    command = [
        sys.executable,
        "-m",
        "jupyterlite_core",
        "build",
        f"--lite-dir={work}",
        "--contents=files",
        f"--output-dir={output}",
        "--settings-overrides=overrides.json",
        "--no-sourcemaps",
        "--no-unused-shared-packages",
        "--no-libarchive",
        f"--source-date-epoch={epoch}",
        *(f"--apps={app}" for app in APPS),
        *(f"--LiteBuildConfig.federated_extensions={folder}" for folder in (kernel_dir, *other_extensions)),
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONWARNINGS": "ignore"}
    run = subprocess.run(command, cwd=work, capture_output=True, text=True, env=env)
    if run.returncode != 0:
        lines = [line for line in (run.stderr + run.stdout).splitlines() if line.strip()]
        raise LiteProblem(t("lite", "build_failed", detail=" | ".join(lines[-6:])))

    if not (output / "api" / "translations" / "de_DE.json").is_file():
        raise LiteProblem(t("lite", "language_missing"))
    pyodide = output / "static" / "pyodide"
    pyodide.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copy2(cache / "pyodide" / name, pyodide / name)
    for path in wheels:
        shutil.copy2(path, pyodide / path.name)
    (pyodide / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")

    # doc/tree and doc/workspaces only redirect into the lab app, which the site leaves out
    shutil.rmtree(output / "doc", ignore_errors=True)
    for page in [output / "index.html", *(output / app / "index.html" for app in APPS)]:
        guarded = guard_page(
            page.read_text(encoding="utf-8"), len(page.relative_to(output).parts) - 1, page.parent == output
        )
        if guarded is None:
            raise LiteProblem(t("lite", "page_changed", file=page.relative_to(output).as_posix()))
        page.write_text(guarded, encoding="utf-8")
    for font in (output / "build").glob("*"):
        if font.suffix in OLD_FONT_FORMATS and font.with_suffix(".woff2").exists():
            font.unlink()
    return output


def write_lite(app: Sphinx, exception) -> None:
    """Build ``lite/`` beside the pages, unless nothing it is made from has changed."""
    if exception or app.builder.format != "html":
        return
    target = Path(app.outdir) / LITE_DIR
    try:
        cache = cache_folder()
        listed = check_cache(cache)
        wheel = course_wheel(app)
        if wheel is None:
            return  # course_wheel has said why
        contents = lite_contents(app)
        notebooks, assets, _ = contents
        parts = [json.dumps(listed, sort_keys=True).encode(), wheel.read_bytes(), _versions()]
        parts += [path.read_bytes() for path in _BUILD_PARTS]
        parts += [json.dumps(all_texts()["lite"], sort_keys=True).encode()]
        parts += [name.encode() + b"\0" + data for name, data in sorted(notebooks.items())]
        parts += [name.encode() + b"\0" + path.read_bytes() for name, path in sorted(assets.items())]
        current = fingerprint(parts)
        stamp = target / STAMP
        if stamp.is_file() and stamp.read_text(encoding="utf-8") == current:
            logger.info(t("lite", "unchanged", folder=f"{LITE_DIR}/"))
            return
        start = time.perf_counter()
        site = build_site(
            Path(app.doctreedir) / "kurs-lite",
            contents,
            wheel,
            cache,
            [Path(app.env.doc2path(doc)) for doc in notebook_docs(app)],
        )
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(site, target)
        shutil.rmtree(site.parent, ignore_errors=True)
        stamp.write_text(current, encoding="utf-8")
        logger.info(
            t(
                "lite",
                "built",
                folder=f"{LITE_DIR}/",
                size=f"{_folder_size(target) / 1e6:.1f}".replace(".", ","),
                seconds=f"{time.perf_counter() - start:.0f}",
            )
        )
    except LiteProblem as problem:
        logger.warning(str(problem), type="kurs", subtype="lite")
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        logger.warning(
            t("lite", "build_failed", detail=f"{type(error).__name__}: {error}"), type="kurs", subtype="lite"
        )


def lite_link(context: dict, pagename: str) -> str:
    """The chapter's link into lite/ and the note shown when the page is opened from disk."""
    href = context["pathto"](f"{LITE_DIR}/notebooks/index.html", 1) + f"?path={Path(pagename).name}.ipynb"
    return (
        f'<a class="kurs-lite-link" href="{href}">{t("lite", "link")}</a>'
        f'<span class="kurs-lite-file" hidden> {t("lite", "file_note")}</span>'
        '<script>if(location.protocol==="file:")document.querySelectorAll(".kurs-lite-file")'
        ".forEach(function(n){n.hidden=false})</script>"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m exercises.site.lite",
        description="Füllt den Zwischenspeicher für JupyterLite (Pyodide aus node_modules, Pakete aus PyPI).",
    )
    parser.add_argument("--node-modules", type=Path, default=Path("node_modules"))
    args = parser.parse_args(argv)
    folder = cache_folder()
    try:
        check_cache(folder)
        print(t("lite", "prepared_already", folder=folder))
        return 0
    except LiteProblem:
        pass
    try:
        prepare(args.node_modules.resolve(), folder)
    except LiteProblem as problem:
        print(problem, file=sys.stderr)
        return 1
    print(t("lite", "prepared", folder=folder, count=len(list((folder / "wheels").glob("*.whl")))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
