"""A fast site: a small icon font, compressed files, a description for every page.

- The theme's Font Awesome fonts (156 KB and more) are cut down at build time to the icons the
  pages, the theme's stylesheets and scripts use (fontTools' subsetter), shown with
  ``font-display: swap``; the stylesheet drops the rules of the other icons, and the theme's
  ``@import`` of Sphinx's basic stylesheet becomes its text (one request less before the first
  paint).
- Text files get a gzip copy beside them (``page.html.gz``) for web servers that send
  precompressed files (nginx ``gzip_static``, Apache ``mod_rewrite`` rules, most static hosts).
- Each page gets ``<meta name="description">``: its learning goals, or its first paragraph.
"""

from __future__ import annotations

import gzip
import html
import logging
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

FONT_DIR = Path("_static/vendor/fontawesome/webfonts")
FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
DESCRIPTION_LENGTH = 160
COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".txt", ".ttf"}
MIN_COMPRESS = 512

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_ICON_RULE = re.compile(r"\.fa-([\w-]+)::?before")
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,6})")
_ICON_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")


# --- icon font -------------------------------------------------------------------------------


def _code_points(declarations: str) -> set[int]:
    points = {int(code, 16) for code in _ESCAPE.findall(declarations)}
    points |= {ord(char) for char in declarations if 0xE000 <= ord(char) <= 0xF8FF}
    return {point for point in points if 0xE000 <= point <= 0xF8FF or point > 0xFFFF}


def icon_map(css: str) -> tuple[dict[str, set[int]], set[int]]:
    """The stylesheet's icon classes (``fa-bars`` → its code points) and the code points its
    other rules draw themselves (admonition, external-link and similar icons)."""
    classes: dict[str, set[int]] = {}
    always: set[int] = set()
    for selectors, declarations in _RULE.findall(css):
        points = _code_points(declarations)
        if not points:
            continue
        parts = [part.strip() for part in selectors.split(",")]
        names = [match for part in parts if (match := _ICON_RULE.fullmatch(part))]
        if len(names) == len(parts):
            for name in names:
                classes.setdefault(name.group(1), set()).update(points)
        else:
            always |= points
    return classes, always


def site_files(outdir: Path) -> list[Path]:
    """What Sphinx wrote for the pages: the pages, ``_static``, ``_images``, the search index
    (not downloads such as notebooks or sources, nor folders other steps add)."""
    files = [*outdir.glob("*.html"), *outdir.glob("*.js"), *(outdir / "book").rglob("*.html")]
    for folder in ("_static", "_images"):
        files.extend(path for path in (outdir / folder).rglob("*") if path.is_file())
    return files


def icons_used(outdir: Path) -> set[str]:
    """Icon class names written in any page or used by any script of the site."""
    names: set[str] = set()
    for path in site_files(outdir):
        # fontawesome.js is loaded by no page (theme_polish.py).
        if path.suffix not in {".html", ".js"} or path.name == "fontawesome.js":
            continue
        names.update(_ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def needed_code_points(outdir: Path, names: set[str]) -> set[int]:
    classes: dict[str, set[int]] = {}
    always: set[int] = set()
    for css in (outdir / "_static").rglob("*.css"):
        found, drawn = icon_map(css.read_text(encoding="utf-8", errors="replace"))
        for name, points in found.items():
            classes.setdefault(name, set()).update(points)
        always |= drawn
    return set().union(*(classes.get(name, set()) for name in names)) | always


def prune_icon_rules(css: str, names: set[str]) -> str:
    """The stylesheet without the rules of icons no page uses (about 2,000 of them)."""

    def keep(rule: re.Match) -> str:
        selectors = rule.group(1).split(",")
        parts = [match for part in selectors if (match := _ICON_RULE.fullmatch(part.strip()))]
        only_icons = len(parts) == len(selectors)
        if _code_points(rule.group(2)) and only_icons and not any(part.group(1) in names for part in parts):
            return ""
        return rule.group(0)

    return _RULE.sub(keep, css)


_IMPORT = re.compile(r'@import\s+(?:url\()?["\']?([^"\')]+\.css)["\']?\)?\s*;')
_RELATIVE_URL = re.compile(r"url\((['\"]?)(?![a-z]+:|/|#|data:)([^)'\"]+)\1\)")


def inline_imports(css_path: Path) -> None:
    """``@import`` of a local stylesheet replaced by its text: one request less before the first paint."""
    text = css_path.read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        imported = (css_path.parent / match.group(1)).resolve()
        if not imported.is_file():
            return match.group(0)
        prefix = Path(match.group(1)).parent.as_posix()
        body = imported.read_text(encoding="utf-8")
        if prefix not in ("", "."):
            body = _RELATIVE_URL.sub(
                lambda url: f"url({url.group(1)}{prefix}/{url.group(2)}{url.group(1)})", body
            )
        return body

    inlined = _IMPORT.sub(inline, text)
    if inlined != text:
        css_path.write_text(inlined, encoding="utf-8")


def subset_font(path: Path, code_points: set[int]) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The subsetter reports every table it prunes at INFO: hundreds of lines in the build's
    # output, between an instructor's warning and the German summary.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    font = TTFont(path)
    flavor = font.flavor
    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(code_points & set(font.getBestCmap())))
    subsetter.subset(font)
    font.flavor = flavor
    font.save(path)


