"""Fixtures of the bulk action tests (the personas come from ats/tests/conftest.py):
an Acme job nobody is assigned to, a Globex job, and applications made in bulk."""

import uuid

import pytest

from ats.models import Application, Job
from ats.tests import factories
from ats.workflow import Stage


def make_applications(job: Job, count: int, *, stage: str = Stage.APPLIED) -> list[Application]:
    """`count` applications to `job` in `stage`, each from its own candidate, oldest first."""
    return [factories.ApplicationFactory(job=job, stage=stage) for _ in range(count)]


def ids(applications) -> list[int]:
    return [application.pk for application in applications]


def new_token() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def unassigned_job(acme):
    """An open Acme job with no hiring manager assigned."""
    return factories.JobFactory(company=acme, title="Designer")


@pytest.fixture
def globex_job(globex):
    return factories.JobFactory(company=globex, title="Globex Analyst")
