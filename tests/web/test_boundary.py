"""The pages reach data only through the JSON API: app.web never imports the layers below."""

import ast
import subprocess
import sys
from pathlib import Path

import app.web

FORBIDDEN = (
    "app.api",
    "app.services",
    "app.models",
    "app.core.db",
    "app.core.security",
    "app.demo",
    "sqlalchemy",
    "sqlmodel",
)
WEB_DIR = Path(app.web.__file__).parent
PROJECT = WEB_DIR.parents[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                package = path.relative_to(PROJECT).with_suffix("").parts[: -node.level]
                base = ".".join(package)
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            found += [(node.lineno, a.value) for a in node.args if isinstance(a, ast.Constant)]
    return found


def _forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def test_no_module_under_app_web_imports_a_forbidden_layer():
    modules = sorted(WEB_DIR.rglob("*.py"))
    assert len(modules) > 10
    offences = [
        f"{path.relative_to(PROJECT)}:{line} imports {name}"
        for path in modules
        for line, name in _imports(path)
        if _forbidden(name)
    ]
    assert not offences, "\n".join(offences)


def test_the_checker_would_catch_an_offence(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from app.services import people\nimport sqlmodel\nfrom app.core import db\n",
        encoding="utf-8",
    )
    names = [name for _line, name in _imports(probe)]
    assert [n for n in names if _forbidden(n)] == [
        "app.services",
        "app.services.people",
        "sqlmodel",
        "app.core.db",
    ]


def test_the_import_linter_contract_holds():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--no-logo"], cwd=PROJECT, capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    assert "The web layer talks to the API only over HTTP KEPT" in output, output
