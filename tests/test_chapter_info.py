"""Bearbeitungszeit and Stand, computed at build time: the prose counted, and a small test book built
with the plain ``jupyter-book build .`` (its own banks and scenario, not the course's)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build_book
from pages import NOTEBOOK_HEADER as HEADER

from exercises.site.prose import count_words, prose, sentences
from exercises.site.reading_time import Estimate, estimate

TEN = "Ein Satz mit genau zehn Wörtern steht hier als Beispiel."


def sentences_of(words: int) -> str:
    assert words % 10 == 0
    return "\n".join([TEN] * (words // 10)) + "\n"


def noise(words: int) -> str:
    return " ".join(["Lärm"] * words)


# A chapter with 1000 words of prose and, around it, everything that is not prose.
CHAPTER_A = (
    HEADER
    + "\n(kapitel-a)=\n# Kapitel A\n\n"  # 2 words
    + ":::{admonition} Lernziele\n:class: lernziele\n"  # 1 word (the title)
    + sentences_of(10)
    + ":::\n\n:::{bearbeitungszeit}\n:::\n\n"
    + f"```text\n{noise(500)}\n```\n\n"
    + f":::{{figure}} bilder/plan.svg\n:alt: {noise(300)}\n:name: fig-plan\n\n{TEN}\n:::\n\n"
    + "% Ein Kommentar, den niemand liest\n"
    + "Mehr unter <https://example.org/lang/und/breit> oder https://example.org/x und "
    + "[beim Amt](https://example.org/amt) mit {term}`Followern <Follower>` und `kurs check`.\n"  # 9
    + "\n| Spalte | Wert |\n| --- | --- |\n| **fett** | *kursiv* |\n\n"  # 2 + 2
    + "- ein Punkt in einer Liste\n1. noch einer\n\n"  # 5 + 2
    + sentences_of(960)
    + "\n```{code-cell} ipython3\n:tags: [remove-input]\n"
    + 'from exercises import exercise, quiz\nquiz("kapitel-a")\nexercise("uebung")\n```\n'
)
CHAPTER_A_WORDS = 2 + 1 + 10 + 10 + 9 + 4 + 7 + 960


def test_prose_drops_front_matter_code_options_syntax_and_urls():
    text = prose(CHAPTER_A)
    assert count_words(text) == CHAPTER_A_WORDS == 1003
    assert "Lärm" not in text and "jupytext" not in text and "http" not in text and "kurs check" not in text
    assert "Mehr unter oder und beim Amt mit Followern und ." in text
    assert "Spalte Wert" in text and "fett kursiv" in text and "**" not in text
    assert "Lernziele" in text and "bilder/plan.svg" not in text and "(kapitel-a)=" not in text


def test_sentences_keep_abbreviations_and_split_at_full_stops():
    found = sentences(
        "Das gilt z. B. für Art. 6 Abs. 1 DSGVO. Am 1. Januar 2027 beginnt es. Fertig!\nÜberschrift"
    )
    assert found == [
        "Das gilt z. B. für Art. 6 Abs. 1 DSGVO.",
        "Am 1. Januar 2027 beginnt es.",
        "Fertig!",
        "Überschrift",
    ]


def test_estimate_counts_prose_questions_and_the_exercise(tmp_path):
    banks, scenarios = tmp_path / "banks", tmp_path / "scenarios"
    _write_content(tmp_path)
    found = estimate(CHAPTER_A, banks, scenarios)
    assert (found.words, found.questions, found.exercise_minutes) == (1003, 3, 7)
    assert found.exact_minutes == pytest.approx(1003 / 200 + 3 + 7)
    assert found.minutes == 15
    assert found.sources == (banks / "kapitel-a.yml", scenarios / "uebung.yml")


@pytest.mark.parametrize(
    ("words", "questions", "exercise", "minutes"),
    [
        (0, 0, 0, 5),
        (200, 0, 0, 5),
        (1400, 5, 0, 10),
        (1500, 5, 0, 15),
        (2000, 12, 10, 30),
        (9000, 60, 0, 105),
    ],
)
def test_times_are_rounded_to_five_minutes(words, questions, exercise, minutes):
    assert Estimate(words, questions, exercise, ()).minutes == minutes


# --- a small book, built like the course ---------------------------------------------------------


def _write_content(root: Path, extra_questions: int = 0) -> None:
    (root / "banks").mkdir(parents=True, exist_ok=True)
    (root / "scenarios").mkdir(parents=True, exist_ok=True)
    questions = "".join(f"  - id: frage-{n}\n" for n in range(3 + extra_questions))
    (root / "banks" / "kapitel-a.yml").write_text(f"title: A\nquestions:\n{questions}", encoding="utf-8")
    (root / "banks" / "abschluss.yml").write_text(
        "title: Test\nfinal: true\ndraw:\n  - {bank: kapitel-a, count: 2}\n  - {bank: b, count: 3}\n",
        encoding="utf-8",
    )
    (root / "scenarios" / "uebung.yml").write_text("title: Übung\nestimated_minutes: 7\n", encoding="utf-8")


CONFIG = """\
title: "Testbuch"
only_build_toc_files: true
execute:
  execute_notebooks: "off"
