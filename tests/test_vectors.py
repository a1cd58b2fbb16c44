"""The shared vectors on the Python side: every vector file, in one shape, against its twins.

The same files run in Node (tests/js/vectors.test.mjs) and once in Chromium against the page
scripts (tests/browser/test_parity.py); a new exercise's vector file runs in all three without
new test code.
"""

from __future__ import annotations

import pytest
from exercise_vectors import DATA, VECTOR_FILES, call_python, case_id, close, load, shape_problems

from exercises.core.paths import PACKAGE_DIR

ACTIVITIES = PACKAGE_DIR / "activities"
CASES = [(name, case) for name in VECTOR_FILES for case in (load(name).get("cases") or [])]


@pytest.mark.parametrize(
    ("name", "case"), CASES, ids=[f"{name.removesuffix('.yml')}-{case_id(case)}" for name, case in CASES]
)
def test_python_twin_gives_the_expected_value(name, case):
    assert close(call_python(load(name), case), case["expected"]), f"{name}: {case['description']}"


@pytest.mark.parametrize("name", VECTOR_FILES)
def test_every_vector_file_has_the_one_shape(name):
    problems = shape_problems(DATA / name)
    assert problems == [], "\n".join(problems)


def test_the_exercises_and_the_quiz_have_vector_files():
    expected = {"grading-vectors.yml", "vectors-quiz.yml", "vectors-numbers.yml"}
    exercises = [path.name for path in ACTIVITIES.iterdir() if (path / "static").is_dir()]
    expected |= {f"vectors-{name.replace('_', '-')}.yml" for name in exercises}
    assert expected - set(VECTOR_FILES) == set()


def test_a_case_out_of_shape_is_named_with_file_and_number(tmp_path):
    path = tmp_path / "vectors-kaputt.yml"
    path.write_text(
        "python_modules: [exercises.quizzes.grading]\n"
        "js_modules: [exercises/quizzes/static/kurs-grading.js]\n"
        "cases:\n"
        "  - {description: fine, function: grade, args: [{type: true-false, answer: true}, true],"
        " expected: correct}\n"
        "  - {function: grade, args: [], expected: empty}\n"
        "  - {description: '  ', function: gibt_es_nicht, args: 1, result: 2}\n"
        "  - {description: fine, function: grade, args: [], expected: empty}\n",
        encoding="utf-8",
    )
    assert shape_problems(path) == [
        "vectors-kaputt.yml, Fall 2 (grade): „description“ fehlt",
        "vectors-kaputt.yml, Fall 3 (gibt_es_nicht): „expected“ fehlt",
        "vectors-kaputt.yml, Fall 3 (gibt_es_nicht): unbekanntes Feld „result“",
        "vectors-kaputt.yml, Fall 3 (gibt_es_nicht): „description“ ist leer; sie sagt, was der Fall beweist",
        "vectors-kaputt.yml, Fall 3 (gibt_es_nicht): „args“ ist keine Liste",
        "vectors-kaputt.yml, Fall 3 (gibt_es_nicht): gibt_es_nicht fehlt in exercises.quizzes.grading",
        "vectors-kaputt.yml, Fall 3 (gibt_es_nicht): gibtEsNicht fehlt in "
        "exercises/quizzes/static/kurs-grading.js",
        "vectors-kaputt.yml, Fall 4 (grade): die Beschreibung „fine“ gibt es zweimal",
    ]
    path.write_text("- {function: grade, args: [], expected: empty}\n", encoding="utf-8")
    assert shape_problems(path) == [
        "vectors-kaputt.yml: erwartet wird eine Zuordnung mit python_modules, js_modules und cases"
    ]
