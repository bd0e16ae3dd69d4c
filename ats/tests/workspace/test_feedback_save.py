"""A reviewer's rating and comment (POST /workspace/applications/<pk>/feedback/)."""

import pytest

from ats.models import Feedback


@pytest.mark.django_db
def test_it_saves_feedback_and_shows_the_average(client, recruiter, hiring_manager, application):
    Feedback.objects.create(application=application, reviewer=recruiter, rating=2, comment="Unsure.")
    client.force_login(hiring_manager)
    response = client.post(f"/workspace/applications/{application.pk}/feedback/", {"rating": "5", "comment": "Great."})
    assert response.url == f"/workspace/applications/{application.pk}/" + "#feedback"
    html = client.get(f"/workspace/applications/{application.pk}/").content.decode()
    assert '<span class="rating-average">3.5</span>' in html
    assert "Great." in html and "Unsure." in html
    assert "Edit your feedback" in html


@pytest.mark.django_db
def test_its_author_edits_feedback_without_creating_another(client, hiring_manager, application):
    client.force_login(hiring_manager)
    url = f"/workspace/applications/{application.pk}/feedback/"
    client.post(url, {"rating": "3", "comment": "First look."})
    client.post(url, {"rating": "4", "comment": "After the interview."})
    feedback = Feedback.objects.get()
    assert (feedback.reviewer, feedback.rating, feedback.comment) == (hiring_manager, 4, "After the interview.")


@pytest.mark.django_db
def test_feedback_edits_only_touch_the_authors_own(client, recruiter, hiring_manager, application):
    Feedback.objects.create(application=application, reviewer=recruiter, rating=2, comment="Mine.")
    client.force_login(hiring_manager)
    client.post(f"/workspace/applications/{application.pk}/feedback/", {"rating": "5"})
    assert Feedback.objects.get(reviewer=recruiter).comment == "Mine."
    assert Feedback.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("rating", ["0", "6", "", "five"])
def test_a_rating_outside_1_to_5_is_refused(client, hiring_manager, application, rating):
    client.force_login(hiring_manager)
    response = client.post(f"/workspace/applications/{application.pk}/feedback/", {"rating": rating})
    assert response.status_code == 422
    assert "error-summary" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_an_unassigned_manager_cannot_review_when_managers_see_assigned_only(
    client, other_hiring_manager, application, settings
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    client.force_login(other_hiring_manager)
    response = client.post(f"/workspace/applications/{application.pk}/feedback/", {"rating": "4"})
    assert response.status_code == 404
    assert not Feedback.objects.exists()
