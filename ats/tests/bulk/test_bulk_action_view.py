"""POST /workspace/candidates/bulk/ (the bulk bar): act on ticked rows or on all that
match the list's filters; small actions run in the request, large ones in the
worker with a progress page; bad input goes back to the list with the reason."""

import uuid

import pytest

from ats.models import Application, ApplicationHistory, BulkAction, OutboxEmail
from ats.tests import factories
from ats.tests.bulk.conftest import ids, make_applications
from ats.workflow import Stage

URL = "/workspace/candidates/bulk/"


def form(applications=(), **fields) -> dict:
    """The bar as a browser posts it: a fresh token, the ticked rows, the fields given."""
    return {"token": str(uuid.uuid4()), "applications": [str(pk) for pk in ids(applications)], **fields}


def stages(applications) -> list[str]:
    return [Application.objects.get(pk=application.pk).stage for application in applications]


def toast(response) -> str:
    return " ".join(str(message) for message in response.wsgi_request._messages)


@pytest.mark.django_db
def test_a_recruiter_rejects_the_ticked_rows_and_goes_back_to_the_filtered_list(client, recruiter, job):
    applications = make_applications(job, 3)
    client.force_login(recruiter)
    response = client.post(
        URL,
        form(
            applications,
            action="reject",
            reason="not_qualified",
            note="Closed",
            notify_candidate="true",
            matching="stage=Applied&page=2",
        ),
    )
    assert response.status_code == 302
    assert response.url == "/workspace/candidates/?stage=Applied&page=2"
    assert stages(applications) == [Stage.REJECTED] * 3
    assert ApplicationHistory.objects.filter(to_stage=Stage.REJECTED, note="Closed", notify_candidate=True).count() == 3
    assert OutboxEmail.objects.filter(to__in=[app.candidate.email for app in applications]).count() == 3
    assert "3 rejected." in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_an_unticked_email_box_rejects_without_emails(client, recruiter, job):
    applications = make_applications(job, 2)
    client.force_login(recruiter)
    client.post(URL, form(applications, action="reject", reason="position_filled"))
    assert stages(applications) == [Stage.REJECTED] * 2
    assert OutboxEmail.objects.filter(to__in=[app.candidate.email for app in applications]).count() == 0


@pytest.mark.django_db
def test_advancing_ignores_the_rejection_fields_the_bar_showed(client, recruiter, job):
    applications = make_applications(job, 2)
    client.force_login(recruiter)
    response = client.post(URL, form(applications, action="advance", reason="not_qualified", note="typed earlier"))
    assert stages(applications) == [Stage.SCREENING] * 2
    assert not ApplicationHistory.objects.filter(note="typed earlier").exists()
    assert toast(response) == "2 moved."


@pytest.mark.django_db
def test_a_hiring_managers_rows_on_other_jobs_are_refused_and_said_so(client, hiring_manager, job, unassigned_job):
    mine, theirs = make_applications(job, 2), make_applications(unassigned_job, 1)
    client.force_login(hiring_manager)
    response = client.post(URL, form(mine + theirs, action="advance"))
    assert stages(mine) == [Stage.SCREENING] * 2
    assert stages(theirs) == [Stage.APPLIED]
    assert toast(response) == "2 moved; 1 refused: not yours to move."


@pytest.mark.django_db
def test_another_companys_ids_are_refused_and_not_named(client, recruiter, job, globex_job):
    ours, theirs = make_applications(job, 1), make_applications(globex_job, 1)
    client.force_login(recruiter)
    response = client.post(URL, form(ours + theirs, action="reject", reason="other"))
    assert stages(theirs) == [Stage.APPLIED]
    assert toast(response) == "1 rejected; 1 refused: not available to you."
    assert theirs[0].candidate.display_name not in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_the_same_form_sent_twice_acts_once(client, recruiter, job):
    applications = make_applications(job, 2)
    client.force_login(recruiter)
    data = form(applications, action="advance")
    client.post(URL, data)
    client.post(URL, data)
    assert stages(applications) == [Stage.SCREENING] * 2
    assert BulkAction.objects.count() == 1
    assert ApplicationHistory.objects.filter(to_stage=Stage.SCREENING).count() == 2


