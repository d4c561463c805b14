"""The clerks' browser editor at admin/: Decap CMS, configured from the registry.

The configuration is generated, never written by hand: a collection per document kind (data/kinds.yml)
with the front-matter fields of data/fields.yml (Chinese label, help as the hint, 原文未载 offered as a
choice where the table allows it), the data files of plans and summaries (items and figures as lists
whose forms, topics, roles and measures are chosen by their Chinese names), and the bodies of
data/bodies.yml. Ids are never typed: a new document's file name, a new item's id and a new body's id
are made on saving (cms_editor.js). The scripts are the npm packages pinned in package-lock.json,
published from node_modules/ (`npm ci`); without them admin/ says how to install them.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import yaml

from zhengxie.model.corpus import Corpus, Document, Field, Kind, Vocabulary
from zhengxie.registry.problems import CodeInfo, Reporter
from zhengxie.text.values import NOT_STATED_TEXT

Json = dict[str, Any]

ADMIN = "admin"
PROXY_PORT = "8081"  # decap-server's port on 127.0.0.1 (`make edit CMS_PORT=…` sets ZX_CMS_PORT)
EDITOR_JS = Path(__file__).with_name("cms_editor.js")
# site file under admin/ -> the file npm installed (package-lock.json pins the versions)
VENDOR = {
    "decap-cms.js": "decap-cms/dist/decap-cms.js",
    "decap-cms.js.LICENSE.txt": "decap-cms/dist/decap-cms.js.LICENSE.txt",
    "js-yaml.min.js": "js-yaml/dist/js-yaml.min.js",
    "pinyin-pro.js": "pinyin-pro/dist/index.js",
}
CHUNKS = "decap-cms/dist"  # the chunks decap-cms.js loads from beside itself: <n>.decap-cms.js
SCHEMAS = {"plan-items": "plan-data.schema.json", "summary-figures": "summary-data.schema.json"}
DATA_COLLECTIONS = {
    "plan-items": ("plan-items", "协商计划的项目"),
    "summary-figures": ("summary-figures", "工作总结的数字"),
}
BODIES = "bodies"  # the collection (and its one file) that edits data/bodies.yml
HELPER = "zx_"  # fields of the editor only, never written to a file (cms_editor.js drops them)
TEXT = "zx_text"  # a document's Markdown body: `body` is the front-matter field 所属机构


def files(root: Path, corpus: Corpus) -> list[tuple[str, str]]:
    """(site path, content) of the editor: admin/index.html, config.yml, zx-cms.js and the pinned
    scripts from node_modules/ (left out when npm has not installed them; the page then says so)."""
    settings = config(root, corpus)
    modules = root / "node_modules"
    present = installed(root)
    page = INDEX_HTML if present else INDEX_HTML.replace(VENDOR_SCRIPTS, "")  # no link to a missing file
    generated = [
        (f"{ADMIN}/index.html", page),
        (f"{ADMIN}/config.yml", yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=1000)),
        (f"{ADMIN}/zx-cms.js", editor_script(corpus.vocab, settings)),
    ]
    if not present:
        return generated
    vendor = [(name, modules / path) for name, path in VENDOR.items()]
    vendor += [(p.name, p) for p in sorted((modules / CHUNKS).glob("*.decap-cms.js"))]
    return generated + [(f"{ADMIN}/{name}", path.read_text(encoding="utf-8")) for name, path in vendor]


def installed(root: Path) -> bool:
    """Whether npm has installed the editor's scripts (package-lock.json): admin/ then works."""
    return (root / "node_modules" / VENDOR["decap-cms.js"]).is_file()


def deployed(root: Path) -> bool:
    """Whether admin/ edits a repository: the scripts are installed and it knows which repository
    (ZX_CMS_REPO, the site workflow passes github.repository) or runs against this working copy
    (`make edit` sets ZX_CMS_PORT for decap-server)."""
    return installed(root) and bool(os.environ.get("ZX_CMS_REPO") or os.environ.get("ZX_CMS_PORT"))


