"""Site URLs of documents and index pages, all directory-style and relative to the site root."""

from __future__ import annotations

import posixpath
from functools import lru_cache

GUIDE_FOLDER = "guide/"  # docs/guide/: the contributor guide, the only place problem_codes() may appear
WAIVERS_URL = "waivers/"  # the generated list of every waiver (格式说明)
FOLLOW_THROUGH_URL = "follow-through/"  # 落实情况: an overview by year, then each year's plans (zhengxie.followpages)


def topic_url(topic_id: str) -> str:
    return f"topics/{topic_id}/"


def body_url(body_id: str) -> str:
    return f"bodies/{body_id}/"


def year_url(year: int) -> str:
    return f"years/{year}/"


def waiver_anchor(code: str, doc_id: str) -> str:
    return f"{code.lower()}-{doc_id}"


def item_url(plan_url: str, item_id: str) -> str:
    return f"{plan_url}#item-{item_id}"


@lru_cache(maxsize=65536)  # index pages link the same few targets thousands of times
def relative(from_url: str, to_url: str) -> str:
    """Link from the page at `from_url` to `to_url` (both site-relative, directory URLs)."""
    path, _, fragment = to_url.partition("#")
    base = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else "."
    rel = posixpath.relpath(path or from_url, base or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    if rel == "./":
        rel = "./"
    return rel + ("#" + fragment if fragment else "")


FIGURES_URL = "figures/"  # 数据: every measure across years, all bodies
DATA_CHECK_URL = "data-check/"  # 数据核对: every inconsistency kept as printed (原文如此)


def figures_url(body_id: str | None = None) -> str:
    return f"{FIGURES_URL}{body_id}/" if body_id else FIGURES_URL


def chart_url(body_id: str | None, measure_id: str) -> str:
    """The chart of one measure on a 数据 page: drawn once per build, a static SVG beside the page."""
    return f"{figures_url(body_id)}{measure_id}.svg"