def lighten_theme_assets(app: Sphinx, exception) -> None:
    """Icon fonts and styles cut to what the pages use; text shows while fonts load (build-finished).

    Runs on every build: Sphinx copies the theme's files anew each time.
    """
    if exception or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    names = icons_used(outdir)
    points = needed_code_points(outdir, names)
    for name in FONTS:
        for suffix in (".woff2", ".ttf"):
            path = outdir / FONT_DIR / f"{name}{suffix}"
            if path.exists():
                subset_font(path, points)
    for css in (outdir / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        lighter = prune_icon_rules(text, names).replace("font-display:block", "font-display:swap")
        if lighter != text:
            css.write_text(lighter, encoding="utf-8")
    theme_css = outdir / "_static" / "styles" / "theme.css"
    if theme_css.exists():
        inline_imports(theme_css)


# --- compressed copies -----------------------------------------------------------------------


def compress_site(app: Sphinx, exception) -> None:
    """Write ``name.gz`` beside every text file a browser loads (build-finished, after all edits)."""
    if exception or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for stale in site_files(outdir):
        if stale.suffix == ".gz" and not stale.with_suffix("").exists():
            stale.unlink()
    for path in site_files(outdir):
        if path.suffix not in COMPRESSED or path.stat().st_size < MIN_COMPRESS:
            continue
        data = path.read_bytes()
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) < 0.9 * len(data):
            path.with_name(path.name + ".gz").write_bytes(packed)


# --- page description ------------------------------------------------------------------------


def _shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + " …"


def _inside(node, kinds) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def page_description(doctree) -> str:
    """The page's learning goals in one sentence, else its first paragraph of running text."""
    for goals in doctree.findall(nodes.admonition):
        if "lernziele" not in goals["classes"]:
            continue
        intro = next(iter(goals.findall(nodes.paragraph)), None)
        items = [" ".join(item.astext().split()).rstrip(",;.") for item in goals.findall(nodes.list_item)]
        if items and items[0][:1].isupper():  # whole sentences ("Sie können …")
            return _shorten(". ".join(items) + ".")
        lead = ""
        if intro is not None and not _inside(intro, nodes.list_item):
            lead = intro.astext().rstrip(" …") + " "  # "Nach diesem Kapitel können Sie …"
        return _shorten(lead + ", ".join(items))
    for paragraph in doctree.findall(nodes.paragraph):
        if not _inside(paragraph, (nodes.Admonition, nodes.container, nodes.table, nodes.list_item)):
            text = paragraph.astext().strip()
            if len(text) > 40:
                return _shorten(text)
    return ""


def describe_page(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """``<meta name="description">`` for search engines and link previews (html-page-context)."""
    if doctree is None:
        return
    description = page_description(doctree)
    if description:
        tag = f'<meta name="description" content="{html.escape(description)}" />'
        context["metatags"] = context.get("metatags", "") + "\n" + tag
