"""Where an application came from (domain.md): the job board by default, the
normalised `?source=` of the job's link (kept across logging in), `api` through
the API; shown to the team and filterable in the API; existing rows migrate to
the job board."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ats.models import SOURCE_JOB_BOARD, Application, normalise_source
from ats.tests import factories


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("LinkedIn", "linkedin"),
        ("  Indeed_Jobs ", "indeed jobs"),
        ("referral--from+ana", "referral from ana"),
        ("news.ycombinator.com", "news.ycombinator.com"),
        ("<script>alert(1)</script>", "scriptalert1script"),
        ("", SOURCE_JOB_BOARD),
        ("!!!", SOURCE_JOB_BOARD),
        (None, SOURCE_JOB_BOARD),
        ("x" * 80, "x" * 50),
        ("bad\x00byte", "badbyte"),
    ],
)
def test_a_source_is_normalised(given, kept):
    assert normalise_source(given) == kept


def apply(client, job):
    return client.post(
        f"/jobs/{job.pk}/apply/", {"resume": factories.pdf_upload(), "cover_letter": "", "accept_privacy_notice": "on"}
    )


@pytest.mark.django_db
def test_an_application_from_the_job_board_says_so(client, job, candidate):
    client.force_login(candidate)
    client.get(f"/jobs/{job.pk}/")
    apply(client, job)
    assert Application.objects.get().source == SOURCE_JOB_BOARD


@pytest.mark.django_db
def test_the_source_of_the_jobs_link_survives_logging_in(client, job, candidate):
    client.get(f"/jobs/{job.pk}/?source=LinkedIn")
    client.force_login(candidate)
    apply(client, job)
    assert Application.objects.get().source == "linkedin"


@pytest.mark.django_db
def test_a_source_belongs_to_its_own_job(client, job, acme, candidate):
    other = factories.JobFactory(company=acme)
    client.force_login(candidate)
    client.get(f"/jobs/{other.pk}/?source=newsletter")
    apply(client, job)
    assert Application.objects.get().source == SOURCE_JOB_BOARD


@pytest.mark.django_db
def test_the_team_sees_the_source_on_the_application(client, recruiter, application):
    Application.objects.filter(pk=application.pk).update(source="referral")
    client.force_login(recruiter)
    html = client.get(f"/workspace/applications/{application.pk}/").content.decode()
    assert "<dt>Source</dt><dd>Referral</dd>" in html


@pytest.mark.django_db(transaction=True)
def test_existing_applications_come_from_the_job_board():
    executor = MigrationExecutor(connection)
    executor.migrate([("ats", "0011_remove_feedback")])
    old = executor.loader.project_state([("ats", "0011_remove_feedback")]).apps
    try:
        company = old.get_model("ats", "Company").objects.create(name="Before sources")
        job = old.get_model("ats", "Job").objects.create(company=company, title="Old", description="d")
        candidate = old.get_model("ats", "User").objects.create(username="before", role="candidate", password="!")
        old.get_model("ats", "Application").objects.create(candidate=candidate, job=job)
        executor = MigrationExecutor(connection)
        executor.migrate([("ats", "0012_application_source")])
        new = executor.loader.project_state([("ats", "0012_application_source")]).apps
        assert new.get_model("ats", "Application").objects.get(job_id=job.pk).source == SOURCE_JOB_BOARD
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("ats"))
