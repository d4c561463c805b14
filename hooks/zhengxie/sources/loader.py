"""Load docs/ and data/ once into the corpus model.

Loading is forgiving: a malformed file becomes a problem and, as far as possible, a document with
defaults, so that one bad file never hides the findings in the others. Type and vocabulary rules
are the checks' business (hooks/zhengxie/checks); here values are only read if they have the right shape,
and a value written as a registered name (洛阳市政协, 双月协商座谈会) is read as its id ("names" below).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import re2  # type: ignore[import-untyped]  # google-re2: matching in time linear in the heading

from zhengxie.model import paging
from zhengxie.model.corpus import (
    CHOICES,
    TYPES,
    Body,
    Breakdown,
    Corpus,
    DocEntry,
    DocType,
    Document,
    Field,
    Figure,
    Form,
    HeadingPattern,
    KeyPath,
    Kind,
    Measure,
    Part,
    PlanItem,
    Profile,
    Report,
    Role,
    SectionPosition,
    SectionSpec,
    Sic,
    Stage,
    Status,
    SummaryData,
    Topic,
    Vocabulary,
)
from zhengxie.model.fields import parse_date, read_value
from zhengxie.model.portal import SITE_FILE, read_portal
from zhengxie.registry.names import Names, Spelling
from zhengxie.registry.problems import Problem, Reporter, load_catalogue
from zhengxie.sources.discovery import discover
from zhengxie.sources.forked import in_slices
from zhengxie.sources.originals import attach_originals
from zhengxie.text import limits, outline
from zhengxie.text.reading import (
    UNREAD,
    ReadIssue,
    RealFolders,
    YamlDoc,
    YamlIssueKind,
    front_matter_problem,
    parse_yaml,
    read_source,
    split_front_matter,
)
from zhengxie.text.values import (
    NOT_STATED,
    NOT_STATED_TEXT,
    NotStated,
    Period,
    parse_amount,
    parse_when,
    printed_unit,
)

DATA = "data"
DOCS = "docs"
VOCAB_FILES = ("topics", "bodies", "forms", "roles", "statuses", "kinds", "fields", "sections", "measures")
PAGINATION = f"{DATA}/pagination.yml"  # optional: without it, listings page by paging.DEFAULT_PAGE_SIZE
MAX_PATTERN = 200  # characters of a heading pattern in data/sections.yml (a regular expression)
SECTIONS = f"{DATA}/sections.yml"

# Heading patterns come from data/ (a pull request), so they are compiled by RE2, an automaton
# engine: a match takes time linear in the heading, whatever the pattern (no backtracking, so
# `^(a+)+$` cannot hang a check), and never depends on the machine's speed the way a timeout would.
# RE2 refuses what it cannot match that way (\1, lookaround): ZX137, and the pattern is not used.
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # its reasons go into ZX137, not to stderr
_RE2_OPTIONS.max_mem = 8 << 20  # bytes of one compiled pattern (RE2's default, stated)


def load_corpus(root: Path | str) -> Corpus:
    """The corpus of docs/ and data/: every document listed (corpus.entries; duplicate ids and
    orphan data files are reported) and read."""
    root = Path(root)
    corpus = load_vocabulary(root)
    corpus.listing = discover(
        root, (k.folder for k in corpus.vocab.kinds.values()), corpus.reporter, corpus.vocab.portal.original_suffixes
    )
    corpus.entries = list_documents(corpus)
    load_documents(corpus)
    attach_originals(corpus)  # 附件: accepted, or reported and kept out of the site
    return corpus


# Documents per extra core below which loading stays on one core (forking and sending the documents
# back would cost more than it saves).
FORK_MINIMUM = 500


def load_documents(corpus: Corpus) -> None:
    """Every listed document read, in the listing's order, with its problems in that order too. On
    several cores, consecutive slices are read in forked children (zhengxie.sources.forked) and the
    documents and problems sent back: the same corpus and problems as one core makes."""
    root, reporter, vocab = Path(corpus.root), corpus.reporter, corpus.vocab
    before = list(reporter.problems)  # what add_once compares with (a slice reports only its own files)

    def load(entries: Sequence[DocEntry]) -> tuple[list[Document], list[Problem]]:
        own = Reporter(reporter.catalogue, list(before))
        folders = RealFolders(root)  # each folder's realpath asked once in this load
        documents = [load_document(root, entry, own, vocab, folders) for entry in entries]
        return documents, own.problems[len(before) :]

    for documents, problems in in_slices(corpus.entries, load, FORK_MINIMUM):
        for doc in documents:
            corpus.documents[doc.id] = doc
        reporter.problems.extend(problems)


def list_documents(corpus: Corpus) -> list[DocEntry]:
    """Every document the listing holds, kind by kind in path order: one per id (a second file with
    an id already taken is refused, ZX118), and the data files no document owns (orphan_data)."""
    root, reporter, listing = Path(corpus.root), corpus.reporter, corpus.listing
    in_folder: dict[str, list[str]] = {}
    for folder, src_uri in listing.documents:
        in_folder.setdefault(folder, []).append(src_uri)
    entries: list[DocEntry] = []
    by_id: dict[str, DocEntry] = {}
    for kind in corpus.vocab.kinds.values():
        known: set[str] = set()
        data_names, data_files = _data_names(root / DATA / kind.folder)
        for src_uri in sorted(in_folder.get(kind.folder, ())):
            doc_id = src_uri.rsplit("/", 1)[-1][: -len(".md")]
            other = by_id.get(doc_id)
            if other is not None:  # one id, one document: references and data files go by id
                reporter.add("ZX118", f"{DOCS}/{src_uri}", 1, other=other.path)
                listing.refuse_page(src_uri)
                continue
            data_path = f"{DATA}/{kind.folder}/{doc_id}.yml"
            entry = DocEntry(
                doc_id, kind.id, src_uri, f"{DOCS}/{src_uri}", data_path if f"{doc_id}.yml" in data_files else None
            )
            by_id[doc_id] = entry
            entries.append(entry)
            known.add(doc_id)
        corpus.orphan_data += [
            f"{DATA}/{kind.folder}/{name}" for name in data_names if (name[: -len(".yml")] or name) not in known
        ]  # Path.stem of ".yml" is ".yml"
    return entries


def _data_names(folder: Path) -> tuple[list[str], set[str]]:
    """(every *.yml name in a data folder, sorted — what glob lists; the names that are files,
    symlinks followed — what Path.is_file says), in one directory scan."""
    try:
        with os.scandir(folder) as scan:
            found = [(e.name, e.is_file()) for e in scan if e.name.endswith(".yml")]
    except OSError:
        return [], set()
    return sorted(name for name, _ in found), {name for name, is_file in found if is_file}


def _load_yaml_file(root: Path, path: str, reporter: Reporter, folders: RealFolders | None = None) -> YamlDoc:
    full = root / path
    if not full.is_file():
        reporter.add("ZX108", path)
        return YamlDoc()
    text, issue = read_source(full, root, folders)
    if text is None:
        report_read_issue(issue, path, reporter)
        return YamlDoc()
    if not text.strip():
        reporter.add("ZX104", path, 1)
        return YamlDoc()
    doc = parse_yaml(text)
    report_yaml_issues(doc, path, reporter)
    return doc


# YamlIssue kind -> (code, name of the message parameter its detail fills)
_YAML_ISSUE_CODES: dict[YamlIssueKind, tuple[str, str]] = {
    "syntax": ("ZX103", "detail"),
    "duplicate-key": ("ZX106", "key"),
    "full-width-colon": ("ZX105", "key"),
    "depth": (limits.YAML_DEPTH.code, "limit"),
    "aliases": (limits.YAML_ALIASES.code, "limit"),
    "expansion": (limits.YAML_EXPANSION.code, "extra"),
    "tag": ("ZX114", "tag"),
}


def report_yaml_issues(doc: YamlDoc, path: str, reporter: Reporter) -> None:
    for issue in doc.issues:
        code, param = _YAML_ISSUE_CODES[issue.kind]
        extra = {"limit": limits.YAML_EXPANSION.value} if issue.kind == "expansion" else {}
        reporter.add(code, path, issue.line, issue.column, **{param: issue.detail}, **extra)


def report_read_issue(issue: ReadIssue | None, path: str, reporter: Reporter) -> None:
    """A file that was not read (not UTF-8, too big, a line too long, a symlink): one coded problem.
    (read_source gives the issue with every text it does not return.)"""
    if issue is None:
        issue = ReadIssue("ZX101", 1, {"reason": "原因不明"})
    if issue.code == "ZX116":
        reporter.add_once("ZX116", path, 1)
    else:
        reporter.add(issue.code, path, issue.line, None, **issue.params)


# ---- vocabularies ---------------------------------------------------------------------------------


def _entries(corpus: Corpus, name: str) -> list[tuple[str, dict[str, object]]]:
    """(id, entry) of each entry of data/<name>.yml that is a mapping with a text id; any other
    entry is the schema check's finding."""
    data = corpus.vocab_yaml[f"{DATA}/{name}.yml"].data
    if not isinstance(data, list):
        return []
    return [(e["id"], e) for e in data if isinstance(e, dict) and isinstance(e.get("id"), str)]


