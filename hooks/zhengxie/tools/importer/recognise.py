"""One document of an original, recognised: its front-matter values, its body as Markdown blocks,
its plan items and summary figures, and what a person must still decide (todos).

The head (title, 文号, 题注, reporter and dateline) is read before the first heading or sentence,
the signature (issuers and 成文日期) after the last; everything else is body. A value is taken only
from a line that states it; the rest is left for the editor and named in todos.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from zhengxie.model.corpus import Body, DocType, Vocabulary
from zhengxie.text.outline import int_to_chinese
from zhengxie.tools import scaffold
from zhengxie.tools.importer import figures as figures_mod
from zhengxie.tools.importer import items as items_mod
from zhengxie.tools.importer import lines
from zhengxie.tools.importer.blocks import NOTE_STYLE, Block
from zhengxie.tools.importer.dates import whole_date
from zhengxie.tools.importer.layout import read_layout
from zhengxie.tools.importer.word import chinese_numbered

MARK = "【待核：{}】"  # what the check reports as ZX130 until a person resolves it
HEAD_BLOCKS = 8  # the head is within the first blocks
TAIL_BLOCKS = 6
JOIN_MIN = 30  # a paragraph this long that stops mid-sentence continues in the next block
PERIOD_RANGE = re.compile(r"([0-9]{4})\s*[-—–至到]\s*([0-9]{4})\s*年")
PERIOD_HALF = re.compile(r"([0-9]{4})\s*年\s*(上|下)半年")
PERIOD_YEAR = re.compile(r"([0-9]{4})\s*年(?:度)?")
# 十四届三次会议以来, 政协洛阳市第十四届委员会第四次会议以来, 市政协六届二次会议以来, 上次全体会议以来
PERIOD_SINCE = re.compile(
    r"((?:(?:[市县区]政协|政协[\u4e00-\u9fff]{1,12}?)?第?[一二三四五六七八九十]+届(?:委员会第)?[一二三四五六七八九十]+次"
    r"|上次)(?:全体)?会议)以来"
)


@dataclass
class Todo:
    code: str  # the problem the check reports until it is done (ZX130, ZX215, ZX402 …)
    what: str  # Chinese: what a person must decide
    field: str = ""  # the front-matter field or plan item it concerns
    original: str = ""  # the placeholder or line as the original has it


class Fields(TypedDict, total=False):
    """The front-matter values read from an original, as the draft writes them."""

    title: str
    doc_number: str
    adopted: dict[str, str]  # caption, meeting, session, date (YYYY-MM-DD)
    dateline: str
    session: str
    reporter: str
    date: str  # YYYY-MM-DD
    issuers: list[str]
    period: str


@dataclass
class Recognised:
    fields: Fields = field(default_factory=Fields)  # front-matter values read from the original
    kind: str | None = None
    type_: str | None = None
    blocks: list[str] = field(default_factory=list)  # Markdown blocks of the body
    items: list[items_mod.Item] = field(default_factory=list)
    stated_count: str | None = None
    figures: list[figures_mod.Figure] = field(default_factory=list)
    todos: list[Todo] = field(default_factory=list)
    seen: list[tuple[str, str]] = field(default_factory=list)  # (what, value) recognised, for the report
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (original text, why not imported)
    accounted: dict[str, set[int]] = field(default_factory=dict)  # "fields" / "left": original paragraphs
    counts: dict[str, int] = field(
        default_factory=lambda: {
            "headings": 0,
            "articles": 0,
            "items": 0,
            "figures": 0,
            "residue": 0,
            "joined": 0,
            "run_in": 0,
            "tables": 0,
        }
    )


def mark_residue(text: str, found: Recognised, where: str) -> str:
    """The text with every placeholder replaced by a visible 待核 marker (never kept silently)."""
    spans = lines.residue(text)
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end, placeholder in spans:
        if start < last:
            continue
        kind = lines.residue_kind(placeholder)
        out.append(text[last:start])
        out.append(MARK.format(f"原件此处是未填写的占位符（{kind}）"))
        found.todos.append(
            Todo(
                "ZX130",
                f"{where}：原件的占位符“{placeholder}”（{kind}）——照原件的实际内容改写；"
                "原件就是空的，写“原件此处未填写”",
                original=placeholder,
            )
        )
        found.counts["residue"] += 1
        last = end
    out.append(text[last:])
    return "".join(out)


TITLE_YEAR = re.compile(r"(?:19|20)[0-9]{2}年度?")


def kind_and_type(title: str, vocab: Vocabulary) -> tuple[str | None, str | None]:
    """The registered type whose name or title pattern (data/kinds.yml `title_patterns`) the title
    contains, the longest first (半年工作总结 before 工作总结, 协商工作计划 before 工作计划); a type
    named 年度… also answers to its name without 年度. 的 is ignored (提案工作情况的报告), and so is a
    year standing between a type's words (常委会2025年工作报告)."""
    names: list[tuple[str, str, str]] = []  # (name or pattern, kind id, type id)
    for kind in vocab.kinds.values():
        for doc_type in kind.types.values():
            names.append((doc_type.name, kind.id, doc_type.id))
            if doc_type.name.startswith("年度"):
                names.append((doc_type.name[2:], kind.id, doc_type.id))
            names += [(pattern, kind.id, doc_type.id) for pattern in doc_type.title_patterns]
    plain = title.replace("的", "")
    yearless = TITLE_YEAR.sub("", plain)  # 常委会2025年工作报告: a year between a type's words
    for name, kind_id, type_id in sorted(names, key=lambda n: -len(n[0])):
        if name in title or name in plain or name in yearless:
            return kind_id, type_id
    return None, None


