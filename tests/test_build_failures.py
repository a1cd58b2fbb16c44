"""An instructor's mistakes fail the build with a message naming the file, never a traceback."""

from __future__ import annotations

import shutil

import pytest
from conftest import REPO, build_book
from pages import NOTEBOOK_HEADER as HEADER


@pytest.fixture
def tiny_book(tmp_path):
    """A one-chapter course with the real configuration and the real exercises package."""
    for name in ("_config.yml", "pyproject.toml", "setup.py"):
        shutil.copy2(REPO / name, tmp_path / name)
    shutil.copytree(REPO / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
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
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("type: single", "type: einzel", 1), encoding="utf-8"
    )
    assert_clean_failure(
        build_book(tiny_book),
        "exercises/banks/profil.yml, Zeile",
        "Unbekannter Fragetyp „einzel“",
        "Feld „type“",
        "Der Kurs wurde nicht gebaut",
    )


def test_broken_ui_text_stops_the_build_before_the_theme_reads_it(tiny_book):
    texts = tiny_book / "exercises" / "ui_text.yml"
    retry = '  retry: "Noch einmal versuchen"'
    shipped = texts.read_text(encoding="utf-8")
    line = shipped.splitlines().index(retry) + 1
    texts.write_text(shipped.replace(retry, retry[:-1]), encoding="utf-8")  # the closing quote is gone
    result = build_book(tiny_book)
    assert_clean_failure(
        result,
        f"exercises/ui_text.yml, Zeile {line + 1}: YAML-Syntaxfehler: ",
        "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der davor.",
        "1 Fehler in den Kursinhalten: Der Kurs wurde nicht gebaut.",
    )
    assert "install_theme_catalog" not in result.log and "ParserError" not in result.log


def test_missing_chapter_file_in_toc(tiny_book):
    (tiny_book / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nchapters:\n  - file: book/gibt-es-nicht\n", encoding="utf-8"
    )
    assert_clean_failure(build_book(tiny_book), "book/gibt-es-nicht", SUMMARY)


SUMMARY = "Der Kurs wurde NICHT fehlerfrei gebaut"


def test_misspelt_chapter_in_a_part_whose_time_the_start_page_sums(tiny_book):
    (tiny_book / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nparts:\n  - caption: Kurs\n    chapters:\n"
        "      - file: book/kapitel\n      - file: book/kapitell\n",
        encoding="utf-8",
    )
    (tiny_book / "book" / "index.md").write_text(
        HEADER
        + "# Start\n\n:::{bearbeitungszeit}\n:summe: Kurs\n:::\n\nZusammen {bearbeitungszeit}`Kurs`.\n",
        encoding="utf-8",
    )
    (tiny_book / "book" / "kapitel.md").write_text(HEADER + "# Kapitel\n\nText.\n", encoding="utf-8")
    assert_clean_failure(build_book(tiny_book), "book/kapitell", SUMMARY)


def test_broken_cross_reference_fails_the_plain_command_naming_the_file(tiny_book):
    (tiny_book / "book" / "index.md").write_text(
        HEADER + "# Start\n\nSiehe [Kapitel](fehlt.md).\n", encoding="utf-8"
    )
    assert_clean_failure(
        build_book(tiny_book), "index.md", "fehlt.md", SUMMARY, "Betroffene Dateien: book/index.md (1)"
    )


def test_broken_term_reference_fails_too(tiny_book):
    (tiny_book / "book" / "index.md").write_text(
        HEADER + "# Start\n\nEin {term}`Begriff, den es nicht gibt`.\n", encoding="utf-8"
    )
    assert_clean_failure(build_book(tiny_book), SUMMARY, "Betroffene Dateien: book/index.md")


def test_cell_that_raises(tiny_book):
    (tiny_book / "book" / "index.md").write_text(
        HEADER + "# Start\n\n```{code-cell} ipython3\nraise ValueError('kaputt')\n```\n", encoding="utf-8"
    )
    assert_clean_failure(build_book(tiny_book), "index", SUMMARY, "book/index.md")


def test_launch_button_appears_only_with_a_hub_address(tiny_book):
    (tiny_book / "book" / "index.md").write_text(
        HEADER + "# Start\n\n```{code-cell} ipython3\n1 + 1\n```\n", encoding="utf-8"
    )
    plain = build_book(tiny_book)
    assert plain.returncode == 0, plain.log[-2000:]
    assert "user-redirect" not in (plain.html / "book" / "index.html").read_text("utf-8")
    config = tiny_book / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace('jupyterhub_url: ""', 'jupyterhub_url: "https://hub.example.org"')
        .replace('\n  url: ""', '\n  url: "https://github.com/kurs/social-media"'),
        encoding="utf-8",
    )
    shutil.rmtree(tiny_book / "_build")
    with_hub = build_book(tiny_book)
    page = (with_hub.html / "book" / "index.html").read_text(encoding="utf-8")
    assert with_hub.returncode == 0, with_hub.log[-2000:]
    assert "https://hub.example.org/hub/user-redirect/git-pull?repo=" in page
    assert "urlpath=lab/tree/social-media/book/index.md" in page


def test_page_that_loads_from_another_host_fails_the_strict_build(tiny_book):
    (tiny_book / "book" / "index.md").write_text(
        HEADER + '# Start\n\n<img src="https://cdn.example.org/logo.png" alt="Logo">\n', encoding="utf-8"
    )
    assert_clean_failure(
        build_book(tiny_book),
        "lädt eine Datei von einem fremden Server",
        "https://cdn.example.org/logo.png",
        SUMMARY,
        "book/index.md",
    )
