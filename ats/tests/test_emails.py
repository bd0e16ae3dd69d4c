"""Who gets which email for each event of domain.md, with what subject and link.

These look at the outbox rows the services write in their transaction (what
will be sent); test_outbox.py follows them through the queue to the mailbox.
"""

import pytest

from ats import workflow
from ats.models import OutboxEmail
from ats.notifications import Event, notify
from ats.services.applications import application_change_stage, application_create
from ats.services.jobs import job_assign_hiring_manager, job_unassign_hiring_manager
from ats.tests import factories
from ats.workflow import Stage

SITE = "https://ats.example.com"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def emails_to(*users) -> dict[str, OutboxEmail]:
    return {email.to: email for email in OutboxEmail.objects.filter(to__in=[user.email for user in users])}


def move(application, actor, *stages):
    for stage in stages:
        reason = "not_qualified" if workflow.needs_reason(stage) else None
        application_change_stage(application=application, to_stage=stage, actor=actor, reason=reason)


@pytest.mark.django_db
def test_it_emails_the_candidate_and_the_company_recruiters_when_an_application_is_created(
    candidate, job, recruiter, hiring_manager, outsider_recruiter
):
    second_recruiter = factories.RecruiterFactory(username="ron", company=job.company)

    application = application_create(candidate=candidate, job=job)

    assert sorted(OutboxEmail.objects.values_list("to", flat=True)) == sorted(
        [candidate.email, recruiter.email, second_recruiter.email]
    )
    confirmation = OutboxEmail.objects.get(to=candidate.email)
    assert confirmation.subject == "We received your application for Backend Engineer at Acme"
    assert f"{SITE}/applications/" in confirmation.text_body
    assert f'href="{SITE}/applications/"' in confirmation.html_body
    for teammate in (recruiter, second_recruiter):
        notice = OutboxEmail.objects.get(to=teammate.email)
        assert notice.subject == f"New application for Backend Engineer: {candidate.display_name}"
        assert f"{SITE}/workspace/applications/{application.pk}/" in notice.text_body
        assert f'href="{SITE}/workspace/applications/{application.pk}/"' in notice.html_body
        assert notice.status == OutboxEmail.Status.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "subject", "says"),
    [
        ([Stage.SCREENING], "Your application for Backend Engineer at Acme is being reviewed", "started reviewing"),
        ([Stage.SCREENING, Stage.INTERVIEW], "Acme would like to interview you for Backend Engineer", "meet you"),
        ([Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER], "An offer from Acme for Backend Engineer", "offer"),
        ([Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED], "Welcome to Acme!", "you've been hired"),
        ([Stage.REJECTED], "Your application for Backend Engineer at Acme", "decided not to move forward"),
    ],
    ids=lambda value: value[-1] if isinstance(value, list) else "",
)
def test_it_emails_the_candidate_a_message_specific_to_each_stage(application, recruiter, path, subject, says):
    move(application, recruiter, *path)

    history = application.history.last()
    email = OutboxEmail.objects.get(dedupe_key=f"stage_changed:{history.pk}:{application.candidate.pk}")
    assert email.to == application.candidate.email
    assert email.subject == subject
    assert says in email.text_body
    assert f"{SITE}/applications/" in email.text_body
    assert f'href="{SITE}/applications/"' in email.html_body
    assert OutboxEmail.objects.filter(to=application.candidate.email).count() == len(path)


@pytest.mark.django_db
def test_a_rejection_is_a_courteous_no(application, recruiter):
    move(application, recruiter, Stage.SCREENING, Stage.REJECTED)

    email = OutboxEmail.objects.filter(to=application.candidate.email).order_by("pk").last()
    assert "Thank you for your interest" in email.text_body
    assert "wish you every success" in email.text_body
    assert "Congratulations" not in email.text_body


@pytest.mark.django_db
def test_the_courteous_no_never_tells_the_candidate_the_teams_reason_or_note(application, recruiter):
    application_change_stage(
        application=application, to_stage=Stage.REJECTED, actor=recruiter, reason="not_qualified", note="Weak SQL"
    )

    email = OutboxEmail.objects.filter(to=application.candidate.email).order_by("pk").last()
    assert "decided not to move forward" in email.text_body
    for secret in ("Not qualified", "not_qualified", "Weak SQL"):
        assert secret not in email.subject + email.text_body + email.html_body


