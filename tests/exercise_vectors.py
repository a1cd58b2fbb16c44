"""Helpers shared by the tests: the shared vectors (one loader for every vector file), the
number-tolerant comparison, and small helpers for the exercises' page tests.

Every vector file ``tests/data/*vectors*.yml`` names where its functions live (``python_modules``,
``js_modules``) and holds ``cases`` of one shape: {description, function, args, expected}. The
Node side (tests/js/vectors.test.mjs) and the page side (tests/browser/test_parity.py) read the
same files, so a new exercise's vector file runs everywhere without new test code.
"""

from __future__ import annotations

import copy
import importlib
import math
import re
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
CASE_KEYS = ("description", "function", "args", "expected")


def vector_files() -> list[str]:
    """The names of every vector file in tests/data (as the Node runner finds them)."""
    return sorted(path.name for path in DATA.glob("*vectors*.yml"))


VECTOR_FILES = tuple(vector_files())


def load(name: str | Path) -> dict:
    """A vector file, by its name in tests/data or by its path."""
    path = name if isinstance(name, Path) else DATA / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def case_id(case: dict) -> str:
    """The pytest id of a case: its function and description."""
    return re.sub(r"\W+", "-", f"{case['function']} {case['description']}").strip("-")[:90]


def camel(name: str) -> str:
    """Python's parse_count is JavaScript's parseCount."""
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), name)


def close(got, expected) -> bool:
    """Equal, with numbers compared to 1e-6 as floating point differs between the two sides."""
    if isinstance(got, bool) or isinstance(expected, bool):
        return got == expected
    if isinstance(got, int | float) and isinstance(expected, int | float):
        return math.isclose(got, expected, abs_tol=1e-6)
    if isinstance(got, dict) and isinstance(expected, dict):
        return got.keys() == expected.keys() and all(close(got[k], expected[k]) for k in got)
    if isinstance(got, list) and isinstance(expected, list):
        return len(got) == len(expected) and all(map(close, got, expected))
    return got == expected


def python_function(vectors: dict, name: str):
    for module in vectors["python_modules"]:
        found = getattr(importlib.import_module(module), name, None)
        if callable(found):
            return found
    return None


def call_python(vectors: dict, case: dict):
    """The Python function's result; its arguments must stay as they were (pure functions)."""
    args = copy.deepcopy(case["args"])
    function = python_function(vectors, case["function"])
    assert function is not None, f"{case['function']} fehlt in {vectors['python_modules']}"
    if case["function"] in vectors.get("options_last", []):
        result = function(*args[:-1], **args[-1])
    else:
        result = function(*args)
    assert args == case["args"], f"{case['function']} changed its arguments"
    return result


def js_call(vectors: dict, case: dict) -> tuple[list[str], str, list]:
    """(module file names, export name, arguments) of the case's JavaScript twin."""
    args = copy.deepcopy(case["args"])
    if case["function"] in vectors.get("options_last", []):
        args[-1] = {camel(key): value for key, value in args[-1].items()}
    names = [Path(module).name for module in vectors["js_modules"]]
    return names, camel(case["function"]), args


def js_exports(vectors: dict) -> set[str]:
    from exercises.frontend.bundle import exported_names

    root = DATA.parents[1]
    found: set[str] = set()
    for module in vectors["js_modules"]:
        path = root / module
        if path.is_file():
            found.update(exported_names(path.read_text(encoding="utf-8")))
    return found


def shape_problems(path: Path) -> list[str]:
    """Everything that keeps a vector file from the one shape, each naming file and case number."""
    name = path.name
    try:
        vectors = load(path)
    except yaml.YAMLError as error:
        return [f"{name}: kein gültiges YAML ({error})"]
    if not isinstance(vectors, dict):
        return [f"{name}: erwartet wird eine Zuordnung mit python_modules, js_modules und cases"]
    problems = []
    for key in ("python_modules", "js_modules"):
        value = vectors.get(key)
        if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
            problems.append(f"{name}: „{key}“ fehlt oder ist keine Liste von Namen")
    root = DATA.parents[1]
    for module in vectors.get("js_modules") or []:
        if isinstance(module, str) and not (root / module).is_file():
            problems.append(f"{name}: js_modules nennt {module}, die Datei gibt es nicht")
    listed = vectors.get("cases")
    if not (isinstance(listed, list) and listed):
        return [*problems, f"{name}: „cases“ fehlt oder ist keine Liste"]
    if problems:
        return problems
    exports = js_exports(vectors)
    seen: set[tuple[str, str]] = set()
    for number, case in enumerate(listed, 1):
        where = f"{name}, Fall {number}"
        if not isinstance(case, dict):
            problems.append(f"{where}: erwartet wird {{description, function, args, expected}}")
            continue
        if isinstance(case.get("function"), str):
            where += f" ({case['function']})"
        problems += [f"{where}: „{key}“ fehlt" for key in CASE_KEYS if key not in case]
        problems += [f"{where}: unbekanntes Feld „{key}“" for key in case if key not in CASE_KEYS]
        description, function = case.get("description"), case.get("function")
        if "description" in case and not (isinstance(description, str) and description.strip()):
            problems.append(f"{where}: „description“ ist leer; sie sagt, was der Fall beweist")
        if "args" in case and not isinstance(case["args"], list):
            problems.append(f"{where}: „args“ ist keine Liste")
        if not isinstance(function, str):
            if "function" in case:
                problems.append(f"{where}: „function“ ist kein Name")
            continue
        if python_function(vectors, function) is None:
            problems.append(f"{where}: {function} fehlt in {', '.join(vectors['python_modules'])}")
        if camel(function) not in exports:
            problems.append(f"{where}: {camel(function)} fehlt in {', '.join(vectors['js_modules'])}")
        if isinstance(description, str):
            if (function, description) in seen:
                problems.append(f"{where}: die Beschreibung „{description}“ gibt es zweimal")
            seen.add((function, description))
    return problems


