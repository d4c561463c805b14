"""The outline of a Markdown body: headings and rule articles, with their source lines.

A light line scanner rather than a Markdown parser: it only needs ATX headings and paragraph
starts, and must skip fenced code so that examples in the guide are not taken for structure.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_LIST = re.compile(r"\s*\{[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
ARTICLE = re.compile(r"^\s*(?:\*\*)?第([零〇一二三四五六七八九十百千万亿两\d]+)条(?:\*\*)?[\s　]")

# Numbering prefixes of Chinese official documents: 一、 / （一） / 第一章 / 1. / 1、
NUMBERING = re.compile(
    r"^(?:第(?P<chapter>[零〇一二三四五六七八九十百千万亿两\d]+)[章节部分]"
    r"|(?P<han>[零〇一二三四五六七八九十百千万亿两]+)、"
    r"|[（(](?P<paren>[零〇一二三四五六七八九十百千万亿两]+)[）)]"
    r"|(?P<arabic>\d+)[.、．])[\s　]*"
)
NumberingStyle = Literal["chapter", "han", "paren", "arabic"]  # NUMBERING's groups: 第一章, 一、, （一）, 1.
_STYLES: dict[str | None, NumberingStyle] = {"chapter": "chapter", "han": "han", "paren": "paren", "arabic": "arabic"}

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DIGIT_CHARS = "零一二三四五六七八九"
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_WAN, _YI = 10_000, 100_000_000
MAX_NUMERAL = 100  # characters: a longer "numeral" is malformed (and int() refuses 4 300 digits)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # as written, numbering included
    line: int
    title: str  # text with its numbering prefix removed
    numbering_style: NumberingStyle | None
    number: int | None


@dataclass(frozen=True)
class Article:
    number: int | None
    numeral: str
    line: int


@functools.lru_cache(maxsize=4096)  # a pure function, asked for the same few numerals in every document
def chinese_to_int(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 一百零五 → 105, 一千零一 → 1001, 十万 → 100000, 一万亿 → 10¹²; Arabic digits
    pass through. None if malformed, or longer than MAX_NUMERAL characters."""
    if not numeral or len(numeral) > MAX_NUMERAL:
        return None
    if numeral.isdecimal():
        return int(numeral)
    value = 0
    for part in numeral.split("亿"):  # A亿B亿C is (A·10⁸ + B)·10⁸ + C, each part below 10⁸
        below = _parts(part.split("万"), _WAN)
        if below is None:
            return None
        value = value * _YI + below
    return value


def _parts(parts: list[str], unit: int) -> int | None:
    """A万B (parts ["A", "B"], unit 10⁴) as a number; each part is below 10⁴."""
    value = 0
    for part in parts:
        below = _below_wan(part)
        if below is None:
            return None
        value = value * unit + below
    return value


def _below_wan(text: str) -> int | None:
    total, digit, pending = 0, 0, False
    for char in text:
        if char in _DIGITS:
            if pending and digit:  # 一一, 二三: two digits without a unit between them
                return None
            digit, pending = _DIGITS[char], True
        elif char in _SMALL_UNITS:
            total += (digit or 1) * _SMALL_UNITS[char]
            digit, pending = 0, False
        else:
            return None
    return total + digit


