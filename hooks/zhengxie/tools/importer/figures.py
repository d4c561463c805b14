"""Summary figures from sentences: 共收到提案134件，经审查立案129件，立案率96% → the summary data
file's `figures`: a registered measure (data/measures.yml) where the sentence names one, and a
label-and-unit row for the rest. Every figure found keeps the sentence it came from,
so the report can show it for checking; nothing is computed from other figures.

The patterns live in MEASURES below, one row each, keyed by the measure id of data/measures.yml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_N = r"([0-9]{1,7})"
_PCT = r"([0-9]{1,3}(?:\.[0-9]{1,2})?)\s*[%％]"
_GAP = r"[^，。；0-9]{0,12}?"  # a few words between a measure's name and its number, within a clause

# (measure id in data/measures.yml, pattern, value type); a second group, when there is one, is the unit
MEASURES: tuple[tuple[str, re.Pattern[str], type[int] | type[float]], ...] = (
    ("proposals-received", re.compile(rf"(?:收到|提交|提出|交)[^，。；0-9]{{0,10}}?提案\s*{_N}\s*件"), int),
    ("proposals-filed", re.compile(rf"立案\s*{_N}\s*件"), int),
    ("proposals-answered", re.compile(rf"(?:已)?(?:答复|办复)\s*{_N}\s*件"), int),
    ("proposals-answer-rate", re.compile(rf"(?:答复率|办复率){_GAP}{_PCT}"), float),
    ("proposals-solved-rate", re.compile(rf"(?:已解决|得到解决)[^，。；]{{0,10}}?占\s*{_PCT}"), float),
    ("proposals-satisfaction-rate", re.compile(rf"满意率{_GAP}{_PCT}"), float),
    ("opinions-submitted", re.compile(rf"社情民意(?:信息)?{_GAP}{_N}\s*(件|条|篇)"), int),
)
# Rates and counts with no typed measure today, as `figures` rows: 立案率96%.
OTHER_RATES = re.compile(rf"([\u4e00-\u9fff]{{2,6}}率){_GAP}{_PCT}")
TYPED_RATES = ("答复率", "办复率", "满意率")
# Counted activities: 开展专题调研5次, 收到征文31篇, 举办培训班2期.
COUNTED = re.compile(
    rf"((?:开展|组织|举办|召开|收到|形成|撰写|报送|走访|提交|发放|评选出)(?:了)?"
    rf"[\u4e00-\u9fff“”]{{2,12}}?)\s*{_N}\s*(次|篇|件|项|期|个|场|户|人|册|条)"
)


# A count before its noun: 开展了5次专题调研, 召开2场座谈会.
COUNT_FIRST = re.compile(
    rf"(?:进行|开展|组织|召开|举办)了?\s*{_N}\s*(次|场|期)([\u4e00-\u9fff]{{2,8}}?)(?=[，。；、]|$)"
)
# Further counts in the same list: 特等奖1篇，优秀奖7篇，鼓励奖12篇.
CONTINUED = re.compile(rf"[，、]([\u4e00-\u9fff]{{2,8}}?)\s*{_N}\s*(次|篇|件|项|期|个|场|户|人|册|条|对)")


@dataclass
class Figure:
    path: str  # a measure id (proposals-received, opinions-submitted …), or "figures" for a label-and-unit row
    value: int | float
    label: str = ""  # for figures rows
    unit: str = ""
    sentence: str = ""


def _number(text: str, kind: type[int] | type[float]) -> int | float:
    value = float(text)
    return int(value) if kind is int or value.is_integer() else value


def sentences(text: str) -> Iterator[str]:
    for sentence in re.split(r"(?<=[。；！？])", text):
        if sentence.strip():
            yield sentence.strip()


def figures_in(paragraphs: list[str]) -> tuple[list[Figure], list[tuple[Figure, Figure]]]:
    """(figures found, conflicts): a measure stated twice with different values is a conflict for a
    person, and neither value is kept."""
    found: dict[str, Figure] = {}  # measure id -> the figure first found
    conflicts: list[tuple[Figure, Figure]] = []  # (the first, another value)
    rows: list[Figure] = []
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            typed_spans: list[tuple[int, int]] = []
            for path, pattern, kind in MEASURES:
                for match in pattern.finditer(sentence):
                    typed_spans.append(match.span())
                    unit = match.group(2) if (match.lastindex or 0) >= 2 else ""
                    figure = Figure(path, _number(match.group(1), kind), unit=unit, sentence=sentence)
                    earlier = found.get(path)
                    if earlier is None:
                        found[path] = figure
                    elif earlier.value != figure.value:
                        conflicts.append((earlier, figure))
            for match in OTHER_RATES.finditer(sentence):
                if not any(match.group(1).endswith(t) for t in TYPED_RATES):
                    rows.append(Figure("figures", _number(match.group(2), float), match.group(1), "%", sentence))
            consumed = 0  # the end of the last list of counts already read
            for match in COUNTED.finditer(sentence):
                if match.start() < consumed or any(s <= match.start(2) < e for s, e in typed_spans):
                    continue
                label = match.group(1).strip("“”")
                if "提案" in label or "社情民意" in label:
                    continue  # counted by a typed measure, or a part of it the editor places
                rows.append(Figure("figures", _number(match.group(2), int), label, match.group(3), sentence))
                more, consumed = _continued(sentence, match.end())
                rows += more
            for match in COUNT_FIRST.finditer(sentence):
                rows.append(Figure("figures", _number(match.group(1), int), match.group(3), match.group(2), sentence))
    for earlier, _later in conflicts:
        found.pop(earlier.path, None)
    return list(found.values()) + rows, conflicts


def _continued(sentence: str, position: int) -> tuple[list[Figure], int]:
    """The counts that follow a counted one in a list (特等奖1篇，优秀奖7篇 …), each with its own
    label, and where the list ends."""
    rows: list[Figure] = []
    while (match := CONTINUED.match(sentence, position)) is not None:
        rows.append(Figure("figures", int(match.group(2)), match.group(1), match.group(3), sentence))
        position = match.end()
    return rows, position


def data_of(figures: list[Figure]) -> dict[str, list[dict[str, str | int | float]]]:
    """The summary data file's mapping for the figures: registered measures first, then the rest."""
    rows: list[dict[str, str | int | float]] = []
    for figure in figures:
        row: dict[str, str | int | float]
        if figure.path == "figures":
            row = {"label": figure.label, "value": figure.value}
        else:
            row = {"measure": figure.path, "value": figure.value}
        if figure.unit:
            row["unit"] = figure.unit
        rows.append(row)
    return {"figures": rows} if rows else {}
