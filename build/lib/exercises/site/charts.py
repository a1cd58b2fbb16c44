"""Figures built at book-build time from data files in the repository."""

from __future__ import annotations

import base64
import csv
import hashlib
import html
from pathlib import Path

from exercises.core.paths import PACKAGE_DIR
from exercises.core.texts import t

MARKERS = {"EU": "o", "Deutschland": "s", "Österreich": "^", "Schweiz": "D"}
COLOURS = {"EU": "#0b4f8a", "Deutschland": "#1a1a1a", "Österreich": "#a4161a", "Schweiz": "#1d6b2f"}


BOOK_DIR = PACKAGE_DIR.parent / "book"


def data_file(csv_path: str | Path) -> Path:
    """The data file, relative to the notebook or, for a downloaded chapter, to the course's book/."""
    path = Path(csv_path)
    if path.exists() or path.is_absolute():
        return path
    if (BOOK_DIR / path).exists():
        return BOOK_DIR / path
    raise FileNotFoundError(t("site", "chart_data_missing", file=csv_path))


def read_series(csv_path: str | Path) -> dict[str, list[tuple[int, float, str]]]:
    """{region: [(year, share in %, source), …]} sorted by year."""
    series: dict[str, list[tuple[int, float, str]]] = {}
    with open(data_file(csv_path), encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            series.setdefault(row["raum"], []).append((int(row["jahr"]), float(row["anteil"]), row["quelle"]))
    return {region: sorted(points) for region, points in series.items()}


class Chart:
    """A rendered figure that notebooks and the book display as PNG."""

    def __init__(self, png: bytes | None):
        self.png = png

    def _repr_png_(self) -> bytes | None:
        return self.png


class ChartWithNote(Chart):
    """A chart drawn elsewhere (or only its data), with a note saying so; shown as HTML."""

    def __init__(self, png: bytes | None, note: str, alt: str, table: str = ""):
        super().__init__(png)
        self.note, self.alt, self.table = note, alt, table

    def _repr_png_(self) -> bytes | None:
        return self.png

    def _repr_html_(self) -> str:
        image = ""
        if self.png:
            data = base64.b64encode(self.png).decode()
            alt = html.escape(self.alt)
            image = f'<img src="data:image/png;base64,{data}" alt="{alt}" style="max-width:100%">'
        note = f'<figcaption role="note">{html.escape(self.note)}</figcaption>'
        return f'<figure class="kurs-chart">{image}{note}{self.table}</figure>'


def prerendered_name(csv_path: Path) -> str:
    """The PNG the build draws from this data file, named after its content."""
    digest = hashlib.sha256(Path(csv_path).read_bytes()).hexdigest()[:12]
    return f"{Path(csv_path).stem}.{digest}.png"


def _percent(value: float) -> str:
    return f"{value:g} %".replace(".", ",")


def drawn_at_build_time(csv_path: str | Path) -> ChartWithNote:
    """Without matplotlib (the browser's Python in JupyterLite): the PNG that the build drew
    from the same data, or else the data as a table; a note says which."""
    path = data_file(csv_path)
    series = read_series(path)
    ranges = []
    for region, points in series.items():
        (first_year, first, source), (last_year, last, _) = points[0], points[-1]
        ranges.append(f"{region} ({source}) {_percent(first)} {first_year} – {_percent(last)} {last_year}")
    alt = f"{t('site', 'chart_axis_share')}: {'; '.join(ranges)}"
    png = path.with_name(prerendered_name(path))
    if png.is_file():
        return ChartWithNote(png.read_bytes(), t("lite", "chart_prerendered"), alt)
    cells = [
        (region, str(year), _percent(share), source)
        for region, points in series.items()
        for year, share, source in points
    ]
    head = [t("lite", key) for key in ("col_region", "col_year", "col_share", "col_source")]
    rows = "".join(
        "<tr>" + "".join(f"<{tag}>{html.escape(cell)}</{tag}>" for cell in row) + "</tr>"
        for tag, row in [("th", head), *(("td", row) for row in cells)]
    )
    return ChartWithNote(None, t("lite", "chart_table"), alt, f"<table>{rows}</table>")


def trend_chart(csv_path: str | Path) -> Chart:
    """Line chart of the share of companies using social media, one line per region."""
    import io

    try:
        from matplotlib.figure import Figure
    except ImportError:  # JupyterLite: Pyodide's matplotlib is not on PyPI, so the site has none
        return drawn_at_build_time(csv_path)

    series = read_series(csv_path)
    fig = Figure(figsize=(7.5, 4.2), dpi=110)
    ax = fig.subplots()
    for region, points in series.items():
        years = [p[0] for p in points]
        shares = [p[1] for p in points]
        source = points[0][2]
        ax.plot(
            years,
            shares,
            marker=MARKERS.get(region, "o"),
            color=COLOURS.get(region),
            linewidth=2,
            label=f"{region} ({source})",
        )
        ax.annotate(
            f"{shares[-1]:.0f} %".replace(".", ","),
            (years[-1], shares[-1]),
            textcoords="offset points",
            xytext=(6, 0),
            va="center",
            fontsize=9,
            color=COLOURS.get(region, "#1a1a1a"),
        )
    ax.axhspan(37, 43, color="#f0c36d", alpha=0.35, label=t("site", "chart_band_40"))
    ax.set_ylim(0, 100)
    ax.set_ylabel(t("site", "chart_axis_share"))
    ax.set_xlabel(t("site", "chart_axis_year"))
    ax.grid(axis="y", color="#d0d0d0")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=130)
    return Chart(buffer.getvalue())
