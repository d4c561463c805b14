"""The shapes real documents take, as the fixture site shows them (issue 8): joint issuers and a 文号,
an adopted rule with its 题注 superseded by a newer rule, a report anchored to a session, a plan with
stages, approximate counts and times the original does not state (原文未载: never on a calendar),
and a waiver that the page and the waivers list explain."""

from __future__ import annotations

import re

import pytest

from fixture_site import FIXTURE, front_matter
from zhengxie.sources.loader import load_corpus

TWO_PART_PLAN = "2016-qingxi-consultation-plan"
INTERIM_RULE = "2015-qingxi-interim-rules"
RULE = "2015-qingxi-office-rules"
REPORT = "2016-minghu-proposal-report"
WAIVED = "2016-qingxi-half-year-summary"


@pytest.fixture(scope="module")
def corpus(fixture_root):
    return load_corpus(fixture_root)


def header(built_site, doc) -> str:
    """The document header's text, tags removed and spaces collapsed."""
    html = (built_site / doc.url / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="zx-doc-header">(.*?)\n</div>', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", block).split())


def test_joint_issuers_number_and_dates_are_in_the_header(built_site, corpus):
    doc = corpus.documents[TWO_PART_PLAN]
    meta = front_matter(FIXTURE / "docs" / "plans" / f"{TWO_PART_PLAN}.md")
    text = header(built_site, doc)
    assert len(meta["issuers"]) > 1 and all(issuer in text for issuer in meta["issuers"])
    assert meta["doc_number"] in text
    assert "2016年2月15日" in text and "2016年2月22日" in text  # 成文 and 发布 differ


def test_adopted_rule_shows_its_caption_and_both_rules_link_each_other(built_site, corpus):
    old, new = corpus.documents[INTERIM_RULE], corpus.documents[RULE]
    html = (built_site / old.url / "index.html").read_text(encoding="utf-8")
    caption = front_matter(FIXTURE / "docs" / "rules" / f"{INTERIM_RULE}.md")["adopted"]["caption"]
    assert f'<p class="zx-doc-header__caption">{caption}' in html
    assert "已修订" in header(built_site, old) and "原文未载" in header(built_site, old)  # no 成文日期 stated
    assert f'href="../../{new.url}"' in html or f"/{new.url}" in html
    assert new.title in header(built_site, old) and old.title in header(built_site, new)
    assert not old.headings and old.articles  # flat: articles only, after a preamble


def test_session_anchored_report_shows_session_reporter_and_dateline(built_site, corpus):
    doc = corpus.documents[REPORT]
    meta = front_matter(FIXTURE / "docs" / "summaries" / f"{REPORT}.md")
    text = header(built_site, doc)
    for key in ("period", "session", "reporter", "dateline"):
        assert meta[key] in text, key
    assert doc.year == 2016  # the period names no year: the date files it


def test_items_keep_what_the_plan_says_and_no_more(built_site, corpus):
    plan = corpus.documents[TWO_PART_PLAN]
    html = (built_site / plan.url / "index.html").read_text(encoding="utf-8")
    items = {item.id: item for item in plan.items}
    staged = items["p01"]
    assert len(staged.forms) == 2 and all(corpus.vocab.forms[f].name in html for f in staged.forms)
    not_stated = [i for i in plan.items if i.time_label == "原文未载"]
    unwritten = [i for i in plan.items if i.time is None and not i.stages]
    assert not_stated and unwritten
    calendar = (built_site / "calendar.ics").read_text(encoding="utf-8")
    year_page = (built_site / "years" / str(plan.year) / "index.html").read_text(encoding="utf-8")
    undated = year_page[year_page.index("时间未定") :]
    for item in not_stated + unwritten:  # never given a month the original does not state
        assert f"{plan.id}-{item.id}@" not in calendar
        assert f"#item-{item.id}" in undated
    for item in plan.items:
        if item.when:
            assert f"{plan.id}-{item.id}@" in calendar
    section = re.search(r'id="item-p04">(.*?)</section>', html, re.S).group(1)
    assert "原文未载" in section


def test_waiver_is_explained_on_the_page_and_listed(built_site, corpus):
    doc = corpus.documents[WAIVED]
    [(code, waiver)] = doc.waivers.items()
    reason = waiver.reason
    assert "编者注" in header(built_site, doc) and reason in header(built_site, doc)
    listing = (built_site / "waivers" / "index.html").read_text(encoding="utf-8")
    assert doc.id in listing and code in listing and reason in listing
    assert all(scope in listing for scope in waiver.scopes)  # exactly what the waiver excuses
