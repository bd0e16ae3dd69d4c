"""The Candidates page: /workspace/candidates/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ats.models import Application, Tag
from ats.services.applications import application_change_stage, application_note_add
from ats.services.interviews import scorecard_submit
from ats.tests import factories
from ats.workflow import Rating, Stage

URL = "/workspace/candidates/"


def names_on(response) -> list[str]:
    """The candidates' names in the table, in order."""
    return [row.application.candidate.display_name for row in response.context["rows"]]


@pytest.fixture
def second_job(acme):
    return factories.JobFactory(company=acme, title="Product Designer")


@pytest.fixture
def ada(job):
    candidate = factories.CandidateFactory(username="ada", first_name="Ada", last_name="Lovelace")
    return factories.ApplicationFactory(job=job, candidate=candidate, source="linkedin", cover_letter="I love Rust.")


@pytest.fixture
def grace(second_job):
    candidate = factories.CandidateFactory(username="grace", first_name="Grace", last_name="Hopper")
    return factories.ApplicationFactory(job=second_job, candidate=candidate)


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_candidate_may_not_open_the_list(client, candidate):
    client.force_login(candidate)
    assert client.get(URL).status_code == 403


def test_recruiter_sees_every_application_of_the_company(client, recruiter, ada, grace, outsider_recruiter):
    factories.ApplicationFactory(job=factories.JobFactory(company=outsider_recruiter.company))
    client.force_login(recruiter)
    response = client.get(URL)
    assert response.status_code == 200
    assert sorted(names_on(response)) == ["Ada Lovelace", "Grace Hopper"]
    assert "2 applications" in response.content.decode()


def test_another_company_sees_none_of_them(client, outsider_recruiter, ada, grace):
    client.force_login(outsider_recruiter)
    response = client.get(URL)
    assert names_on(response) == []
    assert "Ada Lovelace" not in response.content.decode()


def test_hiring_manager_sees_only_assigned_jobs_when_the_setting_is_off(client, settings, hiring_manager, ada, grace):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    client.force_login(hiring_manager)
    assert names_on(client.get(URL)) == ["Ada Lovelace"]


def test_hiring_manager_sees_the_company_when_the_setting_is_on(client, settings, hiring_manager, ada, grace):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = True
    client.force_login(hiring_manager)
    assert sorted(names_on(client.get(URL))) == ["Ada Lovelace", "Grace Hopper"]


def test_filters_by_job_stage_and_source(client, recruiter, ada, grace, job):
    client.force_login(recruiter)
    assert names_on(client.get(URL, {"job": job.pk})) == ["Ada Lovelace"]
    assert names_on(client.get(URL, {"source": "linkedin"})) == ["Ada Lovelace"]
    application_change_stage(application=grace, to_stage=Stage.SCREENING, actor=recruiter)
    assert names_on(client.get(URL, {"stage": "Screening"})) == ["Grace Hopper"]


def test_filters_by_tag(client, recruiter, acme, ada, grace):
    top = Tag.objects.create(company=acme, name="Top 5")
    grace.tags.add(top)
    client.force_login(recruiter)
    response = client.get(URL, {"tag": top.pk})
    assert names_on(response) == ["Grace Hopper"]
    assert "Top 5" in response.content.decode()


def test_filters_by_applied_date_range(client, recruiter, ada, grace):
    Application.objects.filter(pk=ada.pk).update(created_at=timezone.now() - timedelta(days=40))
    client.force_login(recruiter)
    today = timezone.localdate()
    assert names_on(client.get(URL, {"applied_from": str(today - timedelta(days=7))})) == ["Grace Hopper"]
    assert names_on(client.get(URL, {"applied_to": str(today - timedelta(days=30))})) == ["Ada Lovelace"]


def test_filters_by_upcoming_interview(client, recruiter, hiring_manager, ada, grace):
    factories.scheduled_interview(grace, hiring_manager, starts_in=timedelta(days=2))
    factories.scheduled_interview(ada, hiring_manager, starts_in=-timedelta(days=2))
    client.force_login(recruiter)
    response = client.get(URL, {"interview": "on"})
    assert names_on(response) == ["Grace Hopper"]
    assert "Interview " in response.content.decode()


