"""The scorecards section of an application's page (GET /workspace/applications/<pk>/):
the summary, each scorecard the viewer may read, and the rule that a teammate other
than a recruiter reads the others' only once they have given their own."""

import re
from datetime import timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from ats.models import Scorecard
from ats.services.interviews import scorecard_submit
from ats.tests import factories
from ats.tests.factories import scheduled_interview
from ats.tests.scorecards.conftest import scorecard_data


def page(client, application) -> str:
    response = client.get(f"/workspace/applications/{application.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str) -> str:
    """The scorecards section, its entities decoded: what the reader sees."""
    return unescape(
        re.search(r'<section class="panel" aria-labelledby="scorecards">.*?</section>', html, re.S).group(0)
    )


@pytest.fixture
def recruiters_scorecard(interview, recruiter, criteria):
    return scorecard_submit(
        interview=interview,
        author=recruiter,
        recommendation=4,
        notes="Rita's overall notes.",
        ratings={criteria[0].pk: 4, criteria[1].pk: 3, criteria[2].pk: 4},
        rating_notes={criteria[0].pk: "Rita on Python."},
    )


@pytest.fixture
def second_interviewer_scorecard(application, criteria, acme):
    """Another recruiter's scorecard from an earlier interview."""
    colleague = factories.RecruiterFactory(company=acme, first_name="Ola", last_name="Okafor")
    earlier = scheduled_interview(application, colleague, starts_in=timedelta(days=-2), title="Phone screen")
    return scorecard_submit(
        interview=earlier,
        author=colleague,
        recommendation=2,
        notes="Ola's overall notes.",
        ratings={criteria[0].pk: 2, criteria[1].pk: 2, criteria[2].pk: 3},
    )


@pytest.mark.django_db
def test_an_interviewer_who_has_not_submitted_sees_how_many_but_not_the_others(
    client, hiring_manager, interview, recruiters_scorecard, second_interviewer_scorecard
):
    client.force_login(hiring_manager)
    html = section(page(client, interview.application))
    assert "Submit your scorecard or review to see the others' (2 submitted)." in html
    assert "Rita's overall notes." not in html and "Rita on Python." not in html
    assert "Ola's overall notes." not in html
    assert "Summary" not in html and "No scorecards yet." not in html
    # Their own scorecard is due: the section links to it.
    assert f'href="/workspace/interviews/{interview.pk}/scorecard/"' in html


@pytest.mark.django_db
def test_after_submitting_the_interviewer_reads_everyones_scorecards_and_the_summary(
    client, hiring_manager, interview, criteria, recruiters_scorecard, second_interviewer_scorecard
):
    client.force_login(hiring_manager)
    client.post(
        f"/workspace/interviews/{interview.pk}/scorecard/",
        scorecard_data(criteria, ratings=(3, 3, 3), recommendation=3, notes="Max's notes."),
    )
    html = section(page(client, interview.application))
    assert "to see the others" not in html
    assert "Submit your scorecard" not in html
    assert "Rita's overall notes." in html and "Rita on Python." in html and "Ola's overall notes." in html
    assert "Max's notes." in html and "(you)" in html
    assert "3 scorecards · average recommendation 3.0 of 4" in html
    assert "Phone screen" in html and "Technical interview" in html


@pytest.mark.django_db
def test_a_general_review_also_opens_the_others(client, hiring_manager, interview, recruiters_scorecard):
    client.force_login(hiring_manager)
    client.post(f"/workspace/applications/{interview.application_id}/review/", {"recommendation": "2"})
    html = section(page(client, interview.application))
    assert "Rita's overall notes." in html
    assert "General review" in html
    # The interview's scorecard is still theirs to give.
    assert f'href="/workspace/interviews/{interview.pk}/scorecard/"' in html


@pytest.mark.django_db
def test_a_recruiter_reads_every_scorecard_without_giving_one(
    client, acme, application, criteria, recruiters_scorecard, second_interviewer_scorecard
):
    other_recruiter = factories.RecruiterFactory(company=acme)
    client.force_login(other_recruiter)
    html = section(page(client, application))
    assert "to see the others" not in html
    assert "Rita's overall notes." in html and "Ola's overall notes." in html


@pytest.mark.django_db
def test_the_summary_counts_recommendations_and_averages_each_criterion(
    client, recruiter, application, recruiters_scorecard, second_interviewer_scorecard
):
    client.force_login(recruiter)
    html = section(page(client, application))
    tally = re.findall(r'<span class="tally__count">(\d+)</span>\s*<span class="tally__label">([^<]+)</span>', html)
    assert tally == [("0", "Strong no"), ("1", "No"), ("0", "Yes"), ("1", "Strong yes")]
    assert "2 scorecards · average recommendation 3.0 of 4" in html
    means = re.findall(
        r'<th scope="row">([^<]+)</th>\s*<td><span class="criteria-means__mean">([\d.]+)</span>.*?'
        r'<td class="criteria-means__count">(\d+)</td>',
        html,
        re.S,
    )
    assert means == [("Python", "3.0", "2"), ("Communication", "2.5", "2"), ("Ownership", "3.5", "2")]


@pytest.mark.django_db
def test_each_scorecard_shows_its_author_interview_date_and_ratings(
    client, recruiter, application, recruiters_scorecard
):
    client.force_login(recruiter)
    html = section(page(client, application))
    card = re.search(r'<article class="scorecard".*?</article>', html, re.S).group(0)
    assert recruiter.display_name in card and "(you)" in card
    assert "Technical interview" in card
    submitted = timezone.localtime(recruiters_scorecard.submitted_at, ZoneInfo(recruiter.time_zone))
    assert submitted.strftime("%-d %b %Y") in card
    assert re.search(r'<span class="visually-hidden">Recommendation: </span>Strong yes', card)
    assert re.findall(r"<dt>([^<]+)</dt>", card) == ["Python", "Communication", "Ownership"]
    assert "Rita on Python." in card


@pytest.mark.django_db
def test_without_scorecards_the_section_says_so_and_offers_the_general_review(client, hiring_manager, application):
    client.force_login(hiring_manager)
    html = section(page(client, application))
    assert "No scorecards yet." in html
    assert "to see the others" not in html
    assert f'action="/workspace/applications/{application.pk}/review/"' in html
    assert re.findall(r"<span>(Strong no|No|Yes|Strong yes)</span>", html) == ["Strong no", "No", "Yes", "Strong yes"]


@pytest.mark.django_db
def test_a_refused_general_review_comes_back_in_the_section_with_its_error(client, hiring_manager, application):
    client.force_login(hiring_manager)
    response = client.post(f"/workspace/applications/{application.pk}/review/", {"notes": "No rating."})
    html = section(response.content.decode())
    assert response.status_code == 422
    assert 'href="#id_recommendation"' in html and 'id="id_recommendation_error"' in html
    assert "No rating." in html
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_the_candidate_never_reaches_the_scorecards(client, candidate, application, recruiters_scorecard):
    client.force_login(candidate)
    response = client.get(f"/workspace/applications/{application.pk}/")
    assert response.status_code == 403
    assert "Rita" not in response.content.decode()
