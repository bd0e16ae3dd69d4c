"""The Content Security Policy in a real browser. Every browser test fails on a CSP
violation (conftest's `page`), so every page of every role's walk (test_every_page_fits)
is checked; these tests add the pages outside that walk: the API docs, the browsable
API and the admin, and show that the watch does catch a violation."""

import re

import pytest
from playwright.sync_api import expect

from ats.tests import factories


@pytest.mark.django_db(transaction=True)
def test_an_inline_script_is_refused_and_reported(page, live_server, csp_violations):
    page.goto(live_server.url + "/")

    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "document.body.dataset.injected = 'yes'";
            document.body.append(script);
            document.body.insertAdjacentHTML("beforeend", '<p id="styled" style="color: red">styled</p>');
        }"""
    )

    assert page.evaluate("document.body.dataset.injected") is None  # the script never ran
    expect(page.locator("#styled")).not_to_have_css("color", "rgb(255, 0, 0)")
    page.wait_for_timeout(200)  # the binding's report arrives asynchronously
    console = [text for text in csp_violations if "securitypolicyviolation" not in text]
    events = [text for text in csp_violations if "securitypolicyviolation" in text]
    # Chromium's words: "Executing inline script violates the following Content Security Policy directive ..."
    assert any("inline script" in text and "Content Security Policy" in text for text in console), console
    assert any("inline style" in text and "Content Security Policy" in text for text in console), console
    assert any("script-src-elem blocked inline" in text for text in events), events
    assert any("style-src-attr blocked inline" in text for text in events), events
    csp_violations.clear()  # seen; the fixture's own check would fail the test otherwise


@pytest.mark.django_db(transaction=True)
def test_the_api_docs_render_every_operation_under_the_policy(page, live_server):
    page.goto(live_server.url + "/api/docs/")

    expect(page.get_by_role("heading", name="ATS API")).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/applications/{id}/change-stage/")).to_be_visible()
    # Opening an operation renders its parameters and responses (more of Swagger UI's DOM).
    page.locator(".opblock-summary", has_text="/api/jobs/{id}/analytics/").first.click()
    expect(page.get_by_role("button", name="Try it out")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_the_browsable_api_works_under_the_policy(page, log_in):
    recruiter = factories.RecruiterFactory()
    job = factories.JobFactory(company=recruiter.company, title="Platform Engineer")
    base = log_in(recruiter)

    page.goto(base + "/api/jobs/")
    expect(page.get_by_role("heading", name="Job List")).to_be_visible()
    page.get_by_role("button", name="Filters").click()  # Bootstrap's modal, shown by DRF's scripts
    modal = page.locator("#filtersModal")  # (Bootstrap 3 leaves it aria-hidden: no role queries inside)
    expect(modal.locator(".modal-title")).to_have_text("Filters")
    modal.get_by_text("title - descending").click()  # the ordering filter, a link that reloads the list
    expect(page).to_have_url(re.compile(r"ordering=-title"))
    page.goto(base + f"/api/jobs/{job.pk}/")
    expect(page.get_by_text("Platform Engineer").first).to_be_visible()
    page.get_by_role("button", name="OPTIONS").click()
    expect(page.get_by_text("HTTP 200 OK").first).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_the_pages_outside_the_walk_keep_the_policy(page, live_server, log_in):
    for path, status in [
        ("/accounts/password/reset/done/", 200),
        ("/accounts/confirm-email/", 200),
        ("/admin/login/", 200),
        ("/jobs/999999/", 404),
    ]:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == status, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    base = log_in(factories.CandidateFactory())
    response = page.goto(base + "/workspace/")  # a candidate is refused the workspace
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_the_admin_works_under_the_policy(page, log_in):
    operator = factories.CandidateFactory(username="operator", is_staff=True, is_superuser=True)
    application = factories.ApplicationFactory()
    base = log_in(operator)

    for path in [
        "/admin/",
        "/admin/ats/job/",
        f"/admin/ats/job/{application.job_id}/change/",
        "/admin/ats/application/",
        f"/admin/ats/application/{application.pk}/change/",
        "/admin/ats/user/add/",
        f"/admin/ats/user/{operator.pk}/change/",
        "/admin/ats/interview/add/",
        "/admin/ats/outboxemail/",
    ]:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        expect(page.locator("#content h1, #site-name").first).to_be_visible()
    # The admin's own scripts run: the date picker opens its calendar...
    page.goto(base + "/admin/ats/interview/add/")
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    expect(page.locator("#id_starts_at_0")).not_to_have_value("")
    page.locator(".date-icon").first.click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    # ...and the changelist's "select all" checks every row.
    page.goto(base + "/admin/ats/job/")
    page.locator("#action-toggle").check()
    expect(page.locator("input.action-select").first).to_be_checked()
