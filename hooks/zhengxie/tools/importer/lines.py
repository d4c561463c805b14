"""Recognising one line of an original: headings, articles, 文号, 题注, reporter and dateline lines,
signatures, part separators (篇一 … 篇七) and template residue.

Every pattern is anchored or bounded and has no nested quantifiers: a line is matched in time
linear in its length (lines are cut at blocks.MAX_LINE characters anyway).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from zhengxie.checks.residue import RESIDUE
from zhengxie.text.outline import chinese_to_int
from zhengxie.tools.importer.dates import DATE

NUM = "零〇一二三四五六七八九十百千万亿两"
HEADING_MAX = 40  # a numbered line longer than this, or with a sentence inside, is a paragraph

# Heading styles from the outermost in; the Markdown level follows the order they appear in.
HeadingStyle = Literal["chapter", "han", "paren", "arabic", "paren-arabic"]
STYLES: tuple[HeadingStyle, ...] = ("chapter", "han", "paren", "arabic", "paren-arabic")
_HEADING: tuple[tuple[HeadingStyle, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"^第([{NUM}]{{1,4}})章[\s　]*(.*)$")),
    ("han", re.compile(rf"^([{NUM}]{{1,4}})\s*[、，,．.][\s　]*(.+)$")),
    ("paren", re.compile(rf"^[（(]([{NUM}]{{1,4}})[）)][\s　、]*(.+)$")),
    ("arabic", re.compile(r"^([0-9]{1,3})\s*[.、．][\s　]*(?![0-9])(.+)$")),
    ("paren-arabic", re.compile(r"^[（(]([0-9]{1,3})[）)][\s　、]*(.+)$")),
)
ARTICLE = re.compile(rf"^第([{NUM}0-9]{{1,12}})条[\s　]*(.*)$")
SENTENCE_END = "。！？；"
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,16}[〔\[［(（]([0-9]{4})[〕\]］)）]\s*(?:第\s*)?[0-9]{1,5}\s*号$")
CAPTION = re.compile(r"^[（(](.{4,120})[）)]$")
ADOPTED = re.compile(r"(通过|批准|修订|修正)$")
SESSION = re.compile(rf"第?([{NUM}]{{1,4}})届")
MEETING = re.compile(
    rf"((?:第[{NUM}0-9]{{1,4}}次)?(?:主席会议|主席办公会议|常务委员会(?:第[{NUM}0-9]{{1,4}}次)?会议"
    rf"|常委会(?:第[{NUM}0-9]{{1,4}}次)?会议|全体会议))"
)
DATELINE = re.compile(r"^[（(—\-\s]*(.{0,20}?日)?\s*在(.{4,80}?)上[）)]?$")
REPORTER = re.compile(r"^[（(]?(?:\S{2,40}?)(?:主席|副主席|秘书长|副秘书长|主任|副主任|常委)[\s　]+\S{2,4}[）)]?$")
ISSUER = re.compile(
    r"^(?:中共|中国共产党|中国人民政治协商会议|政协)?\S{0,30}?(?:委员会|人民政府|政府|办公室|办公厅|政协|工作室|委员会办公室)$"
)
PART = re.compile(rf"篇([{NUM}]{{1,3}})$")
PART_MAX = 60
TITLE_WORDS = re.compile(r"(规则|办法|细则|规定|计划|要点|安排|总结|报告|意见|方案|体会|制度|通知|决定|纪要)$")

# Beyond the check's residue (20xx, xxx, □, 十x届, ＿＿): a lone _ or ＿ where a name was blanked out.
BLANK = re.compile(r"(?<=[\u4e00-\u9fff，。、“])[_＿]+|[_＿]+(?=[\u4e00-\u9fff“])")
RESIDUE_KINDS = (
    ("年份", re.compile(r"^(19|20)")),
    ("届次", re.compile(r"[届次]$")),
    ("方框", re.compile(r"^□")),
    ("空格线", re.compile(r"^[_＿]")),
)


@dataclass(frozen=True)
class HeadingLine:
    style: HeadingStyle
    number: int | None
    numeral: str
    title: str


def heading(text: str, listed: bool = False) -> HeadingLine | None:
    """A numbered heading: short, and no sentence inside (一、指导思想 — not 1、做好调研。今年…)."""
    for style, pattern in _HEADING:
        match = pattern.match(text)
        if match is None:
            continue
        title = match.group(2).strip()
        if style == "chapter" and not title:
            return HeadingLine(style, chinese_to_int(match.group(1)), match.group(1), "")
        if not title or len(text) > HEADING_MAX or any(c in title.rstrip(SENTENCE_END) for c in SENTENCE_END):
            return None
        if (title[-1] in SENTENCE_END and title[-1] != "。") or (title[-1] == "。" and style != "han"):
            return None  # （一）坚持正确方向。 is a short provision, not a heading
        numeral = match.group(1)
        number = int(numeral) if numeral.isdigit() else chinese_to_int(numeral)
        return HeadingLine(style, number, numeral, title.rstrip("。"))
    return None


def run_in(text: str) -> str | None:
    """The numbering style of a numbered paragraph that is not a heading (（一）突出重点。今年的协商…)."""
    for style, pattern in _HEADING:
        if pattern.match(text):
            return style
    return None


def article(text: str) -> tuple[str, str] | None:
    match = ARTICLE.match(text)
    if match and match.group(2):
        return match.group(1), match.group(2)
    return None


def doc_number(text: str) -> str | None:
    return text.strip() if DOC_NUMBER.match(text.strip()) else None


def caption(text: str) -> dict[str, str] | None:
    """A 题注 under the title, （2021年3月18日政协某市第十届委员会第五次主席会议通过）, as an adoption."""
    match = CAPTION.match(text.strip())
    if match is None or not ADOPTED.search(match.group(1)):
        return None
    adopted = {"caption": text.strip()}
    if meeting := MEETING.search(match.group(1)):
        adopted["meeting"] = meeting.group(1)
    if session := SESSION.search(match.group(1)):
        adopted["session"] = f"第{session.group(1)}届"
    if date := DATE.search(match.group(1)):
        from zhengxie.tools.importer.dates import to_date

        if (value := to_date(date)) is not None:
            adopted["date"] = value.isoformat()
    return adopted


def dateline(text: str) -> tuple[str, str] | None:
    """(dateline as printed, the meeting) for 2019年1月15日在政协某县第九届委员会第三次会议上."""
    stripped = text.strip()
    match = DATELINE.match(stripped)
    if match is None or "会议" not in match.group(2):
        return None
    return stripped.strip("（）()—- "), match.group(2).strip()


def reporter(text: str) -> str | None:
    stripped = text.strip()
    if len(stripped) <= 50 and REPORTER.match(stripped):
        return stripped.strip("（）()")
    return None


def issuer(text: str) -> bool:
    stripped = text.strip()
    if any(c in stripped for c in "：:；;，,。"):
        return False  # 牵头单位：…委员会 is a labelled line, not a signature
    if stripped.startswith("关于"):
        return False  # 关于政协…委员会 opens a title printed over two lines
    return 4 <= len(stripped) <= 40 and ISSUER.match(stripped) is not None


def part_separator(text: str) -> int | None:
    """篇N at the end of a short line: one of several documents in a collection begins."""
    stripped = text.strip()
    if len(stripped) > PART_MAX:
        return None
    match = PART.search(stripped)
    return chinese_to_int(match.group(1)) if match else None


# 工 作 报 告, 云 溪 市 政 协 2025 年: letter-spaced (single characters, a number kept whole)
SPACED = re.compile(r"^(?:[\u4e00-\u9fff]|[0-9]+)(?:[ 　]+(?:[\u4e00-\u9fff]|[0-9]+))+$")
SPACE_RUN = re.compile(r"[ 　]+")
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ 　]+(?=[\u4e00-\u9fff])")


def unspaced(text: str) -> str:
    """A line spaced out letter by letter (工 作 报 告), as its words: 工作报告; any other line as it is."""
    return SPACE_RUN.sub("", text) if SPACED.match(text) else text


def title_text(text: str) -> str:
    """A title as one line: a line break inside it (read as a space) or letter-spacing between
    Chinese characters is no part of the title — Chinese titles join their lines with nothing."""
    return CJK_GAP.sub("", unspaced(text.strip()))


def title_like(text: str) -> bool:
    stripped = unspaced(text.strip())  # a title spaced out letter by letter is a title
    return (
        4 <= len(stripped) <= 60
        and not any(c in stripped for c in "。；，,")
        and TITLE_WORDS.search(stripped) is not None
    )


def residue(text: str) -> list[tuple[int, int, str]]:
    """(start, end, what) of every placeholder left in the line: the check's residue, and the
    blanks outside it. Both lists come in order, so one sweep pairs them (linear, not their product)."""
    found = [(m.start(), m.end(), m.group(0)) for m in RESIDUE.finditer(text)]
    blanks, index = [], 0
    for match in BLANK.finditer(text):
        while index < len(found) and found[index][1] <= match.start():
            index += 1
        if index < len(found) and found[index][0] <= match.start():
            continue  # inside a residue match
        blanks.append((match.start(), match.end(), match.group(0)))
    return sorted(found + blanks)


def residue_kind(placeholder: str) -> str:
    return next((name for name, pattern in RESIDUE_KINDS if pattern.search(placeholder)), "名称")
