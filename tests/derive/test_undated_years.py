"""Undated originals and inferred years on the year index (issue 30, item 2): a document whose original
states no year is listed under 年份未定, never under a guessed year; one filed by an inferred year is
listed under it and counted as 年份为推定; a plan item dated in another year is listed in that year.
An excerpt (节选) is marked and its list keeps the number it starts at. The indexes are read from a
mini-repository; the site is built once for what a reader sees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks_support import PLAN_DATA, MiniRepo, build_site, make_buildable
from zhengxie.derive.followthrough import FollowThrough
from zhengxie.derive.indexes import Indexes
from zhengxie.outputs.ical import plan_events
from zhengxie.sources.loader import load_corpus

UNDATED = "docs/rules/undated-test-study-rules.md"
INFERRED = "docs/rules/2015-test-duty-rules.md"
BASIS = "依据“九届二次会议”推定"
EXCERPT = "docs/notes/2019-test-excerpt-note.md"
EXCERPT_TEXT = """\
---
title: 学习体会（节选）
kind: note
type: study
body: luoyang-city
date: 2019-07-01
excerpt: 节选自原件第二部分
---

## 二、带着问题学

2. 注重调查研究。
3. 把学习成果用到履职中。
"""


def _rule(title: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\nkind: rule\ntype: rules\nbody: luoyang-city\ndate: 原文未载\n{extra}---\n\n"
        "第一条　为了做好工作，制定本制度。\n\n第二条　本制度自印发之日起施行。\n"
    )


def _repo(root: Path) -> MiniRepo:
    repo = MiniRepo(root)
    repo.write(UNDATED, _rule("某县政协委员学习制度"))
    repo.write(INFERRED, _rule("某县政协委员履职制度", f"inferred_year: {{value: 2015, basis: {BASIS}}}\n"))
    repo.write(EXCERPT, EXCERPT_TEXT)
    return repo


def _indexes(repo: MiniRepo) -> Indexes:
    corpus = load_corpus(repo.root)
    return Indexes(corpus, FollowThrough(corpus))


def test_undated_and_inferred_documents_on_the_year_index(tmp_path):
    index = _indexes(_repo(tmp_path / "repo"))
    assert [d.id for d in index.undated] == ["undated-test-study-rules"]
    assert all("undated-test-study-rules" not in [d.id for d in y.date_not_stated] for y in index.years.values())
    year = index.years[2015]
    assert [d.id for d in year.inferred] == ["2015-test-duty-rules"]
    assert year.doc_text == "文档 1 篇（年份为推定 1 篇）"


def test_an_item_dated_in_another_year_is_listed_in_that_year(tmp_path):
    repo = _repo(tmp_path / "repo")
    repo.edit(PLAN_DATA, "time: 第三季度", "time: 2020-08-15")
    index = _indexes(repo)
    assert [e.item.id for e in index.years[2020].items] == ["p02"]
    assert [e.item.id for e in index.years[2019].items] == ["p01"]
    corpus = load_corpus(repo.root)
    plan = corpus.documents["2019-test-consultation-plan"]
    calendar = plan_events(corpus, FollowThrough(corpus), plan, "https://example.org/").decode()
    assert "DTSTART;VALUE=DATE:20200815" in calendar and "20190815" not in calendar


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("undated-years")
    repo = make_buildable(_repo(root / "repo"))
    assert not repo.check(), "\n".join(p.format() for p in repo.check())
    result = build_site(repo, root / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "out"


def _text(site: Path, url: str) -> str:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_years_page_lists_an_undated_original_under_undecided(site):
    text = _text(site, "years")
    assert "年份未定" in text and "某县政协委员学习制度" in text
    assert "2015 年 文档 1 篇（年份为推定 1 篇）" in text


def test_an_inferred_year_is_shown_as_inferred_with_its_basis(site):
    text = _text(site, "rules/2015-test-duty-rules")
    assert f"2015 年（推定：{BASIS}）" in text or f"2015年（推定：{BASIS}）" in text
    assert "某县政协委员履职制度" in _text(site, "years/2015")


def test_an_undated_page_says_its_year_is_undecided(site):
    assert "年份未定" in _text(site, "rules/undated-test-study-rules")
    html = (site / "rules/undated-test-study-rules/index.html").read_text(encoding="utf-8")
    assert re.search(r'data-pagefind-filter="年份[^"]*"[^>]*data-zx-filter="年份未定"', html)  # searchable as such


def test_an_excerpt_is_marked_and_keeps_its_numbers(site):
    html = (site / "notes/2019-test-excerpt-note/index.html").read_text(encoding="utf-8")
    assert "节选自原件第二部分" in _text(site, "notes/2019-test-excerpt-note")
    assert '<ol start="2">' in html  # the list prints 2. and 3., as the original does


def test_open_data_says_which_years_are_inferred_and_why(site):
    import csv
    import io
    import json

    rows = {r["id"]: r for r in json.loads((site / "opendata/documents.json").read_text(encoding="utf-8"))["rows"]}
    assert rows["2015-test-duty-rules"]["year"] == 2015
    assert rows["2015-test-duty-rules"]["year_inferred"] == BASIS
    assert (
        rows["undated-test-study-rules"]["year"] is None and rows["undated-test-study-rules"]["year_inferred"] is None
    )
    table = list(csv.DictReader(io.StringIO((site / "opendata/documents.csv").read_text(encoding="utf-8-sig"))))
    assert {r["年份推定依据"] for r in table if r["年份"] == "2015"} == {BASIS}
