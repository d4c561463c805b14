"""Compiled Jinja templates kept in memory by a process that renders the site more than once.

A live preview makes a new Jinja environment per rebuild (MkDocs does, per build), so every template
would be parsed and compiled again on each save: about 0.4 s with Material's. Jinja's bytecode cache
keys a template by its name and file and checks its source's checksum, so an edited template is
compiled again and an unchanged one is loaded from here. The key does not include the environment's
settings (trim_blocks … change the compiled code): one cache per kind of environment."""
from __future__ import annotations

from jinja2 import BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja when the source's checksum differs

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()
