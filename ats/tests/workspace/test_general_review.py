"""A general review: a scorecard without an interview (POST /workspace/applications/<pk>/review/)."""

import pytest

from ats.models import Scorecard
from ats.workflow import Rating


def review_url(application) -> str:
    return f"/workspace/applications/{application.pk}/review/"


@pytest.mark.django_db
def test_a_manager_reviews_an_application_and_sees_it_listed(client, hiring_manager, application):
    client.force_login(hiring_manager)
    response = client.post(review_url(application), {"recommendation": "4", "notes": "Great."})
    assert response.url == f"/workspace/applications/{application.pk}/#scorecards"
    card = Scorecard.objects.get()
    assert (card.author, card.recommendation, card.notes, card.interview) == (
        hiring_manager,
        Rating.STRONG_YES,
        "Great.",
        None,
    )
    html = client.get(f"/workspace/applications/{application.pk}/").content.decode()
    assert "Strong yes" in html and "Great." in html
    assert "Your general review" not in html


@pytest.mark.django_db
def test_a_second_review_from_the_same_person_is_refused(client, hiring_manager, application):
    client.force_login(hiring_manager)
    client.post(review_url(application), {"recommendation": "3"})
    response = client.post(review_url(application), {"recommendation": "1"})
    assert response.status_code == 422
    assert "already reviewed" in response.content.decode()
    assert Scorecard.objects.get().recommendation == Rating.YES


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "5", "", "four"])
def test_a_recommendation_off_the_scale_is_refused(client, hiring_manager, application, value):
    client.force_login(hiring_manager)
    response = client.post(review_url(application), {"recommendation": value})
    assert response.status_code == 422
    assert "error-summary" in response.content.decode()
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_a_manager_sees_the_others_reviews_only_after_giving_their_own(client, recruiter, hiring_manager, application):
    Scorecard.objects.create(application=application, author=recruiter, recommendation=1, notes="Not convinced.")
    client.force_login(hiring_manager)
    page = f"/workspace/applications/{application.pk}/"
    assert "Not convinced." not in client.get(page).content.decode()
    client.post(review_url(application), {"recommendation": "3"})
    assert "Not convinced." in client.get(page).content.decode()


@pytest.mark.django_db
def test_a_recruiter_sees_every_review_without_giving_one(client, recruiter, hiring_manager, application):
    Scorecard.objects.create(application=application, author=hiring_manager, recommendation=4, notes="Hire.")
    client.force_login(recruiter)
    assert "Hire." in client.get(f"/workspace/applications/{application.pk}/").content.decode()


@pytest.mark.django_db
def test_an_unassigned_manager_cannot_review_when_managers_see_assigned_only(
    client, other_hiring_manager, application, settings
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    client.force_login(other_hiring_manager)
    response = client.post(review_url(application), {"recommendation": "4"})
    assert response.status_code == 404
    assert not Scorecard.objects.exists()
