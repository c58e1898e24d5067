"""The code's shape that reviews rely on: imports at the top of modules, so the import graph that
import-linter checks (pyproject.toml, run by .ci/run) is the whole graph."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Imports that belong inside a function: Django's AppConfig.ready (signals need the app
# registry), and the embedding model's own libraries, loaded the first time it is used.
ALLOWED = {
    ("annotations/apps.py", "ready"),
    ("annotations/matching/embedding.py", "_model"),
}


def imports_inside_functions() -> list[tuple[str, str, int]]:
    found = []
    for package in ("annotations", "factcheck"):
        for path in sorted((ROOT / package).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if "/migrations/" in name:
                continue
            for function in ast.walk(ast.parse(path.read_text())):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.Import | ast.ImportFrom) and (name, function.name) not in ALLOWED:
                        found.append((name, function.name, node.lineno))
    return found


def test_modules_import_at_the_top_never_inside_a_function_to_dodge_a_cycle():
    assert imports_inside_functions() == []
