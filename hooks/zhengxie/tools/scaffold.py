"""`python -m zhengxie new`: a new document and its data-file skeleton, built from the registry.

Everything comes from data/: the kind and type from kinds.yml, the headings from the type's first
section profile (sections.yml), the front-matter fields from fields.yml and the data-file skeleton
from the kind's data model. Nothing is guessed on the editor's behalf: what only the original can
say (its title, its 成文日期, a half-year or a session as its period) is left as a commented line
with the field's help, so `make check` reports it as missing (ZX215, whose hint offers 原文未载 where
the field allows it); today's date is never written as the document's. What the editor chose on
the command line (kind, type, body, the year of a yearly document) is filled in. The skeleton holds
no placeholders (no xxx); empty values ("" or []) are reported as empty (ZX205), empty sections as
warnings (ZX303). Existing files are never overwritten.

Paths are made of a kind's folder (data/kinds.yml) and ids (data/bodies.yml, the types), which a
pull request can change: a command writes only docs/<folder>/<id>.md and data/<folder>/<id>.yml
with a slug folder and id, and only once the resolved path (`..` and symbolic links followed) lies
inside the repository's docs/ or data/ (document_paths, write_new); anything else is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from zhengxie.checks import wording
from zhengxie.model.corpus import Body, DocType, Kind, Profile, SectionSpec, Vocabulary
from zhengxie.registry.problems import printable
from zhengxie.sources.loader import DATA, DOCS, load_vocabulary
from zhengxie.text.outline import int_to_chinese
from zhengxie.text.values import NOT_STATED_TEXT

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # whole values only (fullmatch): no trailing newline
YEAR = re.compile(r"[0-9]{4}")

# Where a data model's macro goes: plan items into the section that arranges them (by its name in
# data/sections.yml), a summary's figures into the first section.
ITEM_SECTIONS = ("协商议题", "工作安排", "主要任务")
MACROS = {"plan-items": "{{ plan_items() }}", "summary-figures": "{{ summary_figures() }}"}

# Optional fields never offered as commented lines (they are the editor's own annotations or
# written by the site, and the guide explains them).
NOT_OFFERED = ("title",)
OPTIONAL_NOTE = "可选"
CHAPTER = "第{n}章　{name}"
NUMBERED = "{n}、{name}"


class ScaffoldError(Exception):
    """A request that cannot be fulfilled; the message is Chinese and names the fix."""


@dataclass
class Created:
    doc_id: str
    paths: list[str] = field(default_factory=list)
    next_steps: str = ""


def scaffold(
    root: Path, kind: str, body: str, year: str | int, type_: str | None = None, slug: str | None = None
) -> Created:
    root = Path(root)
    vocab = load_vocabulary(root).vocab
    kind_obj, body_obj = _kind(vocab, kind), _body(vocab, body)
    year = str(year).strip()
    if not YEAR.fullmatch(year):
        raise ScaffoldError(f"年份“{printable(year)}”不对：写四位数字，例如 2019")
    type_ = _type(kind_obj, type_)
    if slug is None:
        slug = default_slug(kind_obj.id, type_)  # from data/kinds.yml: document_paths checks it
    elif not SLUG.fullmatch(slug):
        raise ScaffoldError(f"--slug “{printable(slug)}”不对：只用英文小写字母、数字和连字符，例如 consultation-plan")
    doc_id = f"{year}-{body}-{slug}"
    md_path, data_path = document_paths(root, kind_obj.folder, doc_id)
    skeleton = SKELETONS.get(kind_obj.data or "")
    for path in [md_path] + ([data_path] if skeleton else []):
        if (root / path).exists():
            raise ScaffoldError(f"文件已存在：{path}，不会覆盖。请换一个 --slug，或直接编辑已有的文件")

    doc_type = kind_obj.type_of(type_)
    profiles = vocab.profiles_for(kind_obj.id, type_, body)
    profile = profiles[0] if profiles else None
    known = {"kind": kind_obj.id, "type": type_, "body": body, "period": _period(doc_type, year), "year": year}
    front = front_matter(
        vocab, kind_obj, type_, known, _title(body_obj, year, doc_type, kind_obj), _structure_note(profile, profiles)
    )
    created = Created(doc_id)
    write_new(root, md_path, front + _sections(kind_obj.data, profile))
    created.paths.append(md_path)
    if skeleton:
        write_new(root, data_path, skeleton(vocab))
        created.paths.append(data_path)
    created.next_steps = (
        "下一步：照原件填写 " + "、".join(created.paths) + "：去掉文首注释行开头的“# ”填上标题、成文日期等"
        "（原件没有写明的写 " + NOT_STATED_TEXT + "，不要推断），写好各节正文；"
        "然后运行 make check：它会列出还没填的字段（错误 ZX215、ZX205）和还空着的章节（警告 ZX303）。"
    )
    return created


def _kind(vocab: Vocabulary, kind: str) -> Kind:
    """The kind by its id or its folder."""
    found = vocab.kinds.get(kind) or vocab.kind_of_folder(kind)
    if found is None:
        raise ScaffoldError(
            f"未知的文档种类“{printable(kind)}”{wording.did_you_mean(kind, vocab.kinds)}。可选："
            + wording.join(f"{k.id}（{k.name}）" for k in vocab.kinds.values())
        )
    return found


def _body(vocab: Vocabulary, body: str) -> Body:
    found: Body | None = vocab.bodies.get(body)
    if found is None:
        raise ScaffoldError(
            f"data/bodies.yml 中没有机关“{printable(body)}”{wording.did_you_mean(body, vocab.bodies)}。"
            f"可选：{wording.join(vocab.bodies)}；新的发文机关先在 data/bodies.yml 中添加"
        )
    return found


def _type(kind_obj: Kind, type_: str | None) -> str | None:
    """The type asked for, or the kind's first (its default)."""
    if type_ is None:
        return next(iter(kind_obj.types), None)
    if type_ not in kind_obj.types:
        raise ScaffoldError(
            f"“{kind_obj.name}”没有类型“{printable(type_)}”{wording.did_you_mean(type_, kind_obj.types)}。"
            "可选：" + wording.join(f"{t.id}（{t.name}）" for t in kind_obj.types.values())
        )
    return type_


