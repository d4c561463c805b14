"""What a printed document shows beyond what its page shows: the 版头 and the 落款, and only when the
document records them. Nothing is made up from the body's name or the site's data:

- the 版头 (发文机关标志, red, above the title, with the 文号 under it) only when the front matter
  records the issuers' own mark as the original prints it (`masthead`);
- the 落款 (发文机关署名 and 成文日期, at the end) only when the front matter records the issuers that
  signed the original (`issuers`); the 成文日期 joins it only when the original states one.

A value the original leaves out (原文未载) is never printed in either place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zhengxie.model.corpus import Corpus, Document, FieldValue


@dataclass(frozen=True)
class PrintMarks:
    masthead: tuple[str, ...] = ()  # 发文机关标志, one line each, as printed; () when not recorded
    number: str = ""  # 文号 under the 版头 (only with a 版头: otherwise the metadata block shows it)
    signature: tuple[str, ...] = ()  # 发文机关署名 of the 落款, as recorded; () when not recorded
    date: str = ""  # 成文日期 of the 落款, e.g. 2019年2月1日; "" without a signature or a stated date

    @property
    def head(self) -> bool:
        return bool(self.masthead)

    @property
    def foot(self) -> bool:
        return bool(self.signature)


def chinese_date(day: object) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if isinstance(day, dt.date) else ""


def _names(value: FieldValue | None) -> tuple[str, ...]:
    """A texts field's values as written; nothing for 原文未载, a missing field or an odd value."""
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, tuple):
        return tuple(v for v in value if isinstance(v, str) and v.strip())
    return ()


def print_marks(corpus: Corpus, doc: Document) -> PrintMarks:
    del corpus  # the marks come from the document's own record, never from the vocabularies
    masthead = _names(doc.fields.get("masthead"))
    number = doc.fields.get("doc_number")
    signature = _names(doc.fields.get("issuers"))
    return PrintMarks(
        masthead=masthead,
        number=number if masthead and isinstance(number, str) else "",
        signature=signature,
        date=chinese_date(doc.date) if signature else "",
    )
