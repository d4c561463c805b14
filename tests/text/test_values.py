"""Times, periods and counts as originals state them: the JSON Schema's patterns (what `make check`
lets through) and the parsers (what indexes and calendars read) agree, and a value that passes the
pattern but is no real time or period is still reported, never shown quietly as 时间未定."""

from __future__ import annotations

import itertools
import re

import pytest

from checks_support import PLAN, PLAN_DATA, summary
from zhengxie.text.values import (
    COUNT_PATTERN,
    NOT_STATED,
    PERIOD_PATTERN,
    TIME_PATTERN,
    parse_count,
    parse_period,
    parse_when,
    printed_unit,
)

# every time form the issue lists, as an editor writes it: (text, kind, first month, last month, label);
# the label is the text as the plan prints it (9月至10月 is never shown as 9—10月), only Q1 is spelled out
TIMES = [
    ("3月", "month", 3, 3, "3月"),
    ("3月份", "month", 3, 3, "3月份"),
    ("三月", "month", 3, 3, "三月"),
    ("十二月", "month", 12, 12, "十二月"),
    ("三月下旬", "month", 3, 3, "三月下旬"),
    ("11月上旬", "month", 11, 11, "11月上旬"),
    ("6月底", "month", 6, 6, "6月底"),
    ("3月至5月", "months", 3, 5, "3月至5月"),
    ("9月至10月", "months", 9, 10, "9月至10月"),  # never shown as 9—10月
    ("3-5月", "months", 3, 5, "3-5月"),
    ("九至十一月", "months", 9, 11, "九至十一月"),
    ("第二季度", "quarter", 4, 6, "第二季度"),
    ("第4季度", "quarter", 10, 12, "第4季度"),
    ("Q1", "quarter", 1, 3, "第一季度"),
    ("一季度", "quarter", 1, 3, "一季度"),  # as many plans print it: kept as printed
    ("二、三季度", "quarters", 4, 9, "二、三季度"),
    ("三月中下旬", "month", 3, 3, "三月中下旬"),
    ("第三、四季度", "quarters", 7, 12, "第三、四季度"),
    ("第二至三季度", "quarters", 4, 9, "第二至三季度"),
    ("年底", "vague", 1, 12, "年底"),
    ("适时", "vague", 1, 12, "适时"),
    ("上半年", "half-year", 1, 6, "上半年"),
    ("下半年", "half-year", 7, 12, "下半年"),
    ("全年", "year", 1, 12, "全年"),
    ("2023-03-15", "date", 3, 3, "2023-03-15"),
    ("2023-03-15至2023-03-17", "dates", 3, 3, "2023-03-15至2023-03-17"),
    ("2023-05-30至2023-06-02", "dates", 5, 6, "2023-05-30至2023-06-02"),
]


@pytest.mark.parametrize("text,kind,first,last,label", TIMES, ids=[t[0] for t in TIMES])
def test_every_time_form_is_accepted_and_read(text, kind, first, last, label):
    assert re.search(TIME_PATTERN, text), text
    when = parse_when(text)
    assert (when.kind, when.first_month, when.last_month, when.label) == (kind, first, last, label)


def test_not_stated_time_is_neither_a_time_nor_missing():
    assert re.search(TIME_PATTERN, "原文未载")
    assert parse_when("原文未载") is NOT_STATED


def _generated_times():
    """Many strings near the time grammar: right and wrong numerals, suffixes, separators."""
    numerals = ["0", "1", "3", "9", "10", "12", "13", "一", "三", "十", "十一", "十二", "十三", "零"]
    suffixes = ["月", "月份", ""]
    parts = ["", "上旬", "中旬", "下旬", "底", "初", "末"]
    separators = ["至", "到", "-", "~", "—", " 至 ", "、"]
    found = set()
    for n, s, p in itertools.product(numerals, suffixes, parts):
        found.add(f"{n}{s}{p}")
    for a, b, sep, s in itertools.product(numerals, numerals, separators, ["月", ""]):
        found.add(f"{a}{s}{sep}{b}月")
    for q in ["一", "二", "四", "五", "1", "4", "5", "0"]:
        found |= {f"第{q}季度", f"Q{q}", f"{q}季度"}
    found |= {"上半年", "下半年", "全年", "全年度", "全年开展", "半年", "年内", "原文未载", "原文未载。", ""}
    dates = ["2023-03-15", "2023-02-29", "2024-02-29", "2023-13-01", "2023-04-31", "2023-3-5", "2024-01-02"]
    found |= set(dates)
    for a, b, sep in itertools.product(dates, dates, ["至", "..", "~", " 到 ", "/"]):
        found.add(f"{a}{sep}{b}")
    return sorted(found)


def test_the_parser_never_reads_a_time_the_schema_rejects():
    """Otherwise an editor would be told a time is malformed that the site can show."""
    for text in _generated_times():
        if parse_when(text) is not None:
            assert re.search(TIME_PATTERN, text), text


def test_what_the_schema_passes_and_the_parser_refuses_is_an_impossible_time():
    refused = [t for t in _generated_times() if re.search(TIME_PATTERN, t) and parse_when(t) is None]
    assert refused  # e.g. 5月至3月, 2023-02-29
    for text in refused:
        # a date that does not exist, a date range backwards or across years, or a month range backwards
        assert re.search(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) or re.search(r"[-–—~至到]", text), text


