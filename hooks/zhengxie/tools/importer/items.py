"""Plan items from a Word table or from numbered lines, in the plan-data model: title, form (a name
from data/forms.yml), time (a form values.parse_when accepts) and roles (names from data/roles.yml).

What a row or line says but cannot be placed (a form not in forms.yml, a time of no known form, a
column of no known role) is kept in the item's `notes` for the draft's comments and the report; it
is never turned into a value. A table cell that is empty is what the original states: nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from zhengxie.model.corpus import Vocabulary
from zhengxie.text.outline import chinese_to_int
from zhengxie.text.values import parse_when
from zhengxie.tools.importer.blocks import ImportFailed

_M = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
TIME = re.compile(
    rf"(?<![0-9])(?:{_M}月?\s*[-–—~至到]\s*{_M}月份?|{_M}月份?(?:上旬|中旬|下旬|底|初)?"
    r"|第?[一二三四1-4]季度|上半年|下半年|全年)"
)
YEAR_PREFIX = re.compile(r"^[0-9]{4}\s*年(?:度)?\s*")
LABELLED = re.compile(r"([\u4e00-\u9fff]{2,6})[:：]\s*([^；;。]{1,200})")
SPLIT_NAMES = re.compile(r"[、，,；;/\s　]+")  # a cell's names: one a line (read as spaces) or listed
SPLIT_PARTS = re.compile(r"[，,；;]+")
BRACKET_END = re.compile(r"[（(]([^（）()]{1,200})[）)]\s*[。；]?$")  # an item line's values in brackets at its end
COLUMNS_FILE = "data/import.yml"
COLUMNS_SCHEMA = "data/schemas/import.schema.json"
HEADER_ROWS = 3  # the header is within the first rows (a caption row may stand above it)
ITEM_LINE_MAX = 100  # an unlabelled item is one short clause; a longer paragraph is prose, not an item
EMPTY = "empty"  # what a table's empty time or role cell states: nothing (the draft writes 原文未载 where required)


@dataclass
class Item:
    title: str
    form: str | None = None  # a form id of data/forms.yml
    time: str | None = None  # as values.parse_when reads it, or EMPTY
    roles: dict[str, str | list[str]] = field(default_factory=dict)  # role id -> a name, names, or EMPTY
    points: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a person must place
    source: str = ""  # the row or line as read
    where: str = ""  # where it stands in the original (原件第N段, its row)
    labelled: set[str] = field(default_factory=set)  # "form", "time", "role:<id>": what a label named


@dataclass
class Columns:
    """The column names of item tables, from data/import.yml: field -> names, role name -> role id."""

    title: tuple[str, ...] = ()
    form: tuple[str, ...] = ()
    time: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    roles: dict[str, str] = field(default_factory=dict)
    lead_ins: tuple[str, ...] = ()  # 围绕“议题”召开…: the words before a quoted topic (topic_lead_ins)
    endings: dict[str, tuple[str, ...]] = field(default_factory=lambda: {"title": ("议题",)})  # 拟开展时间 → time
    form_endings: tuple[str, ...] = ()  # 专题协商议题: a form's name and one of these names the form
    owner_endings: tuple[str, ...] = ()  # 县政协牵头领导: whose role a column names, before the role's name
    topic_ends: tuple[str, ...] = ()  # 围绕推进…开展专题协商: the words a sentence's topic runs up to
    sentence_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role id -> 牵头, 配合 …
    sentence_roles_before: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role id -> 会同 …
    fillers: tuple[str, ...] = ()  # 分别, 时间为 …: words of an item's sentence that state no value
    back_references: tuple[str, ...] = ()  # 上述 …: a sentence's topic pointing back to others
    posts: tuple[str, ...] = ()  # 县委常委、副县长王某: a name's post before 、 belongs to the next name
    openers: tuple[str, ...] = ()  # 组织委员就X开展视察: words a clause may open with before its lead-in


def load_columns(root: Path, vocab: Vocabulary) -> Columns:
    """data/import.yml, checked against its schema; a role id it names that data/roles.yml lacks
    is refused with a message (never a traceback). Without the file: the role names only."""
    path = Path(root) / COLUMNS_FILE
    if not path.is_file():
        return Columns()
    import json

    import yaml
    from jsonschema import Draft202012Validator

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        schema_path = Path(root) / COLUMNS_SCHEMA
        if schema_path.is_file():
            schema = json.loads(schema_path.read_text(encoding="utf-8"))
            error = next(iter(Draft202012Validator(schema).iter_errors(data)), None)
            if error is not None:
                raise ValueError(f"{'/'.join(str(p) for p in error.absolute_path)}：{error.message}")
    except (OSError, ValueError, yaml.YAMLError) as error:
        raise ImportFailed(f"{COLUMNS_FILE} 有误（{error}）：照 {COLUMNS_SCHEMA} 改正后再导入") from None
    columns = data.get("columns", {})
    roles: dict[str, str] = {}
    for role_id, names in columns.get("roles", {}).items():
        if role_id not in vocab.roles:
            raise ImportFailed(f"{COLUMNS_FILE} 的 roles 写了 {role_id}，data/roles.yml 中没有这个角色：请改正")
        roles.update(dict.fromkeys(names, role_id))
    for key in ("sentence_roles", "sentence_roles_before"):
        for role_id in data.get(key, {}):
            if role_id not in vocab.roles:
                raise ImportFailed(f"{COLUMNS_FILE} 的 {key} 写了 {role_id}，data/roles.yml 中没有这个角色：请改正")
    return Columns(
        tuple(columns.get("title", ())),
        tuple(columns.get("form", ())),
        tuple(columns.get("time", ())),
        tuple(columns.get("ignore", ())),
        roles,
        tuple(data.get("topic_lead_ins", ())),
        {key: tuple(words) for key, words in data.get("endings", {"title": ["议题"]}).items()},
        tuple(data.get("form_heading_endings", ())),
        tuple(data.get("role_owner_endings", ())),
        tuple(data.get("topic_ends", ())),
        {role: tuple(words) for role, words in data.get("sentence_roles", {}).items()},
        {role: tuple(words) for role, words in data.get("sentence_roles_before", {}).items()},
        tuple(data.get("sentence_fillers", ())),
        tuple(data.get("topic_back_references", ())),
        tuple(data.get("leader_posts", ())),
        tuple(data.get("topic_lead_in_openers", ())),
    )


class Names:
    """Forms and roles by the names an original uses, longest first, from the registry; item
    table columns by the names data/import.yml declares."""

    def __init__(self, vocab: Vocabulary, columns: Columns | None = None):
        self.columns = columns or Columns()
        forms: dict[str, str] = {}  # name -> form id
        for form in vocab.forms.values():
            forms[form.name] = form.id
            for ending in ("会议", "会"):  # 专题协商会 is often written 专题协商
                if form.name.endswith(ending) and len(form.name) - len(ending) >= 2:
                    forms.setdefault(form.name[: -len(ending)], form.id)
        for name, form_id in vocab.names_of("forms").names.items():  # an alias data/forms.yml declares
            if form_id in vocab.forms and name != form_id:
                forms.setdefault(name, form_id)
        self.forms = dict(sorted(forms.items(), key=lambda kv: -len(kv[0])))
        roles: dict[str, str] = {}  # name -> role id
        for role in vocab.roles.values():
            roles[role.name] = role.id
            for a, b in (("单位", "部门"), ("部门", "单位")):  # 责任部门 / 责任单位 name the same role
                if role.name.endswith(a):
                    roles.setdefault(role.name[: -len(a)] + b, role.id)
        roles.update({name: role for name, role in self.columns.roles.items() if name not in roles})
        self.roles = roles

    def column(self, cell: str) -> str | None:
        """What a header cell names: "title", "form", "time", "ignore", "role:<id>", or None."""
        name = re.sub(r"[\s　]+", "", cell)
        candidates = [name, name.removesuffix("名称")] if name.endswith("名称") and len(name) > 2 else [name]
        for candidate in candidates:
            for key in ("title", "form", "time", "ignore"):
                if candidate in getattr(self.columns, key):
                    return key
            if (role := self.role_named(candidate)) is not None:
                return f"role:{role}"
        if (role := self.owned_role(name)) is not None:
            return f"role:{role}"
        for key, endings in self.columns.endings.items():  # a name not listed, by how it ends
            if len(name) > 2 and name.endswith(tuple(endings)):
                return key
        return None

    def owned_role(self, cell: str) -> str | None:
        """The role a name gives after whose it is (县政协牵头领导 → lead-leader), by role_owner_endings."""
        name = re.sub(r"[\s　]+", "", cell)
        for role_name, role in self.roles.items():
            owner = name.removesuffix(role_name)
            if owner != name and self.columns.owner_endings and owner.endswith(self.columns.owner_endings):
                return role
        return None

    def topic(self, text: str) -> str:
        """The topic a heading or line quotes after a declared lead-in — 围绕“推进城乡供水一体化”召开
        专题协商会 → 推进城乡供水一体化 — or the text as it stands."""
        for lead in self.columns.lead_ins:
            match = re.match(rf"^{re.escape(lead)}[\s　]*[“「\"]([^”」\"“「]{{2,60}})[”」\"](.+)$", text.strip())
            if match is not None:
                return match.group(1).strip()
        return text

    def form_in(self, text: str) -> str | None:
        return next((fid for name, fid in self.forms.items() if name in text), None)

    def forms_in(self, text: str) -> list[str]:
        """Every form a text names, each where its longest name stands."""
        found: list[str] = []
        for name, fid in self.forms.items():
            if name in text:
                found.append(fid)
                text = text.replace(name, "　")
        return found

    def form_named(self, text: str) -> str | None:
        return self.forms.get(text.strip())

    def form_heading(self, text: str) -> str | None:
        """The form a heading is nothing but the name of: 专题协商, or 专题协商议题 (a declared ending),
        with or without a count in brackets after it (专题协商（2项）)."""
        text = re.sub(r"[（(][^（）()]{1,12}[）)]$", "", text.strip()).strip()
        if (form := self.form_named(text)) is not None:
            return form
        ending = next((e for e in self.columns.form_endings if text.endswith(e) and len(text) > len(e)), None)
        return self.form_named(text[: -len(ending)]) if ending else None

    def role_named(self, text: str) -> str | None:
        return self.roles.get(text.strip())


def time_value(text: str) -> str | None:
    """The cell or phrase as an item time, when it is one (2023年4月 → 4月)."""
    text = YEAR_PREFIX.sub("", text.strip())
    return text if text and parse_when(text) else None


def _names(text: str, posts: tuple[str, ...] = ()) -> str | list[str]:
    """A cell's names, one a line or listed; a part that is only a post (leader_posts) joined with 、
    to the next is that next name's post and stays with it as printed (县委常委、副县长王某)."""
    pieces = SPLIT_NAMES.split(text.strip())
    seps = SPLIT_NAMES.findall(text.strip())
    names: list[str] = []
    joined = False
    for index, piece in enumerate(pieces):
        if joined and names:
            names[-1] += seps[index - 1] + piece
        elif piece:
            names.append(piece)
        joined = bool(piece) and bool(posts) and piece.endswith(posts) and index < len(seps) and seps[index] == "、"
    return names[0] if len(names) == 1 else names