def entry_url(corpus: Corpus, doc: Document) -> str | None:
    """The editor's page for a document, relative to the site's root: admin/#/collections/<collection>/
    entries/<slug>, the collection named as `document_collection` names it (the kind's folder) and the
    slug the file name. None for a document the editor does not list (one in a sub-folder)."""
    kind = corpus.vocab.kinds.get(doc.kind)
    if kind is None or doc.src_uri != f"{kind.folder}/{doc.id}.md":
        return None
    return f"{ADMIN}/#/collections/{kind.folder}/entries/{doc.id}"


def edit_url(root: Path, corpus: Corpus, doc: Document | None) -> str | None:
    """Where 编辑本页 leads for a document: the editor's entry when admin/ is deployed, else None (the
    page keeps the repository's web editor, mkdocs.yml repo_url + edit_uri, when one is configured)."""
    if doc is None or not deployed(root):
        return None
    return entry_url(corpus, doc)


# ---- config.yml ----------------------------------------------------------------------------------------


def config(root: Path, corpus: Corpus) -> Json:
    reporter = corpus.reporter
    vocab, waivers = corpus.vocab, waivable(reporter.catalogue if isinstance(reporter, Reporter) else {})
    port = os.environ.get("ZX_CMS_PORT", PROXY_PORT)
    backend: Json = {
        "name": "github",
        "repo": os.environ.get("ZX_CMS_REPO", "OWNER/REPOSITORY"),
        "branch": "main",
        "squash_merges": True,
        "commit_messages": {
            "create": "新建 {{collection}}：{{slug}}",
            "update": "修改 {{collection}}：{{slug}}",
            "delete": "删除 {{collection}}：{{slug}}",
        },
    }
    if os.environ.get("ZX_CMS_AUTH"):
        backend["base_url"] = os.environ["ZX_CMS_AUTH"]
    collections = [document_collection(vocab, kind, waivers) for kind in vocab.kinds.values()]
    collections += [data_collection(vocab, kind) for kind in vocab.kinds.values() if kind.data in DATA_COLLECTIONS]
    collections.append(bodies_collection(root, vocab))
    return {
        "locale": "zh_Hans",
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": f"http://127.0.0.1:{port}/api/v1"},
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "editor": {"preview": True},
        "collections": collections,
    }


def document_collection(vocab: Vocabulary, kind: Kind, waivers: list[Json]) -> Json:
    fields = [field_widget(vocab, kind, spec, waivers) for spec in vocab.fields.values() if spec.applies_to(kind.id)]
    fields.append(
        {
            "name": TEXT,
            "label": "正文",
            "widget": "markdown",
            "modes": ["raw"],
            "required": False,
            "default": skeleton(vocab, kind),
            "hint": "照原件写正文：“## 一、……”是一节的标题；{{ … }} 一行是数据表的位置，保留不改",
        }
    )
    return {
        "name": kind.folder,
        "label": kind.name,
        "label_singular": kind.name,
        "folder": f"docs/{kind.folder}",
        "extension": "md",
        "format": "zx-md",
        "create": True,
        "slug": "{{zx_id}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "filter": {"field": "kind", "value": kind.id},
        "description": f"{kind.name}：新建时文件名由年份、所属机构和类别自动生成",
        "fields": fields,
    }


