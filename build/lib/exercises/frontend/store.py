"""The notebook's progress file: same shape as the page's localStorage value.

``{"version": 1, "items": {"quiz:profil": {...}, "exercise:nutzen-rechner": {...}}}``
Written atomically (temporary file, then rename); a damaged file is reported and replaced.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from pathlib import Path

from exercises.core.texts import t

PROGRESS_FILE = "kurs-fortschritt.json"
VERSION = 1


def progress_path() -> Path:
    """Beside the notebook: a kernel's working directory is the notebook's folder."""
    return Path(os.environ.get("KURS_FORTSCHRITT", PROGRESS_FILE)).resolve()


def _empty() -> dict:
    return {"version": VERSION, "items": {}}


def read_progress(path: Path | None = None) -> dict:
    path = path or progress_path()
    if not path.exists():
        return _empty()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("version") == VERSION and isinstance(data.get("items"), dict):
            return data
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        pass
    warnings.warn(t("progress", "file_damaged", file=path.name), stacklevel=2)
    fresh = _empty()
    write_progress(fresh, path)
    return fresh


def write_progress(data: dict, path: Path | None = None) -> None:
    path = path or progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".kurs-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=1)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_item(key: str, path: Path | None = None) -> dict:
    item = read_progress(path)["items"].get(key)
    return item if isinstance(item, dict) else {}


def save_item(key: str, state: dict, path: Path | None = None) -> None:
    data = read_progress(path)
    data["items"][key] = state
    write_progress(data, path)


def save_all(items: dict, path: Path | None = None) -> None:
    write_progress({"version": VERSION, "items": items}, path)
