"""Take the README's screenshots of the candidate portal.

Run against a dev server that has the demo data, for example:

    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo
    .venv/bin/python manage.py runserver 127.0.0.1:8000 &
    .venv/bin/python docs/screenshots.py http://127.0.0.1:8000

It logs in as the demo candidate `candidate1` and writes
docs/screenshots/candidate-<page>-<desktop|phone>.png.
"""

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 780}}
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def main(base: str) -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for size, viewport in SIZES.items():
            page = browser.new_page(viewport=viewport)
            take_screenshots(page, base, size)
            page.close()
        browser.close()


def take_screenshots(page, base: str, size: str) -> None:
    def shot(name: str, *, full_page: bool = True) -> None:
        page.wait_for_load_state("networkidle")
        page.locator(".toast").evaluate_all("toasts => toasts.forEach(t => t.remove())")
        page.screenshot(path=OUT / f"candidate-{name}-{size}.png", full_page=full_page)

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username or email").fill("candidate1")
    page.get_by_label("Password", exact=True).fill("1234")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{base}/?q=engineer")
    shot("job-board", full_page=False)
    page.get_by_role("link", name="Senior Backend Engineer").click()
    shot("job")
    page.locator("#apply").scroll_into_view_if_needed()
    page.locator("#apply").screenshot(path=OUT / f"candidate-apply-{size}.png")
    # The same form refusing a file that isn't a resume, as a candidate sees it.
    notes = {"name": "notes.pdf", "mimeType": "application/pdf", "buffer": b"not really a PDF"}
    page.get_by_label("Resume", exact=True).set_input_files(notes)
    page.get_by_role("button", name="Send application").click()
    page.get_by_role("alert").wait_for()
    page.locator("#apply").screenshot(path=OUT / f"candidate-apply-error-{size}.png")
    page.goto(f"{base}/applications/")
    shot("my-applications", full_page=size == "desktop")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
