"""Line-aware YAML: libyaml's composer gives the same line map as the pure-Python one."""

from __future__ import annotations

import yaml

from exercises.core import yaml_lines

SAMPLE = """\
title: "Test"
chapter: test
questions:
  - id: erste
    type: single
    prompt: "Eine Frage?"
    options:
      - {text: "Ja", correct: true}
      - text: "Nein"
  - id: zweite
    type: true-false
    answer: false
"""


def line_map(loader) -> dict:
    lines: dict = {}
    yaml_lines._walk(yaml.compose(SAMPLE, Loader=loader), (), lines)
    return lines


def test_libyaml_is_used_and_gives_the_same_lines():
    assert yaml_lines._Loader is yaml.CSafeLoader, "PyYAML without libyaml: slower loading"
    fast, slow = line_map(yaml.CSafeLoader), line_map(yaml.SafeLoader)
    assert fast == slow
    assert fast[("questions", 1, "answer")] == 12
    assert fast[("questions", 0, "options", 1, "text")] == 9
