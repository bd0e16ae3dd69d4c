"""The profile page (/accounts/profile/): everyone's name and time zone, a candidate's
phone and link, and the way to the password and email pages."""

import re

import pytest

from ats.exceptions import InvalidProfile
from ats.services.accounts import profile_update
from ats.tests import factories


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def profile_data(**overrides) -> dict:
    return {
        "first_name": " Casey ",
        "last_name": "Morgan ",
        "time_zone": "Europe/Dublin",
        "phone": "+353 (1) 555-0100",
        "link": "https://www.linkedin.com/in/casey",
        **overrides,
    }


@pytest.mark.django_db
def test_it_asks_an_anonymous_visitor_to_log_in(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/profile/"


@pytest.mark.django_db
def test_a_candidate_sees_their_name_time_zone_phone_and_link(client, candidate):
    candidate.phone, candidate.link, candidate.time_zone = "+44 20 7946 0958", "https://casey.dev", "Europe/London"
    candidate.save()
    client.force_login(candidate)
    page = text(client.get("/accounts/profile/"))
    assert "<h1>Your profile</h1>" in page
    assert "Candidate account" in page
    assert f'name="first_name" value="{candidate.first_name}"' in page
    assert f'name="last_name" value="{candidate.last_name}"' in page
    assert '<option value="Europe/London" selected>' in page
    assert 'name="phone" value="+44 20 7946 0958"' in page
    assert 'name="link" value="https://casey.dev"' in page
    # A zone the person has is theirs: the browser doesn't replace it.
    assert "data-browser-time-zone" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["recruiter", "hiring_manager"])
def test_the_hiring_team_sees_name_and_time_zone_but_no_phone_or_link(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    page = text(client.get("/accounts/profile/"))
    assert f"{user.get_role_display()} at Acme" in page
    assert 'name="first_name"' in page and 'name="time_zone"' in page
    assert 'name="phone"' not in page
    assert 'name="link"' not in page


@pytest.mark.django_db
def test_an_operator_has_a_profile_too(client, superuser):
    client.force_login(superuser)
    page = text(client.get("/accounts/profile/"))
    assert "Operator account" in page
    assert 'name="phone"' not in page


@pytest.mark.django_db
def test_the_profile_links_to_the_password_and_email_pages(client, candidate):
    client.force_login(candidate)
    page = text(client.get("/accounts/profile/"))
    assert '<a href="/accounts/password/change/">Change your password</a>' in page
    assert '<a href="/accounts/email/">Manage your email addresses</a>' in page
    assert f"You log in with your username <strong>{candidate.username}</strong>" in page


@pytest.mark.django_db
def test_the_navigation_names_the_user_and_links_to_their_profile(client, recruiter):
    client.force_login(recruiter)
    page = text(client.get("/accounts/profile/"))
    assert (
        f'<a href="/accounts/profile/" aria-current="page">{recruiter.first_name} {recruiter.last_name}'
        '<span class="visually-hidden">: your profile</span></a> · Acme'
    ) in page


@pytest.mark.django_db
def test_a_candidate_saves_their_profile(client, candidate):
    client.force_login(candidate)
    response = client.post("/accounts/profile/", profile_data())
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    candidate.refresh_from_db()
    assert (candidate.first_name, candidate.last_name, candidate.time_zone) == ("Casey", "Morgan", "Europe/Dublin")
    assert (candidate.phone, candidate.link) == ("+353 (1) 555-0100", "https://www.linkedin.com/in/casey")
    page = text(client.get(response["Location"]))
    assert "Your profile is saved." in page
    assert "Casey Morgan<span" in page


@pytest.mark.django_db
def test_a_candidate_may_leave_phone_and_link_empty_and_a_link_without_scheme_gets_https(client, candidate):
    candidate.phone = "+1 555 0100"
    candidate.save()
    client.force_login(candidate)
    client.post("/accounts/profile/", profile_data(phone="", link="casey.dev/work"))
    candidate.refresh_from_db()
    assert (candidate.phone, candidate.link) == ("", "https://casey.dev/work")


@pytest.mark.django_db
def test_a_recruiter_saves_name_and_time_zone_and_a_posted_phone_is_ignored(client, recruiter):
    client.force_login(recruiter)
    response = client.post("/accounts/profile/", profile_data(first_name="Rita", last_name="Reyes"))
    assert response.status_code == 302
    recruiter.refresh_from_db()
    assert (recruiter.first_name, recruiter.last_name, recruiter.time_zone) == ("Rita", "Reyes", "Europe/Dublin")
    assert (recruiter.phone, recruiter.link) == ("", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", " ", "First name: Enter your first name."),
        ("last_name", "", "Last name: Enter your last name."),
        ("last_name", "M" * 151, "Last name: Your last name can be at most 150 characters; this one has 151."),
        ("time_zone", "Europe/Gondor", "Time zone: “Europe/Gondor” is not a time zone we know."),
        ("phone", "call me maybe", "Phone: Enter a phone number with digits, spaces and + - ( ) only"),
        ("phone", "+1 23", "Enter a phone number with digits, spaces and + - ( ) only"),
        ("link", "javascript:alert(1)", "Link: Enter a full web address"),
        ("link", "ftp://files.example.com/cv", "Link: Enter a full web address"),
    ],
)
def test_it_refuses_a_missing_name_and_a_bad_time_zone_phone_or_link(client, candidate, field, value, message):
    before = (candidate.first_name, candidate.last_name, candidate.time_zone, candidate.phone, candidate.link)
    client.force_login(candidate)
    response = client.post("/accounts/profile/", profile_data(**{field: value}))
    assert response.status_code == 422
    assert message in text(response)
    candidate.refresh_from_db()
    assert (candidate.first_name, candidate.last_name, candidate.time_zone, candidate.phone, candidate.link) == before


