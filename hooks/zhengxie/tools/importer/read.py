"""Reading an original: a Word file (.docx) or a text file (.txt / .md) as a list of blocks.

Bounded in size and in work: files above the size limits, Word files whose parts unpack to more
than a limit (a zip bomb) or with more styles than a limit are refused before they are parsed, and
reading stops with a Chinese message as soon as an original passes MAX_BLOCKS blocks or MAX_CELLS
table cells. The Word reader walks the XML once — styles looked up in a table made once, merged
cells taken from the row above — so its work is proportional to the file, never to its square
(python-docx's style and merged-cell lookups search the whole file each time).
Text is UTF-8 (with or without BOM) or, when it is not, GB18030 (which covers GBK and GB2312).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_DOCX_UNPACKED = 100 * 1024 * 1024
MAX_DOCX_XML = 30 * 1024 * 1024  # of the unpacked parts, those parsed as XML (text, styles, numbering …)
MAX_STYLES = 5_000  # Word's own templates define a few hundred
MAX_BLOCKS = 50_000
MAX_CELLS = 200_000  # table cells, a merged cell counted once per grid column it spans
MAX_LINE = 20_000  # characters kept of one paragraph; recognisers never see more
SUFFIXES = (".docx", ".txt", ".md")
_MB = 1024 * 1024
_STYLE = re.compile(rb"<w:style[\s>]")
TextEncoding = Literal["utf-8", "gb18030"]
Encoding = Literal["docx", "utf-8", "gb18030"]  # what an original was read as


class ImportFailed(Exception):  # noqa: N818 - the CLI and the tests catch it by this name
    """An original that cannot be read; the message is Chinese and names the fix."""


@dataclass
class Block:
    """A paragraph (text) or a table (rows of cell texts) of the original, in order."""

    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # a table's rows (cell texts); empty for a paragraph
    style: str = ""  # the Word paragraph style (Title, Heading 1, List Number …), if any
    listed: bool = False  # a Word list paragraph: its number is not part of its text

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


@dataclass
class Original:
    path: str
    blocks: list[Block]
    encoding: Encoding


def read_original(path: Path) -> Original:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFailed(f"不能导入 {path.name}：只支持 .docx、.txt 和 .md 文件（.doc 请先在 Word 中另存为 .docx）")
    if not path.is_file():
        raise ImportFailed(f"找不到文件 {path}")
    size = path.stat().st_size
    limit = MAX_DOCX_BYTES if suffix == ".docx" else MAX_TEXT_BYTES
    if size > limit:
        raise ImportFailed(f"{path.name} 有 {size // 1024} KB，超过导入上限 {limit // _MB} MB：请把它拆成几个文件")
    encoding: Encoding
    blocks, encoding = (_read_docx(path), "docx") if suffix == ".docx" else _read_text(path)
    _count_blocks(path, len(blocks))
    return Original(str(path), blocks, encoding)


def _count_blocks(path: Path, count: int) -> None:
    if count > MAX_BLOCKS:
        raise ImportFailed(f"{path.name} 有 {MAX_BLOCKS} 段以上，超过导入上限 {MAX_BLOCKS} 段：请把它拆成几个文件")


def decode(data: bytes) -> tuple[str, TextEncoding]:
    """The text and the encoding it was in: UTF-8 (a BOM dropped) or else GB18030."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as error:
        raise ImportFailed(
            f"文件既不是 UTF-8 也不是 GB18030（GBK）编码（第 {error.start} 字节）：请用编辑器另存为 UTF-8 再导入"
        ) from None


def _read_text(path: Path) -> tuple[list[Block], TextEncoding]:
    text, encoding = decode(path.read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [Block(_clean(line)) for line in text.split("\n")]
    return [b for b in blocks if b.text], encoding


def _read_docx(path: Path) -> list[Block]:
    _check_archive(path)
    import docx  # python-docx; imported here so text imports do not need it

    try:
        document = docx.Document(str(path))
    except Exception as error:  # any malformed part: a message, never a traceback
        raise ImportFailed(f"{path.name} 无法按 Word 文档读取（{error}）：请在 Word 中重新另存为 .docx") from None
    try:
        return _DocxReader(path, _style_names(document)).blocks(document.element.body)
    except ImportFailed:
        raise
    except Exception as error:  # a malformed value (gridSpan="x" …): a message, never a traceback
        raise ImportFailed(f"{path.name} 无法按 Word 文档读取（{error}）：请在 Word 中重新另存为 .docx") from None


def _check_archive(path: Path) -> None:
    """The zip's declared sizes (zipfile unpacks no more than they say) and its style count, before
    anything is parsed."""
    styles = 0
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            xml = sum(info.file_size for info in infos if info.filename.endswith((".xml", ".rels")))
            if unpacked <= MAX_DOCX_UNPACKED and xml <= MAX_DOCX_XML:
                styles = _count_styles(archive)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, zlib.error) as error:
        raise ImportFailed(f"{path.name} 不是有效的 .docx 文件（{error}）：请在 Word 中重新另存为 .docx") from None
    _refuse_beyond_limits(path.name, unpacked, xml, styles)