def _header(rows: list[list[str]], names: Names) -> int | None:
    """The header row: within the first rows, one that names a title column and another column."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        kinds = [names.column(cell) for cell in row if cell.strip()]
        if "title" in kinds and sum(1 for k in kinds if k is not None) >= 2:
            return index
    return None


FORM_LEAD = re.compile(r"^([\u4e00-\u9fff]{2,10})[：:]\s*(.+)$")
COMBINED_PARTS = re.compile(r"[／/、，,；;\s　]+")
FIELDS_JOINED = re.compile(r"[及和与、/／]")


def _names_fields(cell: str, names: Names) -> bool:
    """Whether a header cell names two known fields at once: 协商形式及时间, 形式/时间."""
    parts = [p for p in FIELDS_JOINED.split(re.sub(r"[\s　]+", "", cell)) if p]
    return len(parts) >= 2 and all(names.column(p) in ("form", "time") for p in parts)


def _sub_header(header: list[str], row: list[str], names: Names) -> list[str] | None:
    """The header completed by a second header row — its filled cells all name columns, each under
    a cell that names none (协商安排 over 时间 and 形式) — or None when the next row is no such row."""
    filled = [(i, c.strip()) for i, c in enumerate(row) if c.strip() and i < len(header)]
    if not filled or any(names.column(c) is None or names.column(header[i]) is not None for i, c in filled):
        return None
    out = list(header)
    for i, c in filled:
        out[i] = c
    return out


def _group(cells: list[str], title: int) -> str | None:
    """A group row's text: one value across the row (a merged cell), or in its first cell only
    when that is not the title column (a row of a title alone is an item)."""
    distinct = list(dict.fromkeys(c.strip() for c in cells if c.strip()))
    if len(distinct) != 1 or len(cells) < 2:
        return None
    across = all(c.strip() == distinct[0] for c in cells)
    first_only = cells[0].strip() == distinct[0] and title != 0
    return distinct[0] if across or first_only else None


GROUP_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[\s　]*")


def _heading_row(cells: list[str], names: Names) -> str | None:
    """A row whose one filled cell is a numbered heading (一、专题协商会) or a form's name: a group
    row whose other cells were left empty rather than merged."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) != 1 or len(cells) < 2:
        return None
    text = filled[0]
    return text if GROUP_NUMBER.match(text) or names.form_named(text) else None


