"""Merging shard outputs into one site.

Shards publish disjoint pages (zhengxie.shards), so their outputs are laid side by side. A path two
shards both write must hold the same bytes (the 404 page, rendered by every shard from the same nav)
— except the sitemap, which each shard writes for its own pages: those are united. Any other path
written twice with different content is a collision, and the merge fails listing them, leaving the
destination untouched.
"""

from __future__ import annotations

import filecmp
import gzip
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

SITEMAP = "sitemap.xml"
SITEMAP_GZ = "sitemap.xml.gz"
_URL = re.compile(r"<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


class MergeError(RuntimeError):
    def __init__(self, collisions: list[str]):
        self.collisions = collisions
        shown = "\n  ".join(collisions[:20]) + ("\n  …" if len(collisions) > 20 else "")
        super().__init__(f"{len(collisions)} path(s) written by two shards with different content:\n  {shown}")


@dataclass(frozen=True)
class MergeStats:
    files: int
    shared: int  # paths several shards wrote with the same bytes


def _files(part: Path) -> list[str]:
    found = []
    for dirpath, _dirs, names in os.walk(part):
        rel = os.path.relpath(dirpath, part)
        for name in names:
            found.append(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
    return found


def merge(parts: list[Path], dest: Path) -> MergeStats:
    """Lay the shard outputs `parts` (the hub's first) into `dest`, replacing it."""
    parts = [Path(p) for p in parts]
    owner: dict[str, Path] = {}
    shared, collisions = 0, []
    for part in parts:
        for rel in _files(part):
            first = owner.setdefault(rel, part)
            if first is part or rel in (SITEMAP, SITEMAP_GZ):
                continue
            if filecmp.cmp(first / rel, part / rel, shallow=False):
                shared += 1
            else:
                collisions.append(f"{rel} ({first.name} ≠ {part.name})")
    if collisions:
        raise MergeError(sorted(collisions))
    dest = Path(dest)
    staging = dest.with_name(dest.name + ".merging")
    shutil.rmtree(staging, ignore_errors=True)
    for rel, part in owner.items():
        if rel in (SITEMAP, SITEMAP_GZ):
            continue
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(part / rel, target)
    sitemaps = [p / SITEMAP for p in parts if (p / SITEMAP).is_file()]
    if sitemaps:
        text = merge_sitemaps([s.read_text(encoding="utf-8") for s in sitemaps])
        (staging / SITEMAP).write_text(text, encoding="utf-8")
        (staging / SITEMAP_GZ).write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    shutil.rmtree(dest, ignore_errors=True)
    staging.rename(dest)
    return MergeStats(files=len(owner), shared=shared)


def merge_sitemaps(texts: list[str]) -> str:
    """One sitemap holding every shard's <url> entries once, in the order the shards list them."""
    seen, entries = set(), []
    for text in texts:
        for entry in _URL.findall(text):
            loc = _LOC.search(entry)
            key = loc.group(1).strip() if loc else entry
            if key not in seen:
                seen.add(key)
                entries.append(entry)
    head = texts[0][: texts[0].find("<url>")] if "<url>" in texts[0] else texts[0][: texts[0].rfind("</urlset>")]
    return head + "\n    ".join(entries) + "\n</urlset>\n"
