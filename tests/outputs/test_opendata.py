"""Open data a reader can use without the code (issue 27): CSV headers are Chinese column names, the
schema's titles (the published data dictionary); each row carries its period as written (2004-2010,
十届二次会议以来), its body's name beside the id, the figure as printed with its unit (312条), a plan
item's time as written (9月至10月), the 示例 mark of a sample document and a rule's status (已废止)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from jsonschema import Draft202012Validator

from checks_support import PLAN_DATA, RULE, SUMMARY, MiniRepo
from zhengxie.build.validate import validate
from zhengxie.derive.followthrough import FollowThrough
from zhengxie.outputs import opendata

SITE = "https://example.org/zx/"

PROPOSAL = """\
---
title: {title}
kind: summary
type: proposal-summary
body: luoyang-city
date: 2023-01-10
period: "{period}"
topics: [proposals]
---

## 一、提案提交和立案情况

{text}

{{{{ summary_figures() }}}}

## 二、提案办理情况

立案提案全部办复。
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, bytes]:
    repo = MiniRepo(tmp_path_factory.mktemp("opendata") / "repo")
    for doc_id, title, period, text, figures in (
        ("2010-span-proposal-summary", "洛阳市政协2004—2010年提案工作总结", "2004-2010", "共收到提案812件。", 812),
        (
            "2023-since-proposal-report",
            "洛阳市政协十届二次会议以来提案工作情况的报告",
            "十届二次会议以来",
            "共收到提案126件，编报社情民意信息312条。",
            126,
        ),
    ):
        repo.write(f"docs/summaries/{doc_id}.md", PROPOSAL.format(title=title, period=period, text=text))
        lines = f"figures:\n  - {{measure: proposals-received, value: {figures}}}\n"
        if doc_id.startswith("2023"):
            lines += "  - {measure: opinions-submitted, value: 312}\n"
        repo.write(f"data/summaries/{doc_id}.yml", lines)
    repo.edit(
        SUMMARY, "topics: [proposals]\n", "topics: [proposals]\nsample: true\nsample_note: 示例：数字为演示而编写。\n"
    )
    repo.edit(RULE, "topics: [self-building]\n", "topics: [self-building]\nstatus: repealed\n")
    repo.edit(PLAN_DATA, "time: 3月", "time: 9月至10月")
    corpus, problems = validate(repo.root)
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
    return opendata.build_open_data(corpus, FollowThrough(corpus), SITE)


def table(files, name: str) -> list[dict]:
    return json.loads(files[f"opendata/{name}.json"])["rows"]


def sheet(files, name: str) -> tuple[list[str], list[dict]]:
    text = files[f"opendata/{name}.csv"].decode("utf-8-sig")
    return next(csv.reader(io.StringIO(text))), list(csv.DictReader(io.StringIO(text)))


def test_every_csv_header_is_chinese_and_is_the_dictionarys_name(files):
    schema = json.loads(files["opendata/schema.json"])
    for name, spec in opendata.TABLES.items():
        header, _ = sheet(files, name)
        titles = schema["$defs"][spec.definition]["properties"]
        assert header == [titles[key]["title"] for key in spec.csv], name
        assert all(any("\u4e00" <= c <= "\u9fff" for c in h) for h in header), header  # no English headers
    header, _ = sheet(files, "figures")
    assert {"时期", "发文机关", "数据（照原文）", "单位", "示例"} <= set(header)


def test_figures_carry_their_period_as_written_the_body_name_and_the_printed_unit(files):
    _, rows = sheet(files, "figures")
    span = next(r for r in rows if r["工作总结编号"] == "2010-span-proposal-summary")
    assert (span["时期"], span["数据（照原文）"], span["年份"]) == ("2004-2010", "812件", "2010")
    assert span["发文机关"] == "中国人民政治协商会议洛阳市委员会" and span["发文机关编号"] == "luoyang-city"
    since = [r for r in rows if r["工作总结编号"] == "2023-since-proposal-report"]
    assert {r["时期"] for r in since} == {"十届二次会议以来"}
    opinions = next(r for r in since if r["数据项编号"] == "opinions-submitted")
    assert (opinions["数据（照原文）"], opinions["单位"]) == ("312条", "条")  # as the text prints it, not 件
    by_id = {(r["summary"], r["measure"]): r for r in table(files, "figures")}
    row = by_id[("2010-span-proposal-summary", "proposals-received")]
    assert (row["period"], row["period_label"], row["printed"]) == ("2004-2010", "2004—2010年", "812件")


def test_sample_documents_keep_their_mark_and_rules_their_status(files):
    _, documents = sheet(files, "documents")
    by_id = {r["编号"]: r for r in documents}
    assert by_id["2019-test-annual-summary"]["示例"] == "是"
    assert by_id["2019-test-annual-summary"]["示例说明"] == "示例：数字为演示而编写。"
    assert by_id["2019-test-rules"]["效力"] == "已废止" and by_id["2019-test-rules"]["示例"] == "否"
    _, figures = sheet(files, "figures")
    assert {r["示例"] for r in figures if r["工作总结编号"] == "2019-test-annual-summary"} == {"是"}
    _, reports = sheet(files, "follow-through")
    assert (
        reports and {r["示例"] for r in reports} == {"是"} and {r["落实情况"] for r in reports} <= {"已举行", "已合并"}
    )
    json_docs = {r["id"]: r for r in table(files, "documents")}
    assert json_docs["2019-test-annual-summary"]["sample"] is True
    assert json_docs["2019-test-rules"]["status_label"] == "已废止"


def test_item_times_are_as_the_plan_writes_them(files):
    _, items = sheet(files, "items")
    item = next(r for r in items if r["项目编号"] == "p01")
    assert item["时间"] == "9月至10月" and (item["起始月份"], item["结束月份"]) == ("9", "10")
    assert item["发文机关"] == "中国人民政治协商会议洛阳市委员会" and item["时期"] == "2019"


def test_every_json_file_validates_against_the_published_schema(files):
    validator = Draft202012Validator(json.loads(files["opendata/schema.json"]))
    for name in opendata.TABLES:
        assert list(validator.iter_errors(json.loads(files[f"opendata/{name}.json"]))) == [], name