def from_table(
    rows: list[list[str]], names: Names, where: str = "", form: str | None = None
) -> tuple[list[Item], list[str], list[tuple[str, str]]] | None:
    """Items from a table whose header row names its columns (and the names of the columns of no
    known field); None when it is no item table. A row repeating the header is skipped; a group
    row (one value across the row) gives its form or time to the rows under it, or else is kept in
    their notes; a merged cell's value is in each row it covers (the reader carries it down). A table
    with no form column or group row under a heading that names a form (`form`) takes that form.
    The third list holds the header cells read as structure, not values, each with why."""
    start = _header(rows, names) if rows else None
    if start is None:
        return None
    header = [cell.strip() for cell in rows[start]]
    structure: list[tuple[str, str]] = []
    if (sub := _sub_header(header, rows[start + 1] if start + 1 < len(rows) else [], names)) is not None:
        for cell in dict.fromkeys(c for c, new in zip(header, sub, strict=True) if c and c != new):
            structure.append((cell, f"{where}两行表头的上一行：各栏按下一行的名称读"))
        header, start = sub, start + 1  # 协商安排 over 时间 | 形式: the second row names the columns
    columns: dict[str, int] = {}  # "title", "form", "time" or "role:<role id>" -> column
    unknown: list[tuple[int, str]] = []
    combined: list[int] = []  # a column naming two fields (协商形式及时间): its values placed by what they are
    for index, cell in enumerate(header):
        key = names.column(cell)
        if _names_fields(cell, names):  # 协商形式及时间: two fields, whatever its ending says
            combined.append(index)
            structure.append((cell, f"{where}表头：这一栏的协商形式和时间分别读进各项"))
        elif key == "title":
            columns.setdefault("title", index)
        elif key is not None and key != "ignore":
            columns.setdefault(key, index)
            if key.startswith("role:") and names.owned_role(cell):
                structure.append((cell, f"{where}表头：写明谁的角色一栏，按角色读进各项"))
        elif cell and key is None:
            unknown.append((index, cell))
    if "title" not in columns:
        return None
    items: list[Item] = []
    group_form: str | None = None
    group_time: str | None = None
    group_note = ""
    for row_number, row in enumerate(rows[start + 1 :], start + 2):
        cells = row + [""] * (len(header) - len(row))
        if [c.strip() for c in cells] == header:
            continue  # the header repeated (a table across pages)
        if (group := _group(cells, columns["title"]) or _heading_row(cells, names)) is not None:
            group_form = names.form_named(GROUP_NUMBER.sub("", group)) or names.form_in(group)
            group_time = time_value(group)
            group_note = "" if group_form or group_time else group
            continue
        title = cells[columns["title"]].strip()
        if not title:
            continue
        title_form = None  # 专题协商：推进全域旅游 — the form before the title
        if (lead := FORM_LEAD.match(title)) is not None and (title_form := names.form_named(lead.group(1))):
            title = lead.group(2).strip()
        elif (after := BRACKET_END.search(title)) is not None and (title_form := names.form_named(after.group(1))):
            title = title[: after.start()].strip()  # 推进全域旅游（专题协商会）: the form after the title
        item = Item(title, source=" | ".join(cells), where=f"{where}第{row_number}行")
        for index in combined:
            for part in COMBINED_PARTS.split(cells[index].strip()):
                if part:
                    place(item, "", part, names)
        if item.form is not None:
            pass
        elif "form" in columns and (cell := cells[columns["form"]].strip()):
            item.form = names.form_named(cell) or names.form_in(cell)
            if item.form is None:
                item.notes.append(f"协商形式“{cell}”不在 data/forms.yml 中")
        elif title_form or group_form or form:
            item.form = title_form or group_form or form
        if item.time is not None:
            pass
        elif "time" in columns and (cell := cells[columns["time"]].strip()):
            item.time = time_value(cell)
            if item.time is None:
                item.notes.append(f"时间“{cell}”不是可识别的写法")
        elif group_time:
            item.time = group_time
        elif "time" in columns:
            item.time = EMPTY  # the table has a time column and this row leaves it empty
        for key, index in columns.items():
            if key.startswith("role:"):
                cell = cells[index].strip()
                item.roles[key[5:]] = _names(cell, names.columns.posts) if cell else EMPTY
        for index, name in unknown:
            if cells[index].strip():
                item.notes.append(f"“{name}”一栏：{cells[index].strip()}")
        if group_note:
            item.notes.append(f"表格中的分组：{group_note}")
        items.append(item)
    return items, [name for _, name in unknown], structure


