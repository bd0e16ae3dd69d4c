"""Sixteen people book one interviewer into overlapping times at the same moment:
exactly one booking succeeds. Real threads, real connections, real commits."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ats.exceptions import InterviewerBusy
from ats.models import Interview
from ats.services import interviews as interview_services
from ats.services.interviews import interview_schedule
from ats.tests import factories
from ats.workflow import InterviewStatus, Stage

THREADS = 16


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_bookings_of_one_interviewer_give_exactly_one_interview(
    job, recruiter, hiring_manager, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/ats (as .ci/run does)")
    applications = [factories.ApplicationFactory(job=job, stage=Stage.SCREENING) for _ in range(THREADS)]
    start = (timezone.now() + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)

    # Every thread has checked its input and is about to book when they all go at once.
    all_checked = threading.Barrier(THREADS, timeout=30)
    real_check = interview_services._check_interviewers

    def check_then_wait(application, interviewers):
        chosen = real_check(application, interviewers)
        all_checked.wait()
        return chosen

    monkeypatch.setattr(interview_services, "_check_interviewers", check_then_wait)
    outcomes: list[object] = []

    def book(index: int) -> None:
        try:
            interview_schedule(
                application=applications[index],
                organizer=recruiter,
                # Each overlaps every other: the same hour, shifted by a few minutes.
                starts_at=start + timedelta(minutes=index),
                duration=60,
                interviewers=[hiring_manager],
            )
            outcomes.append("booked")
        except InterviewerBusy as refusal:
            outcomes.append(refusal)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes.count("booked") == 1, outcomes
    assert len(outcomes) == THREADS
    assert all(isinstance(outcome, InterviewerBusy) for outcome in outcomes if outcome != "booked")
    assert Interview.objects.filter(status=InterviewStatus.SCHEDULED, interviewers=hiring_manager).count() == 1
