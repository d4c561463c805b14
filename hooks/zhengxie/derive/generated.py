"""The index pages generated from the model: (src_uri, markdown) pairs for the site builder.

Each page is a title, a template from overrides/ and the id of its slice; the template renders the
listing from the Site's indexes. Only ids that are safe URL slugs get a page of their own.
"""

from __future__ import annotations

import json
import re

from zhengxie.derive.followpages import OVERVIEW_SRC, FollowPages
from zhengxie.derive.indexes import SLUG
from zhengxie.derive.listings import ListingPage, Listings, known_page_urls
from zhengxie.derive.series import Statistics
from zhengxie.model import urls
from zhengxie.model.corpus import Corpus

FOLLOW_THROUGH = OVERVIEW_SRC
WAIVERS = urls.WAIVERS_URL + "index.md"
OPEN_DATA = "opendata/index.md"
INDEX_FOLDERS = ("topics", "years", "bodies")  # one generated page per topic, year, body


# Characters a YAML double-quoted scalar must not hold as they are: YAML's line breaks (NEL, LS,
# PS), the byte-order mark, lone surrogates and what YAML calls non-printable. JSON escapes the ASCII
# ones itself (\", \\, \n, \u001b …), in spellings YAML reads alike.
_YAML_UNSAFE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def _scalar(value: object) -> str:
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(value, ensure_ascii=False))


def page(title: str, template: str, intro: str = "", **meta: object) -> str:
    """A generated page's Markdown: front matter (title, template, the slice it shows) and intro.

    Each value is written as JSON, a double-quoted YAML scalar that YAML reads back as the same
    string or number, without running a YAML emitter for each of the thousands of listing pages;
    only MkDocs reads this text, never a reader."""
    front = "".join(
        f"{key}: {_scalar(value)}\n" for key, value in {"title": title, "template": template, **meta}.items()
    )
    return f"---\n{front}---\n\n{intro}\n"


DATA_CHECK = urls.DATA_CHECK_URL + "index.md"
FIGURES = urls.FIGURES_URL + "index.md"


def figures_pages(stats: Statistics) -> list[tuple[str, str]]:
    """数据 (all bodies), one 数据 page per body that reports figures, and 数据核对."""
    pages = [
        (
            FIGURES,
            page("数据", "zx-figures.html", "各机构工作总结中的主要数据，按年份排列；数字照原文（“余”“以上”等照写）。"),
        ),
        (
            DATA_CHECK,
            page(
                "数据核对",
                "zx-data-check.html",
                "原文的数字有时前后不一致（分项合计与总数不符、比率与件数不符……）。网站照原文发布，"
                "在数字旁注明核对结果（原文如此）；下表列出全部这样的数字。",
            ),
        ),
    ]
    pages += [
        (_src(entry.url), page(f"{entry.name}：数据", "zx-figures.html", zx_figures_body=entry.id))
        for entry in stats.bodies.values()
        if SLUG.match(entry.id)
    ]
    return pages


def generated_pages(listings: Listings, follow: FollowPages) -> list[tuple[str, str]]:
    """The fixed index pages, every page of the paginated listings (zhengxie.listings) and the
    year pages of 落实情况 (zhengxie.followpages)."""
    pages = [
        ("topics/index.md", page("专题", "zx-topics.html", "按专题查找文档和协商计划中的协商活动。")),
        (
            "years/index.md",
            page("时间", "zx-years.html", "按年份和月份查找文档（按印发日期）和协商计划安排的协商活动（按计划月份）。"),
        ),
        ("bodies/index.md", page("机构", "zx-bodies.html", "各级政协及其工作机构发布的文档。")),
        (
            FOLLOW_THROUGH,
            page(
                "落实情况",
                "zx-follow-through.html",
                "协商计划中的每一项协商活动是否已经开展：依据各工作总结中的落实情况报告。",
            ),
        ),
        (
            OPEN_DATA,
            page(
                "开放数据",
                "zx-opendata.html",
                "网站上的全部文档、协商活动、落实情况和数据都可以下载，供转载、统计和开发使用；"
                "新文档可以用 Atom 订阅，协商活动可以导入日历。文件随网站每次更新而重新生成。",
            ),
        ),
        (
            WAIVERS,
            page(
                "格式说明",
                "zx-waivers.html",
                "有些原件本来就与常规格式不同（例如只有两个部分、没有总则）。这些文档照原件发布，"
                "在文首写明不同之处和原因（waive），页面上显示编者注；下表列出全部这样的说明。",
            ),
        ),
    ]
    pages += [(p.src_uri, _listing_page(p)) for p in listings.generated]
    pages += [(p.src_uri, page(p.title, "zx-follow-through.html")) for p in follow.generated]
    return pages


TEMPLATES = {"topic": "zx-topic.html", "year": "zx-year.html", "body": "zx-body.html", "section": "zx-section.html"}
META = {"topic": "zx_topic", "year": "zx_year", "body": "zx_body", "section": "zx_section"}


def _listing_page(p: ListingPage) -> str:
    """A listing page's front matter: its template finds its entries by the page's src_uri."""
    return page(p.title, TEMPLATES[p.listing], "", **{META[p.listing]: p.key})


def _src(url: str) -> str:
    """topics/ecology/ -> topics/ecology.md (the builder turns it back into the directory URL)."""
    return url.rstrip("/") + ".md"


def known_urls(corpus: Corpus) -> set[str]:
    """Directory URLs of the generated pages for registered topics, bodies and the documents' years,
    every page of their listings (years/2019/2/, topics/x/2019/ …): what a hand-written link may
    point to without building the indexes (the link check's view)."""
    found = {f"{folder}/" for folder in INDEX_FOLDERS} | {
        FOLLOW_THROUGH[: -len("index.md")],
        urls.WAIVERS_URL,
        urls.FIGURES_URL,
        urls.DATA_CHECK_URL,
        OPEN_DATA[: -len("index.md")],
    }
    found.update(urls.topic_url(t) for t in corpus.vocab.topics)
    found.update(urls.body_url(b) for b in corpus.vocab.bodies)
    found.update(urls.year_url(year) for year in corpus.index.years)
    found.update(known_page_urls(corpus, corpus.vocab.page_size))
    return found
