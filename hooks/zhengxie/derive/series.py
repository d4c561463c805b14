"""Each measure across years: the 数据 pages' series, gathered in one pass over the summaries.

A series is one measure of one body, a point per summary that states it (its period, the value as
printed, the document). The all-bodies page shows every body's series of a measure side by side.
Built once per build; each page reads its own slice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhengxie.model import urls
from zhengxie.model.corpus import Corpus, Document, Figure, Measure

CHART_BODIES = 8  # the all-bodies chart draws the bodies with most points; the table lists every body


@dataclass(frozen=True, slots=True)
class Point:
    doc: Document
    figure: Figure

    @property
    def period(self) -> str:
        period = self.doc.period
        return period.label if period else (f"{self.doc.year}年" if self.doc.year else self.doc.id)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        period = self.doc.period
        return (self.doc.year or 0, (period.half or 0) if period else 0, self.doc.id)


@dataclass
class Series:
    measure: Measure
    body: str | None  # None: the all-bodies series
    body_name: str = ""
    points: list[Point] = field(default_factory=list)  # of Point, oldest first

    @property
    def chart_url(self) -> str:
        return urls.chart_url(self.body, self.measure.id)

    @property
    def unit(self) -> str:
        return "%" if self.measure.rate else self.measure.unit


@dataclass
class BodyFigures:
    id: str
    name: str
    series: list[Series] = field(default_factory=list)  # of Series, in data/measures.yml order

    @property
    def url(self) -> str:
        return urls.figures_url(self.id)


class Statistics:
    def __init__(self, corpus: Corpus):
        vocab = corpus.vocab
        order = {m: i for i, m in enumerate(vocab.measures)}
        by_key: dict[tuple[str, str], Series] = {}
        for doc in corpus.documents.values():
            if doc.summary is None or not doc.body:
                continue
            seen: set[str] = set()
            for figure in doc.summary.figures:
                measure = vocab.measures.get(figure.measure) if figure.measure else None
                if measure is None or figure.value is None or measure.id in seen:
                    continue  # custom figures have no series; a measure stated twice counts once
                seen.add(measure.id)
                series = by_key.get((doc.body, measure.id))
                if series is None:
                    body = vocab.bodies.get(doc.body)
                    series = by_key[(doc.body, measure.id)] = Series(
                        measure, doc.body, body.short if body else doc.body
                    )
                series.points.append(Point(doc, figure))
        self.bodies: dict[str, BodyFigures] = {}  # body id -> BodyFigures, by name
        for (body_id, _), series in sorted(by_key.items(), key=lambda kv: (kv[0][0], order[kv[0][1]])):
            series.points.sort(key=lambda p: p.sort_key)
            body = vocab.bodies.get(body_id)
            entry = self.bodies.setdefault(body_id, BodyFigures(body_id, body.short if body else body_id))
            entry.series.append(series)
        self.measures: list[
            tuple[Measure, list[Series]]
        ] = []  # (Measure, [Series of each body]) for the all-bodies page
        for measure_id in vocab.measures:
            found = [by_key[(b, measure_id)] for b in sorted(self.bodies) if (b, measure_id) in by_key]
            if found:
                self.measures.append((vocab.measures[measure_id], found))

    def body(self, body_id: str) -> BodyFigures | None:
        return self.bodies.get(body_id)

    @staticmethod
    def charted(series_list: list[Series]) -> list[Series]:
        """The series the all-bodies chart draws: the bodies with most points."""
        return sorted(series_list, key=lambda s: -len(s.points))[:CHART_BODIES]
