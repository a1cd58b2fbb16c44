"""The static HTML view of a quiz or exercise, as the published book shows it."""

from __future__ import annotations

import html
import json

_ROOT_ATTRIBUTE = {"quiz": "data-quiz-id", "exercise": "data-exercise-id", "progress": "data-progress-id"}


def embed_json(payload: dict) -> str:
    """JSON safe inside a <script> element: no "</script>" or "<!--" can break out."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _fallback(payload: dict) -> str:
    """Readable without JavaScript: the questions or the exercise's title."""
    items = "".join(
        f"<li>{q['prompt']}</li>" for q in payload.get("questions", []) if not payload.get("final")
    )
    note = html.escape(payload["texts"]["noscript"])
    listing = f"<ol>{items}</ol>" if items else ""
    return f'<div class="kurs-fallback"><p>{note}</p>{listing}</div>'


def widget_html(payload: dict) -> str:
    kind = payload["kind"]
    attribute = _ROOT_ATTRIBUTE[kind]
    return (
        f'<div class="kurs-widget" data-kurs-kind="{kind}" '
        f'{attribute}="{html.escape(payload["id"])}">'
        f'<script type="application/json" class="kurs-data">{embed_json(payload)}</script>'
        f"{_fallback(payload)}</div>"
    )
