"""What a printed document shows beyond its text, placed as GB/T 9704 places it: the 发文机关 and
文号 above the title, the 发文机关署名 and 成文日期 after the text. Only values the model holds: a
文号 or date the original leaves out (原文未载) is not printed, never invented."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zhengxie.model.corpus import Corpus, Document


@dataclass(frozen=True)
class PrintMarks:
    issuer: str  # 发文机关 (full name), above the title and as the signature
    number: str  # 文号, e.g. 洛政协〔2019〕3号; "" when not stated
    date: str  # 成文日期 in Arabic numerals, e.g. 2019年2月1日; "" when not stated


def chinese_date(day: object) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if isinstance(day, dt.date) else ""


def print_marks(corpus: Corpus, doc: Document) -> PrintMarks:
    body = corpus.vocab.bodies.get(doc.body) if doc.body else None
    number = doc.fields.get("doc_number")
    return PrintMarks(
        issuer=body.name if body else "",
        number=str(number) if number else "",
        date=chinese_date(doc.date),
    )