def names_form(text: str, names: Names) -> bool:
    """Whether the line labels a value as the form (形式：专题协商会): an item line in any plan."""
    return any(names.column(match.group(1)) == "form" for match in LABELLED.finditer(text))


NUMBERED = re.compile(r"^(?:[（(][0-9一二三四五六七八九十]{1,3}[）)]|[0-9一二三四五六七八九十]{1,3}[.、．])[\s　]*")
LABEL = re.compile(r"([\u4e00-\u9fff]{2,8})[:：]")
VALUE_ENDS = "；;。，,、 　"


def label_values(text: str) -> list[tuple[str, str]]:
    """(label, value) of each label in a text and the words up to the next (时间：4月；牵头单位：经济委);
    a label holding no value of its own comes with ""."""
    labels = list(LABEL.finditer(text))
    ends = [m.start() for m in labels[1:]] + [len(text)]
    return [(m.group(1), text[m.end() : end].strip(VALUE_ENDS)) for m, end in zip(labels, ends, strict=True)]


def strip_number(text: str) -> str:
    """The line without its typed number: （一）, 1., 二、."""
    return NUMBERED.sub("", text.strip(), count=1)


def labelled_line(text: str, names: Names) -> list[tuple[str, str]] | None:
    """(label, value) of a line that is nothing but known labels and their values — 协商形式：专题
    协商会；时间：4月。牵头单位：… — as an item of its own section states them; None otherwise. A typed
    number before it is no part of it; a label with no value of its own before another label
    (组织实施：牵头领导：…) groups those labels and comes back with the value "". The first label
    may be of no item field (组织实施：由主席会议组织。牵头单位：…), and others too (协商地点：…), when
    the labels of item fields are at least as many: their words come back, for the item's notes."""
    stripped = strip_number(text).rstrip("。；;")
    first = LABEL.search(stripped)
    if first is None or first.start() != 0:
        return None
    pairs = label_values(stripped)
    if any(value and names.column(label) == "title" for label, value in pairs):
        return None  # a topic labelled: the line is a topic of its own, not values
    known = [value for label, value in pairs if value and names.column(label) not in (None, "title", "ignore")]
    unknown = [value for label, value in pairs if value and names.column(label) in (None, "ignore")]
    return pairs if known and len(known) >= len(unknown) else None  # more words of no field: the line is text