def period_of(title: str, doc_type: DocType | None) -> str | None:
    if (match := PERIOD_RANGE.search(title)) is not None:
        return f"{match.group(1)}-{match.group(2)}"
    if (match := PERIOD_HALF.search(title)) is not None:
        return f"{match.group(1)}-H{1 if match.group(2) == '上' else 2}"
    if (match := PERIOD_SINCE.search(title)) is not None:
        return match.group(0)
    if (match := PERIOD_YEAR.search(title)) is not None and (doc_type is None or doc_type.period != "half-year"):
        return match.group(1)
    return None


def body_names(body: Body, aliases: Sequence[str] = ()) -> list[str]:
    """What an original may call a registered body: its full name, its short name (whatever it ends
    with), the other names the registry lists for it (`aliases`), 政协X委员会 and X政协 for its place
    X (from 中国人民政治协商会议X委员会 or the short name X政协), and X itself."""
    names = [body.name, body.short, *getattr(body, "aliases", ()), *aliases]
    place = ""
    if body.name.startswith(FULL_PREFIX) and body.name.endswith("委员会"):
        place = body.name[len(FULL_PREFIX) : -len("委员会")]
    elif body.short.endswith("政协"):
        place = body.short[: -len("政协")]
    if place:
        names += [f"政协{place}委员会", f"{place}政协", place]
    return [name for name in dict.fromkeys(names) if isinstance(name, str) and len(name) >= 2]


FULL_PREFIX = "中国人民政治协商会议"


