"""make import on Word files in 公文 layout (issue 28): 发文机关标志 as a line or a table, 文号 with
签发人 on one line, a title over two lines, 主送, 附件说明, 落款 and 成文日期 in Chinese numerals,
附注, 抄送 and 印发 lines, page numbers. What has a field goes there; the rest is named in the
report as left out, with the reason; nothing of it is glued to the text."""

from __future__ import annotations

import yaml

from docx_build import Builder
from zhengxie.tools.importer import import_file
from zhengxie.tools.importer.report import format_report

NOTICE = [
    "000012",
    "特急",
    "政协云溪市委员会办公室文件",
    "云政协办发〔2024〕5号　　　　签发人：王某",
    "————————————————",
    "政协云溪市委员会办公室关于印发",
    "《云溪市政协2024年度协商计划》的通知",
    "各专门委员会，各县（市、区）政协：",
    "现将《云溪市政协2024年度协商计划》印发给你们，请结合实际认真贯彻落实。",
    "— 1 —",
    "附件：云溪市政协2024年度协商计划",
    "政协云溪市委员会办公室",
    "二〇二四年三月五日",
    "（此件公开发布）",
    "附件",
    "协商议题按季度安排，由各专门委员会牵头组织。",
    "抄送：市委办公室，市人大常委会办公室，市政府办公室。",
    "政协云溪市委员会办公室　　　2024年3月5日印发",
]


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def _import(zx_repo, path):
    imported = import_file(zx_repo.root, path)
    part = imported.parts[0]
    assert not part.error, part.error
    return imported, part


def test_a_notice_in_gongwen_layout(zx_repo, tmp_path):
    b = Builder()
    for line in NOTICE:
        b.para(line)
    imported, part = _import(zx_repo, b.save(tmp_path / "notice.docx"))
    text = zx_repo.read(part.paths[0])
    front = _front(text)
    assert front["title"] == "政协云溪市委员会办公室关于印发《云溪市政协2024年度协商计划》的通知"
    assert front["doc_number"] == "云政协办发〔2024〕5号"
    assert front["issuers"] == ["政协云溪市委员会办公室"]
    assert str(front["date"]) == "2024-03-05"
    assert (front["kind"], front["body"]) == ("plan", "yunxi-city")
    body = text.split("\n---\n", 1)[1]
    assert "现将《云溪市政协2024年度协商计划》印发给你们" in body
    assert "附件：云溪市政协2024年度协商计划" in body  # 附件说明 stays in the text
    assert "协商议题按季度安排" in body  # the attachment after the signature is text, not lost
    for furniture in ("签发人", "抄送", "— 1 —", "特急", "000012", "此件公开发布", "————"):
        assert furniture not in body, furniture
    assert "各专门委员会，各县（市、区）政协：" not in body
    left = {why.split("：")[0]: original for original, why in part.found.left_out}
    assert left["签发人"] == "签发人：王某"
    assert left["主送机关"] == "各专门委员会，各县（市、区）政协："
    assert left["发文机关标志（版头）"] == "政协云溪市委员会办公室文件"
    assert left["版记（抄送）"].startswith("抄送：")
    assert left["版记（印发机关和印发日期）"].endswith("印发")
    assert {"份号", "紧急程度", "版头分隔线", "页码", "附注"} <= set(left)
    report = format_report(imported)
    assert "签发人：元数据没有这一项" in report
    # every paragraph accounted for: 文号, the title's two lines, 落款, 成文日期 in fields; nine set
    # aside; the four of the text (现将…, 附件说明, 附件, the attachment's paragraph) in the draft
    assert "原件 18 段（一个表格算一段）：5 段写进文首字段，9 段有意没有导入（见下），其余 4 段在草稿正文" in report


def test_a_masthead_table_and_a_report_without_signature(zx_repo, tmp_path):
    b = Builder()
    b.table([["政协云溪市委员会", "文件"]])
    b.para("云溪市政协2023年度工作总结", style="Title")
    b.para("一、主要工作")
    b.para("全年召开专题协商会3次，提出意见建议40余条。")
    _imported, part = _import(zx_repo, b.save(tmp_path / "masthead.docx"))
    front = _front(zx_repo.read(part.paths[0]))
    assert front["title"] == "云溪市政协2023年度工作总结"
    assert front["issuers"] == ["政协云溪市委员会"]  # from the 发文机关标志: there is no signature
    assert ("政协云溪市委员会文件", "发文机关标志（版头表格）：发文机关以落款为准") in part.found.left_out
    assert "政协云溪市委员会" not in zx_repo.read(part.paths[0]).split("\n---\n", 1)[1]


