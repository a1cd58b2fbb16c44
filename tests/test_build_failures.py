"""An instructor's mistakes fail the build with a message naming the file, never a traceback."""

from __future__ import annotations

import shutil
import textwrap

import pytest
from conftest import REPO, build_book

HEADER = textwrap.dedent("""\
    ---
    jupytext:
      text_representation:
        extension: .md
        format_name: myst
        format_version: 0.13
    kernelspec:
      display_name: Python 3
      language: python
      name: python3
    ---
    """)


@pytest.fixture
def tiny_book(tmp_path):
    """A one-chapter course with the real configuration and the real exercises package."""
    shutil.copy2(REPO / "_config.yml", tmp_path / "_config.yml")
    shutil.copytree(REPO / "exercises", tmp_path / "exercises",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "book").mkdir()
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/index\n", encoding="utf-8")
    (tmp_path / "book" / "index.md").write_text(HEADER + "# Start\n\nText.\n", encoding="utf-8")
    return tmp_path


def assert_clean_failure(result, *expected):
    assert result.returncode != 0
    assert "Traceback" not in result.log, result.log[-2000:]
    for text in expected:
        assert text in result.log, f"„{text}“ fehlt in der Meldung:\n{result.log[-3000:]}"


def test_broken_bank_stops_the_build_naming_file_question_and_field(tiny_book):
    bank = tiny_book / "exercises" / "banks" / "profil.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("type: single", "type: einzel", 1),
                    encoding="utf-8")
    assert_clean_failure(build_book(tiny_book), "exercises/banks/profil.yml, Zeile",
                         "Unbekannter Fragetyp „einzel“", "Feld „type“",
                         "Der Kurs wurde nicht gebaut")


def test_missing_chapter_file_in_toc(tiny_book):
    (tiny_book / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nchapters:\n  - file: book/gibt-es-nicht\n",
        encoding="utf-8")
    assert_clean_failure(build_book(tiny_book), "book/gibt-es-nicht")


def test_broken_cross_reference(tiny_book):
    (tiny_book / "book" / "index.md").write_text(
        HEADER + "# Start\n\nSiehe [Kapitel](fehlt.md).\n", encoding="utf-8")
    assert_clean_failure(build_book(tiny_book), "index.md", "fehlt.md")


def test_cell_that_raises(tiny_book):
    (tiny_book / "book" / "index.md").write_text(
        HEADER + "# Start\n\n```{code-cell} ipython3\nraise ValueError('kaputt')\n```\n",
        encoding="utf-8")
    assert_clean_failure(build_book(tiny_book), "index")