def body_aliases(path: Path) -> dict[str, list[str]]:
    """Body id -> the other names data/bodies.yml lists for it (`aliases:`, optional); {} when the
    file has none or does not read (the registry's own check reports that)."""
    import yaml

    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    found: dict[str, list[str]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and isinstance(entry.get("aliases"), list):
            found[entry["id"]] = [a.strip() for a in entry["aliases"] if isinstance(a, str) and a.strip()]
    return found


def body_of(texts: list[str], vocab: Vocabulary, aliases: Mapping[str, Sequence[str]] | None = None) -> str | None:
    """The body that the title, the signature or the first paragraph names — by the longest of
    its names found (青峰镇政协工作办公室 before 莒县) — when exactly one body names it so."""
    best: dict[str, int] = {}
    for body in vocab.bodies.values():
        for name in body_names(body, (aliases or {}).get(body.id, ())):
            if any(name in text for text in texts):
                best[body.id] = max(best.get(body.id, 0), len(name))
    if not best:
        return None
    longest = max(best.values())
    winners = [body_id for body_id, length in best.items() if length == longest]
    return winners[0] if len(winners) == 1 else None


ORGAN = re.compile(r"(?:中国人民政治协商会议|政协)([\u4e00-\u9fff]{2,12}?)委员会|([\u4e00-\u9fff]{2,12}?)政协")
NOT_PLACE = re.compile(r"年度|年|关于|印发|转发|》|《|的|和|与|及")
LEVELS = (
    ("市", "city"),
    ("县", "county"),
    ("区", "district"),
    ("镇", "township"),
    ("乡", "township"),
    ("省", "province"),
)


def body_entry(texts: list[str]) -> str | None:
    """A ready-to-paste data/bodies.yml entry for the 政协 body the original names, when none is
    registered: name and short name as the original gives them; id and region for a person."""
    for text in texts:
        match = ORGAN.search(text)
        if match is None:
            continue
        place = NOT_PLACE.split(match.group(1) or match.group(2))[-1]
        level = next((lv for suffix, lv in LEVELS if place.endswith(suffix)), "")
        if len(place) < 2 or not (level or place.endswith(("州", "旗", "盟"))):
            continue  # 关于政协…: no place named
        return "\n".join(
            [
                "- id: 请改为英文小写字母、数字和连字符的编号  # 例如 yunxi-city",
                f"  name: {FULL_PREFIX}{place}委员会",
                f"  short: {place}政协",
                f"  level: {level or '请填写 city/county/district/township'}",
                "  region: 请照实际填写所在地区",
                "  parent: null",
            ]
        )
    return None


def item_section(title: str, vocab: Vocabulary, kind: str | None, type_: str | None) -> bool:
    for profile in vocab.profiles_for(kind, type_, None) if kind else []:
        for spec in profile.sections:
            if spec.name in scaffold.ITEM_SECTIONS and spec.matches(title):
                return True
    return False


def recognise(
    blocks: list[Block],
    vocab: Vocabulary,
    kind: str | None = None,
    type_: str | None = None,
    columns: items_mod.Columns | None = None,
) -> Recognised:
    found = Recognised(kind=kind, type_=type_)
    names = items_mod.Names(vocab, columns)
    found.counts["source"] = len(blocks)
    blocks, layout = read_layout(blocks)
    found.left_out += layout.left_out
    if layout.title_joined:
        found.seen.append(("标题（原件分两行）", layout.title_joined))
    head, body, tail = _zones(blocks)
    found.accounted["left"] = set(layout.left_numbers)
    found.accounted["fields"] = {n for b in head + tail for n in (b.number, *b.joined)}
    _read_head(head, found, vocab)
    if found.kind is None and "title" in found.fields:
        found.kind, found.type_ = kind_and_type(found.fields["title"], vocab)
        if found.kind:
            found.seen.append(("种类", f"{found.kind}/{found.type_}（由标题得出）"))
    elif found.kind and found.type_ is None and "title" in found.fields:
        guessed_kind, guessed_type = kind_and_type(found.fields["title"], vocab)
        if guessed_kind == found.kind:
            found.type_ = guessed_type
    _read_tail(tail, found)
    dated = DATE_FIRST.match(found.fields.get("dateline", ""))
    if "date" not in found.fields and dated and (date := whole_date(dated.group(1))) is not None:
        found.fields["date"] = date.isoformat()  # a report given at a meeting: 2025年1月8日在…会议上
        found.seen.append(("成文日期（由落款的报告日期得出）", date.isoformat()))
    if "issuers" not in found.fields and layout.masthead and lines.issuer(layout.masthead):
        found.fields["issuers"] = [layout.masthead]
        found.seen.append(("发文机关（由发文机关标志得出，原件没有落款）", layout.masthead))
    _read_body(body, found, vocab, names)
    return found


def _zones(blocks: list[Block]) -> tuple[list[Block], list[Block], list[Block]]:
    """(head, body, tail): the lines before the text, the text, the signature and date after it;
    the notes Word prints at the foot (placed after everything) stay with the text."""
    notes_from = len(blocks)
    while notes_from and blocks[notes_from - 1].style == NOTE_STYLE:
        notes_from -= 1
    blocks, notes = blocks[:notes_from], blocks[notes_from:]
    head_end = 0
    for index, block in enumerate(blocks[:HEAD_BLOCKS]):
        if block.is_table or lines.heading(block.text) or lines.article(block.text) or block.listed:
            break
        if block.level and not lines.title_like(block.text):  # a Heading-styled line: the body begins
            break
        if not (_head_line(block.text) or block.style == "Title"):  # Word's Title style names the title
            break
        head_end = index + 1
    end = _attachment_after_signature(blocks, head_end)
    tail_start = end
    for index in range(end - 1, max(head_end, end - TAIL_BLOCKS) - 1, -1):
        text = blocks[index].text
        if blocks[index].is_table or not (whole_date(text) or lines.issuer(text)):
            break
        tail_start = index
    return blocks[:head_end], blocks[head_end:tail_start] + blocks[end:] + notes, blocks[tail_start:end]


# 附件, 附件1, or 附件：<the attachment's name> on one line (a name, not a sentence: no 。；)
ATTACHMENT = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]{0,3}\s*(?:[:：]?$|[:：][\s　]*[^。；;]{2,60}$)")


