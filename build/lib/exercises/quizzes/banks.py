"""Load content files (question banks, scenarios) and report every error at once."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from exercises.core.errors import ContentError, ContentErrors
from exercises.core.paths import BANKS_DIR, SCENARIOS_DIR  # noqa: F401 (re-exported)
from exercises.core.texts import t
from exercises.core.yaml_lines import LineMap, LoadError, line_for, read_yaml
from exercises.quizzes.checks import check_bank, check_final
from exercises.quizzes.schema import ID_PATTERN, QUESTION_TYPES, Bank, FinalTest

_TYPE_LIST = ", ".join(QUESTION_TYPES)
_ID = re.compile(ID_PATTERN)


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


# --- where in the schema an error is: drop pydantic's union branches, find allowed fields ---


def _members(annotation) -> list:
    """The concrete types of an annotation: Annotated and None stripped, unions flattened."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _members(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return [member for arg in get_args(annotation) for member in _members(arg)]
    return [] if annotation is type(None) else [annotation]


def _is_model(member) -> bool:
    return isinstance(member, type) and issubclass(member, BaseModel)


def _branch(members: list, tag: str) -> list:
    """The members of a union that pydantic's branch tag names (a type name or a literal)."""
    chosen = []
    for member in members:
        names = {getattr(member, "__name__", "")}
        if _is_model(member):
            for info in member.model_fields.values():
                if get_origin(info.annotation) is Literal and tag in get_args(info.annotation):
                    names.add(tag)
        if tag in names or tag.split("[")[0] in names:
            chosen.append(member)
    return chosen or members


def _resolve(model: type[BaseModel], loc: tuple) -> tuple[tuple, list]:
    """``loc`` without pydantic's union branch steps, and the types found at its end."""
    members: list = [model]
    cleaned: list = []
    for part in loc:
        models = [m for m in members if _is_model(m)]
        if isinstance(part, str) and any(part in m.model_fields for m in models):
            members = [
                member
                for m in models
                if part in m.model_fields
                for member in _members(m.model_fields[part].annotation)
            ]
        elif isinstance(part, str) and len(members) > 1:
            members = _branch(members, part)  # a union branch: not a step in the file
            continue
        elif isinstance(part, int):
            members = [
                member
                for m in members
                if get_origin(m) in (list, tuple, set)
                for member in _members(get_args(m)[0])
            ]
        else:
            members = []
        cleaned.append(part)
    return tuple(cleaned), members


def _allowed_fields(members: list) -> list[str]:
    names: list[str] = []
    for member in members:
        if _is_model(member):
            names += [name for name in member.model_fields if name not in names]
    return names


# --- the German message of one pydantic finding ---


def _shown(value: object) -> str:
    """A found value as an instructor wrote it."""
    if value is None:
        return t("content_check", "shown_none")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return t("content_check", "shown_list")
    if isinstance(value, dict):
        return t("content_check", "shown_section")
    return repr(value)


def _listed(values: list[str]) -> str:
    """a, b oder c"""
    if len(values) < 2:
        return "".join(values)
    return f"{', '.join(values[:-1])} {t('content_check', 'or')} {values[-1]}"


_NUMBER = re.compile(r"^\s*(-?[0-9]+)(?:([.,])([0-9]+))?\s*(.*?)\s*$")
_KINDS = {
    "string_type": "kind_text",
    "float_type": "kind_number",
    "float_parsing": "kind_number",
    "int_type": "kind_whole_number",
    "int_parsing": "kind_whole_number",
    "int_from_float": "kind_whole_number",
    "bool_type": "kind_bool",
    "list_type": "kind_list",
    "model_type": "kind_section",
    "dict_type": "kind_section",
    "model_attributes_type": "kind_section",
}


def _number_message(value: object, whole: bool) -> str:
    """Why a value is no number, with the number it probably means (3,25 → 3.25)."""
    match = _NUMBER.match(value) if isinstance(value, str) else None
    if match:
        integer, mark, fraction, rest = match.groups()
        number = f"{integer}.{fraction}" if fraction else integer
        if rest:
            return t("content_check", "number_with_unit", number=number, unit=rest)
        if mark == "," and not whole:
            return t("content_check", "number_comma", number=number)
        if not whole and mark != ",":
            return t("content_check", "number_quoted", number=number)
        if whole and not mark:
            return t("content_check", "whole_number_quoted", number=number)
    if whole:
        return t(
            "content_check", "expected", kind=t("content_check", "kind_whole_number"), value=_shown(value)
        )
    return t("content_check", "number_expected", value=_shown(value))


def _literal_values(expected: str) -> list[str]:
    """Pydantic's "'start' or 'end'" (or "True") as the values an instructor writes."""
    values = re.findall(r"'((?:[^'\\]|\\.)*)'", expected) or re.split(r", | or ", expected)
    return [{"True": "true", "False": "false"}.get(v, v) for v in values]


