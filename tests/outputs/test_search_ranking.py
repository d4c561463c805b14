"""Search ranks as a reader expects, on the real Pagefind index queried in Chromium through the site's own
ranking (docs/assets/zx-search.js, `window.zxSearch.query`, what the search dialog shows):

* a query held whole by exactly one document finds that document first — Chinese phrases from the
  text, titles, body names, topics, years, dates, 文号 — on the fixture corpus and on a generated corpus
  of 1000 documents (tests/bench/gen_corpus.py), there among the results the dialog lists before the
  reader asks for more (it checks Pagefind's candidates 200 at a time);
* a query no document holds finds nothing, however many of its single characters the pages contain
  (和美乡村 through 和, 社情民意 through 情况);
* excerpts come from the body text: no metadata, labels apart from values, no Latin ". " after headings.

Each case's premise is checked on the index itself (the text and metadata Pagefind stored for every
page): the expected document holds the query and, where the case says so, no other does.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
from pathlib import Path

import pytest

import python_runs
from serving import root_url, serve

ROOT = Path(__file__).resolve().parents[2]
SEARCHED_META = ("title", "zx-terms", "zx-number", "zx-date", "zx-body")


def normal(text: str) -> str:
    """As zx-search.js compares: lower case, no whitespace or punctuation."""
    return re.sub(r"[\s\u200b]+|[^\w]", "", text.lower())


def indexed(site: Path) -> dict[str, str]:
    """url → the normalised text and searched metadata Pagefind stored for the page."""
    pages = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd").decode("utf-8"))
        meta = data.get("meta", {})
        parts = [data["content"], *(meta.get(k, "") for k in SEARCHED_META)]
        pages[data["url"]] = "|".join(normal(part) for part in parts)  # a phrase never spans two parts
    return pages


def titles_of(site: Path) -> dict[str, str]:
    titles = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd").decode("utf-8"))
        titles[data["url"]] = data.get("meta", {}).get("title", "")
    return titles


def holders(pages: dict[str, str], query: str) -> list[str]:
    terms = [normal(t) for t in query.split()]
    return sorted(url for url, text in pages.items() if all(t in text for t in terms))


def ask(page, query: str, shown: bool = False) -> list[dict]:
    """The results for query, every candidate checked; with `shown`, the results the dialog lists before
    the reader asks for more (the candidates it checks at once)."""
    return page.evaluate("([q, shown]) => window.zxSearch.query(q, {shown})", [query, shown])


@pytest.fixture(scope="module")
def fixture_search(browser, built_site):
    server = serve(built_site)
    url = root_url(server)
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "plans/")
    page.wait_for_function("() => window.zxSearch !== undefined")
    yield page, indexed(built_site)
    context.close()
    server.shutdown()


PLAN = "/plans/2016-minghu-consultation-plan/"
QINGXI_PLAN = "/plans/2016-qingxi-consultation-plan/"
SUMMARY = "/summaries/2016-minghu-annual-summary/"
HALF_YEAR = "/summaries/2016-qingxi-half-year-summary/"
REPORT = "/summaries/2016-minghu-proposal-report/"
RULES = "/rules/2015-qingxi-office-rules/"
INTERIM = "/rules/2015-qingxi-interim-rules/"
NOTE = "/notes/2016-baishi-study-note/"

# query → the one document holding it (phrases of the text, names, dates, 文号 in the metadata)
FIXTURE_CASES = [
    ("社情民意", SUMMARY),
    ("报送社情民意信息", SUMMARY),
    ("提案委员会对重点提案逐件跟踪", SUMMARY),
    ("县城污水管网改造", QINGXI_PLAN),
    ("议题由县委确定", QINGXI_PLAN),
    ("先调研、后协商", QINGXI_PLAN),
    ("青办发〔2016〕2号", QINGXI_PLAN),
    ("中共青溪县委办公室", QINGXI_PLAN),
    ("选题少而精", PLAN),
    ("协商在决策之前", PLAN),
    ("兼顾耕地保护", PLAN),
    ("2016年1月28日", PLAN),
    ("逐件核对", HALF_YEAR),
    ("出勤不够均衡", HALF_YEAR),
    ("县直部门", HALF_YEAR),
    ("2016年12月30日", HALF_YEAR),
    ("青溪县政协 半年工作总结", HALF_YEAR),
    ("十届四次会议以来", REPORT),
    ("明湖市政协 提案工作情况报告", REPORT),
    ("有章可循", RULES),
    ("当天登记", RULES),
    ("青政协办发〔2015〕7号", RULES),
    ("正式规则出台前", INTERIM),
    ("收文由办公室统一登记", INTERIM),
    ("本暂行规则", INTERIM),
    ("人少事杂", NOTE),
    ("白石镇", NOTE),
    ("学习体会", NOTE),
    ("理论学习 联络组", NOTE),
    ("白石镇政协联络组 2016", NOTE),
]


@pytest.mark.parametrize("query, expected", FIXTURE_CASES, ids=[q for q, _ in FIXTURE_CASES])
def test_a_query_held_by_one_document_finds_it_first(fixture_search, query, expected):
    page, pages = fixture_search
    assert holders(pages, query) == [expected], f"premise: only {expected} holds {query!r}"
    results = ask(page, query)
    assert results and results[0]["url"] == expected, [r["url"] for r in results]


# query → the documents holding every term (topics, kinds, bodies, years: several documents)
@pytest.mark.parametrize("query", ["营商环境", "自身建设", "工作总结", "提案", "乡村振兴 2016", "明湖市政协", "2015"])
def test_a_name_finds_every_document_holding_it_and_those_first(fixture_search, query):
    page, pages = fixture_search
    expected = holders(pages, query)
    assert expected, f"premise: some document holds {query!r}"
    urls = [r["url"] for r in ask(page, query)]
    assert sorted(urls[: len(expected)]) == expected, urls


@pytest.mark.parametrize("query", ["和美乡村", "社情民意调查", "乡村振兴示范带", "营商环境评价"])
def test_a_query_whose_words_no_document_holds_finds_nothing(fixture_search, query):
    page, pages = fixture_search
    assert holders(pages, query) == [], f"premise: no document holds {query!r}"
    assert ask(page, query) == []


def test_topic_names_find_documents_tagged_with_them(fixture_search):
    """自身建设 is in no document's text: the documents tagged with the topic are found by its name."""
    page, _ = fixture_search
    urls = {r["url"] for r in ask(page, "自身建设")}
    assert urls == {RULES, INTERIM, NOTE}


