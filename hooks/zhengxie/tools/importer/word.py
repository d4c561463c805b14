"""Reading a Word file (.docx) as the adopted text Word shows, paragraph by paragraph.

One pass over the XML (lxml, entities never resolved, no network), after read.py has checked the
archive's declared sizes. Unlike python-docx's `Paragraph.text`, which skips what is not a plain run,
it keeps everything a reader of the printed document sees, and says what it leaves out:

- automatic numbering (numPr on the paragraph or its style) drawn into the text (numbering.py);
- Heading styles and outline levels (大纲级别) as the paragraph's heading level;
- tracked changes resolved to the adopted text: insertions kept, deletions dropped (and listed);
- comments dropped (and listed);
- footnotes and endnotes kept: 〔注N〕 in the text, the note's text as a paragraph at the end;
- text boxes kept as paragraphs after the one they are anchored in (Word's DrawingML box, not
  also its VML copy);
- content controls (w:sdt), hyperlinks, fields' results, smart tags kept as their text.

Work is proportional to the file: styles and numbering are read once, merged cells are taken from
the row above, nesting is bounded (MAX_DEPTH).
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhengxie.tools.importer.blocks import NOTE_STYLE, Block, ImportFailed, clean, count_blocks
from zhengxie.tools.importer.numbering import CHINESE_FORMATS, Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_DEPTH = 40  # nested controls, tables and text boxes; deeper content is read as text only
EXCERPT = 60
_DESCEND = {W + tag for tag in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir")}
_SKIP_RUN = {W + tag for tag in ("delText", "instrText", "rPr", "delInstrText", "commentReference")}
_BREAK = {W + tag for tag in ("tab", "ptab", "br", "cr")}
_DELETED = {W + "del", W + "moveFrom"}


@dataclass
class WordText:
    """What the reader found beside the blocks: revisions resolved and text deliberately left out."""

    inserted: int = 0  # tracked insertions kept
    deleted: list[str] = field(default_factory=list)  # tracked deletions dropped (their text)
    comments: list[str] = field(default_factory=list)  # comments dropped (their text)
    notes: int = 0  # footnotes and endnotes kept
    boxes: int = 0  # text boxes kept
    controls: int = 0  # content controls kept
    numbered: int = 0  # paragraphs whose automatic number was drawn into the text
    paragraphs: int = 0  # source paragraphs with text (body, cells, boxes, notes)
    too_deep: list[str] = field(default_factory=list)  # text nested past MAX_DEPTH, not read (its start)


def _parser() -> Any:
    from lxml import etree  # type: ignore[import-untyped]  # no stubs in the lock

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class _Package:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = set(archive.namelist())
        self.main = self._target("", "_rels/.rels", "officeDocument") or "word/document.xml"
        folder = posixpath.dirname(self.main)
        self.rels = posixpath.join(folder, "_rels", posixpath.basename(self.main) + ".rels")
        self.folder = folder

    def xml(self, name: str | None) -> Any:
        from lxml import etree

        if not name or name not in self.names:
            return None
        return etree.fromstring(self.archive.read(name), _parser())

    def _target(self, folder: str, rels: str, kind: str) -> str | None:
        root = self.xml(rels)
        if root is None:
            return None
        for rel in root.iterchildren(REL + "Relationship"):
            if (rel.get("Type") or "").endswith("/" + kind) and rel.get("TargetMode") != "External":
                target = rel.get("Target") or ""
                path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                return posixpath.normpath(path)
        return None

    def part(self, kind: str) -> Any:
        return self.xml(self._target(self.folder, self.rels, kind))


def read_word(path: Path, max_blocks: int, max_cells: int) -> tuple[list[Block], WordText]:
    """The blocks of a Word file as Word shows it, reading no more than `max_blocks` blocks and
    `max_cells` table cells (read.py checks the archive first and gives the limits)."""
    try:
        with zipfile.ZipFile(path) as archive:
            package = _Package(archive)
            document = package.xml(package.main)
            if document is None:
                raise ImportFailed(f"{path.name} 里没有正文部分：请在 Word 中重新另存为 .docx")
            reader = _Reader(
                path,
                (max_blocks, max_cells),
                _Styles(package.part("styles")),
                Numbering.read(package.part("numbering")),
                _notes(package.part("footnotes"), "footnote"),
                _notes(package.part("endnotes"), "endnote"),
            )
            comments = package.part("comments")
            body = document.find(W + "body")
            blocks = reader.blocks(body if body is not None else document, 0)
    except ImportFailed:
        raise
    except Exception as error:  # malformed XML or values (gridSpan="x" …): a message, never a traceback
        raise ImportFailed(f"{path.name} 无法按 Word 文档读取（{error}）：请在 Word 中重新另存为 .docx") from None
    found = reader.found
    if comments is not None:
        for comment in comments.iterchildren(W + "comment"):
            text = clean(" ".join(_plain(p) for p in comment.iter(W + "p")))
            if text:
                found.comments.append(text)
    for number, text in reader.note_texts:  # notes at the end, in the order they are referenced
        blocks.append(Block(f"注{number}：{text}", style=NOTE_STYLE))
        reader.count(1)
    return blocks, found


def _plain(p: Any) -> str:
    """A note's or comment's paragraph text, deletions left out."""
    out: list[str] = []
    for element in p.iter(W + "t", W + "tab", W + "br"):
        if any(a.tag in _DELETED for a in element.iterancestors(W + "del", W + "moveFrom")):
            continue
        out.append(element.text or "" if element.tag == W + "t" else " ")
    return "".join(out)


def _notes(root: Any, tag: str) -> dict[str, str]:
    notes: dict[str, str] = {}
    if root is None:
        return notes
    for note in root.iterchildren(W + tag):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        notes[note.get(W + "id") or ""] = clean(" ".join(_plain(p) for p in note.iter(W + "p")))
    return notes


class _Styles:
    """Paragraph styles read once: name, heading level (Heading N or outline level) and numbering,
    each through basedOn (bounded, cycles cut)."""

    def __init__(self, root: Any) -> None:
        from docx.styles import BabelFish

        raw: dict[str, tuple[str, str | None, int | None, tuple[str, int] | None]] = {}
        self.default = ""
        if root is not None:
            for style in root.iterchildren(W + "style"):
                if style.get(W + "type", "paragraph") != "paragraph":
                    continue
                name_el = style.find(W + "name")
                name = BabelFish.internal2ui(name_el.get(W + "val", "")) if name_el is not None else ""
                p_pr = style.find(W + "pPr")
                outline = _outline(p_pr)
                num = _num_pr(p_pr)
                based = style.find(W + "basedOn")
                style_id = style.get(W + "styleId") or ""
                raw[style_id] = (name, based.get(W + "val") if based is not None else None, outline, num)
                if style.get(W + "default") in ("1", "true", "on") and not self.default:
                    self.default = name
        self.names = {key: value[0] for key, value in raw.items()}
        self.levels: dict[str, int] = {}
        self.numbers: dict[str, tuple[str, int]] = {}
        for style_id in raw:
            outline, num, seen, current = None, None, 0, style_id
            while current in raw and seen < 20:
                name, based, own_outline, own_num = raw[current]
                outline = outline if outline is not None else own_outline
                num = num or own_num
                if outline is None:
                    outline = _heading_name(name)
                current, seen = based or "", seen + 1
            if outline is not None:
                self.levels[style_id] = outline
            if num is not None:
                self.numbers[style_id] = num


def _heading_name(name: str) -> int | None:
    """Heading N (标题 N) is outline level N-1."""
    for prefix in ("Heading ", "heading ", "标题 "):
        rest = name[len(prefix) :]
        if name.startswith(prefix) and rest.isdigit() and 1 <= int(rest) <= 9:
            return int(rest) - 1
    return None


def _outline(p_pr: Any) -> int | None:
    value = _val(p_pr, "outlineLvl")
    if value is None or not value.isdigit():
        return None
    level = int(value)
    return level if level < 9 else -1  # 9 is 正文文本 (body text): explicitly no heading


def _num_pr(p_pr: Any) -> tuple[str, int] | None:
    num_pr = p_pr.find(W + "numPr") if p_pr is not None else None
    if num_pr is None:
        return None
    num_id = _val(num_pr, "numId")
    ilvl = _val(num_pr, "ilvl") or "0"
    if num_id is None:
        return None
    return num_id, int(ilvl) if ilvl.isdigit() and len(ilvl) < 3 else 0


def _val(element: Any, tag: str) -> str | None:
    child = element.find(W + tag) if element is not None else None
    return child.get(W + "val") if child is not None else None


class _Reader:
    def __init__(
        self,
        path: Path,
        limits: tuple[int, int],
        styles: _Styles,
        numbering: Numbering,
        footnotes: dict[str, str],
        endnotes: dict[str, str],
    ) -> None:
        self.max_blocks, self.max_cells = limits
        self.path, self.styles, self.numbering = path, styles, numbering
        self.footnotes, self.endnotes = footnotes, endnotes
        self.found = WordText()
        self.blocks_seen, self.cells = 0, 0
        self.note_texts: list[tuple[int, str]] = []

    def count(self, blocks: int | bool) -> None:
        self.blocks_seen += blocks
        if self.blocks_seen > self.max_blocks:
            count_blocks(self.path, self.blocks_seen, self.max_blocks)

    def blocks(self, container: Any, depth: int, counted: bool = True) -> list[Block]:
        """The paragraphs and tables of a body, a content control, a cell or a text box; a cell's
        are counted as its cells, not as blocks (`counted`)."""
        found: list[Block] = []
        if depth > MAX_DEPTH:
            self._too_deep(container)
            return found
        for child in container.iterchildren():
            tag = child.tag
            if tag == W + "p":
                boxes: list[Any] = []
                block = self._paragraph(child, boxes)
                if block is not None:
                    found.append(block)
                    self.count(counted)
                for box in boxes:
                    self.found.boxes += 1
                    found += self.blocks(box, depth + 1, counted)
            elif tag == W + "tbl":
                table = self._table(child, depth)
                if table is not None:
                    found.append(table)
                    self.count(counted)
            elif tag == W + "sdt":
                self.found.controls += 1
                content = child.find(W + "sdtContent")
                if content is not None:
                    found += self.blocks(content, depth + 1, counted)
            elif tag in (W + "customXml", MC + "AlternateContent"):
                found += self.blocks(_chosen(child), depth + 1, counted)
            elif tag in (W + "ins", W + "moveTo"):  # a whole paragraph or table inserted with tracking on
                self.found.inserted += 1
                found += self.blocks(child, depth + 1, counted)
            elif tag in _DELETED:
                self._deleted(child)
        return found

    def _paragraph(self, p: Any, boxes: list[Any]) -> Block | None:
        parts: list[str] = []
        self._runs(p, parts, boxes, 0)
        text = clean("".join(parts))
        p_pr = p.find(W + "pPr")
        style_id = _val(p_pr, "pStyle")
        style = self.styles.names.get(style_id, self.styles.default) if style_id else self.styles.default
        if not text:
            return None
        self.found.paragraphs += 1
        num = _num_pr(p_pr) or (self.styles.numbers.get(style_id) if style_id else None)
        drawn = self.numbering.draw(*num) if num is not None else None
        listed = style.startswith("List Number") or drawn is not None
        numbering = ""
        if drawn is not None:
            number, numbering = drawn
            if number:
                self.found.numbered += 1
                text = clean(number + ("" if number[-1] in "、.．)）:：" else "　") + text)
        outline = _outline(p_pr)
        if outline is None and style_id:
            outline = self.styles.levels.get(style_id)
        level = outline + 1 if outline is not None and outline >= 0 else 0
        return Block(text, style=style, listed=listed, level=level, numbering=numbering)

    def _runs(self, element: Any, out: list[str], boxes: list[Any], depth: int) -> None:
        """The adopted text of a paragraph's content, in order."""
        if depth > MAX_DEPTH:
            self._too_deep(element)
            return
        for child in element.iterchildren():
            tag = child.tag
            if tag == W + "r":
                self._run(child, out, boxes)
            elif tag in _DESCEND:
                if tag == W + "ins" or tag == W + "moveTo":
                    self.found.inserted += 1
                self._runs(child, out, boxes, depth + 1)
            elif tag == W + "sdt":
                self.found.controls += 1
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._runs(content, out, boxes, depth + 1)
            elif tag == MC + "AlternateContent":
                self._runs(_chosen(child), out, boxes, depth + 1)
            elif tag in _DELETED:
                self._deleted(child)

    def _run(self, run: Any, out: list[str], boxes: list[Any]) -> None:
        for child in run.iterchildren():
            tag = child.tag
            if tag == W + "t":
                out.append(child.text or "")
            elif tag in _BREAK:
                out.append(" ")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                notes = self.footnotes if tag == W + "footnoteReference" else self.endnotes
                text = notes.get(child.get(W + "id") or "")
                if text:
                    number = len(self.note_texts) + 1
                    self.note_texts.append((number, text))
                    self.found.notes += 1
                    out.append(f"〔注{number}〕")
            elif tag in (W + "drawing", W + "pict", MC + "AlternateContent", W + "object"):
                box = _text_boxes(child)
                boxes += box
            elif tag in _SKIP_RUN:
                continue

    def _too_deep(self, element: Any) -> None:
        text = clean("".join(t.text or "" for t in element.iter(W + "t")))
        if text:
            self.found.too_deep.append(text[:EXCERPT])

    def _deleted(self, element: Any) -> None:
        text = clean("".join(t.text or "" for t in element.iter(W + "delText", W + "t")))
        if text:
            self.found.deleted.append(text[:EXCERPT])

    def _table(self, tbl: Any, depth: int) -> Block | None:
        """Rows of cell texts: a cell spanning n grid columns n times, a vertically merged cell's
        text in each row it covers (taken from the row above)."""
        rows: list[list[str]] = []
        above: dict[int, str] = {}
        grid = tbl.find(W + "tblGrid")
        width = len(grid.findall(W + "gridCol")) if grid is not None else 0
        for tr in _rows(tbl):
            row: list[str] = []
            column = _grid_before(tr, self.max_cells)
            for tc in _cells(tr):
                tc_pr = tc.find(W + "tcPr")
                span_text = _val(tc_pr, "gridSpan")
                span = int(span_text) if span_text is not None else 1
                span = max(1, min(span, width - column))
                v_merge = tc_pr.find(W + "vMerge") if tc_pr is not None else None
                continues = v_merge is not None and v_merge.get(W + "val", "continue") == "continue"
                text = above.get(column, "") if continues else self._cell_text(tc, depth)
                self._add_cells(span)
                for offset in range(span):
                    above[column + offset] = text
                row += [text] * span
                column += span
            if any(row):
                rows.append(row)
        return Block(rows=rows) if rows else None

    def _cell_text(self, tc: Any, depth: int) -> str:
        texts: list[str] = []
        for block in self.blocks(tc, depth + 1, counted=False):
            if block.is_table:
                texts += [" ".join(cell for cell in row if cell) for row in block.rows]
            else:
                texts.append(block.text)
        return clean("\n".join(texts))

    def _add_cells(self, count: int) -> None:
        self.cells += count
        if self.cells > self.max_cells:
            raise ImportFailed(
                f"{self.path.name} 的表格超过 {self.max_cells} 个单元格（合并的单元格按所占的列计），"
                "超过导入上限：请把大表格拆开或另存为几个文件"
            )