def _build_vocabulary(corpus: Corpus) -> None:
    vocab = corpus.vocab
    for id_, e in _entries(corpus, "topics"):
        vocab.topics[id_] = Topic(id_, _str(e.get("name")) or id_, _str(e.get("description")))
    for id_, e in _entries(corpus, "bodies"):
        vocab.bodies[id_] = Body(
            id_,
            _str(e.get("name")) or id_,
            _str(e.get("short")) or _str(e.get("name")) or id_,
            _str(e.get("level")),
            _str(e.get("region")),
            _as_str(e.get("parent")),
            _opt_str(e.get("merged_proposals")),
            _opt_str(e.get("code")),
        )
    for id_, e in _entries(corpus, "forms"):
        vocab.forms[id_] = Form(
            id_,
            _str(e.get("name")) or id_,
            _opt_str(e.get("parent")),
            _opt_str(e.get("body")),
            tuple(_str_list(e.get("requires"))),
        )
    for id_, e in _entries(corpus, "roles"):
        vocab.roles[id_] = Role(id_, _str(e.get("name")) or id_, e.get("lists") is True)
    for id_, e in _entries(corpus, "statuses"):
        vocab.statuses[id_] = Status(
            id_, _str(e.get("name")) or id_, e.get("done") is True, e.get("held") is True, e.get("dated") is True
        )
    for id_, e in _entries(corpus, "kinds"):
        types: dict[str, DocType] = {}
        for t in _list(e.get("types")):
            if isinstance(t, dict) and isinstance(t.get("id"), str):
                types[t["id"]] = DocType(
                    t["id"],
                    _str(t.get("name")) or t["id"],
                    tuple(_str_list(t.get("profiles"))),
                    _opt_str(t.get("period")),
                    tuple(_str_list(t.get("title_patterns"))),
                )
        vocab.kinds[id_] = Kind(
            id_,
            _str(e.get("name")) or id_,
            _str(e.get("folder")) or id_,
            types,
            _opt_str(e.get("data")),
            tuple(_str_list(e.get("behaviours"))),
            tuple(_str_list(e.get("macros"))),
        )
    for id_, e in _entries(corpus, "fields"):
        required = e.get("required")
        choices = e.get("choices")
        vocab.fields[id_] = Field(
            id=id_,
            label=_str(e.get("label")) or id_,
            type=_str(e.get("type")),
            required=True if required is True else tuple(_str_list(required)),
            kinds=tuple(_str_list(e.get("kinds"))),
            not_stated=e.get("not_stated") is True,
            header=e.get("header") is True,
            filter=_str(e.get("filter")),
            vocabulary=_str(e.get("vocabulary")),
            choices={str(k): str(v) for k, v in choices.items()} if isinstance(choices, dict) else {},
            help=_str(e.get("help")),
            example=e.get("example"),
        )
    _read_measures(corpus)
    if PAGINATION in corpus.vocab_yaml:  # an invalid value is the schema check's finding (ZX2xx)
        vocab.page_size = paging.page_size(corpus.vocab_yaml[PAGINATION].data)
    if SITE_FILE in corpus.vocab_yaml:  # optional, like pagination.yml (zhengxie.model.portal)
        vocab.portal = read_portal(corpus.vocab_yaml[SITE_FILE].data)
    for index, entry in enumerate(_list(corpus.vocab_yaml[SECTIONS].data)):
        if isinstance(entry, dict) and isinstance(profile_id := entry.get("id"), str):
            vocab.profiles[profile_id] = _profile(corpus, profile_id, entry, index)
    _build_names(corpus)


