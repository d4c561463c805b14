"""Template residue left in published content: 20xx, 20__, xxx / XX placeholders, □, ＿＿, 十x届.

Scanned: Markdown bodies of every page (code blocks and code spans excluded, so the guide can show
the patterns), front-matter values, and the values of every data file except the problem catalogue
(whose examples show residue on purpose).
"""

from __future__ import annotations

import re

from zhengxie.checks import content
from zhengxie.model.corpus import Corpus

RESIDUE = re.compile(
    r"(?<![0-9A-Za-z])(?:19|20)(?:[xX×]{2}|_{2,}|＿{2,})(?![0-9A-Za-z])"  # 20xx, 20××, 20__, 20＿＿
    r"|[十第][xX×]+[届次]"  # 十x届, 第x届, 第x次
    r"|(?<![0-9A-Za-z])(?:[xX]{2,}|×{2,})(?![0-9A-Za-z])"  # xxx, XX, ×× used as placeholders
    r"|□+"  # □□
    r"|＿{2,}"  # ＿＿
)

# Every residue pattern contains one of these characters: pages without any are skipped in one pass.
PREFILTER = content.AnyOf("x", "X", "×", "□", "0_", "＿＿")


def check_residue(corpus: Corpus) -> None:
    for file, line, column, match in content.find(corpus, RESIDUE, PREFILTER, vocabularies=True):
        corpus.reporter.add("ZX601", file, line, column, text=match.group(0))