@pytest.mark.django_db
def test_after_saving_it_goes_on_to_a_safe_next_page(client, candidate, job):
    client.force_login(candidate)
    page = client.get(f"/accounts/profile/?next=/jobs/{job.pk}/").content.decode()
    assert f'<input type="hidden" name="next" value="/jobs/{job.pk}/">' in page
    response = client.post("/accounts/profile/", profile_data(next=f"/jobs/{job.pk}/"))
    assert response["Location"] == f"/jobs/{job.pk}/"


@pytest.mark.django_db
@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/path", "javascript:alert(1)"])
def test_an_unsafe_next_page_is_ignored(client, candidate, unsafe):
    client.force_login(candidate)
    assert 'name="next"' not in client.get("/accounts/profile/", {"next": unsafe}).content.decode()
    response = client.post("/accounts/profile/", profile_data(next=unsafe))
    assert response["Location"] == "/accounts/profile/"


# The service, whoever calls it ----------------------------------------------------------


@pytest.mark.django_db
def test_the_service_refuses_a_phone_or_link_for_someone_who_is_not_a_candidate(recruiter):
    with pytest.raises(InvalidProfile, match="Only candidates keep a phone number and a link"):
        profile_update(user=recruiter, first_name="Rita", last_name="Reyes", time_zone="UTC", phone="+1 555 0100")
    recruiter.refresh_from_db()
    assert recruiter.phone == ""


@pytest.mark.django_db
def test_the_service_refuses_what_the_form_would(candidate):
    cases = [
        ({"first_name": ""}, "Enter your first name."),
        ({"time_zone": "Factory"}, "“Factory” is not a time zone we know."),
        ({"phone": "12-ab"}, "Enter a phone number"),
        ({"link": "not a link"}, "Enter a full web address"),
    ]
    for overrides, message in cases:
        data = {"first_name": "Casey", "last_name": "Morgan", "time_zone": "UTC", **overrides}
        with pytest.raises(InvalidProfile, match=message):
            profile_update(user=candidate, **data)


@pytest.mark.django_db
def test_the_service_leaves_phone_and_link_alone_when_not_given(candidate):
    candidate.phone, candidate.link = "+1 555 0100", "https://casey.dev"
    candidate.save()
    profile_update(user=candidate, first_name="Casey", last_name="Morgan", time_zone="Asia/Tokyo")
    candidate.refresh_from_db()
    assert (candidate.time_zone, candidate.phone, candidate.link) == ("Asia/Tokyo", "+1 555 0100", "https://casey.dev")


@pytest.mark.django_db
def test_a_person_without_a_name_gets_the_browser_time_zone_offered(client):
    nameless = factories.CandidateFactory(username="nora", first_name="", last_name="")
    client.force_login(nameless)
    assert "data-browser-time-zone" in client.get("/accounts/profile/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["candidate", "recruiter"])
def test_the_page_title_is_the_pages_name_and_each_section_appears_once(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    page = client.get("/accounts/profile/").content.decode()

    assert re.search(r"<title>(.*?)</title>", page, re.S).group(1) == "Your profile · ATS"
    for section in ('id="your-data"', 'id="profile-two-factor"', 'id="profile-delete"'):
        assert page.count(section) == 1, section
