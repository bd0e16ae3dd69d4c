"""Migration 0005 (User.time_zone, phone, link): people who existed before it keep
meaningful values: the site's time zone, no phone, no link."""

import pytest

from ats.tests.migrating import migrate, migrate_to_latest

BEFORE = [("ats", "0005_history_protects_application")]
AFTER = [("ats", "0006_user_profile")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("site_zone", "expected"), [("Europe/Berlin", "Europe/Berlin"), ("Not/AZone", "UTC")])
def test_existing_people_get_the_site_time_zone_and_no_phone_or_link(settings, site_zone, expected):
    settings.TIME_ZONE = site_zone
    old_apps = migrate(BEFORE)
    try:
        old_apps.get_model("ats", "User").objects.create(username="legacy", role="candidate", password="!")
        new_apps = migrate(AFTER)
        legacy = new_apps.get_model("ats", "User").objects.get(username="legacy")
        assert (legacy.time_zone, legacy.phone, legacy.link) == (expected, "", "")
    finally:
        migrate_to_latest()
