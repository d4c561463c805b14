"""Static SVG charts of the 数据 pages, drawn at build time as plain SVG (no chart library, no script).

A value is drawn on its period: the x axis is time (a year is one unit wide, so 2004 and 2010 are six
units apart whatever lies between), and each value is a line across the period it covers — a year, a
half-year, or several years for a total such as 2004—2010年 812件. A period anchored at a meeting
("九届二次会议以来") has no dates the original states: it stays out of the chart, with a note, and is in
the table. A series with one value is a table row, never a one-bar chart.

Each chart is drawn twice: a wide one for desktop and a narrow one for phones (`<picture>` picks), each
with its text at least 12 px where it is shown. The page embeds the SVG as an image, so it reads
without JavaScript, prints, and its alt text and the table beside it carry every number as printed.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from dataclasses import dataclass, field
from html import escape

from zhengxie.derive.series import BodyFigures, Point, Series, Statistics
from zhengxie.model import urls
from zhengxie.model.corpus import Measure
from zhengxie.text.values import Period

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
COLORS = ("#3f51b5", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#546e7a")


@dataclass(frozen=True, slots=True)
class Layout:
    """One drawing width. `font` is in SVG units; shown at `shown` CSS px wide it is font × shown ÷ width px."""

    name: str
    width: int
    font: int
    plot_height: int


WIDE = Layout("wide", 640, 14, 220)  # desktop: the content column shows it at 640 px
NARROW = Layout("narrow", 340, 13, 190)  # phone: a 390 px screen shows it about 358 px wide: text 13.7 px
PHONE_MEDIA = "(max-width: 44.984375em)"  # the phone layout of zx.css and zx-indexes.css (Material: 720 px)
MIN_YEARS = 3  # the axis covers at least this many years, so one short series is not a wall of width


# ---- where a value lies in time -------------------------------------------------------------------


def placement(point: Point) -> tuple[float, float] | None:
    """[start, end) in years of the period the value covers, or None when the original states no dates
    (a period counted from a meeting, or none written): such a value is not drawn on a time axis."""
    period = point.doc.period
    if not isinstance(period, Period) or period.start is None or period.end is None:
        return None
    if period.kind == "half-year" and period.half:
        start = period.start + (period.half - 1) / 2
        return (start, start + 0.5)
    if period.kind in ("year", "range"):
        return (float(period.start), float(period.end + 1))
    return None


@dataclass(frozen=True, slots=True)
class Mark:
    point: Point
    start: float
    end: float
    value: float

    @property
    def span(self) -> bool:
        """Covers more than one year (a total over several years)."""
        return self.end - self.start > 1

    @property
    def text(self) -> str:
        return self.point.figure.text


def marks(series: Series) -> list[Mark]:
    found = []
    for point in series.points:
        where = placement(point)
        if where is not None and point.figure.value is not None:
            found.append(Mark(point, where[0], where[1], float(point.figure.value.value)))
    return found


def left_out(series: Series) -> list[Point]:
    """The points not drawn: their period has no dates the original states."""
    return [p for p in series.points if placement(p) is None]


def printed_unit(series_list: list[Series]) -> str:
    """The unit the values print, when they all print the same one; '' when they differ."""
    units = {"%" if p.figure.rate else p.figure.unit for s in series_list for p in s.points}
    return units.pop() if len(units) == 1 else ""


# ---- what the 数据 pages show ---------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """A chart as a page embeds it: the two drawings, the alt text and what stayed out."""

    url: str  # the wide drawing; the narrow one is phone_url
    alt: str
    caption: str
    notes: tuple[str, ...] = ()  # a value left out of the chart, and why

    @property
    def phone_url(self) -> str:
        return phone_url(self.url)

    @property
    def media(self) -> str:
        return PHONE_MEDIA


def phone_url(url: str) -> str:
    return url.removesuffix(".svg") + ".phone.svg"  # measure ids have no dot: never another chart's name


@dataclass
class SeriesView:
    series: Series
    chart: Chart | None  # None: fewer than two values can be placed in time; the table alone

    @property
    def unit(self) -> str:
        return printed_unit([self.series])


@dataclass
class BodyPage:
    entry: BodyFigures
    charted: list[SeriesView] = field(default_factory=list)  # measures with two values or more placed in time
    single: list[Series] = field(default_factory=list)  # the others (one value, or no dates): one table for all

    @property
    def count(self) -> int:
        return len(self.charted) + len(self.single)


@dataclass
class MeasureView:
    measure: Measure
    series_list: list[Series]
    chart: Chart | None

    @property
    def unit(self) -> str:
        return printed_unit(self.series_list)

    @property
    def points(self) -> int:
        return sum(len(s.points) for s in self.series_list)


def _notes(series_list: list[Series], with_body: bool) -> tuple[str, ...]:
    notes = []
    for s in series_list:
        for p in left_out(s):
            who = f"{s.body_name}" if with_body else ""
            notes.append(f"{who}“{p.period}”的{p.figure.text}：原文未载起止日期，不画入图中，见下表")
    return tuple(notes)


def _caption(name: str, unit: str, spans: bool, many: bool) -> str:
    parts = [f"{name}{f'（{unit}）' if unit else ''}，{'各机构' if many else ''}按时间先后"]
    parts.append("横轴按实际年份间隔")
    if spans:
        parts.append("跨几年的合计画成横跨这几年的一条线")
    parts.append("数字照原文")
    return "；".join(parts) + "。"


def series_view(series: Series) -> SeriesView:
    placed = marks(series)
    if len(placed) < 2:
        return SeriesView(series, None)
    unit = printed_unit([series])
    chart = Chart(
        series.chart_url,
        alt_text(series),
        _caption(series.measure.name, unit, any(m.span for m in placed), False),
        _notes([series], False),
    )
    return SeriesView(series, chart)


def body_page(stats: Statistics, body_id: str) -> BodyPage | None:
    entry = stats.body(body_id)
    if entry is None:
        return None
    page = BodyPage(entry)
    for series in entry.series:
        view = series_view(series)
        if view.chart is not None:
            page.charted.append(view)
        else:
            page.single.append(series)
    return page


def measure_views(stats: Statistics) -> list[MeasureView]:
    views = []
    for measure, series_list in stats.measures:
        shown = Statistics.charted(series_list)
        chart = None
        if any(len(marks(s)) > 1 for s in shown):
            unit = printed_unit(series_list)
            alt = f"{measure.name}。" + "。".join(alt_text(s, True) for s in series_list)
            spans = any(m.span for s in shown for m in marks(s))
            caption = _caption(measure.name, unit, spans, True)
            if len(series_list) > len(shown):
                caption = caption.removesuffix("。") + f"；图中是数据最多的 {len(shown)} 个机构，全部数字见下表。"
            chart = Chart(urls.chart_url(None, measure.id), alt, caption, _notes(shown, True))
        views.append(MeasureView(measure, series_list, chart))
    return views


def alt_text(series: Series, with_body: bool = False) -> str:
    """The chart's text alternative: every point as printed."""
    points = "；".join(f"{p.period}{p.figure.text}" for p in series.points)
    return f"{series.body_name if with_body else series.measure.name}：{points}"


