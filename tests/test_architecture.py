"""The layers of docs/architecture.md hold: import-linter's contracts pass (and fail on a forbidden
import), no import of the app hides inside a function, and every route name the code and the templates
use exists."""

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

from app.config import PROJECT_ROOT
from app.main import named_routes

APP = PROJECT_ROOT / "app"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_import_contracts_hold_and_a_forbidden_import_breaks_them(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(APP, copy / "app", ignore=shutil.ignore_patterns("__pycache__", "locales"))
    shutil.copy(PROJECT_ROOT / "pyproject.toml", copy)
    kept = _lint_imports(copy)
    # A lower domain reaching up to a higher one, as finalizing once did from inside a function.
    service = copy / "app" / "organizations" / "service.py"
    service.write_text(
        service.read_text(encoding="utf-8")
        + "\n\ndef _upwards() -> object:\n    from app.study_sessions import service\n\n    return service\n",
        encoding="utf-8",
    )
    broken = _lint_imports(copy)

    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "BROKEN" not in kept.stdout
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "app.organizations.service -> app.study_sessions.service" in broken.stdout
    assert "No cycles between the packages and modules directly under app BROKEN" in broken.stdout


def _imports_of_the_app_inside_functions(path: Path) -> list[str]:
    found: list[str] = []

    def visit(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if (
                inside
                and isinstance(child, ast.ImportFrom)
                and (child.module or "").startswith("app")
            ):
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{child.lineno} {child.module}")
            visit(child, nested)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def test_no_import_of_the_app_hides_inside_a_function() -> None:
    """A deferred import is how a cycle hides; only the command line may defer (its start-up time)."""
    deferred = [
        found
        for path in sorted(APP.rglob("*.py"))
        if path.name != "cli.py"
        for found in _imports_of_the_app_inside_functions(path)
    ]
    assert not deferred, deferred


ROUTE_NAME_USES = [
    re.compile(r"""\burl\(\s*['"]([\w.]+)['"]"""),
    re.compile(r"""\bcan\(\s*['"]([\w.]+)['"]"""),
    re.compile(r"""\b(?:path_to|redirect_to)\(\s*request,\s*['"]([\w.]+)['"]"""),
    re.compile(r"""url_path_for\(\s*['"]([\w.]+)['"]"""),
]


def test_every_route_name_the_code_and_templates_use_exists() -> None:
    names = {name for name, _, _ in named_routes()} | {"static"}
    sources = [*APP.rglob("*.py"), *(PROJECT_ROOT / "templates").rglob("*.html")]
    used = {
        (str(path.relative_to(PROJECT_ROOT)), name)
        for path in sources
        for pattern in ROUTE_NAME_USES
        for name in pattern.findall(path.read_text(encoding="utf-8"))
    }
    assert len(used) > 100
    unknown = sorted((path, name) for path, name in used if name not in names)
    assert not unknown, unknown
