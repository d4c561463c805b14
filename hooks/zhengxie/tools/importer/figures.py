"""Summary figures from sentences: 共收到提案134件，经审查立案129件，立案率96% → the summary data
file's `figures`: a registered measure (data/measures.yml) where the sentence names one, and a
label-and-unit row for the rest. Every figure found keeps the sentence it came from,
so the report can show it for checking; nothing is computed from other figures.

The patterns live in MEASURES below, one row each, keyed by the measure id of data/measures.yml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from zhengxie.model.corpus import Measure

_CN = "一二三四五六七八九十百千两〇零"
# An amount as printed: 约 before, digits or a Chinese numeral, 余 or 多 after (以上 and 左右 follow the unit).
_N = rf"(约?\s*(?:[0-9]{{1,7}}|[{_CN}]{{1,6}})\s*(?:余|多)?)"
_PCT = r"(约?\s*[0-9]{1,3}(?:\.[0-9]{1,2})?)\s*[%％]"
_GAP = r"[^，。；0-9]{0,12}?"  # a few words between a measure's name and its number, within a clause
_GAP_NOT_ADOPTED = r"(?:(?!采用|批示)[^，。；0-9]){0,12}?"
_UNIT_OPINION = r"\s*(件|条|篇)"

# (measure id in data/measures.yml, pattern, value type, a word the sentence must hold); a second
# group, when there is one, is the unit
MEASURES: tuple[tuple[str, re.Pattern[str], type[int] | type[float], str], ...] = (
    ("proposals-received", re.compile(rf"(?:收到|提交|提出|交)[^，。；0-9]{{0,10}}?提案\s*{_N}\s*件"), int, ""),
    ("proposals-merged", re.compile(rf"(?:并案|合并)(?:处理)?的?\s*{_N}\s*件"), int, ""),
    ("proposals-filed", re.compile(rf"(?<!不予)(?<!未予)立案(?:提案)?\s*{_N}\s*件"), int, ""),
    (  # 转为委员意见建议11件, 转有关部门参考6件, 转为社情民意信息处理31件 (a proposal converted)
        "proposals-referred",
        re.compile(
            rf"转(?:为|作|交)?(?:[\u4e00-\u9fff]{{0,4}}?(?:意见建议|意见和建议)|有关(?:部门|单位)(?:参考|研究)"
            rf"|社情民意(?:信息)?)"
            rf"[^，。；0-9]{{0,8}}?{_N}\s*件"
        ),
        int,
        "",
    ),
    ("proposals-rejected", re.compile(rf"(?:不予|未予)立案(?:处理)?的?\s*{_N}\s*件"), int, ""),
    ("proposals-answered", re.compile(rf"(?:已)?(?:答复|办复|办结)(?:提案)?\s*{_N}\s*件"), int, ""),
    (  # the count first, all of them answered: 208件提案全部办结, 191件均已办复
        "proposals-answered",
        re.compile(rf"{_N}\s*件(?:提案)?(?:均已?|已?全部已?)(?:答复|办复|办结)(?!率)"),
        int,
        "",
    ),
    ("proposals-solved", re.compile(rf"(?:已经?解决|得到解决)(?:(?:或|和|及)正在解决)?的?\s*{_N}\s*件"), int, ""),
    ("proposals-satisfied", re.compile(rf"满意(?:和|或|及)基本满意的?(?:提案)?\s*{_N}\s*件"), int, ""),
    (  # 收回反馈意见表186份, 收回办理情况征询意见表214份
        "proposals-feedback",
        re.compile(rf"(?:反馈|征询|(?:收回|回收)[^，。；0-9]{{0,12}}?)(?:意见)?表[^，。；0-9]{{0,6}}?{_N}\s*(份)"),
        int,
        "",
    ),
    ("proposals-filing-rate", re.compile(rf"立案率{_GAP}{_PCT}"), float, ""),
    ("proposals-answer-rate", re.compile(rf"(?:答复率|办复率|办结率){_GAP}{_PCT}"), float, ""),
    ("proposals-solved-rate", re.compile(rf"(?:已经?解决|得到解决)[^。；]{{0,20}}?占\s*{_PCT}"), float, ""),
    ("proposals-satisfaction-rate", re.compile(rf"满意率{_GAP}{_PCT}"), float, ""),
    # (not 被采用社情民意信息28条: that is opinions-adopted)
    (  # the words between never 采用 or 批示: 社情民意 | 被采用 | 12条 counts the adopted ones
        "opinions-submitted",
        re.compile(rf"(?<!采用)(?<!批示)社情民意(?:信息)?{_GAP_NOT_ADOPTED}{_N}{_UNIT_OPINION}"),
        int,
        "",
    ),
    ("opinions-adopted", re.compile(rf"(?:被|获)?采用{_GAP}{_N}{_UNIT_OPINION}"), int, "社情民意"),
    ("opinions-endorsed", re.compile(rf"批示{_GAP}{_N}{_UNIT_OPINION}"), int, "社情民意"),
    (  # the count first: （报送的社情民意信息中，）有8条获县领导批示
        "opinions-endorsed",
        re.compile(rf"{_N}{_UNIT_OPINION}(?:获|被|得到)[^，。；0-9]{{0,8}}?批示"),
        int,
        "社情民意",
    ),
    ("opinions-adoption-rate", re.compile(rf"采用率{_GAP}{_PCT}"), float, "社情民意"),
    (  # 开展协商活动18项 (not 计划开展…: a target, set aside with its section)
        "consultations",
        re.compile(rf"(?:开展|组织|举办)(?:了)?(?:各类|各种)?协商(?:议政)?活动\s*{_N}\s*(次|项|场)"),
        int,
        "",
    ),
    (
        "member-participation",
        re.compile(rf"委员[^，。；0-9]{{0,6}}?(?:参加|参与)[^，。；0-9]{{0,20}}?{_N}\s*(人次)"),
        int,
        "",
    ),
    (  # the members after the verb: 参与委员200多人次, 参加活动的委员达1800人次
        "member-participation",
        re.compile(rf"(?:参加|参与)(?:[^，。；0-9]{{0,8}}?的)?委员(?:达到?|共|累计|计)?\s*{_N}\s*(人次)"),
        int,
        "",
    ),
    (  # the members counted: 共有委员312名, 委员总数达到280人 (not 党员委员124名, a part of them)
        "members",
        re.compile(rf"(?:(?:共有|现有|全体)委员|委员(?:总数|人数))(?:为|达到?|共)?\s*{_N}\s*(人|名)"),
        int,
        "",
    ),
    (  # the count after the members: 组织委员200余人次参加视察
        "member-participation",
        re.compile(rf"委员\s*{_N}\s*(人次)\s*(?:参加|参与)"),
        int,
        "",
    ),
    (  # the count first: 约300人次委员参加督办活动
        "member-participation",
        re.compile(rf"{_N}\s*(人次)\s*委员[^，。；0-9]{{0,4}}?(?:参加|参与)"),
        int,
        "",
    ),
)
QUALIFIER_AFTER = re.compile(r"\s*(以上|左右)")
# Rates and counts with no typed measure today, as `figures` rows.
OTHER_RATES = re.compile(rf"([\u4e00-\u9fff]{{2,6}}率){_GAP}{_PCT}")
TYPED_RATES = ("答复率", "办复率", "办结率", "满意率", "立案率", "采用率")
# Counted activities: 开展专题调研5次, 收到征文31篇, 举办培训班2期, 编发《社情民意》专报48期; whom a
# thing was sent to is part of its label (向市政协报送信息72篇).
COUNTED = re.compile(
    rf"((?:向[\u4e00-\u9fff]{{2,8}}?(?=报送|提交|推荐))?"
    rf"(?:开展|组织|举办|召开|收到|形成|撰写|报送|走访|提交|发放|评选出|提出|培训|接待|编发|编报|编印|推荐)(?:了)?"
    rf"[\u4e00-\u9fff“”《》]{{2,12}}?)\s*{_N}\s*(人次|次|篇|件|项|期|个|场次|场|户|人|册|条)"
)


# A part named inside a count: 收到提案171件（含集体提案23件） — kept as a labelled row for the editor.
BREAKDOWN = re.compile(rf"含([\u4e00-\u9fff]{{2,8}}?)\s*{_N}\s*(件|条|篇|项|个|人)")


# A count before its noun: 开展了5次专题调研, 召开2场座谈会.
COUNT_FIRST = re.compile(
    rf"(?:进行|开展|组织|召开|举办)了?\s*{_N}\s*(次|场次|场|期)([\u4e00-\u9fff]{{2,8}}?)(?=[，。；、]|$)"
)
# Further counts in the same list: 特等奖1篇，优秀奖7篇，鼓励奖12篇.
CONTINUED = re.compile(rf"[，、]([\u4e00-\u9fff]{{2,8}}?)\s*{_N}\s*(人次|次|篇|件|项|期|个|场次|场|户|人|册|条|对)")
# A list of parts after 其中 (或 立案提案中，从提案内容看，按类别分，): 专题协商会3次、双月协商座谈会6次;
# 已经解决的71件，…
LIST_LEAD = re.compile(
    r"其中[，,：:]?|(?:[\u4e00-\u9fff]{2,8}中|从[\u4e00-\u9fff]{2,8}看|按[\u4e00-\u9fff]{1,8}分)[，,：:]"
)
# A class's letter in brackets beside its count: 已经解决的121件（A类）, 已经解决的（A类）78件.
CLASS_MARK = r"(?:[（(][A-Za-zＡ-Ｚ甲乙丙丁一二三四]类[）)])"
LIST_ITEM = re.compile(
    rf"\s*([\u4e00-\u9fff“”]{{2,16}}?)的?\s*{_N}\s*(人次|次|篇|件|项|期|个|场次|场|户|人|名|册|条|份|对){CLASS_MARK}?"
)
LIST_SEP = re.compile(r"\s*[，、；;,]\s*")
# What came of the proposals answered, a class each (已经解决或基本解决的（A类）78件, 列入计划逐步解决的
# 29件, 因条件限制暂时难以解决的13件): a labelled row each, as printed — unless it is the registered
# 已解决或正在解决 (proposals-solved).
RESULT_CLASS = re.compile(
    rf"((?:已经?|正在|列入|因|由于|受|得到|暂|尚|基本)[\u4e00-\u9fff、]{{0,16}}?解决)的?"
    rf"{CLASS_MARK}?\s*{_N}\s*(件)"
)
# A class by its letter: A类（已解决或采纳）162件 — a labelled row as printed.
LETTER_CLASS = re.compile(rf"([A-ZＡ-Ｚ甲乙丙丁][类级](?:[（(][^（）()，。；]{{1,20}}[）)])?)\s*{_N}\s*(件)")
# A kind of proposal counted: 集体提案39件, 确定重点提案12件 → 确定重点提案, with the verb as printed
# (what 收到, 立案, 办复 … count is a typed measure); the words before the verb (区政府, 主席会议从立案
# 提案中) and a lead word (其中, 包括, 含) with what precedes it are no part of the label.
PROPOSAL_KIND = re.compile(rf"([\u4e00-\u9fff]{{2,14}}?提案)\s*{_N}\s*(件)")
KIND_CUT = re.compile(r"^.*(?:其中|包括|含)")
KIND_VERB = re.compile(r"确定|遴选|评选出?|选出")
TYPED_VERBS = re.compile(r"收到|提交|提出|立案|办复|答复|办结|并案|交办")
# The words before an activity's name in a counted label: 组织委员开展专题调研 → 专题调研.
LEADING = re.compile(r"^(?:开展|组织|举办|召开|进行|参加|参与|委员|了|各类|各种)+")
# Where a counted activity was done, right before its verb, is part of its label: (两个)委员工作室 |
# 接待群众140余人次, 各委员联络站 | 收集意见建议52条.
PLACE_BEFORE = re.compile(
    rf"(?:^|[，、；：。]|[0-9{_CN}]+个|各)([\u4e00-\u9fff]{{0,8}}?(?:工作室|联络站|之家|活动站|服务站))$"
)
# Who did a counted activity, before its name: 联络组委员视察 → 视察 (the members of a group, named).
DOER = re.compile(r"^[\u4e00-\u9fff]{1,8}?委员(?!会)([\u4e00-\u9fff]{2,6})$")
DOCUMENT_UNITS = ("件", "条", "篇")  # what proposals and 社情民意 are counted in (not activities: 次, 场)
FORWARD = re.compile(
    r"打算|计划|思路|安排|展望|目标|工作建议|工作任务|主要任务|今后|明年|下一步|新的一年"
)  # what is to be done
# A part line of its own, no heading number, that opens what is to be done: 2028年工作安排, 今后工作打算.
FORWARD_PART = re.compile(
    r"^(?:(?:19|20)[0-9]{2}年度?|今后|明年|下一步|新的一年|今年)[\u4e00-\u9fff]{0,8}?"
    r"(?:打算|安排|计划|思路|建议|展望|目标|任务|要点)$"
)
BACKWARD_PART = re.compile(r"^(?:(?:19|20)[0-9]{2}年度?|过去一年|一年来)[\u4e00-\u9fff]{0,8}?(?:回顾|总结|情况)$")


@dataclass
class Figure:
    path: str  # a measure id (proposals-received, opinions-submitted …), or "figures" for a label-and-unit row
    value: int | float | str  # a string where the original qualifies it: "40余", "约300", "99%以上"
    label: str = ""  # for figures rows
    unit: str = ""
    sentence: str = ""
    where: str = ""  # 正文第N段 or 表格N第R行
    section: str = ""  # the heading of the section it came from
    named: str = ""  # the activity as printed, when the registry's names made it this measure


@dataclass
class Source:
    """A paragraph or a table row of the body, where it stands and the section it is in."""

    text: str
    where: str
    section: str = ""
    section_index: int = -1  # which ## section (-1: before the first)
    label: str = ""  # a table's label cell, when the source is one label-and-value pair
    context: str = ""  # the table's row of labels: 被采用 under 报送社情民意信息 counts 社情民意


def _number(text: str, kind: type[int] | type[float], after: str = "", percent: bool = False) -> int | float | str:
    """The amount as the original prints it: a number for plain digits, else the printed form —
    约, 余, 多, 以上 or 左右 with it, or a Chinese numeral (十二 stays 十二; checks read it as 12)."""
    stripped = text.replace(" ", "")
    about = stripped.startswith("约")
    core = stripped.lstrip("约")
    more = core[-1] if core and core[-1] in "余多" else ""
    core = core.rstrip("余多")
    if not (core.isdigit() or "." in core):
        return f"{stripped}{'%' if percent else ''}{after}"
    value = float(core)
    if kind is float and "." in core and repr(value) != core:
        return f"{stripped}{'%' if percent else ''}{after}"  # 98.50 keeps its printed precision
    # 98.0 stays 98.0 (the original prints a decimal place); 100 stays 100
    number: int | float = int(value) if kind is int or "." not in core else value
    if not (about or more or after):
        return number
    return f"{'约' if about else ''}{number}{more}{'%' if percent else ''}{after}"


def _after(sentence: str, end: int) -> str:
    match = QUALIFIER_AFTER.match(sentence, end)
    return match.group(1) if match else ""


def sentences(text: str) -> Iterator[str]:
    for sentence in re.split(r"(?<=[。；！？])", text):
        if sentence.strip():
            yield sentence.strip()


Registered = Mapping[str, tuple[str, tuple[str, ...]]]  # a measure's name or alias -> (its id, its units)


def registered_counts(
    measures: Iterable[Measure], spellings: Mapping[str, str]
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The names and aliases of the registry's counted measures (not rates), each with its measure and
    units: a counted activity named by one of them is that measure (组织专题调研12次 → research)."""
    by_id = {m.id: m for m in measures if not m.rate and not m.plan}
    return {
        text: (by_id[id_].id, by_id[id_].units or (by_id[id_].unit,))
        for text, id_ in spellings.items()
        if id_ in by_id and text != id_
    }


