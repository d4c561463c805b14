"""A small valid mini-repository for the validation tests, built in tmp_path from strings.

`MiniRepo` copies the repository's real vocabularies (data/*.yml) and JSON Schemas so fixtures stay
small, writes a handful of valid documents, and lets a test break exactly one thing and run the
check. Used through the `zx_repo` fixture in conftest.py.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VOCAB = (
    "topics",
    "bodies",
    "forms",
    "roles",
    "statuses",
    "kinds",
    "fields",
    "sections",
    "problems",
    "measures",
    "import",
)

PLAN = "docs/plans/2019-test-consultation-plan.md"
PLAN_DATA = "data/plans/2019-test-consultation-plan.yml"
SUMMARY = "docs/summaries/2019-test-annual-summary.md"
SUMMARY_DATA = "data/summaries/2019-test-annual-summary.yml"
HALF = "docs/summaries/2019-test-half-year-summary.md"
RULE = "docs/rules/2019-test-rules.md"
NOTE = "docs/notes/2019-test-study-note.md"
HOME = "docs/index.md"

FILES = {
    PLAN: """\
---
title: 洛阳市政协2019年度协商计划
kind: plan
type: consultation
body: luoyang-city
date: 2019-02-01
period: "2019"
topics: [ecology, industry]
---

## 一、指导思想

以科学理论为指导，围绕中心、服务大局。

## 二、基本原则

### （一）围绕中心

紧扣发展大局选题。

### （二）注重实效

每次协商都要有成果。

## 三、协商议题

全年安排协商活动2项。

{{ plan_items() }}

## 四、组织实施

各有关单位要密切配合。
""",
    PLAN_DATA: """\
# yaml-language-server: $schema=../schemas/plan-data.schema.json
stated_count: 2
items:
  - id: p01
    title: 黄河流域生态保护
    form: thematic
    time: 3月
    roles:
      lead-unit: 市政协人口资源环境委员会
      participants: [市生态环境局, 市水利局]
    topics: [ecology]
  - id: p02
    title: 推动制造业高质量发展
    form: bimonthly-forum
    time: 第三季度
    roles:
      lead-unit: 市政协经济委员会
      participants: [市工业和信息化局]
    topics: [industry]
    summary: 听取各方面意见。
""",
    SUMMARY: """\
---
title: 洛阳市政协2019年工作总结
kind: summary
type: annual
body: luoyang-city
date: 2019-12-20
period: "2019"
topics: [proposals]
---

## 一、主要工作