def _german_message(err, members: list | None = None) -> str:
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if kind in ("float_type", "float_parsing"):
        return _number_message(value, whole=False)
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _number_message(value, whole=True)
    if kind == "extra_forbidden":
        allowed = _allowed_fields(members or [])
        close = difflib.get_close_matches(str(err["loc"][-1]), allowed, n=1)
        suggestion = t("content_check", "did_you_mean", name=close[0]) if close else ""
        return t("content_check", "unknown_field", suggestion=suggestion, allowed=", ".join(allowed))
    if kind == "literal_error":
        values = _literal_values(str(ctx.get("expected", "")))
        key = "only_allowed" if len(values) == 1 else "not_allowed"
        return t("content_check", key, value=_shown(value), allowed=_listed(values))
    if kind == "too_short":
        if isinstance(value, str):
            return t("content_check", "empty")
        return t("content_check", "too_few", count=ctx.get("min_length"))
    if kind == "too_long":
        return t("content_check", "too_many", count=ctx.get("max_length"))
    simple: dict[str, tuple[str, dict]] = {
        "missing": ("missing", {}),
        "string_type": ("text_expected", {"value": _shown(value)}),
        "union_tag_invalid": ("unknown_type", {"tag": ctx.get("tag"), "types": _TYPE_LIST}),
        "union_tag_not_found": ("type_missing", {"types": _TYPE_LIST}),
        "string_pattern_mismatch": ("bad_id", {"value": _shown(value)}),
        "greater_than_equal": ("at_least", {"limit": ctx.get("ge")}),
        "greater_than": ("greater", {"limit": ctx.get("gt")}),
        "less_than_equal": ("at_most", {"limit": ctx.get("le")}),
        "less_than": ("less", {"limit": ctx.get("lt")}),
        "string_too_short": ("too_short", {"count": ctx.get("min_length")}),
        "string_too_long": ("too_long", {"count": ctx.get("max_length")}),
    }
    if kind in simple:
        key, filled = simple[kind]
        return t("content_check", key, **filled)
    if kind in _KINDS:
        return t("content_check", "expected", kind=t("content_check", _KINDS[kind]), value=_shown(value))
    return t("content_check", "other", problem=err["msg"])


def _one_message(errs: list, members: list) -> str:
    """One message for the findings of one field (a union gives one per branch)."""
    if len(errs) == 1:
        return _german_message(errs[0], members)
    kinds = [err["type"] for err in errs]
    value = errs[0].get("input")
    if set(kinds) <= {"float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"}:
        return _number_message(value, whole=not set(kinds) & {"float_type", "float_parsing"})
    typed = [err for err in errs if err["type"] not in _KINDS]
    if typed:  # a branch of the right type with a rule broken: that rule is the message
        return _german_message(typed[0], members)
    words = list(dict.fromkeys(t("content_check", _KINDS[kind]) for kind in kinds))
    return t("content_check", "expected", kind=_listed(words), value=_shown(value))


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
    path: Path, data: object, lines: LineMap, exc: ValidationError, model: type[BaseModel]
) -> list[ContentError]:
    """Turn pydantic's findings into located German messages, one per field."""
    grouped: dict[tuple, list] = {}
    parents: dict[tuple, list] = {}
    for err in exc.errors():
        raw = tuple(err["loc"])
        loc, _ = _resolve(model, raw)
        if err["type"] in {"union_tag_invalid", "union_tag_not_found"}:
            loc = (*loc, "type")
        grouped.setdefault(loc, []).append(err)
        if err["type"] == "extra_forbidden":
            parents[loc] = _resolve(model, raw[:-1])[1]
    result = []
    for loc, errs in grouped.items():
        item_id, field_loc = _locate_item(data, loc)
        field = _field_label(field_loc) if field_loc else None
        message = _one_message(errs, parents.get(loc, []))
        result.append(ContentError(path, message, line_for(lines, loc), item_id, field))
    return result


def parse_file(path: Path, model: type[BaseModel]) -> tuple[Loaded | None, list]:
    """Read one YAML file into ``model``; return (result or None, errors)."""
    try:
        data, lines = read_yaml(path)
    except LoadError as exc:
        return None, [exc.error]
    if not isinstance(data, dict):
        return None, [ContentError(path, t("content_check", "not_mapping"), 1)]
    try:
        return Loaded(path, model.model_validate(data), lines), []
    except ValidationError as exc:
        return None, validation_errors(path, data, lines, exc, model)


def _bank_model(path: Path) -> type[BaseModel]:
    try:
        data, _ = read_yaml(path)
    except LoadError:
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
        result, found = parse_file(path, _bank_model(path))
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


def toc_chapters(toc: Path) -> list[str]:
    """The chapters (file names without folder and .md) of a Jupyter Book ``_toc.yml``, in order."""
    data, _ = read_yaml(toc)
    found: list[str] = []

    def visit(entry: object) -> None:
        if isinstance(entry, dict):
            for key in ("root", "file"):
                if isinstance(entry.get(key), str):
                    found.append(Path(entry[key]).name.removesuffix(".md").removesuffix(".ipynb"))
            for key in ("parts", "chapters", "sections"):
                for child in entry.get(key) or []:
                    visit(child)

    visit(data)
    return list(dict.fromkeys(found))


def chapter_errors(directory: Path, toc: Path) -> list[ContentError]:
    """Banks whose ``chapter`` is not in ``toc`` (skipped without a toc, and for values the
    schema rejects anyway)."""
    if not toc.is_file():
        return []
    try:
        chapters = toc_chapters(toc)
    except LoadError as exc:
        return [exc.error]
    errors = []
    for path in sorted(directory.glob("*.yml")):
        try:
            data, lines = read_yaml(path)
        except LoadError:
            continue  # reported by load_banks
        chapter = data.get("chapter") if isinstance(data, dict) else None
        if isinstance(chapter, str) and _ID.fullmatch(chapter) and chapter not in chapters:
            message = t("content_check", "chapter_unknown", chapter=chapter, chapters=", ".join(chapters))
            errors.append(ContentError(path, message, line_for(lines, ("chapter",)), None, "chapter"))
    return errors


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
