import contextlib
import io
import re
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import NoReverseMatch
from django.utils import timezone

from ats import workflow
from ats.exceptions import (
    DuplicateApplication,
    InvalidHiringManager,
    InvalidJobStatusChange,
    InvalidNote,
    InvalidReason,
    InvalidTransition,
    JobNotOpen,
    NotACandidate,
    ReasonRequired,
    StaleStage,
    UnknownStage,
    WithdrawalRefused,
)
from ats.models import Application, ApplicationHistory, Job, OutboxEmail
from ats.resumes import InvalidResume
from ats.services.applications import application_change_stage, application_create, application_withdraw
from ats.services.jobs import (
    job_assign_hiring_manager,
    job_close,
    job_create,
    job_open,
    job_unassign_hiring_manager,
    job_update,
)
from ats.services.reasons import rejection_reason_create, rejection_reason_set_active
from ats.tests import factories
from ats.workflow import Stage


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def docx_upload(name: str = "cv.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


# application_create ------------------------------------------------------------


@pytest.mark.django_db
def test_application_create_writes_the_application_and_first_history_row(job, candidate):
    application = application_create(candidate=candidate, job=job, cover_letter="  Hello  ")

    assert application.stage == Stage.APPLIED
    assert application.cover_letter == "Hello"
    row = application.history.get()
    assert (row.from_stage, row.to_stage, row.changed_by) == ("", Stage.APPLIED, candidate)


@pytest.mark.django_db
def test_application_create_stores_a_pdf_resume_under_a_random_name(job, candidate, settings):
    application = application_create(candidate=candidate, job=job, resume=factories.pdf_upload("My CV.pdf"))

    assert application.resume.name.startswith("resumes/") and application.resume.name.endswith(".pdf")
    assert "CV" not in application.resume.name
    assert len(stored_files(settings)) == 1


@pytest.mark.django_db
def test_application_create_accepts_a_docx_resume(job, candidate):
    application = application_create(candidate=candidate, job=job, resume=docx_upload())
    assert application.resume.name.endswith(".docx")


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Job.Status.DRAFT, Job.Status.CLOSED])
def test_application_create_refuses_a_job_that_is_not_open(acme, candidate, status, settings):
    job = factories.JobFactory(company=acme, status=status, title="Closed role")

    with pytest.raises(JobNotOpen, match="not accepting applications"):
        application_create(candidate=candidate, job=job, resume=factories.pdf_upload())

    assert not Application.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_application_create_refuses_a_second_application(application, settings):
    with pytest.raises(DuplicateApplication, match="already applied"):
        application_create(candidate=application.candidate, job=application.job, resume=factories.pdf_upload())

    assert Application.objects.count() == 1
    assert ApplicationHistory.objects.count() == 1
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_application_create_refuses_company_staff(job, recruiter, hiring_manager):
    for user in (recruiter, hiring_manager):
        with pytest.raises(NotACandidate):
            application_create(candidate=user, job=job)
    assert not Application.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"), "PDF or a Word"),
        (SimpleUploadedFile("cv.docx", b"PK\x03\x04 broken zip", content_type="application/pdf"), "PDF or a Word"),
        (SimpleUploadedFile("cv.pdf", b"", content_type="application/pdf"), "empty"),
    ],
    ids=["disguised-executable", "broken-zip", "empty"],
)
def test_application_create_refuses_a_file_that_is_not_a_resume(job, candidate, settings, upload, message):
    with pytest.raises(InvalidResume, match=message):
        application_create(candidate=candidate, job=job, resume=upload)
    assert not Application.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_application_create_refuses_an_oversized_resume(job, candidate, settings):
    settings.ATS_RESUME_MAX_BYTES = 1024
    upload = factories.pdf_upload(content=b"%PDF-" + b"x" * 2048)

    with pytest.raises(InvalidResume, match="the limit is"):
        application_create(candidate=candidate, job=job, resume=upload)
    assert not Application.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_application_create_removes_the_file_when_the_transaction_fails(job, candidate, settings, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ApplicationHistory.objects, "create", fail)

    with pytest.raises(RuntimeError):
        application_create(candidate=candidate, job=job, resume=factories.pdf_upload())
    assert not Application.objects.exists()
    assert stored_files(settings) == []


