"""Dates as originals write them: 2018年2月6日, 二〇一八年二月六日, 2018.2.6, 2018-02-06."""

from __future__ import annotations

import datetime as dt
import re

from zhengxie.text.outline import chinese_to_int

_CN_YEAR_DIGITS = {
    "〇": "0",
    "零": "0",
    "○": "0",
    "Ｏ": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_CN = "〇零○Ｏ一二三四五六七八九十"
DATE = re.compile(
    rf"(?P<y>[0-9]{{4}}|[{_CN}]{{4}})\s*年\s*(?P<m>[0-9]{{1,2}}|[{_CN}]{{1,2}})\s*月\s*"
    rf"(?P<d>[0-9]{{1,2}}|[{_CN}]{{1,3}})\s*日"
    r"|(?P<y2>[0-9]{4})[.\-/](?P<m2>[0-9]{1,2})[.\-/](?P<d2>[0-9]{1,2})(?![0-9])"
)


BRACKETED = re.compile(r"[（(](.{6,20})[）)]")


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return chinese_to_int(text.replace("〇", "零").replace("○", "零").replace("Ｏ", "零"))


def to_date(match: re.Match[str]) -> dt.date | None:
    """The date a DATE match names, or None for one the calendar lacks (二〇一八年二月三十日)."""
    if match.group("y"):
        year_text = match.group("y")
        if not year_text.isdigit() and any(c not in _CN_YEAR_DIGITS for c in year_text):
            return None  # a year is read digit by digit: 二〇一八, never 二十一八
        year = int(year_text) if year_text.isdigit() else int("".join(_CN_YEAR_DIGITS[c] for c in year_text))
        month, day = _number(match.group("m")), _number(match.group("d"))
    else:
        year, month, day = int(match.group("y2")), int(match.group("m2")), int(match.group("d2"))
    if month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> dt.date | None:
    match = DATE.search(text)
    return to_date(match) if match else None


def whole_date(text: str) -> dt.date | None:
    """The date when the line is nothing but a date (a 成文日期 line under a signature), in
    brackets or not (（2025年1月6日） under a report's title)."""
    stripped = text.strip()
    if (bracketed := BRACKETED.fullmatch(stripped)) is not None:
        stripped = bracketed.group(1).strip()
    match = DATE.fullmatch(stripped)
    return to_date(match) if match else None
