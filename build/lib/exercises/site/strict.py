"""One strict build: every Sphinx warning fails ``jupyter-book build .`` with a German summary.

Instructors run the plain command, so the strictness lives in the extension, not in flags.
Sphinx's own keep-going mode is used: the build runs to its end, reports every warning and
then exits with status 1 ("build finished with problems").
"""

from __future__ import annotations

import logging
import re
import weakref
from collections import Counter
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging

from exercises.core.texts import t

logger = sphinx_logging.getLogger(__name__)
_collectors: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # one per running build
_LINE = re.compile(r":\d+$")


class _WarningCollector(sphinx_logging.WarningStreamHandler):
    """Counts warnings per file.

    A ``WarningStreamHandler``, so that Sphinx parks and replays it with its own warning handler
    while it reads documents: each warning is seen once, with its location already resolved.
    """

    def __init__(self, app: Sphinx):
        super().__init__()
        self.app = app
        self.files: Counter[str] = Counter()
        self.setLevel(logging.WARNING)
        self.addFilter(sphinx_logging.WarningLogRecordTranslator(app))

    def emit(self, record: logging.LogRecord) -> None:
        suppressed = getattr(self.app.config, "suppress_warnings", ())
        if sphinx_logging.is_suppressed_warning(
            getattr(record, "type", ""), getattr(record, "subtype", ""), suppressed
        ):
            return
        self.files[self._file(getattr(record, "location", None))] += 1

    def _file(self, location) -> str:
        if not location:
            return ""
        path = _LINE.sub("", str(location))
        try:
            return Path(path).resolve().relative_to(Path(self.app.srcdir).resolve()).as_posix()
        except ValueError:
            return path


def make_strict(app: Sphinx) -> None:
    """Run as if ``-W --keep-going`` were given, whatever the command line says."""
    app.keep_going = True
    app.warningiserror = False
    collector = _WarningCollector(app)
    logging.getLogger(sphinx_logging.NAMESPACE).addHandler(collector)
    _collectors[app] = collector


def summarize(app: Sphinx, exception) -> None:
    """A German closing line naming every file with warnings (the build then exits with 1)."""
    collector = _collectors.get(app)
    if collector is None or not collector.files:
        return
    total = sum(collector.files.values())
    files = ", ".join(
        f"{name or t('build', 'no_file')} ({count})" for name, count in sorted(collector.files.items())
    )
    logger.info("")
    logger.info(t("build", "failed", count=total, files=files))