def _attachment_after_signature(blocks: list[Block], start: int) -> int:
    """Where an attachment printed after the signature and date begins, or the end: a line 附件 or
    附件1 (or 附件：its name) right after the 成文日期, or the attached document's own title right after a signature
    and its date (a 印发通知 followed by what it issues). The signature is read before it, the
    attachment as text."""
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if block.is_table:
            continue
        before = blocks[index - 1]
        if before.is_table or not whole_date(before.text):
            continue
        if ATTACHMENT.match(block.text.strip()):
            return index
        signed = index >= 2 and not blocks[index - 2].is_table and lines.issuer(blocks[index - 2].text)
        if signed and index + 1 < len(blocks) and lines.title_like(block.text) and not whole_date(block.text):
            return index
    return len(blocks)


def _head_line(text: str) -> bool:
    return bool(
        lines.title_like(text)
        or lines.doc_number(text)
        or lines.caption(text)
        or lines.dateline(text)
        or lines.reporter(text)
        or whole_date(text)
        or lines.issuer(text)
    )


DATE_FIRST = re.compile(r"^(\S{6,16}?日)(?:在|于)")


def _read_head(head: list[Block], found: Recognised, vocab: Vocabulary) -> None:
    issuers_above: list[str] = []
    for block in head:
        text = block.text
        if (number := lines.doc_number(text)) is not None:
            found.fields["doc_number"] = number
            found.seen.append(("文号", number))
        elif (adopted := lines.caption(text)) is not None:
            found.fields["adopted"] = adopted
            found.seen.append(("题注", adopted["caption"]))
        elif (dl := lines.dateline(text)) is not None:
            found.fields["dateline"], found.fields["session"] = dl
            found.seen.append(("落款", dl[0]))
        elif (rep := lines.reporter(text)) is not None:
            found.fields["reporter"] = rep
            found.seen.append(("报告人", rep))
        elif (date := whole_date(text)) is not None:
            found.fields["date"] = date.isoformat()
            found.seen.append(("成文日期", f"{text}（{date.isoformat()}）"))
        elif "title" not in found.fields and (lines.title_like(text) or block.style == "Title"):
            found.fields["title"] = mark_residue(lines.title_text(text), found, "标题")
            found.seen.append(("标题", text))
        elif lines.issuer(text) and "title" not in found.fields:
            issuers_above.append(text)
        else:
            found.blocks.append(mark_residue(text, found, "文首"))
            found.accounted.get("fields", set()).discard(block.number)  # in the text, not a field
    if issuers_above:
        found.fields["issuers"] = issuers_above
        found.seen.append(("发文机关", "、".join(issuers_above)))


def _read_tail(tail: list[Block], found: Recognised) -> None:
    issuers: list[str] = []
    for block in tail:
        if (date := whole_date(block.text)) is not None:
            found.fields.setdefault("date", date.isoformat())
            found.seen.append(("成文日期", f"{block.text}（{date.isoformat()}）"))
        else:
            issuers.append(block.text)
    if issuers:
        found.fields.setdefault("issuers", issuers)
        found.seen.append(("发文机关（落款）", "、".join(issuers)))