def _refuse_beyond_limits(name: str, unpacked: int, xml: int, styles: int) -> None:
    if unpacked > MAX_DOCX_UNPACKED:
        raise ImportFailed(f"{name} 解压后超过 {MAX_DOCX_UNPACKED // _MB} MB，不予导入：请检查文件是否完好")
    if xml > MAX_DOCX_XML:
        raise ImportFailed(f"{name} 的文字和格式部分解压后超过 {MAX_DOCX_XML // _MB} MB，不予导入：请把它拆成几个文件")
    if styles > MAX_STYLES:
        raise ImportFailed(
            f"{name} 定义了 {styles} 种样式，超过导入上限 {MAX_STYLES} 种："
            "请在 Word 中把正文复制到一个新文档（只保留用到的样式）再导入"
        )


def _count_styles(archive: zipfile.ZipFile) -> int:
    try:
        data = archive.read("word/styles.xml")
    except KeyError:
        return 0
    return len(_STYLE.findall(data))


def _style_names(document: Any) -> tuple[dict[str, str], str]:
    """({paragraph style id: its name as python-docx shows it}, the default paragraph style's
    name), read once from styles.xml."""
    from docx.oxml.ns import qn
    from docx.styles import BabelFish

    names: dict[str, str] = {}
    default = ""
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type"), "paragraph") != "paragraph":
            continue
        name_el = style.find(qn("w:name"))
        name = BabelFish.internal2ui(name_el.get(qn("w:val"), "")) if name_el is not None else ""
        names[style.get(qn("w:styleId"), "")] = name
        if style.get(qn("w:default")) in ("1", "true", "on") and not default:
            default = name
    return names, default


class _DocxReader:
    """One pass over the body: paragraphs and tables as Blocks, counting as it goes."""

    def __init__(self, path: Path, styles: tuple[dict[str, str], str]) -> None:
        from docx.oxml.ns import qn

        self.path, (self.styles, self.default_style) = path, styles
        self.qn = qn
        self.count, self.cells = 0, 0

    def blocks(self, body: Any) -> list[Block]:
        qn = self.qn
        found: list[Block] = []
        paragraph, table = qn("w:p"), qn("w:tbl")
        for child in body.iterchildren(paragraph, table):
            block = self._paragraph(child) if child.tag == paragraph else self._table(child)
            if block is not None:
                found.append(block)
                self.count += 1
                _count_blocks(self.path, self.count)
        return found

    def _paragraph(self, p: Any) -> Block | None:
        text = _clean(_paragraph_text(p))
        if not text:
            return None
        p_pr = p.pPr
        style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
        style = self.styles.get(style_id, self.default_style) if style_id else self.default_style
        # a Word list paragraph carries numPr: its number is drawn, not typed
        listed = style.startswith("List Number") or (p_pr is not None and p_pr.numPr is not None)
        return Block(text, style=style, listed=listed)

    def _table(self, tbl: Any) -> Block | None:
        """Rows of cell texts as python-docx gives them: a cell spanning n grid columns n times, a
        vertically merged cell's text in each row it covers (taken from the row above)."""
        qn = self.qn
        rows: list[list[str]] = []
        above: dict[int, str] = {}  # grid column -> text of the cell there in the previous row
        grid = tbl.find(qn("w:tblGrid"))
        width = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
        for tr in tbl.iterchildren(qn("w:tr")):
            row: list[str] = []
            column = _grid_before(tr)
            for tc in tr.iterchildren(qn("w:tc")):
                span = max(1, min(tc.grid_span, width - column))  # a span never passes the table's grid
                text = above.get(column, "") if tc.vMerge == "continue" else _cell_text(tc)
                self._add_cells(span)
                for offset in range(span):
                    above[column + offset] = text
                row += [text] * span
                column += span
            if any(row):
                rows.append(row)
        return Block(rows=rows) if rows else None

    def _add_cells(self, count: int) -> None:
        self.cells += count
        if self.cells > MAX_CELLS:
            raise ImportFailed(
                f"{self.path.name} 的表格超过 {MAX_CELLS} 个单元格（合并的单元格按所占的列计），"
                "超过导入上限：请把大表格拆开或另存为几个文件"
            )


def _grid_before(tr: Any) -> int:
    try:
        return max(0, min(int(tr.grid_before), MAX_CELLS))
    except (TypeError, ValueError):
        return 0


def _paragraph_text(p: Any) -> str:
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).text  # type: ignore[arg-type]  # text needs no parent


def _cell_text(tc: Any) -> str:
    from docx.oxml.ns import qn

    return _clean("\n".join(_paragraph_text(p) for p in tc.iterchildren(qn("w:p"))))


def _clean(text: str) -> str:
    """One paragraph on one line, without the spaces Word and web pages leave at either end."""
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\t", " ").replace("\n", " ")
    return text.strip(" \u3000")[:MAX_LINE]
