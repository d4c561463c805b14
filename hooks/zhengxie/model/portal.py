"""What a government portal shows besides the documents, declared in data/site.yml (schema beside it):
the footer (主办单位, 承办单位, 联系方式, 网站标识码, ICP备案号, 公安备案号, 纠错), the 索引号 scheme, which
originals (附件) a document may attach and how large, and the open-data licence.

The file is optional: without it the footer lists no site information, no document gets a 索引号 and
no original is accepted. Reading is tolerant (a value of the wrong shape is left out; the schema check
reports it), so a broken site file never stops the build with a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SITE_FILE = "data/site.yml"

# The 索引号 scheme: text with {body_code}, {year} and {seq} (optionally zero-padded, {seq:04d}).
# Filled here, never by str.format (a scheme from data must not reach Python's format machinery).
_PLACEHOLDER = re.compile(r"\{(body_code|year|seq)(?::0([1-9])d)?\}")


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class FooterItem:
    """One line of the footer: its label (主办单位 …) and its value, linked where the file says."""

    id: str
    label: str
    value: Link


@dataclass(frozen=True, slots=True)
class OriginalType:
    """A file type an original may have: its suffix (".pdf"), its name (PDF) and the bytes it begins with."""

    suffix: str
    name: str
    signatures: tuple[bytes, ...] = ()

    def matches(self, head: bytes) -> bool:
        return not self.signatures or any(head.startswith(s) for s in self.signatures)


@dataclass(frozen=True, slots=True)
class Licence:
    name: str
    url: str
    note: str = ""


# The footer's lines in the order a portal shows them: (key in data/site.yml, label).
FOOTER_LINES = (
    ("sponsor", "主办单位"),
    ("organizer", "承办单位"),
    ("contact", "联系方式"),
    ("site_code", "网站标识码"),
    ("icp", "ICP备案号"),
    ("police", "公安备案号"),
    ("correction", "纠错"),
)


@dataclass(frozen=True)
class Portal:
    sample: bool = False  # the site information is made up for the demonstration: shown with 示例
    sample_note: str = ""
    footer: tuple[FooterItem, ...] = ()
    index_number: str = ""  # the 索引号 scheme; "" gives no document one
    original_types: dict[str, OriginalType] = field(default_factory=dict)  # suffix -> type
    original_max_bytes: int = 0
    licence: Licence | None = None

    @property
    def original_suffixes(self) -> tuple[str, ...]:
        return tuple(self.original_types)

    def original_type(self, name: str) -> OriginalType | None:
        dot = name.rfind(".")
        return self.original_types.get(name[dot:].lower()) if dot > 0 else None


def index_number(scheme: str, body_code: str, year: int, seq: int) -> str:
    """The scheme filled in: {body_code}, {year}, {seq} (zero-padded to N digits by {seq:0Nd})."""

    def fill(match: re.Match[str]) -> str:
        name, width = match.group(1), match.group(2)
        if name == "body_code":
            return body_code
        value = year if name == "year" else seq
        return str(value).zfill(int(width)) if width else str(value)

    return _PLACEHOLDER.sub(fill, scheme)


def scheme_is_usable(scheme: str) -> bool:
    """Each of {body_code}, {year} and {seq} once, and no other braces (what the schema demands)."""
    names = [m.group(1) for m in _PLACEHOLDER.finditer(scheme)]
    rest = _PLACEHOLDER.sub("", scheme)
    return sorted(names) == ["body_code", "seq", "year"] and "{" not in rest and "}" not in rest


def read_portal(data: object) -> Portal:
    """The site file's content as read (a YAML mapping), tolerant of any shape."""
    if not isinstance(data, dict):
        return Portal()
    footer = data.get("footer")
    items: list[FooterItem] = []
    for key, label in FOOTER_LINES:
        link = _link(footer.get(key)) if isinstance(footer, dict) else None
        if link is not None:
            items.append(FooterItem(key, label, link))
    scheme = _str(data.get("index_number"))
    originals = data.get("originals")
    types: dict[str, OriginalType] = {}
    max_bytes = 0
    if isinstance(originals, dict):
        for entry in originals.get("types") or ():
            if isinstance(entry, dict) and isinstance(entry.get("suffix"), str) and _str(entry.get("name")):
                suffix = entry["suffix"].strip().lower()
                signatures = tuple(
                    bytes.fromhex(s) for s in entry.get("signatures") or () if isinstance(s, str) and _hex(s)
                )
                types[suffix] = OriginalType(suffix, _str(entry.get("name")), signatures)
        limit = originals.get("max_bytes")
        max_bytes = limit if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0 else 0
    raw_licence = data.get("licence")
    licence = None
    if isinstance(raw_licence, dict) and _str(raw_licence.get("name")) and _str(raw_licence.get("url")):
        licence = Licence(_str(raw_licence.get("name")), _str(raw_licence.get("url")), _str(raw_licence.get("note")))
    return Portal(
        sample=data.get("sample") is True,
        sample_note=_str(data.get("sample_note")),
        footer=tuple(items),
        index_number=scheme if scheme_is_usable(scheme) else "",
        original_types=types,
        original_max_bytes=max_bytes,
        licence=licence,
    )


def _link(value: object) -> Link | None:
    """A footer value: text, or {text, url}; a URL is kept only when it is https: or mailto:."""
    if isinstance(value, str):
        return Link(value.strip()) if value.strip() else None
    if isinstance(value, dict) and _str(value.get("text")):
        url = _str(value.get("url"))
        return Link(_str(value.get("text")), url if url.startswith(("https://", "mailto:")) else "")
    return None


def _hex(text: str) -> bool:
    return bool(re.fullmatch(r"(?:[0-9a-fA-F]{2}){1,16}", text))


def _str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def human_size(size: int) -> str:
    """A file size as a reader reads it: 820 字节, 356 KB, 1.2 MB (1 KB = 1024 bytes)."""
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True, slots=True)
class Original:
    """An original (Word, PDF …) a document attaches, published beside its page as 附件."""

    path: str  # repo-relative, docs/…
    src_uri: str  # docs-relative: its site-relative URL too
    name: str  # the file name, as the reader downloads it
    type_name: str  # the declared type's name (PDF, Word …)
    size: int  # bytes

    @property
    def size_text(self) -> str:
        return human_size(self.size)


def open_data_licence(portal: Portal) -> dict[str, object]:
    """{"licence": {name, url, note}} for an open-data file, when data/site.yml declares one; else {}."""
    licence = portal.licence
    if licence is None:
        return {}
    return {"licence": {"name": licence.name, "url": licence.url, "note": licence.note or None}}
