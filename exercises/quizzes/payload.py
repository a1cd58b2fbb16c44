"""The data one quiz hands to its front end, the same for the page and the notebook."""

from __future__ import annotations

import warnings
from pathlib import Path

import yaml

from exercises.core.markup import inline
from exercises.core.paths import PACKAGE_DIR
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


def question_data(bank_id: str, question) -> dict:
    data = _render(question.model_dump(exclude_none=True))
    if data["type"] == "text":
        data["accepted"] = list(question.accepted)  # compared, never shown as HTML
    data["bank"] = bank_id
    return data


def quiz_payload(bank_id: str, banks: dict | None = None) -> dict:
    """Everything the quiz front end needs, as JSON-ready data."""
    banks = banks if banks is not None else load_banks()
    bank = banks[bank_id]
    payload = {
        "kind": "quiz",
        "id": bank_id,
        "title": bank.title,
        "chapter": bank.chapter,
        "texts": texts("common", "quiz", "final"),
    }
    if isinstance(bank, FinalTest):
        pool = []
        for draw in bank.draw:
            pool.extend(question_data(draw.bank, q) for q in banks[draw.bank].questions)
        payload["final"] = {
            "pass_mark": bank.pass_mark,
            "draw": [d.model_dump() for d in bank.draw],
            "certificate_title": bank.certificate_title,
            "course": COURSE_TITLE,
            "chapters": [banks[d.bank].title for d in bank.draw],
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
    data = yaml.safe_load(toc.read_text(encoding="utf-8")) or {}
    files = [data.get("root", "")]
    for part in data.get("parts", [{"chapters": data.get("chapters", [])}]):
        files.extend(chapter.get("file", "") for chapter in part.get("chapters", []))
    return {Path(name).name: index for index, name in enumerate(files)}


def progress_payload(banks: dict | None = None) -> dict:
    """Chapter list for the progress overview on the start page."""
    banks = banks if banks is not None else load_banks()
    quizzes = []
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
    return {"kind": "progress", "id": "fortschritt", "quizzes": quizzes, "texts": texts("common", "progress")}