def figures_in(
    sources: list[Source], registered: Registered | None = None, topic: str = ""
) -> tuple[list[Figure], list[tuple[Figure, Figure]], list[Source]]:
    """(figures found, conflicts, sources set aside): a measure stated twice with different values
    is a conflict for a person, and neither value is kept; a section of what is yet to be done
    (…工作打算) states targets, not figures of the period, and is set aside. A counted activity
    that the registry names (`registered`: a measure's name or alias, in one of its units) is
    that measure; any other is a labelled row. A measure whose sentence lacks the word it needs
    (社情民意) is read where the document's `topic` (its title) holds that word — only when no
    sentence has given that measure and no row has read that count."""
    found: dict[str, Figure] = {}  # measure id -> the figure first found
    conflicts: list[tuple[Figure, Figure]] = []  # (the first, another value)
    rows: list[Figure] = []
    aside: list[Source] = []
    forward = False  # after a part line of what is to be done (2028年工作安排), till one of what was done
    read: list[Source] = []
    for source in sources:
        line = source.text.strip().rstrip("：:")
        if FORWARD_PART.match(line):
            forward = True
        elif BACKWARD_PART.match(line):
            forward = False
        if forward or (source.section and FORWARD.search(source.section)):
            if _has_figure(source.text):
                aside.append(source)
            continue
        read.append(source)
        for sentence in sentences(source.text):
            figures = _in_sentence(sentence, rows, source.context, registered or {})
            if not figures and source.label and (cell := CELL_VALUE.match(source.text[len(source.label) :])):
                percent = cell.group(2) in "%％"
                value = _number(cell.group(1), float if percent else int, cell.group(3) or "", percent)
                figures = [Figure("figures", value, source.label, cell.group(2), sentence)]
                if (measure := _registered(figures[0], registered or {})) is not None:
                    figures[0].path, figures[0].named = measure, source.label  # 专题视察 | 5次: a registered measure
                    figures[0].label = ""
                else:
                    rows += figures
            for figure in figures:
                figure.where, figure.section = source.where, source.section
                if figure.path == "figures":
                    continue
                earlier = found.get(figure.path)
                if earlier is None:
                    found[figure.path] = figure
                elif earlier.value != figure.value and figure.named:
                    figure.path, figure.label = "figures", figure.named  # a second 专题调研 count: a row of its own
                    rows.append(figure)
                elif earlier.value != figure.value:
                    conflicts.append((earlier, figure))
    for earlier, _later in conflicts:
        found.pop(earlier.path, None)
    if topic:
        _by_topic(read, topic, found, rows, {f.path for pair in conflicts for f in pair})
    return list(found.values()) + rows, conflicts, aside


