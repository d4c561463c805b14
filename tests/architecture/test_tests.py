"""The test suite keeps its own rules (tests/README.md): no dict of cases that silently drops one, no
timing measured, no fixed sleep instead of waiting for a condition, nothing read from ../, and test
file names pytest can tell apart. The benchmark (tests/bench/) measures and is left out."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
FILES = sorted(
    p
    for p in TESTS.rglob("*.py")
    if "bench" not in p.relative_to(TESTS).parts[:1] and p.name != "test_bench_generator.py"
)
CLOCKS = {"perf_counter", "perf_counter_ns", "process_time", "thread_time", "timeit"}


def _trees():
    for path in FILES:
        yield path.relative_to(TESTS.parent).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _constant(node: ast.AST):
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def test_no_dict_of_cases_has_two_keys_python_takes_as_equal():
    """{1: …, True: …} is a dict of one entry: the second case replaces the first without a word."""
    offences = []
    for name, tree in _trees():
        for node in ast.walk(tree):
            keys = node.keys if isinstance(node, ast.Dict) else node.elts if isinstance(node, ast.Set) else []
            seen: dict = {}
            for key in keys:
                value = None if key is None else _constant(key)
                if value is None:
                    continue
                try:
                    if value in seen:
                        offences.append(f"{name}:{key.lineno}: {ast.unparse(key)} is the same key as {seen[value]}")
                    seen.setdefault(value, ast.unparse(key))
                except TypeError:  # an unhashable constant (a list): Python would refuse it anyway
                    continue
    assert not offences, "\n".join(offences)


def test_no_test_measures_time():
    """Whether a test passes never depends on how fast the machine is: no clock is read to judge."""
    offences = [
        f"{name}:{node.lineno}: {ast.unparse(node)}"
        for name, tree in _trees()
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr in CLOCKS)
        or (isinstance(node, ast.alias) and node.name in CLOCKS)
    ]
    assert not offences, "\n".join(offences)


def test_sleeps_only_pace_a_loop_that_polls_a_condition():
    """A fixed sleep as synchronisation fails on a loaded machine; a pause between two looks at a
    condition (until a deadline) does not."""
    offences = []
    for name, tree in _trees():
        in_loop: set[int] = set()
        for loop in ast.walk(tree):
            if isinstance(loop, (ast.While, ast.For)):
                in_loop |= {id(node) for node in ast.walk(loop)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and id(node) not in in_loop:
                called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if called in ("sleep", "wait_for_timeout"):
                    offences.append(f"{name}:{node.lineno}: {ast.unparse(node)}")
    assert not offences, "\n".join(offences)


def test_nothing_is_read_from_beside_the_repository():
    words = ("../" + "shared", "parents[" + "3]", "parent.parent" + ".parent")  # not written out: this file
    offences = [
        f"{path.relative_to(TESTS.parent)}: {word}"
        for path in FILES
        for word in words
        if word in path.read_text(encoding="utf-8")
    ]
    assert not offences, "\n".join(offences)


def test_test_file_names_are_unique_across_folders():
    """pytest imports each test file by its name (no __init__.py in the folders)."""
    names = Counter(path.name for path in FILES if path.name.startswith("test_"))
    clashes = sorted(name for name, count in names.items() if count > 1)
    assert not clashes, f"test files with the same name in two folders: {clashes}"


def test_no_test_module_takes_another_test_modules_private_names():
    """A helper two test files share is public (in tests/support or conftest), never `_name`."""
    local = {path.stem for path in FILES}
    offences = [
        f"{name}:{node.lineno} takes {alias.name} from {node.module}"
        for name, tree in _trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module in local
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert not offences, "\n".join(offences)
