"""One build: prepare the site from the sources, let an engine render it, finish the outputs."""