def _by_topic(sources: list[Source], topic: str, found: dict[str, Figure], rows: list[Figure], held: set[str]) -> None:
    """The measures the document's subject names (a 社情民意 summary's 获县领导批示47篇): each once,
    where no sentence has given it, and not a count a labelled row has read already."""
    for source in sources:
        for sentence in sentences(source.text):
            for path, pattern, kind, needs in MEASURES:
                if not needs or needs not in topic or needs in sentence or needs in source.context:
                    continue
                if path in found or path in held:
                    continue
                for match in pattern.finditer(sentence):
                    value = _number(match.group(1), kind, _after(sentence, match.end()), kind is float)
                    if any(r.sentence == sentence and r.value == value for r in rows):
                        continue
                    unit = match.group(2) if (match.lastindex or 0) >= 2 else ""
                    found[path] = Figure(path, value, unit=unit, sentence=sentence)
                    found[path].where, found[path].section = source.where, source.section
                    break


def _has_figure(text: str) -> bool:
    return any(pattern.search(text) for _, pattern, _, _ in MEASURES) or COUNTED.search(text) is not None


# Two counts in one clause: 收到提案和立案数分别为204件和191件 → 收到提案204件，立案191件.
RESPECTIVELY = re.compile(
    rf"([\u4e00-\u9fff]{{2,10}}?)(?:和|与|、)([\u4e00-\u9fff]{{2,8}}?)数?分别(?:为|是|达到?)?\s*"
    rf"{_N}\s*(件|条|篇|次|项|人次)\s*(?:和|与|、)\s*{_N}\s*(件|条|篇|次|项|人次)"
)


