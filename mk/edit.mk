# make edit — the clerks' browser editor (Decap CMS) on this working copy, included from the Makefile.
#   http://127.0.0.1:8000/admin/ edits docs/ and data/ through decap-server (the CMS's local backend,
#   file-system mode: a save writes the file here, nothing is committed); the site beside it is the
#   live preview, whose pages list the problems `make check` finds. Nothing is opened; Ctrl-C stops both.
#   EDIT_ADDR=host:port for the site, CMS_PORT=… for the backend (both bound to 127.0.0.1).
MKDOCS    ?= NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs
EDIT_ADDR ?= 127.0.0.1:8000
CMS_PORT  ?= 8081
NODE_STAMP := node_modules/.package-lock.json

.PHONY: edit

# npm ci installs exactly what package-lock.json pins (integrity-checked); it writes NODE_STAMP.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund

## edit: the browser editor at http://$(EDIT_ADDR)/admin/ on this working copy (CMS_PORT=… EDIT_ADDR=…)
edit: $(STAMP) $(NODE_STAMP)
	@echo "编辑器：http://$(EDIT_ADDR)/admin/  （Ctrl-C 结束）"
	@PORT=$(CMS_PORT) BIND_HOST=127.0.0.1 MODE=fs GIT_REPO_DIRECTORY="$(CURDIR)" node_modules/.bin/decap-server & \
	  backend=$$!; trap 'kill $$backend 2>/dev/null' EXIT INT TERM; \
	  ZX_CMS_PORT=$(CMS_PORT) $(MKDOCS) serve -a $(EDIT_ADDR)
