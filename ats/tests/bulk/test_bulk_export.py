"""The bulk bar's "Export as CSV": the selected applications the user may see, one
row each, with cells a spreadsheet would run as formulas defused."""

import csv
import io
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from ats.models import Application, Tag
from ats.tests import factories
from ats.tests.bulk.conftest import ids, make_applications

URL = "/workspace/candidates/bulk/"
HEADER = ["Name", "Email", "Job", "Stage", "Days in stage", "Applied", "Source", "Tags", "Last activity"]


def export(client, applications=(), **fields):
    data = {"token": str(uuid.uuid4()), "action": "export", "applications": [str(pk) for pk in ids(applications)]}
    return client.post(URL, {**data, **fields})


def rows_of(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


@pytest.mark.django_db
def test_the_export_has_a_row_per_selected_application(client, recruiter, job, candidate):
    application = factories.ApplicationFactory(job=job, candidate=candidate, source="linkedin")
    application.tags.add(
        Tag.objects.create(company=job.company, name="Top 5"), Tag.objects.create(company=job.company, name="Referral")
    )
    Application.objects.filter(pk=application.pk).update(
        # Midday three days ago, local time: three days in the stage whatever the hour the test runs.
        stage_changed_at=timezone.localtime().replace(hour=12) - timedelta(days=3),
        created_at=timezone.now() - timedelta(days=10),
    )
    application.refresh_from_db()
    client.force_login(recruiter)
    response = export(client, [application])

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="candidates-')
    assert response["Cache-Control"] == "private, no-store"
    local_activity = timezone.localtime(application.last_activity_at).strftime("%Y-%m-%d %H:%M")
    assert rows_of(response) == [
        HEADER,
        [
            candidate.display_name,
            candidate.email,
            "Backend Engineer",
            "Applied",
            "3",
            timezone.localdate(application.created_at).isoformat(),
            "linkedin",
            "Referral; Top 5",
            local_activity,
        ],
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe(client, recruiter, job, start):
    sly = factories.CandidateFactory(first_name=f'{start}HYPERLINK("http://evil")', last_name="Smith")
    factories.ApplicationFactory(job=job, candidate=sly, source=f"{start}2+3")
    client.force_login(recruiter)
    name, _, _, _, days, _, source, _, _ = rows_of(export(client, Application.objects.all()))[1]
    assert source == f"'{start}2+3"
    if start.strip():
        # A full name is stripped of whitespace at its ends, so only the others reach it.
        assert name == f'\'{start}HYPERLINK("http://evil") Smith'
    # Numbers the export writes itself stay numbers.
    assert days == "0"


@pytest.mark.django_db
def test_applications_the_user_may_not_see_are_left_out(
    settings, client, hiring_manager, job, unassigned_job, globex_job
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    mine = make_applications(job, 2)
    hidden = make_applications(unassigned_job, 1) + make_applications(globex_job, 1)
    client.force_login(hiring_manager)
    rows = rows_of(export(client, mine + hidden))
    assert sorted(row[1] for row in rows[1:]) == sorted(app.candidate.email for app in mine)


@pytest.mark.django_db
def test_select_all_exports_what_the_filters_match(client, recruiter, job):
    screening = make_applications(job, 2, stage="Screening")
    make_applications(job, 3)
    client.force_login(recruiter)
    rows = rows_of(export(client, select_all="1", matching="stage=Screening"))
    assert sorted(row[1] for row in rows[1:]) == sorted(app.candidate.email for app in screening)


@pytest.mark.django_db
def test_the_export_runs_the_same_queries_for_few_rows_and_many(client, recruiter, job, django_assert_num_queries):
    client.force_login(recruiter)
    few = make_applications(job, 2)
    many = few + make_applications(job, 20)
    response = export(client, few)
    with django_assert_num_queries(2):
        assert len(rows_of(response)) == 3
    response = export(client, many)
    with django_assert_num_queries(2):
        assert len(rows_of(response)) == 23