def default_slug(kind: str, type_: str | None) -> str:
    if not type_:
        return kind
    return type_ if type_.startswith(kind) else f"{type_}-{kind}"


def _period(doc_type: DocType | None, year: str) -> str | None:
    """The period when the request settles it: a yearly document's year. A half-year, a range or a
    session is the original's to state."""
    return year if doc_type is not None and doc_type.period == "year" else None


def _title(body_obj: Body, year: str, doc_type: DocType | None, kind_obj: Kind) -> str:
    """A suggested title, offered in a comment only: the title is the original's."""
    name = doc_type.name if doc_type else kind_obj.name
    return f"{body_obj.short}{year}{name}" if name.startswith("年") else f"{body_obj.short}{year}年{name}"


def _structure_note(profile: Profile | None, profiles: list[Profile]) -> list[str]:
    """Comment lines naming the structure the headings follow, its optional sections and the
    other structures the type allows (an empty optional section still warns, so the note is kept
    out of the body)."""
    if profile is None:
        return []
    lines = [f"# 正文章节按结构 {profile.id}（{profile.name}）写出。"]
    optional = [spec.name for spec in profile.sections if spec.optional]
    if optional:
        lines.append("# 可选章节：" + "、".join(f"“{name}”" for name in optional) + "，原件没有时连同标题删去。")
    others = [p for p in profiles if p is not profile]
    if others:
        lines.append(
            "# 原件是别的结构时，改用 profile: "
            + " 或 ".join(f"{p.id}（{p.name}）" for p in others)
            + "；哪种都不合时，用 waive 写明原因和豁免的内容（照检查提示抄写）。"
        )
    return lines


