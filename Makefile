# 协商知识库 — every command installs what it needs into .venv from the hash-locked requirements.txt.
PY      := .venv/bin/python
MKDOCS  := NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs
CORE    := PYTHONPATH=hooks $(PY) -m zhengxie
SHARDCLI := PYTHONPATH=hooks $(PY) -m zhengxie.shards.build
STAMP   := .venv/.installed

# What a command line (or the environment) gives is data, never make or shell code: each value given
# is taken as written ($(value …): a $(shell …) in it is never expanded) and exported, and recipes read
# it from their environment in double quotes ("$$FILE"), so backticks, $(…), ;, quotes, spaces,
# newlines and Chinese reach the command as they are. make itself only tests whether a value is empty
# ($(if $(X),…)); options are written --name="$$X", so a value starting with - is never an option.
INPUTS  := SHARD SHARDS JOBS FORMAT CHANGED BASE KIND BODY YEAR TYPE SLUG FILE N
define take-as-data
override $(1) := $$(value $(1))
export $(1)
endef
$(foreach name,$(INPUTS),$(if $(filter-out undefined,$(origin $(name))),$(eval $(call take-as-data,$(name)))))

# Compiled Python, an installed environment or a build output committed to git would run in place of
# the reviewed source (a .pyc under __pycache__/ is imported instead of its .py) or be published
# unchecked (make merge-shards lays every build/shards/*/ into site/): while git tracks any, no command
# runs. The same paths as zhengxie.gitfiles.tracked.NEVER_COMMITTED; the check and the strict build
# report each one (ZX157 in build/cache/store/, ZX158 elsewhere).
COMMITTED_CODE := $(shell git ls-files -- ':(icase,glob)**/__pycache__/**' ':(icase,glob)**/*.pyc' ':(icase,glob)**/*.pyo' ':(icase).venv' ':(icase)node_modules' ':(icase)build' ':(icase)site' 2>/dev/null | head -n 3)
ifneq ($(strip $(COMMITTED_CODE)),)
$(error 错误 ZX158：仓库中提交了本机生成的文件（$(COMMITTED_CODE) …）：编译后的程序会代替审阅过的源代码运行，构建输出会不经检查发布。在仓库根目录用 git rm --cached -r 加这些路径把它们移出仓库后再运行)
endif

.PHONY: serve build build-sharded shard-matrix merge-shards test installed lint check new import schemas bench lock clean chromium edit

include $(dir $(lastword $(MAKEFILE_LIST)))mk/edit.mk

$(STAMP): requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $(STAMP)

# The venv and the npm packages do not depend on each other: installed side by side.
installed:
	@$(MAKE) --no-print-directory -j2 $(STAMP) $(NODE_STAMP)

## serve: build and serve the site with search on http://127.0.0.1:8000; a save rebuilds the site,
## then calendars, feeds, open data and search follow in the background
serve: $(STAMP)
	$(MKDOCS) serve -a 127.0.0.1:8000

SHARD_USAGE := { echo "用法错误：SHARD 写成 k/N（第 k 片，共 N 片），例如 SHARD=1/4" >&2; exit 2; }

## build: strict build into site/ (fails on any problem, broken link or anchor);
##        SHARD=k/N builds only shard k of N into build/shards/k/ (see data/shards.yml)
build: $(STAMP)
	@case "$$SHARD" in *[!0-9/]*|*/*/*) $(SHARD_USAGE);; ""|[0-9]*/[0-9]*) ;; *) $(SHARD_USAGE);; esac
	$(if $(SHARD),ZX_SHARD="$$SHARD") $(MKDOCS) build --strict $(if $(SHARD),--site-dir="build/shards/$${SHARD%%/*}")

## build-sharded: build SHARDS=N shards in parallel (JOBS=…, default: the cores) and merge them into site/
build-sharded: $(STAMP)
	$(SHARDCLI) build --shards="$${SHARDS:-2}" $(if $(JOBS),--jobs="$$JOBS") --into site

## shard-matrix: the k/N list of SHARDS=N shards as JSON (the CI matrix)
shard-matrix: $(STAMP)
	@$(SHARDCLI) matrix --shards="$${SHARDS:-2}"

## merge-shards: merge built shards (build/shards/1 … N, the hub first) into site/
merge-shards: $(STAMP)
	$(SHARDCLI) merge $$(ls -d build/shards/*/ | sort -t/ -k3 -n) --into site

## check: validate docs/ and data/ without building the site (FORMAT=text|github|json; CHANGED=1: only files
##        changed against main (BASE=…) and what they affect)
check: $(STAMP)
	$(CORE) check --format="$${FORMAT:-text}" $(if $(CHANGED),--changed --base="$${BASE:-main}")

## new: scaffold a document, e.g. make new KIND=plan BODY=luoyang-city YEAR=2019 [TYPE=consultation] [SLUG=…]
new: $(STAMP)
	$(CORE) new --kind="$$KIND" --body="$$BODY" --year="$$YEAR" $(if $(TYPE),--type="$$TYPE") $(if $(SLUG),--slug="$$SLUG")

## import: draft documents from a Word or text file, e.g. make import FILE=原件.docx [KIND=plan TYPE=… BODY=…] [UPDATE=1]
import: $(STAMP)
	$(CORE) import $(if $(KIND),--kind="$$KIND") $(if $(TYPE),--type="$$TYPE") $(if $(BODY),--body="$$BODY") $(if $(UPDATE),--update) -- "$$FILE"

## schemas: regenerate data/schemas/front-matter.schema.json from data/fields.yml
schemas: $(STAMP)
	$(CORE) schemas

## test: lint and types, strict build, core tests and browser tests (Debian chromium and the npm packages are installed when missing)
test: installed chromium lint
	@# The tests start Python a few hundred times, and a machine may forbid it to write compiled modules
	@# (PYTHONDONTWRITEBYTECODE): compiled once here, the suite is about 7 s shorter.
	$(PY) -m compileall -q hooks tests
	$(MKDOCS) build --strict
	$(PY) -m pytest tests -n auto --dist worksteal

## lint: ruff (lint and format), mypy --strict for the core, the layer contract (pyproject.toml)
lint: $(STAMP)
	.venv/bin/ruff check hooks tests
	.venv/bin/ruff format --check hooks tests
	cd hooks && ../.venv/bin/mypy
	PYTHONPATH=hooks .venv/bin/lint-imports

## bench: benchmark build/check/search at N=200,1000,5000 (or N=…)
bench: $(STAMP)
	PYTHONPATH=hooks $(PY) tests/bench/run.py $(if $(N),--sizes="$$N")

# Chromium for the browser tests; CJK fonts: Noto (宋/黑) and AR PL UKai (楷, the free stand-in for
# 仿宋/楷体 in the print stylesheet's official-document font stacks).
chromium:
	@{ command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q . && fc-list 2>/dev/null | grep -q "AR PL UKai" ; } || { \
	  echo "Installing Debian chromium and CJK fonts for the browser tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-arphic-ukai >/dev/null; }

## lock: recompile requirements.txt (with hashes) from requirements.in
lock:
	python3 -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --generate-hashes --strip-extras --allow-unsafe -q -o requirements.txt requirements.in
	rm -rf .venv-lock

clean:
	rm -rf site build .pytest_cache
