from django.db import migrations


class Migration(migrations.Migration):
    # Its own migration: PostgreSQL won't drop a table in the transaction that
    # just wrote rows pointing at the same applications (pending trigger events).
    dependencies = [("ats", "0010_feedback_becomes_scorecards")]

    operations = [migrations.DeleteModel(name="Feedback")]
