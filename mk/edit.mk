# make edit — the clerks' browser editor (Decap CMS) on this working copy, included from the Makefile.
#   http://127.0.0.1:8000/admin/ edits docs/ and data/ through decap-server (the CMS's local backend,
#   file-system mode: a save writes the file here, nothing is committed); the site beside it is the
#   live preview, whose pages list the problems `make check` finds. Nothing is opened; Ctrl-C stops both.
#   EDIT_ADDR=host:port for the site, CMS_PORT=… for the backend (both bound to 127.0.0.1).
# EDIT_ADDR and CMS_PORT are taken as data like the Makefile's INPUTS (read as "$$EDIT_ADDR").
NODE_STAMP := node_modules/.package-lock.json
$(foreach name,EDIT_ADDR CMS_PORT,$(if $(filter-out undefined,$(origin $(name))),$(eval $(call take-as-data,$(name)))))

.PHONY: edit

# npm ci installs exactly what package-lock.json pins (integrity-checked); it writes NODE_STAMP.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund

## edit: the browser editor at http://$(EDIT_ADDR)/admin/ on this working copy (CMS_PORT=… EDIT_ADDR=…)
edit: $(STAMP) $(NODE_STAMP)
	@addr="$${EDIT_ADDR:-127.0.0.1:8000}"; port="$${CMS_PORT:-8081}"; \
	  echo "编辑器：http://$$addr/admin/  （Ctrl-C 结束）"; \
	  PORT="$$port" BIND_HOST=127.0.0.1 MODE=fs GIT_REPO_DIRECTORY="$$PWD" node_modules/.bin/decap-server & \
	  backend=$$!; trap 'kill $$backend 2>/dev/null' EXIT INT TERM; \
	  ZX_CMS_PORT="$$port" $(MKDOCS) serve --dev-addr="$$addr"
