"""make import reads a summary's figures (issue 28) from prose and tables, to registered measures —
rates included, so the rate checks run on the import — with 约/余/多/以上/左右 kept as printed and
Chinese numerals read; each figure says where it came from, the data table stands in the section
the figures came from, and a section of plans is not read as figures of the year."""

from __future__ import annotations

import yaml

from docx_build import Builder
from zhengxie.tools.importer import import_file
from zhengxie.tools.importer.report import format_report


def _summary(tmp_path):
    b = Builder()
    b.para("云溪市政协2024年度工作总结", style="Title")
    b.para("一、2024年主要工作")
    b.para(
        "全年共收到提案156件，经审查立案142件，立案率91%，并案处理8件，转为意见建议14件，不予立案0件。"
        "提案已全部办结，办结率100%。"
    )
    b.para("报送社情民意信息120条，被采用45条，获领导批示12条。组织委员参加各类活动1200余人次。")
    b.para("开展专题调研十二次，召开座谈会三十次以上，提出意见建议40余条。")
    b.table([["项目", "数量"], ["专题视察", "5次"], ["满意率", "98%以上"]])
    b.para("二、2025年工作打算")
    b.para("计划开展专题调研15次，召开座谈会20次。")
    b.para("政协云溪市委员会")
    b.para("2025年1月6日")
    return b.save(tmp_path / "summary.docx")


def test_figures_from_prose_and_tables_to_registered_measures(zx_repo, tmp_path):
    imported = import_file(zx_repo.root, _summary(tmp_path))
    part = imported.parts[0]
    assert not part.error, part.error
    data = yaml.safe_load(zx_repo.read(part.paths[1]))
    measures = {row["measure"]: row["value"] for row in data["figures"] if "measure" in row}
    assert measures == {
        "proposals-received": 156,
        "proposals-filed": 142,
        "proposals-filing-rate": 91,
        "proposals-merged": 8,
        "proposals-referred": 14,
        "proposals-rejected": 0,
        "proposals-answer-rate": 100,
        "opinions-submitted": 120,
        "opinions-adopted": 45,
        "opinions-endorsed": 12,
        "member-participation": "1200余",
        "proposals-satisfaction-rate": "98%以上",  # from the table, qualifier kept
        "research": "十二",  # 开展专题调研: the registry's alias of 调研 (data/measures.yml), as printed
        "inspections": 5,  # the table's 专题视察 row
    }
    rows = [(r["label"], r["value"], r["unit"]) for r in data["figures"] if "label" in r]
    assert ("召开座谈会", "三十以上", "次") in rows
    assert ("提出意见建议", "40余", "条") in rows
    assert 15 not in [value for _, value, _ in rows] and 20 not in [value for _, value, _ in rows]
    text = zx_repo.read(part.paths[0])
    # the data table stands at the end of the section the figures came from, before the plans
    assert text.index("{{ summary_figures() }}") < text.index("## 二、2025年工作打算")
    assert text.count("{{ summary_figures() }}") == 1
    report = format_report(imported)
    assert "← 原件第3段（2024年主要工作）" in report and "← 原件第6段（表格）第3行（2024年主要工作）" in report
    assert "在“2025年工作打算”一节，是打算或目标" in report


