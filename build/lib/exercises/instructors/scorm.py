"""The course as a SCORM 1.2 package for Moodle and ILIAS: ``kurs export-scorm DATEI.zip``.

The package is the website itself, built by the same strict ``jupyter-book build`` (same pages,
same quizzes and exercises), plus what a learning platform needs:

- ``imsmanifest.xml`` (IMS Content Packaging 1.1.2 with ADL's SCORM 1.2 extensions): one
  organization, one item per chapter with a quiz in ``_toc.yml`` order; the final test's item
  carries ``adlcp:masteryscore`` from its ``pass_mark``;
- one SCO page per chapter, ``sco/<chapter>.html``: it runs the adapter
  (``static/kurs-scorm.js``) and shows the chapter's page in a frame;
- the adapter on every course page, loaded just before ``kurs-host.js``; it hands the page's
  store to the SCO page (``window.KursStoreBackend``) and does nothing outside a platform.

One SCO per chapter, not one for the whole course: the platform then shows status and score
per chapter (its gradebook can add them up or use the final test), and each SCO's state is
small. SCORM 1.2 keeps at most 4,096 characters of ``cmi.suspend_data`` per SCO; the whole
course's state would not fit (measured in the feasibility study) without compression, whose
size cannot be bounded in advance. Per chapter, the compact encoding of ``scorm_state.py``
keeps every SCO's largest possible state well below the limit, and the export proves it: it
refuses to write a package in which any chapter could exceed it. The price: the platform's
table of contents replaces the book's navigation inside the package.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml

from exercises.core.paths import static_file
from exercises.core.texts import all_texts, t
from exercises.instructors import scorm_state

ADAPTER = "kurs-scorm.js"
SCO_FOLDER = "sco"
ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # fixed: the same course gives the same package
NS_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{NS_CP} imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{NS_ADLCP} adlcp_rootv1p2.xsd"
)
_ROOT = re.compile(r'data-kurs-kind="(?:quiz|exercise)"')
_DATA = re.compile(
    r'data-kurs-kind="(quiz|exercise)"[^>]*>\s*'
    r'<script type="application/json" class="kurs-data">(.*?)</script>',
    re.S,
)
_H1 = re.compile(r"<h1>(.*?)</h1>", re.S)
_HOST_TAG = re.compile(r'<script\b[^>]*\bsrc="((?:\.\./)*)_static/kurs-host\.js[^"]*"[^>]*></script>')
#: the chapter's link into lite/ with its from-disk note (exercises/site/lite.py, lite_link) and
#: the separator before it in the download line (site/notebooks.py)
_LITE_LINK = re.compile(
    r'(?: · )?<a class="kurs-lite-link" href="[^"]*">[^<]*</a>'
    r'<span class="kurs-lite-file" hidden>[^<]*</span><script>[^<]*</script>'
)
LITE_DIR = "lite/"


class ExportError(Exception):
    """The package cannot be made; the message says why, in German."""


@dataclass
class Widget:
    kind: str  # "quiz" or "exercise"
    data: dict

    @property
    def key(self) -> str:
        """The item's key in the page store (kurs-host.js): "quiz:profil"."""
        return f"{self.kind}:{self.data['id']}"


@dataclass
class Chapter:
    docname: str  # "book/profil"
    title: str
    widgets: list[Widget]
    tokens: dict[str, str] = field(default_factory=dict)
    caps: dict[str, int] = field(default_factory=dict)
    largest: int = 0  # characters of the largest suspend_data this SCO can reach

    @property
    def slug(self) -> str:
        return self.docname.rsplit("/", 1)[-1]

    @property
    def quiz(self) -> Widget:
        return next(w for w in self.widgets if w.kind == "quiz")

    @property
    def final(self) -> dict | None:
        return self.quiz.data.get("final")

    @property
    def mastery_score(self) -> str | None:
        """``adlcp:masteryscore``: the final test's pass mark in percent ("70")."""
        if not self.final:
            return None
        return f"{round(100 * self.final['pass_mark'], 2):g}"


@dataclass
class Package:
    data: bytes
    chapters: list[Chapter]
    questions: int
    files: int


# --- reading the course and the built site ------------------------------------------------------


