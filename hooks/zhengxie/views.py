"""Page fragments rendered from the model with templates in overrides/partials/zx/.

The macros a document may use (plan_items, summary_figures, follow_through) return these
fragments, so data typed once in data/ becomes page content without being retyped in Markdown.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import urls
from .model import Corpus, Document


class Views:
    def __init__(self, corpus: Corpus, template_dir: Path, follow=None):
        self.corpus = corpus
        self.follow = follow  # followthrough index (item ref -> status), when built
        self.env = Environment(
            loader=FileSystemLoader(str(template_dir)),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, template: str, doc: Document, **context) -> str:
        html = self.env.get_template(template).render(
            doc=doc, vocab=self.corpus.vocab, corpus=self.corpus, follow=self.follow,
            link=lambda target: urls.relative(doc.url, target), urls=urls, **context,
        )
        # A blank line would end Markdown's raw-HTML block and let Markdown re-parse the rest.
        return "\n".join(line for line in html.splitlines() if line.strip())

    def plan_items(self, doc: Document) -> str:
        return self.render("partials/zx/plan-items.html", doc)

    def summary_figures(self, doc: Document) -> str:
        return self.render("partials/zx/summary-figures.html", doc, summary=doc.summary)

    def follow_through(self, doc: Document) -> str:
        return self.render("partials/zx/follow-through.html", doc, summary=doc.summary)
