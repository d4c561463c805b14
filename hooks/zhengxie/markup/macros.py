"""The only template syntax content may use: a call of one of the site's macros, `{{ name() }}`.

Content is never evaluated as a template. `scan` splits a text into the allowed macro calls, the
`{% raw %}` … `{% endraw %}` markers of guide pages (which show macros literally) and everything
else that looks like Jinja ({{ … }}, {% … %}, {# … #}); the check reports the last kind (ZX602)
and `substitute` — what the build uses — replaces the calls with the macros' output, drops the raw
markers and evaluates nothing. One scanner, so the check and the build cannot read a text
differently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

MARKERS = ("{{", "{%", "{#")
DOCUMENT_MACROS = ("plan_items", "summary_figures", "follow_through")  # what the views implement;
# data/kinds.yml `macros` says which kind's documents may call which.
GUIDE_MACROS = ("problem_codes", "fields_table")

_TOKEN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\{%|\{#", re.S)
_CALL = re.compile(r"\{\{\s*([a-z_]+)\(\)\s*\}\}")
_RAW_OPEN = "{% raw %}"
_RAW_CLOSE = "{% endraw %}"


TokenKind = Literal["call", "raw", "forbidden"]  # a macro call, a raw marker, anything else


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    kind: TokenKind
    name: str = ""  # the macro of a call


class MacroFailed(Exception):  # noqa: N818 - the build catches it by this name (zhengxie.build.website)
    """A macro raised while its call was substituted; `token` says where."""

    def __init__(self, token: Token, cause: Exception):
        super().__init__(str(cause))
        self.token = token
        self.cause = cause


def allowed_on(document_macros: tuple[str, ...] | None, is_guide: bool) -> tuple[tuple[str, ...], bool]:
    """(macros a page may call, whether it may use raw blocks): a document calls its kind's
    (`document_macros`, None for pages that are not documents), guide pages list the problem codes
    and show macros literally in raw blocks, other pages use none."""
    if document_macros is not None:
        return tuple(m for m in document_macros if m in DOCUMENT_MACROS), False
    if is_guide:
        return GUIDE_MACROS, True
    return (), False


def has_markers(text: str) -> bool:
    return any(marker in text for marker in MARKERS)


def scan(text: str, allowed: tuple[str, ...] = (), raw: bool = False) -> list[Token]:
    """Every template token of `text`. Inside a raw block nothing is a token; a raw block that is
    never closed is forbidden, like any other Jinja."""
    tokens: list[Token] = []
    if not has_markers(text):
        return tokens
    position = 0
    while True:
        match = _TOKEN.search(text, position)
        if match is None:
            return tokens
        token = match.group(0)
        if raw and token == _RAW_OPEN:
            close = text.find(_RAW_CLOSE, match.end())
            if close >= 0:
                tokens.append(Token(match.start(), match.end(), token, "raw"))
                tokens.append(Token(close, close + len(_RAW_CLOSE), _RAW_CLOSE, "raw"))
                position = close + len(_RAW_CLOSE)
                continue
        call = _CALL.fullmatch(token)
        if call and call.group(1) in allowed:
            tokens.append(Token(match.start(), match.end(), token, "call", call.group(1)))
        else:
            tokens.append(Token(match.start(), match.end(), token, "forbidden"))
        position = match.end()


def substitute(text: str, tokens: list[Token], macros: dict[str, Callable[[], str]]) -> str:
    """`text` with its calls replaced by their output and raw markers dropped; forbidden tokens stay
    as they are (the check reports them, and they are never evaluated)."""
    if not tokens:
        return text
    out, position = [], 0
    for token in tokens:
        out.append(text[position : token.start])
        if token.kind == "call":
            try:
                out.append(macros[token.name]() if token.name in macros else token.text)
            except Exception as error:  # any error of a macro: reported with the call's place
                raise MacroFailed(token, error) from error
        elif token.kind == "forbidden":
            out.append(token.text)
        position = token.end
    out.append(text[position:])
    return "".join(out)
