"""Access to the learner-facing strings in ``ui_text.yml``."""

from __future__ import annotations

from functools import cache

import yaml

from exercises.core.paths import TEXT_FILE


@cache
def all_texts() -> dict[str, dict[str, str]]:
    return yaml.safe_load(TEXT_FILE.read_text(encoding="utf-8"))


def texts(*groups: str) -> dict[str, str]:
    """The merged strings of ``groups`` (later groups win), for a widget payload."""
    merged: dict[str, str] = {}
    for group in groups:
        merged.update(all_texts()[group])
    return merged


def t(group: str, key: str, **values) -> str:
    return all_texts()[group][key].format(**values)