def _read_body(body: list[Block], found: Recognised, vocab: Vocabulary, names: items_mod.Names) -> None:
    styles: list[str] = []  # heading kinds in the order they first appear: the first is ##
    for block in body:
        key = _heading_key(block)
        if key is not None and key not in styles:
            styles.append(key)
    is_plan = found.kind is not None and vocab.kinds[found.kind].data == "plan-items"
    in_items = False
    heading_form: str | None = None  # the form a heading in the item section names: its items take it
    form_key = ""  # that heading's kind
    section_item: items_mod.Item | None = None  # an item whose own sub-section states its values
    section_in_items = False  # whether that sub-section stands in the plan's item section
    section_form: str | None = None  # the form that sub-section's heading names (…召开专题协商会)
    section_key = ""  # that heading's kind
    line_item: items_mod.Item | None = None  # the item the last line made: labelled lines after it are its values
    value_label = ""  # a sub-heading naming an item field (（一）协商形式): the next paragraph is its value
    numbered_items = False  # items under the current heading came from numbered lines
    prose_listed = False  # a plain paragraph under the current heading listed its topics as items
    paragraphs = _Sources()  # body text for figures and the stated count, with where it stands
    pending = ""  # a paragraph broken across blocks
    for position, block in enumerate(body):
        if block.is_table:
            pending = _flush(pending, found, paragraphs)
            parsed = items_mod.from_table(block.rows, names, block.where, heading_form) if is_plan else None
            if parsed and parsed[0]:
                _add_items(found, parsed[0])
                found.left_out += parsed[2]
                found.counts["tables"] += 1
                for column in parsed[1]:
                    found.todos.append(
                        Todo("", f"表格的“{column}”一栏不是协商项目的字段，已写进各项的注释，请决定放在哪里")
                    )
            else:
                found.blocks.append(_markdown_table(block.rows, found))
                paragraphs.tables += 1
                paragraphs.items += figures_mod.table_sources(
                    block.rows, block.where, paragraphs.section, paragraphs.index
                )
            continue
        text = block.text
        key = _heading_key(block)
        if (
            key is not None
            and section_item is not None
            and section_key
            and styles.index(key) > styles.index(section_key)
            and items_mod.labelled_line(text, names) is not None
        ):
            key = None  # （一）协商形式：专题协商会 under the item's heading: its values, not a heading
        previous_item, line_item = line_item, None
        if previous_item is not None and key is None and (pairs := items_mod.labelled_line(text, names)):
            pending = _flush(pending, found, paragraphs)  # 1.议题 / 牵头单位：… / 时间：…: the item's values
            for label, value in pairs:
                if value:
                    items_mod.place(previous_item, label, value, names)
            line_item = previous_item
            continue
        if previous_item is not None and key is None and items_mod.sentence_values(previous_item, text, names):
            pending = _flush(pending, found, paragraphs)  # 1.议题 / 由A牵头，B配合，5月召开。: the item's values
            line_item = previous_item
            continue
        under_form = bool(heading_form) and key != form_key and styles.index(key or form_key) > styles.index(form_key)
        valued_line = is_plan and key is not None and items_mod.carries_values(text, names)
        if (
            key is not None
            and not key.startswith("level")
            and (under_form or (valued_line and (in_items or "form" in items_mod.bracket_labels(text, names))))
            and (line_items := items_mod.line_items(items_mod.strip_number(text), names, heading_form))
        ):  # a heading as high as the form's ends its items
            # a numbered line under a heading that names a form, or in the item section with its values
            # in brackets (1.议题（专题协商会，4月）): an item, not a heading
            pending = _flush(pending, found, paragraphs)
            _add_items(found, line_items, block.where)
            line_item = line_items[-1]
            numbered_items = True
            continue
        if (
            key is not None
            and section_item is not None
            and styles.index(key) > styles.index(section_key)  # under the item's own heading
            and (field_label := items_mod.column_label(text, names))
            and _value_next(body, position)
        ):
            pending = _flush(pending, found, paragraphs)  # （一）协商形式 over its value: no heading
            value_label = field_label
            found.left_out.append((text, "项目一栏的名称：下一段是这一项的值，已读进项目"))
            continue
        if value_label and section_item is not None and key is None and not block.is_table:
            pending = _flush(pending, found, paragraphs)
            _section_values(section_item, [(value_label, text.strip().rstrip("。；;"))], found, names, section_form)
            value_label = ""
            continue
        value_label = ""
        if (
            key is not None
            and section_item is not None
            and section_item in found.items
            and styles.index(key) > styles.index(section_key)
            and position + 1 < len(body)
            and items_mod.labelled_line(body[position + 1].text, names) is not None
        ):  # （四）组织实施 over 牵头领导：… / 责任部门：…: a group of the item's values, no new section
            pending = _flush(pending, found, paragraphs)
            found.left_out.append((text, "项目各栏的分组名称（其下各栏已读进项目），不是字段"))
            continue
        if key is not None:
            pending = _flush(pending, found, paragraphs)
            numbered_items = False
            level = min(6, 2 + styles.index(key))
            heading = None if key.startswith("level") else lines.heading(text)
            if heading is not None:
                numberings: dict[lines.HeadingStyle, str] = {
                    "chapter": f"第{heading.numeral}章　",
                    "han": f"{heading.numeral}、",
                    "paren": f"（{heading.numeral}）",
                    "arabic": f"{heading.numeral}. ",
                    "paren-arabic": f"（{heading.numeral}）",
                }
                line, title = numberings[heading.style] + heading.title, heading.title
            else:  # a Heading style or an outline level: the line as Word shows it
                line = title = text
            found.blocks.append("#" * level + " " + mark_residue(line, found, "标题"))
            found.counts["headings"] += 1
            # a heading that names a form, in the items' section — or, in any plan, one that is
            # nothing but a registered form's name (（一）在基层协商): the lines under it are its items
            numbered = lines.heading(title)  # a Heading style keeps its typed number: （一）在基层协商
            bare = (numbered.title if numbered is not None else title).rstrip("。")
            named = names.form_in(title) if in_items else names.form_heading(bare)
            heading_form = named if is_plan and level > 2 else None
            form_key = key
            section_item = None
            prose_listed = False
            if is_plan and (heading_form is None or names.form_heading(bare) is None):
                # its values in labelled lines (a section of the top level only when they label a form);
                # a heading naming a topic and its form (（一）围绕“…”开展专题协商) too, not a form alone
                section_item = items_mod.Item(names.topic(bare), where=block.where)
                section_in_items = in_items and level > 2
                section_form = names.form_in(bare)
                section_key = key
            if level == 2:  # a Heading style's typed number (一、协商议题) is no part of the section's name
                # a section named by a form (一、专题协商): its tables and numbered lines are that form's items
                heading_form = names.form_heading(bare) if is_plan else None
                in_items = is_plan and (item_section(bare, vocab, found.kind, found.type_) or heading_form is not None)
                paragraphs.section, paragraphs.index = title, paragraphs.index + 1
                paragraphs.top = title
                paragraphs.starts.append(len(found.blocks) - 1)
            else:  # a sub-section of what is to be done (（四）下步打算): a section of its own for figures
                paragraphs.section = title if figures_mod.FORWARD.search(title) else paragraphs.top
            continue
        if (art := lines.article(text)) is not None:
            pending = _flush(pending, found, paragraphs)
            numeral = art[0] if not art[0].isdigit() else int_to_chinese(int(art[0]))
            pending = f"第{numeral}条　{art[1]}"
            paragraphs.current = block.where
            found.counts["articles"] += 1
            continue
        if (
            section_item is not None
            and (pairs := items_mod.labelled_line(text, names)) is not None
            and (
                section_in_items
                or section_form is not None
                or section_item in found.items
                or any(names.column(k) == "form" for k, _ in pairs)
            )
        ):
            pending = _flush(pending, found, paragraphs)
            _section_values(section_item, pairs, found, names, section_form)
            for label in (label for label, value in pairs if not value):
                found.left_out.append((f"{label}：", "项目各栏的分组名称（其下各栏已读进项目），不是字段"))
            continue
        labelled_form = is_plan and items_mod.names_form(text, names)  # …。形式：专题协商会；时间：5月
        typed_number = items_mod.strip_number(text) != text.strip()
        # a numbered line under a heading naming a form, or one whose bracketed values label a form
        valued = (
            is_plan and typed_number and (heading_form is not None or "form" in items_mod.bracket_labels(text, names))
        )
        if (
            is_plan
            and (in_items or block.listed or labelled_form or valued)
            and (lines.run_in(text) or block.listed or typed_number or heading_form)
            and (typed_number or block.listed or not numbered_items)  # a numbered item's siblings are numbered
            and (line_items := items_mod.line_items(items_mod.strip_number(text), names, heading_form))
        ):
            pending = _flush(pending, found, paragraphs)
            _add_items(found, line_items, block.where)
            line_item = line_items[-1]
            numbered_items = numbered_items or typed_number
            continue
        in_own_section = section_item is not None and section_item in found.items  # its sentences describe it
        placed_prose = typed_number or block.listed or in_items or heading_form
        if is_plan and not in_own_section:
            told, _ = items_mod.sentence_items(items_mod.strip_number(text), names)  # prose names its form
            # a plain paragraph elsewhere (a 工作要点's running text) tells items when it lists two or
            # more of them (安排议题2个，分别围绕A、B召开…), and so its sibling paragraphs too
            if not placed_prose and len(told) < 2 and not prose_listed:
                told = []
            prose_listed = prose_listed or (not placed_prose and bool(told))
            if told:  # items told in a paragraph of prose (围绕X召开专题协商会，由A牵头): the paragraph stays
                pending = _flush(pending, found, paragraphs)
                paragraphs.current = block.where
                _flush(text, found, paragraphs)
                _add_items(found, told, block.where)
                continue
        if lines.run_in(text):
            found.counts["run_in"] += 1
        if (
            pending
            and not pending.endswith(tuple("。！？；：”）」"))
            and len(pending) >= JOIN_MIN
            and not lines.run_in(text)
        ):
            pending += text  # the original broke a sentence across lines (a page or a web copy)
            found.counts["joined"] += 1
            continue
        pending = _flush(pending, found, paragraphs)
        pending = text
        paragraphs.current = block.where
    _flush(pending, found, paragraphs)
    items_mod.fill_unstated(found.items)
    if is_plan and (count := stated_count(paragraphs.items)) is not None:
        found.stated_count = count
        found.seen.append(("正文写明的项目数", count))
    if found.kind and vocab.kinds[found.kind].data == "summary-figures":
        registered = figures_mod.registered_counts(vocab.measures.values(), vocab.names_of("measures").names)
        _figures(found, paragraphs, registered)
    found.counts["items"] = len(found.items)
    found.counts["figures"] = len(found.figures)