# Two rates in one clause: 办复率、满意率分别达100%和97.5% → 办复率100%，满意率97.5%.
RESPECTIVELY_RATES = re.compile(
    rf"([\u4e00-\u9fff]{{2,8}}?率)(?:和|与|、)([\u4e00-\u9fff]{{2,8}}?率)分别(?:为|是|达到?)?\s*"
    rf"{_PCT}\s*(?:和|与|、)\s*{_PCT}"
)


def _respectively(sentence: str) -> str:
    """The sentence with each count of a 分别 clause put after its own name."""
    sentence = RESPECTIVELY_RATES.sub(lambda m: f"{m.group(1)}{m.group(3)}%，{m.group(2)}{m.group(4)}%", sentence)
    return RESPECTIVELY.sub(
        lambda m: f"{m.group(1)}{m.group(3)}{m.group(4)}，{m.group(2).removesuffix('数')}{m.group(5)}{m.group(6)}",
        sentence,
    )


def _in_sentence(
    sentence: str, rows: list[Figure], context: str = "", registered: Registered | None = None
) -> list[Figure]:
    """The typed figures of one sentence (returned) and its label-and-unit rows (added to `rows`,
    returned too so their source is set); a word a measure needs may stand in the `context`."""
    printed, sentence = sentence, _respectively(sentence)
    typed: list[Figure] = []
    typed_spans: list[tuple[int, int]] = []
    starts: list[int] = []  # where each typed figure's number begins
    for path, pattern, kind, needs in MEASURES:
        if needs and needs not in sentence and needs not in context:
            continue
        for match in pattern.finditer(sentence):
            if any(s <= match.start(1) < e for s, e in typed_spans):
                continue  # 不予立案 inside 立案, 采用率 inside 采用
            typed_spans.append(match.span())
            unit = match.group(2) if (match.lastindex or 0) >= 2 else ""
            percent = kind is float
            value = _number(match.group(1), kind, _after(sentence, match.end()), percent)
            typed.append(Figure(path, value, unit=unit, sentence=sentence))
            starts.append(match.start(1))
    parted = _by_parts(typed, starts, sentence)
    typed = [f for f in parted if f.path != "figures"]
    new: list[Figure] = [f for f in parted if f.path == "figures"]
    for match in OTHER_RATES.finditer(sentence):
        if not any(match.group(1).endswith(t) for t in TYPED_RATES):
            value = _number(match.group(2), float, _after(sentence, match.end()), True)
            new.append(Figure("figures", value, match.group(1), "%", sentence))
    consumed = 0  # the end of the last list of counts already read
    for match in COUNTED.finditer(sentence):
        if match.start() < consumed or any(s <= match.start(2) < e for s, e in typed_spans):
            continue
        label = _quoted(match.group(1))
        if (place := PLACE_BEFORE.search(sentence, 0, match.start())) is not None:
            # 两个委员工作室接待群众140余人次 → 委员工作室接待群众
            label = re.sub(rf"^[0-9{_CN}]+个", "", place.group(1)) + label
        if ("提案" in label or "社情民意" in label) and match.group(3) in DOCUMENT_UNITS:
            continue  # proposals or reports counted: a typed measure, or a part of it the editor places
        new.append(_counted_row(match, label, sentence))
        more, consumed = _continued(sentence, match.end(), typed_spans)
        new += more
    for match in BREAKDOWN.finditer(sentence):
        if not any(s <= match.start(2) < e for s, e in typed_spans):
            new.append(_counted_row(match, match.group(1), sentence))
    for match in COUNT_FIRST.finditer(sentence):
        new.append(Figure("figures", _number(match.group(1), int), match.group(3), match.group(2), sentence))
    new += _parts_listed(sentence, typed_spans, new)
    for match in RESULT_CLASS.finditer(sentence):
        label = match.group(1)
        if any(s <= match.start(2) < e for s, e in typed_spans) or any(f.label == label for f in new):
            continue
        same = _number(match.group(2), int)  # the class read before by a shorter or longer label
        new = [f for f in new if not ((f.label.endswith(label) or label.endswith(f.label)) and f.value == same)]
        new.append(_counted_row(match, label, sentence))
    for match in LETTER_CLASS.finditer(sentence):
        if not any(s <= match.start(2) < e for s, e in typed_spans) and not any(f.label == match.group(1) for f in new):
            new.append(_counted_row(match, match.group(1), sentence))
    for match in PROPOSAL_KIND.finditer(sentence):
        label = KIND_CUT.sub("", match.group(1))
        if verbs := list(KIND_VERB.finditer(label)):
            label = label[verbs[-1].start() :]
        if any(s <= match.start(2) < e for s, e in typed_spans) or TYPED_VERBS.search(label) or label == "提案":
            continue
        if not any(f.label == label for f in new):
            new.append(_counted_row(match, label, sentence))
    for figure in list(new):
        measure = _registered(figure, registered or {})
        if measure is not None and not any(f.path == measure for f in typed):
            new.remove(figure)
            figure.path, figure.named, figure.label = measure, figure.label, ""
            typed.append(figure)
    for figure in typed + new:
        figure.sentence = printed  # the report shows the sentence as the original prints it
    rows += new
    return typed + new


