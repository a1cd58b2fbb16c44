"""The head of every chapter, computed at build time: its reading time and the course's "Stand".

In a chapter::

    :::{bearbeitungszeit}
    :::

shows "Bearbeitungszeit: etwa 25 Minuten" and "Stand: Dezember 2026". The time comes from the
chapter itself (``reading_time.py``: prose, quiz questions, exercises), the Stand from ONE place,
``_config.yml``::

    sphinx:
      config:
        kurs_stand: "Dezember 2026"

which every text may also use as ``{{ kurs_stand }}``. On the start page, ``:summe: Kurs`` adds
the time of the whole course: this page and every chapter of the part "Kurs" of ``_toc.yml``.
Inline, ``{bearbeitungszeit}`profil``` gives a chapter's time ("etwa 15 Minuten", the name
relative to the page) and ``{bearbeitungszeit}`Kurs``` the whole course's.

A chapter is read again when it, a bank or a scenario it uses changes; a page with a sum when
any chapter it adds up changes.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from exercises.core.paths import BANKS_DIR, SCENARIOS_DIR
from exercises.core.texts import all_texts
from exercises.site.reading_time import duration_words, estimate

logger = logging.getLogger(__name__)
GROUP = "chapter_info"


def _texts() -> dict:
    return all_texts()[GROUP]


def _dirs(env) -> tuple[Path, Path]:
    """Where banks and scenarios are (the package's; another folder only for test books)."""
    config = env.config
    source = Path(env.srcdir)
    banks = source / config.kurs_banks_dir if config.kurs_banks_dir else BANKS_DIR
    scenarios = source / config.kurs_scenarios_dir if config.kurs_scenarios_dir else SCENARIOS_DIR
    return banks, scenarios


def _estimate(env, docname: str):
    banks, scenarios = _dirs(env)
    return estimate(Path(env.doc2path(docname)).read_text(encoding="utf-8"), banks, scenarios)


def chapter_minutes(env, docname: str) -> int:
    """The rounded time of ``docname``; notes every file it comes from as a dependency."""
    found = _estimate(env, docname)
    env.note_dependency(str(env.doc2path(docname)))
    for source in found.sources:
        env.note_dependency(str(source))
    return found.minutes


_HEAD = re.compile(r"^:::\{bearbeitungszeit\}[ \t]*\n(?::summe:[ \t]*(?P<part>[^\n]+)\n)?:::[ \t]*$", re.M)
_TIME_ROLE = re.compile(r"\{bearbeitungszeit\}`([^`]+)`")


def notebook_text(env, docname: str, markdown: str) -> str:
    """A markdown cell of a downloaded notebook with the chapter head written out, as the page
    shows it: outside the book no extension fills the directive, the role or the Stand."""
    texts = _texts()
    stand = env.config.kurs_stand.strip()

    def minutes_of(target: str) -> int | None:
        names = part_docnames(env, target)
        if names is not None:
            return sum(_estimate(env, name).minutes for name in names)
        name = str(PurePosixPath(docname).parent / target.removesuffix(".md")).removeprefix("./")
        return _estimate(env, name).minutes if name in env.found_docs else None

    def head(match: re.Match) -> str:
        own = _estimate(env, docname).minutes
        total = minutes_of(match["part"].strip()) if match["part"] else None
        time = (
            texts["time_total"].format(time=_about(own), total=_about(total))
            if total is not None
            else texts["time"].format(time=_about(own))
        )
        return time + ("  \n" + texts["stand"].format(stand=stand) if stand else "")

    def role(match: re.Match) -> str:
        minutes = minutes_of(match[1].strip())
        return _about(minutes) if minutes is not None else match[0]

    text = _TIME_ROLE.sub(role, _HEAD.sub(head, markdown))
    return text.replace("{{ kurs_stand }}", stand)


def _site_map(env):
    return getattr(env, "external_site_map", None) or getattr(env.config, "external_site_map", None)


def part_docnames(env, caption: str) -> list[str] | None:
    """The start page and the chapters of the ``_toc.yml`` part ``caption`` (None: no such part)."""
    site_map = _site_map(env)
    if site_map is None:
        return None
    for tree in site_map.root.subtrees:
        if tree.caption == caption:
            # A _toc.yml entry without its file is Sphinx's warning to report (strict build),
            # not a chapter whose time can be read.
            return [name for name in (site_map.root.docname, *tree.files()) if name in env.found_docs]
    return None


def _about(minutes: int) -> str:
    texts = _texts()
    return texts["about"].format(duration=duration_words(minutes, texts))


def _paragraph(text: str, css: str) -> nodes.paragraph:
    node = nodes.paragraph(text=text)
    node["classes"].append(css)
    return node


def _captions(env) -> str:
    site_map = _site_map(env)
    names = [tree.caption for tree in site_map.root.subtrees if tree.caption] if site_map else []
    return ", ".join(f"„{name}“" for name in names) or "–"


class ChapterInfo(SphinxDirective):
    """``:::{bearbeitungszeit}``: the chapter's time and the Stand (``:summe: Teil``: and the course's)."""

    has_content = False
    option_spec = {"summe": directives.unchanged_required}  # type: ignore[assignment]

    def run(self) -> list[nodes.Node]:
        texts = _texts()
        own = chapter_minutes(self.env, self.env.docname)
        time = texts["time"].format(time=_about(own))
        if "summe" in self.options:
            total = self._total(self.options["summe"], own)
            if total is None:
                return [
                    self.state.document.reporter.warning(
                        self._no_part(self.options["summe"]), line=self.lineno
                    )
                ]
            time = texts["time_total"].format(time=_about(own), total=_about(total))
        box = nodes.container(classes=["kurs-kapitelinfo"])
        box += _paragraph(time, "kurs-bearbeitungszeit")
        stand = self.config.kurs_stand.strip()
        if stand:
            box += _paragraph(texts["stand"].format(stand=stand), "kurs-stand")
        return [box]

    def _total(self, caption: str, own: int) -> int | None:
        names = part_docnames(self.env, caption)
        if names is None:
            return None
        return own + sum(chapter_minutes(self.env, name) for name in names if name != self.env.docname)

    def _no_part(self, caption: str) -> str:
        return _texts()["part_missing"].format(part=caption, parts=_captions(self.env))


class ChapterTime(SphinxRole):
    """``{bearbeitungszeit}`profil``` → "etwa 15 Minuten"; ``{bearbeitungszeit}`Kurs``` → the course's."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        target = self.text.strip()
        names = part_docnames(self.env, target)
        if names is not None:
            minutes = sum(chapter_minutes(self.env, name) for name in names)
        else:
            docname = str(PurePosixPath(self.env.docname).parent / target.removesuffix(".md"))
            docname = docname.removeprefix("./")
            if docname not in self.env.found_docs:
                message = _texts()["doc_missing"].format(name=target, parts=_captions(self.env))
                return [], [self.inliner.reporter.warning(message, line=self.lineno)]
            minutes = chapter_minutes(self.env, docname)
        return [nodes.inline(text=_about(minutes), classes=["kurs-bearbeitungszeit"])], []


def share_stand(app: Sphinx, config) -> None:
    """``{{ kurs_stand }}`` for every text; a missing Stand is a build warning."""
    substitutions = dict(getattr(config, "myst_substitutions", None) or {})
    substitutions.setdefault("kurs_stand", config.kurs_stand)
    config.myst_substitutions = substitutions


def check_stand(app: Sphinx) -> None:
    if not app.config.kurs_stand.strip():
        logger.warning(_texts()["stand_missing"], type="kurs", subtype="stand")


def setup(app: Sphinx) -> dict:
    app.add_config_value("kurs_stand", "", "env", types=[str])
    app.add_config_value("kurs_banks_dir", "", "env", types=[str])
    app.add_config_value("kurs_scenarios_dir", "", "env", types=[str])
    app.add_directive("bearbeitungszeit", ChapterInfo)
    app.add_role("bearbeitungszeit", ChapterTime())
    app.connect("config-inited", share_stand)
    app.connect("builder-inited", check_stand)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
