"""Fixtures of the scorecard modules (the personas come from ats/tests/conftest.py):
the job's criteria and interviews that have taken place or are still to come."""

from datetime import timedelta

import pytest

from ats.services.interviews import scorecard_criteria_set
from ats.tests.factories import scheduled_interview


@pytest.fixture
def criteria(job):
    """The job's criteria, in their order: Python, Communication, Ownership."""
    return scorecard_criteria_set(job=job, names=["Python", "Communication", "Ownership"])


@pytest.fixture
def interview(application, criteria, hiring_manager, recruiter):
    """An interview that started three hours ago, with the job's hiring manager and the recruiter."""
    return scheduled_interview(application, hiring_manager, recruiter, starts_in=timedelta(hours=-3))


@pytest.fixture
def upcoming_interview(application, criteria, hiring_manager):
    return scheduled_interview(application, hiring_manager, starts_in=timedelta(days=2), title="Final interview")


def scorecard_data(criteria, *, ratings=(3, 4, 2), recommendation: int = 3, notes: str = "") -> dict:
    """A filled-in scorecard form: one rating and note per criterion, then the recommendation."""
    data = {"recommendation": str(recommendation), "notes": notes}
    for criterion, rating in zip(criteria, ratings, strict=True):
        data[f"criterion_{criterion.pk}"] = str(rating)
        data[f"criterion_{criterion.pk}_note"] = f"About {criterion.name.lower()}."
    return data