def _counted_row(match: re.Match[str], label: str, sentence: str) -> Figure:
    """A labelled row of a count a pattern found (group 2 the number, group 3 its unit)."""
    value = _number(match.group(2), int, _after(sentence, match.end()))
    return Figure("figures", value, label, match.group(3), sentence)


def _quoted(label: str) -> str:
    """A label with its quotation marks as printed (举办“委员讲堂”), a mark left unpaired by the
    pattern's cut dropped (“四个一 → 四个一)."""
    if label.count("“") == label.count("”"):
        return label
    return label.strip("“”")


CLAUSE_START = re.compile(r"[，、；：,;:（(]")
CLAUSE_LEAD = re.compile(r"^(?:其中|分别|共|另)+")
# Of the parts of a measure stated by parts, the one about the handling work (对办理工作满意…,
# 办理工作满意率) is what the measure counts (满意 with how a proposal was handled); the others
# (办理结果满意率) are rows of their own.
WHOLE_PART = re.compile(r"^对?办理工作")
PART_UNIT = re.compile(rf"{_N}\s*(人次|件|条|篇|份|次|项|个|人|%|％)")
_PART_END = re.compile(r"(?<=[\u4e00-\u9fff]{2})的$")


def _by_parts(typed: list[Figure], starts: list[int], sentence: str) -> list[Figure]:
    """A measure counted more than once in one sentence with different values (被全国政协采用3篇，
    省政协采用27篇) is counted by parts, none of them the total: each a labelled row, named by its
    clause as printed (without a last 的) — unless the parts follow 其中 after the first count, which
    is the total, or the part is the one the measure counts (WHOLE_PART)."""
    values: dict[str, set[str]] = {}
    first: dict[str, int] = {}  # where each measure's first count stands
    for figure, start in zip(typed, starts, strict=True):
        values.setdefault(figure.path, set()).add(str(figure.value))
        first.setdefault(figure.path, start)
    out: list[Figure] = []
    kept: set[str] = set()  # the measures a part has been kept as (WHOLE_PART)
    for figure, start in zip(typed, starts, strict=True):
        total = first[figure.path]  # 被采用42条，其中被全国政协采用2条: the total, then its parts
        if len(values[figure.path]) < 2 or (start == total and "其中" in sentence[total:]):
            out.append(figure)
            continue
        clause_from = max((m.end() for m in CLAUSE_START.finditer(sentence, 0, start)), default=0)
        label = CLAUSE_LEAD.sub("", sentence[clause_from:start]).strip()
        if WHOLE_PART.search(label) and figure.path not in kept:
            kept.add(figure.path)  # 对办理工作满意…195件: the measure itself; 对办理结果满意…188件 a row
            out.append(figure)
            continue
        label = _PART_END.sub("", label)  # 对办理结果满意或基本满意的188件 → 对办理结果满意或基本满意
        printed = PART_UNIT.match(sentence, start)  # the unit the row's count is printed in (188件)
        unit = figure.unit or (printed.group(2) if printed else "")
        out.append(Figure("figures", figure.value, label or figure.path, unit, figure.sentence))
    return out


