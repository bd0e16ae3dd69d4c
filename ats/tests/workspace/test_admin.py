"""The admin pages of the workspace's models."""

import pytest

from ats.models import ApplicationNote, Scorecard
from ats.services.team import invitation_create


@pytest.mark.django_db
def test_operators_browse_invitations_notes_and_scorecards(client, superuser, application, recruiter, acme):
    invitation, token = invitation_create(company=acme, invited_by=recruiter, email="n@example.com", role="recruiter")
    note = ApplicationNote.objects.create(application=application, author=recruiter, body="Keen.")
    scorecard = Scorecard.objects.create(application=application, author=recruiter, recommendation=4)
    client.force_login(superuser)
    for name, obj in (("invitation", invitation), ("applicationnote", note), ("scorecard", scorecard)):
        assert client.get(f"/admin/ats/{name}/").status_code == 200
        page = client.get(f"/admin/ats/{name}/{obj.pk}/change/")
        assert page.status_code == 200
    assert invitation.token_hash not in client.get(f"/admin/ats/invitation/{invitation.pk}/change/").content.decode()
    assert token not in client.get("/admin/ats/invitation/").content.decode()


@pytest.mark.django_db
def test_operators_cannot_add_invitations_bypassing_the_email(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/ats/invitation/add/").status_code == 403


@pytest.mark.django_db
def test_operators_browse_interviews_with_their_offered_times(client, superuser, application, recruiter):
    from datetime import timedelta

    from django.utils import timezone

    from ats.models import Interview, InterviewSlot

    interview = Interview.objects.create(application=application, title="Chat", duration=30, status="offered")
    start = timezone.now() + timedelta(days=2)
    InterviewSlot.objects.create(interview=interview, starts_at=start, ends_at=start + timedelta(minutes=30))
    client.force_login(superuser)
    assert "Chat" in client.get("/admin/ats/interview/").content.decode()
    page = client.get(f"/admin/ats/interview/{interview.pk}/change/").content.decode()
    assert "Interview slots" in page and str(interview.uid) in page


@pytest.mark.django_db
def test_operators_browse_tags_by_company_with_their_applications(client, superuser, application, acme, globex):
    from ats.models import Tag

    top5 = Tag.objects.create(company=acme, name="Top 5")
    Tag.objects.create(company=globex, name="Fast track")
    application.tags.add(top5)
    client.force_login(superuser)
    page = client.get("/admin/ats/tag/", {"company__id__exact": acme.pk}).content.decode()
    assert "Top 5" in page
    assert "Fast track" not in page
    assert '<td class="field-applications_count">1</td>' in page
    assert client.get(f"/admin/ats/tag/{top5.pk}/change/").status_code == 200
    assert client.get("/admin/ats/tag/add/").status_code == 403
