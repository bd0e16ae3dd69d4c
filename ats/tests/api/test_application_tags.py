"""The applications API's tags: `tags` (names) on each application for the hiring team, none
for candidates, and the list's `?tag=<name>` filter in any letter case."""

import pytest

from ats.models import Tag
from ats.tests import factories


@pytest.fixture
def tagged(board, acme, globex):
    """Acme's "Top 5" on two of the board's applications, "Referral" on one; a Globex "Top 5" on a Globex one."""
    top5 = Tag.objects.create(company=acme, name="Top 5")
    referral = Tag.objects.create(company=acme, name="Referral")
    board["applied"].tags.add(top5, referral)
    board["offer"].tags.add(top5)
    globex_top5 = Tag.objects.create(company=globex, name="Top 5")
    factories.ApplicationFactory(job=factories.JobFactory(company=globex)).tags.add(globex_top5)
    return board


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_the_team_reads_each_applications_tags_by_name(api_as, recruiter, hiring_manager, tagged):
    for user in (recruiter, hiring_manager):
        rows = {row["id"]: row["tags"] for row in api_as(user).get("/api/applications/").json()["results"]}
        assert rows[tagged["applied"].pk] == ["Referral", "Top 5"]
        assert rows[tagged["screening"].pk] == []
    detail = api_as(recruiter).get(f"/api/applications/{tagged['offer'].pk}/").json()
    assert detail["tags"] == ["Top 5"]


@pytest.mark.parametrize("value", ["Top 5", "top 5", "TOP  5"])
def test_the_list_filters_by_a_tag_name_in_any_case(api_as, recruiter, tagged, value):
    found = ids(api_as(recruiter).get("/api/applications/", {"tag": value}))
    assert found == {tagged["applied"].pk, tagged["offer"].pk}


def test_the_tag_filter_combines_with_the_others_and_an_unknown_name_finds_nothing(api_as, recruiter, tagged):
    client = api_as(recruiter)
    assert ids(client.get("/api/applications/", {"tag": "top 5", "stage": "Offer"})) == {tagged["offer"].pk}
    assert ids(client.get("/api/applications/", {"tag": "Referral"})) == {tagged["applied"].pk}
    assert ids(client.get("/api/applications/", {"tag": "Nobody has this"})) == set()


def test_another_companys_tag_of_the_same_name_finds_only_its_own(api_as, outsider_recruiter, tagged):
    rows = api_as(outsider_recruiter).get("/api/applications/", {"tag": "top 5"}).json()["results"]
    assert [row["tags"] for row in rows] == [["Top 5"]]
    assert not {row["id"] for row in rows} & {application.pk for application in tagged.values()}


def test_a_candidate_sees_no_tags_on_their_own_application_and_cannot_filter_by_one(api_as, candidate, job, acme):
    own = factories.ApplicationFactory(job=job, candidate=candidate)
    own.tags.add(Tag.objects.create(company=acme, name="Top 5"))
    client = api_as(candidate)
    assert [row["tags"] for row in client.get("/api/applications/").json()["results"]] == [[]]
    assert client.get(f"/api/applications/{own.pk}/").json()["tags"] == []
    assert ids(client.get("/api/applications/", {"tag": "Top 5"})) == set()


def test_a_tag_filter_with_a_nul_or_too_long_is_a_400(api_as, recruiter, tagged):
    client = api_as(recruiter)
    assert client.get("/api/applications/", {"tag": "Top\x005"}).status_code == 400
    assert client.get("/api/applications/", {"tag": "x" * 201}).status_code == 400


def test_tags_cost_the_list_one_query_whatever_the_rows(api_as, recruiter, job, acme, django_assert_max_num_queries):
    top5 = Tag.objects.create(company=acme, name="Top 5")
    for application in factories.ApplicationFactory.create_batch(15, job=job):
        application.tags.add(top5)
    client = api_as(recruiter)
    # The user, the count, the page, its tags.
    with django_assert_max_num_queries(4):
        response = client.get("/api/applications/", {"tag": "top 5"})
    assert len(response.json()["results"]) == 15
