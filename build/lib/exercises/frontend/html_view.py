"""The static HTML view of a quiz or exercise, as the published book shows it."""

from __future__ import annotations

import html
import json

_ROOT_ATTRIBUTE = {"quiz": "data-quiz-id", "exercise": "data-exercise-id", "progress": "data-progress-id"}


def embed_json(payload: dict) -> str:
    """JSON safe inside a <script> element: no "</script>" or "<!--" can break out."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _options(items: list[str]) -> str:
    return '<ul class="kurs-fallback-options">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _question_fallback(question: dict, texts: dict) -> str:
    """One question to read: its prompt and what there is to choose (texts are escaped HTML)."""
    kind = question["type"]
    parts = [f"<p>{question['prompt']}</p>"]
    if kind in ("single", "multiple"):
        parts.append(_options([o["text"] for o in question["options"]]))
    elif kind == "true-false":
        parts.append(_options([html.escape(texts["opt_true"]), html.escape(texts["opt_false"])]))
    elif kind == "numeric":
        unit = question.get("unit")
        note = texts["fallback_number_unit"].format(unit=unit) if unit else texts["fallback_number"]
        parts.append(f"<p>{html.escape(note)}</p>")
    elif kind == "text":
        parts.append(f"<p>{html.escape(texts['fallback_text'])}</p>")
    elif kind == "matching":  # definitions sorted, so that their order gives nothing away
        definitions = sorted((d["text"] for d in question["definitions"]), key=str.casefold)
        parts.append(f"<p>{html.escape(texts['fallback_terms'])}</p>")
        parts.append(_options([term["text"] for term in question["terms"]]))
        parts.append(f"<p>{html.escape(texts['fallback_definitions'])}</p>")
        parts.append(_options(definitions))
    elif kind == "ordering":  # sorted: the stored order is the answer
        parts.append(f"<p>{html.escape(texts['fallback_ordering'])}</p>")
        parts.append(_options(sorted(question["items"], key=str.casefold)))
    return "<li>" + "".join(parts) + "</li>"


def _fallback(payload: dict) -> str:
    """Readable without JavaScript: a chapter quiz's questions with their options, or a plain
    note that the final test, an exercise or the progress overview needs JavaScript."""
    texts = payload["texts"]
    kind = "final" if payload.get("final") else payload["kind"]
    note = f"<p>{html.escape(texts[f'noscript_{kind}'])}</p>"
    if kind != "quiz":
        return f'<div class="kurs-fallback">{note}</div>'
    items = "".join(_question_fallback(q, texts) for q in payload.get("questions", []))
    return f'<div class="kurs-fallback">{note}<ol class="kurs-fallback-questions">{items}</ol></div>'


def widget_html(payload: dict) -> str:
    kind = payload["kind"]
    attribute = _ROOT_ATTRIBUTE[kind]
    return (
        f'<div class="kurs-widget" data-kurs-kind="{kind}" '
        f'{attribute}="{html.escape(payload["id"])}">'
        f'<script type="application/json" class="kurs-data">{embed_json(payload)}</script>'
        f"{_fallback(payload)}</div>"
    )
