"""Access to the learner-facing strings in ``ui_text.yml``, and the check of that file.

Instructors edit ``ui_text.yml``; the code reads it by group and key and fills ``{name}``
placeholders. What keys and placeholders the code relies on is recorded in
``ui_text_contract.yml`` next to this module, generated from the shipped file with
``python3 -m exercises.core.texts --vertrag``. ``check_ui_text`` compares an edited file with it:
``kurs check`` and the start of the build report every difference in German with file, line,
group and key.

Rules: a missing group or key, an unknown group or key, a value that is not a string, an unknown
placeholder and a stray brace are errors (the page would show nothing, or ``{nummer}`` literally,
or Python's ``str.format`` would fail). A placeholder the code fills but the edited text leaves out
is only a hint: both fillers (``t`` here, ``fmt`` in kurs-common.js) ignore values the text does
not use, and a sentence may well do without one ("Neuer Test mit neu gezogenen Fragen.").
"""

from __future__ import annotations

import argparse
import difflib
import string
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from exercises.core.errors import ContentError, ContentErrors, _display_path
from exercises.core.paths import TEXT_FILE
from exercises.core.yaml_lines import LineMap, load_with_lines

CONTRACT_FILE = Path(__file__).resolve().with_name("ui_text_contract.yml")
# The group holding the check's own messages; the contract carries a copy for a file that
# cannot be read.
CHECK_GROUP = "ui_text_check"
# Placeholders are read as Python's str.format reads them ("{{" is a literal brace); one with a
# format spec or conversion ("{n:>3}") counts under its whole text, as kurs-common.js fills only
# plain "{name}".
_FORMATTER = string.Formatter()


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


# --- the contract ---------------------------------------------------------------------------


