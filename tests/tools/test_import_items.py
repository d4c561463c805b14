"""make import reads plan items from the table shapes offices use (issue 28): a caption row above
the header, forms given as group rows, the header repeated mid-table, merged cells carried down,
column names declared in data/import.yml, one name per line in a cell, items under a heading that
names their form."""

from __future__ import annotations

import re

import yaml

from docx_build import Builder
from zhengxie.tools.importer import import_file
from zhengxie.tools.importer.read import ImportFailed


def _items(zx_repo, b, tmp_path):
    part = import_file(zx_repo.root, b.save(tmp_path / "plan.docx")).parts[0]
    assert not part.error, part.error
    return part, yaml.safe_load(zx_repo.read(part.paths[1]))["items"]


def _plan(title="云溪市政协2025年度协商计划"):
    b = Builder()
    b.para(title, style="Title")
    b.para("一、协商议题")
    return b


def test_group_rows_repeated_header_and_declared_column_names(zx_repo, tmp_path):
    b = _plan()
    header = ["序", "议题名称", "拟安排时间", "牵头委室", "联系领导", "配合单位"]
    b.table(
        [
            ["2025年度协商议题安排表", "", "", "", "", ""],
            header,
            ["专题协商会", "专题协商会", "专题协商会", "专题协商会", "专题协商会", "专题协商会"],
            ["1", "城乡供水一体化", "4月", "人口资源环境委员会", "王某", "市水利局\n市住建局"],
            ["2", "职业教育产教融合", "6月", "教科卫体委员会", "李某", "市教育局"],
            header,
            ["视察", "", "", "", "", ""],
            ["3", "文旅融合发展", "第三季度", "文化文史委员会", "赵某", ""],
        ]
    )
    part, items = _items(zx_repo, b, tmp_path)
    assert [item["title"] for item in items] == ["城乡供水一体化", "职业教育产教融合", "文旅融合发展"]
    assert [item.where for item in part.found.items] == [
        "原件第3段（表格）第4行",
        "原件第3段（表格）第5行",
        "原件第3段（表格）第8行",
    ]
    assert [item.get("form") for item in items] == ["thematic", "thematic", "inspection"]
    assert items[0]["time"] == "4月"
    assert items[0]["roles"] == {
        "lead-unit": "人口资源环境委员会",
        "lead-leader": "王某",
        "participants": ["市水利局", "市住建局"],  # one name a line in the cell
    }
    assert items[2]["time"] == "第三季度"


def test_a_merged_form_cell_carries_down(zx_repo, tmp_path):
    b = _plan()
    table = b.table(
        [
            ["协商形式", "协商议题", "时间"],
            ["双月协商座谈会", "优化营商环境", "3月"],
            ["", "发展银发经济", "5月"],
        ]
    )
    table.cell(1, 0).merge(table.cell(2, 0))  # the form cell spans both rows
    _, items = _items(zx_repo, b, tmp_path)
    assert [(item["title"], item.get("form")) for item in items] == [
        ("优化营商环境", "bimonthly-forum"),
        ("发展银发经济", "bimonthly-forum"),
    ]


def test_items_under_a_heading_that_names_their_form(zx_repo, tmp_path):
    b = _plan()
    b.para("（一）专题协商会")
    b.para("1.推进城乡供水一体化")
    b.para("2.加快职业教育产教融合")
    b.para("（二）视察")
    b.para("1.文旅融合发展")
    _part, items = _items(zx_repo, b, tmp_path)
    assert [(item["title"], item.get("form")) for item in items] == [
        ("推进城乡供水一体化", "thematic"),
        ("加快职业教育产教融合", "thematic"),
        ("文旅融合发展", "inspection"),
    ]


def test_a_wrong_column_file_is_refused_in_chinese(zx_repo, tmp_path):
    zx_repo.write("data/import.yml", "columns:\n  roles:\n    no-such-role: [某某]\n")
    b = _plan()
    b.table([["议题", "形式"], ["优化营商环境", "视察"]])
    try:
        import_file(zx_repo.root, b.save(tmp_path / "plan.docx"))
    except ImportFailed as error:
        assert "no-such-role" in str(error) and "data/roles.yml" in str(error)
    else:
        raise AssertionError("an unknown role in data/import.yml was accepted")


