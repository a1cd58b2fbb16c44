"""Load content files (question banks, scenarios) and report every error at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from exercises.core.errors import ContentError, ContentErrors
from exercises.core.paths import BANKS_DIR, SCENARIOS_DIR  # noqa: F401 (re-exported)
from exercises.core.yaml_lines import LineMap, line_for, load_with_lines
from exercises.quizzes.checks import check_bank, check_final
from exercises.quizzes.schema import QUESTION_TYPES, Bank, FinalTest

_TYPE_LIST = ", ".join(QUESTION_TYPES)


@dataclass(frozen=True)
class Loaded:
    path: Path
    model: BaseModel
    lines: LineMap


def _field_label(loc: tuple) -> str:
    parts = []
    for part in loc:
        parts.append(f"{part + 1}. Eintrag" if isinstance(part, int) else str(part))
    return " → ".join(parts)


def _german_message(err) -> str:
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    messages = {
        "missing": "Pflichtfeld fehlt. Bitte ergänzen.",
        "extra_forbidden": "Unbekanntes Feld. Bitte die Schreibweise prüfen "
        "(die zulässigen Felder stehen im Kapitel „Für Lehrende“).",
        "string_type": f"Hier wird ein Text erwartet, gefunden: {value!r}. "
        "Setzen Sie den Text in Anführungszeichen.",
        "bool_type": f"Hier wird true oder false erwartet, gefunden: {value!r}.",
        "int_type": f"Hier wird eine ganze Zahl erwartet, gefunden: {value!r}.",
        "float_type": f"Hier wird eine Zahl erwartet (mit Punkt, z. B. 4.5), gefunden: {value!r}.",
        "list_type": "Hier wird eine Liste erwartet: jeder Eintrag beginnt mit „- “.",
        "model_type": "Hier wird ein Abschnitt mit Feldern erwartet.",
        "dict_type": "Hier wird ein Abschnitt mit Feldern erwartet.",
        "model_attributes_type": "Hier wird ein Abschnitt mit Feldern erwartet.",
        "union_tag_invalid": f"Unbekannter Fragetyp „{ctx.get('tag')}“. Zulässig: {_TYPE_LIST}.",
        "union_tag_not_found": f"Das Feld „type“ fehlt. Zulässig: {_TYPE_LIST}.",
        "string_pattern_mismatch": f"Ungültige Kennung {value!r}: nur Kleinbuchstaben, Ziffern "
        "und Bindestriche, z. B. „profil-definition“.",
        "literal_error": f"Unzulässiger Wert {value!r}; erlaubt: {ctx.get('expected')}.",
        "greater_than_equal": f"Der Wert muss mindestens {ctx.get('ge')} sein.",
        "greater_than": f"Der Wert muss größer als {ctx.get('gt')} sein.",
        "less_than_equal": f"Der Wert darf höchstens {ctx.get('le')} sein.",
    }
    if kind == "too_short":
        if isinstance(value, str):
            return "Darf nicht leer sein."
        return f"Zu wenige Einträge: mindestens {ctx.get('min_length')} nötig."
    if kind == "string_too_short":
        return f"Zu kurz: mindestens {ctx.get('min_length')} Zeichen."
    if kind == "string_too_long":
        return f"Zu lang: höchstens {ctx.get('max_length')} Zeichen."
    return messages.get(kind, err["msg"])


def _clean_loc(loc: tuple, item_key: str) -> tuple:
    """Drop pydantic's union-tag step, e.g. ("questions", 3, "single", "options")."""
    cleaned = []
    for i, part in enumerate(loc):
        if i >= 2 and isinstance(loc[i - 1], int) and loc[i - 2] == item_key and part in QUESTION_TYPES:
            continue
        cleaned.append(part)
    return tuple(cleaned)


