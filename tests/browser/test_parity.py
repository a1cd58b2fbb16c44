"""The page's real scripts agree with Python on every shared vector, in Chromium.

The same vectors run in Node (``node --test tests/js/``) against the ES modules; here they run
once against the classic page scripts the published site loads (``_static/kurs-*.page.js``).
"""

from __future__ import annotations

import pytest
from exercise_vectors import VECTOR_FILES, close, js_call, load

from exercises.core.paths import static_file
from exercises.frontend.bundle import exported_names

pytestmark = pytest.mark.browser


def _module_with(names: list[str], function: str) -> str:
    for name in names:
        if function in exported_names(static_file(name).read_text(encoding="utf-8")):
            return name
    raise AssertionError(f"{function} fehlt in {names}")


@pytest.mark.parametrize("vector_file", VECTOR_FILES)
def test_page_scripts_match_every_vector(run_js, vector_file):
    vectors = load(vector_file)
    mismatches = []
    for case in vectors["cases"]:
        names, function, args = js_call(vectors, case)
        got = run_js(_module_with(names, function), function, *args)
        if not close(got, case["expected"]):
            mismatches.append(f"{case['description']}: {got!r} != {case['expected']!r}")
    assert mismatches == [], "\n".join(mismatches)
