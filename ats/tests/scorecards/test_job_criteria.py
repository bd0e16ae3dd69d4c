"""A job's scorecard criteria (GET/POST /workspace/jobs/<pk>/criteria/): 1 to 10 names
in the order of the scorecard, and their short list on the job's page."""

import re
from datetime import timedelta
from html import unescape

import pytest

from ats.models import ScorecardCriterion, ScorecardRating
from ats.services.interviews import scorecard_submit
from ats.services.jobs import job_create
from ats.tests.factories import scheduled_interview
from ats.workflow import DEFAULT_SCORECARD_CRITERIA


def url(job) -> str:
    return f"/workspace/jobs/{job.pk}/criteria/"


def rows(*names: str) -> dict[str, str]:
    """The form as sent: ten rows, `names` first, the rest empty."""
    padded = [*names, *[""] * (10 - len(names))]
    return {f"name_{number}": name for number, name in enumerate(padded, start=1)}


def names_of(job) -> list[str]:
    return list(ScorecardCriterion.objects.filter(job=job).order_by("position").values_list("name", flat=True))


@pytest.mark.django_db
def test_a_recruiter_sees_ten_rows_the_criteria_first(client, recruiter, acme):
    job = job_create(company=acme, title="Designer", description="Design.")
    client.force_login(recruiter)
    response = client.get(url(job))
    html = unescape(response.content.decode())
    assert response.status_code == 200
    values = re.findall(r'<input type="text" name="name_(\d+)"(?: value="([^"]*)")?', html)
    assert [int(number) for number, _ in values] == list(range(1, 11))
    assert [value for _, value in values] == [*DEFAULT_SCORECARD_CRITERIA, *[""] * 6]
    assert "1 to 10; the order is the order on the scorecard; renaming keeps past ratings under the old name" in html
    assert (
        '<label class="criteria-row__number" for="id_name_1"><span class="visually-hidden">Criterion </span>1</label>'
        in html
    )


@pytest.mark.django_db
def test_a_recruiter_saves_the_criteria_in_their_order_and_empty_rows_are_left_out(client, recruiter, job):
    client.force_login(recruiter)
    data = rows("Python", "", "  System   design ", "Communication")
    response = client.post(url(job), data)
    assert response.status_code == 302
    assert response.url == url(job)
    assert names_of(job) == ["Python", "System design", "Communication"]
    assert "The scorecard criteria of “Backend Engineer” are saved." in client.get(url(job)).content.decode()


@pytest.mark.django_db
def test_a_new_order_is_kept_and_each_criterion_keeps_its_id(client, recruiter, job):
    client.force_login(recruiter)
    client.post(url(job), rows("Python", "Communication", "Ownership"))
    before = dict(ScorecardCriterion.objects.filter(job=job).values_list("name", "pk"))
    client.post(url(job), rows("Ownership", "Python", "Communication"))
    assert names_of(job) == ["Ownership", "Python", "Communication"]
    assert dict(ScorecardCriterion.objects.filter(job=job).values_list("name", "pk")) == before


@pytest.mark.django_db
def test_renaming_keeps_past_ratings_under_the_old_name(client, recruiter, hiring_manager, job, application):
    client.force_login(recruiter)
    client.post(url(job), rows("Python"))
    python = ScorecardCriterion.objects.get(job=job)
    interview = scheduled_interview(application, hiring_manager, starts_in=timedelta(hours=-1))
    scorecard_submit(interview=interview, author=hiring_manager, recommendation=3, ratings={python.pk: 4})
    client.post(url(job), rows("Python and Django"))
    assert names_of(job) == ["Python and Django"]
    assert list(ScorecardRating.objects.values_list("criterion_name", "rating")) == [("Python", 4)]


@pytest.mark.django_db
def test_eleven_names_are_refused_and_nothing_changes(client, recruiter, job):
    client.force_login(recruiter)
    client.post(url(job), rows("Python"))
    data = {f"name_{number}": f"Criterion {number}" for number in range(1, 12)}
    response = client.post(url(job), data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "A job has between 1 and 10 criteria; 11 were given." in html
    # Every name sent comes back, none cut off, so one can be taken out.
    assert 'value="Criterion 11"' in html
    assert names_of(job) == ["Python"]


@pytest.mark.django_db
def test_a_name_on_the_list_twice_is_refused(client, recruiter, job):
    client.force_login(recruiter)
    client.post(url(job), rows("Python"))
    response = client.post(url(job), rows("Python", "Communication", "python"))
    assert response.status_code == 422
    assert "“python” is on the list twice: name each criterion once." in response.content.decode()
    assert names_of(job) == ["Python"]


@pytest.mark.django_db
def test_an_empty_list_is_refused(client, recruiter, job):
    client.force_login(recruiter)
    client.post(url(job), rows("Python"))
    response = client.post(url(job), rows())
    assert response.status_code == 422
    assert "A job has between 1 and 10 criteria; 0 were given." in response.content.decode()
    assert names_of(job) == ["Python"]


@pytest.mark.django_db
def test_a_name_too_long_is_refused_on_its_row(client, recruiter, job):
    client.force_login(recruiter)
    response = client.post(url(job), rows("Python", "x" * 101))
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_name_2_error"' in html and 'href="#id_name_2"' in html
    assert not ScorecardCriterion.objects.filter(job=job).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hiring_manager", "candidate"])
def test_a_hiring_manager_and_a_candidate_get_403_for_an_open_job(client, request, job, who):
    # The job is published: they may see it, but not its team's criteria.
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(job)).status_code == 403
    assert client.post(url(job), rows("Python")).status_code == 403
    assert not ScorecardCriterion.objects.filter(job=job).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider_recruiter", "outsider_hiring_manager"])
def test_another_company_gets_404(client, request, job, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(job)).status_code == 404
    assert client.post(url(job), rows("Python")).status_code == 404
    assert not ScorecardCriterion.objects.filter(job=job).exists()


@pytest.mark.django_db
def test_the_jobs_page_lists_the_criteria_and_links_to_them(client, recruiter, job):
    client.force_login(recruiter)
    client.post(url(job), rows("Python", "Communication"))
    html = client.get(f"/workspace/jobs/{job.pk}/").content.decode()
    listed = re.search(r'<ol class="criteria-list">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r"<li>([^<]+)</li>", listed) == ["Python", "Communication"]
    assert f'href="/workspace/jobs/{job.pk}/criteria/"' in html
