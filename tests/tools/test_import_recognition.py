"""make import tells kind, type and body from what an original calls them (issue 28): type names and
the title patterns declared in data/kinds.yml, a body by its full name, its short name or its place
— and, for a body not registered, a data/bodies.yml entry ready to complete and paste."""

from __future__ import annotations

import pytest

from docx_build import Builder
from zhengxie.sources.loader import load_vocabulary
from zhengxie.tools.importer import import_file
from zhengxie.tools.importer.recognise import body_entry, body_of, kind_and_type


@pytest.fixture(scope="module")
def vocab():
    from pathlib import Path

    return load_vocabulary(Path(__file__).resolve().parents[2]).vocab


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("云溪市政协2024年度协商工作计划", ("plan", "consultation")),
        ("云溪市政协2024年工作计划", ("plan", "work")),
        ("政协云溪市委员会常务委员会工作报告", ("summary", "standing-committee-report")),
        ("云溪市政协委员履职服务暂行规定", ("rule", "rules")),
        ("云溪市政协委员联络工作暂行办法", ("rule", "measures")),
        ("云溪市政协提案办理协商实施细则", ("rule", "measures")),
        ("云溪市政协2024年上半年工作总结", ("summary", "half-year")),
        ("关于九届三次会议以来提案工作情况的报告", ("summary", "proposal-report")),
        ("云溪市政协全体会议议事规则", ("rule", "procedure")),
        ("一次调研的心得体会", ("note", "study")),
        ("青峰镇政协工作办公室2025年度协商议事活动安排", ("plan", "consultation")),
        ("石桥镇政协工作室2026年度协商议事活动计划", ("plan", "consultation")),
        ("东湖街道政协联络组2026年协商活动计划", ("plan", "consultation")),
        ("云溪市政协常委会2025年工作报告", ("summary", "standing-committee-report")),
        ("关于十届四次会议以来提案办理情况的报告", ("summary", "proposal-report")),
        ("云溪市政协提案办理工作总结", ("summary", "proposal-summary")),
        ("云溪市政协提案审查工作报告", ("summary", "proposal-review-report")),
        ("政协云溪市委员会关于2024年度工作情况的报告", ("summary", "annual")),
        ("云溪市政协机关车辆使用登记表", (None, None)),
    ],
)
def test_types_by_name_and_declared_patterns(vocab, title, expected):
    assert kind_and_type(title, vocab) == expected


def test_every_pattern_is_declared_once_and_found_in_data(vocab):
    seen: dict[str, str] = {}
    for kind in vocab.kinds.values():
        for doc_type in kind.types.values():
            for pattern in doc_type.title_patterns:
                assert pattern not in seen, f"{pattern} declared for {seen.get(pattern)} and {doc_type.id}"
                seen[pattern] = doc_type.id
                assert kind_and_type(pattern, vocab) == (kind.id, doc_type.id)
    assert "协商工作计划" in seen and "暂行办法" in seen


def test_bodies_by_full_name_short_name_and_place(vocab):
    assert body_of(["中国人民政治协商会议云溪市委员会"], vocab) == "yunxi-city"
    assert body_of(["政协云溪市委员会办公室"], vocab) == "yunxi-city"
    assert body_of(["云溪市政协"], vocab) == "yunxi-city"
    # a short name that does not end in 政协, inside a text that also names its parent's place
    assert body_of(["莒县政协青峰镇政协工作办公室2024年工作计划"], vocab) == "qingfeng-town"
    assert body_of(["没有机构名称的标题"], vocab) is None


def test_an_unregistered_body_gets_an_entry_to_paste(zx_repo, tmp_path):
    b = Builder()
    b.para("新安县政协2024年度协商工作计划", style="Title")
    b.para("一、协商议题")
    b.para("全年安排协商活动6项。")
    b.para("政协新安县委员会办公室")
    b.para("2024年1月8日")
    part = import_file(zx_repo.root, b.save(tmp_path / "plan.docx")).parts[0]
    assert (part.found.kind, part.found.type_) == ("plan", "consultation")
    assert "BODY=" in part.error and not part.paths
    assert "  name: 中国人民政治协商会议新安县委员会" in part.error
    assert "  short: 新安县政协" in part.error and "  level: county" in part.error
    assert body_entry(["2024年度新安县政协工作要点"]) is not None
    assert "name: 中国人民政治协商会议新安县委员会" in body_entry(["2024年度新安县政协工作要点"])
    assert body_entry(["关于政协工作的几点体会"]) is None


def test_a_body_by_a_short_name_not_ending_in_zhengxie_and_by_its_registered_aliases(zx_repo, tmp_path):
    zx_repo.write(
        "data/bodies.yml",
        zx_repo.read("data/bodies.yml")
        + "- id: baishui-liaison\n  name: 白水镇政协委员联络组\n  short: 白水联络组\n  level: township\n"
        + "  region: 示例地区\n  parent: null\n  aliases: [白水镇委员之家]\n",
    )

    def plan(title: str, signature: str):
        b = Builder()
        b.para(title, style="Title")
        b.para("一、协商议题")
        b.para("全年安排协商活动3项。")
        b.para(signature)
        b.para("2024年1月8日")
        return import_file(zx_repo.root, b.save(tmp_path / "plan.docx")).parts[0]

    assert plan("白水联络组2024年度协商工作计划", "白水联络组").body == "baishui-liaison"  # the short name
    second = plan("白水镇委员之家2025年度协商工作计划", "白水镇委员之家")
    assert second.body == "baishui-liaison", second.error  # an alias
    vocab = load_vocabulary(zx_repo.root).vocab
    assert body_of(["白水镇委员之家"], vocab, {}) is None  # no aliases listed: not guessed
    assert body_of(["白水镇委员之家"], vocab, {"baishui-liaison": ["白水镇委员之家"]}) == "baishui-liaison"