def field_widget(vocab: Vocabulary, kind: Kind, spec: Field, waivers: list[Json]) -> Json:
    """One front-matter field: its label and help from data/fields.yml, a widget by its type."""
    required = spec.required_for(kind.id, None)  # required for a kind/type pair only: the check tells
    base: Json = {"name": spec.id, "label": spec.label, "hint": spec.help, "required": required}
    if spec.id == "kind":
        return base | {"widget": "hidden", "default": kind.id}
    if spec.id == "type":
        return base | {
            "widget": "select",
            "options": options({t.id: t.name for t in kind.types.values()}),
            "default": next(iter(kind.types), None),
        }
    if spec.id == "profile":
        profiles = {p: vocab.profiles[p].name for t in kind.types.values() for p in t.profiles if p in vocab.profiles}
        return base | {"widget": "select", "options": options(profiles), "required": False}
    if spec.type == "ref" and spec.vocabulary == "bodies":
        return base | body_relation()
    if spec.type in ("ref", "refs"):
        names = {k: v.name for k, v in getattr(vocab, spec.vocabulary, {}).items()}
        return base | {"widget": "select", "options": options(names), "multiple": spec.type == "refs"}
    if spec.type in ("doc-ref", "doc-refs"):
        return base | {
            "widget": "relation",
            "collection": kind.folder,
            "value_field": "{{slug}}",
            "search_fields": ["title"],
            "display_fields": ["title"],
            "multiple": spec.type == "doc-refs",
        }
    if spec.type == "choice":
        return base | {"widget": "select", "options": options(spec.choices)}
    if spec.type == "flag":
        return base | {"widget": "boolean"}
    if spec.type == "waivers":
        return base | {
            "widget": "list",
            "label_singular": "豁免",
            "summary": "{{fields.code}}：{{fields.reason}}",
            "fields": [
                {"name": "code", "label": "问题", "widget": "select", "options": waivers},
                {
                    "name": "reason",
                    "label": "原因",
                    "widget": "string",
                    "hint": "原件本来就与常规格式不同的原因，页面显示为编者注",
                },
                {
                    "name": "scope",
                    "label": "豁免的内容",
                    "widget": "string",
                    "hint": "照检查提示抄写：缺少的章节名、编号或数目（例如 附则、写明11，列出4）；只豁免这一处",
                },
            ],
        }
    if spec.type == "adoption":
        return base | {
            "widget": "object",
            "collapsed": True,
            "fields": [
                {"name": "meeting", "label": "会议", "widget": "string", "required": False, "hint": "例如 主席会议"},
                {"name": "session", "label": "届次", "widget": "string", "required": False, "hint": "例如 第十三届"},
                stated("date", "通过日期", "date", True, required=False),
                {
                    "name": "caption",
                    "label": "题注",
                    "widget": "string",
                    "required": False,
                    "hint": "标题下的题注，照原件写",
                },
            ],
        }
    if spec.type == "inferred":  # a year the original does not state, inferred with its basis
        # Both parts optional here: Decap validates an empty optional object's required parts, so a
        # document without an inferred year could not be saved; the check asks for both when one is given.
        return base | {
            "widget": "object",
            "collapsed": True,
            "fields": [
                {
                    "name": "value",
                    "label": "推定的年份",
                    "widget": "number",
                    "value_type": "int",
                    "min": 1000,
                    "max": 9999,
                    "required": False,
                },
                {
                    "name": "basis",
                    "label": "推定的依据",
                    "widget": "string",
                    "hint": "例如 依据“九届二次会议”推定",
                    "required": False,
                },
            ],
        }
    if spec.id == "sample_note":
        return base | {"widget": "text"}
    mode = {"date": "date", "texts": "texts"}.get(spec.type, "text")
    if mode != "text" or spec.not_stated:
        return base | stated(spec.id, spec.label, mode, spec.not_stated)
    return base | {"widget": "string"}


def stated(name: str, label: str, mode: str, not_stated: bool, **more: Any) -> Json:
    """The editor's own widget: a text, a date (YYYY-MM-DD) or names one per line, and — where the
    original may leave it out — the explicit choice 原文未载."""
    return {"name": name, "label": label, "widget": "zx-value", "zx_mode": mode, "zx_not_stated": not_stated} | more


def options(names: dict[str, str]) -> list[Json]:
    return [{"label": name, "value": key} for key, name in names.items()]


def body_relation() -> Json:
    """所属机构 chosen by name from data/bodies.yml as the editor holds it (a body added there is
    offered at once)."""
    return {
        "widget": "relation",
        "collection": BODIES,
        "file": BODIES,
        "value_field": "zx_list.*.id",
        "search_fields": ["zx_list.*.short", "zx_list.*.name"],
        "display_fields": ["zx_list.*.short"],
        "options_length": 500,
    }


def waivable(catalogue: dict[str, CodeInfo]) -> list[Json]:
    """The problems a document may waive (data/problems.yml `waivable`), by code and title."""
    return [{"label": f"{c.code} {c.title}", "value": c.code} for c in catalogue.values() if c.waivable]


