"""A figure the original prints in Chinese numerals (十二件, 一百二十余人次) is shown as printed — in
the figures table and in open data's `printed` — while the checks compute with its number (12).
Counts a plan states in Chinese (十五项) likewise. The schemas accept what the parsers read."""

from __future__ import annotations

import json
import re
import textwrap

import pytest
from jsonschema import Draft202012Validator

from checks_support import SUMMARY
from conftest import ROOT
from zhengxie.build.validate import validate
from zhengxie.derive.followthrough import FollowThrough
from zhengxie.outputs import opendata
from zhengxie.render.views import Views
from zhengxie.text.values import AMOUNT_PATTERN, COUNT_PATTERN, parse_amount, parse_count

DOC = "docs/summaries/2020-numeral-annual-summary.md"
DATA = "data/summaries/2020-numeral-annual-summary.yml"


@pytest.mark.parametrize(
    "text,value,low,high",
    [
        ("十二", 12, 12, 12),
        ("一百零五", 105, 105, 105),
        ("两", 2, 2, 2),
        ("一百二十余", 120, 120, 130),
        ("约三百", 300, 270, 330),
        ("三十以上", 30, 30, float("inf")),
        ("九十八%以上", 98, 98, float("inf")),
    ],
)
def test_a_chinese_numeral_keeps_its_text_and_computes_with_its_number(text, value, low, high):
    amount = parse_amount(text)
    assert amount is not None and amount.value == value and amount.text == text
    assert amount.bounds == pytest.approx((low, high))


@pytest.mark.parametrize("text", ["一一", "十十", "十二三", "十二个半", "百十", "万"])
def test_a_malformed_numeral_is_no_amount_and_the_schema_says_so(text):
    assert parse_amount(text) is None and parse_count(text) is None
    assert not re.match(AMOUNT_PATTERN, text) and not re.match(COUNT_PATTERN, text)


@pytest.mark.parametrize(
    "text,value", [("两千", 2000), ("一千零五", 1005), ("三万六千", 36000), ("十万", 100000), ("一百一十", 110)]
)
def test_numerals_of_every_size_read_as_the_schema_accepts_them(text, value):
    assert re.match(AMOUNT_PATTERN, text) and parse_amount(text).value == value


def test_the_schemas_accept_what_the_parsers_read():
    summary_schema = json.loads((ROOT / "data/schemas/summary-data.schema.json").read_text(encoding="utf-8"))
    assert summary_schema["$defs"]["amount"]["pattern"] == AMOUNT_PATTERN
    validator = Draft202012Validator(summary_schema)
    for value in ("十二", "一百二十余", 12, "20余"):
        assert not list(validator.iter_errors({"figures": [{"measure": "proposals-received", "value": value}]}))
    assert list(validator.iter_errors({"figures": [{"measure": "proposals-received", "value": "十二个半"}]}))
    for count in ("十五项", "15个", "二十余项", "10件左右"):
        assert re.match(COUNT_PATTERN, count)
        parsed = parse_count(count)
        assert parsed is not None and parsed.text == count
    assert parse_count("十五项").value == 15 and parse_count("二十余项").qualifier == "余"


def _summary(repo, rate: str) -> None:
    repo.write(
        DOC,
        repo.read(SUMMARY)
        .replace("date: 2019-12-20", "date: 2020-12-20")
        .replace('period: "2019"', 'period: "2020"')
        .replace("2019年工作总结", "2020年工作总结")
        .replace("{{ follow_through() }}\n", ""),
    )
    figures = f"""\
    - {{measure: proposals-received, value: 十二}}
    - {{measure: proposals-filed, value: 十}}
    - {{measure: proposals-filing-rate, value: {rate}}}
    """
    repo.write(DATA, "figures:\n" + textwrap.dedent(figures))


def test_a_figure_printed_in_chinese_shows_as_printed_and_checks_use_its_number(zx_repo):
    _summary(zx_repo, "83.3%")  # 10 / 12
    corpus, problems = validate(zx_repo.root)
    assert not [p.format() for p in problems if p.file == DATA]
    doc = corpus.documents["2020-numeral-annual-summary"]
    table = Views(corpus, ROOT / "overrides", follow=FollowThrough(corpus)).summary_figures(doc)
    assert "十二件" in table and "十件" in table and ">12件<" not in table
    rows = json.loads(
        opendata.build_open_data(corpus, FollowThrough(corpus), "https://example.org/")["opendata/figures.json"]
    )
    printed = {r["measure"]: r["printed"] for r in rows["rows"] if r["summary"] == doc.id}
    assert printed["proposals-received"] == "十二件" and printed["proposals-filed"] == "十件"
    values = {r["measure"]: r["value"] for r in rows["rows"] if r["summary"] == doc.id}
    assert values["proposals-received"] == 12  # the number, for whoever computes with it


def test_a_wrong_rate_beside_chinese_numerals_is_caught_with_the_computed_value(zx_repo):
    _summary(zx_repo, "95%")
    [problem] = [p for p in zx_repo.check() if p.file == DATA]
    assert problem.code == "ZX413" and "83.3%" in problem.message and "十二件" in problem.message
