"""Helpers shared by the exercise tests: shared vectors, number-tolerant comparison, names."""

from __future__ import annotations

import math
import re
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


def load_vectors(exercise_id: str) -> list[dict]:
    """The cases of ``tests/data/vectors-<exercise_id>.yml`` ({function, args, expected})."""
    data = yaml.safe_load((DATA / f"vectors-{exercise_id}.yml").read_text(encoding="utf-8"))
    return data["cases"] if isinstance(data, dict) else data


def camel(name: str) -> str:
    """Python's parse_count is JavaScript's parseCount."""
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), name)


def close(got, expected) -> bool:
    """Equal, with numbers compared to 1e-6 as floating point differs between the two sides."""
    if isinstance(got, bool) or isinstance(expected, bool):
        return got == expected
    if isinstance(got, int | float) and isinstance(expected, int | float):
        return math.isclose(got, expected, abs_tol=1e-6)
    if isinstance(got, dict) and isinstance(expected, dict):
        return got.keys() == expected.keys() and all(close(got[k], expected[k]) for k in got)
    if isinstance(got, list) and isinstance(expected, list):
        return len(got) == len(expected) and all(map(close, got, expected))
    return got == expected


def exercise_root(page, exercise_id: str):
    return page.locator(f'[data-exercise-id="{exercise_id}"]')


def reload(page):
    """Reload and wait until every quiz and exercise has started again."""
    page.reload()
    page.wait_for_selector("[data-kurs-kind]:not(.is-ready)", state="detached")


# Engine tests run on these frozen copies of the scenarios, so that an instructor's edit of
# exercises/scenarios/ never breaks them; the course's own content is checked by the content tests.
FIXTURE_SCENARIOS = Path(__file__).resolve().parent / "data" / "scenarios"


def fixture_scenario(exercise_id: str):
    from exercises.activities import load_scenario

    return load_scenario(exercise_id, FIXTURE_SCENARIOS)


def broken_scenario(folder: Path, exercise_id: str, *replacements: tuple[str, str]) -> Path:
    """A copy of the exercise's fixture scenario in ``folder`` with each (old, new) replaced once."""
    text = (FIXTURE_SCENARIOS / f"{exercise_id}.yml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / f"{exercise_id}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    """The first line of ``path`` that contains ``fragment`` (1-based, as errors report it)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if fragment in line)