def _registered(figure: Figure, registered: Registered) -> str | None:
    """The measure a counted activity's name is, by the registry's names and aliases, in its units —
    also after the members who did it (联络组委员视察)."""
    noun = LEADING.sub("", figure.label)
    entry = registered.get(noun)
    if entry is None and (doer := DOER.match(noun)) is not None:
        entry = registered.get(doer.group(1))  # 联络组委员视察3次: the members who did it, then 视察
    return entry[0] if entry is not None and figure.unit in entry[1] else None


def _parts_listed(sentence: str, typed: list[tuple[int, int]], read: list[Figure]) -> list[Figure]:
    """The counts listed after 其中 (one or more) or after …中， (two or more), each a labelled row,
    unless a typed measure or another pattern has read it."""
    out: list[Figure] = []
    for lead in LIST_LEAD.finditer(sentence):
        position, found = lead.end(), []
        while (match := LIST_ITEM.match(sentence, position)) is not None:
            found.append(match)
            position = match.end()
            if (separator := LIST_SEP.match(sentence, position)) is None:
                break
            position = separator.end()
        if len(found) < (1 if lead.group().startswith("其中") else 2):
            continue
        for match in found:
            label = _quoted(match.group(1))
            if any(s <= match.start(2) < e for s, e in typed) or any(f.label == label for f in read + out):
                continue
            out.append(_counted_row(match, label, sentence))
    return out


