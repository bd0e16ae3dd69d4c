"""Migration 0021: jobs posted before it are found by the job board's search, on
PostgreSQL through their new search documents."""

import pytest
from django.db import connection

from ats.selectors.jobs import jobs_public_search
from ats.tests.migrating import migrate, migrate_to_latest


@pytest.mark.django_db(transaction=True)
def test_migration_0021_writes_the_search_document_of_every_existing_job():
    old = migrate([("ats", "0020_bounded_free_text")])
    try:
        company = old.get_model("ats", "Company").objects.create(name="Legacy Lighthouses")
        Job = old.get_model("ats", "Job")
        Job.objects.create(
            company=company, title="Keeper", description="Trim the wicks.", location="Cork", status="open"
        )
        Job.objects.create(company=company, title="Boatman", description="Row out.", location="Cobh", status="open")

        new = migrate([("ats", "0021_job_search_vector")])

        documents = dict(new.get_model("ats", "Job").objects.values_list("title", "search_vector"))
        if connection.vendor == "postgresql":
            assert set(documents) == {"Keeper", "Boatman"}
            assert "'keeper':1A" in documents["Keeper"]
            assert "'lighthouses'" in documents["Keeper"] and "'wicks'" in documents["Keeper"]
        else:
            assert documents == {"Keeper": None, "Boatman": None}  # SQLite searches the fields themselves
    finally:
        migrate_to_latest()
    assert [job.title for job in jobs_public_search(query="lighthouse wick")] == ["Keeper"]