def outbox_rows() -> set[tuple[str, str, str]]:
    return set(OutboxEmail.objects.values_list("to", "dedupe_key", "status"))


# Real commits: a queued task that runs in a worker (Redis) closes the database
# connection, as the worker does, which a test wrapped in a transaction can't survive.
@pytest.mark.django_db(transaction=True)
def test_application_create_notifies_after_commit(job, candidate, recruiter, task_queue):
    with transaction.atomic():
        application = application_create(candidate=candidate, job=job)
        # Still inside the transaction: both emails are stored with the
        # application, and none has been handed to the queue or the mail server.
        assert outbox_rows() == {
            (candidate.email, f"application_created:{application.pk}:{candidate.pk}", OutboxEmail.Status.PENDING),
            (recruiter.email, f"application_created:{application.pk}:{recruiter.pk}", OutboxEmail.Status.PENDING),
        }
        assert task_queue.huey.pending_count() == 0
        assert mail.outbox == []

    # The commit queued one task per email; the worker (or immediate mode) sent them.
    if not task_queue.huey.immediate:
        assert mail.outbox == []
        assert task_queue.drain() == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted([candidate.email, recruiter.email])
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxEmail.Status.SENT}


@pytest.mark.django_db
def test_a_rolled_back_application_create_stores_and_sends_no_email(
    job, candidate, recruiter, task_queue, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        application_create(candidate=candidate, job=job)
        assert OutboxEmail.objects.count() == 2
        raise RuntimeError("something after the application failed")

    assert callbacks == []
    assert task_queue.drain() == 0
    assert not Application.objects.exists()
    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_application_create_keeps_nothing_when_one_of_its_emails_cannot_be_stored(
    job, candidate, recruiter, settings, tmp_path, django_capture_on_commit_callbacks
):
    # A real failure half-way through the emails: the recruiter's cannot be rendered.
    broken = tmp_path / "templates"
    (broken / "emails").mkdir(parents=True)
    (broken / "emails" / "new_application.txt").write_text('{% url "no-such-page" %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [broken, *settings.TEMPLATES[0]["DIRS"]]}]

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(NoReverseMatch):
        application_create(candidate=candidate, job=job)

    # The emails are written in the application's own transaction: it goes with them.
    assert callbacks == []
    assert not Application.objects.exists()
    assert not ApplicationHistory.objects.exists()
    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


# application_change_stage ------------------------------------------------------


@pytest.mark.django_db
def test_change_stage_moves_and_writes_one_history_row(application, recruiter):
    moved = application_change_stage(
        application=application, to_stage="Screening", from_stage="Applied", actor=recruiter, note=" Looks good "
    )

    assert moved.stage == Stage.SCREENING
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    last = application.history.last()
    assert (last.from_stage, last.to_stage, last.changed_by, last.note) == (
        "Applied",
        "Screening",
        recruiter,
        "Looks good",
    )
    assert application.history.count() == 2


@pytest.mark.django_db
def test_change_stage_walks_the_whole_pipeline_with_a_gapless_history(application, recruiter):
    for stage in ("Screening", "Interview", "Offer", "Hired"):
        application_change_stage(application=application, to_stage=stage, actor=recruiter)

    rows = list(application.history.order_by("changed_at", "id").values_list("from_stage", "to_stage"))
    assert rows == [
        ("", "Applied"),
        ("Applied", "Screening"),
        ("Screening", "Interview"),
        ("Interview", "Offer"),
        ("Offer", "Hired"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        ("Applied", "Offer", "can't move to Offer. From Applied it can go to Screening or Rejected"),
        ("Screening", "Applied", "can't move to Applied"),
        ("Hired", "Rejected", "Hired, which is final"),
        ("Rejected", "Screening", "Rejected, which is final"),
    ],
)
def test_change_stage_refuses_a_move_the_workflow_forbids(job, candidate, recruiter, start, target, message):
    application = factories.ApplicationFactory(job=job, candidate=candidate, stage=start)

    with pytest.raises(InvalidTransition, match=message):
        application_change_stage(application=application, to_stage=target, actor=recruiter)

    application.refresh_from_db()
    assert application.stage == start
    assert application.history.count() == 1


@pytest.mark.django_db
def test_change_stage_to_the_current_stage_changes_nothing(application, recruiter):
    before = application.updated_at
    application_change_stage(application=application, to_stage="Applied", actor=recruiter)

    application.refresh_from_db()
    assert application.updated_at == before
    assert application.history.count() == 1


@pytest.mark.django_db
def test_change_stage_refuses_a_stale_board(application, recruiter):
    application_change_stage(application=application, to_stage="Screening", actor=recruiter)
    stale_copy = Application.objects.get(pk=application.pk)
    stale_copy.stage = Stage.APPLIED

    with pytest.raises(StaleStage, match="now in Screening, not Applied"):
        application_change_stage(application=stale_copy, from_stage="Applied", to_stage="Rejected", actor=recruiter)

    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    assert application.history.count() == 2


@contextlib.contextmanager
def a_teammate_moves_it_right_after_the_read(application, *, to_stage: str):
    """The database changes under the service between its read and its write:
    once the service has read the application's stage, and before its next
    statement (opening its transaction) reaches the database, a teammate's
    move to `to_stage` is written. A real UPDATE on the real row, placed with
    Django's documented query instrumentation (execute_wrapper)."""
    table = Application._meta.db_table
    seen: list[str] = []

    def wrapper(execute, sql, params, many, context):
        if seen == ["read"]:
            seen.append("moved")
            Application.objects.filter(pk=application.pk).update(stage=to_stage)
        elif not seen and sql.startswith(f'SELECT "{table}"."stage" '):
            seen.append("read")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield
    assert seen == ["read", "moved"], "the service did not read the stage, then write"


@pytest.mark.django_db
def test_change_stage_refuses_when_another_move_lands_between_read_and_write(application, recruiter):
    """The conditional update catches a move that commits after the stage was read."""
    with (
        a_teammate_moves_it_right_after_the_read(application, to_stage=Stage.REJECTED),
        pytest.raises(StaleStage, match="Someone else moved this application out of Applied"),
    ):
        application_change_stage(application=application, to_stage="Screening", actor=recruiter)

    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    assert application.history.count() == 1
    assert not OutboxEmail.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["to_stage", "from_stage"])
def test_change_stage_refuses_an_unknown_stage(application, recruiter, field):
    arguments: dict[str, Any] = {"to_stage": "Screening", "from_stage": "Applied", field: "Promoted"}

    with pytest.raises(UnknownStage, match=re.escape("“Promoted” is not a stage. Choose one of: Applied, Screening")):
        application_change_stage(application=application, actor=recruiter, **arguments)
    assert application.history.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_move_leaves_no_trace_and_notifies_nobody(application, recruiter):
    with pytest.raises(RuntimeError), transaction.atomic():
        application_change_stage(application=application, to_stage="Screening", actor=recruiter)
        raise RuntimeError("rolled back")
    assert not OutboxEmail.objects.filter(dedupe_key__startswith="stage_changed:").exists()

    application_change_stage(application=application, to_stage="Screening", actor=recruiter)
    assert OutboxEmail.objects.filter(dedupe_key__startswith="stage_changed:").count() == 1

    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    assert application.history.count() == 2


@pytest.mark.django_db
def test_change_stage_stores_the_candidates_email_with_the_history_row(application, recruiter):
    application_change_stage(application=application, to_stage="Screening", actor=recruiter)

    history = application.history.last()
    email = OutboxEmail.objects.get(dedupe_key=f"stage_changed:{history.pk}:{application.candidate.pk}")
    assert email.to == application.candidate.email


@pytest.mark.django_db
def test_a_refused_move_stores_no_email(application, recruiter):
    before = OutboxEmail.objects.count()
    with pytest.raises(InvalidTransition):
        application_change_stage(application=application, to_stage="Offer", actor=recruiter)

    assert OutboxEmail.objects.count() == before


# Jobs ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_job_create_makes_a_draft(acme):
    job = job_create(company=acme, title=" Designer ", description="Design things.", location="Berlin")
    assert (job.status, job.title, job.company) == (Job.Status.DRAFT, "Designer", acme)


@pytest.mark.django_db
def test_job_create_refuses_an_empty_title(acme):
    with pytest.raises(ValidationError) as error:
        job_create(company=acme, title="  ", description="Something")
    assert "title" in error.value.message_dict
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_job_update_changes_the_editable_fields(job):
    job_update(job=job, title="Staff Engineer", location="Lisbon")
    job.refresh_from_db()
    assert (job.title, job.location) == ("Staff Engineer", "Lisbon")


@pytest.mark.django_db
def test_job_update_leaves_the_job_unchanged_on_bad_input(job):
    with pytest.raises(ValidationError):
        job_update(job=job, title="", employment_type="forever")
    job.refresh_from_db()
    assert job.title == "Backend Engineer"


@pytest.mark.django_db
def test_job_update_refuses_the_company_and_a_draft_status(job, globex):
    with pytest.raises(TypeError, match="company"):
        job_update(job=job, company=globex)  # type: ignore[call-arg]  # the refusal is the point
    with pytest.raises(InvalidJobStatusChange, match="never goes back to draft"):
        job_update(job=job, status="draft")
    job.refresh_from_db()
    assert (job.company.name, job.status) == ("Acme", Job.Status.OPEN)


@pytest.mark.django_db
def test_job_update_edits_and_closes_in_one_go(job):
    job_update(job=job, title="Staff Engineer", status="closed")
    job.refresh_from_db()
    assert (job.title, job.status) == ("Staff Engineer", Job.Status.CLOSED)


@pytest.mark.django_db
def test_job_update_keeps_no_edit_when_its_status_change_is_refused(acme):
    draft = factories.JobFactory(company=acme, status=Job.Status.DRAFT, title="Draft role")

    with pytest.raises(InvalidJobStatusChange):
        job_update(job=draft, title="Renamed", status="closed")

    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Draft role", Job.Status.DRAFT)


@pytest.mark.django_db
def test_job_create_can_publish_at_once(acme):
    job = job_create(company=acme, title="Now", description="Open today.", publish=True)
    assert Job.objects.get(pk=job.pk).status == Job.Status.OPEN


@pytest.mark.django_db
def test_job_open_and_close(acme):
    job = factories.JobFactory(company=acme, status=Job.Status.DRAFT)

    job_open(job=job)
    assert Job.objects.get(pk=job.pk).status == Job.Status.OPEN
    job_close(job=job)
    assert Job.objects.get(pk=job.pk).status == Job.Status.CLOSED
    job_open(job=job)
    assert Job.objects.get(pk=job.pk).status == Job.Status.OPEN


@pytest.mark.django_db
def test_job_close_refuses_a_draft(acme):
    job = factories.JobFactory(company=acme, status=Job.Status.DRAFT)
    with pytest.raises(InvalidJobStatusChange, match="only an open job can be closed"):
        job_close(job=job)
    assert Job.objects.get(pk=job.pk).status == Job.Status.DRAFT


@pytest.mark.django_db
def test_assign_and_unassign_a_hiring_manager(job, other_hiring_manager):
    assert job_assign_hiring_manager(job=job, hiring_manager=other_hiring_manager) is True
    assert job_assign_hiring_manager(job=job, hiring_manager=other_hiring_manager) is False
    assert other_hiring_manager in job.hiring_managers.all()
    # One email, for the first assignment only.
    assert list(OutboxEmail.objects.filter(to=other_hiring_manager.email).values_list("dedupe_key", flat=True)) == [
        f"hiring_manager_assigned:{job.hiring_managers.through.objects.get(user=other_hiring_manager).pk}:"
        f"{other_hiring_manager.pk}"
    ]

    assert job_unassign_hiring_manager(job=job, hiring_manager=other_hiring_manager) is True
    assert job_unassign_hiring_manager(job=job, hiring_manager=other_hiring_manager) is False
    assert other_hiring_manager not in job.hiring_managers.all()


@pytest.mark.django_db
def test_assign_refuses_another_company_or_role(job, outsider_hiring_manager, recruiter, candidate):
    for user in (outsider_hiring_manager, recruiter, candidate):
        with pytest.raises(InvalidHiringManager, match="is not a hiring manager at Acme"):
            job_assign_hiring_manager(job=job, hiring_manager=user)
    assert list(job.hiring_managers.values_list("username", flat=True)) == ["max"]


@pytest.mark.django_db
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_change_stage_refuses_a_rejection_without_a_reason_code_even_with_a_note(application, recruiter, reason):
    with pytest.raises(ReasonRequired, match="Moving to Rejected needs a reason"):
        application_change_stage(
            application=application, to_stage="Rejected", actor=recruiter, reason=reason, note="Weak SQL"
        )

    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert application.history.count() == 1
    assert not OutboxEmail.objects.filter(dedupe_key__startswith="stage_changed:").exists()


@pytest.mark.django_db
def test_change_stage_keeps_the_reason_and_the_note_of_a_rejection_in_the_history(application, recruiter):
    application_change_stage(
        application=application, to_stage="Rejected", actor=recruiter, reason="not_qualified", note=" No SQL "
    )

    row = application.history.get(to_stage=Stage.REJECTED)
    assert (row.reason.code, row.reason.company_id, row.note) == ("not_qualified", application.job.company_id, "No SQL")


@pytest.mark.django_db
def test_change_stage_takes_a_rejection_without_a_note(application, recruiter):
    application_change_stage(application=application, to_stage="Rejected", actor=recruiter, reason="other")

    row = application.history.get(to_stage=Stage.REJECTED)
    assert (row.reason.code, row.note) == ("other", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "setup"),
    [("promoted", "none"), ("no_response", "deactivate"), ("globex_only", "other_company")],
)
def test_change_stage_refuses_an_unknown_inactive_or_foreign_reason_listing_the_choices(
    application, recruiter, globex, code, setup
):
    company = application.job.company
    if setup == "deactivate":
        rejection_reason_set_active(reason=company.rejection_reasons.get(code=code), active=False)
    if setup == "other_company":
        rejection_reason_create(company=globex, label="Globex only")

    with pytest.raises(InvalidReason) as refusal:
        application_change_stage(application=application, to_stage="Rejected", actor=recruiter, reason=code)

    assert refusal.value.message == (
        f"“{code}” is not one of this company's reasons. Choose one of: not_qualified (Not qualified), "
        "another_candidate_chosen (Another candidate chosen), position_filled (Position filled), "
        + ("" if setup == "deactivate" else "no_response (No response), ")
        + "withdrawn (Withdrawn), other (Other)."
    )
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert application.history.count() == 1