# ---- drawing --------------------------------------------------------------------------------------


def text_width(text: str, font: float) -> float:
    """Estimated width of a label: a CJK character is one em, digits and Latin about 0.6 em."""
    return sum(font if unicodedata.east_asian_width(c) in "WF" else 0.6 * font for c in text)


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """0 and round steps (1, 2, 2.5, 5 × 10ⁿ) up to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    n = math.ceil(top / step - 1e-9)
    return [i * step for i in range(n + 1)]


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _c(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def draw(title: str, unit: str, lines: list[tuple[str, list[Mark]]], layout: Layout, labels: bool) -> str:
    """An SVG of `lines` ((name, marks) each) on a time axis; `labels`: each value printed above its mark."""
    font = layout.font
    all_marks = [m for _, ms in lines for m in ms]
    ticks = nice_ticks(max((m.value for m in all_marks), default=0))
    tick_labels = [_num(t) for t in ticks]
    left = max(text_width(t, font) for t in [*tick_labels, unit]) + 10
    top = font * 2 + 8
    right = 12
    plot_w = layout.width - left - right
    plot_h = layout.plot_height
    first = math.floor(min((m.start for m in all_marks), default=0))
    last = math.ceil(max((m.end for m in all_marks), default=1))
    while last - first < MIN_YEARS:  # widen evenly: a year either side
        last += 1
        if last - first < MIN_YEARS:
            first -= 1
    per_year = plot_w / (last - first)
    base_y = top + plot_h

    def x(year: float) -> float:
        return left + (year - first) * per_year

    def y(value: float) -> float:
        return base_y - value / ticks[-1] * plot_h

    out: list[str] = []
    out.append(f'<rect width="{layout.width}" height="__H__" fill="#fff"/>')
    # y grid and labels
    for t, label in zip(ticks, tick_labels, strict=True):
        out.append(
            f'<line x1="{_c(left)}" x2="{_c(left + plot_w)}" y1="{_c(y(t))}" y2="{_c(y(t))}" '
            f'stroke="{"#555" if t == 0 else "#ddd"}" stroke-width="1"/>'
        )
        out.append(f'<text x="{_c(left - 6)}" y="{_c(y(t) + font * 0.35)}" text-anchor="end" class="y">{label}</text>')
    if unit:
        out.append(
            f'<text x="{_c(left - 6)}" y="{_c(top - font * 0.9)}" text-anchor="end" class="y">{escape(unit)}</text>'
        )
    # x axis: a tick at each year's start, the year's label in its middle, thinned to fit
    step = next(s for s in (1, 2, 5, 10, 20, 50) if s * per_year >= text_width("2000", font) + 8)
    for year in range(first, last + 1):
        out.append(
            f'<line class="tick" data-year="{year}" x1="{_c(x(year))}" x2="{_c(x(year))}" '
            f'y1="{_c(base_y)}" y2="{_c(base_y + 4)}" stroke="#555"/>'
        )
        if year < last and year % step == 0:
            out.append(
                f'<text x="{_c(x(year + 0.5))}" y="{_c(base_y + font + 6)}" text-anchor="middle" '
                f'class="x" data-year="{year}">{year}</text>'
            )
    # the marks: a line over each value's period, a dot in the middle of a year, a thin joint between
    # single periods of one series that follow each other without a gap; totals over several years are not joined to years
    taken: list[tuple[float, float, float, float]] = []
    for index, (name, ms) in enumerate(lines):
        color = COLORS[index % len(COLORS)]
        ordered = sorted(ms, key=lambda m: (m.start, m.end))
        for a, b in itertools.pairwise(ordered):
            if not a.span and not b.span and b.start - a.end < 1e-9:  # neighbours: no year between them
                out.append(
                    f'<line x1="{_c(x((a.start + a.end) / 2))}" y1="{_c(y(a.value))}" '
                    f'x2="{_c(x((b.start + b.end) / 2))}" y2="{_c(y(b.value))}" stroke="{color}" '
                    f'stroke-width="1.5" stroke-opacity="0.5"/>'
                )
        for m in ordered:
            inset = min(2.0, per_year * (m.end - m.start) / 8)
            x1, x2, my = x(m.start) + inset, x(m.end) - inset, y(m.value)
            kind = "span" if m.span else "period"
            dash = ' stroke-dasharray="8 3"' if m.span else ""
            out.append(
                f'<g class="mark {kind}" data-start="{_c(m.start)}" data-end="{_c(m.end)}" '
                f'data-value="{escape(m.text)}"><title>{escape(name)} {escape(m.point.period)}：{escape(m.text)}</title>'
                f'<line x1="{_c(x1)}" x2="{_c(x2)}" y1="{_c(my)}" y2="{_c(my)}" stroke="{color}" stroke-width="4"'
                f"{dash}/>"
                f'<line x1="{_c(x1)}" x2="{_c(x1)}" y1="{_c(my - 5)}" y2="{_c(my + 5)}" stroke="{color}" stroke-width="2"/>'
                f'<line x1="{_c(x2)}" x2="{_c(x2)}" y1="{_c(my - 5)}" y2="{_c(my + 5)}" stroke="{color}" stroke-width="2"/>'
                "</g>"
            )
            if labels:
                w = text_width(m.text, font)
                cx = min(max((x1 + x2) / 2, left + w / 2), left + plot_w - w / 2)
                box = (cx - w / 2 - 2, my - font - 8, cx + w / 2 + 2, my - 6)
                if not any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in taken):
                    taken.append(box)
                    out.append(
                        f'<text x="{_c(cx)}" y="{_c(my - 9)}" text-anchor="middle" class="v">{escape(m.text)}</text>'
                    )
    height = base_y + font + 14
    if len(lines) > 1:  # legend rows under the axis
        lx, ly = left, height + font
        for index, (name, _) in enumerate(lines):
            w = 22 + text_width(name, font) + 14
            if lx + w > layout.width - right and lx > left:
                lx, ly = left, ly + font + 10
            color = COLORS[index % len(COLORS)]
            out.append(
                f'<line x1="{_c(lx)}" x2="{_c(lx + 16)}" y1="{_c(ly - font * 0.35)}" y2="{_c(ly - font * 0.35)}" '
                f'stroke="{color}" stroke-width="4"/>'
            )
            out.append(f'<text x="{_c(lx + 22)}" y="{_c(ly)}" class="l">{escape(name)}</text>')
            lx += w
        height = ly + 10
    h = _c(height)
    style = f"text{{font-family:{FONT};font-size:{font}px;fill:#222}}.v{{font-weight:600}}.x,.y{{fill:#444}}"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {layout.width} {h}" width="{layout.width}" '
        f'height="{h}" role="img" data-font="{font}"><title>{escape(title)}</title><style>{style}</style>'
        + "".join(out).replace("__H__", h)
        + "</svg>\n"
    )


def _title(name: str, unit: str) -> str:
    return f"{name}（{unit}）" if unit else name


def chart_files(stats: Statistics) -> list[tuple[str, str]]:
    """(site path, SVG) of every chart of the 数据 pages, wide and narrow: one per measure of a body with
    two values or more placed in time, one per measure for all bodies; each drawn once per build."""
    files = []
    for body_id in stats.bodies:
        page = body_page(stats, body_id)
        for view in page.charted if page else ():
            if view.chart is None:
                continue
            s = view.series
            title = _title(s.measure.name, view.unit)
            for layout in (WIDE, NARROW):
                svg = draw(title, view.unit, [(s.measure.name, marks(s))], layout, labels=True)
                files.append((view.chart.url if layout is WIDE else view.chart.phone_url, svg))
    for mv in measure_views(stats):
        if mv.chart is None:
            continue
        lines = [(s.body_name or s.body or "", marks(s)) for s in Statistics.charted(mv.series_list)]
        title = _title(mv.measure.name, mv.unit)
        for layout in (WIDE, NARROW):
            svg = draw(title, mv.unit, lines, layout, labels=False)
            files.append((mv.chart.url if layout is WIDE else mv.chart.phone_url, svg))
    return files
