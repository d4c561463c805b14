"""The scheduled consultation items as an iCalendar file (calendar.ics), one event per item.

One calendar for all bodies (calendar.ics) and one per body (calendars/<body>.ics), every plan
year. Events are built once per build and each belongs to exactly one body's calendar, so the total
work is linear in the number of items (icalendar serialises about 30 000 content lines a second).

An item with a known date of holding (or a new date after postponement) is an all-day event on
that date; otherwise it spans its planned time (month, quarter, half-year, dates). An item whose
time the plan does not state (原文未载) or that has none written is no event: the calendar never
invents a month; the year pages list such items under 时间未定. UIDs and DTSTAMPs derive from the
data only, so the same sources always give the same file.
"""
from __future__ import annotations

import datetime as dt

import icalendar

from . import urls
from .followthrough import FollowThrough
from .model import Corpus
from .values import NOT_STATED_TEXT

FILE = "calendar.ics"
BODY_FOLDER = "calendars/"
UID_DOMAIN = "xieshang"


def body_file(body_id: str) -> str:
    return f"{BODY_FOLDER}{body_id}.ics"


def _span(year: int, when) -> tuple[dt.date, dt.date] | None:
    """[start, end) of the planned time; None when the plan states none (such items stay out of
    calendars: a reader must not see a date the original never gave)."""
    if when is None or not when.placed:
        return None
    try:
        if when.day is not None:
            return dt.date(year, when.first_month, when.day), dt.date(year, when.last_month, when.last_day) + dt.timedelta(days=1)
        end = dt.date(year + 1, 1, 1) if when.last_month == 12 else dt.date(year, when.last_month + 1, 1)
        return dt.date(year, when.first_month, 1), end
    except ValueError:  # a day the month does not have: the check reports it
        return None


def _new_calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//协商知识库//zhengxie//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def build_calendar(corpus: Corpus, follow: FollowThrough, site_url: str | None = None) -> bytes:
    """Every scheduled item of every plan year, all bodies."""
    return build_calendars(corpus, follow, site_url)[FILE]


def build_calendars(corpus: Corpus, follow: FollowThrough, site_url: str | None = None) -> dict[str, bytes]:
    """{path: ics bytes}: calendar.ics with all items, calendars/<body>.ics per body with a plan.
    Each event is serialised once and its bytes go into both files (serialising is the cost)."""
    names = {}
    for doc in corpus.documents.values():  # every body with a plan gets its file, even if empty
        if doc.items and doc.body and doc.body not in names:
            body = corpus.vocab.bodies.get(doc.body)
            names[doc.body] = f"{body.name if body else doc.body}协商计划安排"
    everything: list = []
    per_body: dict = {body_id: [] for body_id in names}
    for body_id, event in _events(corpus, follow, site_url):
        data = event.to_ical()
        everything.append(data)
        if body_id:
            per_body[body_id].append(data)
    files = {FILE: _assemble("协商计划安排", everything)}
    files.update({body_file(b): _assemble(names[b], events) for b, events in per_body.items()})
    return files


_END = b"END:VCALENDAR\r\n"


def _assemble(name: str, events: list) -> bytes:
    head = _new_calendar(name).to_ical()
    return head[: -len(_END)] + b"".join(events) + _END


def _events(corpus: Corpus, follow: FollowThrough, site_url: str | None):
    """(body id, Event) of every item with a placed time, plans in path order."""
    base = (site_url or "/").rstrip("/") + "/"
    vocab = corpus.vocab
    plans = [plan for plan in corpus.documents.values() if plan.items and plan.year]
    for plan in plans:
        stamp = dt.datetime.combine(plan.date or dt.date(plan.year, 1, 1), dt.time(), dt.timezone.utc)
        for item in plan.items:
            status = follow.of_item(item)
            report = status.latest.report if status and status.latest else None
            if report and report.date and report.status in ("held", "postponed"):
                span = (report.date, report.date + dt.timedelta(days=1))
            else:
                span = _span(plan.year, item.when)
            if span is None:
                continue
            url = base + urls.item_url(plan.url, item.id)
            forms = [vocab.forms[f].name if f in vocab.forms else f for f in item.forms]
            lines = [f"形式：{' → '.join(forms)}", f"时间：{item.time_label}"]
            for role_id, names in item.roles.items():
                role = vocab.roles.get(role_id)
                lines.append(f"{role.name if role else role_id}：{'、'.join(names) if names else NOT_STATED_TEXT}")
            lines.append(f"计划：{plan.title}")
            if status:
                lines.append(f"落实情况：{status.label}")
            lines.append(url)
            event = icalendar.Event()
            event.add("uid", f"{plan.id}-{item.id}@{UID_DOMAIN}")
            event.add("dtstamp", stamp)
            event.add("dtstart", span[0])
            event.add("dtend", span[1])
            event.add("summary", item.title)
            event.add("description", "\n".join(lines))
            if site_url:
                event.add("url", url)
            if status and status.status == "cancelled":
                event.add("status", "CANCELLED")
            yield plan.body, event
