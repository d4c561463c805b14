"""Small Chinese phrases that the checks splice into the catalogue's templates (data/problems.yml).

The templates hold every message and hint; these fragments only fill their {placeholders} — a
"did you mean", the position of a value inside a YAML file, where a section belongs — so that one
template reads correctly whether or not the fragment applies.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable

from zhengxie.model.corpus import KeyPath
from zhengxie.registry.names import Names

NONE = "（无）"
LIST_SEPARATOR = "、"

TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "array": "列表（如 [a, b]）",
    "object": "“字段: 值”的映射",
    "null": "空值",
}


def closest(value: object, candidates: Collection[str], cutoff: float = 0.6) -> str | None:
    if not isinstance(value, str) or not candidates:
        return None
    matches = difflib.get_close_matches(value, list(candidates), n=5, cutoff=cutoff)
    if not matches:
        return None

    # ties (p3 → p03 or p13?) go to the candidate closest in length, then the first in order
    def rank(candidate: str) -> tuple[float, int, str]:
        return (-difflib.SequenceMatcher(None, value, candidate).ratio(), abs(len(candidate) - len(value)), candidate)

    return min(matches, key=rank)


def suggest(candidate: str | None) -> str:
    return f"（是不是“{candidate}”？）" if candidate else ""


def did_you_mean(value: object, candidates: Collection[str], cutoff: float = 0.6) -> str:
    """'（是不是“x”？）' for the closest candidate, or '' when nothing is close."""
    return suggest(closest(value, candidates, cutoff))


def written_in_chinese(value: str) -> bool:
    """Whether a value has a character beyond ASCII: a name (专题协商), not an id (thematic)."""
    return not value.isascii()


def likeness(value: str, candidate: str) -> float:
    """How alike two spellings are: difflib's ratio, or for Chinese the characters they share in any
    order (振兴乡村 and 乡村振兴 share all four), whichever is higher."""
    ratio = difflib.SequenceMatcher(None, value, candidate).ratio()
    if not written_in_chinese(value):
        return ratio
    common = sum(min(value.count(c), candidate.count(c)) for c in set(value))
    return max(ratio, 2 * common / (len(value) + len(candidate)))


def closest_name(value: object, table: Names, cutoff: float = 0.6) -> str | None:
    """The spelling nearest a value no entry has: a registered name or alias for a value written in
    Chinese (专题协商 → 专题协商会), an id for one written in Latin letters (bimonthly → bimonthly-forum)."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if not written_in_chinese(value):
        return closest(value, table.ids, cutoff)
    scored = [(likeness(value, name), -abs(len(name) - len(value)), name) for name in table.spellings()]
    best = max(scored, default=None)
    return best[2] if best is not None and best[0] >= cutoff else None


def did_you_mean_name(value: object, table: Names, cutoff: float = 0.6) -> str:
    """'（是不是“专题协商会”？）' for the nearest name or id, or '' when nothing is near."""
    return suggest(closest_name(value, table, cutoff))


def type_name(value: object) -> str:
    if value is None:
        return "空值（没有填写）"
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}"
    if isinstance(value, int):
        return f"整数 {value}"
    if isinstance(value, float):
        return f"数字 {value}"
    if isinstance(value, str):
        return f"文字“{value}”"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "“字段: 值”的映射"
    return type(value).__name__


def expected_types(types: str | Iterable[str]) -> str:
    if isinstance(types, str):
        types = [types]
    return "或".join(TYPE_NAMES.get(t, t) for t in types)


def at(path: KeyPath) -> str:
    """Where a key sits, e.g. ('items', 3, 'lead') → '（items 第 4 项）'; top-level keys need no note."""
    parts = []
    for index, part in enumerate(path[:-1]):
        if isinstance(part, int):
            continue
        nxt = path[index + 1]
        parts.append(f"{part} 第 {nxt + 1} 项" if isinstance(nxt, int) else str(part))
    return f"（{'，'.join(parts)}）" if parts else ""


def join(values: Iterable[object]) -> str:
    texts = [str(v) for v in values]
    return LIST_SEPARATOR.join(texts) if texts else NONE


def numeral_range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{_num(low)}–{_num(high)}"
    if low is not None:
        return f"不小于 {_num(low)}"
    return f"不大于 {_num(high)}"


def _num(value: float | None) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


# Where a missing or misplaced required section belongs (ZX301 / ZX302 {where}).
def after_section(heading: str) -> str:
    return f"“{heading}”一节之后"


def before_section(heading: str) -> str:
    return f"“{heading}”之前"


def between(after: str, before: str) -> str:
    return f"{after}、{before}"


def at_end(after: str) -> str:
    return f"{after}（文末）"


BODY_START = "正文开头（第一个二级标题之前）"
BODY_END = "文末"
FIRST_SECTION = "正文的第一个章节"
LAST_SECTION = "正文的最后一个章节"

SOURCE_PERIOD = "period {value}"
SOURCE_DATE = "date {value}"

ROOT = "（整个文件）"


def item(index: int) -> str:
    return f"第 {index + 1} 项"
