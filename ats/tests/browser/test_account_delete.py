"""A candidate deletes their account from the profile in real Chromium: the explanation, a
wrong password refused beside the field, then the goodbye page, logged out."""

import pytest
from playwright.sync_api import expect

from ats.models import Application, User
from ats.tests import factories

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_a_candidate_deletes_their_account_from_the_profile(log_in, page, assert_accessible):
    candidate = factories.CandidateFactory(username="dora", first_name="Dora", last_name="Delacroix-Nyberg")
    application = factories.ApplicationFactory(candidate=candidate, cover_letter="Dora here.")
    url = log_in(candidate)

    page.goto(url + "/accounts/profile/")
    page.get_by_role("link", name="Delete my account…").click()
    expect(page.get_by_role("heading", name="Delete your account?")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("That is not your password").first).to_be_visible()
    expect(page.get_by_label("Your password")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    assert User.objects.filter(pk=candidate.pk).exists()

    page.get_by_label("Your password").fill("pw-for-tests-1234")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Your account is deleted")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.filter(pk=candidate.pk).exists()
    erased = Application.objects.get(pk=application.pk)
    assert erased.candidate is None and erased.cover_letter == ""

    page.goto(url + "/applications/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
