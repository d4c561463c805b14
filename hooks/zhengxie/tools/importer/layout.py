"""The 公文 layout around a document's text (GB/T 9704): what has a front-matter field is taken
for it, what has none is set aside with the reason, so the report lists it as left out — never
dropped silently, never glued to the text.

版头     份号, 密级, 紧急程度; the 发文机关标志 (a line "…文件" or a masthead table); the red rule;
         文号, with 签发人 on the same line
主体     a title over two lines is joined; 主送 (the addressees) before the text
版记     抄送 / 抄报 lines, the 印发 line (印发机关 and 印发日期), 附注 in brackets after the date
页面     page numbers (— 1 —)

Every pattern is anchored and bounded: a line is matched in time linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhengxie.tools.importer import lines
from zhengxie.tools.importer.blocks import Block
from zhengxie.tools.importer.dates import DATE, whole_date

HEAD_SCAN = 10  # the 版头 and 主送 lie within the first blocks
TITLE_PART_MAX = 40
TITLE_LINES = 3  # a title printed over at most this many lines
TITLE_TAIL_MAX = 10  # a last line this short holds only the type (常务委员会工作报告), no title alone
MASTHEAD = re.compile(r"^(\S.{1,38}?)[\s　]*文件$")
SERIAL = re.compile(r"^[0-9]{5,8}$")  # 份号
SECRECY = re.compile(r"^(?:绝密|机密|秘密|内部)(?:[★☆*＊][\s　]*\S{0,10})?$")
URGENCY = re.compile(r"^(?:特急|加急|特提|平急)$")
RULE = re.compile(r"^[\s　\-—─━_＿=＝]{3,}$")
PAGE_NUMBER = re.compile(r"^[—\-－–]\s*[0-9]{1,4}\s*[—\-－–]$|^第\s*[0-9]{1,4}\s*页(?:\s*共\s*[0-9]{1,4}\s*页)?$")
NUMBER_IN_LINE = re.compile(r"([\u4e00-\u9fff]{1,16}[〔\[［(（][0-9]{4}[〕\]］)）]\s*(?:第\s*)?[0-9]{1,5}\s*号)")
SIGNER = re.compile(r"签\s*发\s*人[\s　]*[:：][\s　]*(\S.{0,30})$")
COPY_TO = re.compile(r"^(抄\s*送|抄\s*报|分\s*送)[\s　]*[:：]")
PRINTED = re.compile(r"^(\S.{1,40}?)[\s　]+(\S{6,20}?)[\s　]*印\s*发$")
NOTE = re.compile(r"^[（(](此件|本件|联系人|附注)\S.{0,80}[）)]$")
RECIPIENTS = re.compile(r"^(?!各位)(\S.{1,120}?)[：:]$")
LEAD_IN = re.compile(r"如下[：:]$")  # 具体安排如下： introduces what follows; it names no addressee
RECIPIENT_WORDS = ("委员会", "政协", "办公室", "部门", "单位", "机关", "政府", "党组", "组", "局", "院", "各")


@dataclass
class Layout:
    masthead: str = ""  # the 发文机关标志's organ (the line without 文件), if any
    doc_number: str = ""  # 文号 read from a line it shares (with 签发人)
    recipients: str = ""  # 主送
    title_joined: str = ""  # a title the original prints over two lines, joined
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (the original's text, why left out)
    left_numbers: set[int] = field(default_factory=set)  # the paragraphs (Block.number) set aside


def read_layout(blocks: list[Block]) -> tuple[list[Block], Layout]:
    """The blocks without the layout's furniture, and what was found in it."""
    layout = Layout()
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if index < HEAD_SCAN and block.is_table and _number_row(block):
            text = "　".join(c for row in block.rows for c in dict.fromkeys(row) if c)  # 文号 | 签发人
            block = Block(text, number=block.number)
        if index < HEAD_SCAN and (not kept or not block.is_table) and _head_furniture(block, layout):
            layout.left_numbers.add(block.number)
            continue  # 版头 (a table only before anything of the document's own)
        if not block.is_table and _page_furniture(block.text, layout):
            layout.left_numbers.add(block.number)
            continue
        kept.append(block)
    kept = _head(kept, layout)
    before = {b.number for b in kept}
    kept = _tail(kept, layout)
    layout.left_numbers |= before - {b.number for b in kept}
    return kept, layout