def test_one_sub_section_per_item_with_labelled_lines(zx_repo, tmp_path):
    b = _plan()
    b.para("（一）推进城乡供水一体化")
    b.para("协商形式：专题协商会；时间：4月")
    b.para("牵头单位：市政协人口资源环境委员会")
    b.para("围绕水源保护和管网改造开展调研，形成协商建议。")
    b.para("（二）发展银发经济")
    b.para("协商形式：双月协商座谈会")
    b.para("时间：9月；牵头单位：市政协社会和法制委员会")
    part, items = _items(zx_repo, b, tmp_path)
    assert items[0] == {
        "id": "p01",
        "title": "推进城乡供水一体化",
        "form": "thematic",
        "time": "4月",
        "roles": {"lead-unit": "市政协人口资源环境委员会"},
    }
    assert (items[1]["title"], items[1]["form"], items[1]["time"]) == ("发展银发经济", "bimonthly-forum", "9月")
    text = zx_repo.read(part.paths[0])
    assert "围绕水源保护和管网改造开展调研" in text  # the sub-section's own text stays
    assert "协商形式：" not in text  # its labelled lines are the item's values


def test_make_check_validates_the_column_names_file(zx_repo):
    """data/import.yml is checked like every data file: a coded problem with its file and line."""
    zx_repo.write("data/import.yml", "columns:\n  title: [议题]\n  time: 时间\n  colour: [红]\n")
    problems = [p for p in zx_repo.check() if p.file == "data/import.yml"]
    assert sorted((p.line, p.severity) for p in problems) == [(3, "error"), (4, "error")], [
        p.format() for p in problems
    ]
    assert all(p.code.startswith("ZX") and re.search(r"[\u4e00-\u9fff]", p.message) for p in problems)
    zx_repo.write("data/import.yml", "columns:\n  title: [议题]\n  time: [时间]\n")
    assert not [p for p in zx_repo.check() if p.file == "data/import.yml"]


def test_a_two_row_header_a_column_of_two_fields_and_a_form_before_the_title(zx_repo, tmp_path):
    b = _plan()
    two_rows = b.table(
        [
            ["序号", "协商议题", "协商安排", "", "责任单位"],
            ["", "", "时间", "形式", ""],
            ["1", "城市更新中的历史建筑保护", "5月", "对口协商", "城建委"],
        ]
    )
    two_rows.cell(0, 2).merge(two_rows.cell(0, 3))  # 协商安排 spans the time and form columns
    b.table([["议题名称", "协商形式及时间", "牵头单位"], ["社区心理服务站建设", "对口协商／6月", "社会委"]])
    b.table([["内容", "时间", "牵头单位"], ["专题协商：推进全域旅游", "4月", "文史委"]])
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i.get("form"), i.get("time")) for i in items] == [
        ("城市更新中的历史建筑保护", "counterpart", "5月"),
        ("社区心理服务站建设", "counterpart", "6月"),
        ("推进全域旅游", "thematic", "4月"),
    ]
    left_out = [text for text, _why in part.found.left_out]
    assert "协商安排" in left_out and "协商形式及时间" in left_out  # the header read as structure is reported


def test_tables_and_bracketed_lines_under_a_section_named_by_a_form(zx_repo, tmp_path):
    b = Builder()
    b.para("硚口区政协2026年度协商计划", style="Title")
    b.para("一、专题协商", style="Heading 1")
    b.table([["题目", "时间", "责任委室"], ["汉江湾科创走廊建设", "4月", "经济委"]])
    b.para("二、对口协商", style="Heading 1")
    b.numbered("规范网约车运营（时间：5月；牵头单位：社会委）", "decimal", rendered="1.")
    _part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i.get("form"), i.get("time"), i.get("roles")) for i in items] == [
        ("汉江湾科创走廊建设", "thematic", "4月", {"lead-unit": "经济委"}),
        ("规范网约车运营", "counterpart", "5月", {"lead-unit": "社会委"}),
    ]