def skeleton(vocab: Vocabulary, kind: Kind) -> str:
    """A new document's body: the headings of its kind's first structure (data/sections.yml), the
    data table's macro in the section that arranges the items (or the first)."""
    doc_type = next(iter(kind.types.values()), None)
    profile = vocab.profiles.get(doc_type.profiles[0]) if doc_type and doc_type.profiles else None
    names = [s.name for s in profile.sections if not s.optional] if profile else []
    macro = {"plan-items": "{{ plan_items() }}", "summary-figures": "{{ summary_figures() }}"}.get(kind.data or "")
    at = next((i for i, n in enumerate(names) if n in ("协商议题", "工作安排", "主要任务")), 0)
    parts = []
    for index, name in enumerate(names):
        parts.append(f"## {NUMERALS[index]}、{name}\n\n" + (f"{macro}\n\n" if macro and index == at else ""))
    return "".join(parts) or (f"{macro}\n" if macro else "")


NUMERALS = "一二三四五六七八九十"


# ---- the data files ------------------------------------------------------------------------------------


def data_collection(vocab: Vocabulary, kind: Kind) -> Json:
    name, label = DATA_COLLECTIONS[kind.data or ""]
    owner = {
        "name": "zx_of",
        "label": f"所属{kind.name}",
        "widget": "relation",
        "collection": kind.folder,
        "value_field": "{{slug}}",
        "search_fields": ["title"],
        "display_fields": ["title"],
        "required": False,
        "hint": f"新建时选择：数据属于哪一篇{kind.name}（先在“{kind.name}”中保存该文档）；已有的文件不用选",
    }
    head = {
        "name": "zx_head",
        "widget": "hidden",
        "default": f"# yaml-language-server: $schema=../schemas/{SCHEMAS[kind.data or '']}",
    }
    fields = plan_fields(vocab) if kind.data == "plan-items" else summary_fields(vocab)
    return {
        "name": name,
        "label": label,
        "label_singular": label,
        "folder": f"data/{kind.folder}",
        "extension": "yml",
        "format": "zx-yml",
        "create": True,
        "slug": "{{zx_of}}",
        "identifier_field": "zx_of",
        "summary": "{{slug}}",
        "description": f"{label}：文件名与所属{kind.name}相同，选定后自动生成",
        "fields": [owner, head, *fields],
    }


def plan_fields(vocab: Vocabulary) -> list[Json]:
    forms = options({f.id: f.name for f in vocab.forms.values()})
    topics = options({t.id: t.name for t in vocab.topics.values()})
    roles = [
        stated(r.id, r.name, "texts", True, required=False, hint="每行一个单位或领导，照原件写")
        for r in vocab.roles.values()
    ]
    time_hint = "照原件写：3月、第二季度、下半年、全年……"
    item = [
        {"name": "id", "label": "编号", "widget": "hidden", "required": False},
        {"name": "title", "label": "协商议题", "widget": "string", "hint": "照原件写"},
        {
            "name": "form",
            "label": "协商形式",
            "widget": "select",
            "options": forms,
            "required": False,
            "hint": "一个议题经过几种形式时不选，改写下面的“阶段”",
        },
        stated("time", "时间", "text", True, required=False, hint=time_hint),
        {
            "name": "roles",
            "label": "牵头和参加单位",
            "widget": "object",
            "collapsed": False,
            "required": False,
            "fields": roles,
        },
        {"name": "topics", "label": "专题", "widget": "select", "options": topics, "multiple": True, "required": False},
        {"name": "summary", "label": "协商重点", "widget": "text", "required": False, "hint": "一句话（可选）"},
        {
            "name": "points",
            "label": "主要内容",
            "widget": "list",
            "required": False,
            "label_singular": "要点",
            "field": {"name": "point", "label": "要点", "widget": "string"},
        },
        {
            "name": "stages",
            "label": "阶段",
            "widget": "list",
            "required": False,
            "collapsed": True,
            "label_singular": "阶段",
            "hint": "一个议题依次经过的几种形式（至少两个）",
            "fields": [
                {"name": "form", "label": "协商形式", "widget": "select", "options": forms},
                stated("time", "时间", "text", True, required=False, hint=time_hint),
                {"name": "note", "label": "说明", "widget": "string", "required": False},
            ],
        },
    ]
    return [
        {
            "name": "stated_count",
            "label": "原件写明的项目数",
            "widget": "string",
            "required": False,
            "hint": "照原件写，例如 18 或 20余项；原件没有写就不填",
        },
        {
            "name": "items",
            "label": "协商项目",
            "label_singular": "项目",
            "widget": "list",
            "summary": "{{fields.title}}",
            "fields": item,
        },
    ]


