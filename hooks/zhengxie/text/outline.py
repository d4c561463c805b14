"""The outline of a Markdown body: headings and rule articles, with their source lines.

A light line scanner rather than a Markdown parser: it only needs ATX headings and paragraph
starts, and must skip fenced code so that examples in the guide are not taken for structure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_LIST = re.compile(r"\s*\{[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
ARTICLE = re.compile(r"^\s*(?:\*\*)?第([零〇一二三四五六七八九十百两\d]+)条(?:\*\*)?[\s　]")

# Numbering prefixes of Chinese official documents: 一、 / （一） / 第一章 / 1. / 1、
NUMBERING = re.compile(
    r"^(?:第(?P<chapter>[零〇一二三四五六七八九十百两\d]+)[章节部分]"
    r"|(?P<han>[零〇一二三四五六七八九十百两]+)、"
    r"|[（(](?P<paren>[零〇一二三四五六七八九十百两]+)[）)]"
    r"|(?P<arabic>\d+)[.、．])[\s　]*"
)

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # as written, numbering included
    line: int
    title: str  # text with its numbering prefix removed
    numbering_style: str | None  # "chapter" | "han" | "paren" | "arabic" | None
    number: int | None


@dataclass(frozen=True)
class Article:
    number: int | None
    numeral: str
    line: int


def chinese_to_int(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; Arabic digits pass through. None if malformed."""
    if numeral.isdigit():
        return int(numeral)
    total, current = 0, 0
    seen_unit = False
    for char in numeral:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current, seen_unit = 0, True
        elif char == "百":
            total += (current or 1) * 100
            current, seen_unit = 0, True
        else:
            return None
    if not seen_unit and len(numeral) > 1:
        return None
    return total + current


def int_to_chinese(number: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 999)."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    if number < 20:
        return "十" + (digits[number % 10] if number % 10 else "")
    if number < 100:
        return digits[number // 10] + "十" + (digits[number % 10] if number % 10 else "")
    hundreds, rest = divmod(number, 100)
    text = digits[hundreds] + "百"
    if rest == 0:
        return text
    if rest < 10:
        return text + "零" + digits[rest]
    return text + (digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else ""))


def split_numbering(text: str) -> tuple[str, str | None, int | None]:
    match = NUMBERING.match(text)
    if not match:
        return text.strip(), None, None
    style = match.lastgroup  # the one numbering group of the alternation that matched
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
