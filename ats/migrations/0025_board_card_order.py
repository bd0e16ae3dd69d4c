"""The board reads each column's first cards from an index on (job, stage,
stage_changed_at, id). On PostgreSQL it is built CONCURRENTLY: the applications
table may be the largest, and a plain CREATE INDEX would hold its writes (every
move, every application) until the build is done."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models
from django.db.migrations import AddIndex


class AddIndexConcurrentlyOnPostgreSQL(AddIndexConcurrently):
    """CREATE INDEX CONCURRENTLY on PostgreSQL, a plain CREATE INDEX elsewhere (SQLite)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY can't run inside a transaction.
    atomic = False

    dependencies = [
        ("ats", "0024_company_require_two_factor"),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgreSQL(
            model_name="application",
            index=models.Index(fields=["job", "stage", "stage_changed_at", "id"], name="application_board_order"),
        ),
    ]
