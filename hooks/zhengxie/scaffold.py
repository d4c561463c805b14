"""`python -m zhengxie new`: a new document and its data-file skeleton, built from data/sections.yml.

The headings come from the same section rules the check uses, so a new document never disagrees
with the check. The skeleton holds no placeholders (no xxx): what the editor still has to fill is
empty ("", [], or no value), which the check reports as errors with clear messages
(e.g. 字段“lead”不能为空), and the empty sections as warnings (章节内容为空). Existing files are never
overwritten.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .checks import _text
from .loader import DATA, DOCS, load_vocabulary
from .outline import int_to_chinese

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
YEAR = re.compile(r"^[0-9]{4}$")
PLAN_ITEMS_SECTION = "协商议题"  # consultation plans: the item table goes into this section
MACROS = {
    ("plan-items", PLAN_ITEMS_SECTION): "{{ plan_items() }}",
    ("summary-figures", None): "{{ summary_figures() }}",  # summaries: the figures go into the first section
}


class ScaffoldError(Exception):
    """A request that cannot be fulfilled; the message is Chinese and names the fix."""


@dataclass
class Created:
    doc_id: str
    paths: list = field(default_factory=list)
    next_steps: str = ""


def scaffold(root: Path, kind: str, body: str, year: str | int, type_: str | None = None,
             slug: str | None = None, today: dt.date | None = None) -> Created:
    root = Path(root)
    corpus = load_vocabulary(root)
    vocab = corpus.vocab
    kind_obj = vocab.kinds.get(kind) or vocab.kind_of_folder(kind)
    if kind_obj is None:
        raise ScaffoldError(f"未知的文档种类“{kind}”{_text.did_you_mean(kind, vocab.kinds)}。可选："
                            + _text.join(f"{k.id}（{k.name}）" for k in vocab.kinds.values()))
    body_obj = vocab.bodies.get(body)
    if body_obj is None:
        raise ScaffoldError(f"data/bodies.yml 中没有机关“{body}”{_text.did_you_mean(body, vocab.bodies)}。"
                            f"可选：{_text.join(vocab.bodies)}；新的发文机关先在 data/bodies.yml 中添加")
    year = str(year).strip()
    if not YEAR.match(year):
        raise ScaffoldError(f"年份“{year}”不对：写四位数字，例如 2019")
    if type_ is None:
        type_ = next(iter(kind_obj.types), None)
    elif type_ not in kind_obj.types:
        raise ScaffoldError(f"“{kind_obj.name}”没有类型“{type_}”{_text.did_you_mean(type_, kind_obj.types)}。可选："
                            + _text.join(f"{t.id}（{t.name}）" for t in kind_obj.types.values()))
    if slug is None:
        slug = _default_slug(kind_obj.id, type_)
    if not SLUG.match(slug):
        raise ScaffoldError(f"--slug “{slug}”不对：只用英文小写字母、数字和连字符，例如 consultation-plan")
    doc_id = f"{year}-{body}-{slug}"
    md_path = f"{DOCS}/{kind_obj.folder}/{doc_id}.md"
    data_path = f"{DATA}/{kind_obj.folder}/{doc_id}.yml"
    profiles = vocab.profiles_for(kind_obj.id, type_, body)
    sections = list(profiles[0].sections) if profiles else []
    with_data = kind_obj.data in SKELETONS
    for path in [md_path] + ([data_path] if with_data else []):
        if (root / path).exists():
            raise ScaffoldError(f"文件已存在：{path}，不会覆盖。请换一个 --slug，或直接编辑已有的文件")

    today = today or dt.date.today()
    date = today.isoformat() if today.year == int(year) else f"{year}-01-01"
    doc_type = kind_obj.type_of(type_)
    type_name = doc_type.name if doc_type else kind_obj.name
    title = f"{body_obj.short}{year}{type_name}" if type_name.startswith("年") else f"{body_obj.short}{year}年{type_name}"
    period = None
    if doc_type is not None and doc_type.period:
        period = f"{year}-H1" if doc_type.period == "half-year" else year

    created = Created(doc_id)
    _write(root / md_path, _markdown(kind_obj, title, type_, body, date, period, sections))
    created.paths.append(md_path)
    if with_data:
        _write(root / data_path, SKELETONS[kind_obj.data])
        created.paths.append(data_path)
    created.next_steps = (
        "下一步：在 " + "、".join(created.paths) + " 中填写标题下的正文和空着的字段"
        + ("（半年总结的 period 默认是上半年 H1，下半年请改成 H2）" if doc_type and doc_type.period == "half-year" else "")
        + "，然后运行 make check：它会列出还空着的章节（警告）和未填写的字段（错误）。"
    )
    return created


def _default_slug(kind: str, type_: str | None) -> str:
    if not type_:
        return kind
    return type_ if type_.startswith(kind) else f"{type_}-{kind}"


def _markdown(kind_obj, title: str, type_: str | None, body: str, date: str, period: str | None,
              sections: list) -> str:
    kind = kind_obj.id
    lines = [f"title: {_scalar(title)}", f"kind: {kind}"]
    if type_:
        lines.append(f"type: {type_}")
    lines += [f"body: {body}", f"date: {date}"]
    if period:
        lines.append(f'period: "{period}"')
    lines.append("topics: []")
    front = "\n".join(lines) + "\n"
    parts = [f"---\n{front}---\n"]
    for index, spec in enumerate(sections):
        parts.append(f"## {int_to_chinese(index + 1)}、{spec.name}\n")
        macro = MACROS.get((kind_obj.data, spec.name)) or (MACROS.get((kind_obj.data, None)) if index == 0 else None)
        if macro:
            parts.append(f"{macro}\n")
    return "\n".join(parts)


def _scalar(text: str) -> str:
    """`text` as a YAML value, quoted only when it has to be."""
    dumped = yaml.safe_dump(text, allow_unicode=True, default_style=None).strip()
    return dumped[: -len("...")].strip() if dumped.endswith("...") else dumped


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)


PLAN_SKELETON = """\
# yaml-language-server: $schema=../schemas/plan-data.schema.json
# 协商项目：每项一个条目，需要几项就复制几份（编号 p01、p02……）。
# 计划正文写明了项目总数时，在 items 上面加一行 stated_count: 总数。
items:
  - id: p01
    title: ""         # 协商议题
    form: ""          # 协商形式编号，见 data/forms.yml，例如 bimonthly-forum
    time: ""          # 照原件写：3月、第二季度、下半年、全年；原件没有写明时写 原文未载
    roles:
      lead-unit: ""   # 牵头单位；原件没有写明时写 原文未载（其他角色见 data/roles.yml）
"""

SUMMARY_SKELETON = """\
# yaml-language-server: $schema=../schemas/summary-data.schema.json
# 提案办理情况（总结没有提到提案时，删去整个 proposals 段）。
proposals:
  received:           # 收到提案（件）
  filed:              # 立案（件），不大于收到的件数
  answered:           # 已答复（件），不大于立案件数
# 可选：answer_rate、solved_rate、satisfaction_rate（百分数，写在 proposals 下）、
# social_opinions（社情民意件数）、figures（其他数字）、reports（协商计划项目的落实情况），写法见编辑指南。
"""

# The data-file skeleton of each data model (data/kinds.yml `data`).
SKELETONS = {"plan-items": PLAN_SKELETON, "summary-figures": SUMMARY_SKELETON}
