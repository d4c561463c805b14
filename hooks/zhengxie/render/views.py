"""Page fragments rendered from the model with templates in overrides/partials/zx/.

The macros a document may use (plan_items, summary_figures, follow_through) return these
fragments, so data typed once in data/ becomes page content without being retyped in Markdown.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from zhengxie.derive.followthrough import FollowThrough
from zhengxie.model import urls
from zhengxie.model.corpus import Corpus, Document, KeyPath, Vocabulary
from zhengxie.text.values import Count, parse_count


def stated_count(doc: Document) -> Count[int] | None:
    """The number of items the plan's text states (values.Count: 18, 10件左右, 20余项), or None."""
    data = doc.data_yaml.data if doc.data_yaml is not None else None
    return parse_count(data.get("stated_count")) if isinstance(data, dict) else None


def form_counts(doc: Document, vocab: Vocabulary) -> list[tuple[str, str]]:
    """(form's name, count as written) of a plan that counts its activities by form instead of listing
    them (`form_counts`: 专题协商会 3, 对口协商 10余次); [] for any other plan."""
    data = doc.data_yaml.data if doc.data_yaml is not None else None
    raw = data.get("form_counts") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        return []
    names = vocab.names_of("forms")
    found = []
    for form, count in raw.items():
        entry = vocab.forms.get(names.resolve(form)) if isinstance(form, str) else None
        found.append((entry.name if entry else str(form), str(count)))
    return found


class Views:
    def __init__(self, corpus: Corpus, template_dir: Path, follow: FollowThrough | None = None):
        self.corpus = corpus
        self.follow = follow  # item statuses and plan progress, built once per build
        self.env = Environment(
            loader=FileSystemLoader(str(template_dir)),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, template: str, doc: Document, **context: object) -> str:
        html = self.env.get_template(template).render(
            doc=doc,
            vocab=self.corpus.vocab,
            corpus=self.corpus,
            follow=self.follow,
            link=lambda target: urls.relative(doc.url, target),
            urls=urls,
            done_rule=self.follow.done_rule if self.follow else "",
            # Prefix to the site root, like `base_url ~ "/"` in page templates, so partials work in both.
            base="../" * doc.url.count("/"),
            **context,
        )
        # A blank line would end Markdown's raw-HTML block and let Markdown re-parse the rest.
        return "\n".join(line for line in html.splitlines() if line.strip())

    def plan_items(self, doc: Document, follow_url: str = "follow-through/") -> str:
        """follow_url: the page of 落实情况 that shows the plan (zhengxie.followpages)."""
        progress = self.follow.of_plan(doc) if self.follow else None
        return self.render(
            "partials/zx/plan-items.html",
            doc,
            progress=progress,
            stated=stated_count(doc),
            form_counts=form_counts(doc, self.corpus.vocab),
            follow_url=follow_url,
        )

    def summary_figures(self, doc: Document) -> str:
        notes = self.acknowledged.get(doc.id, {})
        return self.render("partials/zx/summary-figures.html", doc, summary=doc.summary, notes=notes)

    @cached_property
    def acknowledged(self) -> dict[str, dict[KeyPath, list[str]]]:
        """Document id -> {key path of a figure or part: the note shown beside it (原文如此)}."""
        found: dict[str, dict[KeyPath, list[str]]] = {}
        for ack in self.corpus.acknowledged:
            found.setdefault(ack.doc.id, {}).setdefault(ack.path, []).append(ack.note)
        return found

    def follow_through(self, doc: Document) -> str:
        lines = self.follow.of_summary(doc) if self.follow else []
        plans = list({line.plan.id: line.plan for line in lines if line.plan}.values())
        return self.render("partials/zx/follow-through.html", doc, summary=doc.summary, lines=lines, plans=plans)
