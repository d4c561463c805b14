"""What HTML content may publish: one allowlist, enforced by nh3 in the build and explained by the check.

Content comes from pull requests. Every HTML fragment it produces (rendered Markdown, macro output)
goes through `clean` (nh3, a maintained sanitizer) before it reaches a page, so whatever the
Markdown parser lets through, the site publishes only these elements, attributes and URL schemes.
`removals` walks a fragment with the same allowlist and lists what `clean` would drop, so the
check can name it (file:line) before CI; the build never publishes what the check did not see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import nh3
from markupsafe import Markup, escape

# Elements the site's Markdown extensions and macro templates produce (tables, admonitions,
# details, md_in_html blocks, heading permalinks, plan item cards, figure tables).
TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "progress",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
    ]
)

# Removed together with their content (the text of a script is not prose).
CLEAN_CONTENT = frozenset(
    [
        "script",
        "style",
        "template",
        "title",
        "textarea",
        "xmp",
        "noscript",
        "iframe",
        "noembed",
        "noframes",
        "object",
        "applet",
        "svg",
        "math",
    ]
)

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"style", "colspan", "rowspan", "align", "data-label"},  # data-label: a table cell's column
    "th": {"style", "colspan", "rowspan", "align", "scope", "data-label"},  # label on phones (figures, typography.py)
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "progress": {"value", "max"},  # plan progress bar (partials/zx/plan-items.html)
    "strong": {"data-done", "data-total"},  # completion rate (partials/zx/plan-items.html)
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})  # and relative URLs: pages, anchors, images
STYLE_PROPERTIES = frozenset({"text-align"})  # table column alignment from the tables extension

# Attributes whose value is a URL (the ones ammonia checks against URL_SCHEMES).
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "cite",
        "action",
        "formaction",
        "poster",
        "background",
        "longdesc",
        "xlink:href",
        "data",
        "codebase",
        "srcset",
        "ping",
    }
)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_IGNORED = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL


# Material's content.tooltips shows an element's title with innerHTML, so a title that reads
# <img onerror=…> (written &lt;img …&gt; in a Markdown link title or an attribute list) would run:
# its angle brackets get their full-width forms, which read the same and open no element.
_TOOLTIP = str.maketrans({"<": "＜", ">": "＞"})


def _attribute_filter(tag: str, name: str, value: str) -> str:
    return value.translate(_TOOLTIP) if name == "title" else value


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(CLEAN_CONTENT),
        attributes={"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        attribute_filter=_attribute_filter,
        link_rel=None,  # no target= is allowed, so no rel="noopener" is needed
        strip_comments=True,
    )


@lru_cache(maxsize=1)
def _text_cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(tags=set(), clean_content_tags=set(CLEAN_CONTENT), attributes={}, link_rel=None)


def clean(html: str) -> str:
    """The fragment with everything outside the allowlist removed."""
    return _cleaner().clean(html)


def text(html: str) -> str:
    """The fragment's text, still HTML-escaped, without any element: for titles and the table of
    contents, which hold text made from headings (MkDocs strips their tags with a simple loop).
    Material shows a truncated nav, table-of-contents or header title in a tooltip made from its
    text with innerHTML, so the text's angle brackets get their full-width forms (see _TOOLTIP)."""
    return _text_cleaner().clean(html).replace("&lt;", "＜").replace("&gt;", "＞")


# Pagefind decodes every character reference in a filter value and its UI inserts the label with
# innerHTML, so no escaping survives: the characters that make markup are replaced by their
# full-width forms, which read the same and mean nothing to HTML.
_FILTER_VALUE = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇"})


def filter_value(value: object) -> Markup:
    """A search filter value for a data-zx-filter attribute (see overrides/partials/zx/doc-header.html)."""
    return escape(str(value).translate(_FILTER_VALUE))


@dataclass(frozen=True)
class Removal:
    kind: str  # "element", "attribute" or "url"
    name: str  # element or attribute name
    tag: str = ""  # the element an attribute or URL sits on
    value: str = ""  # the attribute's value (a URL as the browser reads it)
    styles: str = ""  # the style properties removed from a style attribute

    @property
    def needles(self) -> tuple[str, ...]:
        """Source text to look for when placing the finding on a line, best guess first."""
        if self.kind == "element":
            return (f"<{self.name}",)
        if self.kind == "url":
            scheme, _, rest = self.value.partition(":")
            return (self.value[:20], rest[:20], scheme, self.name)
        return (self.name, self.value[:20])


def allowed_attribute(tag: str, name: str) -> bool:
    return name in GLOBAL_ATTRIBUTES or name in ATTRIBUTES.get(tag, ())


def url_scheme(value: str) -> str | None:
    """The scheme of a URL as a browser reads it (None for a relative URL)."""
    match = _SCHEME.match(_URL_IGNORED.sub("", value).strip(" \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c"))
    return match.group(1).lower() if match else None


def removed_styles(value: str) -> list[str]:
    names = [part.split(":", 1)[0].strip().lower() for part in value.split(";") if part.strip()]
    return [name for name in names if name not in STYLE_PROPERTIES]


# Comments the browser (and nh3) closes where Python's HTMLParser reads on to the next "-->" or
# "]]>": "<!-->", "<!--->", a "--!>" end, and "<![CDATA[" (outside SVG and MathML, a comment up
# to the first ">"). Rewritten to spellings both read alike before walking, so markup after them
# is seen as the browser sees it (a title reading <!--><img onerror=…>--> runs in Material's tooltips).
_ABRUPT_COMMENT = re.compile(r"<!--->|<!-->|--!>|<!\[")
_SAME_COMMENT = {"<!--->": "<!---->", "<!-->": "<!---->", "--!>": "-->", "<![": "<!x["}


def removals(html: str) -> list[Removal]:
    """What `clean` would remove from `html`, in document order (comments aside: they never show)."""
    walker = _Walker()
    walker.feed(_ABRUPT_COMMENT.sub(lambda m: _SAME_COMMENT[m.group(0)], html))
    walker.close()
    return walker.found


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Removal] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.found.append(Removal("element", tag))
            return
        for name, value in attrs:
            value = value or ""
            if not allowed_attribute(tag, name):
                self.found.append(Removal("attribute", name, tag, value))
            elif name in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in URL_SCHEMES:
                    self.found.append(Removal("url", name, tag, _URL_IGNORED.sub("", value).strip()))
            elif name == "style":
                styles = removed_styles(value)
                if styles:
                    self.found.append(Removal("attribute", name, tag, value, "、".join(styles)))

    handle_startendtag = handle_starttag
