"""Audit the installed Python packages for known vulnerabilities (CI runs it; exit 1 on any).

    .venv/bin/python scripts/audit_dependencies.py

First pip-audit, against PyPI's vulnerability data for each installed version. Where PyPI's
per-version data cannot be reached (a registry mirror that serves only the project pages, as on our CI
machine), a package is checked against the vulnerabilities PyPI lists for its newest release — valid
when that is the installed version, which a fresh install gets. A package that is neither is named as
unchecked; none checked at all is a failure, never a silent pass.
"""

import importlib.metadata
import json
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

PYPI = "https://pypi.org/pypi/{name}/json"


@dataclass
class Audit:
    by_pip_audit: int = 0
    by_newest_release: int = 0
    unchecked: list[str] = field(default_factory=list)
    vulnerable: list[str] = field(default_factory=list)


def pip_audit() -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off"],
        capture_output=True,
        text=True,
        check=False,
    )
    if not done.stdout.strip():
        raise SystemExit(f"pip-audit gave no report: {done.stderr.strip()}")
    dependencies: list[dict[str, Any]] = json.loads(done.stdout)["dependencies"]
    return dependencies


def newest_release(name: str) -> tuple[str, list[dict[str, Any]]] | None:
    """The newest version of ``name`` on PyPI and the vulnerabilities PyPI lists for it."""
    try:
        with urllib.request.urlopen(PYPI.format(name=name), timeout=30) as response:
            data = json.load(response)
    except OSError:
        return None
    return data["info"]["version"], data.get("vulnerabilities") or []


def _describe(name: str, version: str, vulnerabilities: list[dict[str, Any]]) -> str:
    ids = ", ".join(str(v.get("id")) for v in vulnerabilities)
    fixes = sorted({fix for v in vulnerabilities for fix in v.get("fix_versions") or []})
    return f"{name} {version}: {ids}" + (f" (fixed in {', '.join(fixes)})" if fixes else "")


def audit() -> Audit:
    result = Audit()
    skipped: list[dict[str, Any]] = []
    for dependency in pip_audit():
        if "skip_reason" in dependency:
            skipped.append(dependency)
            continue
        result.by_pip_audit += 1
        if dependency.get("vulns"):
            result.vulnerable.append(
                _describe(dependency["name"], dependency["version"], dependency["vulns"])
            )
    with ThreadPoolExecutor(max_workers=8) as pool:
        newest = list(pool.map(lambda d: newest_release(d["name"]), skipped))
    for dependency, found in zip(skipped, newest, strict=True):
        name = dependency["name"]
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "?"
        if found is None or found[0] != version:
            if name != "yantao":  # this project itself is not on PyPI
                newer = f" (newest {found[0]})" if found else " (PyPI did not answer)"
                result.unchecked.append(f"{name} {version}{newer}")
            continue
        result.by_newest_release += 1
        live = [v for v in found[1] if not v.get("withdrawn")]
        if live:
            result.vulnerable.append(_describe(name, version, live))
    return result


def main() -> int:
    result = audit()
    checked = result.by_pip_audit + result.by_newest_release
    print(
        f"dependency audit: {checked} packages checked ({result.by_pip_audit} by pip-audit, "
        f"{result.by_newest_release} against their newest release), {len(result.unchecked)} unchecked"
    )
    for line in result.unchecked:
        print(f"  unchecked: {line}")
    for line in result.vulnerable:
        print(f"  VULNERABLE: {line}")
    if result.vulnerable:
        return 1
    if checked == 0:
        print("error: no package could be checked (PyPI unreachable?)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