@pytest.mark.django_db
def test_it_emails_the_jobs_hiring_managers_when_an_application_reaches_interview(
    application, recruiter, hiring_manager, other_hiring_manager, outsider_hiring_manager
):
    second_manager = factories.HiringManagerFactory(username="hana", company=application.job.company)
    application.job.hiring_managers.add(second_manager)
    move(application, recruiter, Stage.SCREENING)
    assert emails_to(hiring_manager, second_manager) == {}

    move(application, recruiter, Stage.INTERVIEW)

    notices = emails_to(hiring_manager, second_manager, other_hiring_manager, outsider_hiring_manager, recruiter)
    assert sorted(notices) == sorted([hiring_manager.email, second_manager.email])
    for notice in notices.values():
        assert notice.subject == f"{application.candidate.display_name} is ready to interview for Backend Engineer"
        assert f"{SITE}/workspace/applications/{application.pk}/" in notice.text_body


@pytest.mark.django_db
def test_it_emails_a_hiring_manager_assigned_to_a_job(job, other_hiring_manager, recruiter):
    job_assign_hiring_manager(job=job, hiring_manager=other_hiring_manager)

    [email] = OutboxEmail.objects.all()
    assert email.to == other_hiring_manager.email
    assert email.subject == "You're now a hiring manager for Backend Engineer"
    assert f"{SITE}/workspace/jobs/{job.pk}/board/" in email.text_body
    assert f'href="{SITE}/workspace/jobs/{job.pk}/board/"' in email.html_body


@pytest.mark.django_db
def test_it_emails_a_hiring_manager_again_only_for_a_new_assignment(job, other_hiring_manager):
    job_assign_hiring_manager(job=job, hiring_manager=other_hiring_manager)
    job_assign_hiring_manager(job=job, hiring_manager=other_hiring_manager)
    assert OutboxEmail.objects.count() == 1

    job_unassign_hiring_manager(job=job, hiring_manager=other_hiring_manager)
    job_assign_hiring_manager(job=job, hiring_manager=other_hiring_manager)
    assert OutboxEmail.objects.filter(to=other_hiring_manager.email).count() == 2


@pytest.mark.django_db
def test_the_same_event_notified_twice_stores_each_email_once(application, recruiter, hiring_manager):
    move(application, recruiter, Stage.SCREENING, Stage.INTERVIEW)
    history = application.history.last()
    before = OutboxEmail.objects.count()

    notify(Event.STAGE_CHANGED, history=history)
    notify(Event.APPLICATION_CREATED, application_id=application.pk)
    notify(Event.APPLICATION_CREATED, application_id=application.pk)

    # The factory-made application had no creation emails yet: now it has, once.
    assert OutboxEmail.objects.count() == before + 2


@pytest.mark.django_db
def test_it_emails_nobody_without_an_address_or_an_active_account(candidate, job, recruiter):
    factories.RecruiterFactory(username="gone", company=job.company, is_active=False)
    factories.RecruiterFactory(username="noaddress", company=job.company, email="")

    application_create(candidate=candidate, job=job)

    assert sorted(OutboxEmail.objects.values_list("to", flat=True)) == sorted([candidate.email, recruiter.email])


@pytest.mark.django_db
def test_names_are_escaped_in_html_and_kept_as_written_in_text(candidate, acme):
    job = factories.JobFactory(company=acme, title="R&D <Lead>")

    application_create(candidate=candidate, job=job)

    email = OutboxEmail.objects.get(to=candidate.email)
    assert email.subject == "We received your application for R&D <Lead> at Acme"
    assert "R&D <Lead>" in email.text_body
    assert "R&amp;D &lt;Lead&gt;" in email.html_body
    assert "<Lead>" not in email.html_body


@pytest.mark.django_db
def test_the_first_history_row_is_not_a_stage_change_email(application):
    notify(Event.STAGE_CHANGED, history=application.history.get())

    assert not OutboxEmail.objects.exists()
