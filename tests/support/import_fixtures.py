"""Originals for the import tests, in our own words: a consultation plan and a rule as Word files
(made here with python-docx) and a proposal report as a GB18030 text file."""

from __future__ import annotations

from pathlib import Path

PLAN_TITLE = "云溪市政协2024年度协商计划"
PLAN_ITEMS = [
    ["序号", "协商议题", "协商形式", "时间", "牵头单位", "备注"],
    ["1", "城乡供水一体化", "专题协商会", "2024年4月", "市政协人口资源环境委员会", ""],
    ["2", "职业教育产教融合", "双月协商座谈会", "", "市政协教科卫体委员会", ""],
    ["3", "社区嵌入式养老服务", "湖畔夜谈", "第三季度", "", "与区县政协联动"],
]
RULE_TITLE = "云溪市政协委员履职档案管理实施办法"
RULE_CAPTION = "（二〇二二年五月十日政协云溪市第十届委员会常务委员会第八次会议通过）"
REPORT_TITLE = "政协云岭县委员会常务委员会关于九届三次会议以来提案工作情况的报告"
REPORT = f"""{REPORT_TITLE}
（2020年1月10日在政协云岭县第九届委员会第四次会议上）
政协云岭县委员会副主席　李某

各位委员：

一、提案提交和立案情况
九届三次会议以来，共收到提案134件，经审查立案129件，立案率96%。立案提案中，涉及乡村振兴的较多。
二、提案办理情况
立案提案已全部办复，答复率100%，委员满意率为97.2%。县政协组织开展专题视察3次，推动一批
问题得到解决。
"""


def plan_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(PLAN_TITLE, style="Title")
    document.add_paragraph("云政协发〔2024〕2号")
    document.add_paragraph("一、指导思想")
    document.add_paragraph("坚持围绕中心、服务大局，把协商贯穿履职全过程，议题少而精。")
    document.add_paragraph("二、协商议题")
    document.add_paragraph("全年安排重点协商活动4项。")
    table = document.add_table(rows=0, cols=len(PLAN_ITEMS[0]))
    for row in PLAN_ITEMS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_paragraph("文旅融合发展（视察，市政协文化文史委员会牵头）", style="List Number")
    document.add_paragraph("三、组织实施")
    document.add_paragraph("（一）加强统筹")
    document.add_paragraph("各专门委员会按计划组织实施，于20xx年底前报送协商成果。")
    document.add_paragraph("政协云溪市委员会办公室")
    document.add_paragraph("二〇二四年二月六日")
    document.save(path)
    return path


def rule_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(RULE_TITLE)
    document.add_paragraph(RULE_CAPTION)
    document.add_paragraph("第一章　总则")
    document.add_paragraph("第一条　为规范委员履职档案的建立和使用，制定本办法。")
    document.add_paragraph("第二条　履职档案由办公室统一管理。")
    document.add_paragraph("第二章　档案内容")
    document.add_paragraph("第三条　档案记载委员参加会议、提交提案和参加视察的情况。")
    document.add_paragraph("第三章　附则")
    document.add_paragraph("第四条　本办法自通过之日起施行。")
    document.save(path)
    return path


def report_txt(path: Path) -> Path:
    path.write_bytes(REPORT.encode("gb18030"))
    return path
