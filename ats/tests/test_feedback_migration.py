"""Migrations 0010-0011: the earlier 1-5 feedback becomes general reviews on the
4-point scale (5 strong yes, 4 yes, 2-3 no, 1 strong no) with the comments
kept, and every existing job gets the default scorecard criteria."""

import pytest

from ats.tests.migrating import migrate, migrate_to_latest

BEFORE = [("ats", "0009_interviews_and_scorecards")]
AFTER = [("ats", "0011_remove_feedback")]


@pytest.mark.django_db(transaction=True)
def test_feedback_becomes_general_reviews_on_the_4_point_scale():
    old = migrate(BEFORE)
    try:
        company = old.get_model("ats", "Company").objects.create(name="Legacy Co")
        User = old.get_model("ats", "User")
        job = old.get_model("ats", "Job").objects.create(company=company, title="Old job", description="d")
        candidate = User.objects.create(username="old-candidate", role="candidate", password="!")
        Application = old.get_model("ats", "Application")
        application = Application.objects.create(candidate=candidate, job=job)
        Feedback = old.get_model("ats", "Feedback")
        for rating in (1, 2, 3, 4, 5):
            reviewer = User.objects.create(
                username=f"reviewer{rating}", role="recruiter", company=company, password="!"
            )
            Feedback.objects.create(
                application=application, reviewer=reviewer, rating=rating, comment=f"Said {rating}."
            )

        new = migrate(AFTER)
        Scorecard = new.get_model("ats", "Scorecard")
        cards = {
            card.author.username: (card.recommendation, card.notes, card.interview_id)
            for card in Scorecard.objects.select_related("author")
        }
        assert cards == {
            "reviewer1": (1, "Said 1.", None),
            "reviewer2": (2, "Said 2.", None),
            "reviewer3": (2, "Said 3.", None),
            "reviewer4": (3, "Said 4.", None),
            "reviewer5": (4, "Said 5.", None),
        }
        criteria = new.get_model("ats", "ScorecardCriterion").objects.filter(job_id=job.pk).order_by("position")
        assert list(criteria.values_list("name", flat=True)) == [
            "Role-specific skills",
            "Problem solving",
            "Communication",
            "Collaboration",
        ]
    finally:
        migrate_to_latest()
