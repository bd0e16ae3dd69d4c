"""Each company's tags, and the tags on its applications."""

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import Lower

from ats.models import Application, Tag, User
from ats.predicates import role_of


def tags_of_company(company_id: int) -> QuerySet[Tag]:
    """The company's tags, by name (whatever the letter case)."""
    return Tag.objects.filter(company_id=company_id).order_by(Lower("name"), "id")


def tags_with_application_counts(company_id: int) -> QuerySet[Tag]:
    """The company's tags by name, each with `applications_count`, how many applications carry it."""
    return tags_of_company(company_id).annotate(applications_count=Count("applications"))


def sees_tags(user) -> bool:
    """Whether the user is on a hiring team, whose labels tags are: a candidate never
    sees the tags on their own applications (what each may do with them is the rules')."""
    return role_of(user) in (User.Role.RECRUITER, User.Role.HIRING_MANAGER)


def tags_visible_to(user) -> QuerySet[Tag]:
    """The tags of the user's company, for its team; none for anyone else."""
    if not sees_tags(user):
        return Tag.objects.none()
    return tags_of_company(user.company_id)


def company_tags_for_application(application: Application) -> QuerySet[Tag]:
    """The tags of the application's company by name, each with `on_application`,
    whether the application carries it (one query for its tags and the others)."""
    carried = Application.tags.through.objects.filter(application_id=application.pk, tag_id=OuterRef("pk"))
    return tags_of_company(application.job.company_id).annotate(on_application=Exists(carried))
