"""Corpus-wide structures: follow-through, indexes, listings, wayfinding, statistics, generated pages."""
