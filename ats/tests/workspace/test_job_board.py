"""The job's board (GET /workspace/jobs/<pk>/board/): its columns, cards, counts and filter, for whom."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ats.models import Application, User
from ats.selectors.board import BOARD_PAGE_SIZE
from ats.tests import factories
from ats.tests.workspace.board_page import board_columns, board_url, card_ids, column_html, menu_url
from ats.views import board as board_view
from ats.workflow import BOARD_ORDER, Stage


@pytest.mark.django_db
def test_it_shows_one_column_per_stage_in_order_with_counts_and_cards(client, recruiter, application, job):
    factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
    client.force_login(recruiter)
    response = client.get(board_url(job))
    html = response.content.decode()
    assert response.status_code == 200
    assert list(board_columns(html)) == list(BOARD_ORDER)
    assert card_ids(html, "Applied") == [application.pk]
    assert '<span class="board-column__count">1<' in column_html(html, "Interview")
    card = column_html(html, "Applied")
    assert application.candidate.display_name in card
    assert '0 days</span><span class="visually-hidden"> in Applied</span>' in card
    assert 'data-allowed-targets="Screening Rejected"' in card
    # The card's actions come when its menu opens, not with the board.
    name = application.candidate.display_name
    assert f'class="card-menu__button">Actions<span class="visually-hidden"> for {name}' in card
    assert 'aria-label="Move Test ' not in card
    assert 'aria-label="Move Test ' in client.get(menu_url(application, "Applied")).content.decode()


@pytest.mark.django_db
def test_it_counts_days_in_the_current_stage(client, recruiter, application, job):
    Application.objects.filter(pk=application.pk).update(stage_changed_at=timezone.now() - datetime.timedelta(days=3))
    client.force_login(recruiter)
    assert (
        '3 days</span><span class="visually-hidden"> in Applied</span>' in client.get(board_url(job)).content.decode()
    )


@pytest.mark.django_db
def test_it_filters_cards_by_candidate_name(client, recruiter, job):
    alex = factories.ApplicationFactory(job=job, candidate__first_name="Alex", candidate__last_name="Kim")
    factories.ApplicationFactory(job=job, candidate__first_name="Sam", candidate__last_name="Patel")
    client.force_login(recruiter)
    html = client.get(board_url(job), {"q": "alex ki"}).content.decode()
    assert card_ids(html, "Applied") == [alex.pk]
    assert "Sam Patel" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["\x00", "alex\x00", "alex\nkim", "\x1balex\x7f"])
def test_control_characters_in_the_name_filter_are_dropped(client, recruiter, job, query):
    # PostgreSQL refuses a NUL byte in a query: the board was a 500 there.
    alex = factories.ApplicationFactory(job=job, candidate__first_name="Alex", candidate__last_name="Kim")
    client.force_login(recruiter)
    response = client.get(board_url(job), {"q": query})
    assert response.status_code == 200
    assert card_ids(response.content.decode(), "Applied") == [alex.pk]


@pytest.mark.django_db
def test_it_shows_the_first_cards_of_a_long_column_and_more_on_request(client, recruiter, job):
    for _ in range(BOARD_PAGE_SIZE + 2):
        factories.ApplicationFactory(job=job)
    client.force_login(recruiter)
    html = client.get(board_url(job)).content.decode()
    assert len(card_ids(html, "Applied")) == BOARD_PAGE_SIZE
    assert f'<span class="board-column__count">{BOARD_PAGE_SIZE + 2}<' in html
    assert "(2 not shown)" in html
    assert f"show_Applied={2 * BOARD_PAGE_SIZE}" in html
    more = client.get(board_url(job), {"show_Applied": 2 * BOARD_PAGE_SIZE}).content.decode()
    assert len(card_ids(more, "Applied")) == BOARD_PAGE_SIZE + 2


@pytest.mark.django_db
def test_a_column_stops_offering_more_at_the_maximum_and_points_to_the_filter(client, recruiter, job, monkeypatch):
    monkeypatch.setattr(board_view, "BOARD_MAX_CARDS", BOARD_PAGE_SIZE * 2)
    for _ in range(BOARD_PAGE_SIZE * 2 + 3):
        factories.ApplicationFactory(job=job)
    client.force_login(recruiter)
    html = client.get(board_url(job), {"show_Applied": 10 * BOARD_PAGE_SIZE}).content.decode()
    applied = column_html(html, "Applied")
    assert len(card_ids(html, "Applied")) == BOARD_PAGE_SIZE * 2
    assert "board-column__more" not in applied
    assert "3 not shown: filter by candidate name to find them." in applied


@pytest.mark.django_db
def test_an_htmx_request_gets_only_the_board(client, recruiter, job, application):
    client.force_login(recruiter)
    html = client.get(board_url(job), HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="board"')
    assert "<html" not in html


@pytest.mark.django_db
def test_htmx_restoring_history_gets_the_whole_page(client, recruiter, job):
    client.force_login(recruiter)
    html = client.get(board_url(job), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true").content.decode()
    assert "<html" in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider_recruiter", "outsider_hiring_manager"])
def test_other_companies_get_404_for_the_board(client, request, job, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(board_url(job)).status_code == 404


@pytest.mark.django_db
def test_a_candidate_gets_403_for_the_board_of_a_published_job_and_404_for_a_draft(client, candidate, job, acme):
    draft = factories.JobFactory(company=acme, status="draft")
    client.force_login(candidate)
    assert client.get(board_url(job)).status_code == 403
    assert client.get(board_url(draft)).status_code == 404


@pytest.mark.django_db
def test_an_unassigned_manager_gets_403_when_managers_see_assigned_only(client, other_hiring_manager, job, settings):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    client.force_login(other_hiring_manager)
    assert client.get(board_url(job)).status_code == 403


@pytest.mark.django_db
def test_an_unassigned_manager_sees_a_read_only_board(client, other_hiring_manager, job, application):
    client.force_login(other_hiring_manager)
    html = client.get(board_url(job)).content.decode()
    assert card_ids(html, "Applied") == [application.pk]
    assert 'data-can-move="false"' in html
    assert "move-form" not in html
    assert "only recruiters and this job's hiring managers can move" in html


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, job):
    response = client.get(board_url(job))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.django_db
def test_an_htmx_request_after_the_session_expired_is_sent_to_log_in_from_the_page(client, job):
    page = f"http://testserver{board_url(job)}?q=kim"
    response = client.get(board_url(job), HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=page)
    # A 302 would be followed by htmx, and the login page swapped into the board.
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/accounts/login/?next={board_url(job)}%3Fq%3Dkim"


@pytest.mark.django_db
def test_the_board_needs_the_same_number_of_queries_for_10_and_1000_applications(
    client, recruiter, acme, django_assert_max_num_queries
):
    small = factories.JobFactory(company=acme)
    large = factories.JobFactory(company=acme)
    for job, size in ((small, 10), (large, 1000)):
        candidates = factories.CandidateFactory.build_batch(size)
        for index, candidate in enumerate(candidates):
            candidate.username = f"c{job.pk}-{index}"
        User.objects.bulk_create(candidates)
        stages = list(BOARD_ORDER)
        Application.objects.bulk_create(
            Application(job=job, candidate=candidate, stage=stages[index % len(stages)])
            for index, candidate in enumerate(User.objects.filter(username__startswith=f"c{job.pk}-"))
        )
    client.force_login(recruiter)
    client.get(board_url(small))  # warm up the session and content types
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(board_url(small)).status_code == 200
    # The session, the user, their permissions, the counts, the cards, the reason dialog's choices,
    # the cards' next interviews and their scorecards' recommendations, the company's tags
    # (the filter, the card menus) and the cards' tags, …
    assert len(small_queries) <= 13, [query["sql"] for query in small_queries]
    with django_assert_max_num_queries(len(small_queries)):
        html = client.get(board_url(large)).content.decode()
    assert len(card_ids(html, "Applied")) == BOARD_PAGE_SIZE
    assert '<span class="board-column__count">167<' in column_html(html, "Applied")


@pytest.mark.django_db
def test_cards_link_to_the_reject_form_instead_of_rejecting_at_once(client, recruiter, application, job):
    client.force_login(recruiter)
    html = client.get(board_url(job)).content.decode()
    card = client.get(menu_url(application, "Applied")).content.decode()
    assert f'href="/workspace/applications/{application.pk}/#reject"' in card
    assert ">Reject…</a>" in card
    assert 'value="Rejected"' not in card
    assert "data-needs-reason" in column_html(html, "Rejected")
