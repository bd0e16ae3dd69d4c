"""Fixtures of the tags (the personas come from ats/tests/conftest.py): Acme's list, a
Globex tag, and the URLs the tests request."""

import pytest

from ats.models import Tag


@pytest.fixture
def top5(acme) -> Tag:
    return Tag.objects.create(company=acme, name="Top 5")


@pytest.fixture
def referral(acme) -> Tag:
    return Tag.objects.create(company=acme, name="Referral")


@pytest.fixture
def globex_tag(globex) -> Tag:
    return Tag.objects.create(company=globex, name="Fast track")


def tags_url(application) -> str:
    return f"/workspace/applications/{application.pk}/tags/"


def names(application) -> list[str]:
    return list(application.tags.values_list("name", flat=True))