def _continued(sentence: str, position: int, typed: list[tuple[int, int]]) -> tuple[list[Figure], int]:
    """The counts that follow a counted one in a list (特等奖1篇，优秀奖7篇 …), each with its own
    label, and where the list ends; a count a typed measure has read (收到提案176件) is not read again."""
    rows: list[Figure] = []
    while (match := CONTINUED.match(sentence, position)) is not None:
        position = match.end()
        if any(s <= match.start(2) < e for s, e in typed) or "提案" in match.group(1) or "社情民意" in match.group(1):
            continue
        rows.append(_counted_row(match, match.group(1), sentence))
    return rows, position


CELL_VALUE = re.compile(rf"^{_N}\s*(人次|次|篇|件|项|期|个|场次|场|户|人|名|册|条|%|％)\s*(以上|左右)?。?$")


def table_sources(rows: list[list[str]], where: str, section: str, section_index: int) -> list[Source]:
    """A table's rows as sources: label cell beside value cell (收到提案 | 134件), or a row of
    labels over a row of values (收到提案 | 立案 / 134件 | 129件), each pair read as one clause."""
    out: list[Source] = []
    if len(rows) >= 2 and not any(_digits(c) for c in rows[0]) and all(_digits(c) for c in rows[1] if c):
        for number, row in enumerate(rows[1:], 2):
            for header, value in zip(rows[0], row, strict=False):
                label, unit = _header_unit(header)  # 收到提案（件） over 150: 收到提案150件
                if label and value:
                    value = value + unit if BARE_NUMBER.match(value.strip()) else value
                    source = Source(f"{label}{value}。", f"{where}第{number}行", section, section_index, label)
                    source.context = "".join(rows[0])
                    out.append(source)
        return out
    unit_column = next((i for i, c in enumerate(rows[0]) if c.strip() in UNIT_HEADERS), None) if rows else None
    labels = "".join(c for row in rows for c in row[:1] if not _digits(c))  # 被采用 under 报送社情民意信息
    units = [_header_unit(c)[1] for c in rows[0]] if rows and not any(_digits(c) for c in rows[0]) else []
    for number, row in enumerate(rows, 1):
        cells = list(dict.fromkeys(c for c in row if c))
        pair = None
        if number > 1 and any(units):
            pair = _in_united_column(row, units)  # 项目 | 数量（件） / 收到提案 | 150: the unit in the column's name
        if pair is None and number > 1 and unit_column is not None:
            pair = _with_unit(row, unit_column)  # 召开常委会议 | 次 | 2: the unit in a column of its own
        if pair is None and len(cells) == 2 and not _digits(cells[0]) and _digits(cells[1]):
            pair = cells[0], cells[1]  # 收到提案 | 134件
        if pair is not None:
            label, value = pair
            source = Source(f"{label}{value}。", f"{where}第{number}行", section, section_index, label)
            source.context = labels
            out.append(source)
        elif any(_digits(c) for c in cells):
            out.append(Source("".join(cells) + "。", f"{where}第{number}行", section, section_index))
    return out