def test_bad_filter_values_say_what_to_fix_and_the_others_still_apply(client, recruiter, ada, grace, job):
    client.force_login(recruiter)
    response = client.get(URL, {"applied_from": "yesterday", "job": job.pk, "stage": "Nope", "page": "x"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the date as YYYY-MM-DD" in page
    assert "Select a valid choice" in page
    assert names_on(response) == ["Ada Lovelace"]


@pytest.mark.parametrize("query", [{"applied_to": "9999-12-31"}, {"applied_from": "0001-01-01"}])
def test_a_date_at_the_calendars_edge_is_refused_with_a_message(client, recruiter, ada, grace, query):
    # The day after 9999-12-31, and the first day of year 1 east of UTC, overflowed into a 500.
    recruiter.time_zone = "Asia/Tokyo"
    recruiter.save(update_fields=["time_zone"])
    client.force_login(recruiter)
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "Choose a date between the years 1900 and 9998." in response.content.decode()
    assert sorted(names_on(response)) == ["Ada Lovelace", "Grace Hopper"]


def test_reversed_date_range_is_refused_with_a_message(client, recruiter, ada):
    client.force_login(recruiter)
    page = client.get(URL, {"applied_from": "2026-11-20", "applied_to": "2026-11-01"}).content.decode()
    assert "swap the dates" in page


def test_sorts_by_name_both_ways(client, recruiter, ada, grace):
    client.force_login(recruiter)
    assert names_on(client.get(URL, {"sort": "name"})) == ["Grace Hopper", "Ada Lovelace"]
    assert names_on(client.get(URL, {"sort": "-name"})) == ["Ada Lovelace", "Grace Hopper"]


def test_sorts_by_last_activity_by_default(client, recruiter, ada, grace):
    application_note_add(application=ada, author=recruiter, body="Strong Rust background.")
    client.force_login(recruiter)
    response = client.get(URL)
    assert names_on(response) == ["Ada Lovelace", "Grace Hopper"]
    assert 'aria-sort="descending"' in response.content.decode()


def test_sorts_by_stage_in_pipeline_order(client, recruiter, ada, grace):
    application_change_stage(application=ada, to_stage=Stage.SCREENING, actor=recruiter)
    client.force_login(recruiter)
    assert names_on(client.get(URL, {"sort": "stage"})) == ["Grace Hopper", "Ada Lovelace"]
    assert names_on(client.get(URL, {"sort": "-stage"})) == ["Ada Lovelace", "Grace Hopper"]


def test_an_unknown_sort_falls_back_to_last_activity(client, recruiter, ada, grace):
    client.force_login(recruiter)
    response = client.get(URL, {"sort": "password"})
    assert response.status_code == 200
    assert len(names_on(response)) == 2


def test_pages_hold_25_and_a_page_out_of_range_shows_the_last(client, recruiter, job):
    for _ in range(27):
        factories.ApplicationFactory(job=job)
    client.force_login(recruiter)
    assert len(client.get(URL).context["rows"]) == 25
    last = client.get(URL, {"page": "999"})
    assert last.status_code == 200
    assert len(last.context["rows"]) == 2
    assert "page 2 of 2" in last.content.decode()


def test_the_query_count_does_not_grow_with_the_rows(
    client, recruiter, job, hiring_manager, django_assert_max_num_queries
):
    client.force_login(recruiter)
    for number in range(3):
        application = factories.ApplicationFactory(job=job)
        application.tags.add(Tag.objects.create(company=job.company, name=f"Tag {number}"))
        scorecard_submit(author=recruiter, application=application, recommendation=Rating.YES)
    client.get(URL)
    with django_assert_max_num_queries(16) as small:
        client.get(URL, {"q": "candidate"})
    for number in range(20):
        application = factories.ApplicationFactory(job=job)
        application.tags.add(Tag.objects.get(name=f"Tag {number % 3}"))
        scorecard_submit(author=recruiter, application=application, recommendation=Rating.NO)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(URL, {"q": "candidate"})


def test_shows_what_else_the_candidate_applied_to(client, recruiter, ada, second_job):
    factories.ApplicationFactory(job=second_job, candidate=ada.candidate)
    client.force_login(recruiter)
    page = client.get(URL, {"job": ada.job_id}).content.decode()
    assert "Also applied to" in page
    assert "Product Designer" in page
    assert f"/workspace/candidates/{ada.candidate_id}/" in page


def test_shows_the_scorecards_recommendations(client, recruiter, ada):
    scorecard_submit(author=recruiter, application=ada, recommendation=Rating.STRONG_YES)
    client.force_login(recruiter)
    page = client.get(URL).content.decode()
    assert "1 strong yes" in page


def test_htmx_gets_only_the_results(client, recruiter, ada):
    client.force_login(recruiter)
    response = client.get(URL, {"q": "ada"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert 'id="candidate-results"' in page
    assert "<html" not in page
    assert "Ada Lovelace" in page


def test_the_nav_links_the_team_to_the_list(client, recruiter, candidate):
    client.force_login(recruiter)
    assert 'href="/workspace/candidates/"' in client.get("/workspace/").content.decode()
    client.force_login(candidate)
    assert 'href="/workspace/candidates/"' not in client.get("/").content.decode()


def test_a_source_new_since_the_list_was_cached_can_still_be_filtered_by(client, recruiter, job, ada):
    client.force_login(recruiter)
    client.get(URL)
    factories.ApplicationFactory(job=job, source="hacker news")
    response = client.get(URL, {"source": "Hacker-News"})
    assert [row.application.source for row in response.context["rows"]] == ["hacker news"]
    assert '<option value="hacker news" selected>' in response.content.decode()
