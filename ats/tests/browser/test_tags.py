"""Tags in real Chromium: tagging a card from the board's card menu and filtering the board
by that tag; tagging on the application page. axe-core at a laptop's and a phone's width."""

import pytest
from playwright.sync_api import expect

from ats.models import Tag
from ats.tests import factories
from ats.workflow import Stage

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def team(db):
    acme = factories.CompanyFactory(name="Acme")
    recruiter = factories.RecruiterFactory(company=acme, first_name="Rita", last_name="Reyes")
    job = factories.JobFactory(company=acme, title="Backend Engineer")
    alex = factories.ApplicationFactory(job=job, candidate__first_name="Alex", candidate__last_name="Kim")
    sam = factories.ApplicationFactory(job=job, candidate__first_name="Sam", candidate__last_name="Patel")
    factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
    top5 = Tag.objects.create(company=acme, name="Top 5")
    referral = Tag.objects.create(company=acme, name="Referral")
    sam.tags.add(referral)
    return {"recruiter": recruiter, "job": job, "alex": alex, "sam": sam, "top5": top5, "referral": referral}


def card(page, stage: str, application):
    return page.locator(f'[data-stage="{stage}"] [data-application-id="{application.pk}"]')


@pytest.mark.django_db(transaction=True)
def test_a_recruiter_tags_a_card_from_its_menu_and_filters_the_board_by_the_tag(page, log_in, team, assert_accessible):
    base = log_in(team["recruiter"])
    alex, sam = team["alex"], team["sam"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    assert_accessible(page)

    card(page, "Applied", alex).locator("summary").click()
    page.get_by_role("button", name="Add tag “Top 5” to Alex Kim").click()

    expect(page.locator("#board-status")).to_contain_text("“Top 5” is added to Alex Kim.")
    expect(card(page, "Applied", alex).locator(".board-card__tags")).to_have_text("Top 5")
    assert list(alex.tags.values_list("name", flat=True)) == ["Top 5"]
    # The menu now offers to take it off again.
    card(page, "Applied", alex).locator("summary").click()
    expect(page.get_by_role("button", name="Remove tag “Top 5” from Alex Kim")).to_be_visible()
    assert_accessible(page)
    page.keyboard.press("Escape")

    page.get_by_label("Tag", exact=True).select_option(label="Top 5")

    expect(card(page, "Applied", sam)).to_have_count(0)
    expect(card(page, "Applied", alex)).to_be_visible()
    expect(page.locator('[data-stage="Applied"] .board-column__count')).to_contain_text("1")
    expect(page.locator('[data-stage="Interview"]')).to_contain_text("No match")
    assert f"tag={team['top5'].pk}" in page.url
    assert_accessible(page)

    # The filter is in the URL: a phone opening it sees the same board.
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.get_by_label("Tag", exact=True)).to_have_value(str(team["top5"].pk))
    expect(card(page, "Applied", sam)).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    card(page, "Applied", alex).locator("summary").click()
    menu = card(page, "Applied", alex).locator(".card-menu__list")
    expect(menu).to_be_visible()
    # Below a laptop's width the board scrolls sideways: the open menu must not be cut off by it.
    board = page.locator("#board").bounding_box()
    box = menu.bounding_box()
    assert box["y"] + box["height"] <= board["y"] + board["height"]
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_a_recruiter_adds_and_removes_tags_on_the_application_page(page, log_in, team, assert_accessible):
    base = log_in(team["recruiter"])
    sam = team["sam"]
    page.goto(f"{base}/workspace/applications/{sam.pk}/")
    tags = page.locator("#tags-section")
    expect(tags.locator(".tag-chip__name")).to_have_text(["Referral"])

    page.get_by_label("Add a tag").select_option(label="Top 5")
    page.get_by_role("button", name="Add tag").click()

    expect(page.locator("#tags-status")).to_have_text("“Top 5” is added to Sam Patel.")
    expect(tags.locator(".tag-chip__name")).to_have_text(["Referral", "Top 5"])
    expect(tags).to_contain_text("Every tag of the list is on this application.")
    assert_accessible(page)

    page.get_by_role("button", name="Remove tag “Referral”").click()

    expect(page.locator("#tags-status")).to_have_text("“Referral” is removed from Sam Patel.")
    expect(tags.locator(".tag-chip__name")).to_have_text(["Top 5"])
    # The removed tag is offered again, and the keyboard is on its select.
    expect(page.get_by_label("Add a tag")).to_be_focused()
    assert sorted(sam.tags.values_list("name", flat=True)) == ["Top 5"]
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
