"""Command line for instructors: ``kurs check`` and the exports for learning platforms.

``kurs export-moodle``, ``kurs export-gift`` and ``kurs export-ilias`` write the chapter
question banks after the same content checks as the build; ``kurs export-scorm`` builds the
whole course and packs it for learning platforms (``scorm.py``). Also runs as
``python -m exercises …``.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

from exercises.core.errors import ContentErrors, os_error_reason
from exercises.core.paths import BANKS_DIR
from exercises.core.texts import check_ui_text, t
from exercises.instructors.bank_lint import lint_banks, report
from exercises.instructors.content import load_all_content
from exercises.quizzes.banks import chapter_errors
from exercises.quizzes.schema import Bank


def file_size(size: int) -> str:
    """A file size in German notation: 812 Bytes, 36,1 KB, 1,2 MB."""
    if size < 1000:
        return f"{size} Bytes"
    value, unit = (size / 1000, "KB") if size < 1_000_000 else (size / 1_000_000, "MB")
    return f"{value:.1f} {unit}".replace(".", ",")


class _GermanFormatter(argparse.HelpFormatter):
    """argparse's help layout with the German "Aufruf:" before the usage line."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, t("cli", "usage") if prefix is None else prefix)


# argparse's English error texts (Python 3.11 to 3.13) → what the German message needs.
_REQUIRED = re.compile(r"the following arguments are required: (.+)")
_CHOICE = re.compile(r"argument (\S+): invalid choice: '(.*?)' \(choose from (.*)\)")
_UNRECOGNIZED = re.compile(r"unrecognized arguments: (.+)")
_NO_VALUE = re.compile(r"argument (\S+?)(?:/\S+)?: expected one argument")
_AMBIGUOUS = re.compile(r"ambiguous option: (\S+) could match (.+)")


class _GermanParser(argparse.ArgumentParser):
    """argparse for this command line only: German section titles, help option and errors."""

    def __init__(self, **kwargs):
        kwargs.setdefault("formatter_class", _GermanFormatter)
        kwargs["add_help"] = False
        super().__init__(**kwargs)
        self._positionals.title = t("cli", "positionals")
        self._optionals.title = t("cli", "options")
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli", "help_option")
        )

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, t("cli", "error", prog=self.prog, message=self._german(message)))

    def _commands(self) -> list[str]:
        return [
            name
            for action in self._actions
            if isinstance(action, argparse._SubParsersAction)
            for name in action.choices
        ]

    def _german(self, message: str) -> str:
        if match := _REQUIRED.fullmatch(message):
            names = match.group(1).split(", ")
            if names == ["BEFEHL"]:
                return t("cli", "missing_command", commands=", ".join(self._commands()))
            if len(names) > 1:
                return t("cli", "missing_arguments", names=", ".join(f"„{n}“" for n in names))
            helps = [a.help for a in self._actions if names[0] in (a.dest, a.metavar) and a.help]
            return t("cli", "missing_argument", name=names[0], help=helps[0] if helps else names[0])
        if match := _CHOICE.fullmatch(message):
            commands = self._commands() or [c.strip(" '") for c in match.group(3).split(",")]
            text = t("cli", "unknown_command", value=match.group(2), commands=", ".join(commands))
            close = difflib.get_close_matches(match.group(2), commands, n=1)
            return text + (t("content_check", "did_you_mean", name=close[0]) if close else "")
        if match := _UNRECOGNIZED.fullmatch(message):
            return t("cli", "unknown_arguments", arguments=match.group(1))
        if match := _NO_VALUE.fullmatch(message):
            return t("cli", "value_missing", option=match.group(1))
        if match := _AMBIGUOUS.fullmatch(message):
            return t("cli", "ambiguous_option", option=match.group(1), matches=match.group(2))
        return t("cli", "bad_call", problem=message)


def _parser() -> argparse.ArgumentParser:
    parser = _GermanParser(prog="kurs", description=t("cli", "description"))
    commands = parser.add_subparsers(
        title=t("cli", "commands"), dest="command", required=True, metavar="BEFEHL"
    )

    def command(name: str) -> argparse.ArgumentParser:
        key = name.replace("-", "_")
        return commands.add_parser(name, help=t("cli", key), description=t("cli", f"{key}_description"))

    check = command("check")
    check.add_argument("--kataloge", type=Path, metavar="ORDNER", help=t("cli", "check_folder"))
    moodle = command("export-moodle")
    moodle.add_argument("ziel", type=Path, help=t("cli", "export_moodle_target"))
    moodle.add_argument(
        "--ohne-ordering", action="store_true", help=t("cli", "export_moodle_without_ordering")
    )
    gift = command("export-gift")
    gift.add_argument("ziel", type=Path, help=t("cli", "export_gift_target"))
    ilias = command("export-ilias")
    ilias.add_argument("ziel", type=Path, help=t("cli", "export_ilias_target"))
    scorm = command("export-scorm")
    scorm.add_argument("ziel", type=Path, help=t("cli", "export_scorm_target"))
    scorm.add_argument("--website", type=Path, metavar="ORDNER", help=t("cli", "export_scorm_website"))
    scorm.add_argument("--ohne-lite", action="store_true", help=t("cli", "export_scorm_without_lite"))
    return parser


