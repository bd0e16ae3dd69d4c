"""Migration 0017: every existing history row learns when its application entered the
stage the row leaves (the previous row's time), which analytics reads for time in stage."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ats.tests.migrating import migrate, migrate_to_latest


@pytest.mark.django_db(transaction=True)
def test_migration_0017_copies_each_rows_entry_time_from_the_row_before():
    old = migrate([("ats", "0016_history_indexes_for_analytics")])
    try:
        company = old.get_model("ats", "Company").objects.create(name="Legacy Co")
        User = old.get_model("ats", "User")
        job = old.get_model("ats", "Job").objects.create(company=company, title="Old job", description="d")
        Application = old.get_model("ats", "Application")
        History = old.get_model("ats", "ApplicationHistory")
        applied = timezone.now() - timedelta(days=30)
        moves = [("", "Applied", 0), ("Applied", "Screening", 4), ("Screening", "Interview", 9)]
        for number in range(2):
            candidate = User.objects.create(username=f"legacy-{number}", role="candidate", password="!")
            application = Application.objects.create(candidate=candidate, job=job, stage="Interview")
            History.objects.bulk_create(
                History(
                    application=application,
                    from_stage=start,
                    to_stage=end,
                    changed_at=applied + timedelta(days=day + number),
                )
                for start, end, day in moves
            )

        new = migrate([("ats", "0017_history_from_stage_entered_at")])
        rows = {
            (row.application.candidate.username, row.to_stage): row.from_stage_entered_at
            for row in new.get_model("ats", "ApplicationHistory").objects.select_related("application__candidate")
        }
        assert rows == {
            ("legacy-0", "Applied"): None,
            ("legacy-0", "Screening"): applied,
            ("legacy-0", "Interview"): applied + timedelta(days=4),
            ("legacy-1", "Applied"): None,
            ("legacy-1", "Screening"): applied + timedelta(days=1),
            ("legacy-1", "Interview"): applied + timedelta(days=5),
        }
    finally:
        migrate_to_latest()
