"""Lines of reuse layers: code that keeps what one build or check derived for a later one.

    PYTHONPATH=hooks .venv/bin/python tests/bench/reuse_lines.py        # the count and every line counted

What counts. A reuse layer keeps work from one build, check or preview rebuild so that a later one
can skip reading or deriving it: on disk (a store under build/, pickles, shelves, databases) or in a
process that lives across builds (`mkdocs serve`). The site's Python (hooks/, read with `ast`) is
scanned for:

1. persistence: an import of pickle, marshal, shelve, dbm or sqlite3, or a path under build/cache —
   every line of the function that uses it counts (the whole module when it is used at module level);
2. process-lifetime state: a module-level dict, set or list that functions add to (item assignment,
   add, update, setdefault, append), not one a function replaces wholesale for each build — the lines
   that name it count, plus every line of a function that does nothing else;
3. memos that can go stale: functools.lru_cache / cache on a module-level function that looks at the
   file system (os.path.realpath, stat, open, read_text …, or a function of the module that does) —
   the function counts.

Not counted, and listed under "memos" with file and line: a pickle that only carries a forked child's
result to its parent through a pipe in the same run (the functions named in PIPED), and lru_cache on pure functions of their
arguments (slugs of a heading, a relative link between two URLs, the sanitizer built once, the
tag of a YAML scalar — the dicts of that kind are named in PURE_STATE): they hold nothing that a
later build could not compute from the same arguments, and cannot go stale. Template and Jinja internals (Jinja compiles
each template once per process) and Python's own __pycache__ are not ours and not counted.
The modules the lean-core commit deleted (cache, carry, incremental, outputcache, rebuild,
templatecache) are checked for by name too. (plainyaml came back as a fast path of the YAML reader,
not a reuse layer: it keeps nothing between runs; the 性能 page gives its figures.)

The one store (hooks/zhengxie/store/) counts whole, and so does every function that uses a name
imported from it (the check's wiring in tools/cli.py, the committed-record check in build/validate.py).
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

DELETED = ("cache", "carry", "incremental", "outputcache", "rebuild", "templatecache")
STORE_PACKAGE = "zhengxie.store"
PERSISTENCE = {"pickle", "marshal", "shelve", "dbm", "sqlite3"}
STORE_PATHS = ("build/cache", "build\\cache")
MUTATORS = {"add", "update", "setdefault", "append", "extend", "insert"}
FILESYSTEM = {
    "realpath",
    "resolve",
    "stat",
    "lstat",
    "open",
    "read_text",
    "read_bytes",
    "exists",
    "is_file",
    "is_dir",
    "listdir",
    "scandir",
    "getmtime",
}
MEMO_DECORATORS = {"lru_cache", "cache"}
# Module-level dicts that memoise a pure function of their key, read by hand (rule 2 cannot tell):
# listed under "memos", not counted. Add one here only with the reason.
PURE_STATE = {
    ("hooks/zhengxie/text/reading.py", "_PLAIN_TAGS"): "a plain YAML scalar -> its tag: a function of the string",
}
# Functions that pickle only to hand a result from a forked child to its parent through a pipe, in the
# same run (rule 1 cannot tell a pipe from a file): listed as not counted. Add one only with the reason.
PIPED = {
    ("hooks/zhengxie/sources/forked.py", "_start"): "a forked child's result pickled into a pipe to its parent",
    ("hooks/zhengxie/sources/forked.py", "_unpickled"): "the parent reads its own child's result from the pipe",
}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        return _name(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _lines(node: ast.AST) -> set[int]:
    return set(range(node.lineno, (node.end_lineno or node.lineno) + 1))


def _functions(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _enclosing(functions: list, line: int) -> ast.AST | None:
    inside = [f for f in functions if f.lineno <= line <= (f.end_lineno or f.lineno)]
    return min(inside, key=lambda f: (f.end_lineno or f.lineno) - f.lineno) if inside else None


def scan_module(path: Path, rel: str) -> tuple[dict[str, list], list[dict]]:
    """({reason: [(line, text)]} counted, [memo not counted])."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    text = source.splitlines()
    functions = _functions(tree)
    counted: dict[str, set[int]] = {}
    memos: list[dict] = []

    def add(reason: str, lines: set[int]) -> None:
        counted.setdefault(reason, set()).update(lines)

    if rel.startswith("hooks/" + STORE_PACKAGE.replace(".", "/") + "/"):  # every line, once
        return {"the store package": [(n, line.strip()) for n, line in enumerate(text, 1)]}, memos

    # 1. persistence
    persisted = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            persisted |= {a.asname or a.name for a in node.names if a.name.split(".")[0] in PERSISTENCE}
        elif isinstance(node, ast.ImportFrom) and (
            (node.module or "").split(".")[0] in PERSISTENCE or (node.module or "").startswith(STORE_PACKAGE)
        ):
            persisted |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.rsplit(".", 1)[-1] in DELETED:
            add(f"imports a deleted reuse module ({node.module})", _lines(node))
    for node in ast.walk(tree):
        uses = (isinstance(node, ast.Name) and node.id in persisted) or (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and any(p in node.value for p in STORE_PATHS)
        )
        if uses:
            function = _enclosing(functions, node.lineno)
            piped = PIPED.get((rel, getattr(function, "name", "")))
            if piped is not None:
                where = f"{rel}:{getattr(function, 'lineno', node.lineno)}"
                if not any(m["where"] == where for m in memos):
                    memos.append({"where": where, "function": getattr(function, "name", ""), "why_not_counted": piped})
                continue
            add(
                "persistence (pickle/marshal/shelve/dbm/sqlite3 or build/cache)",
                _lines(function) if function else set(range(1, len(text) + 1)),
            )

    # 2. module-level containers added to from functions
    containers = {}
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        value = getattr(node, "value", None)
        if value is not None and (
            isinstance(value, (ast.Dict, ast.Set, ast.List))
            or (isinstance(value, ast.Call) and _name(value) in {"dict", "set", "list", "defaultdict", "OrderedDict"})
        ):
            for target in targets:
                if isinstance(target, ast.Name):
                    containers[target.id] = node
    for name, definition in containers.items():
        mutated, named = False, set()
        for function in functions:
            globals_ = {n for stmt in ast.walk(function) if isinstance(stmt, ast.Global) for n in stmt.names}
            if name in globals_:
                continue  # replaced wholesale: state of the current build, not kept for the next
            for node in ast.walk(function):
                if isinstance(node, ast.Name) and node.id == name:
                    named.add(node.lineno)
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in MUTATORS
                    and _name(node.func.value) == name
                ):
                    mutated = True
                if isinstance(node, (ast.Assign, ast.AugAssign)):
                    for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                        if isinstance(target, ast.Subscript) and _name(target.value) == name:
                            mutated = True
        if mutated and (rel, name) in PURE_STATE:
            memos.append(
                {"where": f"{rel}:{definition.lineno}", "function": name, "why_not_counted": PURE_STATE[(rel, name)]}
            )
        elif mutated:
            lines = _lines(definition) | named
            for function in functions:  # a function that only tends the container counts whole
                body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
                if body and all(any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(s)) for s in body):
                    lines |= _lines(function)
            add(f"module-level state kept across builds ({name})", lines)

    # 3. memos
    for function in functions:
        memo = next((d for d in function.decorator_list if _name(d) in MEMO_DECORATORS), None)
        if memo is None:
            continue
        touches: list[str] = []
        todo, seen = [function], set()
        while todo:  # the function and the functions of the module it calls, all the way down
            current = todo.pop()
            if current.name in seen:
                continue
            seen.add(current.name)
            called = {_name(n) for n in ast.walk(current) if isinstance(n, ast.Call)}
            touches += sorted(called & FILESYSTEM)
            todo += [f for f in functions if f.name in called]
        if touches:
            add(
                f"memo of the file system ({function.name}: {', '.join(sorted(set(touches)))})",
                _lines(function) | _lines(memo),
            )
        else:
            memos.append(
                {
                    "where": f"{rel}:{function.lineno}",
                    "function": function.name,
                    "why_not_counted": "a pure function of its arguments",
                }
            )
    return {reason: [(n, text[n - 1].strip()) for n in sorted(lines)] for reason, lines in counted.items()}, memos