# A column's name giving its values' unit: 数量（件）, 件数, 次数.
HEADER_UNIT = re.compile(r"^(.*?)\s*[（(]\s*(人次|场次|次|篇|件|项|期|个|场|户|人|名|册|条|份)\s*[）)]$")
COUNT_HEADERS = {"件数": "件", "次数": "次", "条数": "条", "篇数": "篇", "人数": "人", "期数": "期", "项数": "项"}
BARE_NUMBER = re.compile(r"^[0-9]{1,7}$")


def _header_unit(cell: str) -> tuple[str, str]:
    """(a column's name without its unit, the unit it gives its values, or "")."""
    text = cell.strip()
    if (match := HEADER_UNIT.match(text)) is not None:
        return match.group(1), match.group(2)
    return text, COUNT_HEADERS.get(text, "")


def _in_united_column(row: list[str], units: list[str]) -> tuple[str, str] | None:
    """(label, value with its unit) of a row with one label cell and a bare number under a column
    whose name gives the unit; a serial number (a number under no unit) is passed over."""
    labels = [c.strip() for c in row if c.strip() and not _digits(c)]
    valued = [
        (c.strip(), units[i]) for i, c in enumerate(row) if i < len(units) and units[i] and BARE_NUMBER.match(c.strip())
    ]
    if len(labels) != 1 or not valued:
        return None
    value, unit = valued[0]
    return labels[0], value + unit


UNIT_HEADERS = ("单位", "计量单位", "计数单位")  # a column of units beside the values (项目 | 单位 | 数量)


def _with_unit(row: list[str], unit_column: int) -> tuple[str, str] | None:
    """(label, value with its unit) of a row whose unit stands in a column of its own."""
    if unit_column >= len(row):
        return None
    unit = row[unit_column].strip()
    others = [c.strip() for i, c in enumerate(row) if i != unit_column and c.strip()]
    labels = [c for c in others if not _digits(c)]
    values = [c for c in others if _digits(c)]
    if len(labels) != 1 or len(values) != 1 or not unit or _digits(unit):
        return None
    return labels[0], values[0] + unit


def _digits(text: str) -> bool:
    return any(c.isdigit() for c in text)


def data_of(figures: list[Figure]) -> dict[str, list[dict[str, str | int | float]]]:
    """The summary data file's mapping for the figures: registered measures first, then the rest."""
    rows: list[dict[str, str | int | float]] = []
    for figure in figures:
        row: dict[str, str | int | float]
        if figure.path == "figures":
            row = {"label": figure.label, "value": figure.value}
        else:
            row = {"measure": figure.path, "value": figure.value}
        if figure.unit:
            row["unit"] = figure.unit
        rows.append(row)
    return {"figures": rows} if rows else {}
