"""Full-text search: Pagefind's extended build indexes the built site (Chinese segmentation included).

Runs after the build over the finished HTML. Only the elements marked `data-pagefind-body` are indexed
(the article of a document page, see overrides/partials/content.html), so the home page and the section
listings never drown documents in results; the document header marks the filters 类别/单位/年份/专题.
What a result row shows beside its excerpt (date and body as the page prints them) and the names a
document is found by (its topics, body, kind, year) are Pagefind metadata (`search_meta`): searchable,
never part of the indexed text, so an excerpt never shows them. The browser side
(docs/assets/zx-search.js) ranks a document holding the whole query above one holding its words apart
and drops results matched on single characters only.
Pages are `<html lang="zh">`, so Pagefind writes one `zh` index and segments Chinese into words.
The index is chunked: a query fetches the entry files, the index chunks holding its words and the
fragments of the results it shows, never the whole index.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from zhengxie.model.corpus import Corpus, Document, Vocabulary
from zhengxie.render.header import doc_header

BUNDLE = "pagefind"
# Not indexed as text: the ¶ permalinks of headings, and the document header (its values are in the
# page's metadata, searchable but never an excerpt; the filters it marks still count).
EXCLUDE = ".headerlink, .zx-doc-header"


class SearchIndexError(RuntimeError):
    pass


def pagefind_binary() -> Path:
    """The `pagefind_extended` binary of PyPI's pagefind[extended] (never the plain build: it does not
    segment Chinese, so 提案 inside a sentence would not be found)."""
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]
    except ImportError as error:  # pragma: no cover - the pinned requirements install it
        raise SearchIndexError("pagefind[extended] is not installed (pip install 'pagefind[extended]')") from error
    binary = Path(get_executable())
    if "extended" not in binary.name:
        raise SearchIndexError(f"{binary} is not Pagefind's extended build")
    return binary


@dataclass(frozen=True)
class IndexStats:
    seconds: float
    pages: int
    languages: tuple[str, ...]
    total_bytes: int  # everything under pagefind/ (UI scripts included)
    index_bytes: int  # the search data only: entry, meta, wasm, index/fragment/filter chunks
    index_chunks: int
    fragments: int


def index_site(site_dir: Path, bundle: str = BUNDLE, folders: Sequence[str] = ()) -> IndexStats:
    """Write site_dir/<bundle>/ (pagefind/, or pagefind-k/ for shard k of a sharded build): a chunked
    index, so a query downloads only the chunks it needs."""
    return Indexing(site_dir, bundle, folders).finish()


class Indexing:
    """One Pagefind run over a written site, started in the background: the build writes its other
    outputs (calendars, feeds, open data) on one core while Pagefind indexes on the other."""

    def __init__(self, site_dir: Path, bundle: str = BUNDLE, folders: Sequence[str] = ()):
        self.site_dir, self.bundle = Path(site_dir), bundle
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            index_command(self.site_dir, bundle=bundle, folders=folders),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def finish(self) -> IndexStats:
        output, _ = self.process.communicate()
        if self.process.returncode != 0:
            raise SearchIndexError(f"pagefind failed ({self.process.returncode}):\n{output.decode(errors='replace')}")
        return index_stats(self.site_dir, seconds=time.perf_counter() - self.started, bundle=self.bundle)

    def stop(self) -> None:
        """The build failed before finishing: no index, and no Pagefind left running."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


def index_command(
    site_dir: Path, output: Path | None = None, bundle: str = BUNDLE, folders: Sequence[str] = ()
) -> list[str]:
    """The Pagefind command indexing site_dir into site_dir/<bundle>/ (pagefind/ unless sharded), or into
    `output`. Given the document folders (the kinds' folders of data/kinds.yml), Pagefind reads only
    their pages: the others carry no data-pagefind-body and would be parsed for nothing (about a third
    of Pagefind's time on the bench's site)."""
    where = ["--output-path", str(output)] if output is not None else ["--output-subdir", bundle]
    command = [str(pagefind_binary()), "--site", str(site_dir), *where, "--exclude-selectors", EXCLUDE, "--silent"]
    return [*command, "--glob", document_glob(folders)] if folders else command


def document_glob(folders: Sequence[str]) -> str:
    """Pagefind's glob for the pages under the given site folders: {plans,rules}/**/*.html."""
    names = sorted(dict.fromkeys(folders))
    return f"{names[0]}/**/*.html" if len(names) == 1 else "{" + ",".join(names) + "}/**/*.html"


