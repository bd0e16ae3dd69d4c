from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ats import search
from ats.models import Company, Job
from ats.selectors.jobs import jobs_public_search
from ats.tests import factories


def make_job(**fields) -> Job:
    created_at = fields.pop("created_at", None)
    job = factories.JobFactory(**fields)
    if created_at:
        Job.objects.filter(pk=job.pk).update(created_at=created_at)
    return job


@pytest.mark.django_db
def test_it_lists_open_jobs_of_every_company_newest_first(client, acme, globex):
    now = timezone.now()
    make_job(company=acme, title="Older role", created_at=now - timedelta(days=2))
    make_job(company=globex, title="Newer role", created_at=now - timedelta(days=1))
    make_job(company=acme, title="Closed role", status=Job.Status.CLOSED)
    make_job(company=acme, title="Draft role", status=Job.Status.DRAFT)
    page = client.get("/").content.decode()
    assert page.index("Newer role") < page.index("Older role")
    assert "Closed role" not in page
    assert "Draft role" not in page
    assert "2 open jobs" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["kotlin", "Kotlin", "initech", "lisbon", "android lisbon"],
    ids=["desc", "case", "company", "place", "2words"],
)
def test_it_searches_title_description_company_and_location(client, query):
    make_job(
        title="Android developer",
        description="Write Kotlin all day.",
        location="Lisbon",
        company=factories.CompanyFactory(name="Initech"),
    )
    make_job(title="Accountant", description="Spreadsheets.", location="Paris")
    page = client.get("/", {"q": query}).content.decode()
    assert "Android developer" in page
    assert "Accountant" not in page
    assert "1 job matches your search" in page


@pytest.mark.django_db
def test_it_says_when_nothing_matches(client, job):
    page = client.get("/", {"q": "astronaut"}).content.decode()
    assert "No open job matches that search" in page
    assert job.title not in page


@pytest.mark.django_db
def test_it_filters_by_company_location_and_employment_type(client, acme, globex):
    make_job(company=acme, title="Acme Berlin contract", location="Berlin", employment_type="contract")
    make_job(company=acme, title="Acme Berlin full", location="Berlin", employment_type="full_time")
    make_job(company=globex, title="Globex Berlin contract", location="Berlin", employment_type="contract")
    make_job(company=acme, title="Acme Paris contract", location="Paris", employment_type="contract")
    page = client.get("/", {"company": acme.pk, "location": "Berlin", "type": "contract"}).content.decode()
    assert "Acme Berlin contract" in page
    for other in ("Acme Berlin full", "Globex Berlin contract", "Acme Paris contract"):
        assert other not in page
    # The filters offer what the board holds, and keep what was chosen.
    assert f'<option value="{acme.pk}" selected>Acme</option>' in page
    assert '<option value="Paris">Paris</option>' in page


@pytest.mark.django_db
def test_it_ignores_a_filter_value_that_no_longer_exists(client, job):
    response = client.get("/", {"company": "999999", "type": "astronaut"})
    assert response.status_code == 200
    assert job.title in response.content.decode()


@pytest.mark.django_db
def test_it_paginates_and_keeps_the_query_in_the_page_links(client, acme):
    for n in range(12):
        make_job(company=acme, title=f"Welder {n:02d}", created_at=timezone.now() - timedelta(hours=n))
    first = client.get("/", {"q": "welder"}).content.decode()
    assert "Welder 00" in first
    assert "Welder 10" not in first
    assert "Page 1 of 2" in first
    assert 'href="?q=welder&amp;page=2"' in first
    second = client.get("/", {"q": "welder", "page": "2"}).content.decode()
    assert "Welder 10" in second
    assert "Welder 00" not in second
    assert client.get("/", {"page": "lots"}).status_code == 200


@pytest.mark.django_db
def test_it_answers_htmx_with_the_results_only(client, job):
    response = client.get("/", {"q": "backend"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert 'id="job-results"' in page
    assert job.title in page
    assert 'hx-swap-oob="innerHTML"' in page
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_it_answers_an_htmx_history_restore_with_the_whole_page(client, job):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    page = client.get("/", {"q": "backend"}, headers=headers).content.decode()
    assert "<html" in page
    assert job.title in page


@pytest.mark.django_db
def test_the_search_form_works_without_javascript_and_as_you_type(client):
    page = client.get("/").content.decode()
    assert 'method="get" action="/"' in page
    assert 'hx-get="/"' in page
    assert "input changed delay:300ms, search" in page
    assert 'hx-push-url="true"' in page
    assert '<button type="submit" class="button">Search</button>' in page


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["engin", "it", "IT support", "Lisb"], ids=["prefix", "stop-word", "2words", "place"])
def test_each_word_matches_the_start_of_a_word_stop_words_included(client, query):
    make_job(title="IT support engineer", description="Keep laptops running.", location="Lisbon")
    make_job(title="Accountant", description="Spreadsheets.", location="Paris")

    page = client.get("/", {"q": query}).content.decode()

    assert "IT support engineer" in page
    assert "Accountant" not in page


@pytest.mark.django_db
def test_a_job_is_found_by_its_new_title_and_its_companys_new_name(client):
    job = make_job(title="Barista", company=factories.CompanyFactory(name="Bean Counters"))

    job.title = "Roaster"
    job.save(update_fields=["title"])
    job.company.name = "Crema Collective"
    job.company.save()

    assert "Roaster" in client.get("/", {"q": "roaster crema"}).content.decode()
    assert "Roaster" not in client.get("/", {"q": "barista"}).content.decode()
    assert "Roaster" not in client.get("/", {"q": "bean"}).content.decode()


@pytest.mark.postgres
@pytest.mark.django_db
def test_saving_a_company_without_renaming_it_leaves_its_jobs_search_documents_alone(job):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no search documents to write: its job board reads the fields")
    company = Company.objects.get(pk=job.company_id)
    company.require_two_factor = True

    with CaptureQueriesContext(connection) as queries:
        company.save()

    assert [query["sql"].split()[1] for query in queries] == ['"ats_company"']
    company.name = "Renamed Roasters"
    with CaptureQueriesContext(connection) as queries:
        company.save()
    assert [query["sql"].split()[1] for query in queries] == ['"ats_company"', "ats_job"]


@pytest.mark.django_db
def test_postgresql_can_answer_a_search_through_the_jobs_gin_index(job):
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index is PostgreSQL's; SQLite reads the fields")
    matching = Job.objects.filter(search_vector=search.job_search_query("engineer remote"))
    with connection.cursor() as cursor:
        # A handful of rows is read fastest by a scan: the plan shows the index can answer, not that it will.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = matching.explain()

    assert "job_search_vector_gin" in plan, plan.splitlines()
    assert list(matching) == [job]
    assert list(jobs_public_search(query="engineer remote")) == [job]