def column_label(text: str, names: Names) -> str | None:
    """The label a sub-heading is when it is nothing but an item field's name — （一）协商形式, 时间安排：
    — whose value is the next paragraph; None otherwise."""
    label = strip_number(text).rstrip("：:。 　")
    key = names.column(label)
    return label if key is not None and key not in ("title", "ignore") else None


def bracket_labels(text: str, names: Names) -> set[str]:
    """What a line's values in brackets at its end are labelled as — 议题（形式：…；牵头单位：…）→
    {"form", "role:lead-unit"} — when every label there is a known one; else nothing."""
    bracket = BRACKET_END.search(text)
    keys = [names.column(m.group(1)) for m in LABEL.finditer(bracket.group(1))] if bracket else []
    return {k for k in keys if k} if keys and all(k not in (None, "title", "ignore") for k in keys) else set()


def carries_values(text: str, names: Names) -> bool:
    """Whether a line ends with an item's values in brackets: labelled ones, or parts that are each
    a form, a time or …牵头 (推动X（专题协商会，4月，经济委牵头）)."""
    bracket = BRACKET_END.search(strip_number(text))
    if bracket is None:
        return False
    if bracket_labels(text, names):
        return True
    parts = [p.strip() for p in SPLIT_PARTS.split(bracket.group(1)) if p.strip()]
    return bool(parts) and all(_placeable(p, names) for p in parts)


def fill_unstated(items: list[Item]) -> None:
    """Items whose values are labelled (a line or a section each): a time the others label and one
    leaves out is stated as nothing, as an empty table cell is (EMPTY: 原文未载 in the draft). A role
    left out stays unset, for the check to ask about: another label (责任部门) may stand for it."""
    labelled = [item for item in items if item.labelled]
    if any("time" in item.labelled for item in labelled):
        for item in labelled:
            if item.time is None:
                item.time = EMPTY


def from_line(text: str, names: Names, form: str | None = None) -> Item | None:
    """An item from a numbered line under the plan's item section, when the line names a form or a
    role, or stands under a heading that names a form (`form`): 推动制造业数字化转型（专题协商会，
    4月，市政协经济委员会牵头） or 议题。形式：…；时间：…；牵头单位：…"""
    labelled = list(LABELLED.finditer(text))
    item = Item("", source=text)
    rest = text
    bracket = BRACKET_END.search(text)
    if bracket is not None and LABELLED.search(bracket.group(1)):  # 议题（时间：4月；牵头单位：…）
        rest = text[: bracket.start()]
        for label, value in label_values(bracket.group(1)):
            if value:
                place(item, label, value, names)
    elif labelled:
        rest = text[: labelled[0].start()]
        for match in labelled:
            label, value = match.group(1), match.group(2).strip()
            place(item, label, value, names)
    elif (paren := BRACKET_END.search(text)) is not None:
        rest = text[: paren.start()]
        for part in SPLIT_PARTS.split(paren.group(1)):
            if part.strip():
                place(item, "", part.strip(), names)
    elif len(text) <= ITEM_LINE_MAX and not any(c in text.rstrip("。；;") for c in "。；;"):
        pieces = re.split(r"([，,]+)", text.rstrip("。"))
        tail: list[str] = []  # 村集体经济增收议事会，3月: the values after the title, each one whole
        while len(pieces) > 2 and _placeable(pieces[-1].strip(), names):
            tail.insert(0, pieces.pop().strip())
            pieces.pop()
        if tail:
            rest = "".join(pieces)
            for part in tail:
                place(item, "", part, names)
        elif counts_forms(text, names):
            return None  # 召开专题协商会4次: how many of a form, said of the plan's work
        else:
            item.form = names.form_in(text)  # one short clause naming a form: 议题 + 专题协商会 + 4月
            if (time := TIME.search(text)) is not None:
                item.time = time_value(time.group(0))
    item.title = names.topic(rest.strip().rstrip("。；;，,：:"))
    if item.form is None and item.title != rest.strip().rstrip("。；;，,：:"):
        item.form = names.form_in(rest.replace(item.title, "", 1))  # 围绕“X”召开专题协商会（…）: its form
    if item.form is None and form is not None and len(item.title) <= ITEM_LINE_MAX and "。" not in item.title:
        item.form = form  # under a heading that names the form
    if not item.title or (item.form is None and not item.roles):
        return None
    return item


