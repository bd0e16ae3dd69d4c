"""Every page of every role, at a laptop's 1280 x 800 and a phone's 390 x 844: nothing
overflows sideways (the page is no wider than the window), axe-core finds no
serious or critical violation, and the browser reports no Content Security Policy
violation (conftest's `page`). One test per role and size walks that role's pages."""

import datetime
import uuid
from datetime import UTC, timedelta

import pytest
from auditlog.models import LogEntry
from django.utils import timezone
from playwright.sync_api import expect

from ats import audit
from ats.models import DataExport, Interview, Invitation, Tag
from ats.services.applications import application_change_stage, application_note_add
from ats.services.bulk import bulk_action_run, bulk_action_start
from ats.services.erasure import application_erase
from ats.services.interviews import (
    interview_schedule,
    interview_slots_offer,
    scorecard_criteria_set,
    scorecard_submit,
)
from ats.services.privacy import data_export_build, data_export_request
from ats.services.team import invitation_create
from ats.tests import factories
from ats.workflow import Stage

SIZES = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def world(db):
    """A company with a job in every column, a draft, a hiring manager, a candidate with
    an upcoming interview and times offered for another, an invitation, and another
    application's interviews (to come, offered times, one that took place with one of its
    two scorecards in)."""
    acme = factories.CompanyFactory(name="Acme Robotics International")
    recruiter = factories.RecruiterFactory(company=acme, first_name="Rita", last_name="Reyes")
    manager = factories.HiringManagerFactory(company=acme, first_name="Max", last_name="Moreau")
    job = factories.JobFactory(company=acme, title="Senior Backend Engineer (Python, PostgreSQL)")
    job.hiring_managers.add(manager)
    draft = factories.JobFactory(company=acme, title="Data Engineer", status="draft")
    candidate = factories.CandidateFactory(first_name="Casey", last_name="Morgan-Fitzgerald")
    application = factories.ApplicationFactory(job=job, candidate=candidate, cover_letter="Hello!\n\nI build things.")
    screening = factories.ApplicationFactory(
        job=job, stage=Stage.SCREENING, candidate__first_name="Sam", candidate__last_name="Patel-Okonkwo"
    )
    for stage in Stage:
        factories.ApplicationFactory(job=job, stage=stage)
    soon = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=2)
    interview = interview_schedule(
        application=screening,
        organizer=recruiter,
        starts_at=soon,
        duration=45,
        interviewers=[recruiter, manager],
        title="Technical interview with the platform team",
        location="Room 4, second floor, Acme Robotics International headquarters",
        video_link="https://meet.example.com/a-rather-long-meeting-identifier-abc-defg-hij",
    )
    interview_slots_offer(
        application=screening,
        organizer=recruiter,
        slots=[soon + datetime.timedelta(days=1), soon + datetime.timedelta(days=2)],
        duration=30,
        interviewers=[manager],
        title="Meet the team",
    )
    took_place = interview_schedule(
        application=screening,
        organizer=recruiter,
        starts_at=soon - datetime.timedelta(hours=3),
        duration=30,
        interviewers=[recruiter, manager],
        title="First call",
    )
    # Services book only times to come: an interview that took place is one moved back afterwards.
    ago = timezone.now() - datetime.timedelta(days=2)
    Interview.objects.filter(pk=took_place.pk).update(starts_at=ago, ends_at=ago + datetime.timedelta(minutes=30))
    # The recruiter's scorecard is in, the hiring manager's is due.
    criteria = scorecard_criteria_set(job=job, names=["Python and PostgreSQL in production", "Communication"])
    took_place.refresh_from_db()
    scorecard_submit(
        interview=took_place,
        author=recruiter,
        recommendation=4,
        notes="Clear thinker.",
        ratings={criteria[0].pk: 4, criteria[1].pk: 3},
        rating_notes={criteria[0].pk: "Wrote a clean, tested solution to the rate-limiter exercise."},
    )
    application_note_add(application=application, author=recruiter, body="Strong on SQL.")
    application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
    day = (timezone.now() + timedelta(days=3)).astimezone(UTC).replace(hour=14, minute=0, second=0, microsecond=0)
    interview_schedule(
        application=application,
        organizer=recruiter,
        starts_at=day,
        duration=45,
        interviewers=[manager, recruiter],
        title="Technical interview with the platform team",
        location="Acme Robotics International, Unter den Linden 77, 10117 Berlin, 3rd floor",
        video_link="https://meet.example.com/a-rather-long-meeting-code-that-has-to-wrap-somewhere",
    )
    interview_slots_offer(
        application=application,
        organizer=recruiter,
        slots=[day + timedelta(days=1), day + timedelta(days=2), day + timedelta(days=2, hours=3)],
        duration=60,
        interviewers=[manager],
        title="Meet the founders",
    )
    # Tags with long names on the board's cards, in its filter and menus, and on the application page.
    for name in ("Top 5", "Strong portfolio and open-source work", "Relocating from abroad in spring"):
        tag = Tag.objects.create(company=acme, name=name)
        application.tags.add(tag)
        screening.tags.add(tag)
    _, token = invitation_create(
        company=acme, invited_by=recruiter, email="newcomer@example.com", role=Invitation.TEAM_ROLES[0]
    )
    operator = factories.CandidateFactory(username="operator", is_staff=True, is_superuser=True)
    # A bulk rejection by the hiring manager, one row refused (the result names it).
    rejected = factories.ApplicationFactory(
        job=job, candidate__first_name="Robin", candidate__last_name="Silva-Nakamura"
    )
    hired = factories.ApplicationFactory(job=job, stage=Stage.HIRED)
    bulk = bulk_action_start(
        actor=manager,
        kind="reject",
        application_ids=[rejected.pk, hired.pk],
        token=uuid.uuid4(),
        reason="position_filled",
        note="The role is filled.",
    )
    bulk_action_run(bulk_action_id=bulk.pk)
    # The profile's "Your data" shows the candidate's export ready to download, the recruiter's being built.
    data_export_build(export_id=data_export_request(user=candidate).pk)
    DataExport.objects.create(user=recruiter, status="building", progress=45)
    # A finished application whose candidate's personal data is erased ("Deleted candidate").
    erased = factories.ApplicationFactory(job=job, stage=Stage.REJECTED)
    application_erase(application=erased, why="retention")
    # The application page's audit trail, with a long name and a full IPv6 address to wrap.
    audit.record(audit.Event.RESUME_DOWNLOADED, application, actor=manager)
    LogEntry.objects.filter(actor=manager).update(remote_addr="2001:db8:85a3:1234:5678:8a2e:370:7334")
    return {
        "recruiter": recruiter,
        "manager": manager,
        "candidate": candidate,
        "operator": operator,
        "job": job,
        "draft": draft,
        "application": application,
        "screening": screening,
        "interview": interview,
        "took_place": took_place,
        "token": token,
        "bulk": bulk,
        "erased": erased,
    }


