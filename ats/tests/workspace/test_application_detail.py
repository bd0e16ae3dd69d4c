"""An application's page for the hiring team: facts, resume, history, moves and
rejection, notes and feedback."""

import re

import pytest

from ats.models import ApplicationNote, Feedback
from ats.tests import factories
from ats.workflow import Stage


def detail_url(application) -> str:
    return f"/workspace/applications/{application.pk}/"


@pytest.fixture
def application_with_resume(job, candidate):
    from ats import services

    return services.application_create(
        candidate=candidate, job=job, resume=factories.pdf_upload(), cover_letter="I build databases."
    )


@pytest.mark.django_db
def test_it_shows_the_application_to_its_team(client, recruiter, application_with_resume):
    client.force_login(recruiter)
    response = client.get(detail_url(application_with_resume))
    html = response.content.decode()
    assert response.status_code == 200
    assert application_with_resume.candidate.display_name in html
    assert "Backend Engineer" in html
    assert f'href="/applications/{application_with_resume.pk}/resume/"' in html
    assert "I build databases." in html
    assert '<ol class="timeline">' in html and "Applied</strong>" in html
    assert 'value="Screening"' in html
    assert "Reason" in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider_recruiter", "outsider_hiring_manager", "other_candidate"])
def test_others_get_404_for_the_team_page(client, request, application, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(detail_url(application)).status_code == 404


@pytest.mark.django_db
def test_the_candidate_gets_403_for_the_team_page_of_their_own_application(client, candidate, application):
    client.force_login(candidate)
    assert client.get(detail_url(application)).status_code == 403


@pytest.mark.django_db
def test_an_unassigned_manager_gets_404_when_managers_see_assigned_only(
    client, other_hiring_manager, application, settings
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    client.force_login(other_hiring_manager)
    # As for the resume and the API: outside what they may see, as if it did not exist.
    assert client.get(detail_url(application)).status_code == 404
    assert client.get(f"/applications/{application.pk}/resume/").status_code == 404


@pytest.mark.django_db
def test_an_unassigned_manager_reads_but_cannot_move(client, other_hiring_manager, application):
    client.force_login(other_hiring_manager)
    html = client.get(detail_url(application)).content.decode()
    assert "Move to Screening" not in html
    assert f"/workspace/applications/{application.pk}/reject/" not in html


@pytest.mark.django_db
def test_it_moves_from_the_page_and_comes_back_to_it(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(
        f"/workspace/applications/{application.pk}/move/",
        {"from_stage": "Applied", "to_stage": "Screening", "next": "detail"},
    )
    assert response.url == detail_url(application)
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    assert "Applied → Screening" in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_it_rejects_with_the_reason_as_the_history_note(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(
        f"/workspace/applications/{application.pk}/reject/", {"from_stage": "Applied", "reason": "No Go experience."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    row = application.history.last()
    assert (row.to_stage, row.note, row.changed_by) == ("Rejected", "No Go experience.", recruiter)
    assert "No Go experience." in client.get(detail_url(application)).content.decode()


@pytest.mark.django_db
def test_the_reason_field_is_the_target_of_the_boards_reject_link(client, recruiter, application):
    client.force_login(recruiter)
    html = client.get(detail_url(application)).content.decode()
    assert '<label for="reject">Reason</label>' in html
    assert re.search(r'<textarea [^>]*id="reject"', html)


@pytest.mark.django_db
def test_a_rejection_without_reason_is_refused(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(
        f"/workspace/applications/{application.pk}/reject/", {"from_stage": "Applied", "reason": " "}
    )
    assert response.status_code == 422
    assert "Give a reason for the rejection." in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_an_unassigned_manager_cannot_reject(client, other_hiring_manager, application):
    client.force_login(other_hiring_manager)
    response = client.post(f"/workspace/applications/{application.pk}/reject/", {"reason": "No."})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_it_adds_a_note_with_author_and_time(client, hiring_manager, application):
    client.force_login(hiring_manager)
    response = client.post(f"/workspace/applications/{application.pk}/notes/", {"body": "Strong on SQL."})
    assert response.url == detail_url(application) + "#notes"
    note = ApplicationNote.objects.get()
    assert (note.author, note.body) == (hiring_manager, "Strong on SQL.")
    html = client.get(detail_url(application)).content.decode()
    assert "Strong on SQL." in html and hiring_manager.display_name in html


@pytest.mark.django_db
def test_an_empty_note_is_refused(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(f"/workspace/applications/{application.pk}/notes/", {"body": "  "})
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert not ApplicationNote.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("outsider_recruiter", 404), ("candidate", 403)])
def test_others_cannot_add_notes(client, request, application, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.post(f"/workspace/applications/{application.pk}/notes/", {"body": "x"}).status_code == status
    assert not ApplicationNote.objects.exists()


@pytest.mark.django_db
def test_it_saves_feedback_and_shows_the_average(client, recruiter, hiring_manager, application):
    Feedback.objects.create(application=application, reviewer=recruiter, rating=2, comment="Unsure.")
    client.force_login(hiring_manager)
    response = client.post(f"/workspace/applications/{application.pk}/feedback/", {"rating": "5", "comment": "Great."})
    assert response.url == detail_url(application) + "#feedback"
    html = client.get(detail_url(application)).content.decode()
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
