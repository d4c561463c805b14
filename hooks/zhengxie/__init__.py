"""协商知识库 core: loads docs/ and data/ into one corpus model, validates it and derives indexes.

Nothing in this package imports MkDocs: the MkDocs adapter (hooks/mkdocs_hooks.py) and the
standalone check (``python -m zhengxie``) both call the same plain functions.
"""
