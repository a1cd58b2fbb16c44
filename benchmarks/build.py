"""Build-time benchmark: cold build, no-change rebuild, rebuild after a chapter edit and after a
bank edit (median of 3), and which chapters each rebuild executed again.

Usage: python3 benchmarks/build.py [--runs 3]
Prints the figures and whether the no-change rebuild stays under 20 % of the cold build.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conftest import build_book, copy_sources  # noqa: E402

EXECUTED = re.compile(r"book/([\w-]+)\.md: Executing notebook")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
executed: dict[str, set[str]] = {}


def timed(source: Path, name: str = "") -> float:
    start = time.perf_counter()
    result = build_book(source)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"Bau fehlgeschlagen:\n{result.log[-3000:]}")
    executed[name] = set(EXECUTED.findall(ANSI.sub("", result.log)))
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    figures: dict[str, list[float]] = {
        "kalter Bau": [],
        "Neubau ohne Änderung": [],
        "Neubau nach Änderung eines Kapitels": [],
        "Neubau nach Änderung eines Fragenkatalogs": [],
    }
    names = list(figures)
    for run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            source = copy_sources(Path(folder))
            figures[names[0]].append(timed(source, names[0]))
            figures[names[1]].append(timed(source, names[1]))
            chapter = source / "book" / "profil.md"
            chapter.write_text(chapter.read_text(encoding="utf-8") + f"\nLauf {run}.\n", encoding="utf-8")
            figures[names[2]].append(timed(source, names[2]))
            bank = source / "exercises" / "banks" / "netzwerke.yml"
            bank.write_text(bank.read_text(encoding="utf-8") + f"\n# Lauf {run}\n", encoding="utf-8")
            figures[names[3]].append(timed(source, names[3]))
    for name, values in figures.items():
        print(
            f"{name:42s} Median {statistics.median(values):6.1f} s   "
            f"({', '.join(f'{v:.1f}' for v in values)})   "
            f"neu ausgeführt: {', '.join(sorted(executed[name])) or 'nichts'}"
        )
    cold, unchanged = figures[names[0]], figures[names[1]]
    share = statistics.median(unchanged) / statistics.median(cold)
    print(
        f"Neubau ohne Änderung / kalter Bau: {share:.0%} (Ziel: unter 20 %) -> "
        f"{'erfüllt' if share < 0.2 else 'NICHT erfüllt'}"
    )


if __name__ == "__main__":
    main()
