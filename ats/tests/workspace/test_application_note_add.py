"""The team's notes on an application (POST /workspace/applications/<pk>/notes/)."""

import pytest

from ats.models import ApplicationNote


@pytest.mark.django_db
def test_it_adds_a_note_with_author_and_time(client, hiring_manager, application):
    client.force_login(hiring_manager)
    response = client.post(f"/workspace/applications/{application.pk}/notes/", {"body": "Strong on SQL."})
    assert response.url == f"/workspace/applications/{application.pk}/" + "#notes"
    note = ApplicationNote.objects.get()
    assert (note.author, note.body) == (hiring_manager, "Strong on SQL.")
    html = client.get(f"/workspace/applications/{application.pk}/").content.decode()
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