def toc_docnames(course_dir: Path) -> list[str]:
    """The documents of ``_toc.yml`` in reading order (root, parts, chapters, sections)."""
    toc = yaml.safe_load((course_dir / "_toc.yml").read_text(encoding="utf-8")) or {}
    names: list[str] = [toc["root"]] if toc.get("root") else []

    def walk(entries):
        for entry in entries or []:
            if isinstance(entry, dict):
                if entry.get("file"):
                    names.append(str(entry["file"]).removesuffix(".md").removesuffix(".ipynb"))
                walk(entry.get("sections"))
                walk(entry.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts") or []:
        walk(part.get("chapters"))
    return names


def course_title(course_dir: Path) -> str:
    config = yaml.safe_load((course_dir / "_config.yml").read_text(encoding="utf-8")) or {}
    return str(config.get("title") or "Kurs")


def _text(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def read_chapter(html_dir: Path, docname: str) -> Chapter | None:
    """The chapter's title and widgets as its built page embeds them; None without a quiz."""
    page = html_dir / f"{docname}.html"
    if not page.exists():
        raise ExportError(t("scorm_export", "page_missing", page=f"{docname}.html", folder=html_dir))
    text = page.read_text(encoding="utf-8")
    widgets = [Widget(kind, json.loads(data)) for kind, data in _DATA.findall(text)]
    if len(widgets) != len(_ROOT.findall(text)):
        raise ExportError(t("scorm_export", "page_layout", page=f"{docname}.html"))
    if not any(w.kind == "quiz" for w in widgets):
        return None
    heading = _H1.search(text)
    return Chapter(docname, _text(heading.group(1)) if heading else docname, widgets)


def site_chapters(html_dir: Path, course_dir: Path) -> list[Chapter]:
    if not (html_dir / "index.html").exists():
        raise ExportError(t("scorm_export", "no_site", folder=html_dir))
    chapters = [c for c in (read_chapter(html_dir, name) for name in toc_docnames(course_dir)) if c]
    if not chapters:
        raise ExportError(t("scorm_export", "no_chapters", folder=html_dir))
    return chapters


def measure(chapter: Chapter) -> None:
    """Token table, string limits and largest state of one SCO; refuse if it could overflow."""
    chapter.tokens = scorm_state.token_table(w.data for w in chapter.widgets)
    worst: dict = {}
    for widget in chapter.widgets:
        try:
            state, cap = scorm_state.worst_item(widget.kind, widget.data, chapter.tokens)
        except scorm_state.UnknownExercise as exc:
            raise ExportError(
                t("scorm_export", "unknown_exercise", id=exc.args[0], title=chapter.title)
            ) from None
        worst[widget.key] = state
        chapter.caps[widget.key] = cap
    chapter.largest = len(scorm_state.suspend_data(worst, chapter.tokens, chapter.caps))
    if chapter.largest > scorm_state.LIMIT:
        raise ExportError(
            t(
                "scorm_export",
                "too_big",
                title=chapter.title,
                size=_count(chapter.largest),
                limit=_count(scorm_state.LIMIT),
            )
        )


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


# --- what the package adds ------------------------------------------------------------------


def sco_config(chapter: Chapter) -> dict:
    """The settings the adapter reads on the SCO page."""
    final = chapter.final
    return {
        "items": [w.key for w in chapter.widgets],
        "quiz": chapter.quiz.key,
        "final": {"key": chapter.quiz.key, "pass_mark": final["pass_mark"]} if final else None,
        "caps": chapter.caps,
        "default_cap": scorm_state.EXERCISE_TEXT_CAP,
        "tokens": chapter.tokens,
        "texts": all_texts()["scorm"],
    }


def _script_json(value: dict) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def sco_page(chapter: Chapter, title: str, adapter_version: str) -> str:
    """``sco/<chapter>.html``: the SCO the platform launches; the chapter shows in its frame."""
    frame_title = html.escape(t("scorm", "frame_title", title=chapter.title))
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(chapter.title)} – {html.escape(title)}</title>
<style>
html, body {{ height: 100%; margin: 0; }}
body {{ display: flex; flex-direction: column; font-family: system-ui, sans-serif; }}
.kurs-scorm-notes {{ margin: 0; padding: .5rem 1rem; background: #fff4ce; color: #1a1a1a;
  border-bottom: 2px solid #8a6d00; }}
.kurs-scorm-notes p {{ margin: .25rem 0; }}
iframe {{ flex: 1; width: 100%; border: 0; }}
</style>
<script type="application/json" id="kurs-scorm-config">{_script_json(sco_config(chapter))}</script>
<script src="../_static/{ADAPTER}?v={adapter_version}"></script>
</head>
<body>
<div id="kurs-scorm-notes" class="kurs-scorm-notes" role="status" aria-live="polite" hidden></div>
<iframe src="../{chapter.docname}.html" title="{frame_title}"></iframe>
</body>
</html>
"""


def with_adapter(page: str, adapter_version: str) -> str:
    """A course page that loads the adapter right before the page host (both deferred)."""
    match = _HOST_TAG.search(page)
    if match is None:
        return page
    tag = f'<script defer="defer" src="{match.group(1)}_static/{ADAPTER}?v={adapter_version}"></script>'
    return page[: match.start()] + tag + page[match.start() :]


def _identifier(text: str) -> str:
    """An XML ID (xs:ID) from a name: letters, digits, hyphens; starts with a letter."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-")


def manifest(chapters: list[Chapter], files: list[str], title: str) -> bytes:
    """imsmanifest.xml: one SCO per chapter, all files of the site as one shared asset."""
    ET.register_namespace("", NS_CP)
    ET.register_namespace("adlcp", NS_ADLCP)
    ET.register_namespace("xsi", NS_XSI)
    cp = f"{{{NS_CP}}}"
    root = ET.Element(
        f"{cp}manifest",
        {
            "identifier": "kurs-" + _identifier(title).lower(),
            "version": "1.0",
            f"{{{NS_XSI}}}schemaLocation": SCHEMA_LOCATION,
        },
    )
    metadata = ET.SubElement(root, f"{cp}metadata")
    ET.SubElement(metadata, f"{cp}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{cp}schemaversion").text = "1.2"
    organizations = ET.SubElement(root, f"{cp}organizations", {"default": "kurs"})
    organization = ET.SubElement(organizations, f"{cp}organization", {"identifier": "kurs"})
    ET.SubElement(organization, f"{cp}title").text = title
    resources = ET.SubElement(root, f"{cp}resources")
    for chapter in chapters:
        item = ET.SubElement(
            organization,
            f"{cp}item",
            {
                "identifier": f"item-{_identifier(chapter.slug)}",
                "identifierref": f"sco-{_identifier(chapter.slug)}",
                "isvisible": "true",
            },
        )
        ET.SubElement(item, f"{cp}title").text = (
            chapter.quiz.data["title"] if chapter.final else chapter.title
        )
        if chapter.mastery_score is not None:
            ET.SubElement(item, f"{{{NS_ADLCP}}}masteryscore").text = chapter.mastery_score
        href = f"{SCO_FOLDER}/{quote(chapter.slug)}.html"
        resource = ET.SubElement(
            resources,
            f"{cp}resource",
            {
                "identifier": f"sco-{_identifier(chapter.slug)}",
                "type": "webcontent",
                f"{{{NS_ADLCP}}}scormtype": "sco",
                "href": href,
            },
        )
        ET.SubElement(resource, f"{cp}file", {"href": href})
        ET.SubElement(resource, f"{cp}dependency", {"identifierref": "kurs-dateien"})
    shared = ET.SubElement(
        resources,
        f"{cp}resource",
        {"identifier": "kurs-dateien", "type": "webcontent", f"{{{NS_ADLCP}}}scormtype": "asset"},
    )
    for name in files:
        ET.SubElement(shared, f"{cp}file", {"href": quote(name, safe="/@")})
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode(
        "utf-8"
    )


# --- building and packing ---------------------------------------------------------------------


def _site_files(html_dir: Path) -> list[Path]:
    """Everything the website consists of, without Sphinx's hidden build records."""
    return sorted(
        path
        for path in html_dir.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(html_dir).parts)
    )


def without_lite(page: str) -> str:
    """The page without its link into lite/ (for a package without the browser notebooks)."""
    return _LITE_LINK.sub("", page)


def package(html_dir: Path, course_dir: Path, lite: bool = True) -> Package:
    """The SCORM 1.2 ZIP of the built site ``html_dir``; with ``lite=False`` without the
    notebooks in the browser (``lite/``, most of the package's size) and the links to them."""
    chapters = site_chapters(html_dir, course_dir)
    for chapter in chapters:
        measure(chapter)
    title = course_title(course_dir)
    adapter = static_file(ADAPTER).read_bytes()
    version = hashlib.sha256(adapter).hexdigest()[:8]
    contents: dict[str, bytes] = {}
    for path in _site_files(html_dir):
        name = path.relative_to(html_dir).as_posix()
        # The .gz copies are for static web hosts; a platform serves the files itself, and a copy
        # of a page would lack what the export changes in it.
        if path.suffix == ".gz" or (not lite and name.startswith(LITE_DIR)):
            continue
        data = path.read_bytes()
        if path.suffix == ".html":
            page = with_adapter(data.decode("utf-8"), version)
            data = (page if lite else without_lite(page)).encode("utf-8")
        contents[name] = data
    contents[f"_static/{ADAPTER}"] = adapter
    for chapter in chapters:
        contents[f"{SCO_FOLDER}/{chapter.slug}.html"] = sco_page(chapter, title, version).encode("utf-8")
    sco_pages = {f"{SCO_FOLDER}/{c.slug}.html" for c in chapters}
    shared = sorted(name for name in contents if name not in sco_pages)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("imsmanifest.xml", ZIP_TIME),
            manifest(chapters, shared, title),
            zipfile.ZIP_DEFLATED,
        )
        for name in sorted(contents):
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), contents[name], zipfile.ZIP_DEFLATED)
    questions = sum(len(c.quiz.data["questions"]) for c in chapters if not c.final)
    return Package(buffer.getvalue(), chapters, questions, len(contents) + 1)


def check_course(course_dir: Path) -> None:
    if not (course_dir / "_config.yml").exists() or not (course_dir / "_toc.yml").exists():
        raise ExportError(t("scorm_export", "no_course", folder=course_dir.resolve()))


def build_site(course_dir: Path, say=print) -> Path:
    """Build the course exactly as ``jupyter-book build .`` does (strict); the HTML folder."""
    program = shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) or shutil.which(
        "jupyter-book"
    )
    if program is None:
        raise ExportError(t("scorm_export", "no_jupyter_book"))
    say(t("scorm_export", "building"))
    run = subprocess.run([program, "build", "."], cwd=course_dir, capture_output=True, text=True)
    if run.returncode != 0:
        log = "\n".join((run.stdout + run.stderr).strip().splitlines()[-15:])
        raise ExportError(t("scorm_export", "build_failed", log=log))
    return course_dir / "_build" / "html"
