"""YAML loading that remembers the line of every mapping key and list item.

Pydantic reports errors by location tuples such as ``("questions", 3, "options")``;
the line map turns such a tuple into the line an instructor can jump to.
"""

from __future__ import annotations

from pathlib import Path

import yaml

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
    text = path.read_text(encoding="utf-8")
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
