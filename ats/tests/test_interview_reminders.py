"""The 24-hour reminder, run as the periodic task would, with the clock frozen
at chosen moments: once per interview and schedule, none for a cancelled
interview, armed again by a reschedule."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ats import tasks
from ats.models import Interview, OutboxEmail
from ats.services.applications import application_change_stage
from ats.services.interviews import (
    interview_cancel,
    interview_reminders_send,
    interview_reschedule,
    interview_schedule,
)
from ats.workflow import Stage


@pytest.fixture
def interview(application, recruiter, hiring_manager):
    application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
    starts = (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    return interview_schedule(
        application=application, organizer=recruiter, starts_at=starts, duration=60, interviewers=[hiring_manager]
    )


def reminders() -> list[str]:
    return sorted(OutboxEmail.objects.filter(dedupe_key__startswith="interview:reminder:").values_list("to", flat=True))


@pytest.mark.django_db
def test_nothing_is_sent_more_than_a_day_before(interview):
    assert interview_reminders_send(now=interview.starts_at - timedelta(hours=25)) == 0
    assert reminders() == []


@pytest.mark.django_db
def test_the_reminder_goes_to_everyone_once(interview, candidate, hiring_manager):
    day_before = interview.starts_at - timedelta(hours=24)
    assert interview_reminders_send(now=day_before) == 1
    assert interview_reminders_send(now=day_before + timedelta(minutes=5)) == 0
    assert interview_reminders_send(now=interview.starts_at - timedelta(hours=1)) == 0
    assert reminders() == sorted([candidate.email, hiring_manager.email])
    email = OutboxEmail.objects.get(dedupe_key__startswith="interview:reminder:", to=candidate.email)
    assert "Reminder" in email.subject and email.attachments.exists()


@pytest.mark.django_db
def test_a_cancelled_interview_gets_no_reminder(interview, recruiter):
    interview_cancel(interview=interview, actor=recruiter)
    assert interview_reminders_send(now=interview.starts_at - timedelta(hours=2)) == 0
    assert reminders() == []


@pytest.mark.django_db
def test_a_reschedule_arms_the_reminder_again(interview, recruiter):
    interview_reminders_send(now=interview.starts_at - timedelta(hours=23))
    later = interview.starts_at + timedelta(days=2)
    moved = interview_reschedule(interview=interview, actor=recruiter, starts_at=later)
    assert interview_reminders_send(now=later - timedelta(hours=30)) == 0
    assert interview_reminders_send(now=later - timedelta(hours=20)) == 1
    sequences = {
        key.split(":")[3]
        for key in OutboxEmail.objects.filter(dedupe_key__startswith="interview:reminder:").values_list(
            "dedupe_key", flat=True
        )
    }
    assert sequences == {"0", str(moved.sequence)}


@pytest.mark.django_db
def test_an_interview_booked_within_a_day_gets_no_separate_reminder(application, recruiter, hiring_manager):
    application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
    tomorrow_morning = timezone.now() + timedelta(hours=20)
    interview = interview_schedule(
        application=application,
        organizer=recruiter,
        starts_at=tomorrow_morning,
        duration=30,
        interviewers=[hiring_manager],
    )
    assert Interview.objects.get(pk=interview.pk).reminded_sequence == 0
    assert interview_reminders_send(now=timezone.now()) == 0


@pytest.mark.django_db
def test_the_periodic_task_sends_the_due_reminders(application, recruiter, hiring_manager):
    application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
    interview = interview_schedule(
        application=application,
        organizer=recruiter,
        starts_at=timezone.now() + timedelta(days=2),
        duration=30,
        interviewers=[hiring_manager],
    )
    # Due now: the interview is (as if) a day away.
    Interview.objects.filter(pk=interview.pk).update(
        starts_at=timezone.now() + timedelta(hours=23), ends_at=timezone.now() + timedelta(hours=24)
    )
    assert tasks.send_interview_reminders.call_local() == 1
    assert tasks.send_interview_reminders.call_local() == 0