parse:
  myst_enable_extensions: [colon_fence, substitution]
sphinx:
  extra_extensions: [exercises.site.chapter_info]
  config:
    language: de
    kurs_stand: "{stand}"
    kurs_banks_dir: "inhalte/banks"
    kurs_scenarios_dir: "inhalte/scenarios"
"""
TOC = """\
format: jb-book
root: index
parts:
  - caption: Kurs
    chapters:
      - file: kapitel-a
      - file: kapitel-b
  - caption: Nachschlagen
    chapters:
      - file: anhang
"""


def _index() -> str:
    return (
        "# Start\n\n:::{bearbeitungszeit}\n:summe: Kurs\n:::\n\n"
        "Kapitel A braucht {bearbeitungszeit}`kapitel-a`, alles zusammen {bearbeitungszeit}`Kurs`.\n"
        "Geprüft im {{ kurs_stand }}.\n\n" + sentences_of(180)
    )


def _chapter_b(words: int) -> str:
    # 1400 words (and 2 in the title) and the final test's 5 questions: 12 minutes, shown as 10.
    return (
        HEADER
        + "# Kapitel B\n\n:::{bearbeitungszeit}\n:::\n\n"
        + sentences_of(words)
        + '\n```{code-cell} ipython3\nfrom exercises import quiz\nquiz("abschluss")\n```\n'
    )


@pytest.fixture(scope="module")
def small_book(tmp_path_factory):
    root = tmp_path_factory.mktemp("zeitbuch")
    (root / "_config.yml").write_text(CONFIG.format(stand="Dezember 2026"), encoding="utf-8")
    (root / "_toc.yml").write_text(TOC, encoding="utf-8")
    (root / "index.md").write_text(_index(), encoding="utf-8")
    (root / "kapitel-a.md").write_text(
        CHAPTER_A.replace("{term}`Followern <Follower>`", "Followern"), "utf-8"
    )
    (root / "kapitel-b.md").write_text(_chapter_b(1400), encoding="utf-8")
    (root / "anhang.md").write_text("# Anhang\n\n:::{bearbeitungszeit}\n:::\n\n" + sentences_of(20), "utf-8")
    _write_content(root / "inhalte")
    return root


def _build(root: Path):
    result = build_book(root)
    assert result.returncode == 0, result.log[-4000:]
    return result.html


def _head(html: Path, docname: str) -> tuple[str, str]:
    text = (html / f"{docname}.html").read_text(encoding="utf-8")
    box = re.search(r'<div class="kurs-kapitelinfo[^"]*">(.*?)</div>', text, re.S)
    assert box, docname
    parts = [
        " ".join(re.sub(r"<[^>]+>", " ", p).split())
        for p in re.findall(r"<p[^>]*>(.*?)</p>", box.group(1), re.S)
    ]
    return parts[0], parts[1]


def _text(html: Path, docname: str) -> str:
    """The page's text, tags taken out (no space before punctuation)."""
    text = " ".join(re.sub(r"<[^>]+>", " ", (html / f"{docname}.html").read_text(encoding="utf-8")).split())
    return re.sub(r" ([,.;:])", r"\1", text)