VALUE_MAX = 60  # a value under a sub-heading naming its field is a phrase, not a paragraph of prose


def _value_next(body: list[Block], position: int) -> bool:
    """Whether the block after a sub-heading is one value: a short line, no heading, no sentences."""
    if position + 1 >= len(body):
        return False
    after = body[position + 1]
    text = after.text.strip().rstrip("。；;")
    return (
        not after.is_table
        and _heading_key(after) is None
        and 0 < len(text) <= VALUE_MAX
        and not any(c in text for c in "。；;")
    )


def _section_values(
    item: items_mod.Item,
    pairs: list[tuple[str, str]],
    found: Recognised,
    names: items_mod.Names,
    heading_form: str | None = None,
) -> None:
    """Labelled values of an item stated in its own section; the first makes the section an item.
    With no form labelled, the item takes the one its heading names (围绕“…”召开专题协商会)."""
    if item not in found.items:
        _add_items(found, [item])
    for label, value in pairs:
        if value:
            items_mod.place(item, label, value, names)
    if item.form is None and heading_form is not None and "form" not in item.labelled:  # not one labelled unknown
        item.form = heading_form


ITEMS_MACRO = scaffold.MACROS["plan-items"]


def _add_items(found: Recognised, items: list[items_mod.Item], where: str | None = None) -> None:
    """Items read from the original (from `where`, when given); the first of them places the items
    table in the draft, where the original began to list them."""
    for item in items:
        if where is not None:
            item.where = where
    found.items += items
    if ITEMS_MACRO not in found.blocks:
        found.blocks.append(ITEMS_MACRO)


