"""落实情况 in bounded pages (zhengxie.derive.followpages): an overview by year, each year's plan items on
pages of the page size at follow-through/<year>/ (…/2/), a plan running over a page boundary
continued on the next, the plan page linking to where its plan starts, and the link check knowing
every page."""

from __future__ import annotations

import pytest

from checks_support import FILES, PLAN, MiniRepo
from zhengxie.build.validate import validate
from zhengxie.derive.followpages import FollowPages
from zhengxie.derive.followthrough import FollowThrough
from zhengxie.derive.listings import known_page_urls

SIZE = 10


def plan(repo: MiniRepo, number: int, items: int, month: int = 3, year: int = 2019) -> str:
    """A plan of `items` items (示例), issued on the given month's first day."""
    plan_id = f"{year}-follow-plan-{number:02d}"
    repo.write(
        f"docs/plans/{plan_id}.md",
        FILES[PLAN]
        .replace("洛阳市政协2019年度协商计划", f"示例协商计划{number}")
        .replace("date: 2019-02-01", f"date: {year}-{month:02d}-01")
        .replace('period: "2019"', f'period: "{year}"')
        .replace("全年安排协商活动2项。", f"全年安排协商活动{items}项。"),
    )
    lines = ["# yaml-language-server: $schema=../schemas/plan-data.schema.json", f"stated_count: {items}", "items:"]
    for n in range(1, items + 1):
        lines += [
            f"  - id: p{n:02d}",
            f"    title: 示例议题{number}之{n}",
            "    form: thematic",
            "    time: 3月",
            "    roles:",
            "      lead-unit: 原文未载",
        ]
    repo.write(f"data/plans/{plan_id}.yml", "\n".join(lines) + "\n")
    return plan_id


def pages_of(repo: MiniRepo):
    corpus, problems = validate(repo.root)
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
    return corpus, FollowPages(FollowThrough(corpus), SIZE)


def small_pages(repo: MiniRepo) -> MiniRepo:
    repo.write("data/pagination.yml", f"page_size: {SIZE}\n")  # the check and the pages use the same size
    return repo


@pytest.fixture
def repo(tmp_path):
    repo = small_pages(MiniRepo(tmp_path / "repo"))
    for number, items in enumerate((4, 7, 3, 12, 2), start=1):
        plan(repo, number, items, month=number + 2)
    return repo


def test_every_item_is_on_one_page_of_its_year_and_no_page_is_over_the_size(repo):
    corpus, follow = pages_of(repo)
    pages = follow.generated
    # 2 (the fixture's plan) + 4 + 7 + 3 + 12 + 2 = 30 items
    assert [p.url for p in pages] == ["follow-through/2019/", "follow-through/2019/2/", "follow-through/2019/3/"]
    shown = [(part.plan.id, s.item.id) for p in pages for part in p.plans for s in part.statuses]
    assert all(sum(len(part.statuses) for part in p.plans) <= SIZE for p in pages)
    expected = [(d.id, i.id) for d in sorted(corpus.documents.values(), key=lambda d: (d.date, d.id)) for i in d.items]
    assert shown == expected, "items in a fixed ascending order: plan date, plan id, the plan's own order"


def test_a_plan_over_a_page_boundary_continues_and_the_plan_page_links_to_its_start(repo):
    _, follow = pages_of(repo)
    parts = {(p.url, part.plan.id): part for p in follow.generated for part in p.plans}
    long_plan = "2019-follow-plan-04"  # items 17–28 of the year: 4 on page 2, 8 on page 3
    where = [(url, part) for (url, plan_id), part in parts.items() if plan_id == long_plan]
    assert [(url, part.continued, part.first_number, len(part.statuses)) for url, part in where] == [
        ("follow-through/2019/2/", False, 1, 4),
        ("follow-through/2019/3/", True, 5, 8),
    ]
    assert follow.url_of(long_plan) == "follow-through/2019/2/"


def test_the_link_check_knows_every_page(repo):
    corpus, follow = pages_of(repo)
    known = known_page_urls(corpus, SIZE)
    assert {p.url for p in follow.generated} <= known
    assert not any(url.startswith("follow-through/") and url not in {p.url for p in follow.generated} for url in known)


def test_a_newer_plan_changes_only_the_last_page(repo):
    _, before = pages_of(repo)
    plan(repo, 9, 3, month=12)
    _, after = pages_of(repo)
    old = {p.url: [(part.plan.id, len(part.statuses)) for part in p.plans] for p in before.generated}
    new = {p.url: [(part.plan.id, len(part.statuses)) for part in p.plans] for p in after.generated}
    last = max(old, key=len)
    assert all(new[url] == entries for url, entries in old.items() if url != last)


def test_the_overview_counts_each_year(tmp_path):
    repo = small_pages(MiniRepo(tmp_path / "years"))
    plan(repo, 1, 3, year=2018)
    corpus, follow = pages_of(repo)
    rows = {row.year: row for row in follow.overview.rows}
    assert set(rows) == {2018, 2019}
    assert rows[2018].plans == 1 and rows[2018].total == 3 and rows[2018].counts["none"] == 3
    fixture_items = len(corpus.documents["2019-test-consultation-plan"].items)
    assert rows[2019].total == fixture_items and rows[2019].url == "follow-through/2019/"
    assert list(rows) == [2019, 2018], "newest year first"


def test_a_hand_written_link_to_a_later_page_passes_the_check(repo):
    repo.edit(PLAN, "各有关单位要密切配合。", "各有关单位要密切配合，见[落实情况](../follow-through/2019/3.md)。")
    _, problems = validate(repo.root)
    assert not [p for p in problems if p.severity == "error"]
    repo.edit(PLAN, "follow-through/2019/3.md", "follow-through/2019/9.md")
    _, problems = validate(repo.root)
    assert [p.code for p in problems if p.file == PLAN] == ["ZX505"], "a page that does not exist"
