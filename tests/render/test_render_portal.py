"""What a reader of a government portal expects on a document page, in a site built from a committed
mini-repository: 索引号, 发布日期 and 更新日期 from git, the originals as 附件 with type and size, the
footer's site information marked 示例, the page's description and Open Graph tags, and the open-data
licence. Plus the 索引号 numbering and the originals' rules on a corpus loaded without a build."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from checks_support import NOTE, PLAN, RULE, MiniRepo
from portal_support import (
    DOCX,
    NOTE_ID,
    ORIGINAL,
    PDF,
    PLAN_ID,
    PLAN_INTRO,
    PORTAL_SITE_URL,
    RULE_ID,
    attach,
    build_portal_site,
    with_site,
)
from zhengxie.derive.indexnumbers import index_numbers
from zhengxie.model.portal import index_number, read_portal
from zhengxie.render.sharing import description, truncate
from zhengxie.sources.loader import load_corpus


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_portal_site(tmp_path_factory.mktemp("portal"))[1]


def _page(site: Path, folder: str, doc_id: str) -> str:
    return (site / folder / doc_id / "index.html").read_text(encoding="utf-8")


def _row(html: str, label: str) -> str | None:
    """The text of the header row with this label, or None."""
    match = re.search(rf"<dt>{label}</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else None


def _meta(html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


# ---- the document page ---------------------------------------------------------------------------


def test_header_has_index_number_and_dates_from_git(site):
    note = _page(site, "notes", NOTE_ID)
    assert _row(note, "索引号") == "LYT-2019-0003"  # 洛阳 2019: plan 02-01, rule 05-01, note 07-01, summary 12-20
    assert _row(note, "发布日期") == "2024年3月5日"  # the commit that added it
    assert _row(note, "更新日期") == "2025年6月18日"  # the commit that changed it
    plan = _page(site, "plans", PLAN_ID)
    assert (_row(plan, "索引号"), _row(plan, "发布日期"), _row(plan, "更新日期")) == (
        "LYT-2019-0001",
        "2024年3月5日",
        "2024年3月5日",
    )
    assert plan.index("<dt>索引号</dt>") < plan.index("<dt>标题</dt>" if "<dt>标题</dt>" in plan else "<dt>类别</dt>")


def test_originals_are_attached_with_type_and_size(site):
    plan = _page(site, "plans", PLAN_ID)
    block = plan[plan.index('class="zx-originals"') :]
    block = block[: block.index("</div>")]
    text = unescape(re.sub(r"<[^>]+>", "", block))
    assert "附件" in text
    assert f"2019-test-plan.pdf（PDF，{len(PDF)} 字节）" in text
    assert f"2019 原件.docx（Word，{len(DOCX)} 字节）" in text
    assert 'href="../../plans/originals/2019%20%E5%8E%9F%E4%BB%B6.docx"' in block
    assert (site / "plans" / "originals" / "2019-test-plan.pdf").read_bytes() == PDF
    assert (site / "plans" / "originals" / "2019 原件.docx").read_bytes() == DOCX


def test_print_and_copy_link_buttons_on_every_document(site):
    for folder, doc_id in (("plans", PLAN_ID), ("rules", RULE_ID), ("notes", NOTE_ID)):
        html = _page(site, folder, doc_id)
        assert ">打印本页</button>" in html and ">复制链接</button>" in html, doc_id


def test_footer_lists_the_site_information_marked_sample(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    footer = unescape(re.sub(r"<[^>]+>", " ", html[html.index('class="zx-site-info"') :]))
    for label, value in (
        ("主办单位", "测试主办单位（示例）"),
        ("承办单位", "测试承办单位（示例）"),
        ("联系方式", "电话 0000-0000000（示例）"),
        ("网站标识码", "0000000000（示例）"),
        ("ICP备案号", "示ICP备00000000号（示例）"),
        ("公安备案号", "示公网安备00000000000000号（示例）"),
        ("纠错", "jiucuo@example.org（示例）"),
    ):
        assert re.search(rf"{label}\s+{re.escape(value)}", footer), label
    assert "示例" in footer.split("主办单位")[0]  # the badge before the lines
    assert 'href="https://beian.miit.gov.cn/"' in html and 'href="https://beian.mps.gov.cn/"' in html
    assert 'href="mailto:jiucuo@example.org"' in html


def test_every_page_has_a_description_and_open_graph_tags(site):
    pages = sorted(p for p in site.rglob("index.html") if p.parts[len(site.parts)] != "admin")  # admin/: the editor
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for key in ("description", "og:title", "og:description", "og:type", "og:url", "og:site_name"):
            assert _meta(html, key), (path, key)
        assert html.count('<meta name="description"') == 1, path
        assert _meta(html, "og:url").startswith(PORTAL_SITE_URL), path


def test_document_description_is_its_first_paragraph(site):
    plan = _page(site, "plans", PLAN_ID)
    assert _meta(plan, "description") == PLAN_INTRO
    assert _meta(plan, "og:description") == PLAN_INTRO
    assert _meta(plan, "og:type") == "article"
    assert _meta(plan, "og:title") == "洛阳市政协2019年度协商计划"
    assert _meta(plan, "og:url") == f"{PORTAL_SITE_URL}plans/{PLAN_ID}/"
    assert _meta(plan, "article:published_time").startswith("2024-03-05")
    note = _page(site, "notes", NOTE_ID)
    assert _meta(note, "description").startswith("【示例】学习的体会（修改）")  # a sample keeps its mark


def test_open_data_carries_the_licence(site):
    data = json.loads((site / "opendata" / "documents.json").read_text(encoding="utf-8"))
    assert data["licence"] == {"name": "测试许可协议（示例）", "url": "https://example.org/licence", "note": None}
    page = (site / "opendata" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/licence" rel="license"' in page


# ---- without a build -----------------------------------------------------------------------------


def test_index_numbers_by_date_then_path_and_only_with_a_code(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    with_site(repo)
    repo.edit("data/bodies.yml", "  parent: null\n", "  parent: null\n  code: LYT\n")
    # Same date as the rule: the path decides (docs/notes/… before docs/rules/…).
    repo.edit(NOTE, "date: 2019-07-01", "date: 2019-05-01")
    repo.edit(RULE, "body: luoyang-city", "body: luoyang-city")
    numbers = index_numbers(load_corpus(repo.root))
    assert numbers[PLAN_ID] == "LYT-2019-0001"
    assert numbers[NOTE_ID] == "LYT-2019-0002"
    assert numbers[RULE_ID] == "LYT-2019-0003"
    # Another body without a code: no 索引号 for its documents, never a made-up one.
    repo.edit(NOTE, "body: luoyang-city", "body: suichuan-county")
    numbers = index_numbers(load_corpus(repo.root))
    assert NOTE_ID not in numbers and numbers[RULE_ID] == "LYT-2019-0002"


def test_no_site_file_no_index_number_no_footer(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    repo.edit("data/bodies.yml", "  parent: null\n", "  parent: null\n  code: LYT\n")
    corpus = load_corpus(repo.root)
    assert index_numbers(corpus) == {} and corpus.vocab.portal.footer == ()


def test_index_number_scheme_is_filled_never_formatted():
    assert index_number("{body_code}-{year}-{seq:04d}", "YXS", 2023, 7) == "YXS-2023-0007"
    assert index_number("{body_code}/{year}{seq}", "A", 2023, 12) == "A/202312"
    # A scheme reaching into Python's format machinery is no scheme: no document gets a number.
    assert read_portal({"index_number": "{body_code.__class__}-{year}-{seq}"}).index_number == ""


def test_originals_accepted_are_on_the_document(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    with_site(repo)
    repo.write(ORIGINAL, PDF)
    attach(repo, ORIGINAL)
    assert not [p for p in repo.check() if p.code.startswith("ZX15")]
    corpus = load_corpus(repo.root)
    (original,) = corpus.documents[PLAN_ID].originals
    assert (original.name, original.type_name, original.size) == ("2019-test-plan.pdf", "PDF", len(PDF))
    assert corpus.listing.publishable(ORIGINAL[len("docs/") :])


def test_a_refused_original_is_not_published(tmp_path):
    repo = MiniRepo(tmp_path / "repo")
    with_site(repo)
    repo.write(ORIGINAL, b"<html>not a PDF</html>")
    attach(repo, ORIGINAL)
    corpus = load_corpus(repo.root)
    assert corpus.documents[PLAN_ID].originals == []
    assert not corpus.listing.publishable(ORIGINAL[len("docs/") :])
    assert PLAN in {p.file for p in corpus.reporter.problems if p.code == "ZX154"}


def test_description_is_the_text_as_printed_cut_with_an_ellipsis():
    html = "<p>  </p><p>第一条　为了<strong>规范</strong>工作，\n制定本规则&amp;办法。</p><p>第二条</p>"
    assert description(html, None, "标题", "") == "第一条　为了规范工作，制定本规则&办法。"
    assert truncate("字" * 200) == "字" * 119 + "…"
    assert description("<h2>一、计划</h2>", None, "年份：2019", "网站简介") == "年份：2019。网站简介"


def test_site_file_refuses_links_that_are_not_https_or_mail(tmp_path):
    from portal_support import SITE_YML

    repo = MiniRepo(tmp_path / "repo")
    with_site(repo, SITE_YML.replace("url: mailto:jiucuo@example.org", "url: javascript:alert(1)"))
    problems = [(p.code, p.file, p.line) for p in repo.check()]
    assert ("ZX206", "data/site.yml", repo.line_of("data/site.yml", "javascript:")) in problems
    correction = next(i for i in load_corpus(repo.root).vocab.portal.footer if i.id == "correction")
    assert correction.value.url == ""  # shown as text, never as a javascript: link


def test_site_file_icp_link_goes_to_the_ministry(tmp_path):
    from portal_support import SITE_YML

    repo = MiniRepo(tmp_path / "repo")
    with_site(repo, SITE_YML.replace("url: https://beian.miit.gov.cn/", "url: https://example.org/beian"))
    line = repo.line_of("data/site.yml", "https://example.org/beian")
    assert ("ZX206", "data/site.yml", line) in [(p.code, p.file, p.line) for p in repo.check()]


def test_a_document_stating_its_own_publication_date_keeps_it():
    """The original's 发布日期 (front matter `published`) is the one shown; git still gives 更新日期."""
    import datetime as dt

    from zhengxie.render.header import history_rows
    from zhengxie.sources.history import FileDates

    when = dt.datetime(2024, 3, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    dates = FileDates(published=when, updated=when)
    assert [r.label for r in history_rows(dates)] == ["发布日期", "更新日期"]
    assert [r.label for r in history_rows(dates, own_published=True)] == ["更新日期"]
    assert [v.text for r in history_rows(FileDates(committed=False)) for v in r.values] == ["未提交", "未提交"]
    assert history_rows(None) == [] and history_rows(FileDates()) == []  # no history; dates cut off


def test_generated_pages_are_described_by_what_they_list(site):
    topic = (site / "topics" / "ecology" / "index.html").read_text(encoding="utf-8")
    import yaml

    from checks_support import ROOT

    topics = yaml.safe_load((ROOT / "data" / "topics.yml").read_text(encoding="utf-8"))
    assert _meta(topic, "description") == next(t["description"] for t in topics if t["id"] == "ecology")
    body = (site / "bodies" / "luoyang-city" / "index.html").read_text(encoding="utf-8")
    assert _meta(body, "description") == "洛阳市政协的文档，共 4 篇。"
    year = (site / "years" / "2019" / "index.html").read_text(encoding="utf-8")
    assert _meta(year, "description").startswith("2019年印发的文档 4 篇")
