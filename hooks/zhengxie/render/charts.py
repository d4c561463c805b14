"""Static SVG charts of the 数据 pages, drawn at build time with pygal.

No script: the SVG is an image the page embeds (`<img>`), so it reads without JavaScript, prints,
and survives any HTML sanitizer; the table beside it and the image's alt text carry the numbers.
Each chart is drawn once per build, one per measure per body page.
"""

from __future__ import annotations

import re

import pygal
from pygal.style import Style

from zhengxie.derive.series import Point, Series, Statistics
from zhengxie.model import urls
from zhengxie.model.corpus import Measure

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#333",
    foreground_strong="#000",
    foreground_subtle="#ccc",
    font_family="'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif",
    colors=("#3f51b5", "#ef6c00", "#2e7d32", "#c62828", "#6a1b9a", "#00838f", "#5d4037", "#546e7a"),
    title_font_size=20,
    label_font_size=15,
    major_label_font_size=15,
    legend_font_size=15,
    value_font_size=16,
)
CONFIG: dict[str, object] = {
    "style": STYLE,
    "width": 640,
    "height": 300,
    "js": [],
    "disable_xml_declaration": False,
    "show_legend": False,
    "print_values": True,
    "print_zeroes": True,
    "explicit_size": True,
    "margin": 16,
    "truncate_label": -1,
    "x_label_rotation": 0,
    "show_y_guides": True,
    "include_x_axis": True,
    "no_data_text": "",
}


def _number(point: Point) -> float:
    amount = point.figure.value
    if amount is None:  # never: Statistics keeps the figures with a value only
        raise ValueError(f"no value: {point.figure!r}")
    return float(amount.value)


def series_chart(series: Series) -> str:
    """One body's measure across its periods: bars, each labelled as printed (20余, 99%以上)."""
    chart = pygal.Bar(title=f"{series.measure.name}（{series.unit}）", **CONFIG)
    chart.x_labels = [p.period for p in series.points]
    chart.add(
        series.measure.name,
        [
            {"value": _number(p), "label": p.figure.text, "formatter": lambda v, t=p.figure.text: t}
            for p in series.points
        ],
    )
    chart.formatter = _fmt
    return _static(chart.render(is_unicode=True), f"{series.body}-{series.measure.id}")


def measure_chart(measure: Measure, series_list: list[Series]) -> str:
    """A measure across years, one line per body (the bodies with most points)."""
    shown = Statistics.charted(series_list)
    years = sorted({p.doc.year for s in shown for p in s.points if p.doc.year})
    config = dict(CONFIG, show_legend=True, legend_at_bottom=True, height=340, print_values=False, dots_size=4)
    unit = "%" if measure.rate else measure.unit
    chart = pygal.Line(title=f"{measure.name}（{unit}）", **config)
    chart.x_labels = [f"{y}年" for y in years]
    for series in shown:
        by_year = {p.doc.year: _number(p) for p in series.points}
        chart.add(series.body_name or series.body, [by_year.get(y) for y in years], allow_interruptions=True)
    chart.formatter = _fmt
    return _static(chart.render(is_unicode=True), f"all-{measure.id}")


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _static(svg: str, name: str) -> str:
    """No script (pygal's tooltip config), no build date, a stable id: the same data, the same file."""
    svg = _COMMENT.sub("", _SCRIPT.sub("", svg))
    return _UUID.sub(name, svg)


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def alt_text(series: Series, with_body: bool = False) -> str:
    """The chart's text alternative: every point as printed."""
    points = "；".join(f"{p.period}{p.figure.text}" for p in series.points)
    return f"{series.body_name if with_body else series.measure.name}：{points}"


def chart_files(stats: Statistics) -> list[tuple[str, str]]:
    """(site path, SVG) of every chart of the 数据 pages: one per measure per body, one per measure
    for all bodies, each drawn once per build."""
    files = []
    for entry in stats.bodies.values():
        for series in entry.series:
            files.append((series.chart_url, series_chart(series)))
    for measure, series_list in stats.measures:
        files.append((urls.chart_url(None, measure.id), measure_chart(measure, series_list)))
    return files
