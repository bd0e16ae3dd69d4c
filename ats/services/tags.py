"""Each company's list of tags, and putting them on its applications and taking them off."""

from django.db import IntegrityError, transaction

from ats.exceptions import InvalidTag
from ats.models import Application, Company, Tag, User

TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length or 40

# The applications' tags table, written directly so that adding and removing say
# whether they changed anything, whoever else is tagging at the same moment.
ApplicationTag = Application.tags.through


def _clean_tag_name(*, company: Company, name: str, exclude: Tag | None = None) -> str:
    """`name` with its whitespace normalised, or InvalidTag saying why it can't be used."""
    name = " ".join(name.split())
    if not name:
        raise InvalidTag("Give the tag a name.")
    if len(name) > TAG_NAME_MAX_LENGTH:
        raise InvalidTag(f"A tag's name can be at most {TAG_NAME_MAX_LENGTH} characters; this one has {len(name)}.")
    taken = Tag.objects.filter(company=company, name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    existing = taken.first()
    if existing is not None:
        raise InvalidTag(f"There is already a tag called “{existing.name}”.")
    return name


def tag_create(*, company: Company, name: str) -> Tag:
    """Add a tag called `name` (whitespace normalised) to `company`'s list.

    Raises InvalidTag for an empty name, one over TAG_NAME_MAX_LENGTH characters,
    or one the list already has in any letter case.
    """
    name = _clean_tag_name(company=company, name=name)
    try:
        with transaction.atomic():
            return Tag.objects.create(company=company, name=name)
    except IntegrityError:
        # Someone added the same name between the check and the insert (the unique constraint's call).
        raise InvalidTag(f"A tag called “{name}” was added a moment ago.") from None


def tag_rename(*, tag: Tag, name: str) -> Tag:
    """Call `tag` `name` (whitespace normalised); the applications carrying it keep it.

    Raises InvalidTag as tag_create does (its own name in another letter case is fine).
    """
    name = _clean_tag_name(company=tag.company, name=name, exclude=tag)
    try:
        with transaction.atomic():
            Tag.objects.filter(pk=tag.pk).update(name=name)
    except IntegrityError:
        raise InvalidTag(f"A tag called “{name}” was added a moment ago.") from None
    tag.name = name
    return tag


def tag_delete(*, tag: Tag) -> int:
    """Delete `tag` from its company's list and from every application carrying it;
    returns how many applications lost it."""
    with transaction.atomic():
        removed, _ = ApplicationTag.objects.filter(tag_id=tag.pk).delete()
        tag.delete()
    return removed


def _check_same_company(*, application: Application, tag: Tag) -> None:
    if tag.company_id != application.job.company_id:
        raise InvalidTag(f"That tag is not on {application.job.company.name}'s list.")


def application_tag_add(*, application: Application, tag: Tag, actor: User) -> bool:
    """Put `tag` on `application`. Returns True when it was added, False when the
    application already had it (nothing changes then), so a bulk caller can count
    the unchanged rows. `actor` is who tags: the caller has asked the rules
    (`ats.tag_application`) for them.

    Raises InvalidTag when the tag belongs to another company than the application's job.
    """
    _check_same_company(application=application, tag=tag)
    with transaction.atomic():
        if ApplicationTag.objects.filter(application_id=application.pk, tag_id=tag.pk).exists():
            return False
        try:
            with transaction.atomic():
                ApplicationTag.objects.create(application_id=application.pk, tag_id=tag.pk)
        except IntegrityError:
            # Someone else put it on between the check and the insert: it is there, not by us.
            return False
    return True


def application_tag_remove(*, application: Application, tag: Tag, actor: User) -> bool:
    """Take `tag` off `application`. Returns True when it was removed, False when the
    application did not have it (nothing changes then). `actor` as for application_tag_add.

    Raises InvalidTag when the tag belongs to another company than the application's job.
    """
    _check_same_company(application=application, tag=tag)
    with transaction.atomic():
        removed, _ = ApplicationTag.objects.filter(application_id=application.pk, tag_id=tag.pk).delete()
    return removed > 0
