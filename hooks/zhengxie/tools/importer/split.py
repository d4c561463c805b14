"""A file that holds several documents (篇一 … 篇七 in a collection of model texts) split into parts.

A part begins at a short line ending in 篇N; the text before the first part (a collection's own
preface) belongs to no document and is returned apart so the report can name it. A file with fewer
than two such lines is one document.
"""

from __future__ import annotations

from zhengxie.tools.importer import lines
from zhengxie.tools.importer.blocks import Block


def split_parts(blocks: list[Block]) -> tuple[list[tuple[int | None, list[Block]]], list[Block]]:
    """([(part number or None, blocks)], preface blocks)."""
    starts = [
        (index, number)
        for index, block in enumerate(blocks)
        if not block.is_table and (number := lines.part_separator(block.text)) is not None
    ]
    if len(starts) < 2:
        return [(None, blocks)], []
    parts: list[tuple[int | None, list[Block]]] = []
    ends = [index for index, _ in starts[1:]] + [len(blocks)]
    for (index, number), end in zip(starts, ends, strict=True):
        parts.append((number, blocks[index + 1 : end]))
    return parts, blocks[: starts[0][0]]
