"""German texts for the page theme, given to Sphinx as message catalogs ahead of the theme's own.

Sphinx, pydata-sphinx-theme and sphinx-book-theme ship German catalogs, but some of their
translations are missing, empty or odd ("Durch Kursteam …", "Laden Sie diese Seite herunter").
The course's own wording lives in ``ui_text.yml`` (group ``theme``: English message → German);
this module puts it in front of the catalogs the templates and Sphinx's code translate with, so
the pages come out German without touching the finished HTML. Only the few texts the theme's
templates write without a catalog (``HARDCODED``) are replaced afterwards in ``theme_polish.py``.
"""

from __future__ import annotations

import gettext

from sphinx import locale
from sphinx.application import Sphinx

# Texts the theme writes into its templates as plain English (no gettext call), so no catalog can
# reach them; they are replaced in the finished pages. Checked against sphinx-book-theme 1.3.0 and
# pydata-sphinx-theme 0.17.1 (components/toggle-*-sidebar.html, sbt-sidebar-nav.html, layout.html,
# search-field.html, search-button-field.html).
HARDCODED = ("Toggle primary sidebar", "Toggle secondary sidebar", "Main", "Page", "Ctrl")
# Texts of Sphinx's search page script (translations.js), where Sphinx's German is empty. The
# result count comes as singular and plural (Sphinx 8's messages; kurs-search.js maps 7.4's one).
SEARCH_SCRIPT = (
    "Search finished, found one page matching the search query.",
    "Search finished, found ${resultCount} pages matching the search query.",
    "Searching for multiple words only shows matches that contain\n    all words.",
    "Your search did not match any documents. Please make sure that all words are spelled correctly and "
    "that you've selected enough categories.",
)
# The catalogs the theme's templates and Sphinx's code translate with.
CATALOGS = ("sphinx", "booktheme")


class CourseCatalog(gettext.NullTranslations):
    """A catalog held in memory that answers first and hands every other message on."""

    def __init__(self, messages: dict[str, str], fallback: gettext.NullTranslations | None):
        super().__init__()
        self.messages = messages
        if fallback is not None and fallback.__class__ is not gettext.NullTranslations:
            self.add_fallback(fallback)

    def gettext(self, message):
        if message in self.messages:
            return self.messages[message]
        return super().gettext(message)

    def ngettext(self, singular, plural, n):
        if n == 1 and singular in self.messages:
            return self.messages[singular]
        return super().ngettext(singular, plural, n)


def catalog_texts() -> dict[str, str]:
    """The ``theme`` group of ui_text.yml without the texts no catalog reaches."""
    from exercises.core.texts import all_texts

    excluded = set(HARDCODED) | set(SEARCH_SCRIPT)
    return {english: german for english, german in all_texts()["theme"].items() if english not in excluded}


def install_theme_catalog(app: Sphinx, config) -> None:
    """Put the course's German in front of Sphinx's and the themes' catalogs (config-inited).

    Sphinx's own code translates through ``sphinx.locale.translators``; the Jinja templates get
    ``app.translator`` when the builder starts, which comes after this event.
    """
    if not (config.language or "").startswith("de"):
        return
    messages = catalog_texts()
    for name in CATALOGS:
        key = ("general", name)
        head = CourseCatalog(messages, locale.translators.get(key))
        locale.translators[key] = head
        if name == "sphinx":
            app.translator = head