def _head_furniture(block: Block, layout: Layout) -> bool:
    if block.is_table:
        cells = [cell for row in block.rows for cell in row if cell]
        joined = "".join(dict.fromkeys(cells))  # a merged cell once
        if cells and len(joined) <= 120 and (joined.endswith("文件") or all(lines.issuer(c) for c in cells)):
            layout.masthead = layout.masthead or _organ(joined)
            layout.left_out.append((joined, "发文机关标志（版头表格）：发文机关以落款为准"))
            return True
        return False
    text = block.text.strip()
    if SERIAL.match(text):
        layout.left_out.append((text, "份号：元数据没有这一项"))
    elif SECRECY.match(text):
        layout.left_out.append((text, "密级：元数据没有这一项，请确认原件可以公开"))
    elif URGENCY.match(text):
        layout.left_out.append((text, "紧急程度：元数据没有这一项"))
    elif RULE.match(text):
        layout.left_out.append((text, "版头分隔线"))
    elif (match := MASTHEAD.match(text)) is not None and not lines.title_like(text):
        layout.masthead = match.group(1).strip()
        layout.left_out.append((text, "发文机关标志（版头）：发文机关以落款为准"))
    else:
        return False
    return True


def _number_row(block: Block) -> bool:
    """A one-row table holding the 文号 and the 签发人 (a layout some templates use)."""
    cells = [c for row in block.rows for c in row if c]
    return (
        len(block.rows) == 1 and any(NUMBER_IN_LINE.search(c) for c in cells) and any(SIGNER.search(c) for c in cells)
    )


def _organ(text: str) -> str:
    return text[: -len("文件")].strip() if text.endswith("文件") else text


def _page_furniture(text: str, layout: Layout) -> bool:
    stripped = text.strip()
    if PAGE_NUMBER.match(stripped):
        layout.left_out.append((stripped, "页码"))
        return True
    return False


def _head(blocks: list[Block], layout: Layout) -> list[Block]:
    """文号 with 签发人 on one line; a two-line title joined; 主送 set aside."""
    out: list[Block] = []
    recipients_done = False
    index = 0
    while index < len(blocks):
        block = blocks[index]
        text = block.text.strip()
        near = index < HEAD_SCAN and not block.is_table
        if near and (signer := SIGNER.search(text)) is not None:
            number = NUMBER_IN_LINE.search(text)
            if number is not None:
                layout.doc_number = number.group(1)
                out.append(Block(number.group(1), style=block.style, number=block.number))  # the 文号 alone
            else:
                layout.left_numbers.add(block.number)
            layout.left_out.append((f"签发人：{signer.group(1).strip()}", "签发人：元数据没有这一项"))
            index += 1
            continue
        title_open = not _after_title(out)  # a title's lines: only before the title is read
        if near and title_open and (count := _title_lines(blocks, index)) > 1:
            parts = blocks[index : index + count]
            joined = "".join(lines.unspaced(p.text.strip()) for p in parts)
            layout.title_joined = joined
            style = parts[-1].style or block.style
            out.append(Block(joined, style=style, number=block.number, joined=tuple(p.number for p in parts[1:])))
            index += count
            continue
        if near and not recipients_done and _recipients(text) and _after_title(out):
            layout.recipients = text.rstrip("：:")
            layout.left_out.append((text, "主送机关：元数据没有这一项"))
            layout.left_numbers.add(block.number)
            recipients_done = True
            index += 1
            continue
        out.append(block)
        index += 1
    return out


# The second line of a title printed under the issuing organ's name: 关于…, or a year (2026年度…计划).
TITLE_AFTER_ORGAN = re.compile(r"^(关于|(19|20)[0-9]{2}年)")


