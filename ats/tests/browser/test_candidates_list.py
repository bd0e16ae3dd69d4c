"""The candidates list in real Chromium: on a phone the filters fold away until asked for."""

import pytest
from playwright.sync_api import expect

from ats.tests import factories
from ats.tests.browser.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_the_filters_fold_on_a_phone_unless_one_is_set(log_in, page, assert_accessible):
    acme = factories.CompanyFactory(name="Acme")
    recruiter = factories.RecruiterFactory(company=acme)
    factories.ApplicationFactory(job=factories.JobFactory(company=acme, title="Support Engineer"))
    url = log_in(recruiter)

    page.set_viewport_size(PHONE)
    page.goto(url + "/workspace/candidates/")
    expect(page.get_by_label("Stage")).to_be_hidden()
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Stage").select_option("Applied")
    expect(page.get_by_text("1 application matches")).to_be_visible()
    assert_accessible(page)

    page.goto(url + "/workspace/candidates/?stage=Applied")
    expect(page.get_by_label("Stage")).to_be_visible()
    expect(page.get_by_text("1 set")).to_be_visible()

    page.set_viewport_size(DESKTOP)
    page.goto(url + "/workspace/candidates/")
    expect(page.get_by_label("Stage")).to_be_visible()
    expect(page.get_by_text("Filters", exact=True)).to_be_hidden()