def test_a_number_and_signer_table_and_a_rule_adopted_by_a_meeting(zx_repo, tmp_path):
    b = Builder()
    b.para("政协云溪市委员会文件")
    b.table([["云政协发〔2023〕9号", "签发人：李某"]])
    b.para("云溪市政协委员履职管理实施办法", style="Title")
    b.para("（二〇二三年四月二日政协云溪市第十届委员会常务委员会第六次会议通过）")
    b.numbered("为规范委员履职，制定本办法。", "article", rendered="第一条")
    b.numbered("本办法自通过之日起施行。", "article", rendered="第二条")
    b.para("政协云溪市委员会")
    b.para("二〇二三年四月六日")
    _imported, part = _import(zx_repo, b.save(tmp_path / "rule.docx"))
    front = _front(zx_repo.read(part.paths[0]))
    assert front["doc_number"] == "云政协发〔2023〕9号"
    assert front["adopted"]["date"] == "2023-04-02" and str(front["date"]) == "2023-04-06"
    assert front["issuers"] == ["政协云溪市委员会"]
    assert (front["kind"], front["type"]) == ("rule", "measures")
    assert ("签发人：李某", "签发人：元数据没有这一项") in part.found.left_out
    assert part.found.counts["articles"] == 2


def test_a_notice_followed_by_the_plan_it_issues_without_an_attachment_line(zx_repo, tmp_path):
    """The notice's signature and 成文日期 (in Chinese numerals) stand before the plan it issues,
    whose own title follows with no 附件 line: they are the notice's fields, the plan is text."""
    b = Builder()
    for line in (
        "政协云岭县委员会文件",
        "云政协发〔2025〕7号",
        "政协云岭县委员会关于印发《云岭县政协2025年度协商计划》的通知",
        "各专门委员会，机关各科室：",
        "现将计划印发给你们，请照此组织实施。",
        "政协云岭县委员会",
        "二〇二五年三月九日",
        "（此件公开发布）",
        "云岭县政协2025年度协商计划",
        "全年围绕县委重点工作组织协商。",
        "政协云岭县委员会办公室　　　2025年3月12日印发",
    ):
        b.para(line)
    _imported, part = _import(zx_repo, b.save(tmp_path / "notice.docx"))
    front = _front(zx_repo.read(part.paths[0]))
    assert str(front["date"]) == "2025-03-09"  # the notice's date, not the 印发 date
    assert front["issuers"] == ["政协云岭县委员会"]
    body = zx_repo.read(part.paths[0]).split("\n---\n", 1)[1]
    assert "云岭县政协2025年度协商计划" in body and "全年围绕县委重点工作组织协商" in body
    assert "（此件公开发布）云岭" not in body  # the note is no first line of the plan's title


