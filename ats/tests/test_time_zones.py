"""Pages render times in the signed-in person's own time zone (TimeZoneMiddleware)."""

import datetime

import pytest
from django.utils import timezone

from ats.models import Application, User

APPLIED_AT = datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC)


@pytest.fixture
def applied_late_at_night_utc(application):
    Application.objects.filter(pk=application.pk).update(created_at=APPLIED_AT)
    return application


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "shown"),
    [("UTC", "2 Mar 2026, 23:30"), ("Asia/Tokyo", "3 Mar 2026, 08:30"), ("America/New_York", "2 Mar 2026, 18:30")],
)
def test_the_application_page_shows_times_in_the_readers_zone(
    client, recruiter, applied_late_at_night_utc, zone, shown
):
    recruiter.time_zone = zone
    recruiter.save(update_fields=["time_zone"])
    client.force_login(recruiter)

    html = client.get(f"/workspace/applications/{applied_late_at_night_utc.pk}/").content.decode()

    assert f">{shown}</time>" in html


@pytest.mark.django_db
def test_a_zone_this_machine_no_longer_knows_falls_back_to_the_sites(client, recruiter, applied_late_at_night_utc):
    # Written past the model's validation, as a zone removed from the machine's tz database would be.
    User.objects.filter(pk=recruiter.pk).update(time_zone="Mars/Olympus_Mons")
    client.force_login(recruiter)

    response = client.get(f"/workspace/applications/{applied_late_at_night_utc.pk}/")

    assert response.status_code == 200
    assert ">2 Mar 2026, 23:30</time>" in response.content.decode()


@pytest.mark.django_db
def test_the_zone_does_not_outlive_the_request(client, recruiter, applied_late_at_night_utc):
    recruiter.time_zone = "Asia/Tokyo"
    recruiter.save(update_fields=["time_zone"])
    client.force_login(recruiter)
    client.get(f"/workspace/applications/{applied_late_at_night_utc.pk}/")

    assert timezone.get_current_timezone_name() == "UTC"


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["abc\x00def1234567890", "../../etc/passwd", "ÄÖÜ" * 12])
def test_a_malformed_session_cookie_is_no_session_not_an_error(client, cookie, job):
    # The time zone is asked of every request's user, so every request reads its
    # session: PostgreSQL would refuse a NUL byte in the lookup with a 500.
    client.cookies["sessionid"] = cookie

    assert client.get("/").status_code == 200
    assert client.get(f"/jobs/{job.pk}/").status_code == 200
    assert client.get("/api/applications/1/").status_code == 401
