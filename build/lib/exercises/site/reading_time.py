"""How long a chapter takes, computed from what it holds, so the figure can never be stale.

time = prose words ÷ 200 words per minute
     + 1 minute per quiz question
     + each exercise's ``estimated_minutes`` (from its scenario file),
rounded to 5 minutes (at least 5).

Why one minute per question: a question of the course banks has on average about 110 words to
read (prompt, options, one feedback, explanation), half a minute at 200 words per minute; about
as long again goes to thinking, choosing or typing and pressing „Prüfen“. The final test counts
the questions it draws. The sum for the whole course adds the rounded chapter times, so the
figures on the start page add up.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from exercises.core.paths import BANKS_DIR, SCENARIOS_DIR
from exercises.site.prose import count_words, prose

WORDS_PER_MINUTE = 200
SECONDS_PER_QUESTION = 60
ROUND_TO = 5
_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.M | re.S)
_CALL = re.compile(r"\b(quiz|exercise)\s*\(\s*[\"']([\w-]+)[\"']")


@dataclass(frozen=True)
class Estimate:
    words: int
    questions: int
    exercise_minutes: int
    sources: tuple[Path, ...]  # the bank and scenario files read

    @property
    def exact_minutes(self) -> float:
        return (
            self.words / WORDS_PER_MINUTE + self.questions * SECONDS_PER_QUESTION / 60 + self.exercise_minutes
        )

    @property
    def minutes(self) -> int:
        return max(ROUND_TO, ROUND_TO * math.floor(self.exact_minutes / ROUND_TO + 0.5))


def _yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # the content check reports unreadable files


def question_count(bank: Path) -> int:
    """Questions a learner answers: a bank's questions, or the draws of the final test."""
    data = _yaml(bank)
    if not isinstance(data, dict):
        return 0
    if data.get("final"):
        draws = data.get("draw")
        draws = draws if isinstance(draws, list) else []
        return sum(d["count"] for d in draws if isinstance(d, dict) and isinstance(d.get("count"), int))
    questions = data.get("questions")
    return len(questions) if isinstance(questions, list) else 0


def exercise_minutes(scenario: Path) -> int:
    data = _yaml(scenario)
    value = data.get("estimated_minutes") if isinstance(data, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def estimate(source: str, banks_dir: Path = BANKS_DIR, scenarios_dir: Path = SCENARIOS_DIR) -> Estimate:
    """The estimate for a chapter with MyST source ``source``."""
    code = "\n".join(_CODE_CELL.findall(source))
    questions = 0
    minutes = 0
    sources = []
    for function, name in _CALL.findall(code):
        if function == "quiz":
            path = banks_dir / f"{name}.yml"
            questions += question_count(path)
        else:
            path = scenarios_dir / f"{name}.yml"
            minutes += exercise_minutes(path)
        sources.append(path)
    return Estimate(count_words(prose(source)), questions, minutes, tuple(sources))


def duration_words(minutes: int, texts: dict) -> str:
    """ "25 Minuten", "1 Stunde", "2 Stunden 40 Minuten" (the texts of ui_text.yml's chapter_info)."""
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return texts["minutes"].format(m=rest)
    head = texts["hour"] if hours == 1 else texts["hours"].format(h=hours)
    return head if rest == 0 else texts["hours_minutes"].format(hours=head, m=rest)
