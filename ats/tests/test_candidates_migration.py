"""Migration 0014: existing applications join the candidates list (resumes waiting to be
read, a last activity from what happened to them so far)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ats.tests.migrating import migrate, migrate_to_latest


@pytest.mark.django_db(transaction=True)
def test_migration_0014_marks_existing_resumes_pending_and_sets_the_last_activity():
    old = migrate([("ats", "0013_candidates_search_tags_bulk")])
    try:
        company = old.get_model("ats", "Company").objects.create(name="Legacy Co")
        User = old.get_model("ats", "User")
        job = old.get_model("ats", "Job").objects.create(company=company, title="Old job", description="d")
        recruiter = User.objects.create(username="old-recruiter", role="recruiter", company=company, password="!")
        Application = old.get_model("ats", "Application")
        applied = timezone.now() - timedelta(days=30)

        def application(username: str, resume: str, moved_days: int):
            candidate = User.objects.create(username=username, role="candidate", password="!")
            row = Application.objects.create(candidate=candidate, job=job, resume=resume)
            Application.objects.filter(pk=row.pk).update(
                created_at=applied, stage_changed_at=applied + timedelta(days=moved_days)
            )
            return row

        application("with-resume", "resumes/old.pdf", moved_days=2)
        application("without-resume", "", moved_days=0)
        noted = application("noted", "resumes/noted.docx", moved_days=1)
        old.get_model("ats", "ApplicationNote").objects.create(
            application=noted, author=recruiter, body="Call back", created_at=applied + timedelta(days=5)
        )
        reviewed = application("reviewed", "", moved_days=1)
        old.get_model("ats", "Scorecard").objects.create(
            application=reviewed, author=recruiter, recommendation=3, submitted_at=applied + timedelta(days=9)
        )

        new = migrate([("ats", "0014_candidates_backfill")])
        rows = {
            row.candidate.username: (row.resume_text_status, row.last_activity_at)
            for row in new.get_model("ats", "Application").objects.select_related("candidate")
        }
        assert rows == {
            "with-resume": ("pending", applied + timedelta(days=2)),
            "without-resume": ("none", applied),
            "noted": ("pending", applied + timedelta(days=5)),
            "reviewed": ("none", applied + timedelta(days=9)),
        }
    finally:
        migrate_to_latest()
