"""The prose of a chapter: what a learner reads, without front matter, code and Markdown syntax.

Used for the chapter's reading time (``reading_time.py``) and by ``benchmarks/readability.py``.
Dropped: the front matter, code cells and other code blocks, directives' option lines (``:alt:``,
``:name:`` …) and arguments (a figure's file), Markdown syntax (headings' ``#``, list markers,
emphasis, table rules, link targets), inline code, URLs, images, HTML, comments and labels.
Kept: headings, paragraphs, lists, tables' cells, admonitions' titles and texts, captions,
glossary entries, the visible text of links and roles (``{term}`Followern <Follower>``` →
"Followern").
"""

from __future__ import annotations

import re

# Directives whose body is code or data, not prose.
_CODE_DIRECTIVES = {
    "code-cell",
    "code",
    "code-block",
    "sourcecode",
    "literalinclude",
    "raw",
    "math",
    "eval-rst",
}
# Directives whose argument is prose (a title); for the others it is a file or a name.
_TITLED_DIRECTIVES = {"admonition", "topic", "sidebar", "dropdown"}
_FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*(.*?)\s*$")
_DIRECTIVE = re.compile(r"^\{([\w:-]+)\}\s*(.*)$")
_OPTION = re.compile(r"^\s*:[\w-]+:(\s|$)")
_LINE_DROPS = (
    re.compile(r"^\s*\(.+\)=\s*$"),  # (target)=
    re.compile(r"^\s*%"),  # MyST comment
    re.compile(r"^\s*\+\+\+"),  # cell break
    re.compile(r"^\s*\|?\s*:?-{3,}"),  # table rule |---|---|
    re.compile(r"^\s*(\*\s*){3,}$|^\s*(-\s*){3,}$"),  # thematic break
)
_INLINE = (
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^`>]*>)?`"), r"\1"),  # roles: their visible text
    (re.compile(r"\{\{[^}]*\}\}"), ""),  # substitutions
    (re.compile(r"``.+?``|`[^`]+`"), ""),  # inline code
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(r"<https?://[^>]*>"), ""),  # autolinks
    (re.compile(r"https?://\S+|www\.\S+"), ""),  # bare URLs
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # HTML
    (re.compile(r"\*\*|\*|__"), ""),  # emphasis
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),  # escapes
)
_BLOCK_PREFIX = re.compile(r"^\s*(?:>\s*)*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|:\s+)?")


def strip_front_matter(source: str) -> str:
    if source.startswith("---\n"):
        end = source.find("\n---", 4)
        if end != -1:
            return source[source.find("\n", end + 1) + 1 :] if "\n" in source[end + 1 :] else ""
    return source


def prose_lines(source: str) -> list[str]:
    """The chapter's readable text, one entry per source line that holds any."""
    lines = strip_front_matter(source).splitlines()
    out: list[str] = []
    stack: list[tuple[str, int, bool]] = []  # (fence char, length, body is code)
    in_options = False
    for line in lines:
        fence = _FENCE.match(line)
        if stack and stack[-1][2]:  # inside code: only its closing fence counts
            if fence and fence.group(1)[0] == stack[-1][0] and len(fence.group(1)) >= stack[-1][1]:
                if not fence.group(2):
                    stack.pop()
            continue
        if fence:
            marker, info = fence.group(1), fence.group(2)
            if not info and stack and marker[0] == stack[-1][0] and len(marker) >= stack[-1][1]:
                stack.pop()
                in_options = False
                continue
            directive = _DIRECTIVE.match(info)
            if directive:
                name, argument = directive.groups()
                code = name in _CODE_DIRECTIVES
                stack.append((marker[0], len(marker), code))
                in_options = not code
                if name in _TITLED_DIRECTIVES and argument:
                    out.append(clean_inline(argument))
                continue
            if marker[0] in "`~":  # a plain code block
                stack.append((marker[0], len(marker), True))
                continue
        if in_options:
            if _OPTION.match(line):
                continue
            in_options = False
        if any(pattern.match(line) for pattern in _LINE_DROPS):
            continue
        text = clean_inline(_BLOCK_PREFIX.sub("", line, count=1))
        text = " ".join(part.strip() for part in text.split("|") if part.strip())  # table cells
        if re.search(r"\w", text):
            out.append(text)
    return out


def clean_inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def prose(source: str) -> str:
    return "\n".join(prose_lines(source))


def count_words(text: str) -> int:
    """Words as a reader counts them: whitespace-separated tokens with a letter or digit."""
    return sum(1 for token in text.split() if re.search(r"\w", token))


# German abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = (
    "z. B.",
    "d. h.",
    "o. J.",
    "u. a.",
    "z. T.",
    "u. U.",
    "i. d. R.",
    "e. V.",
    "bzw.",
    "ca.",
    "Abs.",
    "Art.",
    "Nr.",
    "lit.",
    "vgl.",
    "etc.",
    "usw.",
    "inkl.",
    "ggf.",
    "evtl.",
    "sog.",
    "Mio.",
    "Mrd.",
    "Dr.",
    "Ziff.",
    "Bst.",
)
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"“”»)]))\s+(?=[\"„»(]?[A-ZÄÖÜ0-9])")
_ORDINAL = re.compile(r"(?<=\d)\.(?=\s)")


def sentences(text: str) -> list[str]:
    """Each prose line split into sentences; a line without a final stop is one sentence."""
    found = []
    for line in text.splitlines():
        protected = line
        for number, abbreviation in enumerate(ABBREVIATIONS):
            protected = protected.replace(abbreviation, f"\0{number}\0")
        protected = _ORDINAL.sub("\1", protected)
        for part in _SENTENCE_END.split(protected):
            part = part.replace("\1", ".")
            for number, abbreviation in enumerate(ABBREVIATIONS):
                part = part.replace(f"\0{number}\0", abbreviation)
            if part.strip():
                found.append(part.strip())
    return found
