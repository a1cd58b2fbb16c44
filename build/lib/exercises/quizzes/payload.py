"""The data one quiz hands to its front end, the same for the page and the notebook."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from exercises.core.markup import inline
from exercises.core.paths import PACKAGE_DIR, SCENARIOS_DIR
from exercises.core.texts import t, texts
from exercises.quizzes.banks import load_banks
from exercises.quizzes.schema import FinalTest

COURSE_TITLE = "Social Media – mitmachen?"
# The course's _toc.yml: beside the package in a course checkout, inside it in an installed wheel.
TOC_FILES = (PACKAGE_DIR.parent / "_toc.yml", PACKAGE_DIR / "_toc.yml")
_RICH_FIELDS = ("prompt", "explanation", "hint", "feedback", "feedback_true", "feedback_false", "text")


def _render(value):
    """Render every text field of a question tree through the safe Markdown subset."""
    if isinstance(value, dict):
        return {
            key: inline(item) if key in _RICH_FIELDS and isinstance(item, str) else _render(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [inline(v) if isinstance(v, str) else _render(v) for v in value]
    return value


def _without_opener(feedback: str) -> str:
    """ "Leider nicht: Niemand muss …" → "Niemand muss …": the quiz's verdict says it already."""
    words = "|".join(re.escape(w.strip()) for w in t("quiz", "feedback_openers").split(",") if w.strip())
    text = re.sub(rf"^(?:{words})\s*[:!.,–-]\s+", "", feedback, count=1)
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def question_data(bank_id: str, question) -> dict:
    data = _render(question.model_dump(exclude_none=True))
    if data["type"] == "text":
        data["accepted"] = list(question.accepted)  # compared, never shown as HTML
    if data["type"] == "single":  # one choice: its feedback follows the verdict "Richtig."/"Leider falsch."
        data["options"] = [{**o, "feedback": _without_opener(o["feedback"])} for o in data["options"]]
    if data["type"] == "true-false":
        for key in ("feedback_true", "feedback_false"):
            data[key] = _without_opener(data[key])
    data["bank"] = bank_id
    return data


def quiz_payload(bank_id: str, banks: dict | None = None) -> dict:
    """Everything the quiz front end needs, as JSON-ready data."""
    banks = banks if banks is not None else load_banks()
    banks_by_id: dict[str, Any] = banks
    bank = banks_by_id[bank_id]
    payload = {
        "kind": "quiz",
        "id": bank_id,
        "title": bank.title,
        "chapter": bank.chapter,
        "texts": texts("common", "quiz", "final"),
    }
    if isinstance(bank, FinalTest):
        pool: list[dict] = []
        for draw in bank.draw:
            pool.extend(question_data(draw.bank, q) for q in banks_by_id[draw.bank].questions)
        payload["final"] = {
            "pass_mark": bank.pass_mark,
            "draw": [d.model_dump() for d in bank.draw],
            "certificate_title": bank.certificate_title,
            "course": COURSE_TITLE,
            "chapters": [banks_by_id[d.bank].title for d in bank.draw],
        }
        payload["questions"] = pool
    else:
        payload["questions"] = [question_data(bank_id, q) for q in bank.questions]
    return payload


def chapter_order(toc: Path | None = None) -> dict[str, int]:
    """Position of each chapter id (file name under book/) in the course's _toc.yml."""
    toc = toc or next((path for path in TOC_FILES if path.exists()), None)
    if toc is None or not toc.exists():
        warnings.warn(t("progress", "toc_missing"), stacklevel=2)
        return {}
    return {Path(name).name: index for index, name in enumerate(_toc_files(toc))}


def _toc_files(toc: Path) -> list[str]:
    data = yaml.safe_load(toc.read_text(encoding="utf-8")) or {}
    files = [data.get("root", "")]
    for part in data.get("parts", [{"chapters": data.get("chapters", [])}]):
        files.extend(chapter.get("file", "") for chapter in part.get("chapters", []))
    return files


def _exercise_chapters(toc: Path | None) -> dict[str, str]:
    """The chapter (file name under book/) whose cells show each exercise."""
    if toc is None or not toc.exists():
        return {}
    call = re.compile(r"\bexercise\(\s*[\"']([\w-]+)[\"']")
    found: dict[str, str] = {}
    for name in _toc_files(toc):
        source = toc.parent / f"{name}.md"
        if name and source.is_file():
            for exercise_id in call.findall(source.read_text(encoding="utf-8")):
                found.setdefault(exercise_id, Path(name).name)
    return found


DoneWhen = Callable[[str], list | None]


def exercise_entries(directory: Path = SCENARIOS_DIR, done_when: DoneWhen | None = None) -> list[dict]:
    """Every exercise by its scenario file: id and title, in the order of the chapters.

    ``done_when(id)``: the exercise's conditions for "done" (``activities.done_when``, handed in
    because this layer may not import the exercises), passed on as the entry's ``done_when``.
    """
    entries = []
    for path in sorted(directory.glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            data = None  # the content check reports a broken scenario
        title = data.get("title") if isinstance(data, dict) else None
        entry: dict[str, Any] = {"id": path.stem, "title": title if isinstance(title, str) else path.stem}
        conditions = done_when(path.stem) if done_when else None
        if conditions:
            entry["done_when"] = conditions
        entries.append(entry)
    toc = next((path for path in TOC_FILES if path.exists()), None)
    chapters = _exercise_chapters(toc)
    order = chapter_order(toc) if toc else {}
    entries.sort(key=lambda e: (order.get(chapters.get(e["id"], ""), len(order)), e["id"]))
    return entries


def progress_payload(
    banks: dict | None = None, exercises: list[dict] | None = None, done_when: DoneWhen | None = None
) -> dict:
    """Chapter list for the progress overview on the start page: quizzes, then exercises.

    ``exercises``: [{"id", "title", optional "done_when": conditions on its stored state, see
    ``progress.py``}]; by default every exercise that has a scenario, with the conditions
    ``done_when(id)`` gives (without it: shown only as open or started).
    """
    banks = banks if banks is not None else load_banks()
    quizzes = []
    bank: Any
    for bank_id, bank in banks.items():
        count = sum(d.count for d in bank.draw) if isinstance(bank, FinalTest) else len(bank.questions)
        quizzes.append(
            {
                "id": bank_id,
                "title": bank.title,
                "chapter": bank.chapter,
                "total": count,
                "final": isinstance(bank, FinalTest),
            }
        )
    order = chapter_order()
    quizzes.sort(key=lambda q: (q["final"], order.get(q["chapter"], len(order)), q["id"]))
    return {
        "kind": "progress",
        "id": "fortschritt",
        "quizzes": quizzes,
        "exercises": exercise_entries(done_when=done_when) if exercises is None else exercises,
        "texts": texts("common", "progress"),
    }