def summary_fields(vocab: Vocabulary) -> list[Json]:
    measures = options({m.id: f"{m.name}（{m.group}）" for m in vocab.measures.values()})
    units = [{"label": u, "value": u} for u in vocab.units]
    sic = {
        "name": "sic",
        "label": "原文如此（原因和所确认的数字）",
        "widget": "object",
        "required": False,
        "collapsed": True,
        "hint": "原文的数字前后不一致、照原样发布时写明原因，并照检查提示抄写原文所印和计算所得的数字",
        "fields": [
            {"name": "reason", "label": "原因", "widget": "string", "required": False},
            {"name": "printed", "label": "原文所印", "widget": "string", "required": False},
            {"name": "computed", "label": "计算所得", "widget": "string", "required": False},
        ],
    }
    value = {"name": "value", "label": "数值", "widget": "string", "hint": "照原文写：174、73.2、99%以上、20余、约300"}
    parts = {
        "name": "parts",
        "label": "分项",
        "label_singular": "分项",
        "widget": "list",
        "required": False,
        "summary": "{{fields.label}} {{fields.value}}",
        "fields": [
            {"name": "label", "label": "名称", "widget": "string"},
            value,
            {
                "name": "share",
                "label": "占比",
                "widget": "string",
                "required": False,
                "hint": "原文在这一项后写的“占X%”，照原文的位数写：49%、23.45%",
            },
            sic,
        ],
    }
    breakdown = {
        "name": "breakdown",
        "label": "分项（合计应等于这个数）",
        "widget": "object",
        "required": False,
        "collapsed": True,
        "fields": [
            {
                "name": "by",
                "label": "分项维度",
                "widget": "select",
                "required": False,
                "options": options(vocab.breakdowns),
            },
            parts,
        ],
    }
    figure = [
        {
            "name": "measure",
            "label": "数据项",
            "widget": "select",
            "options": measures,
            "required": False,
            "hint": "登记过的数据项；自定的数字不选，改填名称和单位",
        },
        {
            "name": "label",
            "label": "名称",
            "widget": "string",
            "required": False,
            "hint": "自定数字必填；数据项可用原文的叫法",
        },
        value,
        {"name": "unit", "label": "单位", "widget": "select", "options": units, "required": False},
        {
            "name": "of",
            "label": "比率的基数",
            "widget": "select",
            "required": False,
            "options": [{"label": f"{NOT_STATED_TEXT}（原文没有说明基数）", "value": NOT_STATED_TEXT}, *measures],
        },
        {
            "name": "plan",
            "label": "所说的协商计划",
            "widget": "relation",
            "collection": "plans",
            "required": False,
            "value_field": "{{slug}}",
            "search_fields": ["title"],
            "display_fields": ["title"],
        },
        breakdown,
        sic,
    ]
    reports = [
        {
            "name": "item",
            "label": "计划项目",
            "widget": "string",
            "hint": "<计划文档编号>#<项目编号>，例如 2018-luoyang-consultation-plan#p01",
        },
        {
            "name": "status",
            "label": "落实情况",
            "widget": "select",
            "options": options({s.id: s.name for s in vocab.statuses.values()}),
        },
        {
            "name": "date",
            "label": "开展日期",
            "widget": "zx-value",
            "zx_mode": "date",
            "zx_not_stated": False,
            "required": False,
        },
        {"name": "reason", "label": "说明", "widget": "string", "required": False, "hint": "推迟、取消、并入时必填"},
        {"name": "merged_into", "label": "并入的项目", "widget": "string", "required": False},
    ]
    return [
        {
            "name": "figures",
            "label": "数字",
            "label_singular": "数字",
            "widget": "list",
            "required": False,
            "summary": "{{fields.label}}{{fields.measure}} {{fields.value}}{{fields.unit}}",
            "fields": figure,
        },
        {
            "name": "reports",
            "label": "计划项目的落实",
            "label_singular": "落实情况",
            "widget": "list",
            "required": False,
            "collapsed": True,
            "fields": reports,
        },
    ]