def test_one_top_level_section_per_topic_with_its_values_labelled(zx_repo, tmp_path):
    """一、围绕“议题”召开… sections, each followed by labelled lines — one label a line, several on
    one line under a grouping label, or a sub-heading naming the field over its value."""
    b = Builder()
    b.para("云溪市政协2025年度协商计划", style="Title")
    b.para("一、围绕“推动老字号品牌振兴”召开专题协商会")
    b.para("（一）协商形式：专题协商会。")
    b.para("（二）时间安排：5月。")
    b.para("（三）参加人员：部分委员和商户代表。")
    b.para("（四）组织实施：牵头领导：副主席甲某。责任部门：经济委员会。参与部门：市商务局、市市场监管局。")
    b.para("二、聚焦“河道保洁长效机制”开展视察")
    b.para("（一）协商形式")
    b.para("视察")
    b.para("（二）时间安排")
    b.para("10月")
    b.para("三、工作要求")
    b.para("各牵头部门要提前拟定方案。")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"]) for i in items] == [
        ("推动老字号品牌振兴", "thematic", "5月"),
        ("河道保洁长效机制", "inspection", "10月"),
    ]
    assert items[0]["roles"]["participants"] == ["市商务局", "市市场监管局"]
    assert items[0]["roles"]["lead-leader"] == "副主席甲某"
    text = zx_repo.read(part.paths[0])
    assert "参加人员：部分委员和商户代表" in text  # a label of no item field stays text
    assert "各牵头部门要提前拟定方案" in text and "（一）协商形式" not in text
    assert ("组织实施：", "项目各栏的分组名称（其下各栏已读进项目），不是字段") in part.found.left_out


def test_numbered_topics_with_bracketed_values_under_form_sub_headings(zx_repo, tmp_path):
    """1.关于……（牵头单位：…；时间：…） under （一）专题协商 in a section not named for items; a time
    the other lines label and one line leaves out is stated as nothing (原文未载); a heading as
    high as the section ends the items."""
    b = Builder()
    b.para("云溪市政协2025年工作要点", style="Title")
    b.para("一、提高协商议政质量")
    b.para("（一）专题协商")
    b.para("1.关于发展林下经济(牵头单位:农业农村委,时间:4月)")
    b.para("2.关于优化公交线网（牵头单位：城建委；时间：第三季度）")
    b.para("（二）对口协商")
    b.para("3.关于完善托育服务（牵头单位：社会委、妇联界）")
    b.para("围绕群众关切开展协商，及时报送成果。")
    b.para("二、加强自身建设")
    b.para("1.健全委员履职档案。")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"]) for i in items] == [
        ("关于发展林下经济", "thematic", "4月"),
        ("关于优化公交线网", "thematic", "第三季度"),
        ("关于完善托育服务", "counterpart", "原文未载"),
    ]
    assert items[2]["roles"] == {"lead-unit": ["社会委", "妇联界"]}
    assert "围绕群众关切开展协商" in zx_repo.read(part.paths[0])


def test_a_topic_section_takes_its_headings_form_and_a_general_section_is_no_item(zx_repo, tmp_path):
    """With no form labelled, a topic section takes the form its heading names; a section of the plan
    titled like a field (二、时间安排) over prose is the plan's own text, not an item's value."""
    b = Builder()
    b.para("云溪市政协2025年度协商计划", style="Title")
    b.para("一、围绕“社区食堂可持续运营”召开专题协商会")
    b.para("时间安排：6月")
    b.para("牵头单位：社会和法制委员会，配合单位：市民政局")
    b.para("二、时间安排")
    b.para("全年分三个阶段推进。各单位按月报送进展。")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"]) for i in items] == [("社区食堂可持续运营", "thematic", "6月")]
    assert items[0]["roles"] == {"lead-unit": "社会和法制委员会", "participants": "市民政局"}
    assert "全年分三个阶段推进" in zx_repo.read(part.paths[0])


def test_labels_read_by_their_ending_and_a_form_heading_with_a_declared_ending(zx_repo, tmp_path):
    """A label not listed is read by how it ends (计划开展时间 → time, data/import.yml endings); a
    heading that is a form's name plus 议题 names the form; a numbered task with only a unit in
    brackets under no such heading is a task of the plan, not a consultation item."""
    b = Builder()
    b.para("云溪市政协2025年工作要点", style="Title")
    b.para("一、提高协商实效")
    b.para("（一）专题协商议题")
    b.para("1.关于盘活闲置农房（牵头单位：农业和农村委员会；计划开展时间：7月）")
    b.para("（二）对口协商（1项）")
    b.para("2.关于规范物业收费（牵头单位：社会和法制委员会，时间：9月）")
    b.para("二、加强自身建设")
    b.para("1.完善委员履职档案（牵头单位：委员工作委员会）")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"]) for i in items] == [
        ("关于盘活闲置农房", "thematic", "7月"),
        ("关于规范物业收费", "counterpart", "9月"),
    ]
    assert "完善委员履职档案" in zx_repo.read(part.paths[0])


