"""The one store of what a run keeps for a later one: today only the check's verdict.

One key derivation and one digest of the code and vocabularies (`digest`), one atomic writer and one
reader that validates (`records`). Records are plain JSON in build/cache/store/ (git ignores build/):
reading one never runs code, and a record that is malformed, foreign, oversized or keyed for other
inputs is ignored (the work is done again). A file git tracks under that folder came with a commit,
not from this machine: it is never read, and the check and the strict build both report it (ZX157,
from zhengxie.build.validate). Only the commands (zhengxie.tools) read or write the store; nothing
that computes a verdict reads it.
"""