def test_a_count_stated_in_a_plan_is_recorded_as_stated(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年度协商计划", style="Title")
    b.para("一、总体要求")
    b.para("每项活动形成协商成果，报送意见建议10件左右。")
    b.para("二、协商议题")
    b.para("全年安排协商议题15个，具体如下。")
    b.save(tmp_path / "plan.docx")
    part = import_file(zx_repo.root, tmp_path / "plan.docx").parts[0]
    assert part.found.stated_count == "15个"


def test_a_count_stated_in_chinese_is_written_as_stated_and_passes_the_schema(zx_repo, tmp_path):
    import json

    from jsonschema import Draft202012Validator

    b = Builder()
    b.para("云溪市政协2026年度协商计划", style="Title")
    b.para("一、协商议题")
    b.para("全年安排协商议题十五项。")
    b.table([["协商议题", "协商形式", "时间"], ["推进社区食堂建设", "专题协商会", "4月"]])
    b.para("政协云溪市委员会")
    b.para("2026年1月9日")
    part = import_file(zx_repo.root, b.save(tmp_path / "plan.docx")).parts[0]
    data = yaml.safe_load(zx_repo.read(part.paths[1]))
    assert data["stated_count"] == "十五项"  # as the plan prints it, never 15
    schema = json.loads(zx_repo.read("data/schemas/plan-data.schema.json"))
    errors = [e for e in Draft202012Validator(schema).iter_errors(data) if "stated_count" in e.absolute_path]
    assert errors == []
    assert [p.code for p in zx_repo.check() if p.file == part.paths[1] and p.code == "ZX404"] == ["ZX404"]  # 15 ≠ 1


def test_figures_worded_in_other_orders(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年工作总结", style="Title")
    b.para("一、全年工作")
    b.para("收到提案和立案数分别为204件和191件。已办复提案191件，所提问题已解决或正在解决的150件，占78.5%。")
    b.para("收回反馈表180份，满意和基本满意的176件。未予立案4件。开展协商活动18项，组织委员200余人次参加视察。")
    b.table([["报送社情民意信息", "被采用", "获领导批示"], ["240条", "96条", "41条"]])
    b.para("政协云溪市委员会")
    b.para("2025年12月29日")
    part = import_file(zx_repo.root, b.save(tmp_path / "summary.docx")).parts[0]
    assert not part.error, part.error
    data = yaml.safe_load(zx_repo.read(part.paths[1]))
    assert {row["measure"]: row["value"] for row in data["figures"] if "measure" in row} == {
        "proposals-received": 204,
        "proposals-filed": 191,
        "proposals-answered": 191,
        "proposals-solved": 150,
        "proposals-solved-rate": 78.5,
        "proposals-feedback": 180,
        "proposals-satisfied": 176,
        "proposals-rejected": 4,
        "consultations": 18,
        "member-participation": "200余",
        "opinions-submitted": 240,
        "opinions-adopted": 96,
        "opinions-endorsed": 41,
    }
    assert not [row for row in data["figures"] if "label" in row]


def test_parts_listed_after_其中_kinds_of_proposal_and_registered_activities(zx_repo, tmp_path):
    """Counts listed after 其中 (or …中，) are labelled rows each; a kind of proposal counted
    (重点提案) is a row named by it; 转为…意见建议 is the registered referral; 人次 after a list of
    activities members took part in is member participation; an activity the registry names
    (data/measures.yml: a name or alias, in one of its units) is that measure, a mixed one is a row."""
    b = Builder()
    b.para("云溪市政协2025年工作总结", style="Title")
    b.para("一、全年工作")
    b.para("全年开展协商活动20次，其中专题协商会4次、界别协商会7次；组织调研视察15次。")
    b.para("共收到提案140件，立案126件，转为社情民意意见建议6件，不予立案8件。")
    b.para("立案提案中，党派团体提案31件，委员个人提案95件。主席会议遴选重点提案10件。")
    b.para("目前已全部办复，其中，所提问题已经采纳的60件，列入规划逐步落实的50件，留作参考的16件。")
    b.para("组织委员参加学习、考察、联络等活动九百余人次。开展专题调研9次、集中视察3次。")
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    part = import_file(zx_repo.root, b.save(tmp_path / "summary.docx")).parts[0]
    data = yaml.safe_load(zx_repo.read(part.paths[1]))
    measures = {row["measure"]: row["value"] for row in data["figures"] if "measure" in row}
    rows = {row["label"]: (row["value"], row["unit"]) for row in data["figures"] if "label" in row}
    assert measures["proposals-referred"] == 6
    assert measures["member-participation"] == "九百余"
    assert (measures["research"], measures["inspections"]) == (9, 3)
    assert rows["专题协商会"] == (4, "次") and rows["界别协商会"] == (7, "次")
    assert rows["党派团体提案"] == (31, "件") and rows["委员个人提案"] == (95, "件")
    assert rows["遴选重点提案"] == (10, "件")  # the verb as printed, the words before it (主席会议) not
    assert rows["所提问题已经采纳"] == (60, "件") and rows["留作参考"] == (16, "件")
    assert rows["组织调研视察"] == (15, "次")  # two activities in one count: neither measure


def test_parts_listed_after_a_point_of_view(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年提案工作情况的报告", style="Title")
    b.para("一、提案提交情况")
    b.para(
        "共收到提案150件。从提案内容看，经济发展方面48件，民生保障方面70件。按提出者分，党派提案20件、委员提案130件。"
    )
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    part = import_file(zx_repo.root, b.save(tmp_path / "report.docx")).parts[0]
    data = yaml.safe_load(zx_repo.read(part.paths[1]))
    rows = {row["label"]: row["value"] for row in data["figures"] if "label" in row}
    assert rows == {"经济发展方面": 48, "民生保障方面": 70, "党派提案": 20, "委员提案": 130}


def test_members_counted_and_members_taking_part_worded_after_the_activity(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年工作总结", style="Title")
    b.para("一、全年工作")
    b.para("本届共有委员286名，其中非中共人士委员171名。参加各类履职活动的委员达1500余人次。")
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    part = import_file(zx_repo.root, b.save(tmp_path / "summary.docx")).parts[0]
    data = yaml.safe_load(zx_repo.read(part.paths[1]))
    measures = {row["measure"]: row["value"] for row in data["figures"] if "measure" in row}
    rows = {row["label"]: row["value"] for row in data["figures"] if "label" in row}
    assert measures == {"members": 286, "member-participation": "1500余"}
    assert rows == {"非中共人士委员": 171}  # a part of the members: a labelled row, not a second count


def test_a_second_count_of_a_registered_activity_is_a_row_of_its_own(zx_repo, tmp_path):
    """The first 专题调研 count is the registered measure; a later one (a committee's) is not a conflict
    that loses both, but a labelled row beside it."""
    b = Builder()
    b.para("云溪市政协2025年工作总结", style="Title")
    b.para("一、全年工作")
    b.para("全年开展专题调研14次、集中视察5次。")
    b.para("提案委员会围绕重点提案办理开展专题调研4次。")
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    part = import_file(zx_repo.root, b.save(tmp_path / "summary.docx")).parts[0]
    data = yaml.safe_load(zx_repo.read(part.paths[1]))
    measures = {row["measure"]: row["value"] for row in data["figures"] if "measure" in row}
    rows = {row["label"]: row["value"] for row in data["figures"] if "label" in row}
    assert measures == {"research": 14, "inspections": 5}
    assert list(rows.values()) == [4]


def _figures(zx_repo, path) -> tuple[dict, dict]:
    part = import_file(zx_repo.root, path).parts[0]
    assert not part.error, part.error
    data = yaml.safe_load(zx_repo.read(part.paths[1]))
    measures = {row["measure"]: row["value"] for row in data["figures"] if "measure" in row}
    rows = {row["label"]: (row["value"], row.get("unit")) for row in data["figures"] if "label" in row}
    return measures, rows


def test_what_came_of_the_proposals_answered_class_by_class(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年提案工作情况的报告", style="Title")
    b.para("一、办理情况")
    b.para(
        "已办复提案120件。就结果而言，所提问题已经解决或正在解决的96件，占80%；列入计划逐步解决的18件；"
        "因政策限制暂时难以解决的（C类）6件。"
    )
    b.para("共收回办理情况征询意见表118份。")
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "report.docx"))
    assert measures["proposals-solved"] == 96 and measures["proposals-solved-rate"] == 80
    assert measures["proposals-feedback"] == 118
    assert rows["列入计划逐步解决"] == (18, "件")
    assert rows["因政策限制暂时难以解决"] == (6, "件")


def test_classes_lettered_are_rows_worded_as_printed(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年提案工作情况的报告", style="Title")
    b.para("一、办理情况")
    b.para("从结果看，问题已经解决或基本解决的（A类）50件，正在解决或列入计划解决的（B类）40件。")
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "report.docx"))
    assert "proposals-solved" not in measures  # 基本解决 is not the registered 已解决或正在解决
    assert rows == {"已经解决或基本解决": (50, "件"), "正在解决或列入计划解决": (40, "件")}


def test_a_table_with_a_column_of_units(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年上半年工作总结", style="Title")
    b.para("一、上半年工作")
    b.table(
        [
            ["项目", "单位", "数量"],
            ["召开主席会议", "次", "4"],
            ["开展协商活动", "次", "9"],
            ["报送社情民意信息", "条", "30"],
            ["社情民意信息被采用", "条", "12"],
        ]
    )
    b.para("上报的社情民意信息中，有5条得到市领导批示。")
    b.para("政协云溪市委员会")
    b.para("2025年7月2日")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "summary.docx"))
    assert measures == {"consultations": 9, "opinions-submitted": 30, "opinions-adopted": 12, "opinions-endorsed": 5}
    assert rows == {"召开主席会议": (4, "次")}


def test_a_two_column_table_of_opinion_counts_reads_its_labels_together(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年工作总结", style="Title")
    b.para("一、全年工作")
    b.table([["指标", "数量"], ["报送社情民意信息", "90条"], ["被省政协采用", "14条"], ["获市领导批示", "11条"]])
    b.para("编发《社情民意》专报20期，向省政协报送信息25篇。")
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "summary.docx"))
    assert measures == {"opinions-submitted": 90, "opinions-adopted": 14, "opinions-endorsed": 11}
    assert rows == {"编发《社情民意》专报": (20, "期"), "向省政协报送信息": (25, "篇")}


