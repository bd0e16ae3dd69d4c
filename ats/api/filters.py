from django import forms
from django.db.models import Exists, OuterRef
from django_filters import rest_framework as filters

from ats.models import Application, ApplicationHistory, Interview, Job, normalise_source
from ats.search import QUERY_MAX_LENGTH, search_filter
from ats.selectors.tags import tags_visible_to
from ats.workflow import InterviewStatus, Stage


class IdField(forms.IntegerField):
    # The database's own range: a larger number reaches the database (foreign
    # key lookups skip Django's overflow guard) and fails there.
    def __init__(self, **kwargs) -> None:
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


class IdFilter(filters.Filter):
    """An id: a whole number in the database's range (django-filter's NumberFilter would take 1.5)."""

    field_class = IdField


class JobFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Job.Status.choices)
    employment_type = filters.ChoiceFilter(choices=Job.EmploymentType.choices)
    company = IdFilter(field_name="company_id")

    class Meta:
        model = Job
        fields = ["status", "employment_type", "company"]


class ApplicationFilter(filters.FilterSet):
    stage = filters.ChoiceFilter(choices=Stage.choices)
    job = IdFilter(field_name="job_id")
    # Compared as stored: `?source=LinkedIn` finds what `?source=LinkedIn` on a job's link recorded.
    source = filters.CharFilter(method="filter_source", max_length=200)
    search = filters.CharFilter(
        method="filter_search",
        max_length=QUERY_MAX_LENGTH,
        help_text="Words to find in the candidate's name, email, cover letter or resume text; every word must match.",
    )
    # A tag's name in any letter case; only the team sees tags, so for anyone else nothing matches.
    tag = filters.CharFilter(
        method="filter_tag", max_length=200, help_text="A tag's name, in any letter case (the hiring team's tags)."
    )

    class Meta:
        model = Application
        fields = ["stage", "job", "source", "search", "tag"]

    def filter_source(self, queryset, name: str, value: str):
        return queryset.filter(source=normalise_source(value))

    def filter_search(self, queryset, name: str, value: str):
        return search_filter(queryset, value)

    def filter_tag(self, queryset, name: str, value: str):
        tags = tags_visible_to(self.request.user).filter(name__iexact=" ".join(value.split()))
        carried = Application.tags.through.objects.filter(application_id=OuterRef("pk"), tag__in=tags)
        return queryset.filter(Exists(carried))


class HistoryFilter(filters.FilterSet):
    application = IdFilter(field_name="application_id")

    class Meta:
        model = ApplicationHistory
        fields = ["application"]


class InterviewFilter(filters.FilterSet):
    application = IdFilter(field_name="application_id")
    status = filters.ChoiceFilter(choices=InterviewStatus.choices)

    class Meta:
        model = Interview
        fields = ["application", "status"]