# ---- names ----------------------------------------------------------------------------------------
# What a clerk may write for an id: the entry's registered name, its declared other names (a body's
# `short`, any entry's `aliases`) or the id. One table per vocabulary (zhengxie.registry.names), built
# here from data/*.yml; every value read below is turned into its id, so checks, pages and exports
# see ids only. A name two entries share is reported where it is declared (ZX220) and resolves to
# neither.

NAME_KEYS = ("name",)
BODY_NAME_KEYS = ("name", "short")
ALIASES = "aliases"


def _spellings(entry: dict[str, object], at: KeyPath, keys: tuple[str, ...] = NAME_KEYS) -> list[Spelling]:
    found = [Spelling(v, (*at, k)) for k in keys if isinstance(v := entry.get(k), str)]
    aliases = entry.get(ALIASES)
    found += [Spelling(a, (*at, ALIASES, n)) for n, a in enumerate(_list(aliases)) if isinstance(a, str)]
    return found


def _listed(data: object, at: KeyPath = (), keys: tuple[str, ...] = NAME_KEYS) -> list[tuple[str, list[Spelling]]]:
    return [
        (e["id"], _spellings(e, (*at, i), keys))
        for i, e in enumerate(_list(data))
        if isinstance(e, dict) and isinstance(e.get("id"), str)
    ]