def test_a_sub_section_naming_its_topic_and_form_with_values_spaced_on_one_line(zx_repo, tmp_path):
    b = _plan()
    b.para("（一）就“背街小巷微更新”开展专题协商")
    b.para("协商形式：专题协商会　时间：5月　牵头单位：城建委")
    b.para("（二）聚焦“夜间公交加密”开展对口协商")
    b.para("时间：11月；牵头单位：经济委")
    _part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i["roles"]) for i in items] == [
        ("背街小巷微更新", "thematic", "5月", {"lead-unit": "城建委"}),
        ("夜间公交加密", "counterpart", "11月", {"lead-unit": "经济委"}),
    ]


def test_numbered_item_lines_with_bracketed_values_are_items_not_headings(zx_repo, tmp_path):
    b = _plan()
    b.para("经主席会议研究，本年度协商议题共2项。")
    b.para("1.推动稻渔综合种养提质（专题协商会，4月）")
    b.para("2.改善老城区停车秩序（对口协商，6月，城建委牵头）")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"]) for i in items] == [
        ("推动稻渔综合种养提质", "thematic", "4月"),
        ("改善老城区停车秩序", "counterpart", "6月"),
    ]
    assert items[1]["roles"] == {"lead-unit": "城建委"}
    assert part.found.stated_count == "2项"
    assert "### 1." not in zx_repo.read(part.paths[0])


def test_labelled_lines_after_a_numbered_item_line_are_its_values(zx_repo, tmp_path):
    b = _plan()
    b.para("（一）双月协商座谈会")
    b.para("1.提升公共法律服务水平")
    b.para("牵头单位：社会和法制委员会")
    b.para("时间：8月")
    b.para("2.推动冰雪旅游提档")
    b.para("牵头单位：文化文史委员会")
    b.para("联系人：办公室")
    _part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i["roles"]) for i in items] == [
        ("提升公共法律服务水平", "bimonthly-forum", "8月", {"lead-unit": "社会和法制委员会"}),
        ("推动冰雪旅游提档", "bimonthly-forum", "原文未载", {"lead-unit": "文化文史委员会"}),
    ]


def test_labelled_sub_headings_and_a_grouping_sub_heading_over_labelled_lines(zx_repo, tmp_path):
    """（一）协商形式：… typed as a heading is a value of the section's item; （三）组织实施 over
    牵头领导：… / 责任部门：… groups them (named in the report), it starts no item of its own."""
    b = Builder()
    b.para("云溪市政协2025年度协商计划", style="Title")
    b.para("一、围绕“县域商业体系建设”召开专题协商会")
    b.para("（一）协商形式：专题协商会")
    b.para("（二）时间安排：7月")
    b.para("（三）组织实施")
    b.para("牵头领导：副主席乙某")
    b.para("责任部门：经济委员会")
    b.para("二、有关要求")
    b.para("各责任部门要提前谋划。")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i["roles"]) for i in items] == [
        ("县域商业体系建设", "thematic", "7月", {"lead-leader": "副主席乙某", "responsible": "经济委员会"}),
    ]
    assert ("（三）组织实施", "项目各栏的分组名称（其下各栏已读进项目），不是字段") in part.found.left_out


def test_numbered_sentences_under_a_form_heading_are_items(zx_repo, tmp_path):
    """1.围绕X建言献策。由A牵头，B配合，5月份召开。 under a heading naming the form: the topic runs
    from the lead-in to a declared end word; the sentences after it give the lead, the others and
    the time. A line whose first sentence is its topic (X。由A牵头…) is one too; a time left vague
    is stated as nothing and kept in the item's notes."""
    b = _plan()
    b.para("（一）专题协商会")
    b.para("1.围绕改善山区学校寄宿条件建言献策。由教科卫体委员会牵头，县教育局、县财政局配合，5月份召开。")
    b.para("2.乡村公路养护机制。由城建委牵头，县交通局参加，待汛期过后确定。")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i["roles"]) for i in items] == [
        (
            "改善山区学校寄宿条件",
            "thematic",
            "5月份",
            {"lead-unit": "教科卫体委员会", "participants": ["县教育局", "县财政局"]},
        ),
        ("乡村公路养护机制", "thematic", "原文未载", {"lead-unit": "城建委", "participants": "县交通局"}),
    ]
    assert any("待汛期过后确定" in note for note in part.found.items[1].notes)


