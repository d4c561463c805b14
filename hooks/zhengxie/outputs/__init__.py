"""Files besides pages: feeds, calendars, open data, the search index."""
