"""Anchors for the articles of a rule (第X条) and links from the rule's own cross-references.

Works on the page's rendered HTML: the paragraph that starts with 第X条 gets id="article-<n>", and a
later mention such as 依照本规则第三条 becomes a link to it. Mentions inside headings, code and
existing links are left alone, as are the leading labels themselves and articles of other documents
(《章程》第三条). The HTML comes from Python-Markdown, so a tag tokenizer is enough here.
"""

from __future__ import annotations

import re

from zhengxie.text.outline import chinese_to_int

BEHAVIOUR = "articles"  # the data/kinds.yml behaviour of kinds whose documents are made of articles

NUMERAL = r"[零〇一二三四五六七八九十百千万亿两\d]+"
TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
ID_ATTR = re.compile(r"\sid\s*=", re.I)
# The label at the start of an article's paragraph: <p>第三条　 or <p><strong>第三条</strong>
LABEL = re.compile(rf"(?:<strong>|<b>)?第({NUMERAL})条(?=</strong>|</b>|[\s\u3000])")
REFERENCE = re.compile(rf"第({NUMERAL})条")
NO_LINK = frozenset(
    {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "h1", "h2", "h3", "h4", "h5", "h6"}
)
OTHER_DOCUMENT = "》"  # 《……》第三条 cites another document's article


def article_anchor(number: int) -> str:
    return f"article-{number}"


def link_articles(html: str) -> str:
    """Return the rule page's HTML with article anchors and cross-reference links."""
    html, numbers, labels = _anchor_labels(html)
    if not numbers:
        return html
    out: list[str] = []
    skip = 0  # depth inside elements whose text is not linked
    pos = 0
    for match in TOKEN.finditer(html):
        if match.start() > pos:
            out.append(
                _link_text(html[pos : match.start()], pos, numbers, labels) if not skip else html[pos : match.start()]
            )
        tag = match.group(0)
        name = TAG.match(tag)
        if name and name.group(2).lower() in NO_LINK and not tag.endswith("/>"):
            skip += -1 if name.group(1) else 1
            skip = max(skip, 0)
        out.append(tag)
        pos = match.end()
    out.append(_link_text(html[pos:], pos, numbers, labels) if not skip else html[pos:])
    return "".join(out)


def _anchor_labels(html: str) -> tuple[str, set[int], set[int]]:
    """Give each article paragraph its id; return the new HTML, the article numbers and the
    positions (in the new HTML) of the labels, which must not become links."""
    out: list[str] = []
    numbers: set[int] = set()
    labels: set[int] = set()
    pos = 0
    size = 0
    for match in re.finditer(r"<p(\s[^>]*)?>", html):
        label = LABEL.match(html, match.end())
        if not label:
            continue
        number = chinese_to_int(label.group(1))
        if number is None:
            continue
        attrs = match.group(1) or ""
        out.append(html[pos : match.start()])
        size += match.start() - pos
        if number in numbers or ID_ATTR.search(attrs):
            tag = match.group(0)  # a repeated number (reported by the checks) gets no second id
        else:
            tag = f'<p id="{article_anchor(number)}"{attrs}>'
        numbers.add(number)
        out.append(tag)
        size += len(tag)
        labels.add(size + label.start(1) - 1 - match.end())  # position of 第 in the new HTML
        pos = match.end()
    out.append(html[pos:])
    return "".join(out), numbers, labels


def _link_text(text: str, offset: int, numbers: set[int], labels: set[int]) -> str:
    def replace(match: re.Match[str]) -> str:
        number = chinese_to_int(match.group(1))
        if (
            offset + match.start() in labels
            or number is None
            or number not in numbers
            or text[: match.start()].endswith(OTHER_DOCUMENT)
        ):
            return match.group(0)
        return f'<a class="zx-article-ref" href="#{article_anchor(number)}">{match.group(0)}</a>'

    return REFERENCE.sub(replace, text)
