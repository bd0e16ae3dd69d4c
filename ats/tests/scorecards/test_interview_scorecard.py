"""An interviewer's scorecard (GET/POST /workspace/interviews/<pk>/scorecard/): the form
built from the job's criteria, once, then what was submitted, read-only."""

import re
from datetime import timedelta
from html import unescape

import pytest

from ats.models import Interview, Scorecard, ScorecardRating
from ats.tests.factories import scheduled_interview
from ats.tests.scorecards.conftest import scorecard_data
from ats.workflow import InterviewStatus, Rating


def url(interview) -> str:
    return f"/workspace/interviews/{interview.pk}/scorecard/"


@pytest.mark.django_db
def test_an_interviewer_sees_the_interview_and_one_scale_per_criterion_in_order(
    client, hiring_manager, interview, criteria
):
    client.force_login(hiring_manager)
    response = client.get(url(interview))
    html = response.content.decode()
    assert response.status_code == 200
    assert interview.application.candidate.display_name in html
    assert "Backend Engineer" in html and "Technical interview" in html
    legends = re.findall(r'<legend class="criterion__name">([^<]+)</legend>', html)
    assert legends == ["Python", "Communication", "Ownership", "Overall recommendation"]
    for criterion in criteria:
        assert len(re.findall(rf'<input type="radio" name="criterion_{criterion.pk}" value="[1-4]"', html)) == 4
        assert f'name="criterion_{criterion.pk}_note"' in html
    labels = re.findall(r"<span>(Strong no|No|Yes|Strong yes)</span>", html)
    assert labels[:4] == ["Strong no", "No", "Yes", "Strong yes"]
    assert len(labels) == 4 * 4


@pytest.mark.django_db
def test_the_time_is_shown_in_the_interviewers_time_zone(client, hiring_manager, interview):
    hiring_manager.time_zone = "Asia/Tokyo"
    hiring_manager.save(update_fields=["time_zone"])
    client.force_login(hiring_manager)
    assert "(Asia/Tokyo, JST)" in client.get(url(interview)).content.decode()


@pytest.mark.django_db
def test_an_interviewer_submits_and_the_ratings_are_stored_with_their_names(
    client, hiring_manager, interview, criteria
):
    client.force_login(hiring_manager)
    data = scorecard_data(criteria, ratings=(4, 3, 1), recommendation=3, notes="Hire, with a mentor.")
    response = client.post(url(interview), data)
    assert response.status_code == 302
    assert response.url == f"/workspace/applications/{interview.application_id}/#scorecards"
    card = Scorecard.objects.get()
    assert (card.author, card.interview, card.application, card.recommendation, card.notes) == (
        hiring_manager,
        interview,
        interview.application,
        Rating.YES,
        "Hire, with a mentor.",
    )
    stored = list(ScorecardRating.objects.filter(scorecard=card).values_list("criterion_name", "rating", "note"))
    assert stored == [
        ("Python", 4, "About python."),
        ("Communication", 3, "About communication."),
        ("Ownership", 1, "About ownership."),
    ]
    page = client.get(response.url).content.decode()
    assert "Your scorecard is submitted." in page


@pytest.mark.django_db
def test_once_submitted_the_page_shows_the_scorecard_read_only(client, hiring_manager, interview, criteria):
    client.force_login(hiring_manager)
    client.post(url(interview), scorecard_data(criteria, ratings=(4, 3, 1), notes="Hire, with a mentor."))
    html = client.get(url(interview)).content.decode()
    assert "Your scorecard" in html and "can't be changed" in html
    assert 'type="radio"' not in html and "Submit scorecard" not in html
    assert "Hire, with a mentor." in html and "About ownership." in html
    assert re.search(
        r"<dt>Python</dt>\s*<dd class=\"scorecard__value\"><span class=\"rating rating--4\">Strong yes</span>", html
    )


@pytest.mark.django_db
def test_a_second_submission_is_refused(client, hiring_manager, interview, criteria):
    client.force_login(hiring_manager)
    client.post(url(interview), scorecard_data(criteria, recommendation=4))
    response = client.post(url(interview), scorecard_data(criteria, recommendation=1))
    assert response.status_code == 422
    assert "You have already submitted your scorecard for this interview." in response.content.decode()
    assert Scorecard.objects.get().recommendation == Rating.STRONG_YES


