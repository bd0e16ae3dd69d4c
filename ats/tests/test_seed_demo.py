import io
import statistics
from datetime import timedelta
from itertools import pairwise

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ats import search
from ats.demo import DEMO_HISTORY_CANDIDATES, DEMO_USERS, demo_history
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
from ats.workflow import BOARD_ORDER, PIPELINE, can_transition


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


HISTORY_USERNAMES = [demo.username for demo in DEMO_HISTORY_CANDIDATES]


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
    # The history mostly lands on the other jobs, so the first job's board stays readable.
    assert first_job.applications.count() <= 20

    for username in ("candidate1", "candidate2"):
        assert Application.objects.filter(candidate__username=username).values("stage").distinct().count() >= 2
    # Every demo user can log in despite mandatory email verification.
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == User.objects.count()


@pytest.mark.django_db
def test_seed_demo_history_follows_the_pipeline_to_each_stage(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    for application in Application.objects.all():
        rows = list(application.history.order_by("changed_at", "id"))
        assert (rows[0].from_stage, rows[0].to_stage) == ("", "Applied")
        for previous, row in pairwise(rows):
            assert row.from_stage == previous.to_stage
            assert can_transition(row.from_stage, row.to_stage)
            assert row.changed_at > previous.changed_at
        assert rows[-1].to_stage == application.stage
        assert application.created_at == rows[0].changed_at
        assert application.stage_changed_at == rows[-1].changed_at
        assert application.last_activity_at >= rows[-1].changed_at


@pytest.mark.django_db
def test_only_the_listed_demo_candidates_send_resumes(demo):
    listed = Application.objects.filter(candidate__username__in=[user.username for user in DEMO_USERS])
    assert all(name.endswith((".pdf", ".docx")) for name in listed.values_list("resume", flat=True))
    # The history's candidates send none, which keeps seeding fast.
    history = Application.objects.filter(candidate__username__in=HISTORY_USERNAMES)
    assert set(history.values_list("resume", "resume_text_status")) == {("", "none")}


@pytest.mark.django_db
def test_seed_demo_rejections_carry_reasons_and_candidate2_withdrew_one(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())

    rejections = ApplicationHistory.objects.filter(to_stage="Rejected").select_related("reason", "application__job")
    assert rejections.count() >= 3
    for row in rejections:
        assert row.reason.company_id == row.application.job.company_id
    withdrawn = rejections.get(reason__code="withdrawn", application__candidate__username="candidate2")
    assert withdrawn.changed_by.username == "candidate2"
    for row in rejections.filter(reason__code="withdrawn"):
        assert row.changed_by_id == row.application.candidate_id
        assert row.notify_candidate is False
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
    assert {card.author.username for card in interviewed} >= {"manager1", "recruiter1"}
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


# The history: months of past applications for analytics -----------------------------------


def acme_history():
    return ApplicationHistory.objects.filter(application__job__company__name="Acme")


def test_the_demo_history_is_planned_the_same_every_time():
    assert demo_history() == demo_history()


@pytest.mark.django_db
def test_the_demo_spans_four_months_at_acme_and_nothing_is_in_the_future(demo):
    now = timezone.now()
    earliest = acme_history().order_by("changed_at").first().changed_at
    assert earliest <= now - timedelta(days=120)
    assert not ApplicationHistory.objects.filter(changed_at__gt=now).exists()
    for field in ("created_at", "stage_changed_at", "last_activity_at"):
        assert not Application.objects.filter(**{f"{field}__gt": now}).exists()
    assert not Scorecard.objects.filter(submitted_at__gt=now).exists()
    # The only interview ahead is the demo's upcoming one with manager1.
    ahead = Interview.objects.filter(status="scheduled", starts_at__gt=now)
    assert list(ahead.values_list("application__candidate__username", flat=True)) == ["candidate5"]
    for job in Job.objects.filter(company__name="Acme", status="open"):
        assert job.applications.filter(created_at__gte=now - timedelta(days=90)).count() >= 5


@pytest.mark.django_db
def test_every_stage_is_reached_at_acme_within_the_last_90_days(demo):
    recent = acme_history().filter(changed_at__gte=timezone.now() - timedelta(days=90))
    assert set(recent.values_list("to_stage", flat=True)) == set(BOARD_ORDER)
    # Rejections come from every stage before Hired, not only from Applied.
    rejected_from = set(recent.filter(to_stage="Rejected").values_list("from_stage", flat=True))
    assert rejected_from == set(PIPELINE[:-1])


@pytest.mark.django_db
def test_acme_hires_in_at_least_three_different_months(demo):
    hires = acme_history().filter(to_stage="Hired").values_list("changed_at", flat=True)
    assert len({(moment.year, moment.month) for moment in hires}) >= 3


@pytest.mark.django_db
def test_the_history_has_reasons_withdrawals_and_sources(demo):
    history = Application.objects.filter(candidate__username__in=HISTORY_USERNAMES, job__company__name="Acme")
    rows = ApplicationHistory.objects.filter(application__in=history, to_stage="Rejected")
    codes = set(rows.values_list("reason__code", flat=True))
    assert codes >= {"not_qualified", "another_candidate_chosen", "position_filled", "no_response", "withdrawn"}
    assert rows.filter(reason__code="withdrawn", notify_candidate=False).count() >= 2
    sources = set(history.values_list("source", flat=True))
    assert sources == {"job board", "linkedin", "referral", "indeed", "careers page"}
    # Referrals carry Acme's Referral tag.
    assert all(tag == "Referral" for tag in history.filter(source="referral").values_list("tags__name", flat=True))


@pytest.mark.django_db
def test_the_time_in_each_stage_differs_per_stage(demo):
    days: dict[str, list[float]] = {}
    for application in Application.objects.filter(candidate__username__in=HISTORY_USERNAMES):
        rows = list(application.history.all())
        for row, following in pairwise(rows):
            days.setdefault(row.to_stage, []).append((following.changed_at - row.changed_at).total_seconds() / 86400)
    medians = {stage: statistics.median(values) for stage, values in days.items()}
    assert set(medians) == {"Applied", "Screening", "Interview", "Offer"}
    assert len({round(median) for median in medians.values()}) >= 3


@pytest.mark.django_db
def test_past_interviews_have_scorecards_but_not_all_of_them(demo):
    past = Interview.objects.filter(
        status="scheduled", ends_at__lt=timezone.now(), application__candidate__username__in=HISTORY_USERNAMES
    ).prefetch_related("interviewers", "scorecards")
    assert past.count() >= 20
    due = submitted = 0
    for interview in past:
        # Planned and held while the application was in a stage that has interviews.
        assert interview.starts_at is not None and interview.ends_at is not None
        moves = {row.to_stage: row.changed_at for row in interview.application.history.all()}
        assert moves["Screening"] < interview.created_at < interview.starts_at
        closed = moves.get("Hired") or moves.get("Rejected")
        assert closed is None or interview.ends_at < closed
        authors = {card.author_id for card in interview.scorecards.all()}
        assert authors <= {user.pk for user in interview.interviewers.all()}
        due += interview.interviewers.count()
        submitted += len(authors)
    assert 0 < submitted < due
    assert {user.username for interview in past for user in interview.interviewers.all()} >= {
        "recruiter1",
        "manager1",
        "manager2",
    }
    cards = Scorecard.objects.filter(interview__in=past)
    assert all(card.ratings.count() == 4 for card in cards)
    assert len(set(cards.values_list("recommendation", flat=True))) == 4


@pytest.mark.django_db
def test_the_history_candidates_are_named_people_who_can_log_in(demo):
    people = User.objects.filter(username__in=HISTORY_USERNAMES)
    assert people.count() == len(HISTORY_USERNAMES) >= 60
    assert all(person.has_name and person.role == "candidate" for person in people)
    assert people.values("time_zone").distinct().count() >= 20
    assert EmailAddress.objects.filter(user__in=people, verified=True, primary=True).count() == people.count()
    assert people.first().check_password("1234")


@pytest.mark.django_db
def test_search_finds_the_history_candidates_by_name(demo):
    # On PostgreSQL this reads the search documents the seed writes in one batch.
    found = search.search_filter(Application.objects.all(), "Virtanen")
    assert list(found.values_list("candidate__first_name", flat=True)) == ["Elias"]
