"""Migration 0025: the board's index on applications, built CONCURRENTLY on PostgreSQL
so that moves and applications go on while it builds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ats.tests.migrating import migrate, migrate_to_latest

INDEX = "application_board_order"


def application_indexes() -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, "ats_application")


@pytest.mark.django_db(transaction=True)
def test_migration_0025_builds_the_boards_index_and_0024_drops_it():
    try:
        migrate([("ats", "0024_company_require_two_factor")])
        assert INDEX not in application_indexes()

        with CaptureQueriesContext(connection) as queries:
            migrate([("ats", "0025_board_card_order")])

        index = application_indexes()[INDEX]
        assert index["columns"] == ["job_id", "stage", "stage_changed_at", "id"]
        creates = [query["sql"] for query in queries if "CREATE INDEX" in query["sql"]]
        if connection.vendor == "postgresql":
            assert len(creates) == 1 and creates[0].startswith(f'CREATE INDEX CONCURRENTLY "{INDEX}"')
            with connection.cursor() as cursor:
                cursor.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = %s::regclass", [INDEX])
                assert cursor.fetchone() == (True,)
        else:
            assert len(creates) == 1 and creates[0].startswith(f'CREATE INDEX "{INDEX}"')
    finally:
        migrate_to_latest()
    assert INDEX in application_indexes()