def test_an_endorsement_in_a_summary_of_opinion_work_without_the_word_in_its_sentence(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年社情民意信息工作总结", style="Title")
    b.para("一、基本情况")
    b.para("全年收到社情民意信息200篇，采用信息120篇。")
    b.para("向省政协报送信息30篇，被省政协采用6篇；获市领导批示22篇。")
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "summary.docx"))
    assert measures == {"opinions-submitted": 200, "opinions-adopted": 120, "opinions-endorsed": 22}
    assert rows["被省政协采用"] == (6, "篇")  # adopted higher up: a row, not a second adoption count


def test_a_part_line_of_next_year_sets_its_numbers_aside(zx_repo, tmp_path):
    b = Builder()
    b.para("政协云溪市第十届委员会常务委员会工作报告", style="Title")
    b.para("2025年工作回顾")
    b.para("一、协商议政")
    b.para("全年开展协商活动21次，报送社情民意信息80条。")
    b.para("2026年工作安排")
    b.para("今年将开展协商活动25次左右，报送社情民意信息100条以上。")
    b.para("二、今后工作建议")  # a numbered part naming what is to come
    b.para("组织视察8次。")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "report.docx"))
    assert measures == {"consultations": 21, "opinions-submitted": 80}
    assert rows == {}


def test_a_sub_section_of_plans_sets_its_numbers_aside(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年上半年工作总结", style="Title")
    b.para("一、上半年工作")
    b.para("（一）协商议政")
    b.para("上半年开展协商活动9次。")
    b.para("（二）下半年打算")
    b.para("下半年再开展协商活动6次，组织视察4次。")
    b.para("二、存在的问题")
    b.para("组织视察3次，覆盖面还不够。")
    measures, _rows = _figures(zx_repo, b.save(tmp_path / "summary.docx"))
    assert measures == {"consultations": 9, "inspections": 3}


def test_adoptions_counted_level_by_level_are_rows_and_quotes_stay_paired(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年工作总结", style="Title")
    b.para("一、全年工作")
    b.para("报送社情民意信息150条，被全国政协采用2条，省政协采用19条，市政协采用44条。")
    b.para("所提问题已经解决和正在解决的88件，占81%。举办“委员讲坛”5期。")
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "summary.docx"))
    assert measures == {"opinions-submitted": 150, "proposals-solved": 88, "proposals-solved-rate": 81}
    assert rows == {
        "被全国政协采用": (2, "条"),
        "省政协采用": (19, "条"),
        "市政协采用": (44, "条"),
        "举办“委员讲坛”": (5, "期"),
    }


