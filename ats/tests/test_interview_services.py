"""The interview services: scheduling, offering times, picking one, rescheduling,
cancelling, and what each refuses (nothing half-written)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from ats.exceptions import InterviewerBusy, InterviewRefused, SlotUnavailable
from ats.models import Interview, InterviewSlot, OutboxEmail
from ats.services.applications import application_change_stage
from ats.services.interviews import (
    interview_cancel,
    interview_reschedule,
    interview_schedule,
    interview_slot_pick,
    interview_slots_offer,
)
from ats.tests import factories
from ats.workflow import InterviewStatus, Stage


def soon(days: int = 2, hour: int = 10) -> datetime:
    """A whole hour some days ahead, so tests never race the clock."""
    return (timezone.now() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def screening(application, recruiter):
    application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
    return application


def schedule(application, organizer, interviewers, starts_at=None, duration=60, **extra) -> Interview:
    return interview_schedule(
        application=application,
        organizer=organizer,
        starts_at=starts_at or soon(),
        duration=duration,
        interviewers=interviewers,
        **extra,
    )


# Scheduling ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_scheduling_books_the_interview_with_its_interviewers(screening, recruiter, hiring_manager):
    interview = schedule(screening, recruiter, [hiring_manager, recruiter], title="  Technical   chat ")
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.SCHEDULED
    assert interview.title == "Technical chat"
    assert interview.ends_at and interview.starts_at
    assert interview.ends_at - interview.starts_at == timedelta(minutes=60)
    assert set(interview.interviewers.all()) == {hiring_manager, recruiter}
    assert (interview.sequence, interview.reminded_sequence) == (0, None)


@pytest.mark.django_db(transaction=True)
def test_scheduling_emails_the_candidate_and_every_interviewer_with_the_invitation(
    screening, recruiter, hiring_manager, candidate
):
    schedule(screening, recruiter, [hiring_manager])
    invitations = OutboxEmail.objects.filter(dedupe_key__startswith="interview:scheduled:")
    assert sorted(invitations.values_list("to", flat=True)) == sorted([candidate.email, hiring_manager.email])
    for email in invitations:
        attachment = email.attachments.get()
        assert attachment.filename == "invite.ics"
        assert attachment.mimetype.startswith("text/calendar; method=REQUEST")


@pytest.mark.django_db
@pytest.mark.parametrize("stage", [Stage.APPLIED, Stage.HIRED, Stage.REJECTED])
def test_no_interview_for_an_application_in_applied_or_a_final_stage(application, recruiter, hiring_manager, stage):
    if stage != Stage.APPLIED:
        type(application).objects.filter(pk=application.pk).update(stage=stage)
    with pytest.raises(InterviewRefused, match=f"this one is in {stage}"):
        schedule(application, recruiter, [hiring_manager])
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_a_time_in_the_past_is_refused(screening, recruiter, hiring_manager):
    with pytest.raises(InterviewRefused, match="has passed"):
        schedule(screening, recruiter, [hiring_manager], starts_at=timezone.now() - timedelta(minutes=1))
    assert not Interview.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("duration", [0, 4, 481, -30, "60", True])
def test_a_duration_outside_5_minutes_to_8_hours_is_refused(screening, recruiter, hiring_manager, duration):
    with pytest.raises(InterviewRefused, match="from 5 minutes to 8 hours"):
        schedule(screening, recruiter, [hiring_manager], duration=duration)
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_an_interviewer_of_another_company_is_refused(screening, recruiter, outsider_recruiter):
    with pytest.raises(InterviewRefused, match="is not a recruiter or hiring manager at Acme"):
        schedule(screening, recruiter, [recruiter, outsider_recruiter])
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_a_candidate_cannot_be_an_interviewer(screening, recruiter, other_candidate):
    with pytest.raises(InterviewRefused, match="can't interview"):
        schedule(screening, recruiter, [other_candidate])


@pytest.mark.django_db
def test_a_deactivated_teammate_cannot_interview(screening, recruiter, hiring_manager):
    hiring_manager.is_active = False
    hiring_manager.save()
    with pytest.raises(InterviewRefused, match="deactivated"):
        schedule(screening, recruiter, [hiring_manager])


@pytest.mark.django_db
def test_an_interview_needs_an_interviewer(screening, recruiter):
    with pytest.raises(InterviewRefused, match="at least one interviewer"):
        schedule(screening, recruiter, [])


@pytest.mark.django_db
def test_a_video_link_must_be_a_web_address(screening, recruiter, hiring_manager):
    with pytest.raises(InterviewRefused, match="full web address"):
        schedule(screening, recruiter, [hiring_manager], video_link="meet me on zoom")


# No double booking --------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_interviewer_is_never_in_two_overlapping_interviews(screening, recruiter, hiring_manager, job):
    schedule(screening, recruiter, [hiring_manager], starts_at=soon(hour=10), duration=60)
    other = factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
    hiring_manager.first_name, hiring_manager.last_name = "Max", "Mustermann"
    hiring_manager.save()
    with pytest.raises(InterviewerBusy, match="Max Mustermann is already in an interview"):
        schedule(other, recruiter, [recruiter, hiring_manager], starts_at=soon(hour=10) + timedelta(minutes=30))
    assert Interview.objects.count() == 1


@pytest.mark.django_db
def test_back_to_back_interviews_do_not_overlap(screening, recruiter, hiring_manager, job):
    schedule(screening, recruiter, [hiring_manager], starts_at=soon(hour=10), duration=60)
    other = factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
    schedule(other, recruiter, [hiring_manager], starts_at=soon(hour=11), duration=60)
    assert Interview.objects.count() == 2


@pytest.mark.django_db
def test_a_cancelled_interview_frees_its_time(screening, recruiter, hiring_manager, job):
    first = schedule(screening, recruiter, [hiring_manager], starts_at=soon(hour=10))
    interview_cancel(interview=first, actor=recruiter)
    other = factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
    schedule(other, recruiter, [hiring_manager], starts_at=soon(hour=10))
    assert Interview.objects.filter(status=InterviewStatus.SCHEDULED).count() == 1


# Offering times and picking one ----------------------------------------------------------------


def offer(application, organizer, interviewers, times, duration=45) -> Interview:
    return interview_slots_offer(
        application=application, organizer=organizer, slots=times, duration=duration, interviewers=interviewers
    )


@pytest.mark.django_db(transaction=True)
def test_offering_times_stores_them_and_emails_the_candidate_a_link(screening, recruiter, hiring_manager, candidate):
    interview = offer(screening, recruiter, [hiring_manager], [soon(hour=14), soon(hour=9)])
    assert interview.status == InterviewStatus.OFFERED and interview.starts_at is None
    assert [slot.starts_at.hour for slot in interview.slots.all()] == [
        timezone.localtime(soon(hour=9)).hour,
        timezone.localtime(soon(hour=14)).hour,
    ]
    email = OutboxEmail.objects.get(dedupe_key__startswith="interview:slots_offered:")
    assert email.to == candidate.email and "Pick a time" in email.subject
    assert f"/applications/#interview-{interview.pk}" in email.text_body


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 11])
def test_between_2_and_10_times_are_offered(screening, recruiter, hiring_manager, count):
    with pytest.raises(InterviewRefused, match="between 2 and 10"):
        offer(screening, recruiter, [hiring_manager], [soon(days=2 + n) for n in range(count)])
    assert not Interview.objects.exists() and not InterviewSlot.objects.exists()


@pytest.mark.django_db
def test_the_same_time_offered_twice_is_refused(screening, recruiter, hiring_manager):
    with pytest.raises(InterviewRefused, match="offered twice"):
        offer(screening, recruiter, [hiring_manager], [soon(), soon()])


@pytest.mark.django_db
def test_a_past_time_among_the_offered_is_refused(screening, recruiter, hiring_manager):
    with pytest.raises(InterviewRefused, match="Time 1 would start"):
        offer(screening, recruiter, [hiring_manager], [timezone.now() - timedelta(hours=1), soon()])


@pytest.mark.django_db
def test_the_candidate_picks_a_time_and_the_interview_is_booked(screening, recruiter, hiring_manager, candidate):
    interview = offer(screening, recruiter, [hiring_manager], [soon(hour=9), soon(hour=14)])
    chosen = interview.slots.get(starts_at=soon(hour=14))
    booked = interview_slot_pick(slot=chosen, candidate=candidate)
    assert booked.status == InterviewStatus.SCHEDULED
    assert (booked.starts_at, booked.ends_at) == (chosen.starts_at, chosen.ends_at)


@pytest.mark.django_db
def test_a_second_pick_is_refused_first_come_first_served(screening, recruiter, hiring_manager, candidate):
    interview = offer(screening, recruiter, [hiring_manager], [soon(hour=9), soon(hour=14)])
    first, second = interview.slots.all()
    interview_slot_pick(slot=first, candidate=candidate)
    with pytest.raises(SlotUnavailable, match="already booked"):
        interview_slot_pick(slot=second, candidate=candidate)
    interview.refresh_from_db()
    assert interview.starts_at == first.starts_at


@pytest.mark.django_db
def test_a_slot_whose_interviewer_was_booked_since_is_refused(screening, recruiter, hiring_manager, candidate, job):
    interview = offer(screening, recruiter, [hiring_manager], [soon(hour=9), soon(hour=14)])
    other = factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
    schedule(other, recruiter, [hiring_manager], starts_at=soon(hour=14), duration=30)
    with pytest.raises(SlotUnavailable, match="no longer free"):
        interview_slot_pick(slot=interview.slots.get(starts_at=soon(hour=14)), candidate=candidate)
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.OFFERED
    interview_slot_pick(slot=interview.slots.get(starts_at=soon(hour=9)), candidate=candidate)


@pytest.mark.django_db
def test_a_slot_in_the_past_is_refused(screening, recruiter, hiring_manager, candidate):
    interview = offer(screening, recruiter, [hiring_manager], [soon(hour=9), soon(hour=14)])
    slot = interview.slots.earliest("starts_at")
    InterviewSlot.objects.filter(pk=slot.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    slot.refresh_from_db()
    with pytest.raises(SlotUnavailable, match="has passed"):
        interview_slot_pick(slot=slot, candidate=candidate)


@pytest.mark.django_db
def test_only_the_candidate_picks(screening, recruiter, hiring_manager, other_candidate):
    interview = offer(screening, recruiter, [hiring_manager], [soon(hour=9), soon(hour=14)])
    with pytest.raises(SlotUnavailable, match="Only the candidate"):
        interview_slot_pick(slot=interview.slots.earliest("starts_at"), candidate=other_candidate)


@pytest.mark.django_db
def test_a_cancelled_offer_cannot_be_picked(screening, recruiter, hiring_manager, candidate):
    interview = offer(screening, recruiter, [hiring_manager], [soon(hour=9), soon(hour=14)])
    interview_cancel(interview=interview, actor=recruiter)
    with pytest.raises(SlotUnavailable, match="cancelled"):
        interview_slot_pick(slot=interview.slots.earliest("starts_at"), candidate=candidate)


# Rescheduling and cancelling ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_rescheduling_moves_it_raises_the_sequence_and_tells_a_dropped_interviewer(
    screening, recruiter, hiring_manager
):
    interview = schedule(screening, recruiter, [hiring_manager, recruiter])
    moved = interview_reschedule(
        interview=interview, actor=recruiter, starts_at=soon(days=3, hour=15), interviewers=[recruiter]
    )
    assert (moved.sequence, moved.starts_at) == (1, soon(days=3, hour=15))
    assert list(moved.interviewers.all()) == [recruiter]
    dropped = OutboxEmail.objects.get(dedupe_key=f"interview:removed:{interview.pk}:1:{hiring_manager.pk}")
    assert "method=CANCEL" in dropped.attachments.get().mimetype
    assert OutboxEmail.objects.filter(dedupe_key__startswith=f"interview:rescheduled:{interview.pk}:1:").count() == 2


@pytest.mark.django_db
def test_rescheduling_onto_its_own_time_is_not_a_clash(screening, recruiter, hiring_manager):
    interview = schedule(screening, recruiter, [hiring_manager], starts_at=soon(hour=10), duration=60)
    moved = interview_reschedule(interview=interview, actor=recruiter, starts_at=soon(hour=10) + timedelta(minutes=30))
    assert moved.sequence == 1


@pytest.mark.django_db
def test_rescheduling_into_a_clash_changes_nothing(screening, recruiter, hiring_manager, job):
    interview = schedule(screening, recruiter, [hiring_manager], starts_at=soon(hour=10))
    other = factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
    schedule(other, recruiter, [hiring_manager], starts_at=soon(hour=15))
    with pytest.raises(InterviewerBusy):
        interview_reschedule(interview=interview, actor=recruiter, starts_at=soon(hour=15))
    interview.refresh_from_db()
    assert (interview.sequence, interview.starts_at) == (0, soon(hour=10))


@pytest.mark.django_db
def test_a_past_interview_cannot_be_rescheduled_or_cancelled(screening, recruiter, hiring_manager):
    interview = schedule(screening, recruiter, [hiring_manager])
    past = timezone.now() - timedelta(days=1)
    Interview.objects.filter(pk=interview.pk).update(starts_at=past, ends_at=past + timedelta(hours=1))
    with pytest.raises(InterviewRefused, match="already taken place"):
        interview_reschedule(interview=interview, actor=recruiter, starts_at=soon())
    with pytest.raises(InterviewRefused, match="already taken place"):
        interview_cancel(interview=interview, actor=recruiter)


@pytest.mark.django_db(transaction=True)
def test_cancelling_sends_the_calendar_cancellation_with_a_higher_sequence(screening, recruiter, hiring_manager):
    interview = schedule(screening, recruiter, [hiring_manager])
    cancelled = interview_cancel(interview=interview, actor=recruiter)
    assert (cancelled.status, cancelled.sequence) == (InterviewStatus.CANCELLED, 1)
    emails = OutboxEmail.objects.filter(dedupe_key__startswith=f"interview:cancelled:{interview.pk}:1:")
    assert emails.count() == 2
    assert all("method=CANCEL" in email.attachments.get().mimetype for email in emails)
    with pytest.raises(InterviewRefused, match="was cancelled"):
        interview_cancel(interview=interview, actor=recruiter)


@pytest.mark.django_db(transaction=True)
def test_withdrawing_an_offer_tells_the_candidate_without_a_calendar_file(
    screening, recruiter, hiring_manager, candidate
):
    interview = offer(screening, recruiter, [hiring_manager], [soon(hour=9), soon(hour=14)])
    interview_cancel(interview=interview, actor=recruiter)
    email = OutboxEmail.objects.get(dedupe_key__startswith="interview:offer_withdrawn:")
    assert email.to == candidate.email and not email.attachments.exists()


@pytest.mark.django_db
def test_rejecting_the_application_cancels_its_upcoming_interviews_and_offers(
    screening, recruiter, hiring_manager, job
):
    upcoming = schedule(screening, recruiter, [hiring_manager], starts_at=soon(hour=10))
    offered = offer(screening, recruiter, [hiring_manager], [soon(days=4), soon(days=5)])
    application_change_stage(application=screening, to_stage=Stage.REJECTED, actor=recruiter, reason="other")
    statuses = set(Interview.objects.filter(pk__in=[upcoming.pk, offered.pk]).values_list("status", flat=True))
    assert statuses == {InterviewStatus.CANCELLED}
