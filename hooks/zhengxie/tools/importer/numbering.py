"""Word's automatic numbering, drawn as Word draws it: numbering.xml's levels (numFmt, lvlText,
start) and the counters of each list, so 第%1条 in chineseCounting becomes 第一条 and %1、 / （%2） /
%3. become 一、 / （一） / 1. in the text.

Lists that share an abstract definition share their counters (as in Word) unless an instance
restarts them (startOverride). A level's counter resets when a level above it advances.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zhengxie.text.outline import int_to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVELS = 9
MAX_COUNTER = 1_000_000  # a start value beyond this is read as 1 (a hostile file's start="9e99")
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_LEGAL = str.maketrans("一二三四五六七八九十百千万", "壹贰叁肆伍陆柒捌玖拾佰仟萬")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Formats whose numbers are Chinese: a paragraph numbered so may be a heading (一、 （一） 第一条);
# a decimal or bulleted list paragraph is a list item, never a heading.
CHINESE_FORMATS = frozenset(
    {
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographTraditional",
        "ideographDigital",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    }
)


def _val(element: Any, tag: str) -> str | None:
    child = element.find(W + tag) if element is not None else None
    return child.get(W + "val") if child is not None else None


def _int(text: str | None, default: int) -> int:
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return value if 0 <= value <= MAX_COUNTER else default


def _roman(number: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    """a … z, aa … zz as Word counts (the letter repeated)."""
    if number <= 0:
        return ""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    """One counter in one of Word's number formats; an unknown format as a decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return int_to_chinese(number)
    if fmt == "taiwaneseCountingThousand":
        return int_to_chinese(number)
    if fmt == "chineseLegalSimplified":
        return int_to_chinese(number).translate(_LEGAL)
    if fmt == "ideographTraditional":
        return _TIANGAN[(number - 1) % 10] if number >= 1 else str(number)
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(number))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[number - 1] if 1 <= number <= len(_CIRCLED) else str(number)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "none":
        return ""
    return str(number)


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False  # isLgl: every number in the text as a decimal


@dataclass
class Numbering:
    """numbering.xml, read once; `draw` advances the counters as the body is read in order."""

    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId -> (abstract, overrides)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Any) -> Numbering:
        numbering = cls()
        if root is None:
            return numbering
        for abstract in root.iterchildren(W + "abstractNum"):
            levels: dict[int, Level] = {}
            for lvl in abstract.iterchildren(W + "lvl"):
                index = _int(lvl.get(W + "ilvl"), 0)
                if index < MAX_LEVELS:
                    levels[index] = Level(
                        _val(lvl, "numFmt") or "decimal",
                        _val(lvl, "lvlText") or "",
                        max(0, _int(_val(lvl, "start"), 1)),
                        lvl.find(W + "isLgl") is not None,
                    )
            numbering.abstracts[abstract.get(W + "abstractNumId") or ""] = levels
        for num in root.iterchildren(W + "num"):
            overrides: dict[int, int] = {}
            for override in num.iterchildren(W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(W + "ilvl"), 0)] = _int(start, 1)
            numbering.nums[num.get(W + "numId") or ""] = (_val(num, "abstractNumId") or "", overrides)
        return numbering

    def level(self, num_id: str, ilvl: int) -> Level | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        return self.abstracts.get(entry[0], {}).get(ilvl)

    def draw(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """(the number Word draws before the paragraph, its format), the counters advanced; None
        for a paragraph without numbering (numId 0 or not defined)."""
        entry = self.nums.get(num_id)
        if entry is None or not 0 <= ilvl < MAX_LEVELS:
            return None
        abstract_id, overrides = entry
        levels = self.abstracts.get(abstract_id)
        if not levels or ilvl not in levels:
            return None
        key = f"n{num_id}" if overrides else f"a{abstract_id}"
        counters = self.counters.get(key)
        if counters is None:
            counters = [0] * MAX_LEVELS
            self.counters[key] = counters
        for index in range(ilvl):  # a level used before its parents: the parents start at their start
            if counters[index] == 0:
                counters[index] = overrides.get(index, levels.get(index, Level()).start)
        if counters[ilvl] == 0:
            counters[ilvl] = overrides.get(ilvl, levels[ilvl].start)
        else:
            counters[ilvl] = min(counters[ilvl] + 1, MAX_COUNTER)
        for index in range(ilvl + 1, MAX_LEVELS):
            counters[index] = 0
        here = levels[ilvl]
        if here.fmt == "bullet":
            return "", "bullet"
        text = here.text
        for index in range(MAX_LEVELS):
            placeholder = f"%{index + 1}"
            if placeholder in text:
                level = levels.get(index, Level())
                fmt = "decimal" if here.legal else level.fmt
                text = text.replace(placeholder, format_number(counters[index], fmt))
        return text, here.fmt