def count(repo: Path) -> dict:
    hooks = Path(repo) / "hooks"
    found: list[dict] = []
    memos: list[dict] = []
    deleted = sorted(str(p.relative_to(repo)) for name in DELETED for p in hooks.rglob(f"{name}.py"))
    for path in sorted(hooks.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        rel = path.relative_to(repo).as_posix()
        counted, module_memos = scan_module(path, rel)
        memos += module_memos
        for reason, lines in counted.items():
            found.append(
                {
                    "file": rel,
                    "reason": reason,
                    "lines": len(lines),
                    "first": lines[0][0],
                    "text": [f"{n}: {t}" for n, t in lines],
                }
            )
    for rel in deleted:
        found.append(
            {
                "file": rel,
                "reason": "a deleted reuse module is back",
                "lines": len((Path(repo) / rel).read_text(encoding="utf-8").splitlines()),
                "first": 1,
                "text": [],
            }
        )
    return {
        "lines": sum(f["lines"] for f in found),
        "found": found,
        "memos": memos,
        "how": "tests/bench/reuse_lines.py: persistence, module-level state added to across builds, "
        "memos of the file system (pure-function memos listed, not counted)",
    }


if __name__ == "__main__":
    repo = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
    result = count(repo)
    for f in result["found"]:
        print(f"{f['file']}:{f['first']}  {f['lines']} lines  {f['reason']}")
        for line in f["text"]:
            print(f"    {line}")
    for m in result["memos"]:
        print(f"not counted: {m['where']} {m['function']} ({m['why_not_counted']})")
    print(json.dumps({"lines": result["lines"]}))
