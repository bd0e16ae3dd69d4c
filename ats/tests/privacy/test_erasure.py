"""Deleting a candidate's account erases them (domain.md, Privacy): a scan of every column of
every table finds neither their name nor their email, no file of theirs remains, and the
statistics count their applications as before."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from ats import outbox
from ats.models import (
    DELETED_CANDIDATE,
    Application,
    ApplicationHistory,
    ApplicationNote,
    DataExport,
    Interview,
    OutboxEmail,
    Scorecard,
    ScorecardRating,
    User,
)
from ats.selectors.analytics import AnalyticsScope, Period, analytics_report
from ats.services import applications as application_services
from ats.services import interviews as interview_services
from ats.services.erasure import AccountDeletionRefused, account_delete
from ats.services.privacy import data_export_build, data_export_request
from ats.services.team import invitation_accept, invitation_create
from ats.tests import factories
from ats.workflow import Stage

FIRST, LAST = "Zanthippe", "Quillfeather"
EMAIL = "zq.unique7731@example.org"
SECOND_EMAIL = "zanthippe.second@example.org"
PASSWORD = "pw-for-tests-1234"


def scan(*needles: str) -> list[tuple[str, str]]:
    """(table, column) of every value in the database that contains one of `needles`
    (case-insensitive): every column of every table, text or not, bytes decoded."""
    wanted = [needle.lower() for needle in needles]
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    if isinstance(value, bytes | memoryview):
                        text = bytes(value).decode("utf-8", "ignore")
                    else:
                        text = str(value)
                    if any(needle in text.lower() for needle in wanted):
                        found.append((table, column))
    return found


@pytest.fixture
def person(db, client):
    """A candidate known everywhere: two applications (one with a resume, one moved to
    Interview and rejected), the team's notes, scorecards, history notes and interviews
    naming them, emails sent and pending, a second address, sessions and an API token."""
    user = factories.CandidateFactory(username="zq7731", first_name=FIRST, last_name=LAST, email=EMAIL)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email=SECOND_EMAIL, verified=False, primary=False)
    client.force_login(user)
    RefreshToken.for_user(user)
    return user


@pytest.fixture
def story(person, acme, recruiter, hiring_manager, job, django_capture_on_commit_callbacks):
    other_job = factories.JobFactory(company=acme, title="Data Engineer")
    with django_capture_on_commit_callbacks(execute=True):
        first = application_services.application_create(
            candidate=person,
            job=job,
            resume=factories.pdf_upload(f"{FIRST}-{LAST}-cv.pdf"),
            cover_letter=f"I am {FIRST} {LAST}, write to {EMAIL}.",
        )
        second = application_services.application_create(candidate=person, job=other_job, cover_letter=f"{FIRST} again")
    # The emails of applying are sent; those that follow stay pending.
    for email_id in OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING).values_list("pk", flat=True):
        outbox.email_send(email_id=email_id)
    application_services.application_note_add(application=first, author=recruiter, body=f"Called {FIRST} {LAST}.")
    application_services.application_change_stage(
        application=first, to_stage=Stage.SCREENING, actor=recruiter, note=f"{LAST} looks good"
    )
    application_services.application_change_stage(
        application=first, to_stage=Stage.INTERVIEW, actor=recruiter, note=f"Interview {FIRST}"
    )
    interview_services.scorecard_criteria_ensure_defaults(job=job)
    past = factories.scheduled_interview(
        first, hiring_manager, starts_in=timedelta(days=-1), title=f"Chat with {FIRST} {LAST}"
    )
    past.video_link = f"https://meet.example.com/{LAST.lower()}"
    past.save(update_fields=["video_link"])
    criteria = list(job.scorecard_criteria.all())
    interview_services.scorecard_submit(
        interview=past,
        author=hiring_manager,
        recommendation=3,
        notes=f"{FIRST} was great",
        ratings={criterion.pk: 3 for criterion in criteria},
        rating_notes={criteria[0].pk: f"{LAST} explained well"},
    )
    interview_services.scorecard_submit(
        application=second, author=recruiter, recommendation=2, notes=f"General review of {LAST}"
    )
    interview_services.interview_schedule(
        application=first,
        organizer=recruiter,
        starts_at=timezone.now() + timedelta(days=3),
        duration=45,
        interviewers=[hiring_manager],
        title=f"Final round with {FIRST}",
    )
    reason = acme.rejection_reasons.exclude(code="withdrawn").first()
    application_services.application_change_stage(
        application=second, to_stage=Stage.REJECTED, actor=recruiter, reason=reason.code, note=f"Sorry {FIRST}"
    )
    # They downloaded their data once: the zip is still there.
    data_export_build(export_id=data_export_request(user=person).pk)
    export_file = DataExport.objects.get(user=person).file.name
    return {"first": first, "second": second, "resume": first.resume.name, "job": job, "export": export_file}


def report(company_id: int):
    today = timezone.localdate()
    tables = analytics_report(
        period=Period(start=today - timedelta(days=30), end=today), scope=AnalyticsScope(company_id)
    )
    return {key: table.rows for key, table in tables.tables.items()}


def delete(user, django_capture_on_commit_callbacks, password=PASSWORD):
    with django_capture_on_commit_callbacks(execute=True):
        deleted = account_delete(user=user, password=password)
    # The worker's side: whatever is still waiting goes out (the confirmation among it).
    for email_id in OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING).values_list("pk", flat=True):
        outbox.email_send(email_id=email_id)
    return deleted


def test_the_story_names_the_candidate_everywhere_before(story):
    tables = {table for table, _ in scan(FIRST, LAST, EMAIL)}
    assert {"ats_user", "ats_application", "ats_applicationnote", "ats_scorecard", "ats_outboxemail"} <= tables
    assert {"ats_applicationhistory", "ats_interview", "ats_scorecardrating", "account_emailaddress"} <= tables
    assert OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING, to=EMAIL).exists()
    assert default_storage.exists(story["resume"])
    assert default_storage.exists(story["export"])


def test_deleting_a_candidate_leaves_no_trace_of_them(story, person, mailoutbox, django_capture_on_commit_callbacks):
    assert delete(person, django_capture_on_commit_callbacks) is True

    assert scan(FIRST, LAST, EMAIL, SECOND_EMAIL, "zq7731") == []
    assert not default_storage.exists(story["resume"])
    assert not default_storage.exists(story["export"])
    assert not DataExport.objects.exists()
    assert not User.objects.filter(pk=person.pk).exists()


def test_erasing_leaves_the_figures_as_they_were(story, person, acme, django_capture_on_commit_callbacks):
    # Deleting the account withdraws what is still open (a row of its own, counted as a
    # withdrawal); the erasure itself then changes no figure.
    with django_capture_on_commit_callbacks(execute=True):
        application_services.application_withdraw(application=story["first"], candidate=person)
    before = report(acme.pk)

    delete(person, django_capture_on_commit_callbacks)

    assert report(acme.pk) == before


def test_open_applications_are_withdrawn_and_their_interviews_cancelled(
    story, person, hiring_manager, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()

    delete(person, django_capture_on_commit_callbacks)

    first = Application.objects.get(pk=story["first"].pk)
    assert first.stage == Stage.REJECTED
    assert first.history.last().reason.code == "withdrawn"
    upcoming = Interview.objects.filter(
        application=first, status=Interview.Status.SCHEDULED, ends_at__gt=timezone.now()
    )
    assert not upcoming.exists()
    # The interviewer hears of the cancellation; the message is blanked once it went out.
    assert any(hiring_manager.email in message.to and "cancelled" in message.subject for message in mailoutbox)
    assert not OutboxEmail.objects.filter(
        to=hiring_manager.email, dedupe_key__startswith="interview:cancelled"
    ).exists()


def test_their_applications_stay_for_statistics(story, person, django_capture_on_commit_callbacks):
    history_before = list(
        ApplicationHistory.objects.order_by("pk").values_list(
            "application_id", "from_stage", "to_stage", "changed_at", "reason_id"
        )
    )
    ratings_before = list(ScorecardRating.objects.order_by("pk").values_list("rating", flat=True))

    delete(person, django_capture_on_commit_callbacks)

    first = Application.objects.get(pk=story["first"].pk)
    assert first.candidate is None and first.candidate_erased_at is not None
    assert first.candidate_name == DELETED_CANDIDATE
    assert not first.resume and first.cover_letter == ""
    assert Application.objects.get(pk=story["second"].pk).stage == Stage.REJECTED
    history_after = list(
        ApplicationHistory.objects.order_by("pk").values_list(
            "application_id", "from_stage", "to_stage", "changed_at", "reason_id"
        )
    )
    # Every row kept as it was, and the withdrawal of the open application after them.
    assert history_after[: len(history_before)] == history_before
    assert [row[2] for row in history_after[len(history_before) :]] == [Stage.REJECTED]
    assert not ApplicationHistory.objects.exclude(note="").exists()
    assert list(ScorecardRating.objects.order_by("pk").values_list("rating", flat=True)) == ratings_before
    assert Scorecard.objects.filter(recommendation=3).exists()
    assert ApplicationNote.objects.count() == 1


def test_deleting_ends_sessions_tokens_and_pending_emails_and_says_goodbye(
    story, person, mailoutbox, django_capture_on_commit_callbacks
):
    assert Session.objects.exists()
    pending_to_them = OutboxEmail.objects.filter(to=EMAIL, status=OutboxEmail.Status.PENDING).count()
    assert pending_to_them
    mailoutbox.clear()
    person_id = person.pk

    delete(person, django_capture_on_commit_callbacks)

    assert not Session.objects.exists()
    assert OutstandingToken.objects.count() == BlacklistedToken.objects.count() >= 1
    assert not EmailAddress.objects.filter(email__in=[EMAIL, SECOND_EMAIL]).exists()
    to_them = [message for message in mailoutbox if EMAIL in message.to]
    assert [message.subject for message in to_them] == ["Your account is deleted"]
    goodbye = OutboxEmail.objects.get(dedupe_key=f"account_deleted:{person_id}")
    assert goodbye.status == OutboxEmail.Status.SENT
    assert (goodbye.to, goodbye.subject, goodbye.text_body, goodbye.html_body) == ("", "", "", "")


def test_deleting_twice_is_harmless(story, person, django_capture_on_commit_callbacks):
    delete(person, django_capture_on_commit_callbacks)
    rows = OutboxEmail.objects.count()

    assert delete(person, django_capture_on_commit_callbacks) is False

    assert OutboxEmail.objects.count() == rows
    assert scan(FIRST, LAST, EMAIL) == []


def test_a_wrong_password_changes_nothing(story, person, django_capture_on_commit_callbacks):
    before = scan(FIRST, LAST, EMAIL)

    with pytest.raises(AccountDeletionRefused, match="not your password"):
        delete(person, django_capture_on_commit_callbacks, password="not-it")

    assert scan(FIRST, LAST, EMAIL) == before
    assert Session.objects.exists() and not BlacklistedToken.objects.exists()
    assert default_storage.exists(story["resume"])


def test_a_team_member_is_anonymised_and_their_notes_stay(
    story, person, acme, recruiter, django_capture_on_commit_callbacks
):
    factories.RecruiterFactory(company=acme)
    name = recruiter.last_name
    data_export_build(export_id=data_export_request(user=recruiter).pk)
    export_file = DataExport.objects.get(user=recruiter).file.name

    assert delete(recruiter, django_capture_on_commit_callbacks) is True

    assert not DataExport.objects.filter(user=recruiter).exists()
    assert not default_storage.exists(export_file)

    recruiter.refresh_from_db()
    assert not recruiter.is_active and recruiter.erased_at is not None and not recruiter.has_usable_password()
    assert recruiter.display_name == "Former team member"
    # Sent calendar files to others still name the organiser: those emails are the recipients' own.
    assert {table for table, _ in scan(name, "rita@example.com")} <= {"ats_outboxattachment"}
    assert not EmailAddress.objects.filter(user=recruiter).exists()
    note = ApplicationNote.objects.get()
    assert note.author == recruiter and FIRST in note.body


def test_an_invited_hiring_manager_leaves_no_address_behind(acme, recruiter, job, django_capture_on_commit_callbacks):

    _, token = invitation_create(
        company=acme, invited_by=recruiter, email="hm.unique4412@example.org", role="hiring_manager"
    )
    manager = invitation_accept(
        token=token, username="hm4412", password=PASSWORD, first_name="Hortensia", last_name="Mbeki4412"
    )
    job.hiring_managers.add(manager)

    delete(manager, django_capture_on_commit_callbacks)

    assert scan("hm.unique4412", "Mbeki4412", "hm4412") == []
    assert not job.hiring_managers.filter(pk=manager.pk).exists()


def test_the_last_active_recruiter_cannot_leave(recruiter, django_capture_on_commit_callbacks):
    with pytest.raises(AccountDeletionRefused, match="last active recruiter"):
        delete(recruiter, django_capture_on_commit_callbacks)
    recruiter.refresh_from_db()
    assert recruiter.is_active and recruiter.erased_at is None


def test_an_operator_is_refused(superuser, django_capture_on_commit_callbacks):
    with pytest.raises(AccountDeletionRefused, match="operator"):
        delete(superuser, django_capture_on_commit_callbacks, password="pw-for-tests-1234")
    assert User.objects.filter(pk=superuser.pk).exists()
