"""The shared vectors of the quiz and the number reader, for the Python and the browser side.

Each file names where its functions live (``python_modules``, ``js_modules``) and holds
``cases`` of one shape: {description, function, args, expected}. The Node side
(tests/js/vectors.test.mjs) reads the same files.
"""

from __future__ import annotations

import copy
import importlib
import re
from pathlib import Path

import yaml
from exercise_vectors import camel, close

DATA = Path(__file__).parent / "data"
VECTOR_FILES = ("grading-vectors.yml", "vectors-quiz.yml", "vectors-numbers.yml")


def load(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def cases(name: str) -> list[dict]:
    return load(name)["cases"]


def case_id(case: dict) -> str:
    return re.sub(r"\W+", "-", f"{case['function']} {case['description']}").strip("-")[:90]


def python_function(vectors: dict, name: str):
    for module in vectors["python_modules"]:
        found = getattr(importlib.import_module(module), name, None)
        if found is not None:
            return found
    raise AssertionError(f"{name} fehlt in {vectors['python_modules']}")


def call_python(vectors: dict, case: dict):
    """The Python function's result; its arguments must stay as they were (pure functions)."""
    args = copy.deepcopy(case["args"])
    function = python_function(vectors, case["function"])
    if case["function"] in vectors.get("options_last", []):
        result = function(*args[:-1], **args[-1])
    else:
        result = function(*args)
    assert args == case["args"], f"{case['function']} changed its arguments"
    return result


def js_call(vectors: dict, case: dict) -> tuple[str, str, list]:
    """(module file name, export name, arguments) of the case's JavaScript twin."""
    args = copy.deepcopy(case["args"])
    if case["function"] in vectors.get("options_last", []):
        args[-1] = {camel(key): value for key, value in args[-1].items()}
    names = [Path(module).name for module in vectors["js_modules"]]
    return names, camel(case["function"]), args


__all__ = ["VECTOR_FILES", "case_id", "cases", "call_python", "close", "js_call", "load"]