def _build_names(corpus: Corpus) -> None:
    vocab, files = corpus.vocab, corpus.vocab_yaml

    def data(name: str) -> object:
        return files[f"{DATA}/{name}.yml"].data

    tables: dict[str, tuple[str, list[tuple[str, list[Spelling]]]]] = {
        "topics": ("topics", _listed(data("topics"))),
        "bodies": ("bodies", _listed(data("bodies"), (), BODY_NAME_KEYS)),
        "forms": ("forms", _listed(data("forms"))),
        "roles": ("roles", _listed(data("roles"))),
        "statuses": ("statuses", _listed(data("statuses"))),
        "kinds": ("kinds", _listed(data("kinds"))),
        "profiles": ("sections", _listed(data("sections"))),
    }
    for i, kind in enumerate(_list(data("kinds"))):
        if isinstance(kind, dict) and isinstance(kind.get("id"), str):
            tables[f"{TYPES}/{kind['id']}"] = ("kinds", _listed(kind.get("types"), (i, "types")))
    measures = data("measures")
    measures = measures if isinstance(measures, dict) else {}
    tables["measures"] = ("measures", _listed(measures.get("measures"), ("measures",)))
    by = measures.get("breakdowns")
    tables["breakdowns"] = (
        "measures",
        [(str(k), [Spelling(v, ("breakdowns", k))]) for k, v in by.items() if isinstance(v, str)]
        if isinstance(by, dict)
        else [],
    )
    for i, spec in enumerate(_list(data("fields"))):
        choices = spec.get("choices") if isinstance(spec, dict) else None
        if isinstance(spec, dict) and isinstance(spec.get("id"), str) and isinstance(choices, dict):
            tables[f"{CHOICES}{spec['id']}"] = (
                "fields",
                [(str(k), [Spelling(v, (i, "choices", k))]) for k, v in choices.items() if isinstance(v, str)],
            )
    for vocabulary, (file, entries) in tables.items():
        table = vocab.names[vocabulary] = Names.of(entries)
        path = f"{DATA}/{file}.yml"
        ydoc = files[path]
        table.unread = ydoc.data is None or any(issue.kind in UNREAD for issue in ydoc.issues)
        for clash in table.clashes.values():
            corpus.reporter.add(
                "ZX220",
                path,
                files[path].line_of(clash.path, 1),
                name=clash.text,
                ids="、".join(clash.ids),
            )
    _resolve_parents(corpus)


def _resolve_parents(corpus: Corpus) -> None:
    """A body's `parent` may name the body (莒县政协) as well as give its id."""
    table, bodies = corpus.vocab.names_of("bodies"), corpus.vocab.bodies
    for entry in _list(corpus.vocab_yaml[f"{DATA}/bodies.yml"].data):
        if isinstance(entry, dict) and isinstance(entry.get("parent"), str):
            entry["parent"] = parent = table.resolve(entry["parent"])
            body = bodies.get(entry["id"]) if isinstance(entry.get("id"), str) else None
            if body is not None:
                bodies[body.id] = dataclasses.replace(body, parent=parent)


def _resolve(table: Names, value: object) -> object:
    """A value as its id: a name, or each name of a list; anything else as written."""
    if isinstance(value, str):
        return table.resolve(value) if value.strip() != NOT_STATED_TEXT else value
    if isinstance(value, list):
        return [_resolve(table, v) for v in value]
    return value


def resolve_front_matter(meta: dict[object, object], vocab: Vocabulary, kind: str) -> None:
    """Every front-matter value written as a name (所属机构 洛阳市政协, 专题 乡村振兴, 类别 年度协商计划 …)
    replaced by its id, in place: the schema, the checks and the pages read ids."""
    for key, value in meta.items():
        spec = vocab.fields.get(key) if isinstance(key, str) else None
        table = vocab.field_names(spec, kind) if spec is not None else None
        if table is not None:
            meta[key] = _resolve(table, value)