def _cannot_write(target: Path, exc: OSError) -> str:
    return t("cli", "cannot_write", target=target, reason=os_error_reason(exc, target, writing=True))


def _count(key: str, count: int) -> str:
    """The count with its noun: "1 Frage", "72 Fragen"."""
    return t("cli", f"{key}_one") if count == 1 else t("cli", f"{key}_other", count=count)


def _export_scorm(args) -> int:
    """Build the site (or take the given one), package it, write it, say what was written."""
    from exercises.instructors.scorm import ExportError, build_site, check_course, package
    from exercises.instructors.scorm_state import LIMIT

    course = Path.cwd()
    try:
        if args.ziel.suffix.lower() != ".zip":
            raise ExportError(t("scorm_export", "not_zip", name=args.ziel.name))
        check_course(course)
        html_dir = args.website if args.website else build_site(course)
        result = package(html_dir, course, lite=not args.ohne_lite)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        args.ziel.write_bytes(result.data)
    except OSError as exc:
        print(_cannot_write(args.ziel, exc), file=sys.stderr)
        return 1
    largest = max(result.chapters, key=lambda c: c.largest)
    print(
        t(
            "scorm_export",
            "written",
            chapters=len(result.chapters),
            finals=sum(1 for c in result.chapters if c.final),
            questions=result.questions,
            size=file_size(len(result.data)),
            target=args.ziel,
        )
    )
    print(
        t(
            "scorm_export",
            "largest",
            size=f"{largest.largest:,}".replace(",", "."),
            limit=f"{LIMIT:,}".replace(",", "."),
            title=largest.title,
        )
    )
    return 0


def _export(args, banks: dict) -> tuple[str, bytes]:
    """(label, file content) of the requested export."""
    if args.command == "export-moodle":
        from exercises.instructors.moodle import banks_to_moodle

        return "Moodle-XML", banks_to_moodle(banks, ordering=not args.ohne_ordering).encode("utf-8")
    if args.command == "export-gift":
        from exercises.instructors.gift import banks_to_gift

        return "GIFT", banks_to_gift(banks).encode("utf-8")
    from exercises.instructors.ilias import banks_to_ilias

    return "ILIAS", banks_to_ilias(banks, args.ziel)


def main(argv: list[str] | None = None) -> int:
    ui_text = check_ui_text()  # first: the help texts, every command and the other checks read it
    if ui_text.errors:
        print(ContentErrors(ui_text.errors).report(), file=sys.stderr)
        return 1
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "export-ilias":
        from exercises.instructors.ilias import PoolNameError, pool_names

        try:
            pool_names(args.ziel)
        except PoolNameError as exc:
            parser.exit(2, f"{parser.prog} {args.command}: {exc}\n")
    banks_dir = getattr(args, "kataloge", None) or BANKS_DIR
    # The course's banks must name chapters of the course run here (not an instructor's own banks).
    errors = [] if getattr(args, "kataloge", None) else chapter_errors(banks_dir, Path.cwd() / "_toc.yml")
    try:
        content = load_all_content(banks_dir)
    except ContentErrors as exc:
        errors = exc.errors + errors
    if errors:
        print(ContentErrors(errors).report(), file=sys.stderr)
        return 1
    banks = {k: v for k, v in content["banks"].items() if isinstance(v, Bank)}
    count = sum(len(b.questions) for b in banks.values())
    if args.command == "export-scorm":
        return _export_scorm(args)
    if args.command == "check":
        print(
            t(
                "cli",
                "all_good",
                banks=_count("banks", len(banks)),
                questions=_count("questions", count),
                exercises=_count("exercises", len(content["scenarios"])),
            )
        )
        hints = lint_banks(banks_dir)  # patterns, not errors: the status stays 0
        if hints:
            print(report(hints), file=sys.stderr)
        if ui_text.hints:  # a placeholder left out: maybe intended, the status stays 0
            print(ui_text.hints_report(), file=sys.stderr)
        return 0
    label, data = _export(args, banks)
    try:
        args.ziel.write_bytes(data)
    except OSError as exc:
        print(_cannot_write(args.ziel, exc), file=sys.stderr)
        return 1
    note = t("cli", "ordering_note") if getattr(args, "ohne_ordering", False) else ""
    print(
        t(
            "cli",
            "written",
            label=label,
            chapters=len(banks),
            questions=_count("questions", count),
            size=file_size(len(data)),
            target=args.ziel,
            note=note,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
