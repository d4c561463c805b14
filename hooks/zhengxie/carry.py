"""What a live preview keeps of one rebuild for the next, while what documents show elsewhere is unchanged.

The follow-through, indexes, listings, wayfinding, statistics, generated pages and charts are built from
what each document shows on other pages: its front matter and its data file (zhengxie.rebuild's card and
data digests), never its Markdown body. A save that leaves all of those as they were — most saves: the
text of one document — would build them again identical, about half of a rebuild at 5000 documents. So
they are taken over from the previous rebuild, with the digests of what documents show (the rebuild's
fingerprints read them). Any difference — a title, a date, a plan item, a document added, removed or
renamed, a change of vocabulary or code (the cache's version) — builds them anew.

A save that changes what a few documents show (a plan item's title, a date) updates them instead
(`updated`): the follow-through reads again the summaries that name those documents, the indexes and
listings build again the topics, years, bodies and sections those documents appear under, and the
digests of what documents show keep those of documents not linked with them. The rest are the
previous rebuild's very objects, so an edit costs what it touches, not the size of the corpus. Many
changes at once (a branch switched, a bulk edit), a vocabulary or code change, or a section's index
page added or removed build everything anew.

The wayfinding (previous/next, related documents, breadcrumbs) reads less: the documents' cards,
whether each has plan items, and which summaries report on which plans. It is taken over on its
own key, so an edit of a plan item's text keeps it too.
"""
from __future__ import annotations

from .listings import OVERVIEW
from .rebuild import card_digest, digest, partners_of

# Site attributes built from the shape alone (cached properties, filled as a build needs them).
CARRIED = ("index", "listings", "follow_pages", "statistics", "wayfinding", "_generated", "_assets", "shown_memo")
# More documents changed than this in one save (a branch switched, a bulk edit): built anew.
MOST_UPDATED = 50


class Carry:
    """Kept by the serving process across rebuilds (one per process)."""

    def __init__(self):
        self._cards: dict[str, tuple] = {}  # document id -> (Document, its card digest)
        self._rows: dict[str, tuple] = {}  # document id -> (card digest, data file digest)
        self._frame = None  # (version, sections with an index page) of the last shape
        self._before: dict = {}  # document id -> Document, as the shape before this one had it
        self.changed: set | None = None  # ids whose row differs from the shape before; None: not comparable
        self._shape: bytes | None = None
        self._site = None  # the previous rebuild's Site: its cached properties fill in as it builds
        self._wayfinding: tuple = (None, None)  # (what the wayfinding read, the Site that has it)

    def shape(self, corpus, version, file_hash) -> bytes:
        """A digest of what every document shows elsewhere, in the corpus's order. A live preview keeps
        unchanged documents as the same objects (cache.DocumentStore), so their cards are not made again."""
        cards, rows = {}, {}
        for doc in corpus.documents.values():
            known = self._cards.get(doc.id)
            card = known[1] if known is not None and known[0] is doc else card_digest(doc)
            cards[doc.id] = (doc, card)
            rows[doc.id] = (card, file_hash(doc.data_path) if doc.data_path else None)
        frame = (version, tuple(k.id for k in corpus.vocab.kinds.values()
                                if corpus.listing is not None and corpus.listing.has_page(f"{k.folder}/index.md")))
        if self._rows and frame == self._frame:
            self.changed = {i for i, row in rows.items() if self._rows.get(i) != row} | (self._rows.keys() - rows.keys())
        else:
            self.changed = None
        self._before = {doc_id: doc for doc_id, (doc, _) in self._cards.items()}
        self._cards, self._rows, self._frame = cards, rows, frame
        return digest((frame, tuple((doc_id, *row) for doc_id, row in rows.items())))

    def kept(self, shape: bytes) -> dict:
        """The previous rebuild's carried values (name -> value, `follow` included) when its shape was this."""
        if self._site is None or shape != self._shape:
            return {}
        found = {name: self._site.__dict__[name] for name in CARRIED if name in self._site.__dict__}
        found["follow"] = self._site.follow
        return found

    def updated(self, corpus) -> dict:
        """The previous rebuild's follow-through, indexes, listings and digests of what documents show,
        updated for the documents that changed since (`changed`, after `shape`); {} when they must be
        built anew."""
        site, changed = self._site, self.changed
        if site is None or not changed or len(changed) > MOST_UPDATED:
            return {}
        if "index" not in site.__dict__ or "listings" not in site.__dict__:
            return {}
        follow, summaries, plans = site.follow.updated(corpus, changed)
        touched = {doc_id: self._before.get(doc_id) for doc_id in changed | plans
                   if doc_id in self._before or doc_id in corpus.documents}
        found = site.index.updated(corpus, follow, touched)
        if found is None:
            return {}
        index, keys = found
        listings = site.listings.updated(corpus, index, keys)
        memo = _shown_memo(site.__dict__.get("shown_memo"), follow, changed | summaries | plans, index, listings)
        found = {"follow": follow, "index": index, "listings": listings, "shown_memo": memo}
        if not any(doc_id in summaries for doc_id in changed):  # the figures are the summaries' only
            found.update((name, site.__dict__[name]) for name in ("statistics", "_assets") if name in site.__dict__)
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
        self._site, self._shape, self._wayfinding, self._rows = None, None, (None, None), {}


def _shown_memo(memo: dict | None, follow, stale: set, index, listings) -> dict:
    """zhengxie.rebuild.Fingerprints' digests of what documents show, kept for the documents an update
    leaves alone. `stale`: the documents changed, the summaries read again and every plan those name
    before or after — which includes every document linked with a changed one, so what they show is
    digested again, and so is every listing page that shows one of them."""
    if not memo or "partners" not in memo:
        return {"partners": partners_of(follow)}
    partners = partners_of(follow, stale, memo["partners"])
    live = {id(page) for page in listings.pages.values()}
    pages = {}
    for key, (page, found) in memo.get("listing pages", {}).items():
        if key not in live or any(d.id in stale for d in page.docs) or any(e.plan.id in stale for e in page.items):
            continue
        if page.listing == "body" and page.role == OVERVIEW:  # it sums up all the body's documents
            entry = index.bodies.get(page.key)
            if entry is None or any(d.id in stale for d in entry.docs):
                continue
        pages[key] = (page, found)
    listed = {doc_id: found for doc_id, found in memo.get("listed", {}).items() if doc_id and doc_id not in stale}
    around = {doc_id: found for doc_id, found in memo.get("around", {}).items() if doc_id not in stale}
    return {"partners": partners, "listed": listed, "listing pages": pages,
            "around": around, "around of": memo.get("around of")}
