"""The application page's tags block and the endpoint it and the board's card menus post to
(POST /workspace/applications/<pk>/tags/): htmx and plain, for whom."""

import pytest

from ats.tests import factories
from ats.tests.tags.conftest import names, tags_url
from ats.tests.workspace.board_page import card_ids


def detail_url(application) -> str:
    return f"/workspace/applications/{application.pk}/"


@pytest.mark.django_db
def test_the_page_shows_the_tags_as_chips_and_offers_the_others(client, recruiter, application, top5, referral):
    application.tags.add(top5)
    client.force_login(recruiter)
    html = client.get(detail_url(application)).content.decode()
    assert '<span class="tag-chip__name">Top 5</span>' in html
    assert 'aria-label="Remove tag “Top 5”"' in html
    assert f'<option value="{referral.pk}">Referral</option>' in html
    assert f'<option value="{top5.pk}">' not in html
    assert "autofocus" not in html


@pytest.mark.django_db
def test_a_company_without_tags_points_recruiters_to_the_tags_page(client, recruiter, hiring_manager, application):
    client.force_login(recruiter)
    html = client.get(detail_url(application)).content.decode()
    assert "Acme has no tags yet." in html
    assert '<a href="/workspace/tags/">Create tags</a>' in html

    client.force_login(hiring_manager)
    html = client.get(detail_url(application)).content.decode()
    assert "Acme has no tags yet. Recruiters create them." in html
    assert 'href="/workspace/tags/"' not in html


