"""Readability of every chapter: words, Flesch-Amstad, Wiener Sachtextformel 1, longest sentences.

Measured on the prose only (exercises/site/prose.py: no front matter, code cells, directives'
option lines, Markdown syntax or URLs), with textstat 0.7.13 set to German:

- Flesch-Amstad (``textstat.flesch_reading_ease``): 0 to 100, higher is easier; 60 to 70 is
  "mittelschwer", above 70 "leicht";
- Wiener Sachtextformel 1 (``textstat.wiener_sachtextformel(text, 1)``): a school grade, 4 is
  very easy, 15 very hard; for a general audience aim for 8 or below.

    python3 benchmarks/readability.py            # every chapter of _toc.yml
    python3 benchmarks/readability.py book/alltag.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import textstat
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from exercises.site.prose import ABBREVIATIONS, count_words, prose, sentences  # noqa: E402

LONGEST = 5


def chapters() -> list[Path]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    return [REPO / f"{name}.md" for name in names]


def for_textstat(found: list[str]) -> str:
    """Sentences as textstat counts them: each ends with one stop, abbreviations have none."""
    out = []
    for sentence in found:
        for abbreviation in ABBREVIATIONS:
            sentence = sentence.replace(abbreviation, abbreviation.replace(".", "").replace(" ", ""))
        sentence = re.sub(r"(?<=\d)\.(?=\d)", "", sentence)  # 28.05.2022, 1.500
        sentence = re.sub(r"(?<=\d)\.(?=\s)", "", sentence)  # ordinals: 1. Januar
        sentence = re.sub(r"[:;]$", "", sentence.rstrip())
        out.append(sentence if re.search(r"[.!?…]$", sentence) else sentence + ".")
    return " ".join(out)


def measure(path: Path) -> dict:
    text = prose(path.read_text(encoding="utf-8"))
    found = sentences(text)
    plain = for_textstat(found)
    return {
        "words": count_words(text),
        "sentences": len(found),
        "flesch": textstat.flesch_reading_ease(plain),
        "wstf": textstat.wiener_sachtextformel(plain, 1),
        "longest": sorted(found, key=count_words, reverse=True)[:LONGEST],
    }


def main(argv: list[str]) -> None:
    textstat.set_lang("de")
    paths = [Path(arg).resolve() for arg in argv] or chapters()
    results = {path: measure(path) for path in paths}
    print(f"{'Kapitel':28s} {'Wörter':>7s} {'Sätze':>6s} {'Flesch-Amstad':>14s} {'WSTF 1':>7s}")
    for path, result in results.items():
        print(
            f"{path.relative_to(REPO).as_posix():28s} {result['words']:7d} {result['sentences']:6d} "
            f"{result['flesch']:14.1f} {result['wstf']:7.1f}"
        )
    words = sum(r["words"] for r in results.values())
    print(f"{'zusammen':28s} {words:7d}")
    for path, result in results.items():
        print(f"\n{path.relative_to(REPO).as_posix()}: die {LONGEST} längsten Sätze")
        for sentence in result["longest"]:
            print(f"  {count_words(sentence):3d} Wörter: {sentence}")


if __name__ == "__main__":
    main(sys.argv[1:])
