"""What the page theme writes and its settings don't change: unused scripts, buttons, English.

Where the theme offers a hook (the page context, its templates, message catalogs in
``theme_texts.py``) the change is made there; the finished pages are rewritten only for what
the theme's templates hard-code (``polish_page``).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from exercises.site.theme_texts import HARDCODED

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
TEMPLATES = Path(__file__).parent / "templates"


# Page features and the theme files that serve them: a page without the feature needs none of
# its files (code blocks: copy button and syntax colours; sphinx-design; sphinx-togglebutton).
FEATURES = {
    r'class="[^"]*\bhighlight': ("clipboard.min.js", "copybutton.js", "copybutton.css", "pygments.css"),
    r'class="[^"]*\bsd-': ("sphinx-design", "design-tabs.js"),
    r'class="[^"]*\b(toggle|dropdown)\b': ("togglebutton",),
}
# Scripts every page keeps loading before it is shown: the inline lines after it use its
# DOCUMENTATION_OPTIONS. All others run after the page is parsed (deferred, in their order).
BLOCKING = ("documentation_options.js",)


def _name(asset) -> str:
    return str(getattr(asset, "filename", asset) or "").lower()


def _unneeded(script, thebe_on: bool, unused: tuple[str, ...]) -> bool:
    attributes = getattr(script, "attributes", {})
    # The page shows each widget's HTML view; the kernel's widget state (our modules, data and
    # styles once more) would only add weight, as no widget manager runs in the page.
    if attributes.get("type") == WIDGET_STATE:
        return True
    body = str(attributes.get("body", ""))
    if any(word in body for word in ("toggleHint", "toggleOpenOnPrint", "togglebuttonSelector")):
        return "togglebutton" in unused
    name = _name(script)
    if any(part in name for part in unused):
        return True
    return not thebe_on and ("thebe" in name or "THEBE_JS_URL" in body)


def _deferred(script):
    attributes = getattr(script, "attributes", None)
    name = _name(script)
    if (
        attributes is None
        or not name
        or name.endswith(BLOCKING)
        or "defer" in attributes
        or "async" in attributes
    ):
        return script
    return type(script)(script.filename, priority=script.priority, **attributes, defer="defer")


def trim_page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Drop page scripts and styles the page does not need; the rest wait until it is shown.

    Jupyter Book always adds Thebe, which points at a CDN and declares its globals twice;
    with live code off (``launch_buttons.thebe: false``) none of it is needed. Scripts in the
    head hold up the first paint on a slow phone, so they are deferred (not on the search page,
    whose search script, written by the theme's template, needs Sphinx's scripts at once).
    """
    thebe_on = bool(app.config.html_theme_options.get("launch_buttons", {}).get("thebe"))
    body = context.get("body", "")
    unused = tuple(
        file for marker, files in FEATURES.items() if not re.search(marker, body) for file in files
    )
    if not thebe_on:
        unused += ("thebe",)
    scripts = [
        script for script in context.get("script_files", []) if not _unneeded(script, thebe_on, unused)
    ]
    if pagename != "search":
        scripts = [_deferred(script) for script in scripts]
    context["script_files"] = scripts
    context["css_files"] = [
        css for css in context.get("css_files", []) if not any(p in _name(css) for p in unused)
    ]


def add_theme_texts(app: Sphinx, config) -> None:
    """The texts kurs-theme-fixes.js writes into the page, from ui_text.yml (config-inited)."""
    from exercises.core.texts import all_texts

    site = all_texts()["site"]
    texts = {"table_region": site["table_region"], "figure_hint": site["figure_hint"]}
    body = json.dumps(texts, ensure_ascii=False)
    app.add_js_file(None, body=body, type="application/json", id="kurs-theme-text")


def use_course_templates(app: Sphinx, config) -> None:
    """Our template overrides (``templates/``) come before the theme's (config-inited)."""
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))


def adjust_header_buttons(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """One print button instead of a download menu offering the raw MyST source and ".pdf".

    The course offers its own notebook downloads on each chapter; the theme's ".md" is the
    source text, of no use to learners. Runs after sphinx-book-theme fills the buttons (501).
    """
    buttons = []
    for button in context.get("header_buttons", []):
        if button.get("label") != "download-buttons":
            buttons.append(button)
            continue
        for item in button.get("buttons", []):
            if item.get("label") == "download-pdf-button":
                buttons.append(
                    {
                        "type": "javascript",
                        "javascript": "window.print()",
                        "tooltip": item.get("tooltip"),
                        "icon": "fa-solid fa-print",
                        "label": "print-button",
                        "classes": "pst-navbar-icon",
                    }
                )
    context["header_buttons"] = buttons
    # The search page has its own search field; the sidebar's would be a second one.
    if pagename == "search" and context.get("sidebars"):
        context["sidebars"] = [name for name in context["sidebars"] if "search-button-field" not in name]


def link_figures(app: Sphinx, doctree, docname: str) -> None:
    """Each figure links to its image file, so phones can open it full size (doctree-resolved)."""
    if app.builder.format != "html":
        return
    images_dir = relative_uri(app.builder.get_target_uri(docname), "_images")
    for image in list(doctree.findall(nodes.image)):
        if isinstance(image.parent, nodes.reference):
            continue
        source = image.get("candidates", {}).get("*", image["uri"])
        if source not in app.env.images:
            continue
        link = nodes.reference("", "", internal=True, classes=["kurs-figure-link"])
        link["refuri"] = f"{images_dir}/{app.env.images[source][1]}"
        image.replace_self(link)
        link.append(image)


def mend_query_links(app: Sphinx, doctree, docname: str) -> None:
    """Addresses with "&" keep it once (doctree-resolved).

    MyST already escapes "&" in a link's target, and docutils escapes it again, so
    ``?a=1&b=2`` became ``?a=1&amp;amp;b=2`` and the link went elsewhere than its text says
    (executablebooks/MyST-Parser#760, #1028, #1116, open in myst-parser 4 and 5).
    """
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        if "&amp;" in uri:
            reference["refuri"] = uri.replace("&amp;", "&")


_ICON_SCRIPT = re.compile(r'[ \t]*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?')
_KBD = '<kbd class="kbd-shortcut__modifier">{}</kbd>'


def polish_page(text: str, theme_texts: dict[str, str]) -> str:
    """What the theme's templates hard-code and no setting or catalog changes.

    - The 1.5 MB icon script goes: the theme's stylesheet already draws every icon with the
      icon font; the script only serves custom icons, which the course does not use.
    - Titles and labels the templates write in English (``theme_texts.HARDCODED``) become German,
      and so does the key name in the search shortcut hint ("Ctrl" → "Strg").
    """
    text = _ICON_SCRIPT.sub("", text)
    for english in HARDCODED:
        german = html.escape(theme_texts[english])
        if english == "Ctrl":
            text = text.replace(_KBD.format(english), _KBD.format(german))
            continue
        for attribute in ("title", "aria-label"):
            text = text.replace(f'{attribute}="{english}"', f'{attribute}="{german}"')
    return text


def polish_pages(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    from exercises.core.texts import all_texts

    theme_texts = all_texts()["theme"]
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        polished = polish_page(text, theme_texts)
        if polished != text:
            page.write_text(polished, encoding="utf-8")