def bodies_collection(root: Path, vocab: Vocabulary) -> Json:
    levels = level_names(root)
    parents = options({b.id: b.short for b in vocab.bodies.values()})
    body = [
        {"name": "name", "label": "全称", "widget": "string", "hint": "例如 中国人民政治协商会议洛阳市委员会"},
        {
            "name": "short",
            "label": "简称",
            "widget": "string",
            "hint": "例如 洛阳市政协；编号由简称的拼音和层级自动生成",
        },
        {
            "name": "aliases",
            "label": "其他叫法",
            "widget": "list",
            "required": False,
            "hint": "可选：原件和文件里还会用的其他叫法；每个叫法只能属于一个机构",
            "field": {"name": "alias", "label": "叫法", "widget": "string"},
        },
        {"name": "level", "label": "层级", "widget": "select", "options": options(levels)},
        {"name": "region", "label": "所在地区", "widget": "string", "required": False, "hint": "例如 河南省洛阳市"},
        {"name": "parent", "label": "上级（指导）机关", "widget": "select", "options": parents, "required": False},
        {
            "name": "merged_proposals",
            "label": "提案并案的口径",
            "widget": "select",
            "required": False,
            "options": options(schema_names(root, "merged_proposals")),
            "hint": "只在工作总结写了提案“并案”件数时才选，照本机构的统计方法",
        },
        {
            "name": "id",
            "label": "编号（自动生成）",
            "widget": "string",
            "required": False,
            "hint": "不用填：保存时由简称的拼音和层级生成，例如 luoyang-city；已发布的机构不要改",
        },
    ]
    return {
        "name": BODIES,
        "label": "政协机构",
        "description": "发布文档的各级政协机构（data/bodies.yml）",
        "format": "zx-yml",
        "extension": "yml",
        "files": [
            {
                "name": BODIES,
                "label": "政协机构",
                "file": "data/bodies.yml",
                "fields": [
                    {"name": "zx_head", "widget": "hidden"},
                    {
                        "name": "zx_list",
                        "label": "机构",
                        "label_singular": "机构",
                        "widget": "list",
                        "summary": "{{fields.short}}",
                        "fields": body,
                    },
                ],
            }
        ],
    }


def level_names(root: Path) -> dict[str, str]:
    """The levels of data/schemas/bodies.schema.json, named as its description names them."""
    return schema_names(root, "level")


def schema_names(root: Path, key: str) -> dict[str, str]:
    """The values a body's `key` may take (data/schemas/bodies.schema.json), named as its description
    names them."""
    schema = json.loads((root / "data" / "schemas" / "bodies.schema.json").read_text(encoding="utf-8"))
    spec = schema["items"]["properties"][key]
    return {value: _named(spec.get("description", ""), value) for value in spec["enum"]}


def _named(description: str, value: str) -> str:
    found = re.search(rf"\b{re.escape(value)}\s+([^\s，,；;（(）)]+)", description)
    return found.group(1) if found else value


# ---- zx-cms.js and index.html --------------------------------------------------------------------------


