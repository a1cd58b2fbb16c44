"""The trend chart is built from the CSV in the repository, also from a downloaded chapter."""

import pytest

from exercises.site.charts import read_series, trend_chart


def test_series_come_from_the_csv_with_sources(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a downloaded notebook somewhere else: falls back to book/
    series = read_series("data/unternehmen-social-media.csv")
    assert set(series) == {"EU", "Deutschland", "Österreich", "Schweiz"}
    assert series["EU"][0] == (2013, 30.0, "Eurostat")
    assert series["EU"][-1] == (2023, 60.9, "Eurostat")
    assert all(
        year < next_year
        for points in series.values()
        for (year, _, _), (next_year, _, _) in zip(points, points[1:], strict=False)
    )


def test_chart_is_a_png(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert trend_chart("data/unternehmen-social-media.csv")._repr_png_().startswith(b"\x89PNG")


def test_missing_data_file_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="Datendatei „data/fehlt.csv“ fehlt"):
        read_series("data/fehlt.csv")
