"""Plan items from a Word table or from numbered lines, in the plan-data model: title, form (a name
from data/forms.yml), time (a form values.parse_when accepts) and roles (names from data/roles.yml).

What a row or line says but cannot be placed (a form not in forms.yml, a time of no known form, a
column of no known role) is kept in the item's `notes` for the draft's comments and the report; it
is never turned into a value. A table cell that is empty is what the original states: nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhengxie.model.corpus import Vocabulary
from zhengxie.text.values import parse_when

_M = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
TIME = re.compile(
    rf"(?<![0-9])(?:{_M}月?\s*[-–—~至到]\s*{_M}月份?|{_M}月份?(?:上旬|中旬|下旬|底|初)?"
    r"|第[一二三四1-4]季度|上半年|下半年|全年)"
)
YEAR_PREFIX = re.compile(r"^[0-9]{4}\s*年(?:度)?\s*")
LABELLED = re.compile(r"([\u4e00-\u9fff]{2,6})[:：]\s*([^；;。]{1,200})")
SPLIT_NAMES = re.compile(r"[、，,；;/]+")
SPLIT_PARTS = re.compile(r"[，,；;]+")
TITLE_COLUMNS = ("协商议题", "议题", "题目", "内容", "项目", "主题", "名称")
FORM_COLUMNS = ("协商形式", "形式", "方式")
TIME_COLUMNS = ("时间安排", "计划时间", "时间")
SKIP_COLUMNS = ("序号", "编号")
ITEM_LINE_MAX = 100  # an unlabelled item is one short clause; a longer paragraph is prose, not an item
EMPTY = "empty"  # what a table's empty time or role cell states: nothing (the draft writes 原文未载 where required)
LEADS = re.compile(r"^(.{2,40}?)(牵头|负责)$")
TAKE_PART = re.compile(r"^(.{2,80}?)(参加|参与|配合)$")


@dataclass
class Item:
    title: str
    form: str | None = None  # a form id of data/forms.yml
    time: str | None = None  # as values.parse_when reads it, or EMPTY
    roles: dict[str, str | list[str]] = field(default_factory=dict)  # role id -> a name, names, or EMPTY
    points: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a person must place
    source: str = ""  # the row or line as read


class Names:
    """Forms and roles by the names an original uses, longest first, from the registry."""

    def __init__(self, vocab: Vocabulary):
        forms: dict[str, str] = {}  # name -> form id
        for form in vocab.forms.values():
            forms[form.name] = form.id
            for ending in ("会议", "会"):  # 专题协商会 is often written 专题协商
                if form.name.endswith(ending) and len(form.name) - len(ending) >= 2:
                    forms.setdefault(form.name[: -len(ending)], form.id)
        self.forms = dict(sorted(forms.items(), key=lambda kv: -len(kv[0])))
        roles: dict[str, str] = {}  # name -> role id
        for role in vocab.roles.values():
            roles[role.name] = role.id
            for a, b in (("单位", "部门"), ("部门", "单位")):  # 责任部门 / 责任单位 name the same role
                if role.name.endswith(a):
                    roles.setdefault(role.name[: -len(a)] + b, role.id)
        self.roles = roles

    def form_in(self, text: str) -> str | None:
        return next((fid for name, fid in self.forms.items() if name in text), None)

    def form_named(self, text: str) -> str | None:
        return self.forms.get(text.strip())

    def role_named(self, text: str) -> str | None:
        return self.roles.get(text.strip())


def time_value(text: str) -> str | None:
    """The cell or phrase as an item time, when it is one (2023年4月 → 4月)."""
    text = YEAR_PREFIX.sub("", text.strip())
    return text if text and parse_when(text) else None


def _names(text: str) -> str | list[str]:
    names = [n for n in SPLIT_NAMES.split(text.strip()) if n]
    return names[0] if len(names) == 1 else names


def from_table(rows: list[list[str]], names: Names) -> tuple[list[Item], list[str]] | None:
    """Items from a table whose first row names its columns (and the names of the columns of no
    known field); None when it is no item table."""
    if not rows:
        return None
    header = [cell.strip() for cell in rows[0]]
    columns: dict[str, int] = {}  # "title", "form", "time" or "role:<role id>" -> column
    unknown: list[tuple[int, str]] = []
    for index, cell in enumerate(header):
        if cell in TITLE_COLUMNS or cell.endswith("议题"):
            columns.setdefault("title", index)
        elif cell in FORM_COLUMNS:
            columns["form"] = index
        elif cell in TIME_COLUMNS:
            columns["time"] = index
        elif (role := names.role_named(cell)) is not None:
            columns[f"role:{role}"] = index
        elif cell and cell not in SKIP_COLUMNS:
            unknown.append((index, cell))
    if "title" not in columns:
        return None
    items: list[Item] = []
    for row in rows[1:]:
        cells = row + [""] * (len(header) - len(row))
        title = cells[columns["title"]].strip()
        if not title:
            continue
        item = Item(title, source=" | ".join(cells))
        if "form" in columns and (cell := cells[columns["form"]].strip()):
            item.form = names.form_named(cell) or names.form_in(cell)
            if item.form is None:
                item.notes.append(f"协商形式“{cell}”不在 data/forms.yml 中")
        if "time" in columns and (cell := cells[columns["time"]].strip()):
            item.time = time_value(cell)
            if item.time is None:
                item.notes.append(f"时间“{cell}”不是可识别的写法")
        elif "time" in columns:
            item.time = EMPTY  # the table has a time column and this row leaves it empty
        for key, index in columns.items():
            if key.startswith("role:"):
                cell = cells[index].strip()
                item.roles[key[5:]] = _names(cell) if cell else EMPTY
        for index, name in unknown:
            if cells[index].strip():
                item.notes.append(f"“{name}”一栏：{cells[index].strip()}")
        items.append(item)
    return items, [name for _, name in unknown]


def from_line(text: str, names: Names) -> Item | None:
    """An item from a numbered line under the plan's item section, when the line names a form or a
    role: 推动制造业数字化转型（专题协商会，4月，市政协经济委员会牵头） or 议题。形式：…；时间：…；牵头单位：…"""
    labelled = list(LABELLED.finditer(text))
    item = Item("", source=text)
    rest = text
    if labelled:
        rest = text[: labelled[0].start()]
        for match in labelled:
            label, value = match.group(1), match.group(2).strip()
            _place(item, label, value, names)
    elif (paren := re.search(r"[（(]([^（）()]{1,200})[）)]\s*[。；]?$", text)) is not None:
        rest = text[: paren.start()]
        for part in SPLIT_PARTS.split(paren.group(1)):
            if part.strip():
                _place(item, "", part.strip(), names)
    elif len(text) <= ITEM_LINE_MAX and not any(c in text.rstrip("。；;") for c in "。；;"):
        item.form = names.form_in(text)  # one short clause naming a form: 议题 + 专题协商会 + 4月
        if (time := TIME.search(text)) is not None:
            item.time = time_value(time.group(0))
    item.title = rest.strip().rstrip("。；;，,：:")
    if not item.title or (item.form is None and not item.roles):
        return None
    return item


def _place(item: Item, label: str, value: str, names: Names) -> None:
    if label in FORM_COLUMNS or (not label and names.form_named(value)):
        item.form = names.form_named(value) or names.form_in(value)
        if item.form is None:
            item.notes.append(f"协商形式“{value}”不在 data/forms.yml 中")
    elif label in TIME_COLUMNS or (not label and time_value(value)):
        item.time = time_value(value)
        if item.time is None:
            item.notes.append(f"时间“{value}”不是可识别的写法")
    elif label and (role := names.role_named(label)) is not None:
        item.roles[role] = _names(value)
    elif not label and (match := LEADS.match(value)):
        item.roles["lead-unit"] = _names(match.group(1))
    elif not label and (match := TAKE_PART.match(value)):
        item.roles["participants"] = _names(match.group(1))
    elif not label and names.form_in(value):
        item.form = names.form_in(value)
    else:
        item.notes.append(f"“{label + '：' if label else ''}{value}”没有对应的字段")
