"""Export my data (issue 13 item 2): the zip's contents field by field, who may
download it, its progress, its expiry, and a build that fails."""

import datetime
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from ats.models import ApplicationHistory, ApplicationNote, DataExport, OutboxEmail
from ats.services import privacy
from ats.services.privacy import data_export_build, data_export_request, data_exports_expire
from ats.tests import factories
from ats.workflow import Stage

NOW = datetime.datetime(2026, 11, 29, 12, 0, tzinfo=datetime.UTC)


def sent_email(to: str, subject: str, body: str, sent_at=NOW) -> OutboxEmail:
    return OutboxEmail.objects.create(
        to=to, subject=subject, text_body=body, dedupe_key=f"{to}:{subject}", status="sent", sent_at=sent_at
    )


@pytest.fixture
def story(candidate, other_candidate, recruiter, hiring_manager, job, acme):
    """casey's two applications: one with a resume, a move, a team note and an interview
    with rita and max; one bare. Plus emails to casey, rita and someone else."""
    candidate.phone, candidate.link, candidate.time_zone = "+44 20 7946 0000", "https://casey.example", "Europe/London"
    candidate.save()
    first = factories.ApplicationFactory(
        candidate=candidate,
        job=job,
        cover_letter="I love backends.",
        source="linkedin",
        privacy_notice_version="2026-11-29",
        privacy_consented_at=NOW,
        resume=factories.pdf_upload(),
    )
    ApplicationHistory.objects.create(
        application=first, from_stage=Stage.APPLIED, to_stage=Stage.SCREENING, changed_by=recruiter, note="Strong CV"
    )
    first.stage = Stage.SCREENING
    first.save(update_fields=["stage"])
    ApplicationNote.objects.create(application=first, author=recruiter, body="Team only: salary too high?")
    interview = factories.scheduled_interview(first, recruiter, hiring_manager, starts_in=timedelta(days=2))
    interview.location = "Room 4"
    interview.save(update_fields=["location"])
    second = factories.ApplicationFactory(
        candidate=candidate, job=factories.JobFactory(company=acme, title="Data Analyst")
    )
    factories.ApplicationFactory(candidate=other_candidate, job=job, cover_letter="Jordan's letter")
    sent_email(candidate.email, "You applied", "Thanks for applying.")
    sent_email(recruiter.email, "New application", "casey applied.")
    sent_email("someone@example.com", "Not yours", "Nope.")
    return {"first": first, "second": second, "interview": interview}


def built(user) -> DataExport:
    export = data_export_request(user=user)
    result = data_export_build(export_id=export.pk)
    assert result is not None
    return result