def test_items_told_in_a_prose_paragraph_keep_the_paragraph(zx_repo, tmp_path):
    """In 工作要点 prose: several topics in one sentence, each with its form; 分别 hands the leads
    and times out in turn; quoted topics; a paragraph naming no form is no item. The paragraphs
    stay in the text."""
    b = Builder()
    b.para("云溪市政协2025年工作要点", style="Title")
    b.para("一、坚持团结民主，围绕全市中心工作履职")
    b.para("（一）拓展协商载体。围绕河道保洁长效机制开展对口协商，围绕菜市场提档升级开展界别协商。")
    b.para(
        "（二）开好专题协商会。围绕“山地果业提质”“县城供热改造”分别召开专题协商会，由农业委、城建委分别牵头，时间分别为5月、10月。"
    )
    b.para("（三）聚焦夜市管理开展专题民主监督，社会委牵头，下半年进行。")
    b.para("（四）做好提案工作。坚持提案办理协商常态化。")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i.get("roles", {})) for i in items] == [
        ("河道保洁长效机制", "counterpart", "原文未载", {}),
        ("菜市场提档升级", "sector", "原文未载", {}),
        ("山地果业提质", "thematic", "5月", {"lead-unit": "农业委"}),
        ("县城供热改造", "thematic", "10月", {"lead-unit": "城建委"}),
        ("夜市管理", "democratic-supervision", "下半年", {"lead-unit": "社会委"}),
    ]
    text = zx_repo.read(part.paths[0])
    assert "拓展协商载体" in text and "坚持提案办理协商常态化" in text


def test_value_lines_spaced_with_role_names_offices_use_and_a_closing_paragraph(zx_repo, tmp_path):
    """时间安排：…　牵头领导：…　牵头界别：…　协商部门：… on one line under a numbered topic in a form
    group with a count (专题协商会（2项）); the unnumbered paragraph after the numbered items is the
    plan's text, not an item; a minimum (不少于3次) is no count of the plan's items."""
    b = _plan()
    b.para("全年开展委员培训不少于3次。")
    b.para("（一）专题协商会（2项）")
    b.para("1.山洪灾害防御能力建设")
    b.para("时间安排：4—5月　牵头领导：甲某　牵头界别：农业界　协商部门：县水利局、县应急局")
    b.para("2.县域冷链物流补短板")
    b.para("时间安排：8月　牵头领导：乙某某　牵头单位：经济委　协商部门：县商务局")
    b.para("各牵头单位要提前拟定方案，邀请协商部门到会听取意见。")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i["roles"]) for i in items] == [
        (
            "山洪灾害防御能力建设",
            "thematic",
            "4—5月",
            {"lead-leader": "甲某", "lead-unit": "农业界", "participants": ["县水利局", "县应急局"]},
        ),
        (
            "县域冷链物流补短板",
            "thematic",
            "8月",
            {"lead-leader": "乙某某", "lead-unit": "经济委", "participants": "县商务局"},
        ),
    ]
    assert part.found.stated_count is None
    assert "邀请协商部门到会听取意见" in zx_repo.read(part.paths[0])


def test_a_group_label_with_words_of_its_own_before_known_labels(zx_repo, tmp_path):
    """（三）组织实施：在主席会议领导下进行。牵头领导：…。责任部门：… — the known labels are the item's
    values; the group label's own words are kept in its notes."""
    b = Builder()
    b.para("云溪市政协2025年度协商计划", style="Title")
    b.para("一、围绕“水库移民后期扶持”开展专题协商")
    b.para("（一）协商形式：专题协商会。")
    b.para("（二）时间安排：9月。")
    b.para("（三）组织实施：由主席会议统筹安排。牵头领导：副主席丙某。责任部门：农业委。参与部门：县水利局。")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i["roles"]) for i in items] == [
        (
            "水库移民后期扶持",
            "thematic",
            "9月",
            {"lead-leader": "副主席丙某", "responsible": "农业委", "participants": "县水利局"},
        ),
    ]
    assert any("由主席会议统筹安排" in note for note in part.found.items[0].notes)


