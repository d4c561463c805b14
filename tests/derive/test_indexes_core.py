"""The core behind the indexes: article links, follow-through with broken references, the calendar,
and generation that gives the same output however often it runs in one process."""

from __future__ import annotations

import datetime as dt
import filecmp
import shutil
from pathlib import Path

import pytest

from fixture_site import PLAN, SUMMARY
from zhengxie.build.website import Site
from zhengxie.derive.followthrough import FollowThrough
from zhengxie.model.articles import link_articles
from zhengxie.outputs.ical import build_calendar, build_calendars

# ---- rule articles --------------------------------------------------------------------------------

RULE_HTML = (
    '<h2 id="x">第一章　总则（见第二条）</h2>\n'
    "<p>第一条　依照本规则第二条，参照《章程》第二条；第九条不存在。<code>第二条</code>"
    '<a href="y">第二条</a></p>\n'
    '<p class="c"><strong>第二条</strong>　见第一条至第二条。</p>\n'
    "<p>第二条　重复的条号不再给第二个 id。</p>\n"
    "<pre><code>第一条</code></pre>"
)


def test_articles_get_anchors_on_their_paragraphs():
    html = link_articles(RULE_HTML)
    assert '<p id="article-1">第一条　' in html
    assert '<p id="article-2" class="c"><strong>第二条</strong>' in html
    assert html.count('id="article-2"') == 1


def test_references_link_but_not_labels_headings_code_links_or_other_documents():
    html = link_articles(RULE_HTML)
    assert '依照本规则<a class="zx-article-ref" href="#article-2">第二条</a>' in html
    assert (
        '见<a class="zx-article-ref" href="#article-1">第一条</a>至<a class="zx-article-ref" href="#article-2">' in html
    )
    assert "《章程》第二条" in html  # another document's article
    assert "第九条不存在" in html  # no such article: left as text
    assert '<h2 id="x">第一章　总则（见第二条）</h2>' in html
    assert "<code>第二条</code>" in html and '<a href="y">第二条</a>' in html
    assert "<pre><code>第一条</code></pre>" in html
    assert "<strong><a" not in html and '<p id="article-1"><a' not in html


def test_html_without_articles_is_unchanged():
    html = "<h2>一、总则</h2><p>第三条所说的……</p>"
    assert link_articles(html) == html


# ---- broken references stay visible ---------------------------------------------------------------


@pytest.fixture(scope="module")
def broken_root(fixture_root, tmp_path_factory) -> Path:
    """A copy of the fixture site whose summary reports on items that do not exist, and whose plan
    uses a topic and a body that are not registered."""
    copy = Path(shutil.copytree(fixture_root, tmp_path_factory.mktemp("broken") / "site"))
    data = copy / "data" / "summaries" / f"{SUMMARY}.yml"
    data.write_text(
        data.read_text(encoding="utf-8")
        + f"  - item: {PLAN}#p99\n    status: held\n    date: 2016-12-01\n"
        + "  - item: no-such-plan#p01\n    status: cancelled\n    reason: 示例\n"
        + f"  - item: {PLAN}#p05\n    status: merged\n    merged_into: {PLAN}#p98\n    reason: 示例\n",
        encoding="utf-8",
    )
    plan = copy / "docs" / "plans" / f"{PLAN}.md"
    plan.write_text(
        plan.read_text(encoding="utf-8")
        .replace("topics: [", "topics: [made-up-topic, ", 1)
        .replace("body: minghu-city", "body: made-up-body", 1),
        encoding="utf-8",
    )
    return copy


def test_reports_on_missing_items_are_listed_not_dropped(broken_root):
    site = Site.load(broken_root, template_dir=broken_root / "overrides")
    summary = site.corpus.documents[SUMMARY]
    html = site.views.follow_through(summary)
    assert f"未找到的计划项目 <code>{PLAN}#p99</code>" in html
    assert "未找到的计划项目 <code>no-such-plan#p01</code>" in html
    assert f"未找到的计划项目 <code>{PLAN}#p98</code>" in html  # merged into a missing item
    assert {line.report.item for line in site.unresolved_reports()} == {f"{PLAN}#p99", "no-such-plan#p01"}
    progress = site.follow.of_plan(site.corpus.documents[PLAN])
    assert progress.counts.get("none", 0) == 0  # p05, the one unreported item, now reported (merged)


def test_unregistered_topics_and_bodies_are_indexed(broken_root):
    site = Site.load(broken_root, template_dir=broken_root / "overrides")
    pages = dict(site.generated_pages())
    assert "topics/made-up-topic.md" in pages and "bodies/made-up-body.md" in pages
    assert site.topic("made-up-topic").topic is None
    assert [d.id for d in site.body("made-up-body").docs] == [PLAN]


