"""Browser tests: real Chromium (Debian's package) driven by Playwright against
pytest-django's live server, which commits for real, so on_commit fires."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

# The sync Playwright API runs an event loop in this thread; Django's ORM would
# otherwise refuse to run beside it. Browser tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
NO_CHROMIUM = (
    "No Chromium found: install Debian's package (apt-get install chromium), as .ci/run does, "
    "or point CHROMIUM_PATH at a Chromium binary."
)
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        pytest.skip(NO_CHROMIUM)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # The machine has no network: background services would only time out.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP, "locale": "en-US"}


# What Chromium prints to the console when the Content-Security-Policy header blocks
# something: "Executing inline script violates the following Content Security Policy
# directive ...", "Loading the image 'data:...' violates ..." (older versions: "Refused to ...").
CSP_MARKERS = ("Content Security Policy", "Content-Security-Policy", "Refused to")


@pytest.fixture
def csp_violations() -> list[str]:
    """Every CSP violation the test's page reported, as "<url>: <message>"."""
    return []


@pytest.fixture
def page(page, csp_violations):
    """Playwright's page, watched: any Content Security Policy violation in any browser
    test (a page load, an htmx swap, a script's DOM change) fails that test. Chromium
    reports each one twice, as a console error and as a securitypolicyviolation event;
    both are recorded, so neither channel can be missed."""

    def on_console(message) -> None:
        if any(marker in message.text for marker in CSP_MARKERS):
            csp_violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.expose_binding(
        "reportCspViolation", lambda source, text: csp_violations.append(f"{source['frame'].url}: {text}")
    )
    page.add_init_script(
        """document.addEventListener("securitypolicyviolation", (event) => {
            window.reportCspViolation(
                `securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
                + ` at ${event.sourceFile || "?"}:${event.lineNumber}`
            );
        });"""
    )
    yield page
    assert not csp_violations, "Content Security Policy violations:\n" + "\n".join(csp_violations)


@pytest.fixture
def log_in(live_server, context):
    """Log `user` in by giving the browser a session cookie (fast); returns the live server URL."""

    def log_in(user) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
        )
        return live_server.url

    return log_in


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Fail on any serious or critical axe-core violation of the page as it is now."""

    def check(page) -> None:
        results = axe.run(page)
        serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        report = "\n".join(
            f"{v['impact']}: {v['id']} — {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in serious
        )
        assert not serious, f"accessibility violations on {page.url}:\n{report}"

    return check