def test_review_outcomes_rates_given_together_and_sessions_counted_in_场次(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年工作总结", style="Title")
    b.para("一、全年工作")
    b.para("共收到提案120件，立案110件，不予立案的6件，合并处理4件。提案办复率、满意率分别达100%和96.4%。")
    b.para("全年召开各类协商会议18场次。")
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "summary.docx"))
    assert measures == {
        "proposals-received": 120,
        "proposals-filed": 110,
        "proposals-rejected": 6,
        "proposals-merged": 4,
        "proposals-answer-rate": 100,
        "proposals-satisfaction-rate": 96.4,
    }
    assert rows == {"召开各类协商会议": (18, "场次")}


def test_a_section_of_next_year_s_tasks_is_not_read_as_figures(zx_repo, tmp_path):
    b = Builder()
    b.para("政协云溪市第十届委员会常务委员会工作报告", style="Title")
    b.para("一、2025年工作回顾")
    b.para("全年开展协商活动12次。")
    b.para("二、2026年工作任务")
    b.para("计划开展协商活动15次。")
    measures, _rows = _figures(zx_repo, b.save(tmp_path / "report.docx"))
    assert measures == {"consultations": 12}


def test_tables_whose_column_names_give_the_unit(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年提案工作情况的报告", style="Title")
    b.para("一、提案情况")
    b.table([["项目", "数量（件）"], ["收到提案", "160"], ["立案", "148"]])
    b.table([["类别", "件数"], ["已经解决或正在解决", "120"], ["列入计划逐步解决", "20"]])
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "report.docx"))
    assert measures == {"proposals-received": 160, "proposals-filed": 148, "proposals-solved": 120}
    assert rows == {"列入计划逐步解决": (20, "件")}


