"""The standalone command: `python -m zhengxie check`, `new`, `import` and `schemas`.

check  validates docs/ and data/ without building the site (the same checks as `mkdocs build`);
       exit 0 without problems, 1 with any error or warning (`mkdocs build --strict` fails on
       warnings too, so both give one verdict), 2 on usage errors.
new    scaffolds a document and its data file from data/sections.yml (see zhengxie.scaffold).
import writes draft documents from a Word or text file (see zhengxie.importer).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from zhengxie.registry.problems import CatalogueError, Problem, Reporter, printable

FORMATS = ("text", "github", "json")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: exit 2 with a Chinese line
        self.print_usage(sys.stderr)
        print(f"用法错误：{printable(message)}", file=sys.stderr)
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m zhengxie", description="协商知识库：检查文档、新建文档")
    commands = parser.add_subparsers(dest="command", metavar="{check,new,import,schemas}", parser_class=_Parser)
    check = commands.add_parser("check", help="检查 docs/ 和 data/（不生成网站）")
    check.add_argument("--root", default=".", help="仓库根目录（默认当前目录）")
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text：给人看的列表；github：GitHub Actions 注释加列表；json：问题的 JSON 数组",
    )
    check.add_argument(
        "--changed",
        action="store_true",
        help="只报告相对 --base 改动过的文件（含未提交、未跟踪的）及受其影响的文档的问题",
    )
    check.add_argument("--base", default="main", help="--changed 比较的分支（默认 main）")
    check.add_argument(
        "--files",
        nargs="*",
        default=None,
        metavar="FILE",
        help="只报告这些文件（相对仓库根目录）及受其影响的文档的问题，例如 pre-commit 传来的文件",
    )
    new = commands.add_parser("new", help="新建文档及其数据文件骨架")
    new.add_argument("--kind", required=True, help="文档种类：rule、plan、summary、note（也可写文件夹名）")
    new.add_argument("--body", required=True, help="发文机关编号（data/bodies.yml）")
    new.add_argument("--year", required=True, help="年份，四位数字")
    new.add_argument("--type", default=None, help="文档类型（data/kinds.yml），默认为该种类的第一个类型")
    new.add_argument("--slug", default=None, help="文件名中年份和机关之后的部分，默认由类型得出")
    new.add_argument("--root", default=".", help="仓库根目录（默认当前目录）")
    imp = commands.add_parser("import", help="导入 Word（.docx）或文本（.txt、.md）文件，写出文档草稿和数据文件")
    imp.add_argument("file", help="要导入的文件")
    imp.add_argument(
        "--kind", default=None, help="文档种类；看标题认不出时必填。一个文件有几篇时可逐篇写：rule,summary,plan"
    )
    imp.add_argument("--type", default=None, help="文档类型（data/kinds.yml），可逐篇写")
    imp.add_argument("--body", default=None, help="所属机构编号（data/bodies.yml），可逐篇写")
    imp.add_argument(
        "--update", action="store_true", help="同名草稿已存在时改写它并列出改动（不加时拒绝导入，不另存副本）"
    )
    imp.add_argument("--root", default=".", help="仓库根目录（默认当前目录）")
    schemas = commands.add_parser("schemas", help="由 data/fields.yml 重新生成 data/schemas/front-matter.schema.json")
    schemas.add_argument("--root", default=".", help="仓库根目录（默认当前目录）")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "check": _check_command,
        "new": _new_command,
        "import": _import_command,
        "schemas": _schemas_command,
    }
    if args.command not in commands:
        parser.print_help(sys.stderr)
        return 2
    try:
        return commands[args.command](args)
    except CatalogueError as error:  # every command reports with the catalogue: it names file and line
        print(f"错误：{error}", file=sys.stderr)
        return 1
    except Exception as error:  # a fault of ours, said as such: never a traceback for an editor
        print(
            f"内部错误（这是程序的问题，不是文档的问题，请把这段话告诉维护者）：{type(error).__name__}: "
            f"{printable(str(error))}",
            file=sys.stderr,
        )
        return 1


def _check_command(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not args.changed and args.files is None:
        return check(root, args.format)
    from zhengxie.tools.changed import ChangedError, changed_files

    named = list(args.files or ())
    try:
        files = named + (changed_files(root, args.base) if args.changed else [])
    except ChangedError as error:
        print(f"用法错误：{error}", file=sys.stderr)
        return 2
    return check(root, args.format, files=files, must_exist=named)


def _new_command(args: argparse.Namespace) -> int:
    from zhengxie.tools.scaffold import ScaffoldError, scaffold

    try:
        created = scaffold(
            Path(args.root), kind=args.kind, body=args.body, year=args.year, type_=args.type, slug=args.slug
        )
    except ScaffoldError as error:
        print(f"错误：{printable(str(error))}", file=sys.stderr)
        return 2
    for path in created.paths:
        print(f"已创建 {printable(path)}")
    print(created.next_steps)
    return 0


def _import_command(args: argparse.Namespace) -> int:
    from zhengxie.tools.importer import ImportFailed, import_file
    from zhengxie.tools.importer.report import format_report
    from zhengxie.tools.scaffold import ScaffoldError

    root = Path(args.root)
    try:
        imported = import_file(
            root, Path(args.file), kind=args.kind, type_=args.type, body=args.body, update=args.update
        )
    except (ImportFailed, ScaffoldError) as error:
        print(f"错误：{printable(str(error))}", file=sys.stderr)
        return 2
    from zhengxie.build.validate import validate

    written = any(part.paths for part in imported.parts)
    print(format_report(imported, validate(root)[1] if written else []))
    return 1 if any(part.error for part in imported.parts) else 0


def _schemas_command(args: argparse.Namespace) -> int:
    from zhengxie.tools.schemagen import write_generated_schemas

    for path in write_generated_schemas(Path(args.root)):
        print(f"已生成 {path}")
    return 0


# What the whole check reads, relative to the repository root (the key of its stored verdict covers
# all of it, every file by content): docs/ and data/ (discovery walks both), mkdocs.yml (the Markdown
# extensions the HTML check renders with) and overrides/ (the page templates a page may name). The
# code and Python's packages are in store.digest.code_digest, the committed paths of ZX158 in check_key.
# A check that comes to read another file (say, a Markdown extension that includes files) must name it
# here, or a repeated check would miss it.
CHECK_INPUTS = ("docs", "data", "mkdocs.yml", "overrides")
CHECK_RECORD = "check"
STORE_ENV = "ZX_STORE"  # ZX_STORE=0: neither replay nor store the verdict (cold measurements)


def check(root: Path, output: str = "text", files: list[str] | None = None, must_exist: Sequence[str] = ()) -> int:
    """With `files`, only the problems of those files and of the documents whose verdict they can
    change (the documents that link to them, name their plan items or succeed them) are reported;
    everything is still checked. A file of `must_exist` (--files) that does not exist is a problem
    (ZX121); --changed also lists deleted files, which may be gone.

    The whole check (no `files`) replays the verdict stored for exactly these inputs and this code
    (zhengxie.store), or computes it and stores it; --files and --changed always compute."""
    from zhengxie.store import records

    if not (root / "data").is_dir() or not (root / "docs").is_dir():
        print(
            f"用法错误：{printable(str(root))} 不是仓库根目录（没有 docs/ 和 data/ 文件夹），请用 --root 指定",
            file=sys.stderr,
        )
        return 2
    store = records.open_store(root, enabled=files is None and os.environ.get(STORE_ENV, "1") != "0")
    key = check_key(root) if store.usable else None
    stored = records.read(store, CHECK_RECORD, key, verdict_of) if key else None
    if stored is not None:
        return _print(*stored, output)
    from zhengxie.build.validate import validate

    corpus, problems = validate(root)  # a broken catalogue raises CatalogueError (main reports it)
    documents = len(corpus.documents)
    if files is not None:
        from zhengxie.tools.changed import missing, select

        reporter = corpus.reporter
        assert isinstance(reporter, Reporter)
        problems, documents = select(corpus, problems, files)
        problems = problems + [reporter.add("ZX121", path, None, path=path) for path in missing(root, must_exist)]
        problems = sorted(problems, key=lambda p: p.sort_key())
    if key and check_key(root) == key:  # stored only when nothing changed while it was checked
        value = {"documents": documents, "problems": [p.as_record() for p in problems]}
        records.write(store, CHECK_RECORD, key, value)
    return _print(problems, documents, output)


def check_key(root: Path) -> str | None:
    """The key of the whole check's verdict for `root` now; None when some input cannot be hashed
    (a symlink or a special file: the check reports those itself)."""
    from zhengxie.gitfiles import tracked
    from zhengxie.store import digest

    try:
        code, files = digest.code_digest(root), digest.files_digest(root, CHECK_INPUTS)
    except digest.UnhashableError:
        return None
    # The verdict also reads git's index: which paths no commit may hold are tracked (ZX158)
    return digest.key(CHECK_RECORD, code, files, *tracked.committed_code(root))


def verdict_of(value: object) -> tuple[list[Problem], int] | None:
    """A stored verdict, validated field by field: (problems, documents), or None."""
    if not isinstance(value, dict) or set(value) != {"documents", "problems"}:
        return None
    documents, rows = value["documents"], value["problems"]
    if not isinstance(documents, int) or isinstance(documents, bool) or documents < 0 or not isinstance(rows, list):
        return None
    problems = []
    for row in rows:
        problem = Problem.from_record(row)
        if problem is None:
            return None
        problems.append(problem)
    return problems, documents


def _print(problems: list[Problem], documents: int, output: str) -> int:
    failed = 1 if problems else 0  # a warning fails the strict build, so it fails the check too
    if output == "json":
        print(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
        return failed
    if output == "github":
        for problem in problems:
            print(github_annotation(problem))
    print(human_report(problems, documents))
    return failed


def human_report(problems: list[Problem], documents: int) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    lines = [p.format() for p in problems]
    if not problems:
        lines.append(f"检查通过：{documents} 个文档，没有发现问题。")
    else:
        verdict = "检查未通过" if errors else "检查未通过（只有警告，但严格构建同样会因警告失败）"
        lines.append(f"{verdict}：{documents} 个文档，{errors} 个错误，{warnings} 个警告。")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    # Problems hold no control characters (problems.printable); the newline is ours, before the hint.
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command: ::error file=…,line=…,col=…,title=CODE::message."""
    command = "error" if problem.severity == "error" else "warning"
    props = [f"file={_escape_property(problem.file)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
    if problem.column is not None:
        props.append(f"col={problem.column}")
    props.append(f"title={_escape_property(problem.code)}")
    message = f"{_escape_data(problem.message)}%0A修改建议：{_escape_data(problem.hint)}"
    return f"::{command} {','.join(props)}::{message}"
