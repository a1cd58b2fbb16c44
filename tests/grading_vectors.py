"""Loads the shared grading vectors for the Python and the JavaScript side."""

from pathlib import Path

import yaml

VECTOR_FILE = Path(__file__).parent / "data" / "grading-vectors.yml"
VECTORS = yaml.safe_load(VECTOR_FILE.read_text(encoding="utf-8"))
CASES = [(VECTORS["questions"][name], answer, expected) for name, answer, expected in VECTORS["cases"]]
IDS = [f"{name}-{i}" for i, (name, _, _) in enumerate(VECTORS["cases"])]
