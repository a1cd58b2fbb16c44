"""MyST markup in plain Markdown, for the chapters' text cells in JupyterLite.

JupyterLite renders CommonMark; the MyST extension (jupyterlab-myst) stopped the chapter kernels
there, so the site leaves it out and the build rewrites what only MyST understands: admonitions
become quotes with a bold title, figures become images with their caption, roles such as
``{term}`` keep their text, and links to other chapters point to their notebooks.
"""

from __future__ import annotations

import re

from exercises.core.texts import t

_OPEN = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<argument>.*)$")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
_ROLE = re.compile(r"\{[\w:-]+\}`(?P<text>[^`<]*?)(?:\s*<[^`>]*>)?`")
_TARGET = re.compile(r"^\([\w-]+\)=[ \t]*$")
_CHAPTER_LINK = re.compile(r"\]\((?P<chapter>[\w-]+)\.md(?:#[^)]*)?\)")
#: admonitions with a fixed title (ui_text.yml, group lite)
_TITLED = {"note": "note", "important": "important", "tip": "tip", "warning": "warning", "hint": "tip"}


def _quote(title: str, body: list[str]) -> list[str]:
    lines = [f"> **{title}**", ">"] if title else []
    return lines + [f"> {line}".rstrip() for line in body]


def _glossary(body: list[str]) -> list[str]:
    """Terms (unindented) with their definitions (indented below): a bold term per paragraph."""
    out: list[str] = []
    for line in body:
        if line.strip() and not line[:1].isspace():
            out += ["", f"**{line.strip()}**  "]
        elif line.strip():
            out.append(line.strip())
    return out[1:]


def _directive(name: str, argument: str, options: dict[str, str], body: list[str]) -> list[str]:
    if name == "glossary":
        return _glossary(body)
    if name == "figure":
        caption = " ".join(line.strip() for line in body if line.strip())
        image = f"![{options.get('alt', '')}]({argument.strip()})"
        return [image, "", f"*{caption}*"] if caption else [image]
    if name == "admonition":
        return _quote(argument.strip(), body)
    if name in _TITLED:
        return _quote(t("lite", f"admonition_{_TITLED[name]}"), body)
    return body


def _convert(lines: list[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = _OPEN.match(line)
        if opening is None:
            if not _TARGET.match(line):
                out.append(line)
            index += 1
            continue
        fence = opening["fence"]
        end = index + 1
        while end < len(lines) and lines[end].rstrip() != fence:
            end += 1
        inner = lines[index + 1 : end]
        options = {}
        while inner and (option := _OPTION.match(inner[0])):
            options[option["key"]] = option["value"]
            inner = inner[1:]
        while inner and not inner[0].strip():
            inner = inner[1:]
        out.extend(_directive(opening["name"], opening["argument"], options, _convert(inner)))
        index = end + 1
    return out


def plain_markdown(source: str) -> str:
    """A text cell's MyST source as CommonMark."""
    text = "\n".join(_convert(source.split("\n")))
    text = _ROLE.sub(lambda match: match["text"].strip(), text)
    return _CHAPTER_LINK.sub(lambda match: f"]({match['chapter']}.ipynb)", text)
