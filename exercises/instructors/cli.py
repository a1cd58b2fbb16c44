"""Command line for instructors: ``kurs check`` and the exports for learning platforms.

``kurs export-moodle``, ``kurs export-gift`` and ``kurs export-ilias`` write the chapter
question banks after the same content checks as the build; ``kurs export-scorm`` builds the
whole course and packs it for learning platforms (``scorm.py``). Also runs as
``python -m exercises …``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exercises.core.errors import ContentErrors
from exercises.core.paths import BANKS_DIR
from exercises.core.texts import t
from exercises.instructors.bank_lint import lint_banks, report
from exercises.instructors.content import load_all_content
from exercises.quizzes.schema import Bank


def file_size(size: int) -> str:
    """A file size in German notation: 812 Bytes, 36,1 KB, 1,2 MB."""
    if size < 1000:
        return f"{size} Bytes"
    value, unit = (size / 1000, "KB") if size < 1_000_000 else (size / 1_000_000, "MB")
    return f"{value:.1f} {unit}".replace(".", ",")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kurs", description="Prüft und exportiert die Fragenkataloge und Übungen des Kurses."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL")
    check = commands.add_parser(
        "check",
        help="alle Fragenkataloge und Übungsdaten prüfen; Muster, die Fragen erratbar machen, als Hinweise",
    )
    check.add_argument(
        "--kataloge",
        type=Path,
        metavar="ORDNER",
        help="die Fragenkataloge dieses Ordners prüfen (z. B. Ihre eigenen) statt exercises/banks/",
    )
    moodle = commands.add_parser("export-moodle", help="Fragen als Moodle-XML exportieren")
    moodle.add_argument("ziel", type=Path, help="Zieldatei, z. B. fragen-moodle.xml")
    moodle.add_argument(
        "--ohne-ordering",
        action="store_true",
        help="Reihenfolge-Fragen als Zuordnungsfragen (Platz 1, Platz 2, …) exportieren, "
        "für Moodle vor Version 4.4 ohne den Fragetyp „Anordnung“",
    )
    gift = commands.add_parser(
        "export-gift", help="Fragen im GIFT-Format (Textformat von Moodle) exportieren"
    )
    gift.add_argument("ziel", type=Path, help="Zieldatei, z. B. fragen.txt")
    ilias = commands.add_parser("export-ilias", help="Fragen als ILIAS-Fragenpool (ZIP) exportieren")
    ilias.add_argument(
        "ziel", type=Path, help="Zieldatei; der Name muss „qpl“ enthalten, z. B. social-media_qpl.zip"
    )
    scorm = commands.add_parser(
        "export-scorm", help="den ganzen Kurs als SCORM-1.2-Paket (ZIP) für Moodle und ILIAS exportieren"
    )
    scorm.add_argument("ziel", type=Path, help="Zieldatei, z. B. social-media-kurs-scorm.zip")
    scorm.add_argument(
        "--website",
        type=Path,
        metavar="ORDNER",
        help="eine schon gebaute Website packen (z. B. _build/html), statt den Kurs neu zu bauen; "
        "nur, wenn dieser Ordner sicher zum aktuellen Stand gehört",
    )
    return parser


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
        result = package(html_dir, course)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        args.ziel.write_bytes(result.data)
    except OSError as exc:
        print(f"{args.ziel} kann nicht geschrieben werden: {exc.strerror or exc}.", file=sys.stderr)
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
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "export-ilias":
        from exercises.instructors.ilias import PoolNameError, pool_names

        try:
            pool_names(args.ziel)
        except PoolNameError as exc:
            parser.exit(2, f"{parser.prog} {args.command}: {exc}\n")
    banks_dir = getattr(args, "kataloge", None) or BANKS_DIR
    try:
        content = load_all_content(banks_dir)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    banks = {k: v for k, v in content["banks"].items() if isinstance(v, Bank)}
    count = sum(len(b.questions) for b in banks.values())
    if args.command == "export-scorm":
        return _export_scorm(args)
    if args.command == "check":
        print(
            f"Alles in Ordnung: {len(banks)} Fragenkataloge mit {count} Fragen, "
            f"{len(content['scenarios'])} Übungen."
        )
        hints = lint_banks(banks_dir)  # patterns, not errors: the status stays 0
        if hints:
            print(report(hints), file=sys.stderr)
        return 0
    label, data = _export(args, banks)
    try:
        args.ziel.write_bytes(data)
    except OSError as exc:
        print(f"{args.ziel} kann nicht geschrieben werden: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    note = " (Reihenfolge-Fragen als Zuordnung)" if getattr(args, "ohne_ordering", False) else ""
    print(
        f"{label}: {len(banks)} Kapitel, {count} Fragen, {file_size(len(data))} nach {args.ziel} "
        f"geschrieben{note}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
