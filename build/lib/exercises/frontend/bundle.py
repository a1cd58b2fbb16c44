"""Our ES modules, bundled: one ES module per widget for live notebooks, one classic script per
widget for the published page.

The page cannot load ES modules when it is opened from disk (``file://``: Chromium and Firefox
block module scripts from origin "null"), while classic scripts load everywhere. Both bundles are
made from the same sources, so page and notebook run the same code.
"""

from __future__ import annotations

import re
from functools import cache

from exercises.core.paths import static_file

_EXPORT = re.compile(r"^export (?=(async )?(function|const|let|class)\b)", re.M)
_EXPORTED_NAME = re.compile(r"^export (?:async )?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)", re.M)
_EXPORT_LIST = re.compile(r"^export\s*\{([^}]*)\};?\s*$", re.M)
_IMPORT = re.compile(r"^import\s*\{[^}]*\}\s*from\s*'\./(kurs-[\w-]+\.js)';\s*$", re.M)
PAGE_SUFFIX = ".page.js"


def _source(module: str) -> str:
    return static_file(module).read_text(encoding="utf-8")


def _modules(name: str) -> list[str]:
    """``name`` and the modules it imports, dependencies first, each once."""
    seen: list[str] = []

    def visit(module: str) -> None:
        if module in seen:
            return
        for dependency in _IMPORT.findall(_source(module)):
            visit(dependency)
        seen.append(module)

    visit(name)
    return seen


def exported_names(source: str) -> list[str]:
    names = _EXPORTED_NAME.findall(source)
    for group in _EXPORT_LIST.findall(source):
        names.extend(part.strip() for part in group.split(",") if part.strip())
    return list(dict.fromkeys(names))


def _inlined(module: str) -> str:
    """The module's code without its imports and export keywords (names stay in scope)."""
    source = _IMPORT.sub("", _source(module))
    source = _EXPORT_LIST.sub("", source)
    return _EXPORT.sub("", source).replace("export default", f"const {_default_name(module)} =")


def _default_name(module: str) -> str:
    return "_default_" + re.sub(r"\W", "_", module.removesuffix(".js"))


#: A notebook's keyboard shortcuts (JupyterLab, Notebook 7, JupyterLite) listen on the document:
#: arrow keys in a radio group would move to another cell, type-ahead in a select would run
#: commands. Keys pressed in a widget belong to the widget, so they stop at its element.
_OWN_KEYS = """
export default {...%(entry)s, render(context) {
  context.el.addEventListener('keydown', (event) => event.stopPropagation());
  return %(entry)s.render(context);
}};
"""


@cache
def bundle(name: str) -> str:
    """``name`` with its relative imports inlined once each: one self-contained ES module.

    A live notebook's widget needs a single module; the entry module keeps its exports, and its
    default export (the anywidget form) keeps the keys pressed in the widget to itself.
    """
    parts = []
    for module in _modules(name):
        source = _IMPORT.sub("", _source(module))
        if module != name:
            # Inlined modules stay private to the bundle; the entry module re-exports what it needs.
            source = _EXPORT.sub("", _EXPORT_LIST.sub("", source)).replace(
                "export default", "const _unused_default ="
            )
        elif source.count("export default") == 1:
            entry = _default_name(module)
            source = source.replace("export default", f"const {entry} =") + _OWN_KEYS % {"entry": entry}
        parts.append(f"// --- {module}\n{source}")
    return "\n".join(parts)


_IMPORTED = re.compile(r"^import\s*\{([^}]*)\}\s*from\s*'\./(kurs-[\w-]+\.js)';\s*$", re.M)
#: the classic script with the modules that several widgets import (kurs-common.js, …): loaded
#: once per page, before the widgets' scripts, and cached from one chapter to the next
SHARED_SCRIPT = "kurs-shared" + PAGE_SUFFIX


def shared_modules(entries: list[str]) -> tuple[str, ...]:
    """The modules the entries import (not the entries themselves), dependencies first."""
    found: list[str] = []
    for entry in entries:
        found += [m for m in _modules(entry) if m not in entries and m not in found]
    return tuple(found)


def _from_registry(modules: list[str], provided: tuple[str, ...]) -> list[str]:
    """``const {a, b} = registry["kurs-common.js"];`` for what ``modules`` import from ``provided``."""
    wanted: dict[str, list[str]] = {}
    for module in modules:
        for names, source in _IMPORTED.findall(_source(module)):
            if source in provided:
                for name in (part.strip() for part in names.split(",")):
                    binding = name.replace(" as ", ": ")
                    if name and binding not in wanted.setdefault(source, []):
                        wanted[source].append(binding)
    return [f"const {{{', '.join(names)}}} = registry[{source!r}];" for source, names in wanted.items()]


def _classic_script(modules: list[str], provided: tuple[str, ...] = ()) -> str:
    """``modules`` as one classic script that registers each module's exports; what they import
    from ``provided`` comes from the registry (an earlier script put it there)."""
    parts = [
        "(function () {",
        "'use strict';",
        "const registry = (window.KursModules = window.KursModules || {});",
        *_from_registry(modules, provided),
    ]
    for module in modules:
        source = _source(module)
        names = exported_names(source)
        if "export default" in source:
            names.append(f"default: {_default_name(module)}")
        parts.append(f"// --- {module}\n{_inlined(module)}")
        parts.append(f"registry[{module!r}] = {{{', '.join(names)}}};")
    parts.append("})();")
    return "\n".join(parts) + "\n"


@cache
def page_script(name: str, shared: tuple[str, ...] = ()) -> str:
    """``name`` and its imports as one classic script that registers every module's exports.

    ``window.KursModules["kurs-quiz.js"]`` then holds what ``import`` would have given, so the
    page's host and the tests reach the same functions as the ES modules export. Modules in
    ``shared`` are left out: the page loads them once, in ``shared_script(shared)``.
    """
    return _classic_script([m for m in _modules(name) if m not in shared], shared)


def shared_script(shared: tuple[str, ...]) -> str:
    return _classic_script(list(shared))


def page_script_name(module: str) -> str:
    """``kurs-quiz.js`` → ``kurs-quiz.page.js``, the file the published page loads."""
    return module.removesuffix(".js") + PAGE_SUFFIX


def css() -> str:
    return static_file("kurs.css").read_text(encoding="utf-8")
