import pytest
from django.db import IntegrityError, transaction

from ats.models import ApplicationHistory, User
from ats.tests import factories
from ats.workflow import Stage


@pytest.mark.django_db
def test_a_candidate_cannot_belong_to_a_company(acme):
    with pytest.raises(IntegrityError):
        User.objects.create(username="x", role=User.Role.CANDIDATE, company=acme)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.RECRUITER, User.Role.HIRING_MANAGER])
def test_company_staff_must_belong_to_a_company(role):
    with pytest.raises(IntegrityError):
        User.objects.create(username="x", role=role, company=None)


@pytest.mark.django_db
def test_an_unknown_role_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        User.objects.create(username="x", role="admin")


@pytest.mark.django_db
def test_a_candidate_applies_once_per_job(application):
    with pytest.raises(IntegrityError):
        factories.ApplicationFactory(job=application.job, candidate=application.candidate)


@pytest.mark.django_db
def test_an_unknown_stage_is_refused_by_the_database(job, candidate):
    with pytest.raises(IntegrityError):
        factories.ApplicationFactory(job=job, candidate=candidate, stage="Promoted")


@pytest.mark.django_db
def test_an_unknown_job_status_is_refused_by_the_database(acme):
    with pytest.raises(IntegrityError):
        factories.JobFactory(company=acme, status="archived")


@pytest.mark.django_db
def test_history_rows_cannot_be_edited_or_deleted(application):
    row = application.history.get()
    row.note = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        row.save()
    with pytest.raises(ValueError, match="append-only"):
        row.delete()
    assert ApplicationHistory.objects.get(pk=row.pk).note == ""


@pytest.mark.django_db
def test_the_database_refuses_two_moves_out_of_the_same_stage(application):
    ApplicationHistory.objects.create(application=application, from_stage=Stage.APPLIED, to_stage=Stage.SCREENING)
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationHistory.objects.create(application=application, from_stage=Stage.APPLIED, to_stage=Stage.REJECTED)
    assert application.history.count() == 2


@pytest.mark.django_db
def test_a_history_row_must_change_the_stage(application):
    with pytest.raises(IntegrityError):
        ApplicationHistory.objects.create(application=application, from_stage=Stage.OFFER, to_stage=Stage.OFFER)


@pytest.mark.django_db
def test_resumes_are_stored_under_a_random_name(job, candidate):
    application = factories.ApplicationFactory(
        job=job, candidate=candidate, resume=factories.pdf_upload("Jane Doe CV.pdf")
    )
    assert application.resume.name.startswith("resumes/")
    assert "Jane" not in application.resume.name
    assert application.resume.name.endswith(".pdf")
