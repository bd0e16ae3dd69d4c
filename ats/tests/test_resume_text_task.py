"""The resume text's way from upload to search: the task queued after the commit
(through the real queue: Redis where REDIS_URL is set), a dead broker at apply,
the periodic sweep (`call_local()`: immediate mode never runs periodic tasks),
the extract_resume_texts command, seed_demo's resumes, and migration 0014's backfill."""

import io
import logging
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from ats import search, tasks
from ats.demo import DEMO_APPLICATIONS, resume_pdf
from ats.models import Application
from ats.services.applications import application_create
from ats.tests import factories


def pdf_upload(*lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("resume.pdf", resume_pdf([list(lines)]), content_type="application/pdf")


def apply(job, username: str, *lines: str) -> Application:
    candidate = factories.CandidateFactory(username=username)
    return application_create(candidate=candidate, job=job, resume=pdf_upload(*lines) if lines else None)


def status_and_text(application: Application) -> tuple[str, str]:
    application.refresh_from_db()
    return application.resume_text_status, application.resume_text


def found(text: str) -> list[int]:
    return sorted(search.search_filter(Application.objects.all(), text).values_list("pk", flat=True))


def queued_readings(huey) -> list[tuple]:
    return [task.args for task in huey.pending() if task.name == "extract_resume_text"]


def waited(*applications: Application, minutes: int) -> None:
    """As if each had applied `minutes` ago (in the order given: the first is the oldest)."""
    for offset, application in enumerate(applications):
        Application.objects.filter(pk=application.pk).update(
            created_at=timezone.now() - timedelta(minutes=minutes, seconds=-offset)
        )


# Queued after the commit ---------------------------------------------------------


@pytest.mark.django_db
def test_applying_with_a_resume_queues_its_reading_after_the_commit(
    job, task_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(job, "pat", "Skills: Kubernetes")
        # Until the commit: waiting, and nothing handed to the broker.
        assert status_and_text(application) == ("pending", "")
        assert queued_readings(task_queue.huey) == []

    if task_queue.huey.immediate:
        assert status_and_text(application) == ("extracted", "Skills: Kubernetes")
        assert found("kubernetes") == [application.pk]
    else:
        # The worker reads it: see the next test, which commits for real.
        assert queued_readings(task_queue.huey) == [(application.pk,)]


# Real commits: a task run by a worker (Redis) closes the database connection, as the
# worker does, which a test wrapped in a transaction can't survive.
@pytest.mark.django_db(transaction=True)
def test_the_worker_reads_the_resume_and_search_finds_it(job, task_queue):
    application = apply(job, "pat", "Skills: Kubernetes")

    if not task_queue.huey.immediate:
        assert status_and_text(application) == ("pending", "")
        assert task_queue.drain() >= 1

    assert status_and_text(application) == ("extracted", "Skills: Kubernetes")
    assert found("kubernetes") == [application.pk]


@pytest.mark.django_db
def test_applying_without_a_resume_queues_nothing(job, task_queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(job, "pat")

    assert status_and_text(application) == ("none", "")
    assert queued_readings(task_queue.huey) == []


@pytest.mark.django_db
def test_a_broker_failure_at_enqueue_does_not_break_applying(
    job, task_queue, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.INFO, logger="ats.tasks")

    with task_queue.unreachable(), django_capture_on_commit_callbacks(execute=True):
        application = apply(job, "pat", "Skills: Kubernetes")

    assert Application.objects.filter(pk=application.pk, candidate__username="pat").exists()
    assert status_and_text(application) == ("pending", "")
    assert f"the resume text of application {application.pk} stays pending" in caplog.text

    # Back up: the sweep reads it once it has waited longer than its task would have.
    waited(application, minutes=6)
    assert tasks.extract_pending_resume_texts.call_local() == 1
    assert status_and_text(application) == ("extracted", "Skills: Kubernetes")


# The task and the sweep ----------------------------------------------------------


@pytest.mark.django_db
def test_the_task_is_safe_to_run_twice(job):
    application = apply(job, "pat", "Skills: Kubernetes")

    tasks.extract_resume_text.call_local(application.pk)
    tasks.extract_resume_text.call_local(application.pk)

    assert status_and_text(application) == ("extracted", "Skills: Kubernetes")
    # A database error is retried twice, a minute apart.
    task = tasks.extract_resume_text.s(application.pk)
    assert (task.retries, task.retry_delay) == (2, 60)


@pytest.mark.django_db
def test_the_sweep_reads_pending_resumes_oldest_first_and_leaves_fresh_ones_to_their_task(job, monkeypatch):
    oldest = apply(job, "first", "Oldest Kubernetes")
    older = apply(job, "second", "Older Figma")
    broken = apply(job, "third", "Broken")
    fresh = apply(job, "fourth", "Fresh Python")
    done = apply(job, "fifth", "Done")
    Application.objects.filter(pk=done.pk).update(resume_text_status="extracted", resume_text="kept as it was")
    Application.objects.filter(pk=broken.pk).update(resume="resumes/gone.pdf")
    waited(oldest, older, broken, done, minutes=60)
    monkeypatch.setattr(tasks, "RESUME_TEXT_SWEEP_BATCH", 2)

    assert tasks.extract_pending_resume_texts.call_local() == 2
    assert status_and_text(oldest) == ("extracted", "Oldest Kubernetes")
    assert status_and_text(older) == ("extracted", "Older Figma")
    assert status_and_text(broken) == ("pending", "")

    assert tasks.extract_pending_resume_texts.call_local() == 1
    assert status_and_text(broken) == ("unavailable", "")
    assert status_and_text(fresh) == ("pending", "")
    assert status_and_text(done) == ("extracted", "kept as it was")
    assert tasks.extract_pending_resume_texts.call_local() == 0


@pytest.mark.django_db
def test_the_sweep_writes_the_search_documents_still_missing(job):
    application = apply(job, "pat")
    Application.objects.filter(pk=application.pk).update(search_vector=None)

    tasks.extract_pending_resume_texts.call_local()

    has_vector = Application.objects.filter(pk=application.pk, search_vector__isnull=False).exists()
    # SQLite searches the columns themselves and keeps no document.
    assert has_vector is (connection.vendor == "postgresql")


# The backfill command ------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_reads_every_waiting_resume_and_reports_the_counts(job, monkeypatch):
    readable = apply(job, "first", "Skills: Kubernetes")
    garbage = apply(job, "second", "Junk")
    Application.objects.filter(pk=garbage.pk).update(resume="resumes/missing.pdf")
    done = apply(job, "third", "Skills: Figma")
    Application.objects.filter(pk=done.pk).update(resume_text_status="extracted", resume_text="kept as it was")
    without = apply(job, "fourth")
    monkeypatch.setattr("ats.management.commands.extract_resume_texts.PROGRESS_EVERY", 1)
    out = io.StringIO()

    call_command("extract_resume_texts", stdout=out)

    assert out.getvalue().splitlines() == ["Reading 2 resumes.", "  1 of 2", "Extracted 1, text not available 1."]
    assert status_and_text(readable) == ("extracted", "Skills: Kubernetes")
    assert status_and_text(garbage) == ("unavailable", "")
    assert status_and_text(done) == ("extracted", "kept as it was")
    assert status_and_text(without) == ("none", "")
    assert found("kubernetes") == [readable.pk]

    again = io.StringIO()
    call_command("extract_resume_texts", stdout=again)
    assert again.getvalue() == "No resume is waiting to be read.\n"
    assert status_and_text(readable) == ("extracted", "Skills: Kubernetes")


@pytest.mark.django_db
def test_the_command_with_all_reads_every_resume_again(job):
    done = apply(job, "first", "Skills: Figma")
    Application.objects.filter(pk=done.pk).update(resume_text_status="extracted", resume_text="stale")
    apply(job, "second")
    out = io.StringIO()

    call_command("extract_resume_texts", "--all", stdout=out)

    assert out.getvalue() == "Reading 1 resume.\nExtracted 1, text not available 0.\n"
    assert status_and_text(done) == ("extracted", "Skills: Figma")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL keeps search documents")
def test_the_command_writes_the_missing_search_documents(job):
    application = apply(job, "pat")
    Application.objects.filter(pk=application.pk).update(search_vector=None)
    out = io.StringIO()

    call_command("extract_resume_texts", stdout=out)

    assert out.getvalue().splitlines()[-1] == "Wrote 1 missing search document."
    assert Application.objects.filter(pk=application.pk, search_vector__isnull=False).exists()


# The demo --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_s_resumes_are_read_so_acme_finds_kubernetes_across_jobs(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())

    # The history's past applications come without a resume (seeding stays fast).
    with_resume = Application.objects.exclude(resume="")
    assert with_resume.count() == len(DEMO_APPLICATIONS)
    assert set(with_resume.values_list("resume_text_status", flat=True)) == {"extracted"}
    kinds = {name.rsplit(".", 1)[-1] for name in with_resume.values_list("resume", flat=True)}
    assert kinds == {"pdf", "docx"}
    acme = Application.objects.filter(job__company__name="Acme")
    kubernetes = search.search_filter(acme, "Kubernetes")
    assert 3 <= kubernetes.count() <= 6
    assert kubernetes.values("job").distinct().count() >= 2
    assert search.search_filter(acme, "Figma").exists()
    assert search.search_filter(acme, "Python").exists()

    call_command("seed_demo", stdout=io.StringIO())
    assert search.search_filter(acme, "Kubernetes").count() == kubernetes.count()
