"""Markdown to HTML as the build renders it, for the checks that must see the HTML a page publishes.

The extensions and their options are read from mkdocs.yml (declared once, for MkDocs and for us).
Options that are Python objects (the toc slugify function) are dropped: they change ids, not
which elements and attributes a page holds.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import yaml

from zhengxie.text import limits, outline


class _ConfigLoader(yaml.SafeLoader):
    pass


# mkdocs.yml may hold !!python/… and !ENV tags: read them as nothing instead of running them.
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def extensions(root: Path) -> tuple[list[str], dict[str, dict[str, object]]]:
    """(names, configs) of mkdocs.yml's markdown_extensions; an unreadable config gives none, and so
    does a symlink (never followed: ZX116)."""
    if (Path(root) / "mkdocs.yml").is_symlink():
        return [], {}
    try:
        # (S506: a SafeLoader, whose only addition reads every other tag as nothing)
        config = yaml.load((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return [], {}
    if not isinstance(config, dict):  # not a mapping: no extensions (MkDocs itself refuses such a file)
        return [], {}
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    entries = config.get("markdown_extensions") or []
    if isinstance(entries, dict):  # MkDocs also takes a mapping of names to options
        entries = [{name: options} for name, options in entries.items()]
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict) and len(entry) == 1:
            [(name, options)] = entry.items()
            names.append(name)
            if isinstance(options, dict):
                configs[name] = {k: v for k, v in options.items() if v is not None}
    return names, configs


class Renderer:
    """One Markdown converter per check run, reset between pages."""

    def __init__(self, root: Path):
        names, configs = extensions(root)
        try:
            self.md = markdown.Markdown(extensions=names, extension_configs=configs)
        except Exception:  # a broken mkdocs.yml fails the build itself; check with defaults
            self.md = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables"])

    def html(self, text: str) -> str:
        """The HTML of `text`, rendered up to the first line nested beyond the reading limit (a
        page that deep is not read — ZX136 — so only a caller's own text can get here)."""
        self.md.reset()
        return self.md.convert(within_nesting(text))


def within_nesting(text: str) -> str:
    """`text` up to the line before the first one nested deeper than limits.MARKDOWN_NESTING:
    Python-Markdown recurses on each level, and past a few hundred it overflows the stack."""
    deep = outline.too_deep(text, limits.MARKDOWN_NESTING.value)
    if deep is None:
        return text
    return "\n".join(text.split("\n")[: deep[0] - 1])
