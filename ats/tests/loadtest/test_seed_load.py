"""manage.py seed_load: the demo data scaled up for the load test, in bulk, idempotent."""

from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import check_password
from django.core.management import call_command

from ats.management.commands.seed_load import load_candidate_username, load_recruiter_username
from ats.models import Application, ApplicationHistory, Job, User
from ats.workflow import Stage

pytestmark = pytest.mark.django_db


def test_it_adds_open_jobs_candidates_recruiters_and_applications_in_the_issues_mix_once():
    call_command("seed_load", jobs=4, applications=40, force=True, stdout=None)

    jobs = Job.objects.filter(title__contains="(load ")
    assert jobs.count() == 4
    assert set(jobs.values_list("status", flat=True)) == {Job.Status.OPEN}
    applications = Application.objects.filter(job__in=jobs)
    assert applications.count() == 40
    stages = Counter(applications.values_list("stage", flat=True))
    assert stages == {
        Stage.APPLIED: 16,
        Stage.SCREENING: 8,
        Stage.INTERVIEW: 6,
        Stage.OFFER: 2,
        Stage.HIRED: 2,
        Stage.REJECTED: 6,
    }
    # Each application's history walks its path; a rejection has the company's reason.
    hired = applications.filter(stage=Stage.HIRED).first()
    assert list(ApplicationHistory.objects.filter(application=hired).values_list("to_stage", flat=True)) == [
        "Applied",
        "Screening",
        "Interview",
        "Offer",
        "Hired",
    ]
    rejected = ApplicationHistory.objects.filter(application__in=applications, to_stage=Stage.REJECTED)
    assert not rejected.filter(reason=None).exists()

    candidate = User.objects.get(username=load_candidate_username(0))
    assert candidate.role == User.Role.CANDIDATE and check_password("1234", candidate.password)
    assert EmailAddress.objects.get(user=candidate).verified
    assert candidate.username_skeleton
    assert candidate.applications.count() == 4
    recruiter = User.objects.get(username=load_recruiter_username("Globex", 4))
    assert recruiter.role == User.Role.RECRUITER and recruiter.company.name == "Globex"

    call_command("seed_load", jobs=4, applications=40, force=True, stdout=None)

    assert Application.objects.filter(job__in=jobs).count() == 40
    assert Job.objects.filter(title__contains="(load ").count() == 4


def test_it_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False

    with pytest.raises(Exception, match="--force"):
        call_command("seed_load", jobs=4, applications=4)
