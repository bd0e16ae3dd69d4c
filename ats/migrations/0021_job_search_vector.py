"""The public job board searches through a document per job on PostgreSQL: the column,
its GIN index, and the documents of the jobs that exist (written as ats.search writes
them). SQLite searches the fields themselves and keeps the column empty. The board's
location filter reads an index of open jobs' places."""

import django.contrib.postgres.search
from django.db import migrations, models

GIN_INDEX = "job_search_vector_gin"
# ats.search.JOB_SEARCH_CONFIG and JOB_DESCRIPTION_MAX_LENGTH as they are today: a
# migration keeps the values it was written with.
CONFIG = "simple"
DESCRIPTION_CHARS = 20_000


def write_documents(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        """
        UPDATE ats_job AS j SET search_vector =
            setweight(to_tsvector(%s, j.title), 'A')
            || setweight(to_tsvector(%s, c.name || ' ' || j.location), 'B')
            || setweight(to_tsvector(%s, left(j.description, %s)), 'C')
        FROM ats_company AS c
        WHERE c.id = j.company_id
        """,
        [CONFIG, CONFIG, CONFIG, DESCRIPTION_CHARS],
    )
    # The update queued deferred foreign-key checks; CREATE INDEX refuses to run beside them.
    schema_editor.connection.check_constraints()
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON ats_job USING gin (search_vector)")


def drop_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("ats", "0020_bounded_free_text")]

    operations = [
        migrations.AddField(
            model_name="job",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(write_documents, drop_index),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(fields=["status", "location"], name="job_status_location"),
        ),
    ]