def counts_forms(text: str, names: Names) -> bool:
    """Whether a text counts a form's events (召开专题协商会4次, 对口协商两场) rather than naming one."""
    return any(re.search(rf"{re.escape(name)}\s*{COUNTED.pattern}", text) for name in names.forms if name in text)


def _placeable(part: str, names: Names) -> bool:
    """Whether an unlabelled part of an item line is one value: a form's name, a time, names before
    a sentence_roles word (…牵头, …承办, …配合)."""
    return bool(names.form_named(part) or time_value(part) or _sentence_role(part, names))


def place(item: Item, label: str, value: str, names: Names) -> None:
    """One value of an item, by its label (形式, 时间, a role) or, unlabelled, by what it is."""
    key = names.column(label) if label else None
    if key is not None and (key in ("form", "time") or key.startswith("role:")):
        item.labelled.add(key)
    if key == "form" or (not label and names.form_named(value)):
        item.form = names.form_named(value) or names.form_in(value)
        if item.form is None:
            item.notes.append(f"协商形式“{value}”不在 data/forms.yml 中")
    elif key == "time" or (not label and time_value(value)):
        item.time = time_value(value)
        if item.time is None:
            item.notes.append(f"时间“{value}”不是可识别的写法")
    elif label and (role := names.role_named(label)) is not None:
        item.roles[role] = _names(value, names.columns.posts)
    elif not label and (said := _sentence_role(value, names)) is not None:  # 县政协经济委牵头
        item.roles[said[0]] = _names("、".join(said[1]), names.columns.posts)
    elif not label and names.form_in(value):
        item.form = names.form_in(value)
    else:
        item.notes.append(f"“{label + '：' if label else ''}{value}”没有对应的字段")


CLAUSES = re.compile(r"[，,；;。]+")
BRACKETS = re.compile(r"[（）()]")
QUOTED_TOPICS = re.compile(r"^((?:[“「\"][^”」\"“「]{2,60}[”」\"][、和及与]?)+)")
QUOTED = re.compile(r"[“「\"]([^”」\"“「]{2,60})[”」\"]")
EACH = "分别"
COUNTED = re.compile(
    r"(?:[0-9]{1,3}|[一二两三四五六七八九十]{1,3})(?:余|多)?[次项个场期]"
)  # 分别由A、B牵头: the names go to the topics in turn
TOPIC_MAX = 60
FIRST_SENTENCE = re.compile(r"^([^。；;，,]{2,60})。(.+)$")
FIRST_CLAUSE = re.compile(r"^([^。；;，,]{2,60})[，,](.+)$")


def sentence_items(text: str, names: Names, form: str | None = None) -> tuple[list[Item], list[str]]:
    """Items told in sentences — 围绕推进X开展专题协商。由A牵头，B配合，5月召开。 or 围绕“X”“Y”分别召开
    专题协商会，由A、B分别牵头 — each from a topic after a lead-in (topic_lead_ins) at the start of a
    clause, up to a topic_ends word (or the quoted words), and the clauses after it up to the next
    lead-in: the form they name (or the heading's, `form`), a time, names before sentence_roles words.
    Under a heading naming a form, a line with no lead-in is an item when its first sentence is the
    topic and the rest state its values (X。由A牵头，3月开展。). A topic naming no form is no item.
    Also the clauses placed nowhere (kept in the items' notes): the caller keeps such a paragraph.
    A time the sentences leave out is stated as nothing (原文未载 in the draft)."""
    columns = names.columns
    if not columns.lead_ins or not columns.topic_ends:
        return [], []
    leads = "|".join(re.escape(lead) for lead in sorted(columns.lead_ins, key=len, reverse=True))
    openers = "|".join(re.escape(o) for o in sorted((EACH, *columns.openers), key=len, reverse=True))
    starts = [(m.start(), m.end()) for m in re.finditer(rf"(?:^|(?<=[。；;，,]))(?:{openers})?(?:{leads})", text)]
    for m in re.finditer(rf"(?:{leads})(?=[“「])", text):  # 组织经济界、农业界委员围绕“X”开展…: a quoted
        if not any(end == m.end() for _, end in starts):  # topic after its lead-in, within a clause
            starts.append((m.start(), m.end()))
    starts.sort()
    before: dict[int, str] = {}  # 5月召开“X”专题协商会: the words of the clause before a quoted topic
    for start, _ in starts:  # 于5月，围绕X召开…: a sentence's words before its first lead-in
        sentence_start = max(text.rfind(p, 0, start) for p in "。；;") + 1
        if not any(sentence_start <= other < start for other, _ in starts):
            before[start] = text[sentence_start:start]
    if names.forms:  # 召开“X”专题协商会: a quoted topic right before a form's name, with no lead-in
        form_names = "|".join(re.escape(name) for name in names.forms)
        for m in re.finditer(rf"[“「]([^”」“「]{{2,{TOPIC_MAX}}})[”」](?=(?:{form_names}))", text):
            if not any(after <= m.start() and not CLAUSES.search(text[after : m.start()]) for _, after in starts):
                starts.append((m.start(), m.start()))  # not a topic a lead-in already quotes
                clause_start = max(text.rfind(p, 0, m.start()) for p in "。；;，,") + 1
                before[m.start()] = text[clause_start : m.start()]
        starts.sort()
    segments: list[tuple[list[str], str]] = []
    for index, (start, after) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        topics, rest = _topics(text[after:end], names)
        sentence_start = max(text.rfind(p, 0, start) for p in "。；;") + 1
        if len(topics) == 1 and _listed(topics[0], text[sentence_start:after]):
            topics = topics[0].split("、")
            if start in before:  # 安排议题2个，围绕A、B…: the count is of these topics, no count of events
                before[start] = "，".join(c for c in CLAUSES.split(before[start]) if not COUNTED.search(c))
        if topics:
            segments.append((topics, before.get(start, "") + rest))
    whole = False  # X，由A牵头，5月召开: the first clause is the topic when the others are all values
    if not starts and form is not None and (first := FIRST_SENTENCE.match(text.strip())) is not None:
        segments.append(([first.group(1).strip()], first.group(2)))
    elif not starts and form is not None and (first := FIRST_CLAUSE.match(text.strip())) is not None:
        segments.append(([first.group(1).strip()], first.group(2)))
        whole = True
    items: list[Item] = []
    left: list[str] = []
    for topics, rest in segments:
        told = _told(topics, rest, names, form, lead_in=bool(starts))
        if told is None or (whole and told[1]):
            continue
        made, unplaced = told
        items += made
        left += unplaced
    return items, left


