"""Tags on the job's board: chips on the cards, the tag filter beside the name filter, and
the card menus' tag toggles; the board's queries stay the same however many cards carry tags."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ats.models import Application, Tag, User
from ats.selectors.board import BOARD_PAGE_SIZE
from ats.tests import factories
from ats.tests.workspace.board_page import board_url, card_ids, column_html, menu_url
from ats.workflow import Stage


@pytest.mark.django_db
def test_cards_show_their_tags_as_chips(client, recruiter, application, job, top5, referral):
    application.tags.add(top5, referral)
    client.force_login(recruiter)
    card = column_html(client.get(board_url(job)).content.decode(), "Applied")
    assert '<ul class="board-card__tags" aria-label="Tags">' in card
    assert card.index('title="Referral">Referral</li>') < card.index('title="Top 5">Top 5</li>')


@pytest.mark.django_db
def test_the_tag_filter_keeps_the_tagged_cards_and_counts_only_them(client, recruiter, application, job, top5):
    application.tags.add(top5)
    factories.ApplicationFactory(job=job)
    screening = factories.ApplicationFactory(job=job, stage=Stage.SCREENING)
    client.force_login(recruiter)

    html = client.get(board_url(job), {"tag": top5.pk}).content.decode()

    assert card_ids(html, "Applied") == [application.pk]
    assert card_ids(html, "Screening") == []
    assert '<span class="board-column__count">1<' in column_html(html, "Applied")
    assert "application tagged “Top 5”" in column_html(html, "Applied")
    assert "No match" in column_html(html, "Screening")
    assert f'<option value="{top5.pk}" selected>Top 5</option>' in html
    screening.tags.add(top5)
    assert card_ids(client.get(board_url(job), {"tag": top5.pk}).content.decode(), "Screening") == [screening.pk]


@pytest.mark.django_db
def test_the_tag_filter_combines_with_the_name_filter(client, recruiter, job, top5):
    alex = factories.ApplicationFactory(job=job, candidate__first_name="Alex", candidate__last_name="Kim")
    alexa = factories.ApplicationFactory(job=job, candidate__first_name="Alexa", candidate__last_name="Stone")
    sam = factories.ApplicationFactory(job=job, candidate__first_name="Sam", candidate__last_name="Patel")
    for application in (alex, sam):
        application.tags.add(top5)
    client.force_login(recruiter)
    html = client.get(board_url(job), {"q": "alex", "tag": top5.pk}).content.decode()
    assert card_ids(html, "Applied") == [alex.pk]
    assert alexa.pk not in card_ids(client.get(board_url(job), {"tag": top5.pk}).content.decode(), "Applied")


@pytest.mark.django_db
def test_show_more_keeps_the_tag_filter_and_counts_what_it_hides(client, recruiter, job, top5):
    tagged = factories.ApplicationFactory.create_batch(BOARD_PAGE_SIZE + 2, job=job)
    for application in tagged:
        application.tags.add(top5)
    factories.ApplicationFactory.create_batch(3, job=job)
    client.force_login(recruiter)

    html = client.get(board_url(job), {"tag": top5.pk}).content.decode()

    assert len(card_ids(html, "Applied")) == BOARD_PAGE_SIZE
    assert f'<span class="board-column__count">{BOARD_PAGE_SIZE + 2}<' in html
    assert "(2 not shown)" in html
    assert f"tag={top5.pk}&amp;show_Applied={2 * BOARD_PAGE_SIZE}" in html
    more = client.get(board_url(job), {"tag": top5.pk, "show_Applied": 2 * BOARD_PAGE_SIZE}).content.decode()
    assert sorted(card_ids(more, "Applied")) == sorted(application.pk for application in tagged)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5", "99999999999999999999999", "٣"])
def test_a_tag_filter_that_is_no_id_shows_every_card(client, recruiter, application, job, top5, value):
    client.force_login(recruiter)
    response = client.get(board_url(job), {"tag": value})
    assert response.status_code == 200
    assert card_ids(response.content.decode(), "Applied") == [application.pk]


@pytest.mark.django_db
def test_another_companys_or_a_deleted_tag_is_dropped_from_the_filter(client, recruiter, application, job, globex_tag):
    client.force_login(recruiter)
    deleted = Tag.objects.create(company=job.company, name="Gone")
    deleted_pk = deleted.pk
    deleted.delete()
    for tag_id in (globex_tag.pk, deleted_pk):
        html = client.get(board_url(job), {"tag": tag_id, "q": "test"}).content.decode()
        assert card_ids(html, "Applied") == [application.pk]
        assert f'data-refresh-url="{board_url(job)}?q=test"' in html
        assert "Fast track" not in html


@pytest.mark.django_db
def test_without_tags_the_board_offers_no_tag_filter_nor_toggles(client, recruiter, application, job):
    client.force_login(recruiter)
    html = client.get(board_url(job)).content.decode()
    assert 'id="board-tag"' not in html
    menu = client.get(menu_url(application, "Applied")).content.decode()
    assert "card-menu__tag" not in menu
    assert 'aria-label="Move Test ' in menu


@pytest.mark.django_db
def test_card_menus_toggle_each_company_tag_naming_the_candidate(client, recruiter, application, job, top5, referral):
    application.tags.add(top5)
    client.force_login(recruiter)
    card = client.get(menu_url(application, "Applied")).content.decode()
    name = application.candidate.display_name
    assert f'action="/workspace/applications/{application.pk}/tags/"' in card
    assert f'name="remove" value="{top5.pk}"' in card
    assert f'aria-label="Remove tag “Top 5” from {name}"' in card
    assert f'name="add" value="{referral.pk}"' in card
    assert f'aria-label="Add tag “Referral” to {name}"' in card
    assert '<input type="hidden" name="next" value="board">' in card


@pytest.mark.django_db
def test_final_cards_get_a_menu_for_their_tags_alone(client, recruiter, job, top5):
    hired = factories.ApplicationFactory(job=job, stage=Stage.HIRED)
    client.force_login(recruiter)
    card = column_html(client.get(board_url(job)).content.decode(), "Hired")
    assert card_ids(card, "Hired") == [hired.pk]
    assert 'class="card-menu"' in card
    menu = client.get(menu_url(hired, "Hired")).content.decode()
    assert "card-menu__tag" in menu
    assert "Move to</p>" not in menu


@pytest.mark.django_db
def test_a_manager_who_may_not_move_still_tags_from_the_card_menu(client, other_hiring_manager, application, job, top5):
    client.force_login(other_hiring_manager)
    html = client.get(board_url(job)).content.decode()
    card = column_html(html, "Applied")
    assert 'data-can-move="false"' in html
    menu = client.get(menu_url(application, "Applied")).content.decode()
    assert 'class="card-menu"' in card
    assert 'aria-label="Move Test ' not in menu
    assert f'aria-label="Add tag “Top 5” to {application.candidate.display_name}"' in menu


@pytest.mark.django_db
def test_tagged_cards_cost_the_board_no_more_queries(
    client, recruiter, acme, top5, referral, django_assert_max_num_queries
):
    small = factories.JobFactory(company=acme)
    large = factories.JobFactory(company=acme)
    for job, size in ((small, 6), (large, 300)):
        candidates = factories.CandidateFactory.build_batch(size)
        for index, candidate in enumerate(candidates):
            candidate.username = f"t{job.pk}-{index}"
        User.objects.bulk_create(candidates)
        applications = Application.objects.bulk_create(
            Application(job=job, candidate=candidate, stage=Stage.APPLIED if index % 2 else Stage.SCREENING)
            for index, candidate in enumerate(User.objects.filter(username__startswith=f"t{job.pk}-"))
        )
        Application.tags.through.objects.bulk_create(
            Application.tags.through(application_id=application.pk, tag_id=tag.pk)
            for application in applications
            for tag in (top5, referral)
        )
    client.force_login(recruiter)
    client.get(board_url(small))  # warm up the session and content types
    with CaptureQueriesContext(connection) as small_queries:
        small_html = client.get(board_url(small), {"tag": top5.pk}).content.decode()
    assert len(card_ids(small_html, "Applied")) == 3

    with django_assert_max_num_queries(len(small_queries)):
        html = client.get(board_url(large), {"tag": top5.pk}).content.decode()
    assert len(card_ids(html, "Applied")) == BOARD_PAGE_SIZE
    assert html.count('title="Top 5">Top 5</li>') == 2 * BOARD_PAGE_SIZE
