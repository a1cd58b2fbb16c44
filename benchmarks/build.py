"""Build-time benchmark: cold build, no-change rebuild, one-chapter-edit rebuild (median of 3).

Usage: python3 benchmarks/build.py [--runs 3]
Prints the figures and whether the no-change rebuild stays under 20 % of the cold build.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conftest import build_book, copy_sources  # noqa: E402


def timed(source: Path) -> float:
    start = time.perf_counter()
    result = build_book(source)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"Bau fehlgeschlagen:\n{result.log[-3000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    cold, unchanged, edited = [], [], []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            source = copy_sources(Path(folder))
            cold.append(timed(source))
            unchanged.append(timed(source))
            chapter = source / "book" / "profil.md"
            chapter.write_text(chapter.read_text(encoding="utf-8") + f"\nLauf {run}.\n",
                               encoding="utf-8")
            edited.append(timed(source))
    figures = {"kalter Bau": cold, "Neubau ohne Änderung": unchanged,
               "Neubau nach Änderung eines Kapitels": edited}
    for name, values in figures.items():
        print(f"{name:38s} Median {statistics.median(values):6.1f} s   "
              f"({', '.join(f'{v:.1f}' for v in values)})")
    share = statistics.median(unchanged) / statistics.median(cold)
    print(f"Neubau ohne Änderung / kalter Bau: {share:.0%} (Ziel: unter 20 %) -> "
          f"{'erfüllt' if share < 0.2 else 'NICHT erfüllt'}")


if __name__ == "__main__":
    main()