def pages_of(role: str, world: dict) -> list[str]:
    job, application = world["job"].pk, world["application"].pk
    screening, interview = world["screening"].pk, world["interview"].pk
    scorecard = f"/workspace/interviews/{world['took_place'].pk}/scorecard/"
    # The two-factor setup first asks for the password again (its "Confirm it's you" page).
    accounts = [
        "/accounts/profile/",
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/profile/delete/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/2fa/webauthn/",
    ]
    bulk = f"/workspace/bulk/{world['bulk'].pk}/"
    return {
        "anonymous": [
            "/",
            f"/jobs/{job}/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            "/hiring/signup/",
            f"/invitations/{world['token']}/",
            "/privacy/",
            "/accounts/deleted/",
        ],
        "candidate": ["/", f"/jobs/{job}/", "/applications/", f"/applications/{application}/withdraw/", *accounts],
        "recruiter": [
            "/workspace/",
            "/workspace/jobs/new/",
            f"/workspace/jobs/{job}/",
            f"/workspace/jobs/{world['draft'].pk}/",
            f"/workspace/jobs/{job}/board/",
            f"/workspace/applications/{application}/",
            f"/workspace/applications/{screening}/",
            f"/workspace/applications/{screening}/interviews/new/",
            f"/workspace/applications/{screening}/interviews/offer/",
            f"/workspace/interviews/{interview}/reschedule/",
            f"/workspace/interviews/{interview}/cancel/",
            "/workspace/interviews/",
            f"/workspace/jobs/{job}/criteria/",
            scorecard,
            "/workspace/team/",
            "/workspace/reasons/",
            "/workspace/retention/",
            f"/workspace/applications/{world['erased'].pk}/",
            "/workspace/candidates/",
            "/workspace/candidates/?q=things&sort=name",
            f"/workspace/candidates/{world['candidate'].pk}/",
            bulk,
            "/workspace/tags/",
            "/workspace/analytics/",
            f"/workspace/jobs/{job}/analytics/",
            f"/jobs/{job}/",
            *accounts,
        ],
        "hiring_manager": [
            "/workspace/",
            "/workspace/assigned/",
            f"/workspace/jobs/{job}/board/",
            f"/workspace/applications/{application}/",
            f"/workspace/applications/{screening}/",
            f"/workspace/applications/{screening}/interviews/new/",
            "/workspace/interviews/",
            scorecard,
            "/workspace/candidates/",
            f"/workspace/candidates/{world['candidate'].pk}/",
            bulk,
            "/workspace/analytics/",
            f"/workspace/jobs/{job}/analytics/",
            *accounts,
        ],
        "operator": ["/workspace/", "/accounts/profile/", "/"],
    }[role]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("role", ["anonymous", "candidate", "recruiter", "hiring_manager", "operator"])
def test_every_page_fits_the_window_and_is_accessible(page, live_server, log_in, world, assert_accessible, role, size):
    viewport = SIZES[size]
    page.set_viewport_size(viewport)
    base = live_server.url if role == "anonymous" else log_in(world["manager" if role == "hiring_manager" else role])
    for path in pages_of(role, world):
        response = page.goto(base + path)
        assert response is not None and response.status < 500, f"{path}: {response and response.status}"
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{path} is {width} px wide in a {viewport['width']} px window"
        assert_accessible(page)
