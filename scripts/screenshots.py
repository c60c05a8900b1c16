"""Screenshots of each journey's main page, desktop (1280 px) and phone (390 px), in Chinese and English.

    .venv/bin/python scripts/screenshots.py [OUT_DIR]     (default docs/screenshots)

Starts `yantao serve` on a fresh demo database in a temporary directory and drives Debian's Chromium
(YANTAO_TEST_CHROMIUM, default /usr/bin/chromium) with Playwright, as the browser journeys do.
"""

import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("YANTAO_TEST_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "yantao-demo-2015"
WIDTHS = {"desktop": 1280, "phone": 390}


def _id(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute(sql).fetchone()[0])


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        env = {**os.environ, "YANTAO_DATABASE_URL": f"sqlite:///{db}"}
        for step in (["db", "upgrade"], ["demo"]):
            subprocess.run([sys.executable, "-m", "app", *step], cwd=ROOT, env=env, check=True)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--port", str(port)], cwd=ROOT, env=env
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    if httpx.get(f"{base}/readyz").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            flagged = _id(db, "SELECT id FROM study_session WHERE rework_flag = 'open'")
            minutes = _id(
                db, "SELECT id FROM study_session WHERE status = 'finalized' ORDER BY id LIMIT 1"
            )
            item = _id(db, "SELECT id FROM rectification_item WHERE status != 'closed' LIMIT 1")
            county = _id(db, "SELECT id FROM organization WHERE code = 'cx'")
            town = _id(db, "SELECT id FROM organization WHERE code = 'cx-hp'")
            person = _id(db, "SELECT id FROM person WHERE name = '韩明华'")
            account = _id(db, "SELECT id FROM account WHERE login = 'secretary'")
            campaign = _id(db, "SELECT id FROM campaign ORDER BY starts_on DESC LIMIT 1")
            pages = [
                # The secretary's own branch has no finalized minutes in the demo: the county's.
                ("1-finalized-minutes", "admin", f"/study-sessions/{minutes}"),
                (
                    "2-inspector-dashboard",
                    "inspector",
                    f"/inspection?organization_id={county}&from_month=2015-07&to_month=2015-12",
                ),
                ("3-secretary-make-up-flag", "secretary", f"/study-sessions/{flagged}"),
                ("4-ledger-item", "secretary", f"/ledger/{item}"),
                ("5-admin-organizations", "admin", "/organizations"),
                ("10-todo", "secretary", "/todo"),
                (
                    "11-overview",
                    "viewer",
                    f"/overview?organization_id={town}&from_month=2015-07&to_month=2015-12",
                ),
                ("12-admin-person-edit", "admin", f"/people/{person}"),
                ("13-admin-account-edit", "admin", f"/accounts/{account}"),
                ("14-completeness-matrix", "inspector", f"/campaigns/{campaign}/completeness"),
            ]
            _shoot(base, pages, out)
        finally:
            server.terminate()
            server.wait(timeout=10)


def _shoot(base: str, pages: list[tuple[str, str, str]], out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for name, login, path in pages:
            for device, width in WIDTHS.items():
                for language in ("zh-CN", "en"):
                    context = browser.new_context(viewport={"width": width, "height": 900})
                    page = context.new_page()
                    page.goto(f"{base}/login?lang={language}")
                    page.fill("#login-login", login)
                    page.fill("#login-password", PASSWORD)
                    page.click("form[action='/login'] button[type=submit]")
                    page.wait_for_load_state()
                    page.goto(f"{base}{path}")
                    short = "zh" if language == "zh-CN" else "en"
                    target = out / f"{name}-{device}-{short}.png"
                    page.screenshot(path=str(target), full_page=False)
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
                    context.close()
        browser.close()


if __name__ == "__main__":
    main()