def test_a_table_with_the_time_first_an_owned_role_column_and_a_form_alias(zx_repo, tmp_path):
    """时间 as the first column, 县政协牵头领导 (a role after whose it is), a form written as its declared
    alias (协商议事会 → 在基层协商), and the form column merged down over its rows."""
    b = _plan()
    table = b.table(
        [
            ["时间", "协商议题", "协商形式", "县政协牵头领导", "牵头单位"],
            ["3月", "村级道路管护", "协商议事会", "丁某", "镇政协工作组"],
            ["7月", "农贸市场改造", "", "戊某", "镇经济办"],
        ]
    )
    table.cell(1, 2).merge(table.cell(2, 2))
    _part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i["roles"]) for i in items] == [
        ("村级道路管护", "grassroots", "3月", {"lead-leader": "丁某", "lead-unit": "镇政协工作组"}),
        ("农贸市场改造", "grassroots", "7月", {"lead-leader": "戊某", "lead-unit": "镇经济办"}),
    ]


def test_a_quoted_topic_before_its_form_a_topic_ended_by_a_comma_and_general_words(zx_repo, tmp_path):
    """召开“X”专题协商会 (no lead-in) with the time before it and 会同 naming the others; 围绕X，于…召开
    (the topic ends at a comma when the next clause carries it on); a sentence naming several forms
    at once is the plan's general words, no item; a unit's name with 和 in it stays whole."""
    b = Builder()
    b.para("云溪市政协2025年工作要点", style="Title")
    b.para("一、提高协商质量")
    b.para("（一）创新协商方式。围绕基层治理，开展专题协商、对口协商等多种形式的协商。")
    b.para("（二）开好协商会议。6月召开“城区积水点改造”专题协商会，由城建委牵头，会同市住房和城乡建设局。")
    b.para("（三）围绕古村落保护，于三季度开展对口协商，文史委负责。")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i.get("roles", {})) for i in items] == [
        ("城区积水点改造", "thematic", "6月", {"lead-unit": "城建委", "participants": "市住房和城乡建设局"}),
        ("古村落保护", "counterpart", "三季度", {"lead-unit": "文史委"}),
    ]
    assert "创新协商方式" in zx_repo.read(part.paths[0])


def test_words_before_the_lead_in_and_a_label_of_no_field_on_a_value_line(zx_repo, tmp_path):
    """于9月，围绕X召开… takes the time stated before the lead-in; a value line with a label of no
    item field among known ones (活动地点：…) keeps those words in the item's notes; 双月协商 is the
    declared alias of 双月协商座谈会."""
    b = _plan()
    b.para("（一）双月协商")
    b.para("1.社区嵌入式托育")
    b.para("时间：10月　牵头单位：社会委　活动地点：市民中心")
    b.para("（二）于9月，围绕背街小巷照明召开专题协商会，城建委牵头。")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i["roles"]) for i in items] == [
        ("社区嵌入式托育", "bimonthly-forum", "10月", {"lead-unit": "社会委"}),
        ("背街小巷照明", "thematic", "9月", {"lead-unit": "城建委"}),
    ]
    assert any("市民中心" in note for note in part.found.items[0].notes)


def test_sentences_pointing_back_or_counting_are_no_items(zx_repo, tmp_path):
    """围绕上述议题… points back to the items above; 围绕协商议题… names no topic (the word is a title
    column's name); …召开专题协商会4次 counts the plan's work: none is an item, all stay in the text."""
    b = _plan()
    b.table([["协商议题", "协商形式", "时间"], ["山区供水保障", "专题协商会", "5月"]])
    b.para("围绕上述议题开展专题协商，由各专门委员会分别牵头。")
    b.para("围绕协商议题开展专题调研，形成调研报告。")
    b.para("（一）全年围绕乡村振兴召开专题协商会4次。")
    part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"]) for i in items] == [("山区供水保障", "thematic", "5月")]
    text = zx_repo.read(part.paths[0])
    assert "围绕上述议题开展专题协商" in text and "召开专题协商会4次" in text


def test_a_count_of_other_work_is_no_stated_count(zx_repo, tmp_path):
    """计划开展委员培训3次 counts other work; 本年度安排协商活动2项 is the number of the plan's items."""
    b = _plan()
    b.para("今年计划开展委员培训3次，本年度安排协商活动2项。")
    b.para("1.推动稻渔综合种养提质（专题协商会，4月）")
    b.para("2.改善老城区停车秩序（对口协商，6月）")
    part, _items_read = _items(zx_repo, b, tmp_path)
    assert part.found.stated_count == "2项"
    c = _plan("云溪市政协2026年度协商计划")
    c.para("今年计划开展委员培训3次。")
    c.para("1.推动稻渔综合种养提质（专题协商会，4月）")
    part, _items_read = _items(zx_repo, c, tmp_path)
    assert part.found.stated_count is None


