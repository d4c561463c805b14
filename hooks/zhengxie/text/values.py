"""Values as originals state them: 原文未载, periods, plan-item times, approximate counts and adoptions.

Each parser takes what an editor wrote and returns a frozen value, or None when the text is not of
the value's form (the schema check explains that). Nothing here guesses: a value the original does
not state is NOT_STATED, never a default.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Generic, Literal, TypeVar, cast

from zhengxie.text.frozen import pickled_by_fields
from zhengxie.text.outline import chinese_to_int

NOT_STATED_TEXT = "原文未载"


class NotStated:
    """The original does not state this (distinct from a field the editor forgot)."""

    __slots__ = ()
    _instance: ClassVar[NotStated | None] = None

    def __new__(cls) -> NotStated:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:  # so `if value:` rules it out, for mypy too
        return False

    def __str__(self) -> str:
        return NOT_STATED_TEXT

    def __repr__(self) -> str:
        return "NOT_STATED"


NOT_STATED = NotStated()


def is_not_stated(value: object) -> bool:
    return value is NOT_STATED or (isinstance(value, str) and value.strip() == NOT_STATED_TEXT)


# ---- periods --------------------------------------------------------------------------------------

_YEAR = re.compile(r"^([0-9]{4})$")
_HALF = re.compile(r"^([0-9]{4})-H([12])$")
_RANGE = re.compile(r"^([0-9]{4})\s*[-–—~至到]\s*([0-9]{4})$")
_SINCE = re.compile(r"^(\S.{0,40}?)以来$")
# At a session: 七届一次会议, 十三届四次会议期间 (the meeting the original names, in Chinese numerals)
_SESSION = re.compile(
    r"^((?:第)?[一二三四五六七八九十]{1,3}届(?:第)?[一二三四五六七八九十]{1,3}次(?:全体)?会议)(期间)?$"
)
PERIOD_PATTERN = (
    r"^([0-9]{4}(-H[12])?|[0-9]{4}\s*[-–—~至到]\s*[0-9]{4}|\S.{0,40}以来"
    r"|(第)?[一二三四五六七八九十]{1,3}届(第)?[一二三四五六七八九十]{1,3}次(全体)?会议(期间)?|原文未载)(?![\s\S])"
)


PeriodKind = Literal["year", "half-year", "range", "since", "session"]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Period:
    kind: PeriodKind
    text: str  # as written
    start: int | None = None  # first year covered
    end: int | None = None  # last year covered
    half: int | None = None  # 1 or 2 for half-years
    since: str = ""  # the meeting a "since" period counts from, or the session a "session" period is

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"{self.start}年"
        if self.kind == "half-year":
            return f"{self.start}年{'上' if self.half == 1 else '下'}半年"
        if self.kind == "range":
            return f"{self.start}—{self.end}年"
        return self.text

    @property
    def year(self) -> int | None:
        """The year a document of this period is filed under: the period's last year."""
        return self.end


def parse_period(value: object) -> Period | NotStated | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text == NOT_STATED_TEXT:
        return NOT_STATED
    if match := _YEAR.match(text):
        year = int(match[1])
        return Period("year", text, year, year)
    if match := _HALF.match(text):
        year = int(match[1])
        return Period("half-year", text, year, year, half=int(match[2]))
    if match := _RANGE.match(text):
        start, end = int(match[1]), int(match[2])
        return Period("range", text, start, end) if start <= end else None
    if match := _SINCE.match(text):
        return Period("since", text, since=match[1])
    if match := _SESSION.match(text):
        return Period("session", text, since=match[1])
    return None


# ---- inferred values ------------------------------------------------------------------------------


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Inferred:
    """A value the original does not state but the editor infers from it, with the basis written
    (inferred_year: {value: 2019, basis: 依据“九届二次会议”推定}). Shown as 推定, never as stated."""

    value: int
    basis: str

    @property
    def label(self) -> str:
        return f"{self.value}年（推定：{self.basis}）"


INFERRED_KEYS = ("value", "basis")


def parse_inferred_year(value: object) -> Inferred | None:
    """{value: 2019, basis: 依据…推定}: a four-digit year and a basis; None for anything else."""
    if not isinstance(value, dict) or set(value) != set(INFERRED_KEYS):
        return None
    year, basis = value.get("value"), value.get("basis")
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year.strip())
    if not isinstance(year, int) or isinstance(year, bool) or not 1000 <= year <= 9999:
        return None
    if not isinstance(basis, str) or not basis.strip():
        return None
    return Inferred(year, basis.strip())


