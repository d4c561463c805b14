"""The theme's templates as the engine renders them, never through a symlink below a template folder.

Jinja's FileSystemLoader follows links, so a committed overrides/partials/zx/footer.html linked to
../.git/config would be rendered into every page. The check reports such a link (ZX116) and the
strict build fails on it; this loader also refuses to hand the linked file to the renderer, so not even
a preview shows it: the template counts as missing.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from jinja2 import BaseLoader, Environment, FileSystemLoader, TemplateNotFound


class UnlinkedLoader(FileSystemLoader):
    """A FileSystemLoader that refuses a template reached through a symlink below its folder."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if linked_below(filename, [os.fspath(folder) for folder in self.searchpath]):
            raise TemplateNotFound(template)
        return source, filename, uptodate


def unlinked(loader: BaseLoader | None) -> BaseLoader | None:
    """`loader` as an UnlinkedLoader when it reads folders (MkDocs' theme loader); others as they are."""
    if type(loader) is FileSystemLoader:
        return UnlinkedLoader(loader.searchpath, loader.encoding, loader.followlinks)
    return loader


def linked_below(path: str, folders: list[str]) -> bool:
    """Whether `path`, or a folder between it and the folder of `folders` it lies in, is a symlink."""
    for folder in folders:
        relative = os.path.relpath(path, folder)
        if relative.startswith(os.pardir):
            continue
        step = folder
        for part in relative.split(os.sep):
            step = os.path.join(step, part)
            if os.path.islink(step):
                return True
        return False
    return False