def front_matter(
    vocab: Vocabulary, kind_obj: Kind, type_: str | None, known: dict[str, Any], title: str, structure: list[str]
) -> str:
    """The front matter: what is known filled in, what the original must say as commented lines."""
    doc_type = kind_obj.type_of(type_)
    half_year = known.get("year") if doc_type is not None and doc_type.period == "half-year" else None
    required: list[str] = []
    optional: list[str] = []
    for spec in vocab.fields.values():
        if not spec.applies_to(kind_obj.id):
            continue
        value = known.get(spec.id)  # `make new` knows the request's fields; `make import` what it read
        if value is not None:
            required.append(f"{spec.id}: {_yaml_value(value)}")
        elif spec.required_for(kind_obj.id, type_):
            hint = f"{spec.label}（必填）：{spec.help}"
            if spec.id == "title":
                hint += f"。建议：{title}"
            elif spec.id == "period" and half_year:
                hint += f'。本类型写 "{half_year}-H1"（上半年）或 "{half_year}-H2"（下半年）'
            required.append(f"# {spec.id}:{' ' * max(1, 14 - len(spec.id))}# {hint}")
        elif spec.id == "topics":
            required.append(f"topics: []{' ' * 10}# {spec.label}：{spec.help}")
        elif spec.id not in NOT_OFFERED:
            optional.append(
                f"# {spec.id}:{' ' * max(1, 14 - len(spec.id))}# {spec.label}（{OPTIONAL_NOTE}）：{spec.help}"
            )
    lines = [
        "# 以“# 字段:”开头的行要照原件填写：去掉开头的“# ”再填值。"
        f"原件没有写明、注明可写{NOT_STATED_TEXT}的字段写 {NOT_STATED_TEXT}，不要推断或编造。"
    ]
    lines += required
    lines += structure
    if optional:
        lines.append("# ---- 以下字段原件写了才填 ----")
        lines += optional
    return "---\n" + "\n".join(lines) + "\n---\n"


def _sections(data_model: str | None, profile: Profile | None) -> str:
    """The profile's sections as ## headings, numbered the way the profile expects (chapters when
    it applies to chaptered documents), and the data model's macro in its section."""
    specs: list[SectionSpec] = list(profile.sections) if profile else []
    style = _heading_style(profile, specs)
    macro = MACROS.get(data_model or "")
    macro_at = _macro_section(data_model, specs) if macro else None
    parts: list[str] = []
    for index, spec in enumerate(specs):
        parts.append("## " + style.format(n=int_to_chinese(index + 1), name=spec.name) + "\n")
        if index == macro_at:
            parts.append(f"{macro}\n")
    if macro and macro_at is None:  # a profile without the section: the macro still has a place
        parts.append(f"{macro}\n")
    return "\n" + "\n".join(parts) if parts else ""


def _heading_style(profile: Profile | None, specs: list[SectionSpec]) -> str:
    """Chapters (第一章) when the profile applies to chaptered documents, else 一、二、."""
    heading = profile.heading if profile is not None else None
    if heading is None:
        return NUMBERED
    first = specs[0].name if specs else ""
    return next((s for s in (CHAPTER, NUMBERED) if heading.search(s.format(n=int_to_chinese(1), name=first))), NUMBERED)


def _macro_section(data_model: str | None, specs: list[SectionSpec]) -> int | None:
    """The section the data model's macro goes into: plan items into the one arranging them, a
    summary's figures into the first."""
    if data_model == "plan-items":
        return next((i for i, spec in enumerate(specs) if spec.name in ITEM_SECTIONS), None)
    return 0 if specs else None


def _scalar(value: str) -> str:
    """`value` as a YAML value, quoted when YAML would read it as something else (a year as a number)."""
    if value.isdigit():
        return f'"{value}"'
    dumped = str(yaml.safe_dump(value, allow_unicode=True, default_style=None)).strip()
    return dumped[: -len("...")].strip() if dumped.endswith("...") else dumped


def _yaml_value(value: object) -> str:
    """A front-matter value on one line: a scalar, or a list or mapping in YAML's flow style."""
    if isinstance(value, (list, tuple, dict)):
        return str(
            yaml.safe_dump(
                value if not isinstance(value, tuple) else list(value),
                allow_unicode=True,
                default_flow_style=True,
                width=10_000,
                sort_keys=False,
            )
        ).strip()
    return _scalar(str(value))


class DocumentPaths(NamedTuple):
    text: str  # docs/<folder>/<id>.md
    data: str  # data/<folder>/<id>.yml


def document_paths(root: Path, folder: str, doc_id: str) -> DocumentPaths:
    """A document's two files, relative to the root; ScaffoldError unless the folder and the id are
    slugs and both files lie inside docs/ and data/."""
    if not SLUG.fullmatch(folder):
        raise ScaffoldError(
            f"data/kinds.yml 中的文件夹名“{printable(folder)}”不对：只能用英文小写字母、数字和连字符。"
            "先运行 make check，按它的提示改正 data/kinds.yml"
        )
    if not SLUG.fullmatch(doc_id):
        raise ScaffoldError(
            f"文档编号“{printable(doc_id)}”不对：只能用英文小写字母、数字和连字符。编号由年份、"
            "data/bodies.yml 的机关编号和 data/kinds.yml 的类型编号组成：先运行 make check，按它的提示改正"
        )
    paths = DocumentPaths(f"{DOCS}/{folder}/{doc_id}.md", f"{DATA}/{folder}/{doc_id}.yml")
    for rel in paths:
        inside(root, rel)
    return paths