# Select all matching ----------------------------------------------------------------


@pytest.mark.django_db
def test_select_all_acts_on_every_application_the_filters_match_now(client, recruiter, job, globex_job):
    screening = make_applications(job, 3, stage=Stage.SCREENING)
    applied = make_applications(job, 2)
    elsewhere = make_applications(globex_job, 2, stage=Stage.SCREENING)
    client.force_login(recruiter)
    response = client.post(URL, form(applied[:1], action="advance", select_all="1", matching="stage=Screening"))
    assert stages(screening) == [Stage.INTERVIEW] * 3
    assert stages(applied + elsewhere) == [Stage.APPLIED, Stage.APPLIED, Stage.SCREENING, Stage.SCREENING]
    assert toast(response) == "3 moved."
    assert response.url == "/workspace/candidates/?stage=Screening"


# Bad input: a clear message, nothing applied ----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"action": "advance", "applications": []}, "Select at least one application, or all the matching ones"),
        ({"action": "reject"}, "Moving to Rejected needs a reason: choose one from the list."),
        ({"action": "reject", "reason": "bored"}, "“bored” is not one of this company&#x27;s reasons"),
        ({"action": "archive"}, "“archive” is not an action the list can take."),
        ({"action": ""}, "Choose what to do with the selected applications."),
        ({"action": "advance", "applications": ["1 OR 1=1"]}, "The selection was not understood."),
        ({"action": "advance", "token": "not-a-token"}, "This form is out of date."),
        ({"action": "reject", "reason": "other", "note": "x" * 5001}, "at most 5000 characters; this one has 5001"),
    ],
)
def test_bad_input_goes_back_to_the_list_with_the_reason_and_applies_nothing(client, recruiter, job, fields, message):
    applications = make_applications(job, 2)
    client.force_login(recruiter)
    response = client.post(URL, {**form(applications), **fields, "matching": "q=ada"}, follow=True)
    assert response.redirect_chain[0] == ("/workspace/candidates/?q=ada", 302)
    assert message in response.content.decode()
    assert stages(applications) == [Stage.APPLIED] * 2
    assert BulkAction.objects.count() == 0


@pytest.mark.django_db
def test_a_candidate_may_not_act_in_bulk(client, candidate, job):
    applications = make_applications(job, 1)
    client.force_login(candidate)
    assert client.post(URL, form(applications, action="advance")).status_code == 403
    assert stages(applications) == [Stage.APPLIED]


@pytest.mark.django_db
def test_logging_in_comes_first_and_a_get_is_not_an_action(client, recruiter):
    assert client.post(URL, form(action="advance")).status_code == 302
    client.force_login(recruiter)
    assert client.get(URL).status_code == 405


# Over the in-request limit: the worker and the progress page ---------------------------


@pytest.mark.django_db(transaction=True)
def test_over_fifty_rows_go_to_the_worker_and_the_progress_page_follows_them(client, task_queue, recruiter):
    job = factories.JobFactory(company=recruiter.company)
    applications = make_applications(job, 51)
    client.force_login(recruiter)
    response = client.post(URL, form(applications, action="advance", matching="stage=Applied"))
    action = BulkAction.objects.get()
    assert response.status_code == 302
    assert response.url == f"/workspace/bulk/{action.pk}/?stage=Applied"

    if not task_queue.huey.immediate:
        # Queued, not run in the request: the page polls until the worker is done.
        assert set(stages(applications)) == {Stage.APPLIED}
        page = client.get(response.url).content.decode()
        assert '<progress id="bulk-progress-value" max="51" value="0">0%</progress>' in page
        assert f'hx-get="/workspace/bulk/{action.pk}/?stage=Applied" hx-trigger="every 1s"' in page
        assert "Waiting for a worker to start." in page
        task_queue.drain()

    assert set(stages(applications)) == {Stage.SCREENING}
    fragment = client.get(response.url, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert "<html" not in html
    assert '<progress id="bulk-progress-value" max="51" value="51">100%</progress>' in html
    assert "hx-trigger" not in html
    assert '<div id="bulk-status" hx-swap-oob="innerHTML"><p class="notice notice--success">51 moved.</p></div>' in html
    assert 'href="/workspace/candidates/?stage=Applied"' in html