def read_zip(export: DataExport) -> zipfile.ZipFile:
    with default_storage.open(export.file.name, "rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


@pytest.mark.django_db
def test_a_candidates_export_holds_their_data_field_by_field(story, candidate, recruiter, hiring_manager):
    export = built(candidate)
    assert (export.status, export.progress) == ("ready", 100)
    assert export.ready_at is not None and export.expires_at == export.ready_at + timedelta(hours=24)
    archive = read_zip(export)
    first, second, interview = story["first"], story["second"], story["interview"]
    assert sorted(archive.namelist()) == sorted(
        [
            "README.txt",
            "profile.json",
            "applications.json",
            "interviews.json",
            "emails.json",
            f"resumes/{first.pk}-resume.pdf",
        ]
    )
    profile = json.loads(archive.read("profile.json"))
    assert profile == {
        "username": "casey",
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "email": "casey@example.com",
        "role": "candidate",
        "company": None,
        "time_zone": "Europe/London",
        "phone": "+44 20 7946 0000",
        "link": "https://casey.example",
        "date_joined": profile["date_joined"],
        "last_login": None,
    }
    assert profile["date_joined"].startswith(str(candidate.date_joined.year))

    applications = json.loads(archive.read("applications.json"))
    assert [row["id"] for row in applications] == [second.pk, first.pk]
    mine = applications[1]
    assert {key: value for key, value in mine.items() if key not in {"applied_at", "updated_at", "history"}} == {
        "id": first.pk,
        "job": "Backend Engineer",
        "company": "Acme",
        "stage": "Screening",
        "status": "Screening",
        "cover_letter": "I love backends.",
        "source": "linkedin",
        "resume": f"resumes/{first.pk}-resume.pdf",
        "privacy_notice_version": "2026-11-29",
        "privacy_notice_accepted_at": "2026-11-29T12:00:00Z",
    }
    assert [(step["from_stage"], step["to"]) for step in mine["history"]] == [
        (None, "Applied"),
        ("Applied", "Screening"),
    ]
    assert applications[0]["resume"] is None and applications[0]["privacy_notice_version"] is None
    everything = " ".join(archive.read(name).decode() for name in archive.namelist() if name.endswith(".json"))
    for secret in ("Strong CV", "Team only", "Jordan", "casey applied.", "Not yours"):
        assert secret not in everything
    assert archive.read(f"resumes/{first.pk}-resume.pdf") == factories.pdf_upload().read()

    [row] = json.loads(archive.read("interviews.json"))
    assert row == {
        "id": interview.pk,
        "title": "Technical interview",
        "status": "scheduled",
        "starts_at": row["starts_at"],
        "ends_at": row["ends_at"],
        "duration_minutes": 45,
        "location": "Room 4",
        "video_link": "",
        "job": "Backend Engineer",
        "company": "Acme",
        "interviewers": sorted(
            [recruiter.display_name, hiring_manager.display_name], key=lambda name: name.split()[-1]
        ),
        "application": first.pk,
    }
    assert row["starts_at"].startswith(interview.starts_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S"))

    assert json.loads(archive.read("emails.json")) == [
        {
            "to": "casey@example.com",
            "subject": "You applied",
            "text": "Thanks for applying.",
            "sent_at": "2026-11-29T12:00:00Z",
        }
    ]
    readme = archive.read("README.txt").decode()
    for name in ("profile.json", "applications.json", "interviews.json", "emails.json", "resumes/"):
        assert name in readme


@pytest.mark.django_db
def test_a_recruiters_export_holds_no_candidates_data(story, recruiter, hiring_manager):
    archive = read_zip(built(recruiter))
    assert sorted(archive.namelist()) == ["README.txt", "emails.json", "interviews.json", "profile.json"]
    profile = json.loads(archive.read("profile.json"))
    assert (profile["username"], profile["role"], profile["company"]) == ("rita", "recruiter", "Acme")
    [row] = json.loads(archive.read("interviews.json"))
    assert row["id"] == story["interview"].pk
    assert row["other_interviewers"] == [hiring_manager.display_name]
    assert "application" not in row and "interviewers" not in row
    assert json.loads(archive.read("emails.json"))[0]["subject"] == "New application"
    everything = " ".join(archive.read(name).decode() for name in archive.namelist())
    for candidates_data in ("I love backends", "Jordan", "Thanks for applying", "applications.json"):
        assert candidates_data not in everything
    assert "casey" not in archive.read("interviews.json").decode()


# Asking, progress, failure ----------------------------------------------------------------


@pytest.mark.django_db
def test_asking_again_while_one_is_built_returns_it(candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        first = data_export_request(user=candidate)
        again = data_export_request(user=candidate)
    assert first == again and DataExport.objects.count() == 1
    assert len(queued) == 2  # queued again: a build runs once
    assert data_export_build(export_id=first.pk) is not None
    assert data_export_build(export_id=first.pk) is None  # a second run leaves it alone
    assert data_export_request(user=candidate) != first  # once ready, a new one may be asked for


@pytest.mark.django_db
def test_the_build_reports_its_progress_in_steps(story, candidate, monkeypatch):
    seen = []
    real = privacy._progress

    def watch(export, percent):
        seen.append((DataExport.objects.get(pk=export.pk).status, percent))
        real(export, percent)

    monkeypatch.setattr(privacy, "_progress", watch)
    export = data_export_request(user=candidate)
    assert (export.status, export.progress) == ("pending", 0)
    data_export_build(export_id=export.pk)
    assert seen == [("building", 10), ("building", 30), ("building", 45), ("building", 60), ("building", 95)]


@pytest.mark.django_db
def test_a_failing_build_is_marked_failed_with_a_message_and_can_be_asked_again(candidate, monkeypatch, settings):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(privacy, "emails_data", broken)
    export = built(candidate)
    assert export.status == "failed" and export.error == privacy.BUILD_FAILED_MESSAGE and not export.file
    assert not list((settings.MEDIA_ROOT / "exports").glob("*")) if (settings.MEDIA_ROOT / "exports").exists() else True
    monkeypatch.undo()
    retried = built(candidate)
    assert retried.pk != export.pk and retried.status == "ready"


# Expiry ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sweep_deletes_exports_past_24_hours_file_then_row(candidate, other_candidate, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    old, fresh = built(candidate), built(other_candidate)
    DataExport.objects.filter(pk=old.pk).update(expires_at=NOW - timedelta(seconds=1))
    assert default_storage.exists(old.file.name)

    assert data_exports_expire() == 1
    assert not default_storage.exists(old.file.name)
    assert list(DataExport.objects.all()) == [fresh]
    assert default_storage.exists(fresh.file.name)
    assert data_exports_expire(now=NOW + timedelta(hours=24)) == 1
    assert not DataExport.objects.exists() and not default_storage.exists(fresh.file.name)


@pytest.mark.django_db
def test_the_sweep_fails_a_stalled_build_and_later_deletes_it(candidate):
    stalled = data_export_request(user=candidate)
    asked = stalled.created_at
    assert data_exports_expire(now=asked + timedelta(minutes=59)) == 0
    assert DataExport.objects.get(pk=stalled.pk).status == "pending"
    assert data_exports_expire(now=asked + timedelta(hours=2)) == 0
    assert DataExport.objects.get(pk=stalled.pk).status == "failed"
    assert data_exports_expire(now=asked + timedelta(hours=25)) == 1


@pytest.mark.django_db
def test_the_hourly_task_runs_the_sweep(candidate):
    from ats.tasks import delete_expired_data_exports

    export = built(candidate)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert delete_expired_data_exports.call_local() == 1