# ---- plan-item times ------------------------------------------------------------------------------

_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}
_MONTH = r"(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
_PART = r"(上旬|中旬|下旬|上中旬|中下旬|底|初|中|末)"
_M = re.compile(rf"^{_MONTH}月(份)?{_PART}?$")
_M_RANGE = re.compile(rf"^{_MONTH}(?:月)?\s*[-–—~至到]\s*{_MONTH}月(份)?$")
_QUARTER = re.compile(r"^(?:第?([一二三四1-4])季度|Q([1-4]))$")  # 第一季度, or 一季度 as many plans print it
_QUARTERS = re.compile(r"^第?([一二三四1-4])\s*[、至到-]\s*(?:第)?([一二三四1-4])季度$")
# Times a plan states without a month: within the plan year, but no calendar may place them.
_VAGUE = ("年初", "年中", "年底", "年末", "年内", "适时", "全年适时", "视情况安排", "另行安排")
_HALVES = {"上半年": 1, "下半年": 2}
_WHOLE_YEAR = ("全年", "全年度", "全年开展")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_DATE_RANGE = re.compile(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\s*(?:至|到|~|—|–|\.\.)\s*([0-9]{4})-([0-9]{2})-([0-9]{2})\Z"
)
TIME_PATTERN = (
    r"^((1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(份)?(上旬|中旬|下旬|上中旬|中下旬|底|初|中|末)?"
    r"|(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])(月)?\s*[-–—~至到]\s*(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(份)?"
    r"|第?[一二三四1-4]季度|Q[1-4]|第?[一二三四1-4]\s*[、至到-]\s*(第)?[一二三四1-4]季度|上半年|下半年|全年|全年度|全年开展"
    r"|年初|年中|年底|年末|年内|适时|全年适时|视情况安排|另行安排"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}(\s*(至|到|~|—|–|\.\.)\s*[0-9]{4}-[0-9]{2}-[0-9]{2})?|原文未载)(?![\s\S])"
)


def _month(text: str) -> int:
    return int(text) if text.isdigit() else _CN_DIGITS[text]


WhenKind = Literal["month", "months", "quarter", "quarters", "half-year", "year", "date", "dates", "vague"]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class When:
    """When a plan item is to take place, as precisely as the plan says."""

    kind: WhenKind
    text: str  # as written
    first_month: int  # 1–12: the months the time spans, for calendars and month indexes
    last_month: int
    day: int | None = None  # for dates
    last_day: int | None = None
    year: int | None = None  # the year a dated time names (2024-03-15); None for times within the plan year

    @property
    def label(self) -> str:
        if self.kind in ("month", "date", "dates"):
            return self.text if not self.text.isdigit() else f"{self.text}月"
        if self.kind == "quarter" and self.text.startswith("Q"):  # the editor's shorthand, not the plan's
            return f"第{'一二三四'[self.first_month // 3]}季度"
        return self.text  # as the plan prints it: 9月至10月 stays 9月至10月

    @property
    def placed(self) -> bool:
        """Whether calendars and month lists may place it (年内, 适时 … are stated but not placeable)."""
        return self.kind != "vague"

    @property
    def month(self) -> int | None:
        """The single month, when the plan names one."""
        return self.first_month if self.placed and self.first_month == self.last_month else None

    @property
    def sort_month(self) -> float:
        """Orders items in a year: a span sorts after the single months it ends with; vague times last."""
        if not self.placed:
            return 99
        return self.last_month + (0 if self.first_month == self.last_month else 0.5)


