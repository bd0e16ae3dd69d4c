"""A candidate withdraws an application in real Chromium: a confirmation first, then "Withdrawn"."""

import pytest
from playwright.sync_api import expect

from ats.models import Application
from ats.tests import factories
from ats.workflow import Stage

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_a_candidate_withdraws_after_confirming_and_sees_withdrawn(log_in, page, assert_accessible):
    candidate = factories.CandidateFactory(username="wendy")
    job = factories.JobFactory(company=factories.CompanyFactory(name="Acme"), title="Data Analyst")
    application = factories.ApplicationFactory(candidate=candidate, job=job)
    url = log_in(candidate)

    page.goto(url + "/applications/")
    page.get_by_role("link", name="Withdraw… your application for Data Analyst").click()

    expect(page.get_by_role("heading", name="Withdraw your application?")).to_be_visible()
    assert_accessible(page)
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED

    page.get_by_role("button", name="Withdraw my application").click()

    card = page.locator(f"#application-{application.pk}")
    expect(page.get_by_text("You've withdrawn your application for “Data Analyst”")).to_be_visible()
    expect(card.locator(".badge")).to_have_text("Withdrawn")
    expect(card.get_by_role("link", name="Withdraw…")).to_have_count(0)
    assert_accessible(page)
    assert Application.objects.get(pk=application.pk).stage == Stage.REJECTED
