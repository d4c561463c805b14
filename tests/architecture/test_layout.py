"""The core's layout shows its design: no import cycle between modules, no private name used across
modules, no module named like the standard library, and an adapter that is wiring only. The layer
order itself is import-linter's contract in pyproject.toml (`lint-imports`, run by `make test`)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "hooks" / "zhengxie"
ADAPTER = ROOT / "hooks" / "mkdocs_hooks.py"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) of every zhengxie import, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("zhengxie"):
            taken = []
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                if sub in MODULES:
                    found.append((sub, [], node.lineno))
                else:
                    taken.append(alias.name)
            if taken:
                found.append((node.module, taken, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names if a.name.startswith("zhengxie")]
    return found


def test_no_module_imports_another_modules_private_names():
    offences = [
        f"{MODULES[name].relative_to(ROOT)}:{line} takes {n} from {target}"
        for name, path in MODULES.items()
        for target, names, line in _imports(name, path)
        for n in names
        if n.startswith("_") and target != name
    ]
    offences += [
        f"{MODULES[name].relative_to(ROOT)}:{line} imports private module {target}"
        for name, path in MODULES.items()
        for target, _, line in _imports(name, path)
        if any(part.startswith("_") and part != "__init__" for part in target.split("."))
    ]
    for path in MODULES.values():  # module._name through an imported module
        aliases = {}
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("zhengxie"):
                aliases.update(
                    {
                        a.asname or a.name: f"{node.module}.{a.name}"
                        for a in node.names
                        if f"{node.module}.{a.name}" in MODULES
                    }
                )
        offences += [
            f"{path.relative_to(ROOT)}:{node.lineno} uses {node.value.id}.{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ]
    assert not offences, "\n".join(offences)


def test_no_import_cycle_between_modules():
    graph = {
        name: {target for target, _, _ in _imports(name, path) if target in MODULES and target != name}
        for name, path in MODULES.items()
    }
    # A package's __init__ that re-exports its modules is not a cycle with them.
    graph = {name: {t for t in targets if not name.startswith(t + ".")} for name, targets in graph.items()}
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(
                    " → ".join([*stack[stack.index(nxt) :], node, nxt]) if nxt in stack else f"{node} → {nxt}"
                )
            elif nxt not in state:
                visit(nxt, [*stack, node])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [])
    assert not cycles, "\n".join(cycles)


def test_no_module_is_named_like_the_standard_library():
    shadowing = [
        str(path.relative_to(ROOT))
        for name, path in MODULES.items()
        if name.rsplit(".", 1)[-1] in sys.stdlib_module_names
    ]
    assert not shadowing, shadowing


def test_the_adapter_is_wiring_only():
    text = ADAPTER.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 150
    tree = ast.parse(text)
    private = sorted(
        {
            node.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
        }
    )
    assert not private, f"the adapter reaches private members: {private}"