def test_broken_site_still_builds_and_shows_the_problems(broken_root, tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("ZX_SEARCH", "0")
    out = tmp_path / "site"
    build(load_config(config_file=str(broken_root / "mkdocs.yml"), site_dir=str(out)))
    follow = (out / "follow-through" / "index.html").read_text(encoding="utf-8")
    assert f"未找到的计划项目 <code>{PLAN}#p99</code>" in follow
    summary = (out / "summaries" / SUMMARY / "index.html").read_text(encoding="utf-8")
    assert "未找到的计划项目 <code>no-such-plan#p01</code>" in summary
    assert "made-up-topic" in (out / "topics" / "index.html").read_text(encoding="utf-8")
    assert "made-up-body" in (out / "bodies" / "index.html").read_text(encoding="utf-8")


# ---- calendar --------------------------------------------------------------------------------------


def test_calendar_events_are_stable_and_span_month_or_day(root, zx_repo):
    import icalendar

    from checks_support import PLAN_DATA

    zx_repo.write(
        PLAN_DATA,
        zx_repo.read(PLAN_DATA).replace("stated_count: 2\n", "")
        + """\
  - {id: p03, title: 全年议题, form: online, time: 全年}
  - {id: p04, title: 会期议题, form: online, time: 2019-05-20至2019-05-22}
  - {id: p05, title: 原件未写时间, form: online, time: 原文未载}
  - {id: p06, title: 年底议题, form: online, time: 十二月}
""",
    )
    plan_id = "2019-test-consultation-plan"
    site = Site.load(zx_repo.root, template_dir=root / "overrides")
    assert site.problems == []
    first = build_calendar(site.corpus, site.follow, "https://example.org/kb/")
    assert first == build_calendar(site.corpus, FollowThrough(site.corpus), "https://example.org/kb/")
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(first).walk("VEVENT")}
    plan = site.corpus.documents[plan_id]
    assert len(events) == 5  # every item but the one whose time the plan does not state
    for item in plan.items:
        if item.when is None:  # no time stated: never an event with an invented month
            assert f"{plan_id}-{item.id}@xieshang" not in events
            continue
        event = events[f"{plan_id}-{item.id}@xieshang"]
        assert str(event["url"]) == f"https://example.org/kb/{plan.url}#item-{item.id}"
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        status = site.follow.of_item(item)
        report = status.latest.report if status.latest else None
        if report and report.date and report.status in ("held", "postponed"):
            assert (start, end) == (report.date, report.date + dt.timedelta(days=1))
        elif item.when.day is not None:  # the planned dates
            assert start == dt.date(plan.year, item.when.first_month, item.when.day)
            assert end == dt.date(plan.year, item.when.last_month, item.when.last_day) + dt.timedelta(days=1)
        else:  # the planned months in the plan's year, whole
            last = item.when.last_month
            assert start == dt.date(plan.year, item.when.first_month, 1)
            assert end == (dt.date(plan.year, last + 1, 1) if last < 12 else dt.date(plan.year + 1, 1, 1))


# ---- no state between builds -----------------------------------------------------------------------


def test_generation_is_the_same_every_time(fixture_root):
    one = Site.load(fixture_root, template_dir=fixture_root / "overrides")
    two = Site.load(fixture_root, template_dir=fixture_root / "overrides")
    assert one.generated_pages() == one.generated_pages() == two.generated_pages()
    plan = one.corpus.documents[PLAN]
    assert one.views.plan_items(plan) == two.views.plan_items(plan)


def _differences(cmp: filecmp.dircmp) -> list:
    found = [f"{cmp.left}/{n}" for n in cmp.diff_files + cmp.left_only + cmp.right_only + cmp.funny_files]
    for sub in cmp.subdirs.values():
        found += _differences(sub)
    return found


def test_building_twice_in_one_process_gives_identical_output(fixture_root, tmp_path, monkeypatch):
    """What `mkdocs serve` does on every edit: load the config and build again in the same process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("ZX_SEARCH", "0")
    outputs = []
    for name in ("first", "second"):
        out = tmp_path / name
        build(
            load_config(config_file=str(fixture_root / "mkdocs.yml"), site_dir=str(out))
        )  # strictness is built_site's test
        outputs.append(out)
    cmp = filecmp.dircmp(outputs[0], outputs[1], ignore=[])
    assert not _differences(cmp)
    year = PLAN[:4]
    for page in ("follow-through/index.html", f"plans/{PLAN}/index.html", f"years/{year}/index.html", "calendar.ics"):
        assert (outputs[0] / page).read_bytes() == (outputs[1] / page).read_bytes()


def test_calendar_holds_every_plan_year_and_one_calendar_per_body(root, zx_repo):
    import icalendar

    from zhengxie.model.corpus import Document, PlanItem
    from zhengxie.text.values import parse_period, parse_when

    site = Site.load(zx_repo.root, template_dir=root / "overrides")
    documents = site.corpus.documents
    for doc_id in [d.id for d in documents.values() if d.kind == "plan"]:
        del documents[doc_id]  # only these three plans remain
    for year, body in ((2001, "body-a"), (2002, "body-b"), (2003, "body-a")):
        plan_id = f"{year}-old-plan"
        item = PlanItem(
            plan=plan_id,
            id="p01",
            title="旧议题",
            form="research",
            time=parse_when("3月"),
            roles={"lead-unit": ("委员会",), "participants": ("局",)},
            lead="委员会",
        )
        site.corpus.documents[plan_id] = Document(
            id=plan_id,
            kind="plan",
            path=f"docs/plans/{plan_id}.md",
            src_uri=f"plans/{plan_id}.md",
            period=parse_period(str(year)),
            body=body,
            items=[item],
        )
    files = build_calendars(site.corpus, site.follow, "https://example.org/zx/")
    calendar = icalendar.Calendar.from_ical(files["calendar.ics"])
    uids = {str(event["uid"]) for event in calendar.walk("VEVENT")}
    assert uids == {"2001-old-plan-p01@xieshang", "2002-old-plan-p01@xieshang", "2003-old-plan-p01@xieshang"}
    body_a = icalendar.Calendar.from_ical(files["calendars/body-a.ics"])
    assert {str(e["uid"]) for e in body_a.walk("VEVENT")} == {
        "2001-old-plan-p01@xieshang",
        "2003-old-plan-p01@xieshang",
    }
    event = body_a.walk("VEVENT")[0]
    assert str(event["url"]) == f"https://example.org/zx/plans/{str(event['uid']).split('-p01')[0]}/#item-p01"
    assert set(files) == {"calendar.ics", "calendars/body-a.ics", "calendars/body-b.ics"}