@pytest.mark.django_db
def test_change_stage_refuses_a_reason_on_a_move_that_is_no_rejection(application, recruiter):
    with pytest.raises(InvalidReason, match="Only a rejection takes a reason"):
        application_change_stage(application=application, to_stage="Screening", actor=recruiter, reason="not_qualified")
    assert application.history.count() == 1


@pytest.mark.django_db
def test_change_stage_sends_no_courteous_email_when_it_is_unticked(application, recruiter, hiring_manager):
    application_change_stage(
        application=application, to_stage="Rejected", actor=recruiter, reason="other", notify_candidate=False
    )

    row = application.history.get(to_stage=Stage.REJECTED)
    assert row.notify_candidate is False
    assert (
        not OutboxEmail.objects.filter(to=application.candidate.email)
        .exclude(dedupe_key__startswith="application_created:")
        .exists()
    )


@pytest.mark.django_db
def test_an_unticked_email_on_a_move_to_interview_still_tells_the_hiring_managers(
    application, recruiter, hiring_manager
):
    application_change_stage(application=application, to_stage="Screening", actor=recruiter)
    application_change_stage(application=application, to_stage="Interview", actor=recruiter, notify_candidate=False)

    row = application.history.get(to_stage=Stage.INTERVIEW)
    assert not OutboxEmail.objects.filter(dedupe_key=f"stage_changed:{row.pk}:{application.candidate.pk}").exists()
    assert OutboxEmail.objects.filter(dedupe_key=f"stage_changed:{row.pk}:{hiring_manager.pk}").exists()


