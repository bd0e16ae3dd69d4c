"""The job's board (GET /workspace/jobs/<pk>/board/) and the move endpoint every move posts to."""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ats import selectors
from ats.models import Application, ApplicationHistory, User
from ats.selectors import BOARD_PAGE_SIZE
from ats.tests import factories
from ats.workflow import BOARD_ORDER, Stage


def board_url(job) -> str:
    return f"/workspace/jobs/{job.pk}/board/"


def move_url(application) -> str:
    return f"/workspace/applications/{application.pk}/move/"


def column_html(html: str, stage: str) -> str:
    match = re.search(rf'<section class="board-column[^"]*" data-stage="{stage}".*?</section>', html, re.S)
    assert match, f"no {stage} column"
    return match.group(0)


def card_ids(html: str, stage: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-application-id="(\d+)"', column_html(html, stage))]


@pytest.mark.django_db
def test_it_shows_one_column_per_stage_in_order_with_counts_and_cards(client, recruiter, application, job):
    factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
    client.force_login(recruiter)
    response = client.get(board_url(job))
    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r'<section class="board-column[^"]*" data-stage="(\w+)"', html) == list(BOARD_ORDER)
    assert card_ids(html, "Applied") == [application.pk]
    assert '<span class="board-column__count">1<' in column_html(html, "Interview")
    card = column_html(html, "Applied")
    assert application.candidate.display_name in card
    assert "0 days in Applied" in card
    assert 'data-allowed-targets="Screening Rejected"' in card
    assert 'aria-label="Move Test ' in card


@pytest.mark.django_db
def test_it_counts_days_in_the_current_stage(client, recruiter, application, job):
    Application.objects.filter(pk=application.pk).update(stage_changed_at=timezone.now() - datetime.timedelta(days=3))
    client.force_login(recruiter)
    assert "3 days in Applied" in client.get(board_url(job)).content.decode()


@pytest.mark.django_db
def test_it_filters_cards_by_candidate_name(client, recruiter, job):
    alex = factories.ApplicationFactory(job=job, candidate__first_name="Alex", candidate__last_name="Kim")
    factories.ApplicationFactory(job=job, candidate__first_name="Sam", candidate__last_name="Patel")
    client.force_login(recruiter)
    html = client.get(board_url(job), {"q": "alex ki"}).content.decode()
    assert card_ids(html, "Applied") == [alex.pk]
    assert "Sam Patel" not in html


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
    monkeypatch.setattr(selectors, "BOARD_MAX_CARDS", BOARD_PAGE_SIZE * 2)
    for _ in range(BOARD_PAGE_SIZE * 2 + 3):
        factories.ApplicationFactory(job=job)
    client.force_login(recruiter)
    html = client.get(board_url(job), {"show_Applied": 10 * BOARD_PAGE_SIZE}).content.decode()
    applied = column_html(html, "Applied")
    assert len(card_ids(html, "Applied")) == BOARD_PAGE_SIZE * 2
    assert "board-column__more" not in applied
    assert "3 not shown: filter by candidate name to find them." in applied


@pytest.mark.django_db
def test_the_board_fetches_each_column_only_up_to_its_own_limit(job):
    for stage in (Stage.APPLIED, Stage.SCREENING):
        for _ in range(BOARD_PAGE_SIZE + 5):
            factories.ApplicationFactory(job=job, stage=stage)
    with mock.patch.object(Application, "from_db", side_effect=Application.from_db) as loaded:
        columns = selectors.board_columns(job, limits={"Applied": 2 * BOARD_PAGE_SIZE})
    assert [len(column["cards"]) for column in columns[:2]] == [BOARD_PAGE_SIZE + 5, BOARD_PAGE_SIZE]
    assert loaded.call_count == 2 * BOARD_PAGE_SIZE + 5


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
    assert len(small_queries) <= 8, [query["sql"] for query in small_queries]
    with django_assert_max_num_queries(len(small_queries)):
        html = client.get(board_url(large)).content.decode()
    assert len(card_ids(html, "Applied")) == BOARD_PAGE_SIZE
    assert '<span class="board-column__count">167<' in column_html(html, "Applied")


