"""Everything an instructor edits, loaded and checked in one call."""

from __future__ import annotations

from exercises.core.errors import ContentErrors
from exercises.quizzes.banks import BANKS_DIR, SCENARIOS_DIR, load_banks


def load_all_content(banks_dir=BANKS_DIR, scenarios_dir=SCENARIOS_DIR) -> dict:
    """Banks and scenarios; raises one ContentErrors with every problem found."""
    from exercises.activities import load_scenarios

    errors = []
    result: dict = {}
    try:
        result["banks"] = load_banks(banks_dir)
    except ContentErrors as exc:
        errors.extend(exc.errors)
    try:
        result["scenarios"] = load_scenarios(scenarios_dir)
    except ContentErrors as exc:
        errors.extend(exc.errors)
    if errors:
        raise ContentErrors(errors)
    return result
