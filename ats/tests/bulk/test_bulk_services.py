"""ats.services.bulk: starting an action (its checks, its token), running it row by
row through the single action's service and rules, and the summary it ends with."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ats.exceptions import BulkActionRefused, InvalidNote, InvalidReason, ReasonRequired, StaleStage
from ats.models import Application, ApplicationHistory, BulkAction, BulkActionRow, OutboxEmail, RejectionReason
from ats.selectors.bulk import bulk_action_rows_not_done
from ats.services import bulk
from ats.services.bulk import bulk_action_run, bulk_action_start, bulk_action_summary, bulk_actions_stalled
from ats.tests import factories
from ats.tests.bulk.conftest import ids, make_applications, new_token
from ats.workflow import NOTE_MAX_LENGTH, Stage

Outcome = BulkActionRow.Outcome


def rejections_of(applications) -> int:
    return ApplicationHistory.objects.filter(
        application__in=ids(applications), to_stage=Stage.REJECTED, reason__code="not_qualified"
    ).count()


def emails_to(applications) -> int:
    return OutboxEmail.objects.filter(to__in=[application.candidate.email for application in applications]).count()


def reject(actor, applications, **options):
    return bulk_action_start(
        actor=actor,
        kind="reject",
        application_ids=ids(applications),
        token=options.pop("token", None) or new_token(),
        reason=options.pop("reason", "not_qualified"),
        **options,
    )


# The case ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_bulk_reject_of_120_rows_applies_each_once_and_refuses_the_rest(
    hiring_manager, job, unassigned_job, globex_job
):
    movable = make_applications(job, 100) + make_applications(job, 10, stage=Stage.SCREENING)
    hired = make_applications(job, 4, stage=Stage.HIRED)
    elsewhere = make_applications(globex_job, 3)
    not_assigned = make_applications(unassigned_job, 3)
    selected = movable + hired + elsewhere + not_assigned
    token = new_token()

    action = reject(hiring_manager, selected, token=token, note="Thanks for your time")
    assert action.total == 120
    assert bulk_action_summary(action).percent == 0

    action = bulk_action_run(bulk_action_id=action.pk)
    summary = bulk_action_summary(action)
    assert action.status == BulkAction.Status.DONE and action.finished_at is not None
    assert (summary.total, summary.processed, summary.percent) == (120, 120, 100)
    assert summary.done == 110
    assert summary.refused == [("Already Hired", 4), ("Not available to you", 3), ("Not yours to move", 3)]
    assert summary.text == "110 rejected; 10 refused: 4 already Hired, 3 not available to you, 3 not yours to move"
    assert Application.objects.filter(pk__in=ids(movable), stage=Stage.REJECTED).count() == 110
    # One history row and one email per moved row, none for a refused one.
    assert rejections_of(movable) == 110
    assert emails_to(movable) == 110
    assert ApplicationHistory.objects.filter(application__in=ids(movable), note="Thanks for your time").count() == 110
    refused = hired + elsewhere + not_assigned
    assert ApplicationHistory.objects.filter(application__in=ids(refused)).exclude(from_stage="").count() == 0
    assert emails_to(refused) == 0
    assert [app.stage for app in Application.objects.filter(pk__in=ids(refused)).order_by("pk")] == [
        app.stage for app in sorted(refused, key=lambda app: app.pk)
    ]

    # A retry changes nothing: running again, and starting again with the same token.
    finished_at, histories, emails = action.finished_at, ApplicationHistory.objects.count(), OutboxEmail.objects.count()
    again = bulk_action_run(bulk_action_id=action.pk)
    assert again.finished_at == finished_at
    restarted = reject(hiring_manager, selected, token=token)
    assert restarted.pk == action.pk
    bulk_action_run(bulk_action_id=restarted.pk)
    assert BulkAction.objects.count() == 1
    assert BulkActionRow.objects.count() == 120
    assert (ApplicationHistory.objects.count(), OutboxEmail.objects.count()) == (histories, emails)
    assert bulk_action_summary(action) == summary


# Advancing --------------------------------------------------------------------------


@pytest.mark.django_db
def test_advance_moves_each_application_to_its_next_stage(recruiter, job):
    stages = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED, Stage.REJECTED]
    applications = [factories.ApplicationFactory(job=job, stage=stage) for stage in stages]
    action = bulk_action_start(actor=recruiter, kind="advance", application_ids=ids(applications), token=new_token())
    bulk_action_run(bulk_action_id=action.pk)

    now = [Application.objects.get(pk=app.pk).stage for app in applications]
    assert now == [Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED, Stage.HIRED, Stage.REJECTED]
    moves = ApplicationHistory.objects.exclude(from_stage="").order_by("application_id")
    assert [(row.from_stage, row.to_stage) for row in moves] == [
        (Stage.APPLIED, Stage.SCREENING),
        (Stage.SCREENING, Stage.INTERVIEW),
        (Stage.INTERVIEW, Stage.OFFER),
        (Stage.OFFER, Stage.HIRED),
    ]
    assert bulk_action_summary(action).text == "4 moved; 2 refused: 1 already Hired, 1 already Rejected"


@pytest.mark.django_db
def test_a_hiring_manager_advances_only_on_jobs_they_are_assigned_to(hiring_manager, job, unassigned_job):
    mine, theirs = make_applications(job, 2), make_applications(unassigned_job, 2)
    action = bulk_action_start(
        actor=hiring_manager, kind="advance", application_ids=ids(theirs + mine), token=new_token()
    )
    bulk_action_run(bulk_action_id=action.pk)
    assert set(Application.objects.filter(pk__in=ids(mine)).values_list("stage", flat=True)) == {Stage.SCREENING}
    assert set(Application.objects.filter(pk__in=ids(theirs)).values_list("stage", flat=True)) == {Stage.APPLIED}
    assert bulk_action_summary(action).text == "2 moved; 2 refused: not yours to move"


@pytest.mark.django_db
def test_with_see_all_off_a_hiring_manager_is_told_nothing_of_other_jobs_rows(
    settings, hiring_manager, job, unassigned_job
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    mine, hidden = make_applications(job, 1), make_applications(unassigned_job, 2)
    action = reject(hiring_manager, mine + hidden)
    bulk_action_run(bulk_action_id=action.pk)
    assert Application.objects.get(pk=mine[0].pk).stage == Stage.REJECTED
    assert set(Application.objects.filter(pk__in=ids(hidden)).values_list("stage", flat=True)) == {Stage.APPLIED}
    assert set(action.rows.filter(application__in=ids(hidden)).values_list("message", flat=True)) == {
        "Not available to you"
    }
    assert bulk_action_rows_not_done(action, viewer=hiring_manager) == []


@pytest.mark.django_db
def test_another_companys_applications_are_refused_never_applied_never_named(recruiter, job, globex_job):
    ours, theirs = make_applications(job, 1), make_applications(globex_job, 2)
    action = reject(recruiter, theirs + ours)
    bulk_action_run(bulk_action_id=action.pk)
    assert set(Application.objects.filter(pk__in=ids(theirs)).values_list("stage", flat=True)) == {Stage.APPLIED}
    assert emails_to(theirs) == 0
    assert bulk_action_summary(action).text == "1 rejected; 2 refused: not available to you"
    # The result names no application the viewer may not see.
    assert bulk_action_rows_not_done(action, viewer=recruiter) == []


@pytest.mark.django_db
def test_an_outsider_acting_on_acme_ids_changes_nothing(outsider_recruiter, job):
    applications = make_applications(job, 3)
    action = reject(outsider_recruiter, applications, reason="not_qualified")
    bulk_action_run(bulk_action_id=action.pk)
    assert set(Application.objects.filter(pk__in=ids(applications)).values_list("stage", flat=True)) == {Stage.APPLIED}
    assert bulk_action_summary(action).text == "0 rejected; 3 refused: not available to you"


# Rows that are not moves ------------------------------------------------------------


@pytest.mark.django_db
def test_rejecting_a_rejected_application_leaves_it_unchanged(recruiter, job):
    rejected = factories.ApplicationFactory(job=job, stage=Stage.REJECTED)
    named = bulk_action_start(
        actor=recruiter, kind="reject", application_ids=[rejected.pk], token=new_token(), reason="other"
    )
    bulk_action_run(bulk_action_id=named.pk)
    row = named.rows.get()
    assert (row.outcome, row.message) == (Outcome.UNCHANGED, "Already Rejected")
    assert bulk_action_summary(named).text == "0 rejected; 1 unchanged: already Rejected"
    assert bulk_action_rows_not_done(named, viewer=recruiter) == [row]


@pytest.mark.django_db
def test_an_unticked_email_rejects_without_writing_to_the_candidates(recruiter, job):
    applications = make_applications(job, 3)
    action = reject(recruiter, applications, notify_candidate=False)
    bulk_action_run(bulk_action_id=action.pk)
    assert rejections_of(applications) == 3
    assert ApplicationHistory.objects.filter(to_stage=Stage.REJECTED, notify_candidate=False).count() == 3
    assert emails_to(applications) == 0


@pytest.mark.django_db
def test_a_row_another_runner_decided_after_this_one_read_it_is_not_applied_again(monkeypatch, recruiter, job):
    first, second = make_applications(job, 2)
    action = reject(recruiter, [first, second])
    real_process_row = bulk._process_row

    def another_runner_got_there_first(bulk_action, row_id, application_id, row_action):
        # This runner has read both rows as pending; another one decides the first meanwhile.
        if application_id == first.pk:
            BulkActionRow.objects.filter(pk=row_id).update(outcome=Outcome.DONE, processed_at=timezone.now())
        real_process_row(bulk_action, row_id, application_id, row_action)

    monkeypatch.setattr(bulk, "_process_row", another_runner_got_there_first)
    bulk_action_run(bulk_action_id=action.pk)
    assert Application.objects.get(pk=first.pk).stage == Stage.APPLIED
    assert Application.objects.get(pk=second.pk).stage == Stage.REJECTED
    assert bulk_action_summary(action).text == "2 rejected"


@pytest.mark.django_db
def test_an_application_moved_meanwhile_is_refused_in_plain_words(monkeypatch, recruiter, job):
    application = make_applications(job, 1)[0]

    def moved_meanwhile(**kwargs):
        raise StaleStage("This application is now in Screening, not Applied. The board has been refreshed.")

    monkeypatch.setattr(bulk, "application_change_stage", moved_meanwhile)
    action = reject(recruiter, [application])
    bulk_action_run(bulk_action_id=action.pk)
    assert bulk_action_summary(action).text == "0 rejected; 1 refused: moved by someone else meanwhile"


@pytest.mark.django_db
def test_a_row_that_fails_unexpectedly_is_refused_and_the_others_go_on(monkeypatch, recruiter, job):
    broken, fine = make_applications(job, 2)
    real = bulk.application_change_stage

    def fails_once(**kwargs):
        if kwargs["application"].pk == broken.pk:
            raise RuntimeError("the mail template is broken")
        return real(**kwargs)

    monkeypatch.setattr(bulk, "application_change_stage", fails_once)
    action = bulk_action_run(bulk_action_id=reject(recruiter, [broken, fine]).pk)
    assert action.status == BulkAction.Status.DONE
    assert Application.objects.get(pk=broken.pk).stage == Stage.APPLIED
    assert Application.objects.get(pk=fine.pk).stage == Stage.REJECTED
    assert bulk_action_summary(action).refused == [(bulk.UNEXPECTED_ERROR, 1)]


@pytest.mark.django_db
def test_a_deactivated_actors_pending_rows_are_refused(recruiter, job):
    applications = make_applications(job, 2)
    action = reject(recruiter, applications)
    recruiter.is_active = False
    recruiter.save(update_fields=["is_active"])
    bulk_action_run(bulk_action_id=action.pk)
    assert set(Application.objects.filter(pk__in=ids(applications)).values_list("stage", flat=True)) == {Stage.APPLIED}


# Starting: the checks, once --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"application_ids": []}, BulkActionRefused, "Select at least one application"),
        ({"reason": ""}, ReasonRequired, "Moving to Rejected needs a reason"),
        ({"reason": "bored"}, InvalidReason, "“bored” is not one of this company's reasons"),
        ({"note": "x" * (NOTE_MAX_LENGTH + 1)}, InvalidNote, f"at most {NOTE_MAX_LENGTH} characters"),
        ({"kind": "advance"}, InvalidReason, "Only a rejection takes a reason"),
        ({"kind": "archive"}, BulkActionRefused, "“archive” is not a bulk action. Choose one of: Move to the next"),
        ({"kind": "tag_add", "reason": None}, BulkActionRefused, "Choose the tag to add or remove"),
    ],
)
def test_a_start_that_cannot_go_ahead_says_why_and_stores_nothing(recruiter, job, options, error, message):
    application = make_applications(job, 1)[0]
    arguments = {
        "actor": recruiter,
        "kind": "reject",
        "application_ids": [application.pk],
        "token": new_token(),
        "reason": "not_qualified",
        **options,
    }
    with pytest.raises(error, match=message):
        bulk_action_start(**arguments)
    assert BulkAction.objects.count() == 0 and BulkActionRow.objects.count() == 0


@pytest.mark.django_db
def test_an_inactive_reason_is_refused(recruiter, job):
    RejectionReason.objects.filter(company=job.company, code="no_response").update(active=False)
    with pytest.raises(InvalidReason):
        reject(recruiter, make_applications(job, 1), reason="no_response")


@pytest.mark.django_db
def test_more_rows_than_one_action_takes_are_refused(monkeypatch, recruiter, job):
    monkeypatch.setattr(bulk, "BULK_MAX_ROWS", 2)
    with pytest.raises(BulkActionRefused, match="at most 2 applications; this one has 3"):
        reject(recruiter, make_applications(job, 3))


@pytest.mark.django_db
def test_ids_count_once_and_ids_of_no_application_are_dropped(recruiter, job):
    first, second = make_applications(job, 2)
    action = bulk_action_start(
        actor=recruiter,
        kind="advance",
        application_ids=[second.pk, first.pk, second.pk, 999_999],
        token=new_token(),
    )
    assert action.total == 2
    assert list(action.rows.order_by("id").values_list("application_id", flat=True)) == [second.pk, first.pk]
    with pytest.raises(BulkActionRefused, match="None of the selected applications exists"):
        bulk_action_start(actor=recruiter, kind="advance", application_ids=[999_999], token=new_token())


@pytest.mark.django_db
def test_someone_elses_token_is_refused(recruiter, other_hiring_manager, job):
    token = new_token()
    action = reject(recruiter, make_applications(job, 1), token=token)
    with pytest.raises(BulkActionRefused, match="already been used"):
        reject(other_hiring_manager, make_applications(job, 1), token=token)
    assert BulkAction.objects.get().pk == action.pk


# The sweep's view of stalled actions ------------------------------------------------------


@pytest.mark.django_db
def test_stalled_actions_are_those_with_no_progress_for_a_while(recruiter, job):
    applications = make_applications(job, 2)
    a_while_ago = timezone.now() - bulk.STALL_AFTER - timedelta(seconds=1)
    never_started = reject(recruiter, applications)
    stopped = reject(recruiter, applications)
    stopped.rows.filter(application=applications[0]).update(outcome=Outcome.DONE, processed_at=a_while_ago)
    running = reject(recruiter, applications)
    running.rows.filter(application=applications[0]).update(outcome=Outcome.DONE, processed_at=timezone.now())
    just_started = reject(recruiter, applications)
    finished = reject(recruiter, applications)
    BulkAction.objects.filter(pk__in=[never_started.pk, stopped.pk, running.pk, finished.pk]).update(
        created_at=a_while_ago
    )
    BulkAction.objects.filter(pk__in=[stopped.pk, running.pk]).update(status=BulkAction.Status.RUNNING)
    BulkAction.objects.filter(pk=finished.pk).update(status=BulkAction.Status.DONE)

    assert bulk_actions_stalled() == [never_started.pk, stopped.pk]
    assert just_started.pk not in bulk_actions_stalled()
