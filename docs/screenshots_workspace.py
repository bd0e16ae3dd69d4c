"""Take the README's screenshots of the hiring team's workspace, at a laptop's and a phone's width.

Run against a server with the demo data, e.g.:

    .venv/bin/python manage.py seed_demo && .venv/bin/python manage.py runserver 8000 &
    .venv/bin/python docs/screenshots_workspace.py http://127.0.0.1:8000

Writes docs/screenshots/workspace-<page>-<desktop|phone>.png for the dashboard, the
board, the board's reason dialog, an application, the rejection reasons, scheduling an
interview, the candidates list (searching "Kubernetes", with the bulk bar), a
candidate's profile, the tags, the analytics and, as manager1, My interviews and a scorecard.
"""

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def main(base: str) -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for size, viewport in SIZES.items():
            page = browser.new_page(viewport=viewport)
            log_in(page, base, "recruiter1")
            take_screenshots(page, base, size)
            page.close()
            page = browser.new_page(viewport=viewport)
            log_in(page, base, "manager1")
            take_interviewer_screenshots(page, base, size)
            page.close()
        browser.close()


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    # Field names, not labels: allauth's login page may be restyled, its form fields stay.
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill("1234")
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def take_screenshots(page, base: str, size: str) -> None:
    def shot(name: str) -> None:
        page.screenshot(path=OUT / f"workspace-{name}-{size}.png", full_page=True)

    page.goto(f"{base}/workspace/")
    shot("dashboard")

    page.get_by_role("link", name="Senior Backend Engineer").first.click()
    page.locator(".board-card").first.wait_for()
    shot("board")

    applied = page.locator('[data-stage="Applied"] .board-card').first
    applied.locator("summary").click()
    applied.locator("[data-reject]").click()
    page.get_by_role("dialog").wait_for()
    page.screenshot(path=OUT / f"workspace-reject-dialog-{size}.png")
    page.get_by_role("dialog").get_by_role("button", name="Cancel").click()

    page.locator('[data-stage="Interview"] .board-card__name').first.click()
    page.get_by_role("heading", name="History").wait_for()
    shot("detail")

    page.goto(f"{base}/workspace/reasons/")
    shot("reasons")

    page.goto(f"{base}/workspace/")
    page.get_by_role("link", name="Senior Backend Engineer").first.click()
    page.locator('[data-stage="Screening"] .board-card__name').first.click()
    page.get_by_role("link", name="Schedule an interview").click()
    shot("interview-schedule")

    page.goto(f"{base}/workspace/candidates/?q=kubernetes")
    page.locator("#bulk-action").select_option("reject")
    page.locator('input[name="applications"]').first.check()
    shot("candidates")
    page.locator(".candidates-table__also a", has_text="Profile").first.click()
    shot("profile")

    page.goto(f"{base}/workspace/tags/")
    shot("tags")

    # The analytics page is long: its head, the summary, the funnel and the times in stage.
    page.goto(f"{base}/workspace/analytics/")
    page.locator("#time_in_stage canvas").wait_for()
    page.wait_for_timeout(500)  # the charts' short animation
    top = page.locator("#speed").bounding_box()
    page.screenshot(
        path=OUT / f"workspace-analytics-{size}.png",
        full_page=True,
        clip={"x": 0, "y": 0, "width": page.viewport_size["width"], "height": top["y"]},
    )


def take_interviewer_screenshots(page, base: str, size: str) -> None:
    def shot(name: str) -> None:
        page.screenshot(path=OUT / f"workspace-{name}-{size}.png", full_page=True)

    page.goto(f"{base}/workspace/interviews/")
    shot("my-interviews")
    page.get_by_role("link", name="Write your scorecard").first.click()
    shot("scorecard")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
