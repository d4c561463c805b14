"""The one store of what a run keeps for a later one: today only the check's verdict.

One key derivation and one digest of the code and vocabularies (`digest`), one atomic writer and one
reader that validates (`records`). Records are plain JSON in build/cache/store/ (git ignores build/):
reading one never runs code, and a record that is malformed, foreign, oversized or keyed for other
inputs is ignored (the work is done again). A file git tracks under that folder came with a commit,
not from this machine: it is never read, and the check reports it (ZX157). Only the commands
(zhengxie.tools) use the store; nothing that computes a verdict imports it.
"""
