import pytest
from playwright.sync_api import expect

from ats.tests import factories
from ats.tests.browser.conftest import PHONE


@pytest.mark.django_db(transaction=True)
def test_home_page_is_accessible_at_desktop_and_phone_width(live_server, page, assert_accessible):
    factories.JobFactory(title="Platform Engineer")
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Platform Engineer")).to_be_visible()
    assert_accessible(page)

    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_a_logged_in_user_sees_their_name_in_the_navigation(page, log_in):
    recruiter = factories.RecruiterFactory(first_name="Rita", last_name="Reyes")
    base = log_in(recruiter)
    page.goto(base + "/")
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Rita Reyes")
