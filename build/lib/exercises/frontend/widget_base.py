"""Live-notebook widgets: our ES modules hosted by anywidget, state kept in the progress file.

Each widget also offers a ``text/html`` view, which the published book shows instead.
"""

from __future__ import annotations

import sys

import anywidget
import traitlets

from exercises.core.texts import t
from exercises.frontend import store as progress
from exercises.frontend.bundle import bundle, css
from exercises.frontend.html_view import widget_html


def notebook_payload(payload: dict, persist: bool) -> dict:
    """The payload with a storage note that is true in this kernel (the page says "browser")."""
    if not persist:
        note = t("common", "saved_note_off")
    elif sys.platform == "emscripten":  # JupyterLite: the file lives in the browser's storage
        note = t("common", "saved_note_lite")
    else:
        note = t("common", "saved_note_notebook", file=progress.progress_path().name)
    return {**payload, "texts": {**payload.get("texts", {}), "saved_note": note}}


class KursWidget(anywidget.AnyWidget):
    """Base: ``data`` is what the front end shows, ``state`` what the learner did."""

    data = traitlets.Dict().tag(sync=True)
    state = traitlets.Dict().tag(sync=True)
    _css = traitlets.Unicode(css()).tag(sync=True)
    module = "kurs-quiz.js"

    def __init__(self, payload: dict, persist: bool = True, **kwargs):
        self._esm = bundle(self.module)
        self._page_payload = payload
        super().__init__(data=notebook_payload(payload, persist), **kwargs)
        # The same classes the page host puts around a view, so kurs.css styles both alike.
        self.add_class("kurs-widget")
        self.add_class("kurs-view")
        self._persist = persist
        self.key = f"{payload['kind']}:{payload['id']}"
        if persist:
            self.state = progress.load_item(self.key)
        self.observe(self._on_state, names="state")

    def _on_state(self, change) -> None:
        if self._persist:
            progress.save_item(self.key, dict(change["new"]))

    def _repr_mimebundle_(self, **kwargs):
        bundle_ = super()._repr_mimebundle_(**kwargs)
        data = bundle_[0] if isinstance(bundle_, tuple) else bundle_
        data["text/html"] = widget_html(self._page_payload)
        return bundle_


class ProgressWidget(KursWidget):
    """Progress of all quizzes; its state is the whole progress file's items."""

    module = "kurs-progress.js"

    def __init__(self, payload: dict, persist: bool = True, **kwargs):
        super().__init__(payload, persist=False, **kwargs)
        self._persist_all = persist
        if persist:
            self.state = progress.read_progress()["items"]

    def _on_state(self, change) -> None:
        if self._persist_all:
            progress.save_all(dict(change["new"]))
