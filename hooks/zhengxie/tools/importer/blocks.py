"""What reading an original gives: blocks of text (a paragraph or a table) in order, the limit on a
paragraph's length, and the one error a reader raises. Shared by the readers (read.py, word.py) and
the recognisers, so that none of them imports another reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MAX_LINE = 20_000  # characters kept of one paragraph; recognisers never see more


class ImportFailed(Exception):  # noqa: N818 - the CLI and the tests catch it by this name
    """An original that cannot be read; the message is Chinese and names the fix."""


NOTE_STYLE = "脚注"  # the style of a footnote's or endnote's text, placed after the body


@dataclass
class Block:
    """A paragraph (text) or a table (rows of cell texts) of the original, in order."""

    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # a table's rows (cell texts); empty for a paragraph
    style: str = ""  # the Word paragraph style (Title, Heading 1, List Number …), if any
    listed: bool = False  # a Word list paragraph (its drawn number, if any, is put before its text)
    level: int = 0  # heading level from a Heading style or an outline level (大纲级别); 0: none
    numbering: str = ""  # the Word number format of a list paragraph (chineseCounting, decimal …)
    number: int = 0  # its place in the original: the Nth paragraph or table (the report's 原件第N段)
    joined: tuple[int, ...] = ()  # the numbers of further paragraphs joined into it (a two-line title)

    @property
    def where(self) -> str:
        return f"原件第{self.number}段" + ("（表格）" if self.rows else "")

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


def count_blocks(path: Path, count: int, limit: int) -> None:
    if count > limit:
        raise ImportFailed(f"{path.name} 有 {limit} 段以上，超过导入上限 {limit} 段：请把它拆成几个文件")


def clean(text: str) -> str:
    """One paragraph on one line, without the spaces Word and web pages leave at either end."""
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\t", " ").replace("\n", " ")
    return text.strip(" \u3000")[:MAX_LINE]
