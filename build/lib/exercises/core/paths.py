"""Where the package's own files are: content, texts and the front-end modules."""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
BANKS_DIR = PACKAGE_DIR / "banks"
SCENARIOS_DIR = PACKAGE_DIR / "scenarios"
TEXT_FILE = PACKAGE_DIR / "ui_text.yml"


@cache
def static_files() -> dict[str, Path]:
    """Every front-end file by name: each layer keeps its JS and CSS in its own ``static/``.

    Names are unique across the package, because the published site puts them all into one
    ``_static/`` folder.
    """
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE_DIR.rglob("static/*")):
        if path.is_file():
            if path.name in found:
                raise RuntimeError(f"{path.name} exists twice: {found[path.name]} and {path}")
            found[path.name] = path
    return found


def static_file(name: str) -> Path:
    return static_files()[name]
