"""Reading limits: how big, how long and how deeply nested a source file may be.

Content comes from pull requests, so every file is read within bounds that real documents never
reach (the largest sample file is 21 KB, its longest line 1 100 characters, its YAML 5 levels deep)
and an attacker's file is refused quickly with a coded problem instead of hanging or crashing the
check or the build. The same table is shown in the guide (docs/guide, “读取限制”); a test keeps
both in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    value: int
    code: str
    what: str  # Chinese, for the guide's table


# Any file read from docs/ or data/, in bytes: checked before the file is read.
FILE_BYTES = Limit(1_000_000, "ZX109", "单个文件的大小（字节）")
# Characters per line: the line-based checks stay linear and no line hides a payload.
LINE_CHARS = Limit(10_000, "ZX110", "一行的长度（字符）")
# Nesting of YAML lists and mappings (libyaml's composer recurses in C: 100 000 levels crash it).
YAML_DEPTH = Limit(32, "ZX111", "YAML 列表和映射的嵌套层数")
# `*alias` references in one YAML text (front matter or data file).
YAML_ALIASES = Limit(100, "ZX112", "一个 YAML 文件中 *别名 的个数")
# Values added by expanding aliases (an “alias bomb” of 9 levels expands to 9⁹ values).
YAML_EXPANSION = Limit(10_000, "ZX113", "展开 *别名 后增加的值的个数")

# Nesting of Markdown lists, quotes, HTML elements and emphasis (Python-Markdown recurses on each
# level: a few hundred overflow the stack). Measured from above by outline.too_deep; a page beyond
# it is not read, so the build does not render it either.
MARKDOWN_NESTING = Limit(32, "ZX136", "Markdown 列表、引用、HTML 元素和强调的嵌套层数")

ALL = (FILE_BYTES, LINE_CHARS, YAML_DEPTH, YAML_ALIASES, YAML_EXPANSION, MARKDOWN_NESTING)
