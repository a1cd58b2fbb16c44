"""Command line for instructors: ``kurs check`` and ``kurs export-moodle``.

Also runs as ``python -m exercises …``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content import load_all_content
from .errors import ContentErrors
from .schema import Bank


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kurs", description="Prüft und exportiert die Fragenkataloge und Übungen des Kurses.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="alle Fragenkataloge und Übungsdaten prüfen")
    export = commands.add_parser("export-moodle", help="Fragen als Moodle-XML exportieren")
    export.add_argument("ziel", type=Path, help="Zieldatei, z. B. fragen-moodle.xml")
    args = parser.parse_args(argv)
    try:
        content = load_all_content()
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    banks = {k: v for k, v in content["banks"].items() if isinstance(v, Bank)}
    if args.command == "check":
        count = sum(len(b.questions) for b in banks.values())
        print(f"Alles in Ordnung: {len(banks)} Fragenkataloge mit {count} Fragen, "
              f"{len(content['scenarios'])} Übungen.")
        return 0
    from .moodle import banks_to_moodle

    args.ziel.write_text(banks_to_moodle(banks), encoding="utf-8")
    print(f"{sum(len(b.questions) for b in banks.values())} Fragen nach {args.ziel} exportiert.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