# Withdrawing -------------------------------------------------------------------------


@pytest.mark.django_db
def test_withdraw_moves_to_rejected_with_the_reason_withdrawn_and_the_candidate_as_actor(application, candidate):
    application_withdraw(application=application, candidate=candidate)

    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    row = application.history.get(to_stage=Stage.REJECTED)
    assert (row.from_stage, row.reason.code, row.changed_by, row.note) == ("Applied", "withdrawn", candidate, "")


@pytest.mark.django_db
def test_withdraw_sends_a_confirmation_instead_of_the_courteous_rejection(application, candidate):
    application_withdraw(application=application, candidate=candidate)

    row = application.history.get(to_stage=Stage.REJECTED)
    emails = OutboxEmail.objects.filter(to=candidate.email).exclude(dedupe_key__startswith="application_created:")
    assert [email.dedupe_key for email in emails] == [f"application_withdrawn:{row.pk}:{candidate.pk}"]
    email = emails.get()
    assert email.subject == f"You've withdrawn your application for {application.job.title} at Acme"
    assert "We've withdrawn your application" in email.text_body
    assert "decided not to move forward" not in email.text_body


@pytest.mark.django_db
def test_withdraw_works_from_any_stage_that_is_not_final(application, candidate, recruiter):
    application_change_stage(application=application, to_stage="Screening", actor=recruiter)
    application_change_stage(application=application, to_stage="Interview", actor=recruiter)

    application_withdraw(application=application, candidate=candidate)

    assert application.history.get(to_stage=Stage.REJECTED).from_stage == "Interview"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "message"),
    [
        (["Rejected"], "already closed"),
        (["Screening", "Interview", "Offer", "Hired"], "ended with a hire"),
    ],
)
def test_withdraw_refuses_a_final_application(application, candidate, recruiter, path, message):
    for stage in path:
        reason = "other" if stage == "Rejected" else None
        application_change_stage(application=application, to_stage=stage, actor=recruiter, reason=reason)
    before = application.history.count()

    with pytest.raises(WithdrawalRefused, match=message):
        application_withdraw(application=application, candidate=candidate)

    assert application.history.count() == before
    assert not application.history.filter(reason__code="withdrawn").exists()


