"""The page an htmx request says it comes from (HX-Current-URL): an expired session is
sent to log in and back to that page, whatever the header holds."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "header",
    [
        "http://[",
        "//[::1",
        "http://testserver/workspace/\x00",
        "http://testserver/workspace/\r\nSet-Cookie: x=1",
        "http://testserver/" + "a" * 100_000,
        "http://testserver//evil.example/",
        "http://elsewhere.example/workspace/candidates/",
        "not a url at all",
    ],
    ids=["bracket", "ipv6-half", "nul", "crlf", "very-long", "double-slash", "other-site", "words"],
)
def test_a_malformed_current_url_falls_back_to_the_requested_page(client, header):
    # `http://[` was a 500 (ValueError: Invalid IPv6 URL) on any page behind the login.
    response = client.get("/workspace/candidates/", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=header)
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=/workspace/candidates/"


def test_the_current_page_of_this_site_is_where_logging_in_leads_back(client):
    response = client.get(
        "/workspace/candidates/",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/workspace/analytics/?source=linkedin",
    )
    assert response["HX-Redirect"] == "/accounts/login/?next=/workspace/analytics/%3Fsource%3Dlinkedin"