@functools.lru_cache(maxsize=4096)  # a pure function, asked for the same few numbers in every document
def int_to_chinese(number: int) -> str:
    """The standard numeral of any number ≥ 0: 1 → 一, 12 → 十二, 105 → 一百零五, 110 → 一百一十,
    1001 → 一千零一, 100000 → 十万, 10¹² → 一万亿, 10¹⁶ → 一亿亿. `chinese_to_int` reads each back."""
    if number < 0:
        raise ValueError(f"no Chinese numeral for a negative number ({number})")
    if number == 0:
        return "零"
    groups = []  # base-10⁸ digits, highest first
    while number:
        number, group = divmod(number, _YI)
        groups.append(group)
    groups.reverse()
    out = [_below_yi(groups[0], leading=True)]
    for group in groups[1:]:
        out.append("亿")
        if group:
            out.append(("零" if group < _YI // 10 else "") + _below_yi(group, leading=False))
    return "".join(out)


def _below_yi(number: int, leading: bool) -> str:
    high, rest = divmod(number, _WAN)
    if not high:
        return _below_wan_text(rest, leading)
    text = _below_wan_text(high, leading) + "万"
    if rest:
        text += ("零" if rest < _WAN // 10 else "") + _below_wan_text(rest, False)
    return text


def _below_wan_text(number: int, leading: bool) -> str:
    """1 … 9999; `leading`: the numeral's first digits, where 十二 drops the 一 of 一十二."""
    out: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if not (unit == 10 and digit == 1 and leading and not out):
            out.append(_DIGIT_CHARS[digit])
        out.append(name)
    return "".join(out)


def split_numbering(text: str) -> tuple[str, NumberingStyle | None, int | None]:
    match = NUMBERING.match(text)
    if not match:
        return text.strip(), None, None
    style = _STYLES[match.lastgroup]  # the one numbering group of the alternation that matched
    return text[match.end() :].strip(), style, chinese_to_int(match.group(style))


def scan(body: str, first_line: int) -> tuple[list[Heading], list[Article]]:
    headings: list[Heading] = []
    articles: list[Article] = []
    in_fence = False
    # Cheap character tests first: each pattern needs its character, and most lines have none.
    for number, line in enumerate(body.split("\n"), first_line):
        if ("`" in line or "~" in line) and FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        match = HEADING.match(line) if line.startswith("#") else None
        if match:
            text = ATTR_LIST.sub("", match.group(2)).strip()
            title, style, value = split_numbering(text)
            headings.append(Heading(len(match.group(1)), text, number, title, style, value))
            continue
        article = ARTICLE.match(line) if "条" in line else None
        if article:
            articles.append(Article(chinese_to_int(article.group(1)), article.group(1), number))
    return headings, articles


# ---- nesting -------------------------------------------------------------------------------------
# Python-Markdown parses lists, quotes, `markdown` HTML blocks and emphasis by recursion: a page
# nested a few hundred levels deep overflows Python's stack (RecursionError) in the check and the
# build. `too_deep` measures nesting from above in one linear pass, before any parser sees the text.

_CONTAINER = re.compile(r"[ ]{0,3}(?:>[ \t]?|[*+-][ \t]+|[0-9]{1,9}[.)][ \t]+)")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_DELIMITER_RUN = re.compile(r"\*+|_+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def too_deep(text: str, limit: int) -> tuple[int, int] | None:
    """(1-based line, depth) of the first line where lists and quotes, HTML elements or emphasis
    nest deeper than `limit` (each measured from above), or None."""
    found = [f for f in (_block_depth(text, limit), _html_depth(text, limit), _emphasis_depth(text, limit)) if f]
    return min(found) if found else None


def _block_depth(text: str, limit: int) -> tuple[int, int] | None:
    """Containers a line opens or sits in: its indentation in 4-column steps plus the `>` and list
    markers it starts with. Each level takes at least one character of the line's prefix of
    spaces, tabs and marker characters, so only lines with a prefix longer than `limit` are measured."""
    for match in _prefixes(limit).finditer(text):
        end = text.find("\n", match.start())
        depth = _line_depth(text[match.start() : end if end >= 0 else len(text)])
        if depth > limit:
            return text.count("\n", 0, match.start()) + 1, depth
    return None


@functools.lru_cache(maxsize=4)
def _prefixes(limit: int) -> re.Pattern[str]:
    return re.compile(rf"^[ \t>*+\-0-9.)]{{{limit + 1},}}", re.M)


def _line_depth(line: str) -> int:
    stripped = line.lstrip(" \t")
    indent = line[: len(line) - len(stripped)]
    depth = len(indent.expandtabs(4)) // 4
    while (match := _CONTAINER.match(stripped)) is not None:
        depth += 1
        stripped = stripped[match.end() :]
    return depth


def _html_depth(text: str, limit: int) -> tuple[int, int] | None:
    """Open HTML elements (void and self-closed ones aside); a closing tag closes one level."""
    if text.count("<") <= limit:
        return None
    depth = 0
    for match in _TAG.finditer(text):
        closing, name, self_closed = match.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closed and name.lower() not in _VOID:
            depth += 1
            if depth > limit:
                return text.count("\n", 0, match.start()) + 1, depth
    return None


def _emphasis_depth(text: str, limit: int) -> tuple[int, int] | None:
    """Emphasis a paragraph leaves open: a run of * or _ followed by a non-space can open as many
    levels as it is long, one preceded by a non-space closes as many (a run that can do both closes
    when something is open); a blank line ends the paragraph and all it left open."""
    if text.count("*") + text.count("_") <= limit:
        return None
    depth, last = 0, 0
    for match in _DELIMITER_RUN.finditer(text):
        start, end = match.span()
        if depth and _BLANK_LINE.search(text, last, start):
            depth = 0
        last = end
        opens = end < len(text) and not text[end].isspace()
        closes = start > 0 and not text[start - 1].isspace()
        if closes and (depth or not opens):
            depth = max(depth - (end - start), 0)
        elif opens:
            depth += end - start
            if depth > limit:
                return text.count("\n", 0, start) + 1, depth
    return None
