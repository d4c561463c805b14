"""The front-matter field reference of the contributor guide ({{ fields_table() }} on docs/guide/fields.md),
generated from data/fields.yml and the kinds registry."""

from __future__ import annotations

import re

import markdown
import yaml

from checks_support import FILES, NOTE


def _fields_markdown(root):
    from zhengxie.markup.guide import fields_markdown
    from zhengxie.sources.loader import load_vocabulary

    return fields_markdown(load_vocabulary(root).vocab)


def test_one_section_per_field_including_a_new_one(zx_repo):
    fields = yaml.safe_load(zx_repo.read("data/fields.yml"))
    fields.append(
        {
            "id": "venue",
            "label": "会议地点",
            "type": "text",
            "kinds": ["summary"],
            "not_stated": True,
            "help": "报告所在会议的地点，照原件写",
            "example": "市会议中心",
        }
    )
    zx_repo.write("data/fields.yml", yaml.safe_dump(fields, allow_unicode=True, sort_keys=False))
    text = _fields_markdown(zx_repo.root)
    headings = re.findall(r"^### ([a-z_]+)（.+?） \{#field-([a-z-]+)\}$", text, re.M)
    assert [h[0] for h in headings] == [f["id"] for f in fields]
    assert all(anchor == field.replace("_", "-") for field, anchor in headings)
    venue = text.split("### venue（会议地点）")[1]
    assert "适用于：工作总结" in venue and "原件没有写明时写 `原文未载`" in venue
    assert "```yaml\nvenue: 市会议中心\n```" in venue


def test_required_fields_examples_and_registry_lists(zx_repo):
    text = _fields_markdown(zx_repo.root)
    date = text.split("### date（成文日期）")[1].split("### ")[0]
    assert "**必填：所有文档**" in date and "`原文未载`" in date
    period = text.split("### period（时期）")[1].split("### ")[0]
    assert "**必填：工作总结、协商计划**" in period or "**必填：协商计划、工作总结**" in period
    assert '```yaml\nperiod: "2023"\n```' in period  # a year is quoted, as the editor must write it
    kinds = yaml.safe_load(zx_repo.read("data/kinds.yml"))
    type_section = text.split("### type（类别）")[1].split("### ")[0]
    for kind in kinds:
        for doc_type in kind["types"]:
            assert f"`{doc_type['id']}` {doc_type['name']}" in type_section
    profile_section = text.split("### profile（结构）")[1].split("### ")[0]
    for profile in yaml.safe_load(zx_repo.read("data/sections.yml")):
        assert f"`{profile['id']}`" in profile_section


def test_renders_safely_with_the_sites_markdown_extensions(zx_repo):
    html = markdown.markdown(
        _fields_markdown(zx_repo.root), extensions=["attr_list", "tables", "pymdownx.superfences", "toc"]
    )
    assert 'id="field-waive"' in html
    assert "ZX301: &#123;reason: 原件没有附则" in html  # a help text's {…} stays text, not an attribute list
    assert "<script" not in html


def test_only_guide_pages_may_call_fields_table(zx_repo):
    zx_repo.write("docs/guide/fields.md", "---\ntitle: 文首字段\n---\n\n# 文首字段\n\n{{ fields_table() }}\n")
    assert [p.code for p in zx_repo.check()] == []
    zx_repo.write(NOTE, FILES[NOTE] + "\n{{ fields_table() }}\n")
    assert [p.code for p in zx_repo.check()] == ["ZX602"]