def _rename_key(ydoc: YamlDoc | None, owner: dict[str, object], at: KeyPath, old: str, new: str) -> dict[str, object]:
    """`owner` with its key `old` renamed `new` (order kept), the line map following the key."""
    if ydoc is not None:
        size = len(at) + 1
        for path, line in list(ydoc.lines.items()):
            if path[:size] == (*at, old):
                ydoc.lines.setdefault((*at, new, *path[size:]), line)
    return {(new if k == old else k): v for k, v in owner.items()}


def _resolve_items(ydoc: YamlDoc, data: dict[str, object], vocab: Vocabulary) -> None:
    forms, topics, roles = vocab.names_of("forms"), vocab.names_of("topics"), vocab.names_of("roles")
    for index, item in enumerate(_list(data.get("items"))):
        if not isinstance(item, dict):
            continue
        if "form" in item:
            item["form"] = _resolve(forms, item["form"])
        for stage in _list(item.get("stages")):
            if isinstance(stage, dict) and "form" in stage:
                stage["form"] = _resolve(forms, stage["form"])
        if "topics" in item:
            item["topics"] = _resolve(topics, item["topics"])
        raw_roles = item.get("roles")
        if isinstance(raw_roles, dict):
            for role in list(raw_roles):
                new = roles.resolve(role) if isinstance(role, str) else role
                if new != role and new not in raw_roles:
                    raw_roles = _rename_key(ydoc, raw_roles, ("items", index, "roles"), role, new)
            item["roles"] = raw_roles


def _resolve_summary(ydoc: YamlDoc, data: dict[str, object], vocab: Vocabulary) -> None:
    measures, breakdowns = vocab.names_of("measures"), vocab.names_of("breakdowns")

    def breakdown(raw: object) -> None:
        if isinstance(raw, dict):
            if "by" in raw:
                raw["by"] = _resolve(breakdowns, raw["by"])
            for part in _list(raw.get("parts")):
                if isinstance(part, dict):
                    breakdown(part.get("breakdown"))

    for figure in _list(data.get("figures")):
        if isinstance(figure, dict):
            for key in ("measure", "of"):
                if key in figure:
                    figure[key] = _resolve(measures, figure[key])
            breakdown(figure.get("breakdown"))
    statuses = vocab.names_of("statuses")
    for report in _list(data.get("reports")):
        if isinstance(report, dict) and "status" in report:
            report["status"] = _resolve(statuses, report["status"])


# The data-file model of each kind (data/kinds.yml `data`): how its names become ids.
DataResolver = Callable[[YamlDoc, dict[str, object], Vocabulary], None]
DATA_RESOLVERS: dict[str, DataResolver] = {"plan-items": _resolve_items, "summary-figures": _resolve_summary}


def _profile(corpus: Corpus, profile_id: str, e: dict[str, object], index: int) -> Profile:
    """One profile of data/sections.yml, the `index`-th entry; its patterns compiled (or reported)."""
    reporter = corpus.reporter if isinstance(corpus.reporter, Reporter) else None

    def pattern(value: object, *path: str | int) -> HeadingPattern | None:
        return _pattern(value, reporter, corpus.vocab_yaml[SECTIONS].line_of((index, *path)))

    raw_applies = e.get("applies")
    applies: dict[str, object] = raw_applies if isinstance(raw_applies, dict) else {}
    sections = [
        (n, s) for n, s in enumerate(_list(e.get("sections"))) if isinstance(s, dict) and isinstance(s.get("name"), str)
    ]
    return Profile(
        id=profile_id,
        name=_str(e.get("name")) or profile_id,
        sections=tuple(
            SectionSpec(
                s["name"],
                tuple(a for a in _list(s.get("aliases")) if isinstance(a, str)),
                tuple(
                    p
                    for p in (pattern(x, "sections", n, "patterns", k) for k, x in enumerate(_list(s.get("patterns"))))
                    if p is not None
                ),
                _position(s.get("position")),
                s.get("optional") is True,
            )
            for n, s in sections
        ),
        heading=pattern(applies.get("heading"), "applies", "heading"),
        no_heading=pattern(applies.get("no_heading"), "applies", "no_heading"),
        body=_opt_str(e.get("body")),
        types=tuple(_str_list(e.get("types"))),
        line=corpus.vocab_yaml[SECTIONS].line_of((index,)),
    )