def test_a_form_named_as_the_lines_label_and_a_topic_in_the_first_clause(zx_repo, tmp_path):
    """1.对口协商：X，由A牵头，B配合，5月召开 — the form before the colon, the topic in the first clause,
    every other clause a value."""
    b = _plan()
    b.para("1.对口协商：规范校外培训收费，由教科卫体委牵头，市教育局配合，5月召开。")
    b.para("2.专题协商会：推进林下经济发展，农业委负责，三季度进行。")
    _part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i["roles"]) for i in items] == [
        ("规范校外培训收费", "counterpart", "5月", {"lead-unit": "教科卫体委", "participants": "市教育局"}),
        ("推进林下经济发展", "thematic", "三季度", {"lead-unit": "农业委"}),
    ]


def test_a_sentence_of_values_after_an_item_line_and_a_form_after_a_table_title(zx_repo, tmp_path):
    """1.X then 由A牵头，B配合，6月召开。 on the next line: the item's values. In a table with no form
    column, 推进X（对口协商） names the form after the title."""
    b = _plan()
    b.para("（一）专题协商会")
    b.para("1.推动预制菜产业规范发展")
    b.para("由经济委牵头，市市场监管局配合，6月召开。")
    b.table([["协商议题", "时间"], ["规范网约车管理（对口协商）", "9月"]])
    _part, items = _items(zx_repo, b, tmp_path)
    assert [(i["title"], i["form"], i["time"], i.get("roles", {})) for i in items] == [
        ("推动预制菜产业规范发展", "thematic", "6月", {"lead-unit": "经济委", "participants": "市市场监管局"}),
        ("规范网约车管理", "counterpart", "9月", {}),
    ]


