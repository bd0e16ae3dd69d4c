"""The earlier 1-5 feedback becomes general reviews (scorecards without an
interview) on the 4-point scale, comments kept; every existing job gets the
default scorecard criteria that new jobs start with.

The scale and the defaults are copied here, not imported: a migration must
keep meaning what it meant when it was written.
"""

from django.db import migrations

FIVE_POINT_TO_RATING = {5: 4, 4: 3, 3: 2, 2: 2, 1: 1}
DEFAULT_CRITERIA = ("Role-specific skills", "Problem solving", "Communication", "Collaboration")


def forwards(apps, schema_editor):
    Feedback = apps.get_model("ats", "Feedback")
    Scorecard = apps.get_model("ats", "Scorecard")
    Job = apps.get_model("ats", "Job")
    ScorecardCriterion = apps.get_model("ats", "ScorecardCriterion")
    Scorecard.objects.bulk_create(
        Scorecard(
            application_id=item.application_id,
            interview=None,
            author_id=item.reviewer_id,
            recommendation=FIVE_POINT_TO_RATING[item.rating],
            notes=item.comment,
            submitted_at=item.updated_at or item.created_at,
        )
        for item in Feedback.objects.order_by("pk").iterator()
    )
    without_criteria = Job.objects.filter(scorecard_criteria__isnull=True).values_list("pk", flat=True)
    ScorecardCriterion.objects.bulk_create(
        ScorecardCriterion(job_id=job_id, name=name, position=position)
        for job_id in without_criteria.iterator()
        for position, name in enumerate(DEFAULT_CRITERIA)
    )


def backwards(apps, schema_editor):
    """Back to 1-5 feedback from the general reviews (4 -> 5, 3 -> 4, 2 -> 2, 1 -> 1)."""
    Feedback = apps.get_model("ats", "Feedback")
    Scorecard = apps.get_model("ats", "Scorecard")
    back = {4: 5, 3: 4, 2: 2, 1: 1}
    Feedback.objects.bulk_create(
        Feedback(
            application_id=card.application_id,
            reviewer_id=card.author_id,
            rating=back[card.recommendation],
            comment=card.notes,
        )
        for card in Scorecard.objects.filter(interview__isnull=True).order_by("pk").iterator()
    )
    Scorecard.objects.filter(interview__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("ats", "0009_interviews_and_scorecards")]

    operations = [migrations.RunPython(forwards, backwards)]
