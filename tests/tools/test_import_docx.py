"""make import on Word and text files the tests make: what it recognises, what it leaves for a
person (as problems the check reports), and that nothing is invented or overwritten."""

from __future__ import annotations

import yaml

from import_fixtures import PLAN_TITLE, RULE_CAPTION, plan_docx, report_txt, rule_docx
from zhengxie.tools.importer import import_file
from zhengxie.tools.importer.read import ImportFailed, decode
from zhengxie.tools.importer.report import format_report


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def _only(imported):
    assert len(imported.parts) == 1
    part = imported.parts[0]
    assert not part.error, part.error
    return part


def test_plan_from_word_keeps_its_head_table_list_and_signature(zx_repo, tmp_path):
    imported = import_file(zx_repo.root, plan_docx(tmp_path / "plan.docx"))
    part = _only(imported)
    report = format_report(imported)
    assert "草稿正文中有 1 处【待核：…】标记" in report
    assert "项目 p01 城乡供水一体化（thematic）　← 原件第7段（表格）第2行" in report
    assert part.doc_id == "2024-yunxi-city-consultation-plan"
    front = _front(zx_repo.read(part.paths[0]))
    assert front["title"] == PLAN_TITLE
    assert (front["kind"], front["type"], front["body"]) == ("plan", "consultation", "yunxi-city")
    assert front["doc_number"] == "云政协发〔2024〕2号"
    assert front["issuers"] == ["政协云溪市委员会办公室"]
    assert str(front["date"]) == "2024-02-06"  # 二〇二四年二月六日
    assert front["period"] == "2024"
    body = zx_repo.read(part.paths[0])
    assert "## 一、指导思想" in body and "## 二、协商议题" in body and "### （一）加强统筹" in body
    assert "{{ plan_items() }}" in body
    assert "20xx" not in body and "【待核：原件此处是未填写的占位符（年份）】" in body
    data = yaml.safe_load(zx_repo.read(part.paths[1]))
    assert data["stated_count"] == "4项"
    items = {item["title"]: item for item in data["items"]}
    assert list(items) == ["城乡供水一体化", "职业教育产教融合", "社区嵌入式养老服务", "文旅融合发展"]
    assert items["城乡供水一体化"] == {
        "id": "p01",
        "title": "城乡供水一体化",
        "form": "thematic",
        "time": "4月",
        "roles": {"lead-unit": "市政协人口资源环境委员会"},
    }
    # the table's time cell is empty and a forum must state one: the original states none
    assert items["职业教育产教融合"]["time"] == "原文未载"
    assert "form" not in items["社区嵌入式养老服务"]  # 湖畔夜谈 is no registered form: a person decides
    assert items["文旅融合发展"]["form"] == "inspection"
    assert items["文旅融合发展"]["roles"] == {"lead-unit": "市政协文化文史委员会"}
    codes = sorted(todo.code for todo in part.found.todos)
    assert codes.count("ZX406") == 1 and "ZX130" in codes
    reported = {p.code for p in zx_repo.check() if p.file in part.paths}
    assert {"ZX130", "ZX406"} <= reported  # every gap is a problem the check reports


def test_rule_with_caption_chapters_and_articles(zx_repo, tmp_path):
    part = _only(import_file(zx_repo.root, rule_docx(tmp_path / "rule.docx")))
    assert part.doc_id == "2022-yunxi-city-measures-rule"
    text = zx_repo.read(part.paths[0])
    front = _front(text)
    assert front["adopted"] == {
        "caption": RULE_CAPTION,
        "meeting": "常务委员会第八次会议",
        "session": "第十届",
        "date": "2022-05-10",
    }
    assert "date" not in front  # only the adoption date is stated: the 成文日期 is left for the editor
    assert any(t.code == "ZX215" and t.field == "date" for t in part.found.todos)
    assert "## 第一章　总则" in text and "## 第三章　附则" in text
    assert "第四条　本办法自通过之日起施行。" in text
    assert part.found.counts["articles"] == 4


def test_report_from_gb18030_text_with_reporter_dateline_and_figures(zx_repo, tmp_path):
    imported = import_file(zx_repo.root, report_txt(tmp_path / "report.txt"))
    assert imported.encoding == "gb18030"
    part = _only(imported)
    front = _front(zx_repo.read(part.paths[0]))
    assert front["type"] == "proposal-report" and front["body"] == "yunling-county"
    assert front["period"] == "九届三次会议以来"
    assert front["reporter"] == "政协云岭县委员会副主席　李某"
    assert front["dateline"] == "2020年1月10日在政协云岭县第九届委员会第四次会议上"
    assert front["session"] == "政协云岭县第九届委员会第四次会议"
    data = yaml.safe_load(zx_repo.read(part.paths[1]))
    measures = {row["measure"]: row["value"] for row in data["figures"] if "measure" in row}
    assert measures == {
        "proposals-received": 134,
        "proposals-filed": 129,
        "proposals-answer-rate": 100,
        "proposals-satisfaction-rate": 97.2,
        "proposals-filing-rate": 96,  # a registered rate: the rate check runs on the import
        "inspections": 3,  # 组织开展专题视察3次: the registry's 视察 (data/measures.yml aliases)
    }
    assert "推动一批问题得到解决" in zx_repo.read(part.paths[0])  # the broken line is joined