@pytest.mark.django_db
def test_a_plain_post_adds_a_tag_and_comes_back_to_the_tags(client, recruiter, application, top5):
    client.force_login(recruiter)
    response = client.post(tags_url(application), {"add": top5.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/applications/{application.pk}/#tags-section"
    assert names(application) == ["Top 5"]
    page = client.get(detail_url(application)).content.decode()
    assert f"“Top 5” is added to {application.candidate.display_name}." in page


@pytest.mark.django_db
def test_htmx_gets_the_block_again_with_the_result_in_its_live_region(client, recruiter, application, top5, referral):
    client.force_login(recruiter)
    response = client.post(tags_url(application), {"add": top5.pk}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Vary"] == "HX-Request, Cookie"
    assert html.lstrip().startswith('<div id="application-tags"')
    assert "<html" not in html
    assert '<span class="tag-chip__name">Top 5</span>' in html
    assert '<div id="tags-status" hx-swap-oob="innerHTML">' in html
    assert f"“Top 5” is added to {application.candidate.display_name}." in html
    # The next choice is ready under the keyboard.
    assert 'name="add" required autofocus' in html
    assert names(application) == ["Top 5"]


@pytest.mark.django_db
def test_adding_a_tag_twice_or_removing_one_that_isnt_there_changes_nothing_and_says_so(
    client, recruiter, application, top5
):
    client.force_login(recruiter)
    name = application.candidate.display_name
    client.post(tags_url(application), {"add": top5.pk}, HTTP_HX_REQUEST="true")
    again = client.post(tags_url(application), {"add": top5.pk}, HTTP_HX_REQUEST="true")
    assert again.status_code == 200
    assert f"{name} already has “Top 5”." in again.content.decode()
    assert names(application) == ["Top 5"]

    removed = client.post(tags_url(application), {"remove": top5.pk}, HTTP_HX_REQUEST="true")
    assert f"“Top 5” is removed from {name}." in removed.content.decode()
    assert "No tags on this application." in removed.content.decode()
    missing = client.post(tags_url(application), {"remove": top5.pk}, HTTP_HX_REQUEST="true")
    assert f"{name} doesn&#x27;t have “Top 5”." in missing.content.decode()
    assert names(application) == []


@pytest.mark.django_db
def test_another_companys_tag_is_refused_and_not_added(client, recruiter, application, globex_tag):
    client.force_login(recruiter)
    response = client.post(tags_url(application), {"add": globex_tag.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "That tag is no longer on your company&#x27;s list" in response.content.decode()
    assert names(application) == []


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"add": "", "remove": ""}])
def test_a_post_without_a_tag_is_refused_with_a_message(client, recruiter, application, top5, referral, data):
    application.tags.add(referral)
    client.force_login(recruiter)
    response = client.post(tags_url(application), {**data}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "Choose one tag to add or remove." in response.content.decode()
    both = client.post(tags_url(application), {"add": top5.pk, "remove": referral.pk})
    assert both.status_code == 302
    assert names(application) == ["Referral"]


@pytest.mark.django_db
@pytest.mark.parametrize("see_all", [True, False])
def test_an_assigned_hiring_manager_tags_and_an_unassigned_one_as_they_see(
    client, hiring_manager, other_hiring_manager, application, top5, referral, settings, see_all
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    client.force_login(hiring_manager)
    assert client.post(tags_url(application), {"add": top5.pk}).status_code == 302
    client.force_login(other_hiring_manager)
    response = client.post(tags_url(application), {"add": referral.pk})
    assert response.status_code == (302 if see_all else 404)
    assert sorted(names(application)) == (["Referral", "Top 5"] if see_all else ["Top 5"])


@pytest.mark.django_db
def test_a_candidate_may_not_tag_their_own_application_nor_see_others(client, candidate, application, top5, job):
    other = factories.ApplicationFactory(job=job)
    client.force_login(candidate)
    assert client.post(tags_url(application), {"add": top5.pk}).status_code == 403
    assert client.post(tags_url(other), {"add": top5.pk}).status_code == 404
    assert names(application) == names(other) == []


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider_recruiter", "outsider_hiring_manager"])
def test_another_companys_application_does_not_exist(client, request, application, top5, globex_tag, who):
    client.force_login(request.getfixturevalue(who))
    for tag in (top5, globex_tag):
        assert client.post(tags_url(application), {"add": tag.pk}).status_code == 404
    assert names(application) == []


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in_and_get_is_not_allowed(client, recruiter, application, top5):
    response = client.post(tags_url(application), {"add": top5.pk})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(recruiter)
    assert client.get(tags_url(application)).status_code == 405
    assert names(application) == []


# From a board card's menu -----------------------------------------------------------


@pytest.mark.django_db
def test_a_card_menu_toggle_answers_htmx_with_the_board_keeping_its_filters(client, recruiter, application, top5, job):
    client.force_login(recruiter)
    state = f"q=test&tag={top5.pk}"
    response = client.post(
        tags_url(application), {"add": top5.pk, "next": "board", "board_state": state}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="board"')
    # Tagged now, the card passes the board's tag filter and shows the tag; its menu (loaded when opened) offers
    # to remove it.
    assert card_ids(html, "Applied") == [application.pk]
    assert f'data-refresh-url="/workspace/jobs/{job.pk}/board/?q=test&amp;tag={top5.pk}"' in html
    assert 'title="Top 5">Top 5</li>' in html
    menu = client.get(f"/workspace/applications/{application.pk}/menu/?from_stage=Applied").content.decode()
    assert f'aria-label="Remove tag “Top 5” from {application.candidate.display_name}"' in menu
    assert f"“Top 5” is added to {application.candidate.display_name}." in html
    assert 'hx-swap-oob="innerHTML"' in html


@pytest.mark.django_db
def test_a_plain_card_menu_toggle_goes_back_to_the_board_with_its_filters(client, recruiter, application, top5, job):
    application.tags.add(top5)
    client.force_login(recruiter)
    response = client.post(
        tags_url(application), {"remove": top5.pk, "next": "board", "board_state": "q=casey&show_Applied=50"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/jobs/{job.pk}/board/?q=casey&show_Applied=50"
    assert names(application) == []


@pytest.mark.django_db
def test_a_refused_card_menu_toggle_shows_the_true_board_and_why(client, recruiter, application, globex_tag, job):
    client.force_login(recruiter)
    response = client.post(tags_url(application), {"add": globex_tag.pk, "next": "board"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 422
    assert card_ids(html, "Applied") == [application.pk]
    assert "board-message--error" in html
    assert names(application) == []
