"""An application's page for the hiring team (GET /workspace/applications/<pk>/): facts,
resume, history, and the controls each member of the team may use."""

import re

import pytest

from ats.tests import factories


@pytest.fixture
def application_with_resume(job, candidate):
    from ats.services.applications import application_create

    return application_create(
        candidate=candidate, job=job, resume=factories.pdf_upload(), cover_letter="I build databases."
    )


@pytest.mark.django_db
def test_it_shows_the_application_to_its_team(client, recruiter, application_with_resume):
    client.force_login(recruiter)
    response = client.get(f"/workspace/applications/{application_with_resume.pk}/")
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
    assert client.get(f"/workspace/applications/{application.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_candidate_gets_403_for_the_team_page_of_their_own_application(client, candidate, application):
    client.force_login(candidate)
    assert client.get(f"/workspace/applications/{application.pk}/").status_code == 403


@pytest.mark.django_db
def test_an_unassigned_manager_gets_404_when_managers_see_assigned_only(
    client, other_hiring_manager, application, settings
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    client.force_login(other_hiring_manager)
    # As for the resume and the API: outside what they may see, as if it did not exist.
    assert client.get(f"/workspace/applications/{application.pk}/").status_code == 404
    assert client.get(f"/applications/{application.pk}/resume/").status_code == 404


@pytest.mark.django_db
def test_an_unassigned_manager_reads_but_cannot_move(client, other_hiring_manager, application):
    client.force_login(other_hiring_manager)
    html = client.get(f"/workspace/applications/{application.pk}/").content.decode()
    assert "Move to Screening" not in html
    assert f"/workspace/applications/{application.pk}/reject/" not in html


@pytest.mark.django_db
def test_the_reject_form_sits_behind_its_button_and_is_the_target_of_the_boards_reject_link(
    client, recruiter, application
):
    client.force_login(recruiter)
    html = client.get(f"/workspace/applications/{application.pk}/").content.decode()
    disclosure = html.split('<details class="reject">')[1].split("</details>")[0]
    assert '<fieldset class="field" id="reject" tabindex="-1">' in disclosure
    assert '<summary class="button button--danger">Reject…</summary>' in disclosure
    assert f'action="/workspace/applications/{application.pk}/reject/"' in disclosure
    offered = re.findall(r'<input type="radio" name="reason" value="([a-z_]+)"', disclosure)
    assert offered == [
        "not_qualified",
        "another_candidate_chosen",
        "position_filled",
        "no_response",
        "withdrawn",
        "other",
    ]
    assert re.search(r'<input type="checkbox" name="notify_candidate" [^>]*checked', disclosure)
    assert "Send the candidate the courteous email" in disclosure
    assert '<textarea name="note"' in disclosure
