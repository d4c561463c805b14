"""What a live preview keeps of one rebuild for the next, while what documents show elsewhere is unchanged.

The follow-through, indexes, listings, wayfinding, statistics, generated pages and charts are built from
what each document shows on other pages: its front matter and its data file (zhengxie.rebuild's card and
data digests), never its Markdown body. A save that leaves all of those as they were — most saves: the
text of one document — would build them again identical, about half of a rebuild at 5000 documents. So
they are taken over from the previous rebuild, with the digests of what documents show (the rebuild's
fingerprints read them). Any difference — a title, a date, a plan item, a document added, removed or
renamed, a change of vocabulary or code (the cache's version) — builds them anew.

The wayfinding (previous/next, related documents, breadcrumbs) reads less: the documents' cards,
whether each has plan items, and which summaries report on which plans. It is taken over on its
own key, so an edit of a plan item's text keeps it too.
"""
from __future__ import annotations

from .rebuild import card_digest, digest

# Site attributes built from the shape alone (cached properties, filled as a build needs them).
CARRIED = ("index", "listings", "follow_pages", "statistics", "wayfinding", "_generated", "_assets", "shown_memo")


class Carry:
    """Kept by the serving process across rebuilds (one per process)."""

    def __init__(self):
        self._cards: dict[str, tuple] = {}  # document id -> (Document, its card digest)
        self._shape: bytes | None = None
        self._site = None  # the previous rebuild's Site: its cached properties fill in as it builds
        self._wayfinding: tuple = (None, None)  # (what the wayfinding read, the Site that has it)

    def shape(self, corpus, version, file_hash) -> bytes:
        """A digest of what every document shows elsewhere, in the corpus's order. A live preview keeps
        unchanged documents as the same objects (cache.DocumentStore), so their cards are not made again."""
        cards, rows = {}, []
        for doc in corpus.documents.values():
            known = self._cards.get(doc.id)
            card = known[1] if known is not None and known[0] is doc else card_digest(doc)
            cards[doc.id] = (doc, card)
            rows.append((doc.id, card, file_hash(doc.data_path) if doc.data_path else None))
        self._cards = cards
        return digest((version, tuple(rows)))

    def kept(self, shape: bytes) -> dict:
        """The previous rebuild's carried values (name -> value, `follow` included) when its shape was this."""
        if self._site is None or shape != self._shape:
            return {}
        found = {name: self._site.__dict__[name] for name in CARRIED if name in self._site.__dict__}
        found["follow"] = self._site.follow
        return found

    def wayfinding(self, site, version) -> None:
        """Give `site` the previous rebuild's wayfinding when what it reads is unchanged (call after
        `shape`, with the site's follow-through built)."""
        pairs = sorted((line.plan.id, summary_id) for summary_id, lines in site.follow.by_summary.items()
                       for line in lines if line.plan is not None)
        key = digest((version, tuple((doc_id, card, bool(doc.items)) for doc_id, (doc, card) in self._cards.items()),
                      tuple(pairs)))
        previous_key, previous_site = self._wayfinding
        built = previous_site.__dict__.get("wayfinding") if previous_site is not None else None
        if built is not None and key == previous_key and "wayfinding" not in site.__dict__:
            site.__dict__["wayfinding"] = built
        self._wayfinding = (key, site)

    def cards(self) -> dict:
        """Document id -> card digest of the corpus `shape` last looked at (zhengxie.rebuild.Fingerprints'
        memo of cards, which a new shape would otherwise compute again for every document)."""
        return {doc_id: card for doc_id, (_, card) in self._cards.items()}

    def remember(self, site, shape: bytes) -> None:
        self._site, self._shape = site, shape

    def forget(self) -> None:
        """After a failed rebuild: build everything next time."""
        self._site, self._shape, self._wayfinding = None, None, (None, None)