@pytest.mark.django_db
def test_a_missing_criterion_rating_is_refused_and_nothing_is_stored(client, hiring_manager, interview, criteria):
    client.force_login(hiring_manager)
    data = scorecard_data(criteria)
    del data[f"criterion_{criteria[1].pk}"]
    response = client.post(url(interview), data)
    html = response.content.decode()
    assert response.status_code == 422
    assert (
        f'<a href="#id_criterion_{criteria[1].pk}">Communication: Choose a rating, from strong no to strong yes.</a>'
        in html
    )
    # The summary links to the group, which carries the error; what was chosen stays chosen.
    assert f'aria-describedby="id_criterion_{criteria[1].pk}_error"' in html
    assert re.search(rf'name="criterion_{criteria[0].pk}" value="3"[^>]*checked', html)
    assert not Scorecard.objects.exists() and not ScorecardRating.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "5", "four"])
def test_a_rating_off_the_scale_is_refused(client, hiring_manager, interview, criteria, value):
    client.force_login(hiring_manager)
    data = scorecard_data(criteria) | {f"criterion_{criteria[0].pk}": value}
    response = client.post(url(interview), data)
    assert response.status_code == 422
    assert "Choose one of strong no, no, yes and strong yes." in response.content.decode()
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_without_a_recommendation_nothing_is_stored(client, hiring_manager, interview, criteria):
    client.force_login(hiring_manager)
    data = scorecard_data(criteria)
    del data["recommendation"]
    response = client.post(url(interview), data)
    assert response.status_code == 422
    assert "Overall recommendation: Choose a recommendation, from strong no to strong yes." in response.content.decode()
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_before_the_interview_starts_the_page_says_so_and_a_submission_is_refused(
    client, hiring_manager, upcoming_interview, criteria
):
    client.force_login(hiring_manager)
    page = client.get(url(upcoming_interview))
    html = page.content.decode()
    assert page.status_code == 200
    assert "submit its scorecard afterwards" in html
    assert 'type="radio"' not in html
    assert "You will rate: Python, Communication, Ownership" in html
    response = client.post(url(upcoming_interview), scorecard_data(criteria))
    assert response.status_code == 422
    assert "submit its scorecard afterwards" in response.content.decode()
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_a_cancelled_interview_takes_no_scorecard(client, hiring_manager, interview, criteria):
    Interview.objects.filter(pk=interview.pk).update(status=InterviewStatus.CANCELLED)
    client.force_login(hiring_manager)
    assert "didn't take place" in unescape(client.get(url(interview)).content.decode())
    response = client.post(url(interview), scorecard_data(criteria))
    assert response.status_code == 422
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_a_job_without_criteria_asks_only_the_recommendation(client, hiring_manager, application):
    interview = scheduled_interview(application, hiring_manager, starts_in=timedelta(hours=-1))
    client.force_login(hiring_manager)
    assert client.get(url(interview)).content.decode().count('type="radio"') == 4
    response = client.post(url(interview), {"recommendation": "2"})
    assert response.status_code == 302
    assert Scorecard.objects.get().recommendation == Rating.NO


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_hiring_manager", "recruiter"])
def test_a_teammate_who_was_not_on_the_interview_gets_403(client, request, application, hiring_manager, criteria, who):
    interview = scheduled_interview(application, hiring_manager, starts_in=timedelta(hours=-1))
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(interview)).status_code == 403
    assert client.post(url(interview), scorecard_data(criteria)).status_code == 403
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider_recruiter", "outsider_hiring_manager", "other_candidate"])
def test_another_company_and_other_candidates_get_404(client, request, interview, criteria, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(interview)).status_code == 404
    assert client.post(url(interview), scorecard_data(criteria)).status_code == 404
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_the_candidate_gets_403_for_their_own_interview(client, candidate, interview, criteria):
    client.force_login(candidate)
    assert client.get(url(interview)).status_code == 403
    assert client.post(url(interview), scorecard_data(criteria)).status_code == 403
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_an_interview_that_does_not_exist_is_404(client, hiring_manager):
    client.force_login(hiring_manager)
    assert client.get("/workspace/interviews/999999/scorecard/").status_code == 404


@pytest.mark.django_db
def test_a_visitor_is_sent_to_log_in(client, interview):
    response = client.get(url(interview))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
