"""What the page theme writes and no setting changes: unused scripts, English labels."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _unneeded(script, thebe_on: bool) -> bool:
    attributes = getattr(script, "attributes", {})
    # The page shows each widget's HTML view; the kernel's widget state (our modules, data and
    # styles once more) would only add weight, as no widget manager runs in the page.
    if attributes.get("type") == WIDGET_STATE:
        return True
    name = str(getattr(script, "filename", script) or "").lower()
    return not thebe_on and ("thebe" in name or "THEBE_JS_URL" in str(attributes.get("body", "")))


def trim_page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Drop page scripts the course does not need.

    Jupyter Book always adds Thebe, which points at a CDN and declares its globals twice;
    with live code off (``launch_buttons.thebe: false``) none of it is needed.
    """
    thebe_on = bool(app.config.html_theme_options.get("launch_buttons", {}).get("thebe"))
    context["script_files"] = [
        script for script in context.get("script_files", []) if not _unneeded(script, thebe_on)
    ]
    if thebe_on:
        return
    context["css_files"] = [
        css
        for css in context.get("css_files", [])
        if "thebe" not in str(getattr(css, "filename", css) or "").lower()
    ]


_ICON_SCRIPT = re.compile(r'[ \t]*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?')


def polish_page(text: str, theme_texts: dict[str, str]) -> str:
    """What the theme's templates write and no setting changes.

    - The 1.5 MB icon script goes: the theme's stylesheet already draws every icon with the
      icon font; the script only serves custom icons, which the course does not use.
    - English titles and labels of theme buttons and links become German (ui_text.yml, theme).
    """
    text = _ICON_SCRIPT.sub("", text)
    for english, german in theme_texts.items():
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