def inside(root: Path, rel: str) -> Path:
    """root/rel when, with `..` and symbolic links resolved, it lies inside the repository's docs/
    or data/; ScaffoldError otherwise."""
    path = Path(root) / rel
    target = path.resolve()
    if not any((Path(root) / top).resolve() in target.parents for top in (DOCS, DATA)):
        raise ScaffoldError(
            f"拒绝写入 {printable(rel)}：它不在本仓库的 {DOCS}/ 或 {DATA}/ 文件夹中"
            "（路径含有“..”，或经符号链接指向别处）。路径由 data/ 中的文件夹名和编号拼成："
            "先运行 make check，按它的提示改正"
        )
    return path


def write_new(root: Path, rel: str, text: str) -> None:
    """Write a new file root/rel inside docs/ or data/, never over an existing one."""
    path = inside(root, rel)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, never through a link
            handle.write(text)
    except FileExistsError as error:
        raise ScaffoldError(f"文件已存在：{printable(rel)}，不会覆盖") from error
    except OSError as error:
        raise ScaffoldError(f"无法写入 {printable(rel)}：{printable(error.strerror or str(error))}") from error


PLAN_SKELETON = f"""\
# yaml-language-server: $schema=../schemas/plan-data.schema.json
# 计划中的各项活动：每项一个条目，需要几项就复制几份（编号 p01、p02……），照原件写，原件详略不一就详略不一。
# 计划正文写明了项目数时，在 items 上面加一行 stated_count: 18（约数照写：stated_count: 10件左右）。
# 计划没有逐项列出活动时，删去本文件和正文中的 {{{{ plan_items() }}}}。
items:
  - id: p01
    title: ""          # 议题，照原件写
    form: ""           # 协商形式编号，见 data/forms.yml，例如 bimonthly-forum；一个议题经过几种形式时改写 stages
    # time:            # 时间，照原件写：3月、第二季度、上半年、全年、3月至5月；该形式要求写时间而原件没有写明时写 {NOT_STATED_TEXT}
    # roles:           # 牵头和参加的单位或领导（角色见 data/roles.yml），原件写了才写
    #   lead-unit:     # 牵头单位；该形式要求写而原件没有写明时写 {NOT_STATED_TEXT}
    #   participants: []
    # topics: []       # 专题编号（data/topics.yml）
    # points: []       # 原件在该项下列出的主要内容
"""

SUMMARY_SKELETON = """\
# yaml-language-server: $schema=../schemas/summary-data.schema.json
# 总结或报告里的数字：照原件写（“20余”“99%以上”照写），原件没有的数字不要推算或补写。写法见编辑指南的“数据”。
# 每个数字一行：把 figures: [] 改成 figures:，再去掉所需各行行首的“# ”；登记的数据项写 measure，其他数字写 label 和 unit。
# 原件的数字前后不一致（分项合计与总数不符等）时照原样写，并照检查提示加 sic: {{reason: 原因, printed: 原文所印, computed: 计算所得}}（原文如此）。
# reports:             # 对协商计划各项的落实情况，例如 - {{item: 2023-某计划#p01, status: held, date: 2023-04-20}}
figures: []
{measures}#   - {{label: 专题视察, value: 4, unit: 次}}
"""


def _summary_skeleton(vocab: Vocabulary) -> str:
    """The summary data skeleton, listing the registered measures (data/measures.yml) as comments."""
    lines: list[str] = []
    for group in dict.fromkeys(m.group for m in vocab.measures.values()):
        names = "、".join(f"{m.id}（{m.name}）" for m in vocab.measures.values() if m.group == group)
        lines.append(f"# {group}：{names}\n")
    example = next(iter(vocab.measures), "proposals-received")
    lines.append(f"#   - {{measure: {example}, value: 100}}\n")
    return SUMMARY_SKELETON.format(measures="".join(lines))


# The data-file skeleton of each data model (data/kinds.yml `data`).
SKELETONS: dict[str, Callable[[Vocabulary], str]] = {
    "plan-items": lambda vocab: PLAN_SKELETON,
    "summary-figures": _summary_skeleton,
}
