"""What docs/ and data/ hold, listed once per run: documents, other pages, publishable files, and
what is refused; and the symlinks among what the theme reads (overrides/, mkdocs.yml).

docs/ publishes an allowlist of file types; anything else, a symlink anywhere, a file name with
control characters, a document nested where no document belongs, or two names that differ only in
case is a coded problem — and the build publishes only what this listing accepts (the MkDocs
adapter drops every other file), so the check and the site agree. Nothing here follows a symlink
or opens a file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from zhengxie.model.corpus import DOCS, PAGE_SUFFIX, Listing
from zhengxie.registry.problems import Reporter

DATA = "data"
THEME = "overrides"  # mkdocs.yml's custom_dir: the templates and files the theme renders and publishes
CONFIG = "mkdocs.yml"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
ASSET_FOLDER = "assets"  # docs/assets/: the site's own styles and scripts (reviewed as code)
ASSET_SUFFIXES = (".css", ".js")
INDEX = "index.md"
YEAR_FOLDER = re.compile(r"^[0-9]{4}$")  # docs/<kind-folder>/<year>/<id>.md
# Control characters (C0, DEL, C1), line and paragraph separators, bidi overrides, and the
# surrogates that stand for undecodable bytes: never in a file name that reaches a log or a URL.
_BAD_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# A file _walk accepts: (repo-relative path, its parts below the top folder).
Accept = Callable[[str, list[str]], None]


def discover(
    root: Path | str, kind_folders: Iterable[str], reporter: Reporter, original_suffixes: tuple[str, ...] = ()
) -> Listing:
    """Walk docs/ and data/ (never following a symlink) and report what may not be there.
    `original_suffixes`: the types of originals documents may attach (data/site.yml), accepted outside
    docs/assets/ (zhengxie.sources.originals keeps out those no document lists, or that fail its checks)."""
    root = Path(root)
    folders = set(kind_folders)
    listing = Listing()
    names: dict[str, str] = {}  # lower-cased repo-relative path -> the first path with that spelling
    _walk(
        root,
        DOCS,
        listing,
        names,
        reporter,
        lambda rel, parts: _docs_file(rel, parts, folders, listing, reporter, original_suffixes),
    )
    _walk(root, DATA, listing, names, reporter, lambda rel, parts: _data_file(rel, parts, folders, listing, reporter))
    _theme_links(root, listing, reporter)
    return listing


def _theme_links(root: Path, listing: Listing, reporter: Reporter) -> None:
    """Symlinks among what MkDocs reads besides docs/: mkdocs.yml and everything under overrides/,
    hidden folders too (Material inlines icons from .icons/). MkDocs would follow one, render a template
    or publish a file from wherever it points — a committed overrides/partials/zx/footer.html linked to
    ../.git/config would print the checkout's credentials on every page. Each is ZX116; the adapter
    drops such a file from the theme's files, and the strict build fails on the problem."""
    if os.path.islink(root / CONFIG):
        _refuse(listing, reporter, "ZX116", CONFIG)
    base = root / THEME
    if os.path.islink(base):
        _refuse(listing, reporter, "ZX116", THEME)
        return
    for dirpath, dirnames, filenames in os.walk(base):  # never enters a linked folder (followlinks=False)
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        for name in sorted(dirnames + filenames):
            if os.path.islink(os.path.join(dirpath, name)):
                _refuse(listing, reporter, "ZX116", f"{rel_dir}/{name}")
        dirnames.sort()


def _walk(root: Path, top: str, listing: Listing, names: dict[str, str], reporter: Reporter, accept: Accept) -> None:
    base = root / top
    if os.path.islink(base):
        _refuse(listing, reporter, "ZX116", top)
        return
    if not base.is_dir():
        return
    # Folders in os.walk's order (top-down, each folder's names sorted). A folder's entries say
    # from the directory itself whether they are links, folders or regular files: no stat per file.
    stack = [(str(base), top)]
    while stack:
        dirpath, rel_dir = stack.pop()
        try:
            with os.scandir(dirpath) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            continue  # os.walk skips a folder it cannot list, too
        folders: list[tuple[str, str]] = []
        for entry in entries:
            if _is_dir(entry) and not entry.name.startswith("."):  # hidden: never published (MkDocs' exclude_docs)
                rel = f"{rel_dir}/{entry.name}"
                if _BAD_NAME.search(entry.name):
                    _refuse(listing, reporter, "ZX120", rel)
                elif entry.is_symlink():
                    _refuse(listing, reporter, "ZX116", rel)
                else:
                    _same_but_case(rel, names, reporter)
                    folders.append((entry.path, rel))
                    if top == DOCS:
                        listing.folders.add(rel[len(DOCS) + 1 :])
        for entry in entries:
            name = entry.name
            if name.startswith(".") or _is_dir(entry):
                continue
            rel = f"{rel_dir}/{name}"
            if _BAD_NAME.search(name):
                _refuse(listing, reporter, "ZX120", rel)
                continue
            if entry.is_symlink():
                _refuse(listing, reporter, "ZX116", rel)
                continue
            if not entry.is_file(follow_symlinks=False):  # a FIFO or a device would hang or leak when read
                _refuse(listing, reporter, "ZX115", rel, suffix="（不是普通文件）")
                continue
            _same_but_case(rel, names, reporter)
            accept(rel, rel.split("/")[1:])
        stack.extend(reversed(folders))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """os.walk's test: a folder, or a link to one (listed, then refused, never entered)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _docs_file(
    rel: str,
    parts: list[str],
    kind_folders: set[str],
    listing: Listing,
    reporter: Reporter,
    original_suffixes: tuple[str, ...] = (),
) -> None:
    src_uri = "/".join(parts)
    name = parts[-1]
    if name.endswith(PAGE_SUFFIX):
        if parts[0] in kind_folders and len(parts) > 2:
            if len(parts) == 3 and YEAR_FOLDER.match(parts[1]) and name != INDEX:
                listing.documents.append((parts[0], src_uri))
            else:
                _refuse(listing, reporter, "ZX117", rel, folder=parts[0])
                return
        elif parts[0] in kind_folders and name != INDEX:
            listing.documents.append((parts[0], src_uri))
        listing.pages.append(src_uri)
        return
    if name.endswith(IMAGE_SUFFIXES) or (parts[0] == ASSET_FOLDER and name.endswith(ASSET_SUFFIXES)):
        listing.files.append(src_uri)
        return
    if original_suffixes and parts[0] != ASSET_FOLDER and len(parts) > 1 and name.lower().endswith(original_suffixes):
        listing.files.append(src_uri)
        return
    suffix = os.path.splitext(name)[1] or "（没有扩展名）"
    _refuse(listing, reporter, "ZX115", rel, suffix=suffix)


def _data_file(rel: str, parts: list[str], kind_folders: set[str], listing: Listing, reporter: Reporter) -> None:
    """data/<kind-folder>/ holds <id>.yml files only: a sub-folder there would be silently unread."""
    if parts[0] in kind_folders and len(parts) > 2:
        _refuse(listing, reporter, "ZX117", rel, folder=parts[0])


def _same_but_case(rel: str, names: dict[str, str], reporter: Reporter) -> None:
    first = names.setdefault(rel.lower(), rel)
    if first != rel:
        reporter.add("ZX119", rel, 1, other=first)


def _refuse(listing: Listing, reporter: Reporter, code: str, rel: str, **params: str) -> None:
    listing.refused.add(rel)
    reporter.add_once(code, rel, 1, **params)  # a Problem shows control characters as escapes
