"""A reader goes from a topic page to a plan item and lands on the item, at desktop and phone width."""

from __future__ import annotations

from playwright.sync_api import expect

from fixture_site import PLAN, SUMMARY

TOPIC = "topics/rural-revitalization/"


def test_topic_page_links_land_on_the_plan_item(page):
    page.goto(page.base_url + TOPIC)
    link = page.locator(".zx-item-list a[href*='#item-']").first
    expect(link).to_be_visible()
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/plans/**#{anchor}")
    assert page.evaluate("location.hash") == f"#{anchor}"
    item = page.locator(f"#{anchor}")
    expect(item).to_be_in_viewport()
    # The item's title is not hidden under Material's sticky header.
    header = page.locator("header.md-header").bounding_box()
    title = item.locator(".zx-item__title").bounding_box()
    assert title["y"] >= header["y"] + header["height"] - 1
    expect(item.locator(".zx-status")).to_be_visible()
    page.shot("topic-to-plan-item")


def test_plan_item_status_links_to_the_reporting_summary(page):
    page.goto(page.base_url + f"plans/{PLAN}/#item-p04")  # postponed in the fixture summary
    item = page.locator("#item-p04")
    expect(item).to_be_in_viewport()
    expect(item.locator(".zx-status--postponed")).to_be_visible()
    item.locator(".zx-status__source a").click()
    page.wait_for_url(f"**/summaries/{SUMMARY}/#report-*")
    row = page.locator(f"#report-{PLAN}-p04")
    expect(row).to_be_in_viewport()
    page.shot("plan-item-to-summary")