# Moves ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_moves_a_card_and_answers_htmx_with_the_new_board(client, recruiter, application, job):
    client.force_login(recruiter)
    response = client.post(
        move_url(application), {"from_stage": "Applied", "to_stage": "Screening"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    row = ApplicationHistory.objects.filter(application=application).last()
    assert (row.from_stage, row.to_stage, row.changed_by) == ("Applied", "Screening", recruiter)
    assert card_ids(html, "Screening") == [application.pk]
    assert card_ids(html, "Applied") == []
    assert 'hx-swap-oob="innerHTML"' in html
    assert "moved to Screening" in html


@pytest.mark.django_db
def test_an_invalid_move_is_refused_with_the_reason_and_the_true_board(client, recruiter, application, job):
    client.force_login(recruiter)
    response = client.post(
        move_url(application), {"from_stage": "Applied", "to_stage": "Offer"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert response["Vary"] == "HX-Request, Cookie"
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert application.history.count() == 1
    assert card_ids(html, "Applied") == [application.pk]
    assert "board-message--error" in html
    assert "can&#x27;t move to Offer" in html


@pytest.mark.django_db
def test_a_stale_move_is_refused(client, recruiter, application, job):
    client.force_login(recruiter)
    response = client.post(
        move_url(application), {"from_stage": "Screening", "to_stage": "Interview"}, HTTP_HX_REQUEST="true"
    )
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert response.status_code == 409
    assert "someone else moved it" in response.content.decode()


@pytest.mark.django_db
def test_without_javascript_a_move_redirects_to_the_board_with_a_message(client, recruiter, application, job):
    client.force_login(recruiter)
    response = client.post(
        move_url(application), {"from_stage": "Applied", "to_stage": "Screening", "board_state": "q=Test&evil=1"}
    )
    assert response.status_code == 302
    assert response.url == f"{board_url(job)}?q=Test"
    page = client.get(response.url).content.decode()
    assert "moved to Screening" in page
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING


@pytest.mark.django_db
def test_without_javascript_a_refusal_is_shown_on_the_board(client, recruiter, application, job):
    client.force_login(recruiter)
    response = client.post(move_url(application), {"from_stage": "Applied", "to_stage": "Hired"}, follow=True)
    assert "can&#x27;t move to Hired" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_stage_is_refused_with_a_message(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(move_url(application), {"to_stage": "Promoted"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "“Promoted” is not a stage." in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_an_assigned_hiring_manager_moves_a_card(client, hiring_manager, application):
    client.force_login(hiring_manager)
    client.post(move_url(application), {"from_stage": "Applied", "to_stage": "Screening"})
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING


@pytest.mark.django_db
def test_an_unassigned_hiring_manager_cannot_move_a_card(client, other_hiring_manager, application):
    client.force_login(other_hiring_manager)
    response = client.post(move_url(application), {"from_stage": "Applied", "to_stage": "Screening"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert application.history.count() == 1


@pytest.mark.django_db
def test_a_manager_unassigned_meanwhile_gets_the_page_reloaded_with_a_message(client, hiring_manager, application, job):
    client.force_login(hiring_manager)
    job.hiring_managers.remove(hiring_manager)
    response = client.post(
        move_url(application), {"from_stage": "Applied", "to_stage": "Screening"}, HTTP_HX_REQUEST="true"
    )
    # htmx 2 swaps no 403: without HX-Refresh the card would stay where it was dropped.
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "That could not be saved (you may no longer have access). The page has been reloaded."
    ]
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_an_htmx_move_with_a_stale_csrf_token_reloads_the_page(recruiter, application):
    client = Client(enforce_csrf_checks=True)
    client.force_login(recruiter)
    response = client.post(
        move_url(application), {"from_stage": "Applied", "to_stage": "Screening"}, HTTP_HX_REQUEST="true"
    )
    assert response["HX-Refresh"] == "true"
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_cards_link_to_the_reject_form_instead_of_rejecting_at_once(client, recruiter, application, job):
    client.force_login(recruiter)
    html = client.get(board_url(job)).content.decode()
    card = column_html(html, "Applied")
    assert f'href="/workspace/applications/{application.pk}/#reject"' in card
    assert ">Reject…</a>" in card
    assert 'value="Rejected"' not in card
    assert "data-needs-reason" in column_html(html, "Rejected")


@pytest.mark.django_db
@pytest.mark.parametrize("note", [None, "  "])
def test_a_move_to_rejected_without_a_reason_is_refused(client, recruiter, application, job, note):
    client.force_login(recruiter)
    data = {"from_stage": "Applied", "to_stage": "Rejected"} | ({"note": note} if note is not None else {})
    response = client.post(move_url(application), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 422
    assert card_ids(html, "Applied") == [application.pk]
    assert card_ids(html, "Rejected") == []
    assert "board-message--error" in html
    assert "Moving to Rejected needs a reason" in html
    assert f'<a href="/workspace/applications/{application.pk}/#reject">Reject with a reason</a>' in html
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert application.history.count() == 1


@pytest.mark.django_db
def test_without_javascript_a_rejection_without_a_reason_goes_back_to_the_board_with_the_message(
    client, recruiter, application, job
):
    client.force_login(recruiter)
    response = client.post(move_url(application), {"from_stage": "Applied", "to_stage": "Rejected"}, follow=True)
    assert response.redirect_chain == [(board_url(job), 302)]
    assert "Moving to Rejected needs a reason" in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_a_move_to_rejected_with_a_note_keeps_it_as_the_reason(client, recruiter, application):
    client.force_login(recruiter)
    client.post(move_url(application), {"from_stage": "Applied", "to_stage": "Rejected", "note": "No Go."})
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    assert application.history.last().note == "No Go."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"), [("outsider_recruiter", 404), ("outsider_hiring_manager", 404), ("other_candidate", 404)]
)
def test_other_companies_and_other_candidates_get_404_for_a_move(client, request, application, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(move_url(application), {"from_stage": "Applied", "to_stage": "Screening"})
    assert response.status_code == status
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_the_candidate_gets_403_for_moving_their_own_application(client, application, candidate):
    client.force_login(candidate)
    response = client.post(move_url(application), {"from_stage": "Applied", "to_stage": "Screening"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_the_move_endpoint_takes_only_post(client, recruiter, application):
    client.force_login(recruiter)
    assert client.get(move_url(application)).status_code == 405