@pytest.mark.django_db
def test_withdraw_refuses_someone_elses_application(application, other_candidate):
    with pytest.raises(WithdrawalRefused, match="Only the candidate who applied"):
        application_withdraw(application=application, candidate=other_candidate)

    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_withdraw_is_refused_when_the_team_moves_it_between_read_and_write(application, candidate):
    """The withdrawal goes through the stage machine's conditional update: a move that
    lands after the stage was read wins, and the withdrawal changes nothing."""
    with (
        a_teammate_moves_it_right_after_the_read(application, to_stage=Stage.SCREENING),
        pytest.raises(WithdrawalRefused, match="updated a moment ago, so it has not been withdrawn"),
    ):
        application_withdraw(application=application, candidate=candidate)

    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    assert application.history.count() == 1
    assert not OutboxEmail.objects.filter(dedupe_key__startswith="application_withdrawn:").exists()


@pytest.mark.django_db
def test_change_stage_refuses_a_note_over_the_limit(application, recruiter):
    with pytest.raises(InvalidNote, match=f"at most {workflow.NOTE_MAX_LENGTH} characters"):
        application_change_stage(
            application=application, to_stage="Screening", actor=recruiter, note="x" * (workflow.NOTE_MAX_LENGTH + 1)
        )

    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert application.history.count() == 1


def test_a_move_keeps_when_the_application_entered_the_stage_it_leaves(application, recruiter):
    entered = timezone.now() - timedelta(days=6)
    Application.objects.filter(pk=application.pk).update(stage_changed_at=entered)

    application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
    application_change_stage(application=application, to_stage=Stage.INTERVIEW, actor=recruiter)

    rows = {row.to_stage: row for row in ApplicationHistory.objects.filter(application=application)}
    assert rows[Stage.APPLIED].from_stage_entered_at is None
    assert rows[Stage.SCREENING].from_stage_entered_at == entered
    assert rows[Stage.INTERVIEW].from_stage_entered_at == rows[Stage.SCREENING].changed_at