def test_a_key_proposal_table_under_a_proposal_heading(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2031年度协商计划", style="Title")
    b.para("一、重点提案办理协商（2件）")
    b.para("选定2件重点提案，明确领办督办领导、承办单位、督办单位和办理时间。")
    b.table(
        [
            ["序号", "提案名称", "领办督办领导", "承办单位", "督办单位", "办理时间"],
            ["1", "关于改善乡村客运班线的提案", "市政协副主席赵某", "市交通局", "市政协提案委", "5月"],
            ["2", "关于规范社区托管班的提案", "市政协副主席钱某", "市教育局", "市政协提案委", "8月"],
        ]
    )
    _, items = _items(zx_repo, b, tmp_path)
    assert [item["title"] for item in items] == ["关于改善乡村客运班线的提案", "关于规范社区托管班的提案"]
    assert {item.get("form") for item in items} == {"proposal"}  # the heading names the form
    assert items[0]["time"] == "5月"
    assert items[0]["roles"]["lead-leader"] == "市政协副主席赵某"
    assert items[0]["roles"]["undertaker"] == "市交通局"
    assert items[0]["roles"]["supervisor"] == "市政协提案委"


def test_a_sector_group_leading_and_the_standing_committee_written_out(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2031年度协商计划", style="Title")
    b.para("一、界别协商（1项）")
    b.para("（一）乡村民宿规范经营")
    b.para("时间安排：6月　牵头界别组：农业界、工商联界　协商部门：市文旅局")
    b.para("二、专题议政性常务委员会会议（1项）")
    b.para("（一）城区老旧管网改造")
    b.para("时间安排：9月　牵头单位：城建委　协商部门：市住建局")
    _, items = _items(zx_repo, b, tmp_path)
    by_title = {item["title"]: item for item in items}
    assert by_title["乡村民宿规范经营"]["form"] == "sector"
    assert by_title["乡村民宿规范经营"]["roles"]["lead-unit"] == ["农业界", "工商联界"]
    assert by_title["城区老旧管网改造"]["form"] == "standing-committee"


def test_topics_listed_in_running_sentences_of_key_points(zx_repo, tmp_path):
    b = Builder()
    b.para("政协云溪市委员会2031年工作要点", style="Title")
    b.para("一、围绕中心工作，做实协商议政")
    b.para("安排专题协商议题2个，围绕山区茶叶品牌培育、城乡物流配送体系召开专题协商会。")
    b.para("分别围绕“河道采砂管理”“农村厕所管护”召开双月协商座谈会。")
    b.para("围绕小微园区提质开展对口协商。")
    b.para("二、加强自身建设")
    b.para("围绕履职能力建设开展委员培训。")
    _, items = _items(zx_repo, b, tmp_path)
    assert [(item["title"], item["form"]) for item in items] == [
        ("山区茶叶品牌培育", "thematic"),
        ("城乡物流配送体系", "thematic"),
        ("河道采砂管理", "bimonthly-forum"),
        ("农村厕所管护", "bimonthly-forum"),
        ("小微园区提质", "counterpart"),  # a sibling of paragraphs that listed their topics
    ]
    assert {item["time"] for item in items} == {"原文未载"}


def test_one_topic_with_parts_is_not_split_without_a_count_or_each(zx_repo, tmp_path):
    b = _plan()
    b.para("1.围绕稳岗、扩就业召开专题协商会，5月。")
    _, items = _items(zx_repo, b, tmp_path)
    assert [item["title"] for item in items] == ["稳岗、扩就业"]


def test_a_leaders_posts_before_the_name_stay_one_leader(zx_repo, tmp_path):
    b = _plan()
    b.table(
        [
            ["议题", "时间", "牵头领导", "参与单位"],
            ["山区道路安全防护", "7月", "市委常委、副市长孙某", "市交通局、市公安局"],
            ["城区停车秩序", "9月", "李某、周某", "市城管局"],
        ]
    )
    _, items = _items(zx_repo, b, tmp_path)
    assert items[0]["roles"]["lead-leader"] == "市委常委、副市长孙某"  # one person, as printed
    assert items[0]["roles"]["participants"] == ["市交通局", "市公安局"]
    assert items[1]["roles"]["lead-leader"] == ["李某", "周某"]


def test_a_clause_opening_with_who_is_organised_before_its_lead_in(zx_repo, tmp_path):
    b = _plan()
    b.para("1.组织委员就城郊垃圾转运站运行开展集中视察，8月。")
    _, items = _items(zx_repo, b, tmp_path)
    assert [(item["title"], item["form"], item["time"]) for item in items] == [
        ("城郊垃圾转运站运行", "member-inspection", "8月")
    ]


def test_unlabelled_bracketed_values_after_a_quoted_topic_name_the_lead_by_its_role_word(zx_repo, tmp_path):
    b = Builder()
    b.para("云溪市政协2032年工作要点", style="Title")
    b.para("一、提升协商实效")
    b.para("1.围绕“山洪沟道治理”召开专题协商会（5月，市政协城建委牵头）。")
    b.para("2.就“社区托育点建设”开展对口协商（下半年，市政协社法委承办）。")
    b.para("二、协商议题")
    b.para("1.围绕“老旧电梯更新”召开双月协商座谈会（7月，市住建局配合，市政协经济委负责）。")
    _, items = _items(zx_repo, b, tmp_path)
    assert [(item["title"], item["form"], item["time"], item["roles"]) for item in items] == [
        ("山洪沟道治理", "thematic", "5月", {"lead-unit": "市政协城建委"}),
        ("社区托育点建设", "counterpart", "下半年", {"lead-unit": "市政协社法委"}),
        ("老旧电梯更新", "bimonthly-forum", "7月", {"participants": "市住建局", "lead-unit": "市政协经济委"}),
    ]


def test_a_quoted_topic_after_its_lead_in_within_a_clause_naming_who_takes_part(zx_repo, tmp_path):
    b = Builder()
    b.para("政协云溪市委员会2032年工作要点", style="Title")
    b.para("一、深化协商议政")
    b.para("（一）开展界别协商。邀请科技界、教育界委员就“中小学科创教室建设”开展界别协商。")
    b.para("（二）开展对口协商。9月，组织委员围绕“农贸市场改造提升”开展对口协商。")
    b.para("二、加强自身建设")
    b.para("（一）加强学习。组织委员学习履职知识，提升履职能力。")
    _, items = _items(zx_repo, b, tmp_path)
    assert [(item["title"], item["form"], item["time"]) for item in items] == [
        ("中小学科创教室建设", "sector", "原文未载"),
        ("农贸市场改造提升", "counterpart", "9月"),
    ]
