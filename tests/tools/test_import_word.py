"""make import on Word files as offices write them (issue 28): automatic numbering, Heading styles
and outline levels, tracked changes, comments, footnotes, text boxes and content controls — every
paragraph of the original is in the draft or named in the report as left out, nothing added."""

from __future__ import annotations

import re

from docx_build import Builder, rich_docx
from zhengxie.tools.importer import import_file
from zhengxie.tools.importer.read import read_original
from zhengxie.tools.importer.report import format_report


def _norm(text: str) -> str:
    return re.sub(r"[\s　]+", "", text)


def test_every_paragraph_word_shows_is_read_and_nothing_else(tmp_path):
    built = rich_docx(tmp_path / "rich.docx")
    original = read_original(tmp_path / "rich.docx")
    text = _norm("\n".join(b.text or " ".join(" ".join(r) for r in b.rows) for b in original.blocks))
    assert [k for k in built.kept if _norm(k) not in text] == []
    assert [d for d in built.dropped if _norm(d) in text] == []
    assert text.count(_norm("文本框中的说明：档案保存五年。")) == 1  # the box once, not also its VML copy
    word = original.word
    assert word.deleted == ["一次", "本条已删去的旧文字不应出现。"]
    assert word.comments == ["此处是否改为界别召集人？"]
    assert (word.inserted, word.notes, word.boxes, word.numbered) == (1, 1, 1, 6)


def test_numbering_headings_and_revisions_in_the_draft_and_report(zx_repo, tmp_path):
    rich_docx(tmp_path / "rich.docx")
    imported = import_file(zx_repo.root, tmp_path / "rich.docx", kind="rule", body="yunxi-city")
    part = imported.parts[0]
    text = zx_repo.read(part.paths[0])
    # the article numbers Word draws (第%1条 in chineseCounting), counted across the document
    assert "第一条　为服务委员依章履职" in text and "第二条　本规定适用于市政协委员。" in text
    assert "第三条　本规定自通过之日起施行。" in text
    assert part.found.counts["articles"] == 3
    # Heading 1 and an outline level are headings; Chinese-numbered list paragraphs too
    assert "## 总　则" in text and "## 履职服务" in text
    assert "### 一、组织实施" in text and "#### （一）加强统筹" in text
    assert "\n1.按季度通报。\n" in text  # a decimal list paragraph stays a paragraph
    # the adopted text: the insertion kept, the deletion and the comment gone
    assert "办公室每年两次汇总委员履职情况。" in text
    assert "一次" not in text and "旧文字" not in text and "界别召集人" not in text
    # footnote, text box and content controls kept
    assert "委员履职档案按年度建立。〔注1〕" in text and "注1：履职档案的格式另行制定。" in text
    assert "文本框中的说明：档案保存五年。" in text and "填写人：乙方。" in text
    report = format_report(imported)
    assert "保留插入 1 处，去掉删除 2 处" in report
    assert "修订中删去的文字：“本条已删去的旧文字不应出现。”" in report
    assert "有意没有导入的内容 3 处" in report
    assert "批注（不是正文）：“此处是否改为界别召集人？”" in report


def test_lists_keep_their_counters_and_levels(tmp_path):
    b = Builder()
    b.numbered("总体要求", "outline", rendered="一、")
    b.numbered("坚持围绕中心", "outline", level=1, rendered="（一）")
    b.numbered("坚持服务大局", "outline", level=1, rendered="（二）")
    b.numbered("调研走访", "outline", level=2, rendered="1.")
    b.numbered("重点任务", "outline", rendered="二、")
    b.numbered("加强协商", "outline", level=1, rendered="（一）")  # the sub-level restarts
    b.save(tmp_path / "list.docx")
    texts = [block.text for block in read_original(tmp_path / "list.docx").blocks]
    assert texts == [
        "一、总体要求",
        "（一）坚持围绕中心",
        "（二）坚持服务大局",
        "1.调研走访",
        "二、重点任务",
        "（一）加强协商",
    ]


def test_a_decimal_list_in_a_plan_gives_items_not_headings(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年度协商计划", style="Title")
    b.para("一、协商议题")
    b.numbered("城乡供水一体化（专题协商会，4月，市政协人口资源环境委员会牵头）", "decimal", rendered="1.")
    b.numbered("文旅融合发展（视察，市政协文化文史委员会牵头）", "decimal", rendered="2.")
    b.save(tmp_path / "plan.docx")
    part = import_file(zx_repo.root, tmp_path / "plan.docx", body="yunxi-city").parts[0]
    assert [item.title for item in part.found.items] == ["城乡供水一体化", "文旅融合发展"]
    assert part.found.counts["headings"] == 1


def test_short_provisions_stay_paragraphs(zx_repo, tmp_path):
    path = tmp_path / "rule.txt"
    path.write_text(
        "云溪市政协工作规则\n一、总体要求\n（一）坚持正确方向。\n（二）坚持团结民主。\n二、工作制度\n（一）会议制度\n",
        encoding="utf-8",
    )
    part = import_file(zx_repo.root, path, body="yunxi-city").parts[0]
    text = zx_repo.read(part.paths[0])
    assert "## 一、总体要求" in text and "## 二、工作制度" in text and "### （一）会议制度" in text
    assert "\n（一）坚持正确方向。\n" in text and "\n（二）坚持团结民主。\n" in text
