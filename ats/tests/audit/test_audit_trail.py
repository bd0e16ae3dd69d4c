"""The audit trail on an application's page (GET /workspace/applications/<pk>/): its
company's recruiters see who did what, when (in their time zone) and from where;
hiring managers and candidates never do; the page costs the same whatever its length."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ats import audit
from ats.services.applications import application_change_stage
from ats.tests import factories

PAGE = "/workspace/applications/{}/"


def page(client, application) -> str:
    response = client.get(PAGE.format(application.pk), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_only_the_companys_recruiters_may_see_the_trail(people, application, settings):
    for see_all in (True, False):
        settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
        allowed = {
            name for name, user in people.items() if user.has_perm("ats.view_application_audit_trail", application)
        }
        assert allowed == {"recruiter"}


@pytest.mark.django_db
def test_a_recruiter_sees_who_did_what_when_and_from_where(client, recruiter, hiring_manager, application):
    recruiter.time_zone = "Asia/Tokyo"
    recruiter.save(update_fields=["time_zone"])
    application_change_stage(application=application, to_stage="Screening", actor=hiring_manager)
    at = datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("UTC"))
    LogEntry.objects.filter(additional_data__event="moved").update(timestamp=at, remote_addr="198.51.100.4")
    client.force_login(recruiter)

    html = page(client, application)

    assert '<h2 id="audit-trail">Audit trail</h2>' in html
    assert "Moved Applied → Screening" in html
    assert hiring_manager.display_name in html
    # 23:30 UTC is 08:30 the next day in Tokyo.
    assert "2 Mar 2026, 08:30" in html
    assert "198.51.100.4" in html
    # Their own visit is the newest line.
    assert html.index("Viewed the application") < html.index("Moved Applied")
    assert "203.0.113.9" in html


@pytest.mark.django_db
def test_the_trail_words_rejections_candidates_removed_accounts_and_the_system(
    client, recruiter, candidate, application
):
    other = factories.RecruiterFactory(company=recruiter.company)
    audit.record(audit.Event.VIEWED, application, actor=other)
    audit.forget_actor(other)
    other.delete()
    application_change_stage(application=application, to_stage="Rejected", actor=recruiter, reason="not_qualified")
    audit.record(audit.Event.RESUME_DOWNLOADED, application, actor=candidate)
    audit.record(audit.Event.ERASED, application, actor=None, why="retention")
    client.force_login(recruiter)

    html = page(client, application)

    assert "Rejected (was Applied) · reason: Not qualified" in html
    assert "A removed account" in html
    assert "The candidate" in html
    assert "The system" in html
    assert candidate.display_name not in html.split('id="audit-trail"')[1].split("Downloaded the resume")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hiring_manager", "other_hiring_manager"])
def test_hiring_managers_never_see_the_trail(client, request, recruiter, application, who):
    audit.record(audit.Event.VIEWED, application, actor=recruiter)
    client.force_login(request.getfixturevalue(who))
    html = page(client, application)
    assert "Audit trail" not in html
    assert "Viewed the application" not in html
    assert "203.0.113.9" not in html


@pytest.mark.django_db
def test_the_candidate_never_sees_the_trail(client, candidate, recruiter, application):
    audit.record(audit.Event.VIEWED, application, actor=recruiter)
    client.force_login(candidate)
    assert client.get(PAGE.format(application.pk)).status_code == 403
    html = client.get("/applications/").content.decode()
    assert "Audit trail" not in html and "Viewed the application" not in html


@pytest.mark.django_db
def test_the_trail_costs_the_same_queries_whatever_its_length(client, recruiter, hiring_manager, application):
    client.force_login(recruiter)
    page(client, application)  # the first visit records a view: count the next ones

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page(client, application)
        return len(captured)

    short = queries()
    people = [factories.HiringManagerFactory(company=recruiter.company) for _ in range(10)]
    for person in people:
        audit.record(audit.Event.VIEWED, application, actor=person)
        audit.record(audit.Event.RESUME_DOWNLOADED, application, actor=person)
    long = queries()
    assert long == short
    html = page(client, application)
    assert all(person.display_name in html for person in people)


@pytest.mark.django_db
def test_a_long_trail_shows_the_newest_and_counts_the_rest(client, recruiter, application, monkeypatch):
    monkeypatch.setattr("ats.selectors.audit.TRAIL_LENGTH", 3)
    for _ in range(4):
        audit.record(audit.Event.RESUME_DOWNLOADED, application, actor=recruiter)
    client.force_login(recruiter)
    html = page(client, application)
    # Four downloads and this visit: the newest three shown.
    assert html.count("Downloaded the resume") == 2
    assert "And 2 earlier entries; operators see them all in the admin." in html
