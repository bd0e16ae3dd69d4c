"""Limits on free text (ats.models.limited_text): a TextField's max_length and validator
live in Django's state only. The column stays `text` (the limit is checked by the model,
the forms and the API), so nothing is written to the database: SQLite would otherwise
rebuild each table, and rows longer than a limit stay readable."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ats", "0019_user_username_skeleton"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="application",
                    name="cover_letter",
                    field=models.TextField(
                        blank=True, max_length=10000, validators=[django.core.validators.MaxLengthValidator(10000)]
                    ),
                ),
                migrations.AlterField(
                    model_name="applicationhistory",
                    name="note",
                    field=models.TextField(
                        blank=True, max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)]
                    ),
                ),
                migrations.AlterField(
                    model_name="applicationnote",
                    name="body",
                    field=models.TextField(
                        max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)]
                    ),
                ),
                migrations.AlterField(
                    model_name="bulkaction",
                    name="note",
                    field=models.TextField(
                        blank=True, max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)]
                    ),
                ),
                migrations.AlterField(
                    model_name="job",
                    name="description",
                    field=models.TextField(
                        max_length=20000, validators=[django.core.validators.MaxLengthValidator(20000)]
                    ),
                ),
                migrations.AlterField(
                    model_name="scorecard",
                    name="notes",
                    field=models.TextField(
                        blank=True, max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)]
                    ),
                ),
                migrations.AlterField(
                    model_name="scorecardrating",
                    name="note",
                    field=models.TextField(
                        blank=True, max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)]
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
