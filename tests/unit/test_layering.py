"""Code structure: the layering contracts in pyproject.toml (`make lint` runs them with
`lint-imports`), no import circle between modules, no function over 60 lines."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _copy_tree(tmp_path: Path) -> Path:
    for name in ("copilot", "ingest", "eval"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_layering_contracts_hold_on_this_tree(tmp_path: Path) -> None:
    """The packages as committed keep their layers (else `make lint` is red)."""
    result = _lint_imports(_copy_tree(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line"),
    [("copilot/retrieval.py", "import ingest.pii"), ("ingest/chunking.py", "import eval.metrics")],
)
def test_an_upward_import_breaks_the_layering_check(tmp_path: Path, module: str, line: str) -> None:
    """A core module that imports a higher layer makes `lint-imports` fail."""
    tree = _copy_tree(tmp_path)
    target = tree / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = _lint_imports(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout


# --- import circles and function length, read from the source (every import, lazy ones too) --

PACKAGES = ("copilot", "ingest", "eval")
MAX_FUNCTION_LINES = 60


def _modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the packages under ``root``."""
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imported_names(name: str, path: Path, modules: dict[str, Path]) -> Iterator[str]:
    """Every module name an import statement anywhere in the file names (in functions, under
    ``TYPE_CHECKING``, relative ones resolved; ``from pkg import mod`` names ``pkg.mod``)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *filter(None, [base])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield submodule if submodule in modules else base


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the packages it imports."""
    modules = _modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = set()
        for target in _imported_names(name, path, modules):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                graph[name].add(target)
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or around a loop (Tarjan's SCCs)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while (top := stack.pop()) != node:
                group.append(top)
            if group:
                circles.append(sorted([node, *group]))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def long_functions(root: Path, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """``path:line name (N lines)`` for every function or method, nested ones too, whose
    ``def`` line through its last line spans more than ``limit`` lines."""
    found = []
    for path in _modules(root).values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    where = path.relative_to(root)
                    found.append(f"{where}:{node.lineno} {node.name} ({lines} lines)")
    return found


def test_no_import_circle_between_modules_of_the_packages() -> None:
    """If this fails, two modules import each other (a type sits on the wrong side): move the
    shared type or protocol into its own module on the side that owns it."""
    assert import_circles(import_graph(ROOT)) == []


def test_a_lazy_import_that_closes_a_circle_is_found(tmp_path: Path) -> None:
    """If this fails, the circle check misses imports inside functions (the usual disguise)."""
    tree = _copy_tree(tmp_path)
    target = tree / "copilot" / "domain.py"
    target.write_text(
        target.read_text(encoding="utf-8") + "\n\ndef _late() -> None:\n"
        "    from copilot.retrieval import Retriever  # noqa\n",
        encoding="utf-8",
    )
    circles = import_circles(import_graph(tree))
    assert any({"copilot.domain", "copilot.retrieval"} <= set(group) for group in circles)


def test_no_function_of_the_packages_is_longer_than_60_lines() -> None:
    """If this fails, a function grew past 60 lines: split it into named steps."""
    assert long_functions(ROOT) == []


def test_the_length_check_counts_nested_functions(tmp_path: Path) -> None:
    """If this fails, a long function hidden inside another one slips through the check."""
    tree = _copy_tree(tmp_path)
    body = "".join(f"        x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    source = f"def outer() -> None:\n    def inner() -> None:\n{body}\n"
    (tree / "eval" / "planted.py").write_text(source, encoding="utf-8")
    planted = [e for e in long_functions(tree) if e.startswith("eval/planted.py")]
    names = [entry.split()[1] for entry in planted]
    assert names == ["outer", "inner"]
