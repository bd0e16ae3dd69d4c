"""The tags page (/workspace/tags/) and its changes (/workspace/tags/<pk>/): recruiters of the company only."""

import pytest

from ats.models import Tag
from ats.tests import factories


def tag_names(company) -> list[str]:
    return list(Tag.objects.filter(company=company).values_list("name", flat=True))


@pytest.mark.django_db
def test_a_recruiter_sees_the_tags_by_name_with_how_many_applications_carry_each(
    client, recruiter, job, top5, referral
):
    for application in factories.ApplicationFactory.create_batch(2, job=job):
        application.tags.add(top5)
    client.force_login(recruiter)

    response = client.get("/workspace/tags/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index('<span class="tag-row__label">Referral</span>') < html.index(
        '<span class="tag-row__label">Top 5</span>'
    )
    assert "On 2 applications" in html
    assert "On no application" in html
    assert "“Top 5” is on 2 applications: deleting it takes it off all of them." in html
    assert "“Referral” is on no application." in html
    assert 'href="/workspace/tags/"' in client.get("/workspace/team/").content.decode()


@pytest.mark.django_db
def test_a_recruiter_adds_a_tag(client, recruiter, acme):
    client.force_login(recruiter)
    response = client.post("/workspace/tags/", {"name": "  Strong   portfolio "}, follow=True)
    assert response.redirect_chain == [("/workspace/tags/", 302)]
    assert tag_names(acme) == ["Strong portfolio"]
    assert "“Strong portfolio” is added to the list." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("TOP 5", "There is already a tag called “Top 5”."),
        ("x" * 41, "A tag&#x27;s name can be at most 40 characters; this one has 41."),
        ("   ", "Give the tag a name."),
    ],
)
def test_a_name_that_cant_be_used_is_refused_on_the_form(client, recruiter, acme, top5, name, message):
    client.force_login(recruiter)
    response = client.post("/workspace/tags/", {"name": name})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert tag_names(acme) == ["Top 5"]


@pytest.mark.django_db
def test_a_recruiter_renames_a_tag_and_a_taken_name_is_refused(client, recruiter, acme, top5, referral):
    client.force_login(recruiter)
    response = client.post(f"/workspace/tags/{top5.pk}/", {"action": "rename", "name": "Top five"}, follow=True)
    assert "“Top 5” is now called “Top five”." in response.content.decode()

    response = client.post(f"/workspace/tags/{top5.pk}/", {"action": "rename", "name": "referral"}, follow=True)
    assert "There is already a tag called “Referral”." in response.content.decode()
    assert sorted(tag_names(acme)) == ["Referral", "Top five"]


@pytest.mark.django_db
def test_deleting_a_tag_takes_it_off_its_applications_and_says_how_many(client, recruiter, job, top5):
    tagged = factories.ApplicationFactory.create_batch(3, job=job)
    for application in tagged:
        application.tags.add(top5)
    client.force_login(recruiter)

    response = client.post(f"/workspace/tags/{top5.pk}/", {"action": "delete"}, follow=True)

    assert "“Top 5” is deleted and taken off 3 applications." in response.content.decode()
    assert not Tag.objects.filter(pk=top5.pk).exists()
    assert all(not application.tags.exists() for application in tagged)


@pytest.mark.django_db
def test_a_change_the_page_does_not_offer_is_refused(client, recruiter, top5):
    client.force_login(recruiter)
    response = client.post(f"/workspace/tags/{top5.pk}/", {"action": "merge"}, follow=True)
    assert "That change isn&#x27;t one this page offers." in response.content.decode()
    assert Tag.objects.filter(pk=top5.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hiring_manager", "candidate"])
def test_the_page_is_403_for_everyone_but_recruiters(client, request, acme, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/workspace/tags/").status_code == 403
    assert client.post("/workspace/tags/", {"name": "Sneaky"}).status_code == 403
    assert not Tag.objects.exists()


@pytest.mark.django_db
def test_a_hiring_manager_of_the_company_gets_403_for_a_change(client, hiring_manager, top5):
    client.force_login(hiring_manager)
    assert client.post(f"/workspace/tags/{top5.pk}/", {"action": "delete"}).status_code == 403
    assert Tag.objects.filter(pk=top5.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider_recruiter", "candidate"])
def test_another_companys_tag_does_not_exist_for_others(client, request, top5, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(f"/workspace/tags/{top5.pk}/", {"action": "rename", "name": "Hacked"})
    assert response.status_code == 404
    assert client.post(f"/workspace/tags/{top5.pk}/", {"action": "delete"}).status_code == 404
    assert Tag.objects.get(pk=top5.pk).name == "Top 5"


@pytest.mark.django_db
def test_an_outsider_recruiter_manages_only_their_own_list(client, outsider_recruiter, globex, acme, top5):
    client.force_login(outsider_recruiter)
    client.post("/workspace/tags/", {"name": "Top 5"})
    assert tag_names(globex) == ["Top 5"]
    assert tag_names(acme) == ["Top 5"]
    html = client.get("/workspace/tags/").content.decode()
    assert f'id="tag-{top5.pk}"' not in html


@pytest.mark.django_db
def test_a_superuser_is_pointed_to_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get("/workspace/tags/").status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/workspace/tags/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
