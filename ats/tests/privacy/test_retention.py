"""Retention (domain.md, Privacy): a finished application's personal data is erased once its
company's period has passed since it finished; the clock is frozen at NOW."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ats import tasks
from ats.models import Application
from ats.services.erasure import RetentionRefused, retention_apply, retention_set
from ats.tests import factories
from ats.workflow import Stage

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def finished(job, stage: Stage, *, ago: timedelta, name: str) -> Application:
    candidate = factories.CandidateFactory(first_name=name, last_name="Retained")
    application = factories.ApplicationFactory(job=job, candidate=candidate, cover_letter=f"{name} writes")
    Application.objects.filter(pk=application.pk).update(stage=stage, stage_changed_at=NOW - ago)
    application.refresh_from_db()
    return application


@pytest.fixture
def applications(job):
    job.company.retention_days = 30
    job.company.save(update_fields=["retention_days"])
    second = timedelta(seconds=1)
    return {
        "hired_past": finished(job, Stage.HIRED, ago=timedelta(days=30) + second, name="Hiredpast"),
        "rejected_past": finished(job, Stage.REJECTED, ago=timedelta(days=400), name="Rejectedpast"),
        "hired_inside": finished(job, Stage.HIRED, ago=timedelta(days=30) - second, name="Hiredinside"),
        "offer_old": finished(job, Stage.OFFER, ago=timedelta(days=400), name="Offerold"),
        "applied_old": finished(job, Stage.APPLIED, ago=timedelta(days=400), name="Appliedold"),
    }


def erased(applications) -> set[str]:
    return {
        key
        for key, application in applications.items()
        if Application.objects.get(pk=application.pk).candidate_erased_at is not None
    }


def test_only_finished_applications_past_the_period_are_erased(applications, frozen):
    done = retention_apply(now=NOW)

    assert erased(applications) == {"hired_past", "rejected_past"}
    assert {item.application_id for item in done} == {
        applications["hired_past"].pk,
        applications["rejected_past"].pk,
    }
    rejected = Application.objects.get(pk=applications["rejected_past"].pk)
    assert rejected.candidate is None and rejected.cover_letter == "" and rejected.stage == Stage.REJECTED


def test_running_it_again_erases_nothing_more(applications, frozen):
    retention_apply(now=NOW)
    assert retention_apply(now=NOW) == []


def test_zero_turns_it_off(applications, job, frozen):
    job.company.retention_days = 0
    job.company.save(update_fields=["retention_days"])

    assert retention_apply(now=NOW) == []
    assert erased(applications) == set()


def test_each_company_has_its_own_period(applications, globex, frozen):
    other_job = factories.JobFactory(company=globex)
    other = finished(other_job, Stage.HIRED, ago=timedelta(days=100), name="Globexhire")

    retention_apply(now=NOW)

    # Globex keeps the default 365 days.
    assert Application.objects.get(pk=other.pk).candidate_erased_at is None


def test_the_dry_run_lists_and_changes_nothing(applications, frozen, capsys):
    call_command("apply_retention", "--dry-run")

    out = capsys.readouterr().out
    assert f"application {applications['hired_past'].pk}\t" in out
    assert f"application {applications['rejected_past'].pk}\t" in out
    assert f"application {applications['hired_inside'].pk}\t" not in out
    assert "Would erase 2 applications" in out
    assert "Hiredpast" not in out and "Retained" not in out
    assert erased(applications) == set()


def test_the_command_erases(applications, frozen, capsys):
    call_command("apply_retention")

    assert "Erased 2 applications." in capsys.readouterr().out
    assert erased(applications) == {"hired_past", "rejected_past"}


def test_the_daily_task_erases(applications, frozen):
    assert tasks.apply_retention.call_local() == 2
    assert erased(applications) == {"hired_past", "rejected_past"}


def test_the_period_is_bounded(acme):
    with pytest.raises(RetentionRefused):
        retention_set(company=acme, days=3651)
    assert retention_set(company=acme, days=0).retention_days == 0
