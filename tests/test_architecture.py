"""The rules of docs/architecture.md, read from the source (ast): who may import whom, private names kept inside
their folder, SQL kept in the store, and modules and functions small enough to read."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"

STAGES = ("read", "clean", "understand", "link", "store")   # per-article and corpus stages, in flow order
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]*\b(FROM|INTO|SET)\b")
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 100



@dataclass(frozen=True)
class Import:
    module: str          # the importing module, e.g. storyline.run.corpus
    target: str          # the module imported, e.g. storyline.store.db
    names: tuple         # the names taken from it (from X import a, b)
    line: int


def _modname(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _modules() -> dict[str, tuple[Path, ast.Module]]:
    out = {}
    for p in sorted(SRC.rglob("*.py")):
        out[_modname(p)] = (p, ast.parse(p.read_text(encoding="utf-8"), str(p)))
    return out


MODULES = _modules()


def _folder(module: str) -> str:
    """storyline.run.corpus -> run; storyline.cli -> cli; storyline.model -> model."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports() -> list[Import]:
    out = []
    for mod, (path, tree) in MODULES.items():
        package = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                out += [Import(mod, a.name, (), node.lineno) for a in node.names if a.name.startswith("storyline")]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[:len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.startswith("storyline"):
                    out.append(Import(mod, target, tuple(a.name for a in node.names), node.lineno))
    return out


IMPORTS = _imports()


def test_the_checker_reads_the_source() -> None:
    """The rules below must not pass because nothing was read."""
    assert "storyline.model" in MODULES and "storyline.cli" in MODULES and len(MODULES) > 50
    assert any(i.module == "storyline.cli" and i.target.startswith("storyline.store") for i in IMPORTS)


def _stage_breaches(imports: list[Import]) -> list[str]:
    bad = []
    for imp in imports:
        here = _folder(imp.module)
        if here not in STAGES:
            continue
        there = _folder(imp.target)
        if imp.target == "storyline" and set(imp.names) <= {"__version__"}:
            continue
        if there not in (here, "model", "data"):
            bad.append(f"{imp.module} imports {imp.target}")
    return bad


def _web_breaches(imports: list[Import]) -> list[str]:
    return [f"{i.module} imports {i.target}" for i in imports if _folder(i.target) == "web"
            and _folder(i.module) != "web" and not (i.module == "storyline.cli" and _in_function(i, "serve"))]


def _private_breaches(imports: list[Import]) -> list[str]:
    bad = []
    for imp in imports:
        private = [n for n in imp.names if n.startswith("_") and not n.startswith("__")]
        private += [p for p in imp.target.split(".")[2:] if p.startswith("_") and not p.startswith("__")]
        if private and _folder(imp.target) != _folder(imp.module):
            bad.append(f"{imp.module} imports {imp.target}: {', '.join(private)}")
    return bad


def test_the_import_rules_catch_what_they_forbid() -> None:
    """Each rule, on imports written here: it flags the breach and lets the allowed one through."""
    a = Import("storyline.clean.text", "storyline.understand.nlp", ("get_nlp",), 1)
    ok = Import("storyline.clean.text", "storyline.model", ("Article",), 1)
    assert _stage_breaches([a, ok]) == ["storyline.clean.text imports storyline.understand.nlp"]
    w = Import("storyline.run.corpus", "storyline.web.search", ("index",), 1)
    assert _web_breaches([w, Import("storyline.web.app", "storyline.web.svg", (), 1)]) == [
        "storyline.run.corpus imports storyline.web.search"]
    p = Import("storyline.run.linking", "storyline.store.db", ("_insert", "Store"), 1)
    inside = Import("storyline.store.export", "storyline.store.db", ("_insert",), 1)
    assert _private_breaches([p, inside]) == ["storyline.run.linking imports storyline.store.db: _insert"]


def test_stages_import_only_the_model_and_themselves() -> None:
    """read, clean, understand, link and store take their records from storyline.model and nothing else of ours:
    a stage never reaches into another stage, the runner, the server or the command line."""
    bad = _stage_breaches(IMPORTS)
    assert not bad, "\n".join(bad)


def test_only_the_server_and_the_serve_command_import_web() -> None:
    bad = _web_breaches(IMPORTS)
    assert not bad, "\n".join(bad)


def _in_function(imp: Import, name: str) -> bool:
    tree = MODULES[imp.module][1]
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            if node.lineno <= imp.line <= (node.end_lineno or node.lineno):
                return True
    return False


def test_no_private_name_is_imported_across_folders() -> None:
    """`from storyline.store.db import _insert` in run/: a private name is its folder's own business."""
    bad = _private_breaches(IMPORTS)
    assert not bad, "\n".join(bad)


def _strings(tree: ast.Module):
    """String constants, docstrings left out (prose may say 'select ... from')."""
    docs, parts = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts.update(id(v) for v in node.values)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs | parts:
            yield node
        elif isinstance(node, ast.JoinedStr):     # an f-string: its literal parts joined
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            yield ast.Constant(value=text, lineno=node.lineno)


def _sql_in(folder: str) -> list[str]:
    bad = []
    for mod, (path, tree) in MODULES.items():
        if _folder(mod) != folder:
            continue
        for node in _strings(tree):
            if SQL.search(node.value):
                bad.append(f"{path.relative_to(SRC.parent.parent)}:{node.lineno}: {node.value.strip()[:60]!r}")
    return sorted(set(bad))


def test_the_sql_pattern_finds_sql_and_not_prose() -> None:
    assert SQL.search("SELECT id FROM stories WHERE x = ?")
    assert SQL.search("UPDATE articles SET title = ?") and SQL.search("INSERT INTO quotes VALUES (?)")
    assert SQL.search("DELETE FROM stories")
    assert not SQL.search("select the stories from the store") and not SQL.search("SELECT")


FOLDERS = sorted({_folder(m) for m in MODULES} - {"store", ""})


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_raw_sql_outside_the_store(folder: str) -> None:
    bad = _sql_in(folder)
    assert not bad, f"{len(bad)} SQL strings in {folder}:\n" + "\n".join(bad)


def _long_functions() -> list[str]:
    bad = []
    for path, tree in MODULES.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    bad.append(f"{path.relative_to(SRC.parent.parent)}:{node.lineno} {node.name}: {n} lines")
    return bad


def test_no_module_over_600_lines() -> None:
    bad = [f"{p.relative_to(SRC.parent.parent)}: {n} lines" for p, _ in MODULES.values()
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES]
    assert not bad, "\n".join(bad)


def test_no_function_over_100_lines() -> None:
    bad = _long_functions()
    assert not bad, "\n".join(bad)


def test_the_code_points_readers_to_files_in_the_repo() -> None:
    """The export fields are documented in docs/export.md, here; no module sends a reader to a contract file that is
    not in the repository."""
    assert (SRC.parents[1] / "docs" / "export.md").is_file() and (SRC.parents[1] / "docs" / "architecture.md").is_file()
    bad = [str(p.relative_to(SRC.parents[1])) for p, _ in MODULES.values() if "CONTRACT.md" in p.read_text("utf-8")]
    assert not bad, bad