def test_reimport_is_refused_naming_the_draft_or_updates_it_with_a_summary(zx_repo, tmp_path):
    original = plan_docx(tmp_path / "plan.docx")
    first = _only(import_file(zx_repo.root, original))
    before = zx_repo.read(first.paths[0])
    try:
        import_file(zx_repo.root, original)
    except ImportFailed as error:
        message = str(error)
    else:
        raise AssertionError("a second import of the same file was written")
    assert first.paths[0] in message and "UPDATE=1" in message and "不会另存一份副本" in message
    assert zx_repo.read(first.paths[0]) == before
    assert not (zx_repo.root / first.paths[0].replace(".md", "-2.md")).exists()
    same = _only(import_file(zx_repo.root, original, update=True))
    assert same.doc_id == first.doc_id and same.updating
    assert any("没有改动" in change for change in same.changes)
    # the office corrects the original; UPDATE rewrites the draft in place and says what changed
    import docx

    document = docx.Document(str(original))
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("坚持围绕中心"):
            paragraph.text = "坚持围绕中心、服务大局，把协商贯穿履职全过程。"
    document.save(str(original))
    updated = _only(import_file(zx_repo.root, original, update=True))
    assert "把协商贯穿履职全过程。" in zx_repo.read(first.paths[0])
    summary = "\n".join(updated.changes)
    assert "增 1 行，删 1 行" in summary and "- 坚持围绕中心、服务大局，把协商贯穿履职全过程，议题少而精。" in summary
    assert "UPDATE=1：改写已有草稿" in format_report(import_file(zx_repo.root, original, update=True))


def test_unreadable_inputs_are_refused_in_chinese(zx_repo, tmp_path):
    for name, content in (("a.doc", b"x"), ("b.docx", b"not a zip"), ("c.txt", b"\xff\xfe\xff\xfe\x81")):
        path = tmp_path / name
        path.write_bytes(content)
        try:
            import_file(zx_repo.root, path)
        except ImportFailed as error:
            assert any("\u4e00" <= c <= "\u9fff" for c in str(error))
        else:
            raise AssertionError(f"{name} was imported")
    assert decode("政协".encode("gb18030")) == ("政协", "gb18030")
    assert decode("\ufeff政协".encode("utf-8")) == ("政协", "utf-8")


def test_long_and_odd_lines_are_read_without_backtracking(zx_repo, tmp_path):
    """Bounded parsing: lines built to trip nested patterns are read in one pass each."""
    odd = [
        "一" * 20_000,
        "（" * 20_000,
        "第" * 20_000 + "条",
        "20" + "x" * 20_000,
        "20xx年" * 4_000,
        "□" * 20_000,
        "共收到提案" + "1" * 20_000 + "件",
        "在" * 20_000 + "会议上",
        "篇" * 20_000,
        "_" * 20_000,
    ]
    path = tmp_path / "odd.txt"
    path.write_text("云溪市政协2024年工作总结\n" + "\n".join(odd) + "\n", encoding="utf-8")
    part = _only(import_file(zx_repo.root, path))
    assert part.found.counts["residue"] >= 3
    from zhengxie.checks.residue import RESIDUE

    assert RESIDUE.search(zx_repo.read(part.paths[0]).split("---\n", 2)[-1]) is None  # none kept unmarked


def test_counts_in_a_list_each_keep_their_label(zx_repo, tmp_path):
    path = tmp_path / "half.md"
    path.write_text(
        "云溪市政协2024年上半年工作总结\n\n一、主要工作\n\n委员论坛收到论文40篇，评选出一等奖2篇，二等奖5篇，三等奖9篇。"
        "各专门委员会进行了3次专题视察。\n",
        encoding="utf-8",
    )
    part = _only(import_file(zx_repo.root, path))
    front = _front(zx_repo.read(part.paths[0]))
    assert (front["type"], front["period"]) == ("half-year", "2024-H1")
    rows = yaml.safe_load(zx_repo.read(part.paths[1]))["figures"]
    assert [(r["label"], r["value"], r["unit"]) for r in rows if "label" in r] == [
        ("收到论文", 40, "篇"),
        ("评选出一等奖", 2, "篇"),
        ("二等奖", 5, "篇"),
        ("三等奖", 9, "篇"),
    ]
    assert {"measure": "inspections", "value": 3, "unit": "次"} in rows  # 3次专题视察: a registered measure


def test_command_prints_a_chinese_report_and_refuses_bad_input(zx_repo, tmp_path):
    import subprocess
    import sys

    from checks_support import ROOT

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "zhengxie", "import", *args, "--root", str(zx_repo.root)],
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT / "hooks")},
            capture_output=True,
            text=True,
        )

    done = run(str(plan_docx(tmp_path / "plan.docx")))
    assert done.returncode == 0, done.stderr
    assert "已写出 docs/plans/2024-yunxi-city-consultation-plan.md" in done.stdout
    assert "需要人工处理" in done.stdout and "[ZX406]" in done.stdout and "Traceback" not in done.stderr
    refused = run(str(tmp_path / "missing.docx"))
    assert refused.returncode == 2 and refused.stderr.startswith("错误：") and "Traceback" not in refused.stderr
    unknown = run(str(plan_docx(tmp_path / "plan2.docx")), "--body", "nowhere")
    assert unknown.returncode == 2 and "BODY=nowhere" in unknown.stderr
    again = run(str(tmp_path / "plan.docx"))
    assert again.returncode == 2 and "已有同名文档 docs/plans/2024-yunxi-city-consultation-plan.md" in again.stderr
    assert "Traceback" not in again.stderr
    updated = run(str(tmp_path / "plan.docx"), "--update")
    assert updated.returncode == 0, updated.stderr
    assert "UPDATE=1：改写已有草稿" in updated.stdout and "没有改动" in updated.stdout
