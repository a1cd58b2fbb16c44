"""Figures built from data files; chapters import ``trend_chart`` from here (stable name)."""

from exercises.site.charts import read_series, trend_chart

__all__ = ["read_series", "trend_chart"]