MARKDOWN_START = re.compile(r"^([#>*+\-=|]|[0-9]{1,3}\.\s)")  # would start a heading, quote, list or table


def _heading_key(block: Block) -> str | None:
    """What kind of heading a body line is — "level2" for a Heading 2 style or outline level, a
    numbering style (han, paren …) for a typed or Chinese-numbered line — or None. A paragraph in
    a decimal or bulleted Word list is a list item, never a heading; an article is never one."""
    if block.is_table or lines.article(block.text):
        return None
    if block.level:
        return f"level{block.level}"
    if block.listed and not chinese_numbered(block):
        return None
    heading = lines.heading(block.text)
    return heading.style if heading is not None else None


STATED = re.compile(  # a minimum (不少于2次) is a target, not the number of the plan's items
    r"(?:安排|开展|确定|计划|拟|共)[^。]{0,40}?(?<![0-9一二三四五六七八九十两约])(?<!不少于)(?<!至少)(?<!不低于)((?:约)?(?:[0-9]{1,3}|[一二三四五六七八九十两]{1,3})(?:余|多)?"
    r"(?:个|件|项|次)(?:左右)?)"
)


MINIMUM = re.compile(r"不少于|不低于|至少|每[个年季月]?|各[\u4e00-\u9fff]{0,6}?(?:组|委|单位|乡镇|界别)")