def test_excerpts_are_body_text_without_metadata_or_latin_stops(fixture_search):
    page, _ = fixture_search
    for query in ("提案", "2016", "县城污水管网改造", "营商环境", "明湖市政协"):
        for result in ask(page, query):
            excerpt = result["excerpt"]
            assert "2016 2016年" not in excerpt and "类别" not in excerpt, excerpt
            assert not re.search(r"[\u4e00-\u9fff]\. ", excerpt), excerpt
            assert not re.search(r"时间\d|牵头单位市|形式(?![ …])", excerpt), excerpt
            assert result["date"] and result["body"], result


def test_plan_item_labels_and_values_are_apart_in_the_index(built_site):
    text = json.dumps(
        [
            gzip.decompress(p.read_bytes()).decode("utf-8").replace("\u200b", "")
            for p in (built_site / "pagefind" / "fragment").glob("*.pf_fragment")
        ],
        ensure_ascii=False,
    )
    assert "时间 5月 牵头单位 市政协经济委员会" in text
    assert "时间5月" not in text


# ---- a generated corpus of 1000 documents -------------------------------------------------------------

N = 1000


@pytest.fixture(scope="module")
def large_search(browser, tmp_path_factory):
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    import gen_corpus

    root = tmp_path_factory.mktemp("search1000") / "site"
    gen_corpus.generate(root, N, seed=1)
    out = root.parent / "out"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("ZX_SEARCH", None)
    result = python_runs.run("mkdocs", ["build", "--strict", "-q", "--site-dir", str(out)], root, env)
    assert result.returncode == 0, result.stderr[-3000:]
    server = serve(out)
    url = root_url(server)
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "plans/")
    page.wait_for_function("() => window.zxSearch !== undefined")
    yield page, indexed(out), out
    context.close()
    server.shutdown()


def once(corpus: str, phrase: str) -> bool:
    """Whether `phrase` occurs once in `corpus` (the pages' texts joined by NUL): held by one page
    alone. A phrase most pages hold is turned down at its second occurrence, near the start."""
    first = corpus.find(phrase)
    return first >= 0 and corpus.find(phrase, first + 1) < 0


def unique_phrases(pages: dict[str, str], count: int, length: int) -> list[tuple[str, str]]:
    """(phrase, url): runs of `length` Chinese characters from documents spread over the corpus, each
    held by its document alone."""
    urls = sorted(u for u in pages if u.count("/") == 3)
    corpus = "\0".join(pages.values())
    cases: list[tuple[str, str]] = []
    for url in urls[:: max(1, len(urls) // (count * 2))]:
        text = pages[url]
        for start in range(len(text) // 2, len(text) - length, 7):
            phrase = text[start : start + length]
            if re.fullmatch(r"[\u4e00-\u9fff]+", phrase) and once(corpus, phrase):
                cases.append((phrase, url))
                break
        if len(cases) == count:
            break
    return cases


@pytest.mark.slow
def test_the_1000_document_corpus_ranks_the_one_holder_first(large_search):
    page, pages, _ = large_search
    assert len([u for u in pages if u.count("/") == 3]) >= N
    cases = unique_phrases(pages, 20, 8) + unique_phrases(pages, 10, 5)
    # Titles (a body's name, a year, a type) held by their document alone.
    titles = [(t, u) for u, t in sorted(titles_of(large_search[2]).items()) if holders(pages, t) == [u]]
    cases += titles[:: max(1, len(titles) // 10)][:10]
    failures = []
    for query, expected in cases:
        results = ask(page, query, shown=True)  # what the reader sees first
        if not results or results[0]["url"] != expected:
            failures.append((query, expected, [r["url"] for r in results[:3]]))
    assert len(cases) >= 30, cases
    assert failures == []


@pytest.mark.slow
@pytest.mark.parametrize("query", ["和美乡村", "社情民意调查", "营商环境评价", "乡村振兴示范带"])
def test_the_1000_document_corpus_answers_only_with_whole_words(large_search, query):
    """What the results hold: the query whole first; after those, every word of two or more characters
    of it (as the browser segments it), never a result through single characters."""
    page, pages, _ = large_search
    results = ask(page, query)
    whole = holders(pages, query)
    assert [r["url"] for r in results[: len(whole)]] == [r["url"] for r in results if r["url"] in whole]
    assert set(whole) <= {r["url"] for r in results}
    words = page.evaluate(
        "q => [...new Intl.Segmenter('zh', {granularity: 'word'}).segment(q)].map(s => s.segment).filter(w => w.length > 1)",
        query,
    )
    for result in results[len(whole) :]:
        assert words and all(w in pages[result["url"]] for w in words), (query, words, result["url"])