@pytest.mark.parametrize(
    "text", ["5月至3月", "3月至3月", "2023-02-29", "2023-04-31", "2023-03-17至2023-03-15", "2023-12-30至2024-01-02"]
)
def test_an_impossible_time_is_reported_where_it_is_written(zx_repo, text):
    zx_repo.edit(PLAN_DATA, "time: 3月", f"time: {text}")
    problems = zx_repo.check()
    assert summary(problems) == [("ZX206", PLAN_DATA, zx_repo.line_of(PLAN_DATA, f"time: {text}"))]
    assert text in problems[0].message and "从早到晚" in problems[0].hint


def test_an_impossible_stage_time_is_reported_too(zx_repo):
    zx_repo.edit(
        PLAN_DATA,
        "    form: thematic\n    time: 3月\n",
        "    stages:\n      - form: thematic\n        time: 6月至4月\n      - form: plenary-speech\n",
    )
    assert summary(zx_repo.check()) == [("ZX206", PLAN_DATA, zx_repo.line_of(PLAN_DATA, "time: 6月至4月"))]


# ---- periods ---------------------------------------------------------------------------------------

PERIODS = [
    ("2023", "year", 2023, 2023, "2023年"),
    ("2023-H1", "half-year", 2023, 2023, "2023年上半年"),
    ("2023-H2", "half-year", 2023, 2023, "2023年下半年"),
    ("2004-2010", "range", 2004, 2010, "2004—2010年"),
    ("2004至2010", "range", 2004, 2010, "2004—2010年"),
    ("十三届四次会议以来", "since", None, None, "十三届四次会议以来"),
]


@pytest.mark.parametrize("text,kind,start,end,label", PERIODS, ids=[p[0] for p in PERIODS])
def test_every_period_form_is_accepted_and_read(text, kind, start, end, label):
    assert re.search(PERIOD_PATTERN, text)
    period = parse_period(text)
    assert (period.kind, period.start, period.end, period.label) == (kind, start, end, label)


def test_period_parser_and_pattern_agree():
    candidates = [
        "2023",
        "23",
        "2023-H3",
        "2023-h1",
        "2023H1",
        "2004-2010",
        "2010-2004",
        "2004—2010",
        "2004~2010",
        "以来",
        "上次会议以来",
        "十三届四次会议以来至今",
        "原文未载",
        "2023年",
        "",
    ]
    for text in candidates:
        parsed = parse_period(text)
        if parsed is not None:
            assert re.search(PERIOD_PATTERN, text), text
        elif re.search(PERIOD_PATTERN, text):
            assert text == "2010-2004", text  # the one refused form the pattern lets through: reported below


def test_a_backwards_period_is_reported(zx_repo):
    zx_repo.edit(PLAN, 'period: "2019"', 'period: "2019-2010"')
    problems = zx_repo.check()
    assert ("ZX206", PLAN, zx_repo.line_of(PLAN, "period:")) in summary(problems)
    assert "2004-2010" in next(p for p in problems if p.code == "ZX206").hint


# ---- counts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value,exact,qualifier",
    [
        (18, 18, True, ""),
        ("18", 18, True, ""),
        ("10件左右", 10, False, "左右"),
        ("约20项", 20, False, "约"),
        ("20余项", 20, False, "余"),
        ("30多次", 30, False, "多"),
        ("15项以上", 15, False, "以上"),
    ],
)
def test_stated_counts(text, value, exact, qualifier):
    assert re.search(COUNT_PATTERN, str(text)) or isinstance(text, int)
    count = parse_count(text)
    assert (count.value, count.exact, count.qualifier) == (value, exact, qualifier)


@pytest.mark.parametrize("text", ["年底", "年内", "适时"])
def test_a_time_without_a_month_is_kept_as_written_but_never_placed(text):
    """年底, 适时 … are what the plan says: shown as written, listed under 时间未定, in no calendar."""
    from zhengxie.outputs.ical import _span

    when = parse_when(text)
    assert when.label == text and not when.placed and when.month is None and when.sort_month == 99
    assert _span(2024, when) is None


# (text, number, units the registry allows, the unit a page shows or None for the registry's own)
PRINTED_UNITS = [
    ("全年编报社情民意信息312条，多条得到批示。", "312", ("件", "条", "篇"), "条"),
    ("共收到提案812件。", "812", ("件",), "件"),
    ("委员参加活动1200余人次。", "1200", ("人", "人次"), "人次"),  # the longer unit, not 人
    ("收到提案1312件，其中312件立案。", "312", ("件", "条"), "件"),  # 1312 is not 312
    ("报送信息312条；另一处写作312件。", "312", ("件", "条"), None),  # printed two ways: not chosen
    ("全年编报信息若干。", "312", ("件", "条"), None),  # not printed: the registry's unit
]


@pytest.mark.parametrize("text,number,units,unit", PRINTED_UNITS, ids=[str(i) for i in range(len(PRINTED_UNITS))])
def test_the_unit_shown_is_the_one_the_original_prints(text, number, units, unit):
    assert printed_unit(text, number, units) == unit