def _topics(segment: str, names: Names) -> tuple[list[str], str]:
    """The topics a clause after a lead-in names, and the words after them."""
    if (quoted := QUOTED_TOPICS.match(segment)) is not None:
        return QUOTED.findall(quoted.group(1)), segment[quoted.end() :]
    ends = [segment.find(word, 2) for word in names.columns.topic_ends]
    stops = [i for i in (*ends, *(segment.find(p) for p in "，,；;。")) if i >= 2]
    if not stops or min(stops) > TOPIC_MAX:
        return [], segment
    cut = min(stops)
    if cut not in ends:  # 围绕X，于5月召开专题协商会: the topic when the next clause carries it on
        after = CLAUSES.split(segment[cut:].lstrip("，,；;。"), maxsplit=1)[0]
        if segment[cut] not in "，," or not (names.form_in(after) or any(w in after for w in names.columns.topic_ends)):
            return [], segment
    topic, rest = segment[:cut].strip().removesuffix(EACH), segment[cut:]
    if EACH in rest and "、" in topic:  # 围绕A、B分别召开…: two topics
        return [t for t in topic.split("、") if t], rest
    return [topic], rest


LISTED_COUNT = re.compile(r"([0-9一二两三四五六七八九十]{1,3})\s*[个项]")


def _listed(topic: str, before: str) -> bool:
    """Whether a topic of parts listed with 、 is that many topics: the words before its lead-in say
    分别 (分别围绕A、B召开…) or count exactly as many (安排议题2个，围绕A、B召开…)."""
    parts = topic.split("、")
    if len(parts) < 2 or any(len(part) < 2 for part in parts):
        return False
    if EACH in before:
        return True
    counts = [chinese_to_int(m.group(1).replace("两", "二")) for m in LISTED_COUNT.finditer(before)]
    return len(counts) == 1 and counts[0] == len(parts)


@dataclass
class _Said:
    """What the clauses after a topic state: a form, times, names by role, and the clauses placed nowhere."""

    form: str | None = None
    times: list[str] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)


def _said(rest: str, names: Names) -> _Said | None:
    """The values the clauses state; None when they are the plan's general words (several forms at
    once) or count events (召开专题协商会3次) rather than tell one item."""
    said = _Said()
    rest = BRACKETS.sub("，", rest)  # 召开专题协商会（6月，县政协经济委牵头）: the bracket's parts are clauses
    for number, clause in enumerate(c.strip() for c in CLAUSES.split(rest) if c.strip()):
        if number == 0 and len(set(names.forms_in(clause))) > 1:
            return None  # 围绕中心工作开展专题协商、对口协商: the plan's general words, no one item
        if COUNTED.search(clause):
            return None  # 召开专题协商会3次: how many, said of the plan's work, not one item
        found_form = names.form_in(clause)
        said.form = said.form or found_form
        found_times = [t for t in (m.group(0) for m in TIME.finditer(clause)) if time_value(t)]
        said.times += found_times
        if (role := _sentence_role(clause, names)) is not None:
            said.roles.setdefault(role[0], []).extend(role[1])
            continue
        residue = clause
        for word in [*found_times, *(n for n, f in names.forms.items() if f == found_form and n in clause)]:
            residue = residue.replace(word, "", 1)
        for word in sorted((*names.columns.topic_ends, *names.columns.fillers), key=len, reverse=True):
            residue = residue.replace(word, "")
        if residue.strip(" 　、"):
            said.unplaced.append(clause)
    return said


