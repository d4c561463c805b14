"""Numbers beyond the old numeral table (一 … 九百九十九): every positive number converts both ways,
and a rule or an outline numbered past 999 is checked, linked and imported without a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checks_support import PLAN, RULE, summary
from zhengxie.model.articles import link_articles
from zhengxie.text.outline import MAX_NUMERAL, chinese_to_int, int_to_chinese, split_numbering

KNOWN = {
    1: "一",
    10: "十",
    12: "十二",
    20: "二十",
    105: "一百零五",
    110: "一百一十",
    999: "九百九十九",
    1000: "一千",
    1001: "一千零一",
    1010: "一千零一十",
    1100: "一千一百",
    9999: "九千九百九十九",
    10_000: "一万",
    10_001: "一万零一",
    100_000: "十万",
    100_010: "十万零一十",
    110_000: "十一万",
    1_000_000: "一百万",
    100_000_000: "一亿",
    101_000_000: "一亿零一百万",
    10**12: "一万亿",
    10**16: "一亿亿",
}


def test_known_numerals_both_ways():
    for number, numeral in KNOWN.items():
        assert int_to_chinese(number) == numeral
        assert chinese_to_int(numeral) == number


def test_round_trip_for_every_number_up_to_100000():
    assert all(chinese_to_int(int_to_chinese(n)) == n for n in range(1, 100_001))


@given(st.integers(min_value=1, max_value=10**40))
def test_round_trip_for_large_numbers(number):
    numeral = int_to_chinese(number)
    assert set(numeral) <= set("零一二三四五六七八九十百千万亿")
    assert chinese_to_int(numeral) == number


@settings(max_examples=300)
@given(st.text(alphabet="零〇一二三四五六七八九十百千万亿两0123456789x", max_size=MAX_NUMERAL + 20))
def test_reading_any_numeral_never_raises(text):
    value = chinese_to_int(text)
    assert value is None or value >= 0
    if value is not None and value > 0 and int_to_chinese(value) == text:
        assert chinese_to_int(int_to_chinese(value)) == value


def test_malformed_and_overlong_numerals_are_none():
    for numeral in ("一一", "二三", "x", "", "1" * (MAX_NUMERAL + 1), "亿" * (MAX_NUMERAL + 1)):
        assert chinese_to_int(numeral) is None
    assert split_numbering("## " + "1" * 5000 + ". 标题")[2] is None
    assert split_numbering("1" * 5000 + ". 标题")[2] is None


def _articles(numbers: list[int]) -> str:
    return "".join(f"第{int_to_chinese(n)}条　内容。\n\n" for n in numbers)


def _rule_with(zx_repo, articles: str) -> None:
    head = zx_repo.read(RULE).split("## 第一章")[0]
    zx_repo.write(RULE, head + "## 第一章　总则\n\n" + articles + "## 第二章　附则\n\n本规则自印发之日起施行。\n")


def test_a_rule_of_1002_articles_checks_clean(zx_repo):
    _rule_with(zx_repo, _articles(list(range(1, 1003))))
    assert [p for p in zx_repo.check() if p.file == RULE] == []


def test_a_break_after_999_names_the_expected_numeral(zx_repo):
    _rule_with(zx_repo, _articles([*range(1, 1000), 999, 1001]))
    found = [p for p in zx_repo.check() if p.code == "ZX305"]
    assert [p.line for p in found] == [zx_repo.line_of(RULE, "第九百九十九条", 2)]
    assert "第一千条" in found[0].message


def test_a_missing_section_after_section_999_is_numbered_1000(zx_repo):
    text = zx_repo.read(PLAN)
    fillers = "".join(f"## {int_to_chinese(n)}、其他{n}\n\n内容。\n\n" for n in range(2, 999))
    body = text[: text.index("## 一、指导思想")]
    zx_repo.write(
        PLAN,
        body
        + "## 一、指导思想\n\n内容。\n\n"
        + fillers
        + "## 九百九十九、基本原则\n\n内容。\n\n"
        + "## 一千、组织实施\n\n内容。\n",
    )
    problems = zx_repo.check()
    missing = [p for p in problems if p.code == "ZX301"]
    assert [p.line for p in missing] == [zx_repo.line_of(PLAN, "## 一千、组织实施")], summary(problems)
    assert "一千、" in missing[0].hint + missing[0].message
    assert not any(p.code in ("ZX304", "ZX306") for p in problems), summary(problems)


def test_arabic_numbers_of_thousands_of_digits_are_not_numerals(zx_repo):
    zx_repo.edit(RULE, "第三条　", "第" + "1" * 5000 + "条　")
    zx_repo.edit(PLAN, "## 一、指导思想", "## " + "9" * 5000 + ". 指导思想")
    codes = summary(zx_repo.check())
    assert ("ZX306", RULE, zx_repo.line_of(RULE, "第111")) in codes


def test_articles_past_999_get_anchors_and_links():
    html = "<p>第一千条　见第一千零一条。</p><p>第一千零一条　内容。</p>"
    linked = link_articles(html)
    assert 'id="article-1000"' in linked and 'id="article-1001"' in linked
    assert '<a class="zx-article-ref" href="#article-1001">第一千零一条</a>' in linked