def test_lettered_classes_and_a_total_adopted_before_its_parts(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年提案工作情况的报告", style="Title")
    b.para("一、办理情况")
    b.para("已办复提案130件，其中A类（已解决或采纳）80件，B类（正在解决）40件，C类（留作参考）10件。")
    b.para("社情民意信息被采用36条，其中被省政协采用4条。")
    b.para("政协云溪市委员会")
    b.para("2025年12月20日")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "report.docx"))
    assert measures == {"proposals-answered": 130, "opinions-adopted": 36}
    assert rows == {
        "A类（已解决或采纳）": (80, "件"),
        "B类（正在解决）": (40, "件"),
        "C类（留作参考）": (10, "件"),
        "被省政协采用": (4, "条"),
    }


def test_a_minimum_asked_of_each_unit_is_not_the_plan_s_count(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2025年工作要点", style="Title")
    b.para("一、加强学习")
    b.para("各委员联络组全年开展协商活动不少于3次。")
    b.save(tmp_path / "points.docx")
    part = import_file(zx_repo.root, tmp_path / "points.docx").parts[0]
    assert part.found.stated_count is None


def test_satisfaction_by_parts_rates_as_printed_and_outcome_classes_with_a_list_comma(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2026年提案工作情况的报告", style="Title")
    b.para("一、办理情况")
    b.para("经审查，立案150件，转为社情民意信息处理12件。150件提案均已办复。")
    b.para("因资金、规划限制暂时不能解决的7件。")
    b.para(
        "收回征询意见表140份，对办理工作满意或基本满意的137件，对办理结果满意或基本满意的129件，"
        "办理工作满意率和办理结果满意率分别为97.0%和92.1%。"
    )
    b.para("政协云溪市委员会")
    b.para("2026年12月20日")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "report.docx"))
    assert measures["proposals-referred"] == 12 and "opinions-submitted" not in measures
    assert measures["proposals-answered"] == 150
    assert measures["proposals-satisfied"] == 137
    assert str(measures["proposals-satisfaction-rate"]) == "97.0"  # the decimal place as printed
    assert rows["对办理结果满意或基本满意"] == (129, "件")
    assert rows["办理结果满意率"][0] == 92.1
    assert rows["因资金、规划限制暂时不能解决"] == (7, "件")
    assert "暂时不能解决" not in rows


def test_an_activity_after_who_did_it_and_where(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2026年工作总结", style="Title")
    b.para("一、主要工作")
    b.para("组织片区组委员视察4次。三个委员联络站接待群众90余人次。全年召开主席会议6次、常委会议3次。")
    b.para("政协云溪市委员会")
    b.para("2026年12月28日")
    measures, rows = _figures(zx_repo, b.save(tmp_path / "summary.docx"))
    assert measures["inspections"] == 4
    assert rows["委员联络站接待群众"] == ("90余", "人次")
    assert rows["召开主席会议"] == (6, "次") and rows["常委会议"] == (3, "次")  # the verb only where printed


def test_a_kind_of_proposal_keeps_its_verb_and_classes_marked_by_letter_are_a_list(zx_repo, tmp_path):
    b = Builder()
    b.para("关于市政协提案工作情况的报告", style="Title")
    b.para("一、提案办理")
    b.para("市委、市政府确定重点提案9件，由市领导领衔督办。")
    b.para("按办理结果分，已经采纳的84件（A类），列入规划逐步落实的47件（B类），因政策所限作为参考的11件（C类）。")
    b.para("政协云溪市委员会")
    b.para("2027年12月20日")
    _, rows = _figures(zx_repo, b.save(tmp_path / "report.docx"))
    assert rows["确定重点提案"] == (9, "件")  # the verb as printed; who decided it is no part of the label
    assert "重点提案" not in rows
    assert rows["已经采纳"] == (84, "件") and rows["列入规划逐步落实"] == (47, "件")
    assert rows["因政策所限作为参考"] == (11, "件")  # a class the list runs on to past the letters in brackets
