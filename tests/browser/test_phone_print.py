"""On a phone and on paper: full matching definitions, readable network names, printable
Nutzen-Rechner fields, and a certificate that fits its name and prints on one sheet."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from conftest import shot
from test_quiz_page import answer, page_questions, quiz

from exercises.core.texts import t

pytestmark = pytest.mark.browser


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def common_prefix(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def inside(a: dict, b: dict) -> bool:
    return (
        b["x"] <= a["x"]
        and a["x"] + a["width"] <= b["x"] + b["width"]
        and b["y"] <= a["y"]
        and a["y"] + a["height"] <= b["y"] + b["height"]
    )


# --- matching questions on a phone ------------------------------------------------------------


@pytest.mark.parametrize(
    ("docname", "quiz_id", "width"),
    [
        ("book/netzwerke", "netzwerke", 360),
        ("book/alltag", "alltag", 360),
        ("book/mitmachen", "mitmachen", 390),
    ],
)
def test_a_phone_shows_the_chosen_definitions_in_full_and_distinct(phone, docname, quiz_id, width):
    page = phone(docname, width)
    question = next(q for q in page_questions(page, quiz_id) if q["type"] == "matching")
    definitions = [(d["id"], plain(d["text"])) for d in question["definitions"]]
    # The two definitions that begin most alike (or else the two longest).
    pairs = [(a, b) for i, a in enumerate(definitions) for b in definitions[i + 1 :]]
    first, second = max(pairs, key=lambda p: (common_prefix(p[0][1], p[1][1]), len(p[0][1]) + len(p[1][1])))
    fieldset = quiz(page, quiz_id).locator(f'[data-question-id="{question["id"]}"]')
    terms = question["terms"][:2]
    for term, (definition_id, _) in zip(terms, (first, second), strict=True):
        fieldset.locator(f'li[data-term="{term["id"]}"] select').select_option(definition_id)
    fieldset.scroll_into_view_if_needed()
    shot(fieldset, f"matching-{quiz_id}-{width}")
    box = fieldset.bounding_box()
    shown = []
    for term, (_, text) in zip(terms, (first, second), strict=True):
        choice = fieldset.locator(f'[data-choice-for="{term["id"]}"]')
        assert choice.is_visible()
        assert choice.inner_text().split() == f"Gewählt: {text}".split()
        clipped = "el => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight + 1"
        assert not choice.evaluate(clipped)
        where = choice.bounding_box()
        assert where["x"] >= box["x"] and where["x"] + where["width"] <= box["x"] + box["width"] + 0.5
        assert where["x"] + where["width"] <= width
        shown.append(choice.inner_text())
        # A screen reader hears the select's value, the same full text, and not twice.
        select = fieldset.locator(f'li[data-term="{term["id"]}"] select')
        assert select.evaluate("s => s.selectedOptions[0].textContent") == text
        assert choice.get_attribute("aria-hidden") == "true"
    assert shown[0] != shown[1]
    # Taking a choice back takes its text away.
    fieldset.locator(f'li[data-term="{terms[0]["id"]}"] select').select_option("")
    assert not fieldset.locator(f'[data-choice-for="{terms[0]["id"]}"]').is_visible()


# --- the network drawing on a phone ---------------------------------------------------------------


@pytest.mark.parametrize("width", [360, 390])
def test_network_names_are_as_large_as_the_text_and_never_overlap(phone, width):
    page = phone("book/netzwerke", width)
    root = page.locator('[data-exercise-id="netzwerk-labor"]')
    svg = root.locator("svg.kurs-netz-svg")
    svg.scroll_into_view_if_needed()
    body_px = float(root.locator(".kurs-intro").evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    people = root.locator('[data-key="person"] option').evaluate_all("os => os.map(o => o.value)")
    for person in people:
        root.get_by_label("Gewählte Person").select_option(person)
        shot(root.locator(".kurs-netz-drawing"), f"netzwerk-{width}-{person}")
        found = svg.evaluate(
            """svg => [...svg.querySelectorAll('g[data-person]')].map(g => {
                const [circle, degree, name] = g.children;
                const box = (el) => { const r = el.getBoundingClientRect();
                  return {x: r.x, y: r.y, width: r.width, height: r.height}; };
                const px = (el) => parseFloat(getComputedStyle(el).fontSize) * svg.getScreenCTM().a;
                return {id: g.dataset.person, name: name.textContent, nameBox: box(name), namePx: px(name),
                  degreePx: px(degree), circle: box(circle)};
            })"""
        )
        frame = svg.bounding_box()
        for label in found:
            assert label["nameBox"]["height"] >= 12, label
            assert label["namePx"] >= 0.95 * body_px, f"{label['name']}: {label['namePx']:.1f} px"
            assert label["degreePx"] >= 0.95 * body_px, label
            assert inside(label["nameBox"], frame), f"{label['name']} ragt aus der Zeichnung"
            for other in found:
                if other["id"] == label["id"]:
                    continue
                assert not overlap(label["nameBox"], other["nameBox"]), (label["name"], other["name"])
                assert not overlap(label["nameBox"], other["circle"]), (label["name"], other["id"])


# --- the Nutzen-Rechner on paper ----------------------------------------------------------------------


def test_every_nutzen_rechner_field_prints_wide_enough_for_its_value(open_page):
    page = open_page("book/nutzen")
    root = page.locator('[data-exercise-id="nutzen-rechner"]')
    root.get_by_role("button", name=re.compile("^Beispiel einsetzen")).first.click()
    values = root.locator("input[type=text]").evaluate_all("els => els.map(e => [e.dataset.field, e.value])")
    assert len(values) == 9 and all(value for _, value in values), values
    page.set_viewport_size({"width": 643, "height": 900})  # A4 less 2 cm margins, at 96 dpi
    page.emulate_media(media="print")
    shot(root, "nutzen-rechner-print")
    for field, value in values:
        box = root.locator(f'input[data-field="{field}"]')
        width, font, fits = box.evaluate(
            "e => [e.getBoundingClientRect().width, parseFloat(getComputedStyle(e).fontSize),"
            " e.scrollWidth <= e.clientWidth]"
        )
        assert width >= 6 * font, f"{field}: {width:.0f} px breit"
        assert fits, f"{field}: „{value}“ passt nicht ins Feld"
    with pdfplumber.open(io.BytesIO(page.pdf(format="A4"))) as document:
        printed = "\n".join(sheet.extract_text() for sheet in document.pages)
    labels = root.locator("label[for]").evaluate_all(
        "ls => ls.filter(l => document.getElementById(l.htmlFor)?.dataset.field).map(l => l.textContent)"
    )
    for label, (field, value) in zip(labels, values, strict=True):
        assert re.search(rf"{re.escape(label)}\s*{re.escape(value)}", printed), (field, label, value)


# --- the certificate ----------------------------------------------------------------------------------


def pass_final_test(page):
    root = quiz(page, "abschlusstest")
    for question in page_questions(page, "abschlusstest"):
        answer(root.locator(f'[data-question-id="{question["id"]}"]'), question, right=True)
    root.get_by_role("button", name="Prüfen", exact=True).click()
    return root


def test_the_certificate_name_has_a_limit_and_the_page_prints_the_certificate_on_one_sheet(open_page):
    page = open_page("book/abschluss")
    root = pass_final_test(page)
    field = root.get_by_label("Ihr Name für die Bescheinigung")
    limit = t("final", "name_limit", max=80)
    help_text = root.locator(".kurs-field-help", has_text=limit)
    assert help_text.is_visible()
    assert help_text.get_attribute("id") in field.get_attribute("aria-describedby").split()
    typed = "Erika " + "Musterfrau" * 10  # 106 characters, most of them one unbroken word
    field.click()
    page.keyboard.type(typed)
    assert field.input_value() == typed[:80]
    root.get_by_role("button", name="Teilnahmebescheinigung erstellen").click()
    certificate = root.locator(".kurs-certificate")
    name = certificate.locator(".kurs-cert-name")
    assert name.inner_text() == typed[:80]
    assert name.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert certificate.bounding_box()["height"] < 700
    shot(certificate, "certificate")
    # Ctrl+P on the whole page: every line of the certificate on one sheet, the name complete.
    lines = certificate.locator("p").all_inner_texts()
    assert len(lines) == 6 and lines[1] == typed[:80], lines
    with pdfplumber.open(io.BytesIO(page.pdf(format="A4"))) as document:
        sheets = [re.sub(r"\s+", "", sheet.extract_text()) for sheet in document.pages]
    squeezed = [re.sub(r"\s+", "", line) for line in lines]
    holding = [i for i, sheet in enumerate(sheets) if squeezed[-1] in sheet]  # the date line
    assert len(holding) == 1, holding
    sheet = sheets[holding[0]]
    assert "".join(squeezed) in sheet, "die Bescheinigung steht nicht vollständig auf einem Blatt"
    # On a phone the title stays one word on one line.
    page.set_viewport_size({"width": 360, "height": 740})
    title = certificate.locator(".kurs-cert-title")
    assert title.evaluate(
        "el => el.getBoundingClientRect().height < 1.7 * parseFloat(getComputedStyle(el).fontSize)"
    ), "der Titel bricht mitten im Wort um"
    shot(certificate, "certificate-360")
    # A longer name stored earlier (before the limit) is not printed: the learner is asked to shorten it.
    field.evaluate("el => { el.value = 'x'.repeat(120); }")
    root.get_by_role("button", name="Teilnahmebescheinigung erstellen").click()
    assert root.locator(".kurs-notice", has_text=t("final", "name_too_long", max=80)).is_visible()
    assert field.get_attribute("aria-invalid") == "true"
    assert name.inner_text() == typed[:80]
