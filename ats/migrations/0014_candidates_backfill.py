"""Existing applications join the candidates list: a resume waits for its text to
be read (the extraction task, or `manage.py extract_resume_texts`), the last
activity is the latest of what happened to it so far, and PostgreSQL gets the
GIN index that full-text search reads."""

from django.db import migrations
from django.db.models import DateTimeField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest

GIN_INDEX = "application_search_vector_gin"


def _latest(model, field: str):
    return Subquery(
        model.objects.filter(application_id=OuterRef("pk")).order_by(f"-{field}").values(field)[:1],
        output_field=DateTimeField(),
    )


def backfill(apps, schema_editor) -> None:
    Application = apps.get_model("ats", "Application")
    ApplicationNote = apps.get_model("ats", "ApplicationNote")
    Scorecard = apps.get_model("ats", "Scorecard")
    Interview = apps.get_model("ats", "Interview")
    Application.objects.exclude(resume="").update(resume_text_status="pending")
    # Greatest is NULL on SQLite when any argument is: each subquery falls back to the stage change.
    Application.objects.update(
        last_activity_at=Greatest(
            "created_at",
            "stage_changed_at",
            Coalesce(_latest(ApplicationNote, "created_at"), "stage_changed_at"),
            Coalesce(_latest(Scorecard, "submitted_at"), "stage_changed_at"),
            Coalesce(_latest(Interview, "updated_at"), "stage_changed_at"),
        )
    )


def undo_backfill(apps, schema_editor) -> None:
    # The fields themselves go with the previous migration; nothing to restore.
    pass


def create_gin_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        # The backfill updated rows twice in this transaction, which queues their deferred
        # foreign-key checks, and PostgreSQL refuses CREATE INDEX on a table with pending
        # trigger events ("cannot CREATE INDEX ... pending trigger events"): run them now.
        schema_editor.connection.check_constraints()
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON ats_application USING gin (search_vector)")


def drop_gin_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("ats", "0013_candidates_search_tags_bulk")]

    operations = [
        migrations.RunPython(backfill, undo_backfill),
        migrations.RunPython(create_gin_index, drop_gin_index),
    ]
