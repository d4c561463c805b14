"""Feeds and calendars carry what a reader must not miss: an entry or event of a document marked 示例
says so (its title or summary), and a rule no longer in force says its status and what replaces it.
Built from a mini-repository's model (never the sample documents), parsed back with real parsers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import icalendar
import pytest

from checks_support import PLAN, RULE, MiniRepo

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/zx/"
NEW_RULE = "docs/rules/2021-test-rules.md"
NEW_TITLE = "洛阳市政协工作规则（2021年修订）"
SAMPLE_NOTE = "本计划的议题和时间为演示而编写。"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    from zhengxie.build.validate import validate
    from zhengxie.derive.followthrough import FollowThrough
    from zhengxie.outputs.feeds import build_feeds
    from zhengxie.outputs.ical import build_calendars

    repo = MiniRepo(tmp_path_factory.mktemp("marks") / "repo")
    repo.edit(PLAN, "date: 2019-02-01\n", f"date: 2019-02-01\nsample: true\nsample_note: {SAMPLE_NOTE}\n")
    repo.edit(RULE, "date: 2019-05-01\n", "date: 2019-05-01\nstatus: repealed\nsuperseded_by: 2021-test-rules\n")
    repo.write(
        NEW_RULE,
        repo.read(RULE)
        .replace("title: 洛阳市政协工作规则", f"title: {NEW_TITLE}")
        .replace(
            "date: 2019-05-01\nstatus: repealed\nsuperseded_by: 2021-test-rules\n",
            "date: 2021-03-01\nsupersedes: [2019-test-rules]\n",
        ),
    )
    corpus, problems = validate(repo.root)
    assert not problems, "\n".join(p.format() for p in problems)
    feeds = build_feeds(corpus, SITE)
    calendars = build_calendars(corpus, FollowThrough(corpus), SITE)
    return feeds, calendars


def entries(feed: bytes) -> dict[str, tuple[str, str]]:
    """Page URL -> (title, summary) of each Atom entry."""
    root = ET.fromstring(feed)
    return {
        e.find(f"{ATOM}link").attrib["href"]: (e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}summary"))
        for e in root.iter(f"{ATOM}entry")
    }


def test_feed_entry_of_a_sample_document_says_sample(outputs):
    feeds, _ = outputs
    for path in ("feeds/all.xml", "feeds/kind-plan.xml", "feeds/body-luoyang-city.xml"):
        title, summary = entries(feeds[path])[SITE + "plans/2019-test-consultation-plan/"]
        assert title == "洛阳市政协2019年度协商计划（示例）", path
        assert summary.endswith(f"示例：{SAMPLE_NOTE}"), summary
    # A document not marked 示例 is not called one.
    title, summary = entries(feeds["feeds/all.xml"])[SITE + "summaries/2019-test-annual-summary/"]
    assert "示例" not in title and "示例" not in summary


def test_feed_entry_of_a_superseded_rule_says_its_status_and_replacement(outputs):
    feeds, _ = outputs
    title, summary = entries(feeds["feeds/kind-rule.xml"])[SITE + "rules/2019-test-rules/"]
    assert title == "洛阳市政协工作规则（已废止）"
    assert f"已废止，已被《{NEW_TITLE}》取代" in summary
    title, summary = entries(feeds["feeds/kind-rule.xml"])[SITE + "rules/2021-test-rules/"]
    assert title == NEW_TITLE and "废止" not in summary and "修订" not in summary.replace(NEW_TITLE, "")


def test_calendar_events_of_a_sample_plan_say_sample(outputs):
    _, calendars = outputs
    for path in ("calendar.ics", "calendars/luoyang-city.ics"):
        events = icalendar.Calendar.from_ical(calendars[path]).walk("VEVENT")
        assert events, path
        for event in events:
            assert str(event["summary"]).endswith("（示例）"), event["summary"]
            assert str(event["description"]).startswith(f"示例：{SAMPLE_NOTE}\n")
