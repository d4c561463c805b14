"""What the search stores beside a document's text (zhengxie.outputs.search): the names it is found by,
the date and body a result row shows as the page prints them, and the kinds above their types."""

from __future__ import annotations

import pytest

from zhengxie.outputs.search import search_kinds, search_meta
from zhengxie.sources.loader import load_corpus


@pytest.fixture(scope="module")
def corpus(fixture_root):
    return load_corpus(fixture_root)


def test_a_plan_is_found_by_its_body_topics_kind_year_and_issuers(corpus):
    meta = search_meta(corpus, corpus.documents["2016-qingxi-consultation-plan"])
    terms = meta.terms.split()
    for name in (
        "青溪县政协",
        "政协",
        "提案工作",
        "生态环境",
        "协商计划",
        "年度协商计划",
        "2016",
        "2016年",
        "中共青溪县委办公室",
    ):
        assert name in terms, (name, terms)
    assert meta.date == "2016年2月15日"
    assert meta.body == "青溪县政协"
    assert meta.number == "青办发〔2016〕2号"


def test_without_a_date_the_row_shows_the_period_or_year_as_printed(corpus):
    assert search_meta(corpus, corpus.documents["2016-qingxi-half-year-summary"]).date == "2016年12月30日"
    interim = search_meta(corpus, corpus.documents["2015-qingxi-interim-rules"])
    assert interim.date == "2015 年" and interim.number == ""  # the site's own label (one spacing rule)


def test_kinds_list_their_types_in_declared_order(corpus):
    kinds = {k["name"]: k["types"] for k in search_kinds(corpus.vocab)}
    assert kinds["工作总结"][:2] == ["年度工作总结", "半年工作总结"]
    assert "提案工作情况报告" in kinds["工作总结"]
    assert kinds["协商计划"][0] == "年度协商计划"
    assert all(types for types in kinds.values())


def test_a_sample_document_is_marked_in_its_result_row(corpus):
    assert search_meta(corpus, corpus.documents["2016-minghu-annual-summary"]).sample == "示例"
    assert search_meta(corpus, corpus.documents["2016-baishi-study-note"]).sample == ""
