"""A small site for the reader tests: the MiniRepo documents plus a few more (another body, another
year, a series of plans), built with the real hooks, templates and assets — never the sample docs/.

`make_site(repo)` turns a MiniRepo into a buildable MkDocs project (checks_support.make_buildable);
`build(repo, out, **env)` runs the build with the given environment (SITE_URL, ZX_SEARCH). The
session fixture `reader_site` (conftest.py) builds it once under the sub-path URL
https://example.org/zx/ and serves it at http://127.0.0.1:<port>/zx/.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import python_runs
from checks_support import PLAN, PLAN_DATA, MiniRepo, make_buildable

SITE_URL = "https://example.org/zx/"
MOUNT = "zx"

# The fixture corpus beyond MiniRepo's 2019 洛阳 documents.
LUOYANG_2018 = "2018-test-consultation-plan"  # same series as the 2019 plan (上一篇/下一篇)
YUNXI_2018 = "2018-yunxi-consultation-plan"  # another body; topic 生态环境
YEAR_2018 = {LUOYANG_2018, YUNXI_2018}
ECOLOGY = {"2019-test-consultation-plan", YUNXI_2018}  # documents on 生态环境 (ecology)


def _copy_plan(repo: MiniRepo, doc_id: str, replace: dict, item_replace: dict) -> None:
    text, data = repo.read(PLAN), repo.read(PLAN_DATA)
    for old, new in replace.items():
        text, data = text.replace(old, new), data.replace(old, new)
    for old, new in item_replace.items():
        data = data.replace(old, new)
    repo.write(f"docs/plans/{doc_id}.md", text)
    repo.write(f"data/plans/{doc_id}.yml", data)


def add_corpus(repo: MiniRepo) -> None:
    _copy_plan(
        repo,
        LUOYANG_2018,
        {"2019": "2018", "topics: [ecology, industry]": "topics: [rural-revitalization]"},
        {
            "黄河流域生态保护": "乡村产业振兴",
            "topics: [ecology]": "topics: [rural-revitalization]",
            "time: 3月": "time: 原文未载",
        },
    )
    _copy_plan(
        repo,
        YUNXI_2018,
        {
            "2019": "2018",
            "洛阳市": "云溪市",
            "luoyang-city": "yunxi-city",
            "topics: [ecology, industry]": "topics: [ecology]",
        },
        {"推动制造业高质量发展": "城市生态环境治理", "topics: [industry]": "topics: [ecology]"},
    )


def make_site(repo: MiniRepo) -> None:
    make_buildable(repo)


def build(repo: MiniRepo, out: Path, strict: bool = True, **env) -> subprocess.CompletedProcess:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
    arguments = ["build", "--site-dir", str(out)] + (["--strict"] if strict else [])
    return python_runs.run("mkdocs", arguments, repo.root, environment)
