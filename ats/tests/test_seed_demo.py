import io

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ats.models import (
    Application,
    ApplicationHistory,
    Company,
    Interview,
    InterviewSlot,
    Job,
    Scorecard,
    ScorecardCriterion,
    Tag,
    User,
)
from ats.workflow import BOARD_ORDER, path_to


def snapshot():
    return {
        "companies": sorted(Company.objects.values_list("name", flat=True)),
        "users": sorted(User.objects.values_list("username", "role", "company__name")),
        "jobs": sorted(Job.objects.values_list("company__name", "title", "status")),
        "applications": sorted(Application.objects.values_list("candidate__username", "job__title", "stage")),
        "history": ApplicationHistory.objects.count(),
        "assignments": sorted(Job.hiring_managers.through.objects.values_list("job__title", "user__username")),
        "interviews": sorted(Interview.objects.values_list("application__candidate__username", "title", "status")),
        "slots": InterviewSlot.objects.count(),
        "scorecards": sorted(Scorecard.objects.values_list("author__username", "application_id", "recommendation")),
        "criteria": ScorecardCriterion.objects.count(),
        "tags": sorted(Tag.objects.values_list("company__name", "name")),
        "taggings": sorted(Application.tags.through.objects.values_list("application_id", "tag__name")),
    }


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_data(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


@pytest.mark.django_db
def test_seed_demo_matches_the_domain(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())

    assert User.objects.get(username="recruiter1").check_password("1234")
    roles = dict(User.objects.values_list("username", "role"))
    assert roles["recruiter1"] == roles["recruiter2"] == "recruiter"
    assert roles["manager1"] == roles["manager2"] == "hiring_manager"
    assert roles["candidate1"] == roles["candidate2"] == "candidate"
    assert User.objects.get(username="recruiter2").company.name == "Globex"

    for company in ("Acme", "Globex"):
        statuses = list(Job.objects.filter(company__name=company).values_list("status", flat=True))
        assert statuses.count("open") >= 3 and "draft" in statuses and "closed" in statuses

    first_job = Job.objects.filter(company__name="Acme", status="open").order_by("id").first()
    assert list(first_job.hiring_managers.values_list("username", flat=True)) == ["manager1"]
    assert not User.objects.get(username="manager2").assigned_jobs.exists()
    assert set(first_job.applications.values_list("stage", flat=True)) == set(BOARD_ORDER)

    for username in ("candidate1", "candidate2"):
        assert Application.objects.filter(candidate__username=username).values("stage").distinct().count() >= 2
    # Every demo user can log in despite mandatory email verification.
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == User.objects.count()


@pytest.mark.django_db
def test_seed_demo_history_matches_each_stage(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    for application in Application.objects.all():
        rows = list(application.history.order_by("changed_at", "id").values_list("from_stage", "to_stage"))
        path = path_to(application.stage)
        assert rows == list(zip(["", *path[:-1]], path, strict=True))
        assert application.resume.name.endswith((".pdf", ".docx"))


@pytest.mark.django_db
def test_seed_demo_rejections_carry_reasons_and_candidate2_withdrew_one(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())

    rejections = ApplicationHistory.objects.filter(to_stage="Rejected").select_related("reason", "application__job")
    assert rejections.count() >= 3
    for row in rejections:
        assert row.reason.company_id == row.application.job.company_id
    withdrawn = rejections.get(reason__code="withdrawn")
    assert withdrawn.changed_by.username == withdrawn.application.candidate.username == "candidate2"
    assert withdrawn.notify_candidate is False
    assert {row.reason.code for row in rejections} >= {"not_qualified", "another_candidate_chosen", "withdrawn"}
    for company in Company.objects.all():
        assert company.rejection_reasons.count() == 6


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not User.objects.exists()
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert User.objects.filter(username="recruiter1").exists()


@pytest.mark.django_db
def test_every_demo_person_has_a_name_and_a_time_zone_of_their_own(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    people = User.objects.filter(username__in=["recruiter1", "manager1", "recruiter2", "candidate1"])
    assert sorted(people.values_list("username", "first_name", "last_name", "time_zone")) == [
        ("candidate1", "Casey", "Morgan", "Europe/Dublin"),
        ("manager1", "Max", "Moreau", "Europe/Paris"),
        ("recruiter1", "Rita", "Reyes", "Europe/Berlin"),
        ("recruiter2", "Gus", "Grant", "America/New_York"),
    ]
    assert all(user.has_name for user in User.objects.all())


@pytest.mark.django_db
def test_seed_demo_has_an_interview_loop_to_show(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    now = timezone.now()
    upcoming = Interview.objects.filter(status="scheduled", starts_at__gt=now, interviewers__username="manager1")
    assert upcoming.exists()
    offered = Interview.objects.get(status="offered", application__candidate__username="candidate1")
    assert offered.slots.filter(starts_at__gt=now).count() >= 2
    interviewed = Scorecard.objects.filter(interview__isnull=False)
    assert {card.author.username for card in interviewed} == {"manager1", "recruiter1"}
    assert all(card.ratings.count() == 4 for card in interviewed)
    assert Scorecard.objects.filter(interview__isnull=True).exists()
    assert not Job.objects.filter(scorecard_criteria__isnull=True).exists()


@pytest.mark.django_db
def test_seed_demo_applications_carry_their_companys_tags(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    assert set(Tag.objects.filter(company__name="Acme").values_list("name", flat=True)) == {
        "Top 5",
        "Referral",
        "Relocating",
        "Strong portfolio",
    }
    assert Tag.objects.filter(company__name="Globex").exists()
    first_job = Job.objects.filter(company__name="Acme", status="open").order_by("id").first()
    assert first_job.applications.filter(tags__name="Top 5").count() >= 3
    for application in Application.objects.filter(tags__isnull=False).distinct():
        assert {tag.company_id for tag in application.tags.all()} == {application.job.company_id}
