import pytest

from ats.models import Job
from ats.tests import factories


@pytest.mark.django_db
def test_it_lists_open_jobs_only(client, acme):
    factories.JobFactory(company=acme, title="Open role")
    factories.JobFactory(company=acme, title="Secret draft", status=Job.Status.DRAFT)
    page = client.get("/").content.decode()
    assert "Open role" in page
    assert "Secret draft" not in page


@pytest.mark.django_db
def test_it_lists_the_demo_logins_only_with_debug_on(client, settings):
    settings.DEBUG = True
    assert "recruiter1" in client.get("/").content.decode()
    settings.DEBUG = False
    assert "recruiter1" not in client.get("/").content.decode()
