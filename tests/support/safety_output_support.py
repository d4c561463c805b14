"""A mini-repository full of hostile content, built once, for the output-safety tests.

Every class of attack on the published HTML from issue 10 has at least one case here: Markdown
bodies, attribute lists, entities and control characters in URLs, an unclosed fence, titles,
`description`, data values (item fields, notes), topic and body names, problems.yml text, filter
labels, template syntax, a foreign page template and a main.py at the repository root. Each
payload calls alert() with its own label, so a browser test can name the one that ran.
"""

from __future__ import annotations

import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import python_runs
from checks_support import HOME, NOTE, PLAN, PLAN_DATA, SUMMARY, SUMMARY_DATA, MiniRepo, make_buildable

MARKER = "main-py-ran.txt"

HOSTILE_BODY = """

示例代码照样显示为代码：

```html
<script>alert('in-code')</script>
```

<script>alert("script")</script>

<img src=x onerror="alert('img')">

<img src=x alt="`" onerror="alert('backtick')" title="`">

<a href="#x" title='x" y' onmouseover="alert('quote')">引号</a>

段落
{: onclick="alert('attr-list')" }

[属性链接](https://example.com){: onmouseover="alert('attr-link')" }

[脚本链接](javascript:alert('js-link'))

<a href="java&#x09;script:alert('tab')">制表符</a> <a href="jav&#10;ascript:alert('newline')">换行</a>
<a href="&#106;avascript&#58;alert('entity')">字符引用</a> <a href="JaVaScRiPt:alert('case')">大小写</a>

[引用链接][bad]

[bad]: javascript:alert('reference')

{%+ raw %}{{ 7*7 }}{%+ endraw %}

<details open ontoggle="alert('details')"><summary>详情</summary>内容</details>

<svg><animate onbegin="alert('svg')" attributeName="x" dur="1s"></animate></svg>

<iframe srcdoc="<script>alert('iframe')</script>"></iframe>

<form action="javascript:alert('form')"><button>提交</button></form>

<meta http-equiv="refresh" content="0;url=javascript:alert('meta')">

<base href="javascript:alert('base')//">

```
<img src=x onerror="alert('unclosed-fence')">
"""

HOSTILE_TITLE = (
    "<img src=x onerror=alert('title')>&lt;/title&gt;&lt;script&gt;alert('entity-title')&lt;/script&gt;{{ 9**(9**9) }}"
)
HOSTILE_DESCRIPTION = '0;url=javascript:alert(1)" http-equiv="refresh'
HOSTILE_NAME = "<img src=x onerror=alert('{}')>"


def build_hostile_repo(root: Path) -> MiniRepo:
    repo = make_buildable(MiniRepo(root))  # the site's hooks, templates, assets and mkdocs.yml
    repo.write("main.py", f"open({MARKER!r}, 'w').write('ran')\nraise SystemExit('main.py ran')\n")

    repo.write(NOTE, repo.read(NOTE) + HOSTILE_BODY)
    repo.edit(PLAN, "title: 洛阳市政协2019年度协商计划", f'title: "{HOSTILE_TITLE}"')
    # A title attribute is allowed, and Material's tooltips show it with innerHTML.
    repo.edit(
        SUMMARY, "调研还不够深入。", '调研还不够[深入](https://example.com "&lt;img src=x onerror=alert(17)&gt;")。'
    )
    # A heading's text: Material shows a truncated table-of-contents entry in a tooltip, with innerHTML.
    repo.write("docs/about.md", "# 关于\n\n## &lt;img src=x onerror=alert(18)&gt;" + "A" * 80 + "\n\n正文。\n")
    # An unclosed <style> swallows the rest of the page, so this one has a page of its own.
    repo.write(HOME, repo.read(HOME) + "\n<math><mtext><table><mglyph><style><img src=x onerror=\"alert('mxss')\">\n")
    repo.edit(HOME, "title: 首页", f"title: 首页\ndescription: '{HOSTILE_DESCRIPTION}'")
    # A page asking mkdocs-macros to render it as a template: it never is (hooks/zhengxie_macros.py).
    repo.write(
        "docs/jinja.md",
        "---\ntitle: '模板{{ 6*7 }}'\nrender_macros: true\n---\n\n# 模板\n\n"
        "计算 {{ 7*7 }} 站名 {{ config.site_name }} {% for x in range(3) %}循环{% endfor %}\n",
    )
    repo.write(
        "docs/redirect.md",
        "---\ntitle: 跳转\ntemplate: redirect.html\nlocation: javascript:alert('redirect')\n---\n\n正文\n",
    )
    repo.edit(PLAN_DATA, "title: 黄河流域生态保护", f'title: "{HOSTILE_NAME.format("item")}"')
    repo.edit(PLAN_DATA, "summary: 听取各方面意见。", "summary: \"<script>alert('summary')</script>\"")
    repo.edit(PLAN_DATA, "lead-unit: 市政协经济委员会", f'lead-unit: "{HOSTILE_NAME.format("lead")}"')
    repo.edit(SUMMARY_DATA, "reason: 与 p01 合并召开", f'reason: "{HOSTILE_NAME.format("reason")}"')
    repo.edit(SUMMARY_DATA, "label: 专题视察", f'label: "{HOSTILE_NAME.format("figure")}"')
    repo.edit("data/topics.yml", "name: 生态环境", f'name: "{HOSTILE_NAME.format("topic")}"')
    repo.edit("data/bodies.yml", "short: 洛阳市政协", f'short: "{HOSTILE_NAME.format("body")}"')
    repo.edit(
        "data/bodies.yml", "name: 中国人民政治协商会议洛阳市委员会", f'name: "{HOSTILE_NAME.format("body-name")}"'
    )
    repo.write(
        "data/problems.yml",
        repo.read("data/problems.yml")
        + f"""\
- code: ZX698
  severity: warning
  title: "{HOSTILE_NAME.format("code-title")}"
  message: "[点我](javascript:alert('code-message')) {{{{: onclick=alert(1) }}}}"
  hint: "<script>alert('code-hint')</script>"
  wrong: "</code></pre><img src=x onerror=alert('code-wrong')>"
  right: "```\\n<img src=x onerror=alert('code-right')>"
""",
    )
    repo.write("docs/guide/problems.md", "---\ntitle: 问题代码\n---\n\n# 问题代码\n\n{{ problem_codes() }}\n")
    return repo


def build(root: Path, search: bool = False) -> subprocess.CompletedProcess:
    """A non-strict build: the hostile content fails the check (and so the strict build), and the
    tests look at what would have been published anyway."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZX_SEARCH="1" if search else "0")
    return python_runs.run("mkdocs", ["build", "--site-dir", str(root / "site")], root, env, timeout=300)


class ActiveContent(HTMLParser):
    """Everything in a page that could run script: elements, event attributes, script URLs."""

    DANGEROUS = frozenset({"script", "iframe", "object", "embed", "base", "form", "frame", "applet"})  # icons are <svg>
    URL_ATTRS = frozenset({"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.scripts: list[tuple] = []  # (src, inline text) of every <script>
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "script":
            self._in_script = attrs.get("src", "")
        elif tag in self.DANGEROUS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.found.append("meta refresh")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            compact = "".join(value.split()).lower()
            if name in self.URL_ATTRS and ("javascript:" in compact or "vbscript:" in compact):
                self.found.append(f"{tag} {name}={value!r}")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts.append((self._in_script, data.strip()))
            self._in_script = None

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, ""))
            self._in_script = None


def active_content(html: str) -> ActiveContent:
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    return parser
