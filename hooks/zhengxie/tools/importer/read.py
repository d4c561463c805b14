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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from zhengxie.tools.importer.blocks import Block, ImportFailed, clean, count_blocks
from zhengxie.tools.importer.word import read_word

MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_DOCX_UNPACKED = 100 * 1024 * 1024
MAX_DOCX_XML = 30 * 1024 * 1024  # of the unpacked parts, those parsed as XML (text, styles, numbering …)
MAX_STYLES = 5_000  # Word's own templates define a few hundred
MAX_BLOCKS = 50_000
MAX_CELLS = 200_000  # table cells, a merged cell counted once per grid column it spans
SUFFIXES = (".docx", ".txt", ".md")
_MB = 1024 * 1024
_STYLE = re.compile(rb"<w:style[\s>]")
TextEncoding = Literal["utf-8", "gb18030"]
Encoding = Literal["docx", "utf-8", "gb18030"]  # what an original was read as


@dataclass
class Original:
    path: str
    blocks: list[Block]
    encoding: Encoding
    word: Any = None  # a Word file's word.WordText: revisions resolved, text deliberately left out


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
    if suffix == ".docx":
        blocks, word = _read_docx(path)
        count_blocks(path, len(blocks), MAX_BLOCKS)
        return Original(str(path), _numbered(blocks), "docx", word)
    blocks, encoding = _read_text(path)
    count_blocks(path, len(blocks), MAX_BLOCKS)
    return Original(str(path), _numbered(blocks), encoding)


def _numbered(blocks: list[Block]) -> list[Block]:
    for number, block in enumerate(blocks, 1):
        block.number = number
    return blocks


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
    blocks = [Block(clean(line)) for line in text.split("\n")]
    return [b for b in blocks if b.text], encoding


def _read_docx(path: Path) -> tuple[list[Block], Any]:
    """The Word reader (word.py) after the archive's declared sizes are checked."""
    _check_archive(path)
    return read_word(path, max_blocks=MAX_BLOCKS, max_cells=MAX_CELLS)  # looked up now: the tests lower them


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
