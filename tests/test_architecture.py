"""ARCHITECTURE.md describes the tree as it is."""

from __future__ import annotations

import ast
import re

from pages import REPO

PACKAGE = REPO / "exercises"
LAYERS = ["core", "quizzes", "activities", "frontend", "site", "instructors"]


def test_every_sub_package_architecture_md_names_exists_and_none_is_missing():
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`exercises/(\w+)/`", text))
    actual = {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert all((PACKAGE / name).is_dir() for name in named), named  # nothing named is missing
    assert actual == set(LAYERS) and actual <= named  # every sub-package is described


def test_at_most_eight_modules_stay_at_the_top():
    assert len(list(PACKAGE.glob("*.py"))) <= 8


def test_every_registered_exercise_is_one_folder_with_its_parts():
    from exercises.activities import REGISTRY

    for exercise_id, folder in REGISTRY.items():
        base = PACKAGE / "activities" / folder
        assert (base / "__init__.py").exists() and (base / "rules.py").exists()
        assert (base / "static" / f"kurs-ex-{exercise_id}.js").exists()


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("exercises."):
            found.add(node.module.split(".")[1])
    return found


def test_layers_import_only_the_layers_they_may():
    allowed = {
        "core": set(),
        "frontend": {"core"},
        "quizzes": {"core", "frontend"},
        "activities": {"core", "quizzes", "frontend"},
        "instructors": {"core", "quizzes", "activities"},
    }
    for layer, may in allowed.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            assert _imports(path) - may - {layer} == set(), path