def _locate_item(data: object, loc: tuple) -> tuple[str | None, tuple]:
    """The id of the deepest entry on ``loc`` that has one, and the rest of ``loc``."""
    found, rest, node = None, loc, data
    for depth, part in enumerate(loc):
        try:
            node = node[part]  # type: ignore[index]
        except (IndexError, KeyError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found, rest = node["id"], loc[depth + 1 :]
    if found is None and len(loc) >= 2 and isinstance(loc[1], int):
        found, rest = f"{loc[1] + 1}. Eintrag in „{loc[0]}“", loc[2:]
    return found, rest


def validation_errors(
    path: Path, data: object, lines: LineMap, exc: ValidationError, item_key: str
) -> list[ContentError]:
    """Turn pydantic's findings into located German messages."""
    result = []
    for err in exc.errors():
        loc = _clean_loc(tuple(err["loc"]), item_key)
        if err["type"] in {"union_tag_invalid", "union_tag_not_found"}:
            loc = (*loc, "type")
        item_id, field_loc = _locate_item(data, loc)
        field = _field_label(field_loc) if field_loc else None
        result.append(ContentError(path, _german_message(err), line_for(lines, loc), item_id, field))
    return result


def parse_file(path: Path, model: type[BaseModel], item_key: str) -> tuple[Loaded | None, list]:
    """Read one YAML file into ``model``; return (result or None, errors)."""
    try:
        data, lines = load_with_lines(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        message = (
            f"YAML-Syntaxfehler: {problem}. Prüfen Sie Einrückung, Doppelpunkte und "
            "Anführungszeichen in dieser Zeile und der davor."
        )
        return None, [ContentError(path, message, mark.line + 1 if mark else None)]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [ContentError(path, f"Datei kann nicht gelesen werden: {exc}")]
    if not isinstance(data, dict):
        return None, [ContentError(path, "Die Datei muss mit Feldern wie „title:“ beginnen.", 1)]
    try:
        return Loaded(path, model.model_validate(data), lines), []
    except ValidationError as exc:
        return None, validation_errors(path, data, lines, exc, item_key)


def _bank_model(path: Path) -> type[BaseModel]:
    try:
        data, _ = load_with_lines(path)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return Bank
    return FinalTest if isinstance(data, dict) and "final" in data else Bank


def load_banks(directory: Path = BANKS_DIR) -> dict[str, BaseModel]:
    """All banks of ``directory`` by id (file name without .yml); raise with every error."""
    errors: list[ContentError] = []
    loaded: dict[str, Loaded] = {}
    paths = sorted(directory.glob("*.yml"))
    if not paths:
        raise ContentErrors([ContentError(directory, "Keine Fragenkataloge (*.yml) gefunden.")])
    for path in paths:
        result, found = parse_file(path, _bank_model(path), "questions")
        errors.extend(found)
        if result is not None:
            loaded[path.stem] = result
    models = {key: item.model for key, item in loaded.items()}
    seen: dict[str, tuple[Path, int | None]] = {}
    for item in loaded.values():
        if isinstance(item.model, Bank):
            errors.extend(check_bank(item.path, item.model, item.lines))
            for index, question in enumerate(item.model.questions):
                line = line_for(item.lines, ("questions", index, "id"))
                if question.id in seen:
                    other, other_line = seen[question.id]
                    errors.append(
                        ContentError(
                            item.path,
                            f"Die Kennung kommt doppelt vor (zuerst in {other.name}, Zeile "
                            f"{other_line}). Jede Frage braucht eine eigene, feste Kennung.",
                            line,
                            question.id,
                            "id",
                        )
                    )
                else:
                    seen[question.id] = (item.path, line)
        else:
            broken = {path.stem for path in paths} - set(models)
            errors.extend(check_final(item.path, item.model, item.lines, models, broken))  # type: ignore[arg-type]
    if errors:
        raise ContentErrors(errors)
    return models


def load_bank(bank_id: str, directory: Path = BANKS_DIR) -> BaseModel:
    """One bank by id; all banks are checked so that cross-bank errors are not missed."""
    banks = load_banks(directory)
    if bank_id not in banks:
        known = ", ".join(sorted(banks))
        raise ContentErrors(
            [
                ContentError(
                    directory / f"{bank_id}.yml",
                    f"Fragenkatalog „{bank_id}“ gibt es nicht. Vorhanden: {known}.",
                )
            ]
        )
    return banks[bank_id]