def _read_measures(corpus: Corpus) -> None:
    vocab = corpus.vocab
    data = corpus.vocab_yaml[f"{DATA}/measures.yml"].data
    if not isinstance(data, dict):
        return
    vocab.units = tuple(_str_list(data.get("units")))
    raw = data.get("breakdowns")
    vocab.breakdowns = {str(k): _str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
    for e in _list(data.get("measures")):
        if not (isinstance(e, dict) and isinstance(e.get("id"), str)):
            continue
        unit = _str(e.get("unit"))
        vocab.measures[e["id"]] = Measure(
            id=e["id"],
            name=_str(e.get("name")) or e["id"],
            group=_str(e.get("group")),
            unit=unit,
            units=tuple(dict.fromkeys(([unit] if unit else []) + _str_list(e.get("units")))),
            rate=e.get("rate") is True,
            numerator=_opt_str(e.get("numerator")),
            denominator=_opt_str(e.get("denominator")),
            parts=tuple(_str_list(e.get("parts"))),
            at_most=_opt_str(e.get("at_most")),
            merging=e.get("merging") is True,
            difference=tuple(_str_list(e.get("difference"))),
            plan=_opt_str(e.get("plan")),
        )


def _position(value: object) -> SectionPosition | None:
    if value == "first":
        return "first"
    return "last" if value == "last" else None


def _pattern(value: object, reporter: Reporter | None, line: int | None) -> HeadingPattern | None:
    """A heading pattern compiled by RE2, or None: a value that is not text or too long is the
    schema check's finding; one RE2 refuses is reported here (ZX137). RE2's compiled pattern (the
    library is untyped) has re.Pattern's interface: google-re2 is a drop-in for `re`."""
    if not isinstance(value, str) or not value or len(value) > MAX_PATTERN:
        return None
    try:
        compiled: HeadingPattern = re2.compile(value, _RE2_OPTIONS)
        return compiled
    except re2.error as error:
        if reporter is not None:
            reporter.add("ZX137", SECTIONS, line, pattern=value, reason=_re2_reason(error))
        return None


# RE2's reasons (English), by their start, in Chinese; the reason itself follows in brackets.
_RE2_REASONS = (
    ("invalid perl operator", "不支持这种“(?”写法（前后查找、条件等）"),
    ("invalid escape sequence", "不支持的转义（例如反向引用 \\1）"),
    ("invalid named capture group", "分组名称写法有误"),
    ("invalid repetition size", "重复次数无效或超过 1000"),
    ("bad repetition operator", "重复符号用法有误（例如 ** 或 {m}{n}）"),
    ("missing argument to repetition operator", "重复符号前面没有内容"),
    ("missing ]", "方括号不成对"),
    ("missing )", "圆括号不成对"),
    ("unexpected )", "圆括号不成对"),
    ("invalid character class", "字符类写法有误"),
    ("pattern too large", "模式展开后过大"),
)


def _re2_reason(error: Exception) -> str:
    detail = error.args[0] if error.args else b""
    text = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
    chinese = next((words for start, words in _RE2_REASONS if text.startswith(start)), "无法编译")
    return f"{chinese}（RE2：{text}）" if text else chinese


# ---- documents ------------------------------------------------------------------------------------


def load_document(
    root: Path, entry: DocEntry, reporter: Reporter, vocab: Vocabulary, folders: RealFolders | None = None
) -> Document:
    kind = vocab.kinds[entry.kind]
    md = root / entry.path  # docs/<kind-folder>/[<year>/]<id>.md
    path = entry.path
    doc = Document(id=entry.id, kind=kind.id, path=path, src_uri=entry.src_uri)
    text, issue = read_source(md, root, folders)
    if text is None:
        report_read_issue(issue, path, reporter)
        return doc
    if not text.strip():
        reporter.add("ZX104", path, 1)
        return doc
    split = split_front_matter(text)
    doc.text, doc.body_line = split.body, split.body_line
    if split.front_matter is None:
        reporter.add("ZX102", path, 1, problem=front_matter_problem(text))
    else:
        doc.meta_yaml = parse_yaml(split.front_matter, split.front_matter_line)
        report_yaml_issues(doc.meta_yaml, path, reporter)
        meta = doc.meta_yaml.data
        if meta is None and not doc.meta_yaml.issues:
            meta = {}
        if isinstance(meta, dict):
            resolve_front_matter(meta, vocab, kind.id)
            doc.meta = meta
            _read_meta(doc, meta, vocab)
        elif meta is not None:
            reporter.add("ZX107", path, split.front_matter_line)
    doc.headings, doc.articles = outline.scan(doc.text, doc.body_line)
    data_path = entry.data_path
    if data_path is not None:
        doc.data_path = data_path
        doc.data_yaml = _load_yaml_file(root, data_path, reporter, folders)
        data = doc.data_yaml.data
        reader = DATA_READERS.get(kind.data) if kind.data is not None else None
        resolver = DATA_RESOLVERS.get(kind.data) if kind.data is not None else None
        if isinstance(data, dict) and resolver is not None:
            resolver(doc.data_yaml, data, vocab)
        if isinstance(data, dict) and reader is not None:
            reader(doc, data, vocab)
    return doc


def _read_meta(doc: Document, meta: dict[object, object], vocab: Vocabulary) -> None:
    """Every field the table declares, read by its type; unknown fields are the schema's finding.
    The model's own fields take a value only of their form: data/fields.yml says which type each
    field has, and a field given another type (or 原文未载 where the model has no room for it)
    leaves the model's default."""
    for key, value in meta.items():
        if not isinstance(key, str):
            continue
        spec = vocab.fields.get(key)
        if spec is not None:
            parsed = read_value(spec, value)
            if parsed is not None:
                doc.fields[key] = parsed
    fields = doc.fields
    doc.title = _text(fields.get("title"))
    doc.type = _text(fields.get("type")) or None
    doc.body = _text(fields.get("body")) or None
    date = fields.get("date")
    doc.date = date if isinstance(date, (dt.date, NotStated)) else None
    period = fields.get("period")
    doc.period = period if isinstance(period, (Period, NotStated)) else None
    topics = fields.get("topics")
    doc.topics = list(topics) if isinstance(topics, tuple) else []
    doc.sample = fields.get("sample") is True
    doc.sample_note = _text(fields.get("sample_note"))


def _text(value: object) -> str:
    """A read text field's value ("" for none, for 原文未载, or for a value of another type)."""
    return value if isinstance(value, str) else ""


def _read_items(doc: Document, data: dict[str, object], vocab: Vocabulary) -> None:
    listed = [r for r in vocab.roles.values() if r.lists]
    rank = {role: position for position, role in enumerate(vocab.roles)}  # roles in the table's order
    unknown = len(rank)  # … and those it does not know after them
    for index, raw in enumerate(_list(data.get("items"))):
        if not isinstance(raw, dict):
            continue
        roles: dict[str, tuple[str, ...] | NotStated] = {}
        raw_roles = raw.get("roles")
        for role, names in raw_roles.items() if isinstance(raw_roles, dict) else ():
            if isinstance(names, str) and names.strip() == NOT_STATED_TEXT:
                roles[str(role)] = NOT_STATED
            elif isinstance(names, (str, list)):
                roles[str(role)] = tuple(_str_list(names if isinstance(names, list) else [names]))
        roles = dict(sorted(roles.items(), key=lambda kv: rank.get(kv[0], unknown)))
        stages = tuple(
            Stage(_opt_str(s.get("form")), parse_when(s.get("time")), _str(s.get("note")))
            for s in _list(raw.get("stages"))
            if isinstance(s, dict)
        )
        form = _opt_str(raw.get("form")) or next((s.form for s in stages if s.form), None)
        lead = next(("、".join(names) for r in listed if (names := roles.get(r.id))), "")
        doc.items.append(
            PlanItem(
                plan=doc.id,
                id=str(raw.get("id", f"#{index + 1}")),
                title=_str(raw.get("title")),
                form=form,
                time=parse_when(raw.get("time")),
                roles=roles,
                stages=stages,
                topics=_str_list(raw.get("topics")),
                summary=_str(raw.get("summary")),
                points=tuple(_str_list(raw.get("points"))),
                lead=lead,
                line=doc.data_line("items", index),
                index=index,
            )
        )


def _read_summary(doc: Document, data: dict[str, object], vocab: Vocabulary) -> None:
    summary = doc.summary = SummaryData()
    for index, raw in enumerate(_list(data.get("figures"))):
        if isinstance(raw, dict):
            summary.figures.append(_read_figure(doc, raw, index, vocab))
    for index, raw in enumerate(_list(data.get("reports"))):
        if not isinstance(raw, dict):
            continue
        summary.reports.append(
            Report(
                summary=doc.id,
                item=_str(raw.get("item")),
                status=_str(raw.get("status")),
                date=parse_date(raw.get("date")),
                reason=_str(raw.get("reason")),
                merged_into=_as_str(raw.get("merged_into")),
                line=doc.data_line("reports", index),
                index=index,
            )
        )


def _read_figure(doc: Document, raw: dict[str, object], index: int, vocab: Vocabulary) -> Figure:
    measure_id = _opt_str(raw.get("measure"))
    measure = vocab.measures.get(measure_id) if measure_id else None
    of = raw.get("of")
    value = parse_amount(raw.get("value"))
    unit = _str(raw.get("unit"))
    if not unit and measure is not None:  # the unit the text prints beside the number (312条), else the registry's
        printed = printed_unit(doc.text, value.number, measure.units) if value and not measure.rate else None
        unit = printed or measure.unit
    return Figure(
        label=_str(raw.get("label")) or (measure.name if measure else measure_id or ""),
        value=value,
        unit=unit,
        measure=measure_id,
        rate=measure.rate if measure else _str(raw.get("unit")) == "%",
        of=NOT_STATED if isinstance(of, str) and of.strip() == NOT_STATED_TEXT else _opt_str(of),
        plan=_opt_str(raw.get("plan")),
        breakdown=_read_breakdown(raw.get("breakdown"), ("figures", index, "breakdown")),
        sic=_read_sic(raw.get("sic")),
        line=doc.data_line("figures", index),
        index=index,
    )


def _read_breakdown(raw: object, path: KeyPath) -> Breakdown | None:
    if not isinstance(raw, dict):
        return None
    share_of = raw.get("share_of")
    base = NOT_STATED if isinstance(share_of, str) and share_of.strip() == NOT_STATED_TEXT else None
    breakdown = Breakdown(_str(raw.get("by")), share_of=base)
    for index, part in enumerate(_list(raw.get("parts"))):
        if isinstance(part, dict):
            part_path = (*path, "parts", index)
            breakdown.parts.append(
                Part(
                    _str(part.get("label")),
                    parse_amount(part.get("value")),
                    _read_breakdown(part.get("breakdown"), (*part_path, "breakdown")),
                    _read_sic(part.get("sic")),
                    part_path,
                    parse_amount(part.get("share")),
                )
            )
    return breakdown


def _read_sic(raw: object) -> Sic | None:
    """`sic: {reason, printed, computed}` (computed: one value or a list); a bare reason is the old,
    unscoped form (a problem that shows what to write)."""
    if isinstance(raw, str):
        return Sic(raw.strip(), scoped=False) if raw.strip() else None
    if not isinstance(raw, dict) or not _str(raw.get("reason")):
        return None
    computed = raw.get("computed")
    values = computed if isinstance(computed, list) else [] if computed is None else [computed]
    printed, texts = _scalar(raw.get("printed")), tuple(t for t in map(_scalar, values) if t)
    return Sic(_str(raw.get("reason")), printed, texts, scoped=bool(printed and texts))


def _scalar(value: object) -> str:
    """A number or text as written (174, 73.2, "99%以上"); "" for anything else."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value).strip()


# The data-file model of each kind (data/kinds.yml `data`): one reader per behaviour.
DataReader = Callable[[Document, dict[str, object], Vocabulary], None]
DATA_READERS: dict[str, DataReader] = {"plan-items": _read_items, "summary-figures": _read_summary}


# ---- tolerant readers -----------------------------------------------------------------------------


def _str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _as_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _opt_str(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _list(value: object) -> list[object]:
    """A list as written, or [] for anything else (a wrong type is the schema check's finding)."""
    return value if isinstance(value, list) else []


def _str_list(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str)]


def load_vocabulary(root: Path | str) -> Corpus:
    """A corpus with the vocabularies only (no documents): for tools such as `python -m zhengxie new`."""
    root = Path(root)
    reporter = Reporter(load_catalogue(root / DATA / "problems.yml"))
    corpus = Corpus(root=root, vocab=Vocabulary())
    corpus.reporter = reporter
    for name in VOCAB_FILES:
        path = f"{DATA}/{name}.yml"
        corpus.vocab_yaml[path] = _load_yaml_file(root, path, reporter)
    if os.path.lexists(root / PAGINATION):
        corpus.vocab_yaml[PAGINATION] = _load_yaml_file(root, PAGINATION, reporter)
    if os.path.lexists(root / SITE_FILE):
        corpus.vocab_yaml[SITE_FILE] = _load_yaml_file(root, SITE_FILE, reporter)
    _build_vocabulary(corpus)
    corpus.problems = reporter.problems
    corpus.reporter = reporter
    return corpus