def test_every_chapter_shows_its_computed_time_and_the_one_stand(small_book):
    html = _build(small_book)
    assert _head(html, "kapitel-a") == ("Bearbeitungszeit: etwa 15 Minuten", "Stand: Dezember 2026")
    assert _head(html, "kapitel-b") == ("Bearbeitungszeit: etwa 10 Minuten", "Stand: Dezember 2026")
    assert _head(html, "anhang") == ("Bearbeitungszeit: etwa 5 Minuten", "Stand: Dezember 2026")
    # The start page: its own 5 minutes, and the part "Kurs" (start page, A, B) added up; not the appendix.
    assert _head(html, "index") == (
        "Bearbeitungszeit: etwa 5 Minuten für diese Seite, etwa 30 Minuten für den ganzen Kurs",
        "Stand: Dezember 2026",
    )
    index = _text(html, "index")
    assert "Kapitel A braucht etwa 15 Minuten, alles zusammen etwa 30 Minuten." in index
    assert "Geprüft im Dezember 2026." in index


def test_changing_the_one_stand_changes_every_page(small_book):
    (small_book / "_config.yml").write_text(CONFIG.format(stand="März 2027"), encoding="utf-8")
    html = _build(small_book)
    for docname in ("index", "kapitel-a", "kapitel-b", "anhang"):
        assert _head(html, docname)[1] == "Stand: März 2027"
        assert "Dezember 2026" not in _text(html, docname)
    assert "Geprüft im März 2027." in _text(html, "index")


def test_an_edit_of_a_chapter_or_its_bank_reaches_its_time_and_the_sum(small_book):
    _build(small_book)
    (small_book / "kapitel-b.md").write_text(_chapter_b(2400), encoding="utf-8")  # 17 minutes: 15
    _write_content(small_book / "inhalte", extra_questions=5)  # A: 5 + 8 + 7 = 20 minutes
    html = _build(small_book)
    assert _head(html, "kapitel-a")[0] == "Bearbeitungszeit: etwa 20 Minuten"
    assert _head(html, "kapitel-b")[0] == "Bearbeitungszeit: etwa 15 Minuten"
    assert _head(html, "index")[0].endswith("etwa 40 Minuten für den ganzen Kurs")


def test_a_missing_stand_or_part_is_reported_in_german(tmp_path):
    # The course's own extension makes every such warning fail its build (strict.py).
    (tmp_path / "_config.yml").write_text(CONFIG.format(stand=""), encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "# Start\n\n:::{bearbeitungszeit}\n:summe: Kurs\n:::\n", encoding="utf-8"
    )
    result = build_book(tmp_path)
    assert "In _config.yml fehlt der Stand des Kurses" in result.log
    assert "„:summe: Kurs“: Einen Teil „Kurs“ gibt es in _toc.yml nicht." in result.log


# --- the course itself ----------------------------------------------------------------------------


def _minutes(text: str) -> int:
    hours = re.search(r"(\d+) Stunden?", text)
    minutes = re.search(r"(\d+) Minuten", text)
    return (int(hours.group(1)) * 60 if hours else 0) + (int(minutes.group(1)) if minutes else 0)


def test_every_course_chapter_shows_time_and_stand_and_the_start_page_adds_them_up(built):
    import yaml
    from pages import CHAPTERS, REPO

    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    stand = config["sphinx"]["config"]["kurs_stand"]
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    course = [c["file"] for part in toc["parts"] if part["caption"] == "Kurs" for c in part["chapters"]]
    times = {}
    for docname in CHAPTERS:
        time, shown = _head(built.html, docname)
        assert shown == f"Stand: {stand}", docname
        assert re.fullmatch(r"Bearbeitungszeit: etwa \d+ Minuten.*", time), (docname, time)
        times[docname] = _minutes(time.split(" für ")[0])
        assert times[docname] >= 5 and times[docname] % 5 == 0
    total = _head(built.html, "book/index")[0].split(" für diese Seite, ")[1]
    assert _minutes(total) == times["book/index"] + sum(times[name] for name in course)
    index = _text(built.html, "book/index")
    assert f"Zusammen brauchen Sie {total.removesuffix(' für den ganzen Kurs')};" in index
