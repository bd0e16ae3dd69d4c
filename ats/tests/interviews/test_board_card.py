"""A board card's interview facts (GET /workspace/jobs/<pk>/board/): the next interview's
date in the viewer's zone, and the scorecards' recommendations as the viewer may read
them, at two queries whatever the number of cards."""

import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ats.services.applications import application_change_stage
from ats.services.interviews import interview_schedule, scorecard_submit
from ats.tests import factories
from ats.tests.interviews.conftest import BERLIN, days_ahead, move_to_the_past
from ats.tests.workspace.board_page import board_url, column_html
from ats.workflow import Rating, Stage


def card_html(html: str, stage: str, application) -> str:
    column = column_html(html, stage)
    start = column.index(f'data-application-id="{application.pk}"')
    return column[start : column.index("</li>", start)]


@pytest.mark.django_db
def test_a_card_shows_the_next_interview_in_the_viewers_zone(client, recruiter, scheduled, screening, job):
    later = interview_schedule(
        application=screening, organizer=recruiter, starts_at=days_ahead(9), duration=30, interviewers=[recruiter]
    )
    recruiter.time_zone = BERLIN
    recruiter.save(update_fields=["time_zone"])
    client.force_login(recruiter)
    card = card_html(client.get(board_url(job)).content.decode(), "Screening", screening)
    start = scheduled.starts_at.astimezone(zoneinfo.ZoneInfo(BERLIN))
    assert (
        f'Interview <time datetime="{start.isoformat()}">{start:%a} {start.day} {start:%b}, {start:%H:%M}</time>'
        in card
    )
    then = later.starts_at.astimezone(zoneinfo.ZoneInfo(BERLIN))
    assert f"{then:%a} {then.day} {then:%b}" not in card


@pytest.mark.django_db
def test_a_card_without_interviews_or_scorecards_shows_neither(client, recruiter, screening, job):
    client.force_login(recruiter)
    card = card_html(client.get(board_url(job)).content.decode(), "Screening", screening)
    assert "board-card__interview" not in card
    assert 'class="recommendations"' not in card


@pytest.mark.django_db
def test_a_past_interview_is_no_next_interview(client, recruiter, scheduled, screening, job):
    move_to_the_past(scheduled)
    client.force_login(recruiter)
    assert "board-card__interview" not in card_html(client.get(board_url(job)).content.decode(), "Screening", screening)


@pytest.mark.django_db
def test_a_card_counts_the_recommendations_with_words_for_screen_readers(
    client, acme, recruiter, hiring_manager, other_hiring_manager, screening, job
):
    scorecard_submit(author=recruiter, application=screening, recommendation=Rating.STRONG_YES)
    scorecard_submit(author=hiring_manager, application=screening, recommendation=Rating.NO)
    scorecard_submit(author=other_hiring_manager, application=screening, recommendation=Rating.NO)
    client.force_login(recruiter)
    card = card_html(client.get(board_url(job)).content.decode(), "Screening", screening)
    assert '<span class="visually-hidden">Scorecards:</span>' in card
    strong_yes = '<span aria-hidden="true">++&#8201;1</span><span class="visually-hidden">1 strong yes,</span>'
    assert f'title="Strong yes: 1">{strong_yes}' in card
    assert 'title="No: 2"><span aria-hidden="true">−&#8201;2</span><span class="visually-hidden">2 no</span>' in card
    assert "Yes: 0" not in card and "Strong no" not in card


@pytest.mark.django_db
def test_a_hiring_manager_sees_the_counts_only_after_scoring_themselves(
    client, recruiter, hiring_manager, screening, job
):
    scorecard_submit(author=recruiter, application=screening, recommendation=Rating.YES)
    client.force_login(hiring_manager)
    assert 'class="recommendations"' not in card_html(
        client.get(board_url(job)).content.decode(), "Screening", screening
    )
    scorecard_submit(author=hiring_manager, application=screening, recommendation=Rating.STRONG_NO)
    card = card_html(client.get(board_url(job)).content.decode(), "Screening", screening)
    assert "1 yes," in card and "1 strong no" in card


@pytest.mark.django_db
def test_interview_facts_cost_no_query_of_their_own_whatever_the_number_of_cards(client, recruiter, acme, job):
    def board_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(board_url(job)).status_code == 200
        return len(queries)

    client.force_login(recruiter)
    client.get(board_url(job))  # warm up the session and content types
    without_cards = board_queries()
    first = factories.ApplicationFactory(job=job)
    application_change_stage(application=first, to_stage=Stage.SCREENING, actor=recruiter)
    one_card = board_queries()
    # The interview facts and the cards' tags come with the cards' own query.
    assert one_card == without_cards
    for hour in range(8, 16):
        application = factories.ApplicationFactory(job=job)
        application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
        interview_schedule(
            application=application,
            organizer=recruiter,
            starts_at=days_ahead(2, hour),
            duration=30,
            interviewers=[recruiter],
        )
        scorecard_submit(author=recruiter, application=application, recommendation=Rating.YES)
    assert board_queries() == one_card
