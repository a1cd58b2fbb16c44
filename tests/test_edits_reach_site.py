"""An instructor edits a bank or ui_text.yml and runs the plain ``jupyter-book build .``."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from conftest import build_book

ANSI = re.compile(r"\x1b\[[0-9;]*m")
EXECUTED = re.compile(r"book/([\w-]+)\.md: Executing notebook")
MARK = "Bearbeitet-4711"


def executed(log: str) -> set[str]:
    return set(EXECUTED.findall(ANSI.sub("", log)))


@pytest.fixture(scope="module")
def course_copy(built, tmp_path_factory):
    """A copy of the built course, caches included, as an instructor's working folder."""
    target = tmp_path_factory.mktemp("bearbeitet") / "kurs"
    shutil.copytree(built.html.parents[1], target, symlinks=True)
    return target


@pytest.fixture(scope="module")
def after_bank_edit(course_copy):
    bank = course_copy / "exercises" / "banks" / "profil.yml"
    text = bank.read_text(encoding="utf-8")
    prompt = next(q["prompt"] for q in yaml.safe_load(text)["questions"] if q["prompt"] in text)
    bank.write_text(text.replace(prompt, f"{MARK} {prompt}", 1), encoding="utf-8")
    return build_book(course_copy)


def test_edited_prompt_shows_after_the_plain_rebuild(after_bank_edit):
    assert after_bank_edit.returncode == 0, after_bank_edit.log[-3000:]
    page = (after_bank_edit.html / "book" / "profil.html").read_text(encoding="utf-8")
    assert MARK in page


def test_only_chapters_that_use_the_bank_run_again(after_bank_edit):
    # profil shows the bank; the final test draws from it; the start page counts its questions.
    assert executed(after_bank_edit.log) == {"profil", "abschluss", "index"}


def test_edited_interface_text_shows_after_the_plain_rebuild(after_bank_edit, course_copy):
    texts = course_copy / "exercises" / "ui_text.yml"
    old = 'saved_note: "Ihre Antworten werden nur in Ihrem Browser gespeichert."'
    new = f'saved_note: "{MARK}: Ihre Antworten bleiben in Ihrem Browser."'
    assert old in texts.read_text(encoding="utf-8")
    texts.write_text(texts.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    rebuilt = build_book(course_copy)
    assert rebuilt.returncode == 0, rebuilt.log[-3000:]
    for chapter in ("profil", "netzwerke", "abschluss"):
        page = (rebuilt.html / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        assert f"{MARK}: Ihre Antworten bleiben in Ihrem Browser." in page, chapter
    assert "glossar" not in executed(rebuilt.log)