def test_a_lead_in_sentence_and_an_article_ending_in_a_colon_are_no_addressees(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年度协商计划", style="Title")
    b.para("经市委同意，市政协今年安排协商活动6项，具体如下：")
    b.para("一、专题协商会")
    _imported, part = _import(zx_repo, b.save(tmp_path / "plan.docx"))
    assert not [why for _text, why in part.found.left_out if why.startswith("主送")]
    assert part.found.stated_count == "6项"
    rule = Builder()
    rule.para("云溪市政协主席会议规则", style="Title")
    rule.para("第一条　主席会议的职责包括：")
    rule.para("（一）研究常务委员会会议的议题；")
    rule.para("第二条　本规则自通过之日起施行。")
    _imported, part = _import(zx_repo, rule.save(tmp_path / "rule.docx"))
    assert part.found.counts["articles"] == 2


def test_a_title_over_three_lines_its_last_spaced_out(zx_repo, tmp_path):
    b = Builder()
    b.para("中国人民政治协商会议")
    b.para("云溪市第十届委员会常务委员会")
    b.para("工 作 报 告")
    b.para("（2025年1月6日在政协云溪市第十届委员会第四次会议上）")
    b.para("市政协主席　王某")
    b.para("各位委员：")
    b.para("现在，我代表常务委员会向大会报告工作。")
    b.para("一、过去一年的工作")
    b.para("全年召开常委会议4次，开展协商活动20次。")
    _imported, part = _import(zx_repo, b.save(tmp_path / "report.docx"))
    front = _front(zx_repo.read(part.paths[0]))
    assert front["title"] == "中国人民政治协商会议云溪市第十届委员会常务委员会工作报告"
    assert (front["kind"], front["type"], front["body"]) == ("summary", "standing-committee-report", "yunxi-city")
    assert str(front["date"]) == "2025-01-06"
    assert any(f.path == "consultations" and f.value == 20 for f in part.found.figures)


def test_a_title_broken_inside_one_paragraph_joins_without_a_space(zx_repo, tmp_path):
    b = Builder()
    b.para("政协云溪市第十届委员会\n常务委员会工作报告", style="Title")
    b.para("——2025年1月6日在政协云溪市第十届委员会第四次会议上")
    b.para("一、过去一年的工作")
    b.para("全年开展协商活动20次。")
    _imported, part = _import(zx_repo, b.save(tmp_path / "report.docx"))
    assert _front(zx_repo.read(part.paths[0]))["title"] == "政协云溪市第十届委员会常务委员会工作报告"


def test_an_organ_over_a_line_holding_only_the_type(zx_repo, tmp_path):
    b = Builder()
    b.para("政协云溪市第十届委员会")
    b.para("常务委员会工作报告")
    b.para("——2025年1月6日在政协云溪市第十届委员会第四次会议上")
    b.para("一、过去一年的工作")
    b.para("全年开展协商活动20次。")
    _imported, part = _import(zx_repo, b.save(tmp_path / "report.docx"))
    front = _front(zx_repo.read(part.paths[0]))
    assert front["title"] == "政协云溪市第十届委员会常务委员会工作报告"
    assert front["type"] == "standing-committee-report"


def test_a_title_opening_with_关于_over_an_organ_line_is_joined(zx_repo, tmp_path):
    b = Builder()
    b.para("关于政协云溪市第十届委员会")
    b.para("第三次会议以来提案工作情况的报告")
    b.para("——2025年1月7日在政协云溪市第十届委员会第四次会议上")
    b.para("各位委员：")
    b.para("共收到提案150件，立案140件。")
    _imported, part = _import(zx_repo, b.save(tmp_path / "report.docx"))
    front = _front(zx_repo.read(part.paths[0]))
    assert front["title"] == "关于政协云溪市第十届委员会第三次会议以来提案工作情况的报告"
    assert "issuers" not in front or front["issuers"] != ["关于政协云溪市第十届委员会"]


def test_a_title_spaced_letter_by_letter_and_a_date_in_brackets_under_it(zx_repo, tmp_path):
    b = Builder()
    b.para("云 溪 市 政 协 2025 年 工 作 总 结")
    b.para("（2025年12月28日）")
    b.para("一、主要工作")
    b.para("全年开展协商活动12次。")
    _imported, part = _import(zx_repo, b.save(tmp_path / "summary.docx"))
    front = _front(zx_repo.read(part.paths[0]))
    assert front["title"] == "云溪市政协2025年工作总结"
    assert (front["kind"], front["type"]) == ("summary", "annual")
    assert str(front["date"]) == "2025-12-28"


def test_a_work_plan_signed_before_its_attached_table_named_on_the_attachment_line(zx_repo, tmp_path):
    """落款 and 成文日期, then 附件：<the attachment's name> and the attached table: the signature
    and date are the plan's fields, the attachment stays in the text."""
    b = Builder()
    b.para("政协云岭县委员会2026年工作计划", style="Title")
    b.para("全年安排协商议题3个，具体安排见附件。")
    b.para("政协云岭县委员会")
    b.para("2026年2月3日")
    b.para("附件：县政协2026年度协商议题安排表")
    b.table([["序号", "协商议题", "时间"], ["1", "集镇停车秩序整治", "4月"]])
    _imported, part = _import(zx_repo, b.save(tmp_path / "plan.docx"))
    front = _front(zx_repo.read(part.paths[0]))
    assert str(front["date"]) == "2026-02-03"
    assert front["issuers"] == ["政协云岭县委员会"]
    body = zx_repo.read(part.paths[0]).split("\n---\n", 1)[1]
    assert "附件：县政协2026年度协商议题安排表" in body