def stated_count(sources: list[figures_mod.Source]) -> str | None:
    """The number of items the plan's text states, as stated (15个, 10项左右): the first such
    phrase whose clause is about 协商 or 议题 (本年度协商议题共2项); a count of other work (培训3次)
    is no count of the plan's items."""
    for source in sources:
        if "表格" in source.where:
            continue
        for match in STATED.finditer(source.text):
            if MINIMUM.search(match.group(0)):  # 各…全年开展不少于2次: a requirement, not the plan's count
                continue
            clause = source.text[max(source.text.rfind(p, 0, match.start()) for p in "。；，") + 1 : match.end()]
            if "协商" in clause or "议题" in clause:
                return match.group(1)
    return None


@dataclass
class _Sources:
    items: list[figures_mod.Source] = field(default_factory=list)
    section: str = ""  # the current ## heading (or a sub-heading of what is to be done under it)
    top: str = ""  # the current ## heading
    index: int = -1  # which ## section (-1: before the first)
    starts: list[int] = field(default_factory=list)  # index in found.blocks of each ## heading
    tables: int = 0
    current: str = ""  # where the paragraph being read began in the original

    def append(self, text: str) -> None:
        self.items.append(figures_mod.Source(text, self.current, self.section, self.index))


def _figures(found: Recognised, paragraphs: _Sources, registered: figures_mod.Registered) -> None:
    """The figures, each with where it came from; the data macro placed at the end of the section
    the first of them came from (not after a later section of plans); a section of plans set aside."""
    topic = str(found.fields.get("title", ""))
    found.figures, conflicts, aside = figures_mod.figures_in(paragraphs.items, registered, topic)
    for earlier, later in conflicts:
        found.todos.append(
            Todo(
                "",
                f"数字 {earlier.path} 在原件中有两个值（{earlier.value} 和 {later.value}），"
                f"都没有写进数据文件：请对照原件决定",
                original=f"{earlier.sentence} / {later.sentence}",
            )
        )
    for source in aside:
        found.seen.append(
            (
                "没有记为数字",
                f"{source.where}在“{source.section}”一节，是打算或目标，不是已完成的数：{source.text[:40]}",
            )
        )
    if not found.figures:
        return
    first = next((f for f in found.figures if f.path != "figures"), found.figures[0])
    index = next((s.section_index for s in paragraphs.items if s.where == first.where), -1)
    following = [start for number, start in enumerate(paragraphs.starts) if number > index]
    position = following[0] if following else len(found.blocks)
    found.blocks.insert(position, "{{ summary_figures() }}")


def _flush(pending: str, found: Recognised, paragraphs: _Sources) -> str:
    if pending:
        paragraphs.append(pending)
        text = mark_residue(pending, found, "正文")
        if MARKDOWN_START.match(text):  # the original's text, not markup: 1\. or \#
            text = text.replace(".", "\\.", 1) if text[0].isdigit() else "\\" + text
        found.blocks.append(text)
    return ""


def _markdown_table(rows: list[list[str]], found: Recognised) -> str:
    width = max(len(row) for row in rows)
    cells = [
        [mark_residue(c, found, "表格").replace("|", "｜") for c in row + [""] * (width - len(row))] for row in rows
    ]
    out = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
    out += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n".join(out)
