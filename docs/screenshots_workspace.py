"""Take the README's screenshots of the hiring team's workspace.

Run against a server with the demo data, e.g.:

    .venv/bin/python manage.py seed_demo && .venv/bin/python manage.py runserver 8000 &
    .venv/bin/python docs/screenshots_workspace.py http://127.0.0.1:8000

Writes docs/screenshots/workspace-dashboard.png, -board.png and -detail.png.
"""

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def main(base: str) -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{base}/accounts/login/")
        # Field names, not labels: allauth's login page may be restyled, its form fields stay.
        page.locator("input[name=login]").fill("recruiter1")
        page.locator("input[name=password]").fill("1234")
        page.locator("input[name=password]").press("Enter")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

        page.goto(f"{base}/workspace/")
        page.screenshot(path=OUT / "workspace-dashboard.png", full_page=True)

        page.get_by_role("link", name="Senior Backend Engineer").first.click()
        page.locator(".board-card").first.wait_for()
        page.screenshot(path=OUT / "workspace-board.png", full_page=True)

        page.locator('[data-stage="Interview"] .board-card__name').first.click()
        page.get_by_role("heading", name="History").wait_for()
        page.screenshot(path=OUT / "workspace-detail.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