def editor_script(vocab: Vocabulary, settings: Json) -> str:
    """cms_editor.js after the facts it needs from the registry and the configuration (ZX)."""
    facts = {
        "not_stated": NOT_STATED_TEXT,
        "helper": HELPER,
        "text": TEXT,
        "bodies": BODIES,
        "documents": {
            k.folder: {t.id: default_slug(k.id, t.id) for t in k.types.values()} for k in vocab.kinds.values()
        },
        "pages": {
            **{k.folder: k.folder for k in vocab.kinds.values()},
            **{DATA_COLLECTIONS[k.data][0]: k.folder for k in vocab.kinds.values() if k.data in DATA_COLLECTIONS},
        },
        "items": {"plan-items": ["items", "p"]},
        "numbers": ["value", "stated_count"],
        "maps": {"waive": ["code", "reason", "scope"]},
        "flow": ["topics", "issuers", "supersedes", "adopted", "waive"],
        "single": ["roles"],
        "order": list_orders(settings["collections"]),
        "names": file_names(vocab),
    }
    return f"var ZX = {json.dumps(facts, ensure_ascii=False, sort_keys=True)};\n" + EDITOR_JS.read_text(
        encoding="utf-8"
    )


# The keys whose values (roles: whose keys) a file may give as names, and the vocabulary of each.
NAMED_KEYS = {
    "kind": "kinds",
    "body": "bodies",
    "topics": "topics",
    "form": "forms",
    "roles": "roles",
    "measure": "measures",
    "of": "measures",
    "by": "breakdowns",
}


def file_names(vocab: Vocabulary) -> dict[str, dict[str, str]]:
    """Key -> {name: id}: a file written with names (所属机构 洛阳市政协, 协商形式 双月协商座谈会 …) opens
    with its choices selected, and is saved with ids, as the selects store them (the site reads both).
    The names are the registry's (zhengxie.registry.names); a type's, across the kinds where unique."""
    tables = {key: vocab.names_of(name) for key, name in NAMED_KEYS.items()}
    found = {key: {text: id_ for text, id_ in table.names.items() if text != id_} for key, table in tables.items()}
    types: dict[str, set[str]] = {}
    for kind in vocab.kinds:
        for text, id_ in vocab.names_of(f"types/{kind}").names.items():
            if text != id_:
                types.setdefault(text, set()).add(id_)
    found["type"] = {text: next(iter(ids)) for text, ids in types.items() if len(ids) == 1}
    return found


def list_orders(collections: list[Json]) -> dict[str, list[str]]:
    """The keys of each list's items in the order of its fields, the id first: files keep that order."""
    orders: dict[str, list[str]] = {}

    def visit(fields: list[Json]) -> None:
        for spec in fields:
            inner = spec.get("fields", [])
            if spec.get("widget") == "list" and inner:
                names = [f["name"] for f in inner]
                orders[spec["name"]] = sorted(names, key=lambda name: name != "id")
            visit(inner)

    for collection in collections:
        visit(collection.get("fields", []))
        for file in collection.get("files", []):
            visit(file["fields"])
    return orders


def default_slug(kind: str, type_id: str) -> str:
    """The end of a new document's id: the type, with the kind after it unless the type already names
    a document (consultation-plan, annual-summary, study-note; rules, key-points, proposal-report)."""
    return type_id if type_id.rsplit("-", 1)[-1] in (kind, *NAMING) else f"{type_id}-{kind}"


NAMING = ("rules", "points", "report", "summary", "plan", "note")


VENDOR_SCRIPTS = """<script src="js-yaml.min.js"></script>
<script src="pinyin-pro.js"></script>
<script src="decap-cms.js"></script>
"""
INDEX_HTML = """<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>协商知识库 · 编辑</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<script>
window.CMS_MANUAL_INIT = true;
// mkdocs serve (make edit) reloads every page it serves after each rebuild, a save included: not this one.
Object.defineProperty(window, "livereload", {value: function () {}, writable: false});
</script>
</head>
<body>
<div id="zx-missing" hidden style="font: 16px/1.6 sans-serif; margin: 3em auto; max-width: 40em">
<h1>编辑器还没有安装</h1>
<p>编辑器的脚本来自 npm 软件包：在仓库根目录运行 <code>npm ci</code>（或 <code>make edit</code>），再重新构建网站。</p>
</div>
<script src="js-yaml.min.js"></script>
<script src="pinyin-pro.js"></script>
<script src="decap-cms.js"></script>
<script src="zx-cms.js"></script>
</body>
</html>
"""
