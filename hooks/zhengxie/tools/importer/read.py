"""Reading an original: a Word file (.docx) or a text file (.txt / .md) as a list of blocks.

Bounded: files above the size limits, Word files whose parts unpack to more than a limit (a zip
bomb) and originals of more blocks than a limit are refused with a Chinese message, never read.
Text is UTF-8 (with or without BOM) or, when it is not, GB18030 (which covers GBK and GB2312).
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_DOCX_UNPACKED = 100 * 1024 * 1024
MAX_BLOCKS = 50_000
MAX_LINE = 20_000  # characters kept of one paragraph; recognisers never see more
SUFFIXES = (".docx", ".txt", ".md")


class ImportFailed(Exception):
    """An original that cannot be read; the message is Chinese and names the fix."""


@dataclass
class Block:
    """A paragraph (text) or a table (rows of cell texts) of the original, in order."""

    text: str = ""
    rows: list = field(default_factory=list)  # a table's rows; empty for a paragraph
    style: str = ""  # the Word paragraph style (Title, Heading 1, List Number …), if any
    listed: bool = False  # a Word list paragraph: its number is not part of its text

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


@dataclass
class Original:
    path: str
    blocks: list
    encoding: str  # "docx", "utf-8" or "gb18030"


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
        raise ImportFailed(f"{path.name} 有 {size // 1024} KB，超过导入上限 {limit // 1024 // 1024} MB：请把它拆成几个文件")
    blocks, encoding = (_read_docx(path), "docx") if suffix == ".docx" else _read_text(path)
    if len(blocks) > MAX_BLOCKS:
        raise ImportFailed(f"{path.name} 有 {len(blocks)} 段，超过导入上限 {MAX_BLOCKS} 段：请把它拆成几个文件")
    return Original(str(path), blocks, encoding)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (a BOM dropped) or else GB18030."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as error:
        raise ImportFailed(f"文件既不是 UTF-8 也不是 GB18030（GBK）编码（第 {error.start} 字节）："
                           "请用编辑器另存为 UTF-8 再导入") from None


def _read_text(path: Path) -> tuple[list, str]:
    text, encoding = decode(path.read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [Block(_clean(line)) for line in text.split("\n")]
    return [b for b in blocks if b.text], encoding


def _read_docx(path: Path) -> list:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportFailed(f"{path.name} 不是有效的 .docx 文件（{error}）：请在 Word 中重新另存为 .docx") from None
    if unpacked > MAX_DOCX_UNPACKED:
        raise ImportFailed(f"{path.name} 解压后超过 {MAX_DOCX_UNPACKED // 1024 // 1024} MB，不予导入：请检查文件是否完好")
    import docx  # python-docx; imported here so text imports do not need it
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as error:  # noqa: BLE001 - any malformed part: a message, never a traceback
        raise ImportFailed(f"{path.name} 无法按 Word 文档读取（{error}）：请在 Word 中重新另存为 .docx") from None
    blocks = []
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            rows = [[_clean(cell.text) for cell in row.cells] for row in part.rows]
            rows = [row for row in rows if any(row)]
            if rows:
                blocks.append(Block(rows=rows))
            continue
        text = _clean(part.text)
        if not text:
            continue
        style = part.style.name if part.style is not None else ""
        p_pr = part._p.pPr  # a Word list paragraph carries numPr: its number is drawn, not typed
        listed = style.startswith("List Number") or (p_pr is not None and p_pr.numPr is not None)
        blocks.append(Block(text, style=style, listed=listed))
    return blocks


def _clean(text: str) -> str:
    """One paragraph on one line, without the spaces Word and web pages leave at either end."""
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\t", " ").replace("\n", " ")
    return text.strip(" \u3000")[:MAX_LINE]