def parse_when(value: object) -> When | NotStated | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return When("month", f"{value}月", value, value) if 1 <= value <= 12 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text == NOT_STATED_TEXT:
        return NOT_STATED
    if match := _M.match(text):
        month = _month(match[1])
        return When("month", text, month, month)
    if match := _M_RANGE.match(text):
        first, last = _month(match[1]), _month(match[2])
        return When("months", text, first, last) if first < last else None
    if match := _QUARTER.match(text):
        quarter = _month(match[1] or match[2])
        return When("quarter", text, 3 * quarter - 2, 3 * quarter)
    if match := _QUARTERS.match(text):
        first, last = _month(match[1]), _month(match[2])
        return When("quarters", text, 3 * first - 2, 3 * last) if first < last else None
    if text in _VAGUE:
        return When("vague", text, 1, 12)
    if text in _HALVES:
        half = _HALVES[text]
        return When("half-year", text, 6 * half - 5, 6 * half)
    if text in _WHOLE_YEAR:
        return When("year", text, 1, 12)
    if match := _DATE.match(text):
        day = _real_date(match[1], match[2], match[3])
        return When("date", text, day.month, day.month, day.day, day.day, day.year) if day else None
    if match := _DATE_RANGE.match(text):
        start, end = _real_date(*match.group(1, 2, 3)), _real_date(*match.group(4, 5, 6))
        if start is None or end is None or start.year != end.year or start > end:
            return None  # a range within one plan year, from the earlier date to the later
        return When("dates", text, start.month, end.month, start.day, end.day, start.year)
    return None


def _real_date(year: str, month: str, day: str) -> dt.date | None:
    """The date, or None for one the calendar does not have (2018-02-30)."""
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


# ---- approximate counts ---------------------------------------------------------------------------

# At most 15 digits: counts and amounts are read as numbers (int() of thousands of digits raises).
# A Chinese numeral as printed (十二, 一百二十, 两) is read too, and shown as printed.
# Digits before their units, each unit once and in order (一百零五, 两千, 十二, 三万六千): the forms
# chinese_to_int reads; 十十 or 一一 are no numeral, for the schema and the parser alike.
_D, _Z = "[一二两三四五六七八九]", "[零〇]"
_BELOW_WAN = rf"(?:{_D}千)?(?:{_Z}?{_D}百)?(?:{_Z}?{_D}?十)?(?:{_Z}?{_D})?"
NUMERAL = rf"(?=[一二两三四五六七八九十])(?:{_BELOW_WAN}万)?{_BELOW_WAN}"
_NUMERAL = re.compile(NUMERAL)
_COUNT = re.compile(rf"^(约)?\s*([0-9]{{1,15}}|{NUMERAL})\s*(余|多)?\s*(件|项|次|个|篇|条)?\s*(左右|以上)?$")
COUNT_PATTERN = rf"^(约)?\s*([0-9]{{1,15}}|{NUMERAL})\s*(余|多)?\s*(件|项|次|个|篇|条)?\s*(左右|以上)?(?![\s\S])"


def numeral_value(text: str) -> int | None:
    """The number digits or a Chinese numeral print (12, 十二, 一百零五, 两百), or None when it is
    not a numeral (十十, 一一)."""
    if text.isdigit():
        return int(text)
    return chinese_to_int(text) if _NUMERAL.fullmatch(text) else None


Qualifier = Literal["", "约", "余", "多", "左右", "以上"]  # as written; "" for an exact number
Number = TypeVar("Number", int, float)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Count(Generic[Number]):
    """A count as stated: 18, 10件左右, 约20项, 20余次."""

    value: Number
    text: str
    exact: bool
    qualifier: Qualifier = ""


def _qualifier(match: re.Match[str]) -> Qualifier:
    """The qualifier _COUNT or _AMOUNT matched: their groups 1, 3 and 5 admit nothing else."""
    return cast(Qualifier, match[1] or match[3] or match[5] or "")


def parse_count(value: object) -> Count[int] | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return Count(value, str(value), True) if value >= 0 else None
    if not isinstance(value, str):
        return None
    match = _COUNT.match(value.strip())
    number = numeral_value(match[2]) if match else None
    if match is None or number is None:
        return None
    qualifier = _qualifier(match)
    return Count(number, value.strip(), not qualifier, qualifier)


# ---- figures: amounts as printed ------------------------------------------------------------------

