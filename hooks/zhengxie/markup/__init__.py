"""Markdown to safe HTML: macro calls, the sanitizer, reader typography."""
