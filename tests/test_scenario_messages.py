"""Broken scenario files give one located German message per problem (file, line, item, field)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from exercise_vectors import line_of

from exercises.activities import load_scenarios
from exercises.core.errors import ContentErrors
from exercises.core.paths import SCENARIOS_DIR


def broken(folder: Path, name: str, old: str, new: str) -> Path:
    path = folder / f"{name}.yml"
    text = (SCENARIOS_DIR / f"{name}.yml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def errors_for(folder: Path) -> list:
    with pytest.raises(ContentErrors) as caught:
        load_scenarios(folder)
    return caught.value.errors


def test_unknown_field_lists_the_fields_allowed_there(tmp_path):
    path = broken(tmp_path, "nutzen-rechner", "follower_basis: start", "follower_basi: start")
    (error,) = errors_for(tmp_path)
    assert str(error) == (
        f"{path}, Zeile {line_of(path, 'follower_basi:')} – Feld „follower_basi“: Unbekanntes Feld. "
        "Bitte die Schreibweise prüfen. Meinten Sie „follower_basis“? Zulässig sind hier: title, intro, "
        "follower_basis, mentions_basis, presets, estimated_minutes."
    )


def test_a_value_outside_the_allowed_ones_is_named_in_german(tmp_path):
    path = broken(tmp_path, "nutzen-rechner", "follower_basis: start", "follower_basis: anfang")
    (error,) = errors_for(tmp_path)
    assert str(error) == (
        f"{path}, Zeile {line_of(path, 'follower_basis:')} – Feld „follower_basis“: "
        "Unzulässiger Wert 'anfang'; erlaubt sind: start oder end."
    )


def test_three_allowed_values_read_as_a_german_list(tmp_path):
    path = broken(tmp_path, "profil-baukasten", "      visibility: public", "      visibility: alle")
    (error,) = errors_for(tmp_path)
    assert error.line == line_of(path, "visibility: alle") and error.field == "visibility"
    assert error.message == "Unzulässiger Wert 'alle'; erlaubt sind: public, contacts oder private."


def test_a_number_in_quotes_gets_one_message_with_the_number_to_write(tmp_path):
    path = broken(tmp_path, "nutzen-rechner", "estimated_minutes: 8", 'estimated_minutes: "8"')
    (error,) = errors_for(tmp_path)
    assert str(error) == (
        f"{path}, Zeile {line_of(path, 'estimated_minutes:')} – Feld „estimated_minutes“: "
        "Hier wird eine ganze Zahl erwartet; schreiben Sie 8 ohne Anführungszeichen."
    )


def test_scenario_not_saved_as_utf8_names_its_line(tmp_path):
    shutil.copy(SCENARIOS_DIR / "nutzen-rechner.yml", tmp_path)
    path = tmp_path / "nutzen-rechner.yml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    (error,) = errors_for(tmp_path)
    first = next(n for n, row in enumerate(path.read_bytes().split(b"\n"), 1) if any(b > 127 for b in row))
    assert error.line == first and error.file == path
    assert error.message.startswith("Die Datei ist nicht als UTF-8 gespeichert: Das ")
    assert error.message.endswith(") ist kein UTF-8. Speichern Sie sie in Ihrem Editor als UTF-8.")
