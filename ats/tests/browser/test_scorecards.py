"""An interviewer's scorecard in real Chromium: a hiring manager who interviewed the
candidate opens the application and can't read the other interviewer's scorecard,
submits their own on the scale's big buttons, then reads everyone's. At a laptop's
1280 px and a phone's 390 px, with axe-core on every page on the way."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from ats.models import Scorecard
from ats.services.interviews import scorecard_criteria_set, scorecard_submit
from ats.tests import factories
from ats.workflow import Rating, Stage

pytestmark = [pytest.mark.django_db(transaction=True)]

SIZES = {"laptop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
RITAS_NOTE = "Rita: excellent on the rate-limiter exercise."


@pytest.fixture
def interviewed():
    acme = factories.CompanyFactory(name="Acme")
    recruiter = factories.RecruiterFactory(company=acme, first_name="Rita", last_name="Reyes")
    manager = factories.HiringManagerFactory(company=acme, first_name="Max", last_name="Moreau")
    job = factories.JobFactory(company=acme, title="Backend Engineer")
    job.hiring_managers.add(manager)
    criteria = scorecard_criteria_set(job=job, names=["Python", "Communication"])
    candidate = factories.CandidateFactory(first_name="Casey", last_name="Morgan")
    application = factories.ApplicationFactory(job=job, candidate=candidate, stage=Stage.INTERVIEW)
    interview = factories.scheduled_interview(application, manager, recruiter, starts_in=timedelta(hours=-2))
    scorecard_submit(
        interview=interview,
        author=recruiter,
        recommendation=Rating.STRONG_YES,
        notes=RITAS_NOTE,
        ratings={criteria[0].pk: 4, criteria[1].pk: 3},
    )
    return {"manager": manager, "application": application, "interview": interview}


def fits(page, size: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"{page.url} is {width} px wide"


@pytest.mark.parametrize("size", SIZES)
def test_an_interviewer_reads_the_others_scorecards_only_after_submitting_their_own(
    page, log_in, assert_accessible, interviewed, size
):
    page.set_viewport_size(SIZES[size])
    base = log_in(interviewed["manager"])
    application, interview = interviewed["application"], interviewed["interview"]

    page.goto(f"{base}/workspace/applications/{application.pk}/")
    scorecards = page.locator("section[aria-labelledby=scorecards]")
    expect(scorecards.get_by_text("Submit your scorecard or review to see the others' (1 submitted).")).to_be_visible()
    expect(page.get_by_text(RITAS_NOTE)).to_have_count(0)
    fits(page, size)
    assert_accessible(page)

    scorecards.get_by_role("link", name="Submit your scorecard for Technical interview").click()
    expect(page.get_by_role("heading", level=1, name="Scorecard for Casey Morgan")).to_be_visible()
    fits(page, size)
    assert_accessible(page)

    # Sending it with a criterion left out is refused, and says which.
    page.get_by_role("group", name="Python").get_by_text("Strong yes").click()
    page.get_by_role("group", name="Overall recommendation").get_by_text("Yes", exact=True).click()
    page.get_by_role("button", name="Submit scorecard").click()
    expect(page.locator(".error-summary")).to_contain_text("Communication: Choose a rating")
    expect(page.locator(".error-summary")).to_be_focused()
    assert not Scorecard.objects.filter(author=interviewed["manager"]).exists()
    assert_accessible(page)

    # Each choice of the scale is a target a thumb can hit, its words in view.
    communication = page.get_by_role("group", name="Communication")
    for option in communication.locator(".scale__option").all():
        box = option.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, box
    communication.get_by_text("No", exact=True).click()
    expect(communication.get_by_role("radio", name="No", exact=True)).to_be_checked()
    expect(page.get_by_role("group", name="Python").get_by_role("radio", name="Strong yes")).to_be_checked()
    page.get_by_label("Notes on Communication").fill("Rambled a little on the design question.")
    page.get_by_role("button", name="Submit scorecard").click()

    expect(page).to_have_url(f"{base}/workspace/applications/{application.pk}/#scorecards")
    expect(page.get_by_text("Your scorecard is submitted.")).to_be_visible()
    expect(page.get_by_text(RITAS_NOTE)).to_be_visible()
    expect(scorecards.get_by_text("to see the others")).to_have_count(0)
    expect(scorecards).to_contain_text("2 scorecards · average recommendation 3.5 of 4")
    expect(scorecards).to_contain_text("Rambled a little on the design question.")
    fits(page, size)
    assert_accessible(page)

    card = Scorecard.objects.get(author=interviewed["manager"])
    assert (card.interview_id, card.recommendation) == (interview.pk, Rating.YES)
    assert sorted(card.ratings.values_list("criterion_name", "rating")) == [("Communication", 2), ("Python", 4)]
