from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ats import search
from ats.models import Application, ApplicationHistory, Company, Interview, Job, User
from ats.services.reasons import rejection_reasons_ensure_defaults
from ats.workflow import InterviewStatus, Stage

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name: str = "resume.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Company {n}")

    @factory.post_generation
    def rejection_reasons(company, create, extracted, **kwargs):
        # Every company has its reason list from the start (company_signup, the migration).
        if create:
            rejection_reasons_ensure_defaults(company=company)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    role = User.Role.CANDIDATE
    company = None
    password = factory.django.Password("pw-for-tests-1234")


class CandidateFactory(UserFactory):
    role = User.Role.CANDIDATE


class RecruiterFactory(UserFactory):
    role = User.Role.RECRUITER
    company = factory.SubFactory(CompanyFactory)


class HiringManagerFactory(UserFactory):
    role = User.Role.HIRING_MANAGER
    company = factory.SubFactory(CompanyFactory)


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Engineer {n}")
    description = "Build and run the product."
    location = "Remote"
    status = Job.Status.OPEN


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application with its first history row, as the service would write it."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    candidate = factory.SubFactory(CandidateFactory)
    job = factory.SubFactory(JobFactory)
    stage = Stage.APPLIED

    @factory.post_generation
    def first_history_row(application, create, extracted, **kwargs):
        if create:
            ApplicationHistory.objects.create(
                application=application, from_stage="", to_stage=Stage.APPLIED, changed_by=application.candidate
            )
            search.vectors_refresh(application_ids=[application.pk])


def scheduled_interview(
    application: Application, *interviewers: User, starts_in: timedelta, title: str = "Technical interview"
) -> Interview:
    """A 45-minute interview booked `starts_in` from now (negative: it has taken place),
    written as a row: the services refuse times that have passed, on purpose."""
    starts_at = timezone.now() + starts_in
    interview = Interview.objects.create(
        application=application,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=45),
        duration=45,
        status=InterviewStatus.SCHEDULED,
    )
    interview.interviewers.set(interviewers)
    return interview