def placeholders(text: str) -> list[str]:
    """The sorted distinct placeholders of ``text`` ("Frage {n} von {total}" → n, total).

    Raises ``ValueError`` for a brace without its partner, as ``str.format`` would.
    """
    found = set()
    for _, name, spec, conversion in _FORMATTER.parse(text):
        if name is not None:
            found.add(name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
    return sorted(found)


def contract_of(data: dict) -> dict:
    """group → key → sorted placeholders, and the check's own messages, of a ui_text mapping."""
    return {
        "placeholders": {
            group: {key: placeholders(value) for key, value in entries.items()}
            for group, entries in data.items()
        },
        "messages": dict(data[CHECK_GROUP]),
    }


def contract_text(data: dict) -> str:
    """The contract file's text for the ui_text mapping ``data`` (lists inline, one key a line)."""
    contract = contract_of(data)
    head = (
        "# What the course's code reads from exercises/ui_text.yml: group → key → the placeholders\n"
        "# it fills, and the messages of the check of that file (used when ui_text.yml itself\n"
        "# cannot be read). Generated; do not edit. After changing keys or placeholders in the\n"
        "# shipped ui_text.yml run: python3 -m exercises.core.texts --vertrag\n"
    )
    placeholders_yaml = yaml.safe_dump(
        {"placeholders": contract["placeholders"]},
        allow_unicode=True,
        sort_keys=False,
        width=1000,
        default_flow_style=None,
    )
    messages_yaml = yaml.safe_dump(
        {"messages": contract["messages"]}, allow_unicode=True, sort_keys=False, width=1000
    )
    return head + placeholders_yaml + messages_yaml


def load_contract(path: Path = CONTRACT_FILE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- the check ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextError(ContentError):
    """A problem in ui_text.yml, located by group and key instead of question and field."""

    group: str | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = _display_path(self.file)
        if self.line is not None:
            where += f", Zeile {self.line}"
        parts = [where]
        if self.group:
            parts.append(f"Gruppe „{self.group}“")
        if self.key:
            parts.append(f"Schlüssel „{self.key}“")
        return ": ".join([" – ".join(parts), self.message])


@dataclass
class TextCheck:
    """What ``check_ui_text`` found: errors stop the build, hints are only shown."""

    file: Path
    errors: list[ContentError] = field(default_factory=list)
    hints: list[ContentError] = field(default_factory=list)
    messages: dict[str, str] = field(default_factory=dict)

    def hints_report(self) -> str:
        head = fill(self.messages["hints_head"], count=len(self.hints), file=_display_path(self.file))
        return "\n".join([head, *(f"  - {h}" for h in self.hints)])


@dataclass(frozen=True)
class _Finding:
    message: str  # a key of the ui_text_check group
    values: dict
    line: int | None = None
    group: str | None = None
    key: str | None = None
    hint: bool = False


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, **values) -> str:
    """``str.format`` that leaves a placeholder without a value as it stands."""
    return template.format_map(_Keep(values))


def _kind(value: object) -> str:
    """The key of the word for what stands where a text should."""
    if value is None:
        return "kind_nothing"
    if isinstance(value, bool):
        return "kind_yes_no"
    if isinstance(value, int | float):
        return "kind_number"
    if isinstance(value, list):
        return "kind_list"
    if isinstance(value, dict):
        return "kind_group"
    return "kind_other"


def _braced(names) -> str:
    return ", ".join("{" + name + "}" for name in names)


def _suggest(name: str, missing: list[str], known: list[str]) -> tuple[str | None, bool]:
    """The closest known name, preferring one that is missing; and whether it is missing."""
    for candidates, is_missing in ((missing, True), (known, False)):
        close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
        if close:
            return close[0], is_missing
    return None, False


def _check_text(value: str, expected: list[str], where: dict) -> list[_Finding]:
    findings = []
    try:
        found = placeholders(value)
    except ValueError as exc:  # "Single '}' encountered …", "expected '}' before end of string"
        brace = "}" if "Single '}'" in str(exc) else "{"
        return [_Finding("stray_brace", {"brace": brace}, **where)]
    for name in found:
        if name not in expected:
            message = "unknown_placeholder" if expected else "unknown_placeholder_none"
            findings.append(
                _Finding(message, {"placeholder": "{" + name + "}", "known": _braced(expected)}, **where)
            )
    for name in expected:
        if name not in found:
            findings.append(
                _Finding("missing_placeholder", {"placeholder": "{" + name + "}"}, hint=True, **where)
            )
    return findings


def _findings(data: object, lines: LineMap, contract: dict[str, dict[str, list[str]]]) -> list[_Finding]:
    if not isinstance(data, dict):
        return [_Finding("not_groups", {}, 1)]
    findings: list[_Finding] = []
    missing_groups = [g for g in contract if g not in data]
    for group, entries in data.items():
        line = lines.get((group,))
        if group not in contract:
            name, is_missing = _suggest(str(group), missing_groups, list(contract))
            message = (
                "unknown_group_missing" if is_missing else "unknown_group" if name else "unknown_group_plain"
            )
            findings.append(_Finding(message, {"suggestion": name}, line, str(group)))
            if is_missing and name:
                missing_groups.remove(name)
            continue
        if not isinstance(entries, dict):
            findings.append(_Finding("group_not_mapping", {}, line, group))
            continue
        expected = contract[group]
        missing = [k for k in expected if k not in entries]
        for key, value in entries.items():
            where = {"line": lines.get((group, key), line), "group": group, "key": str(key)}
            if key not in expected:
                name, is_missing = _suggest(str(key), missing, list(expected))
                message = (
                    "unknown_key_missing" if is_missing else "unknown_key" if name else "unknown_key_plain"
                )
                findings.append(_Finding(message, {"suggestion": name}, **where))
                if is_missing and name:
                    missing.remove(name)
            elif not isinstance(value, str):
                findings.append(_Finding("not_text", {"kind": _kind(value)}, **where))
            else:
                findings.extend(_check_text(value, expected[key], where))
        for key in missing:
            findings.append(_Finding("missing_key", {"key": key}, line, group, key))
    for group in missing_groups:
        findings.append(_Finding("missing_group", {"count": len(contract[group])}, None, group))
    return findings


def check_ui_text(path: Path = TEXT_FILE, contract_path: Path = CONTRACT_FILE) -> TextCheck:
    """Compare ``path`` with the contract; every finding located and in German."""
    contract = load_contract(contract_path)
    data: object = None
    try:
        data, lines = load_with_lines(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        findings = [_Finding("yaml_syntax", {"problem": problem}, mark.line + 1 if mark else None)]
    except (OSError, UnicodeDecodeError) as exc:
        findings = [_Finding("unreadable", {"detail": exc})]
    else:
        findings = _findings(data, lines, contract["placeholders"])
    # The check's own messages come from the edited file when that group is sound, else from the
    # contract's copy (a file with a syntax error has none to offer).
    own = data.get(CHECK_GROUP) if isinstance(data, dict) else None
    sound = isinstance(own, dict) and not any(f.group == CHECK_GROUP and not f.hint for f in findings)
    messages = dict(own) if sound and isinstance(own, dict) else dict(contract["messages"])
    result = TextCheck(path, messages=messages)
    for finding in findings:
        values = {k: messages.get(v, v) if k == "kind" else v for k, v in finding.values.items()}
        error = TextError(
            path,
            fill(messages[finding.message], **values),
            finding.line,
            group=finding.group,
            key=finding.key,
        )
        (result.hints if finding.hint else result.errors).append(error)
    return result


def _write_contract() -> int:
    """Write the contract from the shipped file; refuse a file that is not groups of strings."""
    data, _ = load_with_lines(TEXT_FILE)  # a syntax error here is a developer's: PyYAML's message
    if not isinstance(data, dict) or not all(
        isinstance(entries, dict) and all(isinstance(v, str) for v in entries.values())
        for entries in data.values()
    ):
        print(
            f"{_display_path(TEXT_FILE)}: not groups of strings; fix it first (kurs check).", file=sys.stderr
        )
        return 1
    CONTRACT_FILE.write_text(contract_text(data), encoding="utf-8")
    count = sum(len(entries) for entries in data.values())
    template = data[CHECK_GROUP]["contract_written"]
    print(fill(template, file=_display_path(CONTRACT_FILE), groups=len(data), count=count))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m exercises.core.texts", description="Prüft exercises/ui_text.yml gegen den Vertrag."
    )
    parser.add_argument(
        "--vertrag",
        action="store_true",
        help="den Vertrag (exercises/core/ui_text_contract.yml) aus dem ausgelieferten ui_text.yml "
        "neu schreiben",
    )
    args = parser.parse_args(argv)
    if args.vertrag:
        return _write_contract()
    result = check_ui_text()
    if result.hints:
        print(result.hints_report(), file=sys.stderr)
    if result.errors:
        print(ContentErrors(result.errors).report(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
