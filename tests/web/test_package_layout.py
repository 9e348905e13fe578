"""The web layer's shape: one package per feature, each holding its routes and its templates,
and no module or template grown past what one reader can hold (about 400 lines)."""

import ast
import importlib
import re
from pathlib import Path

from app.web.main import create_web
from app.web.templating import FEATURES, TEMPLATES_DIR, WEB_DIR, templates

MAX_LINES = 400
# A file may be longer only with a reason written here.
LONGER_WITH_REASON: dict[str, str] = {}
FEATURE_NAMES = "|".join(FEATURES)
RENDERED = re.compile(rf"""["']((?:{FEATURE_NAMES})/_?[a-z_]+\.html|_?[a-z_]+\.html)["']""")


def _web_files() -> list[Path]:
    return [
        p
        for p in WEB_DIR.rglob("*")
        if p.suffix in (".py", ".html") and "static" not in p.parts and "locales" not in p.parts
    ]


def test_no_web_module_or_template_is_over_400_lines():
    too_long = {
        str(p.relative_to(WEB_DIR)): n
        for p in _web_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        and str(p.relative_to(WEB_DIR)) not in LONGER_WITH_REASON
    }
    assert too_long == {}


def test_each_feature_package_keeps_its_routes_and_templates_together():
    for feature in FEATURES:
        package = WEB_DIR / feature
        assert (package / "__init__.py").exists(), feature
        assert any((package / "templates").glob("*.html")), feature
        routers = [
            p.name for p in package.glob("*.py") if "APIRouter()" in p.read_text(encoding="utf-8")
        ]
        assert routers, f"{feature} has no routes"
    # Nothing is left in the old horizontal layout.
    assert not (WEB_DIR / "routes").exists()
    assert sorted(p.name for p in TEMPLATES_DIR.iterdir()) == [
        "_forms.html",
        "_header.html",
        "_htmx_config.html",
        "base.html",
        "error.html",
    ]


def test_every_template_a_module_names_exists_in_its_feature():
    env = templates.env
    named: set[str] = set()
    for path in WEB_DIR.rglob("*.py"):
        named.update(RENDERED.findall(path.read_text(encoding="utf-8")))
    for path in WEB_DIR.rglob("*.html"):
        if "static" not in path.parts:
            named.update(RENDERED.findall(path.read_text(encoding="utf-8")))
    assert len(named) > 40
    for name in sorted(named):
        env.get_template(name)  # raises TemplateNotFound when a move left a stale name


def test_every_page_module_is_mounted():
    included = {id(getattr(r, "original_router", None)) for r in create_web(None).routes}
    for path in WEB_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        has_routes = any(
            isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef)
            and any("router" in ast.unparse(d) for d in node.decorator_list)
            for node in ast.walk(tree)
        )
        if has_routes:
            name = ".".join(path.relative_to(WEB_DIR.parent.parent).with_suffix("").parts)
            module = importlib.import_module(name)
            assert id(module.router) in included, f"{name} defines routes that no one mounts"
