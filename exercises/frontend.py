"""Front-end modules for live notebooks: our ES modules bundled into one string each."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
_EXPORT = re.compile(r"^export (?=(async )?(function|const|let|class)\b)", re.M)
_IMPORT = re.compile(r"^import\s*\{[^}]*\}\s*from\s*'\./(kurs-[\w-]+\.js)';\s*$", re.M)


@cache
def bundle(name: str) -> str:
    """``name`` with its relative imports inlined once each, dependencies first.

    The page loads the modules one by one; a notebook needs one self-contained module.
    """
    seen: list[str] = []

    def visit(module: str) -> None:
        if module in seen:
            return
        source = (STATIC_DIR / module).read_text(encoding="utf-8")
        for dependency in _IMPORT.findall(source):
            visit(dependency)
        seen.append(module)

    visit(name)
    parts = []
    for module in seen:
        source = _IMPORT.sub("", (STATIC_DIR / module).read_text(encoding="utf-8"))
        if module != name:
            # Inlined modules stay private to the bundle; the entry module re-exports what it needs.
            source = _EXPORT.sub("", source).replace("export default", "const _unused_default =")
        parts.append(f"// --- {module}\n{source}")
    return "\n".join(parts)


def css() -> str:
    return (STATIC_DIR / "kurs.css").read_text(encoding="utf-8")