def _rows(tbl: Any) -> list[Any]:
    rows: list[Any] = []
    for child in tbl.iterchildren(W + "tr", W + "sdt", W + "customXml", W + "ins"):
        if child.tag == W + "tr":
            rows.append(child)
        else:  # rows inside a content control: one level is all Word writes
            rows += list(child.iter(W + "tr"))
    return rows


def _cells(tr: Any) -> list[Any]:
    cells: list[Any] = []
    for child in tr.iterchildren(W + "tc", W + "sdt", W + "customXml"):
        if child.tag == W + "tc":
            cells.append(child)
        else:
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            cells += list(content.iterchildren(W + "tc")) if content is not None else []
    return cells


def _grid_before(tr: Any, max_cells: int) -> int:
    value = _val(tr.find(W + "trPr"), "gridBefore")
    try:
        return max(0, min(int(value), max_cells)) if value is not None else 0
    except ValueError:
        return 0


def _chosen(alternate: Any) -> Any:
    """mc:AlternateContent: the first mc:Choice (Word's own), else the fallback."""
    if alternate.tag != MC + "AlternateContent":
        return alternate
    choice = alternate.find(MC + "Choice")
    if choice is not None:
        return choice
    fallback = alternate.find(MC + "Fallback")
    return fallback if fallback is not None else alternate


def _text_boxes(element: Any) -> list[Any]:
    """The text boxes (w:txbxContent) of a drawing, picture or alternate content — from the chosen
    alternative only, so Word's DrawingML box and its VML copy give the text once."""
    chosen = _chosen(element)
    boxes: list[Any] = []
    for box in chosen.iter(W + "txbxContent"):
        parent = box.getparent()
        while parent is not None and parent is not chosen and parent.tag != W + "txbxContent":
            parent = parent.getparent()
        if parent is None or parent is chosen:  # not inside another box of this drawing
            boxes.append(box)
    if not boxes and chosen is not element and element.tag == MC + "AlternateContent":
        fallback = element.find(MC + "Fallback")
        boxes = list(fallback.iter(W + "txbxContent")) if fallback is not None else []
    return boxes


def chinese_numbered(block: Block) -> bool:
    """A paragraph Word numbers with Chinese numerals (一、 （一） 第一条): it may be a heading."""
    return block.numbering in CHINESE_FORMATS
