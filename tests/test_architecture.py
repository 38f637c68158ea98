"""The import rules of the house, checked on the source:

* core imports no pillar app (pillar apps import core and text, never the other way);
* inside a pillar app, modules do not import each other in a circle — also not through an
  import placed inside a function, which only hides the circle from Python.

The graph is read from the source with `ast`, so an import anywhere in a module counts.
"""

import ast
from pathlib import Path

import lvzhi

ROOT = Path(lvzhi.__file__).parent
SHARED = {"core", "text"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {
        module_name(p): p
        for p in ROOT.rglob("*.py")
        if "migrations" not in p.parts and "management" not in p.parts
    }


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The lvzhi modules `name` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; `from module import name`
            # imports the module.
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and target.startswith("lvzhi."):
                out.add(target)
    return out


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def pillar_apps() -> set[str]:
    return {p.name for p in ROOT.iterdir() if (p / "apps.py").exists() and p.name not in SHARED}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_core_imports_no_pillar_app():
    pillars = pillar_apps()
    assert {"activities", "problems"} <= pillars
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in import_graph().items()
        if app_of(module) == "core"
        for target in targets
        if app_of(target) in pillars
    )
    assert wrong == []


def test_no_import_cycle_inside_a_pillar_app():
    graph = import_graph()
    found = []
    for app in sorted(pillar_apps()):
        inside = {
            m: {t for t in ts if app_of(t) == app} for m, ts in graph.items() if app_of(m) == app
        }
        found += cycles(inside)
    assert found == []


def test_the_checks_see_a_cycle_and_a_wrong_import():
    """The reader resolves relative imports, also inside functions."""
    graph = {
        "lvzhi.problems.models": {"lvzhi.problems.selectors"},
        "lvzhi.problems.selectors": {"lvzhi.problems.models"},
    }
    assert cycles(graph) == [["lvzhi.problems.models", "lvzhi.problems.selectors"]]
    path = ROOT / "problems" / "models.py"
    known = set(modules())
    assert "lvzhi.core.models" in imports_of("lvzhi.problems.models", path, known)
