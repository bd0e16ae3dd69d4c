from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ats", "0007_rejection_reasons"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="applicationhistory",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("reason__isnull", False), ("to_stage", "Rejected")),
                    models.Q(models.Q(("to_stage", "Rejected"), _negated=True), ("reason__isnull", True)),
                    _connector="OR",
                ),
                name="history_reason_with_rejection",
            ),
        ),
    ]
