"""Rejection reasons: every company's list, and the reason of every rejection in the history.

Existing companies get the default list; existing rejections get the reason
`other`, their note staying as the free text. The rule that every rejection
has a reason is added by the next migration, in its own transaction
(PostgreSQL refuses to alter a table with pending deferred-constraint checks
from the rows updated here).
"""

import django.db.models.deletion
from django.db import migrations, models

# The defaults as they were when this migration was written (workflow.DEFAULT_REJECTION_REASONS
# may change later; a migration must not).
DEFAULT_REASONS = (
    ("not_qualified", "Not qualified"),
    ("another_candidate_chosen", "Another candidate chosen"),
    ("position_filled", "Position filled"),
    ("no_response", "No response"),
    ("withdrawn", "Withdrawn"),
    ("other", "Other"),
)


def add_default_reasons_and_backfill(apps, schema_editor) -> None:
    """Give every company the default reasons, and every rejection already in the
    history the reason `other` (its note is kept as the free text)."""
    Company = apps.get_model("ats", "Company")
    RejectionReason = apps.get_model("ats", "RejectionReason")
    ApplicationHistory = apps.get_model("ats", "ApplicationHistory")
    for company in Company.objects.order_by("pk"):
        for position, (code, label) in enumerate(DEFAULT_REASONS):
            RejectionReason.objects.get_or_create(
                company=company, code=code, defaults={"label": label, "position": position}
            )
        other = RejectionReason.objects.get(company=company, code="other")
        # A queryset update: the historical model has no append-only save(), and
        # this is the one edit the rows get (they had no reason field before).
        ApplicationHistory.objects.filter(
            to_stage="Rejected", reason__isnull=True, application__job__company=company
        ).update(reason=other)


class Migration(migrations.Migration):
    dependencies = [
        ("ats", "0006_user_profile"),
    ]

    operations = [
        migrations.CreateModel(
            name="RejectionReason",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField()),
                ("label", models.CharField(max_length=100)),
                ("position", models.PositiveIntegerField(default=0)),
                ("active", models.BooleanField(default=True)),
                (
                    "company",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="rejection_reasons",
                        to="ats.company",
                    ),
                ),
            ],
            options={
                "ordering": ["company", "position", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("company", "code"),
                        name="rejection_reason_unique_code",
                        violation_error_message="This company already has a reason with that code.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("code", ""), _negated=True), name="rejection_reason_code_not_empty"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("label", ""), _negated=True), name="rejection_reason_label_not_empty"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("active", True),
                            models.Q(("code__in", ["other", "withdrawn"]), _negated=True),
                            _connector="OR",
                        ),
                        name="rejection_reason_system_active",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="applicationhistory",
            name="reason",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="history",
                to="ats.rejectionreason",
            ),
        ),
        migrations.AddField(
            model_name="applicationhistory",
            name="notify_candidate",
            field=models.BooleanField(default=True),
        ),
        migrations.RunPython(add_default_reasons_and_backfill, migrations.RunPython.noop),
    ]