def _title_lines(blocks: list[Block], index: int) -> int:
    """How many lines from `index` print one title: two (see _title_parts), or up to TITLE_LINES
    whose last holds no more than the document's type (工作报告, spaced out or not) — a line that
    cannot be a title alone, so the short lines above it, an organ's name among them, are the
    title's first part (中国人民政治协商会议 / …县第十二届委员会常务委员会 / 工 作 报 告)."""
    for count in range(TITLE_LINES, 1, -1):
        parts = blocks[index : index + count]
        if len(parts) < count or any(p.is_table for p in parts):
            continue
        last = lines.unspaced(parts[-1].text.strip())
        firsts = [p.text.strip() for p in parts[:-1]]
        if (
            lines.title_like(last)
            and len(last) <= TITLE_TAIL_MAX
            and all(_title_first_part(a) for a in firsts)
            and len("".join(firsts) + last) <= 80
        ):
            return count
    if index + 1 < len(blocks) and _title_parts(blocks[index], blocks[index + 1]):
        return 2
    return 0


def _title_first_part(text: str) -> bool:
    """A line that may open a title printed over several lines: short, no sentence punctuation, no
    title of its own, and no head line but an organ's name."""
    return (
        2 <= len(text) <= TITLE_PART_MAX
        and not any(c in text for c in "。；;：:，,")
        and not lines.title_like(text)
        and (lines.issuer(text) or not _known_head_line(text))
        and not whole_date(text)
    )


def _title_parts(first: Block, second: Block) -> bool:
    """Two lines of one title: the first no title and no head line of its own — or the issuing
    organ's name over a line beginning 关于 or a year (中国人民政治协商会议…委员会 / 关于印发…的通知) —
    without sentence punctuation; the second ends as a title does."""
    if first.is_table or second.is_table:
        return False
    a, b = first.text.strip(), lines.unspaced(second.text.strip())
    if NOTE.match(a):  # （此件公开发布） after the date: a note, not a title's first line
        return False
    organ_about = bool(lines.issuer(a)) and TITLE_AFTER_ORGAN.match(b) is not None and not whole_date(a)
    return (
        2 <= len(a) <= TITLE_PART_MAX
        and not any(c in a for c in "。；;：:")
        and not lines.title_like(a)
        and (organ_about or not _known_head_line(a))
        and lines.title_like(b)
        and len(a + b) <= 80
    )


def _known_head_line(text: str) -> bool:
    return bool(
        lines.doc_number(text)
        or lines.caption(text)
        or lines.dateline(text)
        or lines.reporter(text)
        or whole_date(text)
        or lines.issuer(text)
        or lines.heading(text)
        or lines.article(text)
        or MASTHEAD.match(text)
    )


def _recipients(text: str) -> bool:
    """主送: organs listed before a colon — never an article, a sentence introducing what follows
    (…如下：), or a line holding a number (a year or a count is no addressee)."""
    match = RECIPIENTS.match(text)
    return (
        match is not None
        and any(word in match.group(1) for word in RECIPIENT_WORDS)
        and "。" not in text
        and not lines.article(text)
        and not LEAD_IN.search(text)
        and not any(c.isdigit() for c in text)
    )


def _after_title(out: list[Block]) -> bool:
    return any(not b.is_table and (lines.title_like(b.text) or b.style == "Title") for b in out)


def _tail(blocks: list[Block], layout: Layout) -> list[Block]:
    """版记 (抄送, 印发) and 附注 set aside wherever they stand after the text."""
    out: list[Block] = []
    for block in blocks:
        text = block.text.strip()
        if block.is_table:
            cells = [c for row in block.rows for c in row if c]
            if any(COPY_TO.match(c) or PRINTED.match(c) for c in cells):
                for cell in dict.fromkeys(cells):
                    layout.left_out.append((cell, "版记（抄送、印发）：元数据没有这一项"))
                continue
        elif COPY_TO.match(text):
            layout.left_out.append((text, "版记（抄送）：元数据没有这一项"))
            continue
        elif (printed := PRINTED.match(text)) is not None and DATE.search(printed.group(2)):
            layout.left_out.append((text, "版记（印发机关和印发日期）：印发日期不是成文日期，元数据没有这一项"))
            continue
        elif NOTE.match(text) and out and not out[-1].is_table and whole_date(out[-1].text):
            layout.left_out.append((text, "附注：元数据没有这一项"))
            continue
        out.append(block)
    return out
