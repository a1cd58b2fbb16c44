"""Rules that span several fields of a bank; each finding points at its line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from exercises.core.errors import ContentError
from exercises.core.yaml_lines import LineMap, line_for
from exercises.quizzes.schema import (
    Bank,
    Definition,
    FinalTest,
    Matching,
    MultipleChoice,
    Numeric,
    SingleChoice,
    Term,
)


def _error(path: Path, lines: LineMap, loc: tuple, message: str, item_id=None, field=None):
    return ContentError(path, message, line_for(lines, loc), item_id, field)


def check_bank(path: Path, bank: Bank, lines: LineMap) -> Iterator[ContentError]:
    for index, question in enumerate(bank.questions):
        loc = ("questions", index)
        if isinstance(question, SingleChoice | MultipleChoice):
            correct = sum(option.correct for option in question.options)
            if correct == 0:
                yield _error(
                    path,
                    lines,
                    (*loc, "options"),
                    "Keine Option ist als richtig markiert. "
                    "Setzen Sie bei der richtigen Option „correct: true“.",
                    question.id,
                    "options",
                )
            elif correct > 1 and isinstance(question, SingleChoice):
                yield _error(
                    path,
                    lines,
                    (*loc, "options"),
                    f"{correct} Optionen sind als richtig markiert, bei „type: single“ ist "
                    "es genau eine. Für mehrere richtige Antworten verwenden Sie „type: multiple“.",
                    question.id,
                    "options",
                )
        if isinstance(question, Matching):
            yield from _check_matching(path, lines, loc, question)
        if isinstance(question, Numeric) and question.decimals is not None:
            if round(question.answer, question.decimals) != question.answer:
                yield _error(
                    path,
                    lines,
                    (*loc, "answer"),
                    f"Die Antwort {question.answer} hat mehr Nachkommastellen, als „decimals: "
                    f"{question.decimals}“ verlangt. Tragen Sie die gerundete Zahl ein.",
                    question.id,
                    "answer",
                )


def _check_matching(path, lines, loc, question: Matching) -> Iterator[ContentError]:
    definition_ids = [d.id for d in question.definitions]
    known = ", ".join(definition_ids)
    used: dict[str, str] = {}
    for t_index, term in enumerate(question.terms):
        field = f"terms → {t_index + 1}. Eintrag → match"
        if term.match not in definition_ids:
            yield _error(
                path,
                lines,
                (*loc, "terms", t_index, "match"),
                f"„{term.match}“ verweist auf keine Definition. Vorhandene Definitionen: {known}.",
                question.id,
                field,
            )
        elif term.match in used:
            yield _error(
                path,
                lines,
                (*loc, "terms", t_index, "match"),
                f"Die Definition „{term.match}“ ist schon dem Begriff „{used[term.match]}“ "
                "zugeordnet; jede Definition passt zu höchstens einem Begriff.",
                question.id,
                field,
            )
        else:
            used[term.match] = term.id
    lists: tuple[tuple[str, Sequence[Term | Definition]], ...] = (
        ("terms", question.terms),
        ("definitions", question.definitions),
    )
    for kind, entries in lists:
        seen: set[str] = set()
        for e_index, entry in enumerate(entries):
            if entry.id in seen:
                yield _error(
                    path,
                    lines,
                    (*loc, kind, e_index, "id"),
                    f"Die Kennung „{entry.id}“ kommt in „{kind}“ doppelt vor.",
                    question.id,
                    f"{kind} → {e_index + 1}. Eintrag → id",
                )
            seen.add(entry.id)


def check_final(
    path: Path, final: FinalTest, lines: LineMap, banks: dict, broken: frozenset[str] | set[str] = frozenset()
) -> Iterator[ContentError]:
    """Draws must name loaded chapter banks; a bank with its own errors is reported there."""
    for index, draw in enumerate(final.draw):
        loc = ("draw", index)
        bank = banks.get(draw.bank)
        if draw.bank in broken:
            continue
        if bank is None or isinstance(bank, FinalTest):
            names = ", ".join(sorted(k for k, v in banks.items() if isinstance(v, Bank)))
            yield _error(
                path,
                lines,
                (*loc, "bank"),
                f"Es gibt keinen Fragenkatalog „{draw.bank}“. Vorhanden: {names}.",
                None,
                f"draw → {index + 1}. Eintrag → bank",
            )
        elif draw.count > len(bank.questions):
            yield _error(
                path,
                lines,
                (*loc, "count"),
                f"„{draw.bank}“ hat nur {len(bank.questions)} Fragen, gezogen werden sollen {draw.count}.",
                None,
                f"draw → {index + 1}. Eintrag → count",
            )
