"""YAML loading that remembers the line of every mapping key and list item.

Pydantic reports errors by location tuples such as ``("questions", 3, "options")``;
the line map turns such a tuple into the line an instructor can jump to.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from exercises.core.errors import ContentError, os_error_reason

LineMap = dict[tuple, int]
# libyaml's composer when PyYAML was built with it (about 4x faster); the nodes, and so the line
# map, are the same as the pure-Python loader's.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _construct(node: yaml.Node) -> object:
    # A fresh constructor per scalar keeps PyYAML's tag resolution (dates, booleans, numbers).
    return yaml.SafeLoader("").construct_object(node, deep=True)


def _walk(node: yaml.Node, path: tuple, lines: LineMap) -> object:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = _construct(key_node)
            result[key] = _walk(value_node, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, (*path, i), lines) for i, item in enumerate(node.value)]
    return _construct(node)


def load_with_lines(path: Path) -> tuple[object, LineMap]:
    """Parse ``path`` safely; raise ``yaml.YAMLError`` with its mark on bad syntax."""
    return _load_text(path.read_text(encoding="utf-8"))


def _load_text(text: str) -> tuple[object, LineMap]:
    node = yaml.compose(text, Loader=_Loader)
    lines: LineMap = {}
    if node is None:
        return None, lines
    return _walk(node, (), lines), lines


def line_for(lines: LineMap, loc: tuple) -> int | None:
    """The line of the deepest known prefix of ``loc``."""
    for end in range(len(loc), -1, -1):
        if tuple(loc[:end]) in lines:
            return lines[tuple(loc[:end])]
    return None


# PyYAML's problem texts (libyaml's and the pure-Python loader's wording) → a key of the
# content_check group in ui_text.yml. Checked in this order; the first match wins.
_YAML_PROBLEMS = (
    (re.compile(r"tab character|'\\t'"), "yaml_tab"),
    (re.compile(r"mapping values are not allowed"), "yaml_colon"),
    (re.compile(r"expected ',' or '\}'"), "yaml_flow_mapping"),
    (re.compile(r"expected ',' or '\]'"), "yaml_flow_sequence"),
    (re.compile(r"could not find expected ':'"), "yaml_colon_missing"),
    (re.compile(r"expected '-' indicator"), "yaml_list"),
    (re.compile(r"did not find expected key|expected <block end>"), "yaml_key"),
    (re.compile(r"comment or (a )?line break"), "yaml_block_scalar"),
    (re.compile(r"unknown escape character"), "yaml_escape"),
    (re.compile(r"end of stream"), "yaml_quote"),  # only inside a quoted text, see below
    (re.compile(r"cannot start any token|alphabetic or numeric character|tag handle"), "yaml_character"),
)


def _character_at(text: str, mark) -> str:
    if mark is None or not 0 <= mark.index < len(text):
        return ""
    return text[mark.index]


def _unclosed_quote_line(text: str, line: int) -> int | None:
    """The line before ``line`` (1-based) if it opens a double-quoted text it does not close."""
    before = [(number, row) for number, row in enumerate(text.splitlines()[: line - 1], 1) if row.strip()]
    if not before:
        return None
    number, row = before[-1]
    row = row.split(" #")[0].replace('\\"', "")
    return number if row.count('"') % 2 == 1 else None


def yaml_error(path: Path, text: str, exc: yaml.YAMLError) -> ContentError:
    """A German explanation of PyYAML's syntax error, at its line (English only when unknown)."""
    from exercises.core.texts import t  # texts imports this module

    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None)
    start = getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    key = next((key for pattern, key in _YAML_PROBLEMS if pattern.search(problem)), None)
    if key == "yaml_quote":
        if "quoted scalar" not in context or start is None:
            key = None
        else:
            line = start.line + 1  # where the text opens, not the end of the file
    if key in (None, "yaml_key", "yaml_colon") and line is not None:
        opened = _unclosed_quote_line(text, line)
        if opened is not None:  # a text left open swallows the lines after it
            key, line = "yaml_quote", opened
    character = _character_at(text, mark)
    if key == "yaml_character":
        if ("alias" in context or "anchor" in context or "tag" in context) and start is not None:
            character = _character_at(text, start)  # the * & or ! that starts the text
        if character == "\t":
            key = "yaml_tab"
        elif not character.strip():
            key = None
    if key is None:
        return ContentError(path, t("content_check", "yaml_unknown", problem=problem), line)
    explanation = t(
        "content_check",
        key,
        character=character,
        start=start.line + 1 if start else line,
    )
    return ContentError(path, t("content_check", "yaml", explanation=explanation), line)


def decode_error(path: Path, data: bytes, exc: UnicodeDecodeError) -> ContentError:
    """Where the first byte that is not UTF-8 stands, and what the instructor should do."""
    from exercises.core.texts import t  # texts imports this module

    line_start = data.rfind(b"\n", 0, exc.start) + 1
    byte = data[exc.start : exc.start + 1]
    guess = byte.decode("cp1252", errors="replace")
    column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
    message = t("content_check", "not_utf8", column=column, byte=byte.hex(), guess=guess)
    return ContentError(path, message, data.count(b"\n", 0, exc.start) + 1)


class LoadError(Exception):
    """A file that cannot be parsed: unreadable, not UTF-8, or bad YAML; ``error`` says why."""

    def __init__(self, error: ContentError):
        self.error = error
        super().__init__(str(error))


def read_yaml(path: Path) -> tuple[object, LineMap]:
    """Like ``load_with_lines``, but every failure is a ``LoadError`` with a German message."""
    from exercises.core.texts import t  # texts imports this module

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LoadError(
            ContentError(path, t("content_check", "cannot_read", reason=os_error_reason(exc, path)))
        ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(decode_error(path, data, exc)) from exc
    try:
        return _load_text(text)
    except yaml.YAMLError as exc:
        raise LoadError(yaml_error(path, text, exc)) from exc