def exercise_root(page, exercise_id: str):
    return page.locator(f'[data-exercise-id="{exercise_id}"]')


def reload(page):
    """Reload and wait until every quiz and exercise has started again."""
    page.reload()
    page.wait_for_selector("[data-kurs-kind]:not(.is-ready)", state="detached")


# --- what a learner does in an exercise's form, with the keyboard ------------------------------


def press_on(page, locator, key: str = "Space"):
    locator.focus()
    page.keyboard.press(key)


def type_into(page, field, text: str, key: str = "Tab"):
    """Replace the field's text as typed, then leave it with ``key`` (Tab, or Enter to stay)."""
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press(key)


def expect_hint(page, root, field, question: str, typed: str, text: str):
    """Typing ``typed`` and Enter gives the hint ``text`` next to the field, read out, the field
    marked invalid and described by the hint, focus kept in it."""
    from playwright.sync_api import expect

    hint = root.locator(f'[data-hint-for="{question}"]')
    type_into(page, field, typed, "Enter")
    expect(hint).to_contain_text(text)
    expect(field).to_have_attribute("aria-invalid", "true")
    assert hint.get_attribute("id") in field.get_attribute("aria-describedby").split()
    expect(field).to_be_focused()
    expect(root.get_by_role("status")).to_contain_text(text)


def expect_no_hint(page, root, field, question: str, typed: str):
    from playwright.sync_api import expect

    type_into(page, field, typed, "Enter")
    expect(root.locator(f'[data-hint-for="{question}"]')).to_be_hidden()
    expect(field).to_have_attribute("aria-invalid", "false")


def print_only(page, root, button_name: str, part: str):
    """Press the print button: only the part marked ``data-<part>`` goes to the printer, focus
    stays on the button. Returns the printed part (the page is left in print media)."""
    from playwright.sync_api import expect

    page.evaluate(
        "part => { window.print = () => { window.__printed = "
        "document.querySelector('.kurs-print-target')?.dataset[part] ?? null; }; }",
        part,
    )
    button = root.get_by_role("button", name=button_name)
    press_on(page, button, "Enter")
    assert page.evaluate("window.__printed") == ""
    expect(button).to_be_focused()
    page.emulate_media(media="print")
    printed = page.locator(f".kurs-print-sheet [data-{part}]")
    expect(printed).to_be_visible()
    expect(button).not_to_be_visible()
    return printed


def expect_fits_narrow_screen(page, root, width: int = 360):
    assert root.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def expect_reset(page, root, announced: str):
    """The reset button empties the exercise, keeps focus and says so."""
    from playwright.sync_api import expect

    reset = root.get_by_role("button", name="Zurücksetzen")
    press_on(page, reset, "Enter")
    expect(reset).to_be_focused()
    expect(root.get_by_role("status")).to_contain_text(announced)


# Engine tests run on these frozen copies of the scenarios, so that an instructor's edit of
# exercises/scenarios/ never breaks them; the course's own content is checked by the content tests.
FIXTURE_SCENARIOS = Path(__file__).resolve().parent / "data" / "scenarios"


def fixture_scenario(exercise_id: str):
    from exercises.activities import load_scenario

    return load_scenario(exercise_id, FIXTURE_SCENARIOS)


def broken_scenario(folder: Path, exercise_id: str, *replacements: tuple[str, str]) -> Path:
    """A copy of the exercise's fixture scenario in ``folder`` with each (old, new) replaced once."""
    text = (FIXTURE_SCENARIOS / f"{exercise_id}.yml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / f"{exercise_id}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    """The first line of ``path`` that contains ``fragment`` (1-based, as errors report it)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if fragment in line)