def index_stats(site_dir: Path, seconds: float = 0.0, bundle: str = BUNDLE) -> IndexStats:
    folder = Path(site_dir) / bundle
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    files = [p for p in folder.rglob("*") if p.is_file()]
    data = [
        p for p in files if p.suffix.startswith(".pf_") or p.name.startswith("wasm.") or p.name == "pagefind-entry.json"
    ]
    return IndexStats(
        seconds=seconds,
        pages=sum(lang.get("page_count", 0) for lang in entry["languages"].values()),
        languages=tuple(sorted(entry["languages"])),
        total_bytes=sum(p.stat().st_size for p in files),
        index_bytes=sum(p.stat().st_size for p in data),
        index_chunks=len(list((folder / "index").glob("*.pf_index"))),
        fragments=len(list((folder / "fragment").glob("*.pf_fragment"))),
    )


def search_terms(corpus: Corpus, doc: Document) -> str:
    """The names a reader searches a document by — its body (short and full name, and the short name
    without 政协), topics, kind and type, year — each as its own word of the `zx-terms` metadata.
    Pagefind segments Chinese text by context, so 云溪市政协 inside 云溪市政协2018年度协商计划 may be cut as
    云溪/市政/协 and a query for 云溪市政协 or 政协 would miss it; metadata matches a name from its start,
    and the browser checks every candidate against these names whole (docs/assets/zx-search.js)."""
    vocab = corpus.vocab
    terms: list[str] = []
    body = vocab.bodies.get(doc.body) if doc.body else None
    if body is not None:
        terms += [body.short, body.name]
        if body.short.endswith("政协") and len(body.short) > 2:
            terms += [body.short[:-2], "政协"]
    for topic_id in doc.topics:
        topic = vocab.topics.get(topic_id)
        if topic is not None:
            terms.append(topic.name)
    kind = vocab.kinds.get(doc.kind)
    if kind is not None:
        terms.append(kind.name)
    terms.append(vocab.type_name(doc.kind, doc.type))
    if doc.year:
        terms += [str(doc.year), f"{doc.year}年"]
    return " ".join(dict.fromkeys(t for t in terms if t))


# The header rows a result row shows as the document's date, first found first: the 成文日期, else the
# period, else the year (field ids of data/fields.yml; the year row is the header's derived one).
RESULT_DATE_ROWS = ("date", "period", "year")
# The header row holding the 文号 (field id of data/fields.yml).
RESULT_NUMBER_ROW = "doc_number"
# The mark a sample document carries everywhere it is shown, a search result row included.
SAMPLE_MARK = "示例"
# Header rows whose values are names a reader searches by, beside search_terms: the 发文机关. The page's
# header is not indexed as text (an excerpt never shows it), so what is searched in it is metadata.
SEARCHED_ROWS = ("issuers",)


@dataclass(frozen=True)
class SearchMeta:
    """The Pagefind metadata of a document page (content.html writes each as a data-zx-* attribute)."""

    terms: str  # searchable names: body, topics, kind and type, year (see search_terms), 发文机关
    date: str  # as the page's header prints it: 2016年2月15日, 2016年下半年, 2016年
    body: str  # the body's short name as the header prints it
    number: str  # the 文号 as printed, or ""
    sample: str  # SAMPLE_MARK for a sample document (the row says so, as the page does), else ""


def search_meta(corpus: Corpus, doc: Document) -> SearchMeta:
    rows = {row.id: row for row in doc_header(corpus, doc).rows}

    def printed(row_id: str) -> str:
        row = rows.get(row_id)
        if row is None or not row.values or row.values[0].not_stated:
            return ""
        return "、".join(v.text for v in row.values)

    date = next((text for text in map(printed, RESULT_DATE_ROWS) if text), "")
    body = corpus.vocab.bodies.get(doc.body) if doc.body else None
    names = [search_terms(corpus, doc)]
    for row_id in SEARCHED_ROWS:
        row = rows.get(row_id)
        names += [v.text for v in row.values if not v.not_stated] if row is not None else []
    return SearchMeta(
        terms=" ".join(dict.fromkeys(n for n in names if n)),
        date=date,
        body=body.short if body is not None else "",
        number=printed(RESULT_NUMBER_ROW),
        sample=SAMPLE_MARK if doc.sample else "",
    )


def search_kinds(vocab: Vocabulary) -> list[dict[str, object]]:
    """The 类别 filter as readers see it: each kind (工作总结 …) above the names of its types, in the
    order of data/kinds.yml. The filter's values are type names; ticking a kind selects any of its types."""
    return [
        {"name": kind.name, "types": list(dict.fromkeys(t.name for t in kind.types.values()))}
        for kind in vocab.kinds.values()
    ]