_AMOUNT = re.compile(rf"^(约)?\s*([0-9]{{1,15}}(?:\.[0-9]{{1,15}})?|{NUMERAL})\s*(余|多)?\s*(%)?\s*(以上|左右|多)?$")
AMOUNT_PATTERN = (  # summary-data schema's $defs/amount
    rf"^(约)?\s*([0-9]{{1,15}}(\.[0-9]{{1,15}})?|{NUMERAL})\s*(余|多)?\s*%?\s*(以上|左右|多)?(?![\s\S])"
)
APPROXIMATE = 0.1  # 约 / 左右: within a tenth either side


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Amount(Count[float]):
    """A figure as printed: 174, 73.2%, 99%以上, 20余, 约300, 1200余, 十二, 一百二十余. The text stays
    as written (pages show it); `value` is the number checks compute with; `bounds` is the interval
    the wording allows, so checks compare what the original can mean."""

    decimals: int = 0  # digits after the point, as printed: the precision a rate is stated to
    percent: bool = False
    numeral: str = ""  # the Chinese numeral as printed (十二), "" when the original prints digits

    @property
    def bounds(self) -> tuple[float, float]:
        return self.interval(rounded=self.percent or self.decimals > 0)

    def interval(self, rounded: bool) -> tuple[float, float]:
        """What the wording allows; `rounded`: the value is rounded to its last printed digit (rates)."""
        low = high = self.value
        if rounded:
            half = 0.5 * 10**-self.decimals
            low, high = low - half, high + half
        q = self.qualifier
        if q == "以上":
            return (self.value, float("inf"))
        if q in ("余", "多"):  # 20余 is 20 to under 30; 1200余 is 1200 to under 1300
            digits = str(int(self.value))
            step = 10 ** (len(digits) - len(digits.rstrip("0"))) if self.value else 1
            return (self.value, self.value + step)
        if q in ("约", "左右"):
            return (self.value * (1 - APPROXIMATE), self.value * (1 + APPROXIMATE))
        return (low, high)

    def admits(self, value: float) -> bool:
        low, high = self.bounds
        return low - 1e-9 <= value <= high + 1e-9

    def overlaps(self, low: float, high: float) -> bool:
        mine = self.bounds
        return mine[0] - 1e-9 <= high and low <= mine[1] + 1e-9

    @property
    def number(self) -> str:
        """The value without qualifiers, as printed (73.2, 1200, 十二)."""
        if self.numeral:
            return self.numeral
        return f"{self.value:.{self.decimals}f}" if self.decimals else str(int(self.value))


def parse_amount(value: object) -> Amount | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Amount(value, str(value), True) if value >= 0 else None
    if isinstance(value, float):
        value = repr(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _AMOUNT.match(text)
    if match is None:
        return None
    qualifier = _qualifier(match)
    number = match[2]
    if not number[0].isdigit():
        whole = numeral_value(number)
        if whole is None:
            return None  # 一一, 十十: not a numeral
        return Amount(whole, text, not qualifier, qualifier, 0, bool(match[4]), number)
    decimals = len(number.partition(".")[2])
    parsed = float(number) if decimals else int(number)
    return Amount(parsed, text, not qualifier, qualifier, decimals, bool(match[4]))


def printed_unit(text: str, number: str, units: Iterable[str]) -> str | None:
    """The unit `text` prints right after `number` (…信息312条 -> 条), among `units`; None when the
    text never prints the number with one of them, or prints it with more than one.

    The registry's unit is for arithmetic; a page shows the unit the original prints."""
    choices = tuple(sorted({u for u in units if u and u != "%"}, key=len, reverse=True))
    if not number or not choices:
        return None
    after = _unit_after(choices)
    found: set[str] = set()
    start = text.find(number)
    while start >= 0:
        end = start + len(number)
        whole = (start == 0 or text[start - 1] not in _NUMBER_CHARS) and text[end : end + 1] not in _NUMBER_CHARS
        match = after.match(text, end) if whole else None
        if match is not None:
            found.add(match[1])
        start = text.find(number, start + 1)
    return found.pop() if len(found) == 1 else None


_NUMBER_CHARS = frozenset("0123456789.〇零一二三四五六七八九十百千万亿两")


@functools.lru_cache(maxsize=64)
def _unit_after(choices: tuple[str, ...]) -> re.Pattern[str]:
    """One of the units right after a number (余 or 多 between them allowed). Compiled once per unit set:
    a pattern per number overflowed re's cache and cost a compile per figure."""
    return re.compile(rf"\s*(?:余|多)?\s*({'|'.join(map(re.escape, choices))})")


# ---- adoptions ------------------------------------------------------------------------------------


def chinese_date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Adoption:
    """Adopted at a meeting: 主席会议, 常务委员会第十五次会议 … with its 题注 as printed."""

    meeting: str = ""
    session: str = ""
    date: dt.date | NotStated | None = None
    caption: str = ""

    @property
    def label(self) -> str:
        parts = [self.session + self.meeting if self.session else self.meeting]
        if self.date:
            parts.insert(0, chinese_date(self.date))
        return "".join(p for p in parts if p) + "通过" if any(parts) else ""
