"""What each chapter's cell outputs depend on, so that an instructor's edit reaches the site.

MyST-NB caches executed notebooks under a hash of their code cells only, and Sphinx re-reads a
chapter only when its own file changed. A quiz's HTML, though, is made from a question bank,
``ui_text.yml`` and the package's code. So for every notebook chapter the build

1. tells Sphinx which files the chapter depends on (``env.note_dependency``): an edit to one of
   them makes Sphinx read the chapter again, and
2. adds a hidden cell holding a fingerprint of those files: a changed file changes the
   notebook's hash, so the cache executes it again, and only it.

A rebuild with no change re-reads and re-executes nothing.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import yaml

from exercises.core.paths import BANKS_DIR, PACKAGE_DIR, SCENARIOS_DIR

_CONTENT_DIRS = (BANKS_DIR, SCENARIOS_DIR)
_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.M | re.S)
_CALL = re.compile(r"\b(quiz|exercise|progress_overview)\s*\(\s*(?:[\"']([\w-]+)[\"'])?")
_STRING = re.compile(r"[\"']([\w./-]+\.\w+)[\"']")
FINGERPRINT_CELL = (
    "\n\n```{{code-cell}} ipython3\n:tags: [remove-cell]\n"
    "# Fingerprint of the course files this chapter's outputs come from (added by the build): "
    "{fingerprint}\n```\n"
)


def code_cells(source: str) -> list[str]:
    return _CODE_CELL.findall(source)


def _package_files() -> list[Path]:
    """The package's code and texts: everything but the banks and scenarios."""
    return sorted(
        path
        for path in PACKAGE_DIR.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.suffix != ".pyc"
        and not any(folder in path.parents for folder in _CONTENT_DIRS)
    )


def _final_test_banks(bank: Path) -> list[Path]:
    try:
        data = yaml.safe_load(bank.read_text(encoding="utf-8")) or {}
        draws = data.get("draw") or [] if isinstance(data, dict) else []
        return [BANKS_DIR / f"{draw['bank']}.yml" for draw in draws]
    except (OSError, yaml.YAMLError, TypeError, KeyError):
        return sorted(BANKS_DIR.glob("*.yml"))  # unreadable: the content check reports it


def dependencies(source: str, chapter_dir: Path) -> list[Path]:
    """The files whose content shapes the outputs of a chapter with MyST source ``source``."""
    cells = code_cells(source)
    code = "\n".join(cells)
    found: set[Path] = set()
    if "exercises" in code:
        found.update(_package_files())
        calls = _CALL.findall(code)
        if not calls:  # some other use of the package: depend on all its content
            found.update(p for folder in _CONTENT_DIRS for p in folder.glob("*.yml"))
        for function, name in calls:
            if function == "quiz" and name:
                bank = BANKS_DIR / f"{name}.yml"
                found.update([bank, *_final_test_banks(bank)] if "final:" in _read(bank) else [bank])
            elif function == "exercise" and name:
                found.add(SCENARIOS_DIR / f"{name}.yml")
            else:  # the progress overview lists every bank and exercise, in the order of _toc.yml
                found.update(BANKS_DIR.glob("*.yml"))
                found.update(SCENARIOS_DIR.glob("*.yml"))
    for name in _STRING.findall(code):  # data files a cell reads, e.g. a chart's CSV
        candidate = (chapter_dir / name).resolve()
        if candidate.is_file():
            found.add(candidate)
    return sorted(path for path in found if path.exists())


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


@cache
def _digest(path: Path, stamp: tuple[int, int]) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(files: list[Path]) -> str:
    total = hashlib.sha256()
    for path in files:
        stat = path.stat()
        relative = path.relative_to(PACKAGE_DIR) if PACKAGE_DIR in path.parents else path.name
        total.update(f"{relative}\0{_digest(path, (stat.st_mtime_ns, stat.st_size))}\0".encode())
    return total.hexdigest()[:16]