全年共收到提案100件，详见[协商计划](../plans/2019-test-consultation-plan.md#item-p01)和[原则](../plans/2019-test-consultation-plan.md#二基本原则)。

{{ summary_figures() }}

{{ follow_through() }}

## 二、存在问题

调研还不够深入。

## 三、下一步工作

继续做好各项工作。
""",
    SUMMARY_DATA: """\
# yaml-language-server: $schema=../schemas/summary-data.schema.json
figures:
  - measure: proposals-received
    value: 100
  - measure: proposals-filed
    value: 90
  - measure: proposals-answered
    value: 90
  - measure: proposals-answer-rate
    value: 100
  - measure: proposals-solved-rate
    value: 80.5
  - measure: opinions-submitted
    value: 12
  - label: 专题视察
    value: 4
    unit: 次
reports:
  - item: 2019-test-consultation-plan#p01
    status: held
    date: 2019-03-20
  - item: 2019-test-consultation-plan#p02
    status: merged
    reason: 与 p01 合并召开
    merged_into: 2019-test-consultation-plan#p01
""",
    RULE: """\
---
title: 洛阳市政协工作规则
kind: rule
type: rules
body: luoyang-city
date: 2019-05-01
topics: [self-building]
---

## 第一章　总则

第一条　为了做好工作，制定本规则。

第二条　本规则适用于市政协机关。

## 第二章　附则

第三条　依照本规则第一条的规定，本规则自印发之日起施行。
""",
    NOTE: """\
---
title: 学习体会
kind: note
type: study
body: luoyang-city
date: 2019-07-01
topics: [study]
---

学习的体会，见[工作规则第二条](../rules/2019-test-rules.md#article-2)。
""",
    HOME: """\
---
title: 首页
---

# 协商知识库

[协商计划](plans/2019-test-consultation-plan.md)、[第二项](plans/2019-test-consultation-plan.md#item-p02)。
""",
}


class MiniRepo:
    def __init__(self, root: Path):
        self.root = root
        (root / "data").mkdir(parents=True, exist_ok=True)
        for name in VOCAB:
            shutil.copy(ROOT / "data" / f"{name}.yml", root / "data" / f"{name}.yml")
        shutil.copytree(ROOT / "data" / "schemas", root / "data" / "schemas")
        shutil.copy(
            ROOT / "mkdocs.yml", root / "mkdocs.yml"
        )  # its Markdown extensions: the HTML check renders with them
        for path, text in FILES.items():
            self.write(path, text)

    @classmethod
    def at(cls, root: Path) -> MiniRepo:
        """The mini-repository already written at root (nothing is written)."""
        repo = cls.__new__(cls)
        repo.root = root
        return repo

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str | bytes) -> None:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")

    def edit(self, rel: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, count))

    def delete(self, rel: str) -> None:
        self.path(rel).unlink()

    def check(self) -> list:
        from zhengxie.build.validate import validate

        return validate(self.root)[1]

    def line_of(self, rel: str, needle: str, occurrence: int = 1) -> int:
        """1-based line of the `occurrence`-th line containing `needle`."""
        seen = 0
        for number, line in enumerate(self.read(rel).split("\n"), 1):
            if needle in line:
                seen += 1
                if seen == occurrence:
                    return number
        raise AssertionError(f"{needle!r} not in {rel}")


# The nav of a mini-repo built as a site: the sections and the generated pages, no guide pages.
SITE_NAV = """
nav:
  - 首页: index.md
  - 工作规则: rules/index.md
  - 协商计划: plans/index.md
  - 工作总结: summaries/index.md
  - 学习园地: notes/index.md
  - 专题: topics/index.md
  - 时间: years/index.md
  - 机构: bodies/index.md
  - 落实情况: follow-through/index.md
  - 数据: figures/index.md
  - 开放数据: opendata/index.md
  - 编辑指南:
      - 格式说明: waivers/index.md
      - 数据核对: data-check/index.md
"""
SITE_SECTIONS = {
    "rules": ("工作规则", "rule"),
    "plans": ("协商计划", "plan"),
    "summaries": ("工作总结", "summary"),
    "notes": ("学习园地", "note"),
}


def make_buildable(repo: MiniRepo) -> MiniRepo:
    """The mini-repo as a site MkDocs can build: section pages, the real hooks, templates, styles and
    mkdocs.yml (with a nav of the pages a mini-repo has)."""
    import shutil

    for folder, (title, kind) in SITE_SECTIONS.items():
        repo.write(
            f"docs/{folder}/index.md",
            f"---\ntitle: {title}\ntemplate: zx-section.html\nzx_section: {kind}\n---\n\n{title}。\n",
        )
    for part in ("hooks", "overrides"):
        shutil.copytree(ROOT / part, repo.root / part, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    for css in (ROOT / "docs" / "assets").glob("zx*"):
        repo.write(f"docs/assets/{css.name}", css.read_bytes())
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    repo.write("mkdocs.yml", config[: config.index("\nnav:")] + SITE_NAV)
    return repo


def build_site(repo: MiniRepo, out: Path):
    """`mkdocs build --strict` of a buildable mini-repo into `out` (no search index)."""
    import os

    import python_runs

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="0")
    return python_runs.run("mkdocs", ["build", "--strict", "--site-dir", str(out)], repo.root, env)


def summary(problems) -> list:
    return [(p.code, p.file, p.line) for p in problems]


FIGURES_DOC = "docs/summaries/2020-test-annual-summary.md"
FIGURES_DATA = "data/summaries/2020-test-annual-summary.yml"


def write_summary(
    repo, figures: str, body: str = "luoyang-city", year: int = 2020, extra: str = "", slug: str = "test"
) -> None:
    """A summary of `year` whose data file lists `figures` (YAML list items, two-space indented)."""
    doc = FIGURES_DOC.replace("2020-test", f"{year}-{slug}")
    data = FIGURES_DATA.replace("2020-test", f"{year}-{slug}")
    text = (
        repo.read(SUMMARY)
        .replace("date: 2019-12-20", f"date: {year}-12-20")
        .replace('period: "2019"', f'period: "{year}"')
        .replace("body: luoyang-city", f"body: {body}")
        .replace("2019年工作总结", f"{year}年工作总结")
        .replace("{{ follow_through() }}\n", "")
    )
    repo.write(doc, text)
    repo.write(data, "figures:\n" + textwrap.dedent(figures).strip("\n") + "\n" + extra)


def paging_note(
    repo: MiniRepo, year: int, number: int, month: int = 6, body: str = "luoyang-city", topic: str = "study"
) -> None:
    repo.write(
        f"docs/notes/{year}-paging-note-{number:03d}.md",
        f"---\ntitle: 学习体会{number}（示例）\nkind: note\ntype: study\nbody: {body}\n"
        f"date: {year}-{month:02d}-{1 + number % 28:02d}\ntopics: [{topic}]\n---\n\n示例正文。\n",
    )
