"""Withdrawing an application (/applications/<pk>/withdraw/): a confirmation page, then a POST."""

import pytest

from ats.models import OutboxEmail
from ats.services.applications import application_change_stage, application_withdraw
from ats.workflow import Stage


@pytest.mark.django_db
def test_my_applications_offers_withdraw_for_a_live_application(client, candidate, application):
    client.force_login(candidate)
    page = client.get("/applications/").content.decode()
    assert f'href="/applications/{application.pk}/withdraw/"' in page
    assert "Withdraw…" in page


@pytest.mark.django_db
def test_the_confirmation_page_asks_before_anything_changes(client, candidate, application):
    client.force_login(candidate)
    response = client.get(f"/applications/{application.pk}/withdraw/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Withdraw your application?" in html
    assert f'<form method="post" action="/applications/{application.pk}/withdraw/"' in html
    assert "Withdraw my application" in html
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_confirming_withdraws_and_the_candidate_sees_withdrawn(client, candidate, application):
    client.force_login(candidate)
    response = client.post(f"/applications/{application.pk}/withdraw/", follow=True)
    assert response.redirect_chain == [(f"/applications/#application-{application.pk}", 302)]
    html = response.content.decode()
    assert "You&#x27;ve withdrawn your application" in html
    assert '<span class="badge badge--Rejected">Withdrawn</span>' in html
    assert "<strong>Withdrawn</strong>" in html
    assert "Not selected" not in html
    assert f'href="/applications/{application.pk}/withdraw/"' not in html
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    assert application.history.last().reason.code == "withdrawn"
    assert OutboxEmail.objects.filter(to=candidate.email, dedupe_key__startswith="application_withdrawn:").exists()


@pytest.mark.django_db
def test_the_team_sees_withdrawn_by_the_candidate(client, candidate, recruiter, application):
    application_withdraw(application=application, candidate=candidate)
    client.force_login(recruiter)
    detail = client.get(f"/workspace/applications/{application.pk}/").content.decode()
    assert "Withdrawn by the candidate" in detail
    board = client.get(f"/workspace/jobs/{application.job_id}/board/").content.decode()
    assert '<p class="board-card__withdrawn">Withdrawn by the candidate</p>' in board


@pytest.mark.django_db
def test_a_team_rejection_is_not_shown_as_withdrawn_on_the_board(client, recruiter, application):
    application_change_stage(application=application, to_stage="Rejected", actor=recruiter, reason="other")
    client.force_login(recruiter)
    board = client.get(f"/workspace/jobs/{application.job_id}/board/").content.decode()
    assert "Withdrawn by the candidate" not in board


@pytest.mark.django_db
def test_a_final_application_cannot_be_withdrawn(client, candidate, recruiter, application):
    application_change_stage(application=application, to_stage="Rejected", actor=recruiter, reason="other")
    client.force_login(candidate)

    page = client.get("/applications/").content.decode()
    assert f'href="/applications/{application.pk}/withdraw/"' not in page
    assert client.get(f"/applications/{application.pk}/withdraw/").status_code == 302

    response = client.post(f"/applications/{application.pk}/withdraw/", follow=True)
    assert "already closed, so there is nothing to withdraw" in response.content.decode()
    assert not application.history.filter(reason__code="withdrawn").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("other_candidate", 404), ("recruiter", 403), ("hiring_manager", 403)])
def test_only_the_candidate_may_withdraw(client, request, application, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/applications/{application.pk}/withdraw/").status_code == status
    assert client.post(f"/applications/{application.pk}/withdraw/").status_code == status
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_another_company_does_not_see_the_application(client, outsider_recruiter, application):
    client.force_login(outsider_recruiter)
    assert client.post(f"/applications/{application.pk}/withdraw/").status_code == 404


@pytest.mark.django_db
def test_a_team_rejection_reads_not_selected_without_the_reason_or_note(client, candidate, recruiter, application):
    application_change_stage(
        application=application, to_stage="Rejected", actor=recruiter, reason="not_qualified", note="Weak SQL"
    )
    client.force_login(candidate)
    html = client.get("/applications/").content.decode()
    assert '<span class="badge badge--Rejected">Not selected</span>' in html
    assert "Withdrawn" not in html
    assert "Not qualified" not in html and "Weak SQL" not in html