def _told(
    topics: list[str], rest: str, names: Names, form: str | None, lead_in: bool
) -> tuple[list[Item], list[str]] | None:
    """The items of one lead-in's topics from the clauses after them; None when they name no form
    (and no heading names one) or, with no lead-in, state neither a time nor a role."""
    said = _said(rest, names)
    if said is None:
        return None
    item_form = said.form or form
    if item_form is None or (not lead_in and not said.times and not said.roles):
        return None
    if any(topic.startswith(names.columns.back_references) for topic in topics if names.columns.back_references):
        return None  # 围绕上述议题开展专题协商: the items are stated elsewhere
    if any(topic in names.columns.title for topic in topics):
        return None  # 围绕协商议题开展调研: the word for a topic (a title column's name), not one
    items = []
    for index, topic in enumerate(topics):
        item = Item(topic, form=item_form, source="；".join([topic, rest]))
        item.time = _share(said.times, index, len(topics)) or EMPTY
        for role_id, role_names in said.roles.items():
            if (share := _share_names(role_names, index, len(topics))) is not None:
                item.roles[role_id] = share
        item.notes += [f"“{clause}”没有对应的字段" for clause in said.unplaced]
        items.append(item)
    return items, said.unplaced


def sentence_values(item: Item, text: str, names: Names) -> bool:
    """Whether a paragraph after an item's line is nothing but its values in a sentence — 由A牵头，
    B配合，5月召开。 — and if so, gives them to the item (what it states already stays)."""
    said = _said(text, names)
    if said is None or said.unplaced or not (said.times or said.roles) or len(said.times) > 1:
        return False
    if said.form is not None and item.form is None:
        item.form = said.form
    if said.times and item.time in (None, EMPTY):
        item.time = said.times[0]
    for role_id, role_names in said.roles.items():
        item.roles.setdefault(role_id, role_names[0] if len(role_names) == 1 else list(role_names))
    return True


def _share(values: list[str], index: int, count: int) -> str | None:
    """The value of the index-th of `count` topics: each its own when as many are given, else the one."""
    if len(values) == count:
        return values[index]
    return values[0] if len(values) == 1 else None


def _share_names(values: list[str], index: int, count: int) -> str | list[str] | None:
    if count > 1 and len(values) == count:
        return values[index]
    if not values:
        return None
    return values[0] if len(values) == 1 else list(values)


def _sentence_role(clause: str, names: Names) -> tuple[str, list[str]] | None:
    """由A、B牵头 / A牵头承办 / B配合 / 会同B → (role id, names), by sentence_roles (words after the
    names) and sentence_roles_before (words before them)."""
    words = sorted(
        ((word, role) for role, ws in names.columns.sentence_roles.items() for word in ws),
        key=lambda wr: -len(wr[0]),
    )
    for word, role in words:
        match = re.match(rf"^(?:{EACH})?由?(.{{2,80}}?)(?:{EACH})?{re.escape(word)}$", clause)
        if match is None:
            continue
        listed = [n for n in re.split(r"[、，,]", match.group(1).removeprefix("由")) if n]
        if listed and not any(names.form_in(n) or TIME.search(n) for n in listed):
            return role, listed
    before = [(word, role) for role, ws in names.columns.sentence_roles_before.items() for word in ws]
    for word, role in before:  # 会同B
        if clause.startswith(word) and len(clause) > len(word) + 1:
            listed = [n for n in re.split(r"[、，,]", clause[len(word) :]) if n]
            if not any(names.form_in(n) or TIME.search(n) for n in listed):
                return role, listed
    return None


def names_roles(text: str, names: Names) -> bool:
    """Whether an unlabelled line lists roles by name, one after another (领办督办领导、承办单位、
    督办单位): it tells what the items will state, and is no item itself."""
    if LABELLED.search(text) or BRACKET_END.search(text) is not None or not names.roles:
        return False  # an item line's values, labelled or in brackets, may name roles
    roles = "|".join(re.escape(name) for name in sorted(names.roles, key=len, reverse=True))
    return re.search(rf"(?:{roles})[、和及与](?:{roles})", text) is not None


def line_items(text: str, names: Names, form: str | None = None) -> list[Item]:
    """The items of a numbered line in the item section or under a form heading: items told in
    sentences (sentence_items) when the line labels nothing and has no values in brackets, else
    the line's one item (from_line). A form's name as the line's label (专题协商会：X，由A牵头) is
    the form of what follows it."""
    if (lead := FORM_LEAD.match(text)) is not None and (lead_form := names.form_named(lead.group(1))):
        text, form = lead.group(2), lead_form
    if names_roles(text, names):
        return []  # 明确牵头单位、参与单位和时间: a sentence about the items' columns, no item
    if not LABELLED.search(text) and BRACKET_END.search(text) is None:
        told, _ = sentence_items(text, names, form)
        if told:
            return told
    item = from_line(text, names, form)
    return [item] if item is not None else []
