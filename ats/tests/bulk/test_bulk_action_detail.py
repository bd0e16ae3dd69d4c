"""GET /workspace/bulk/<pk>/: a bulk action's progress (polled while it runs) and its
result, for its author and their company's recruiters only."""

import uuid

import pytest

from ats.models import BulkAction
from ats.services.bulk import bulk_action_run, bulk_action_start
from ats.tests.bulk.conftest import ids, make_applications


def url(action: BulkAction, query: str = "") -> str:
    return f"/workspace/bulk/{action.pk}/" + (f"?{query}" if query else "")


def start(actor, applications, **options) -> BulkAction:
    return bulk_action_start(
        actor=actor, kind="advance", application_ids=ids(applications), token=uuid.uuid4(), **options
    )


@pytest.fixture
def managers_action(hiring_manager, job, unassigned_job, globex_job):
    """The hiring manager's advance over 2 of their job's rows, 1 of a job they aren't
    assigned to and 1 of another company's, not run yet."""
    applications = make_applications(job, 2) + make_applications(unassigned_job, 1) + make_applications(globex_job, 1)
    return start(hiring_manager, applications)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("hiring_manager", 200),
        ("recruiter", 200),
        ("other_hiring_manager", 404),
        ("outsider_recruiter", 404),
        ("outsider_hiring_manager", 404),
        ("candidate", 404),
    ],
)
def test_only_its_author_and_their_companys_recruiters_follow_an_action(
    client, people, managers_action, persona, status
):
    client.force_login(people[persona])
    assert client.get(url(managers_action)).status_code == status


@pytest.mark.django_db
def test_logging_in_comes_first(client, managers_action):
    response = client.get(url(managers_action))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_running_action_shows_its_progress_and_polls(client, hiring_manager, managers_action):
    client.force_login(hiring_manager)
    html = client.get(url(managers_action, "stage=Applied")).content.decode()
    assert '<label for="bulk-progress-value">0 of 4 applications processed</label>' in html
    assert '<progress id="bulk-progress-value" max="4" value="0">0%</progress>' in html
    poll = f'hx-get="/workspace/bulk/{managers_action.pk}/?stage=Applied" hx-trigger="every 1s" hx-swap="outerHTML"'
    assert poll in html
    assert 'id="bulk-status" class="bulk-status" role="status" aria-live="polite" aria-atomic="true"></div>' in html


@pytest.mark.django_db
def test_the_result_says_what_happened_and_names_only_what_the_viewer_may_see(client, hiring_manager, managers_action):
    bulk_action_run(bulk_action_id=managers_action.pk)
    client.force_login(hiring_manager)
    html = client.get(url(managers_action, "stage=Applied&q=ada")).content.decode()
    assert "hx-trigger" not in html
    assert '<progress id="bulk-progress-value" max="4" value="4">100%</progress>' in html
    assert (
        '<p class="notice notice--warning">2 moved; 2 refused: 1 not available to you, 1 not yours to move.</p>' in html
    )
    # The unassigned job's row is named (the manager sees it); the other company's is only counted.
    refused = managers_action.rows.get(message="Not yours to move").application
    hidden = managers_action.rows.get(message="Not available to you").application
    assert f'<a href="/workspace/applications/{refused.pk}/">{refused.candidate.display_name}</a>' in html
    assert hidden.candidate.display_name not in html
    assert "1 more is counted above, not named." in html
    assert 'href="/workspace/candidates/?stage=Applied&amp;q=ada">Back to the candidates</a>' in html


@pytest.mark.django_db
def test_the_fragment_carries_the_result_to_the_live_region(client, recruiter, job):
    action = start(recruiter, make_applications(job, 2))
    bulk_action_run(bulk_action_id=action.pk)
    client.force_login(recruiter)
    response = client.get(url(action), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<section class="panel bulk-progress" id="bulk-progress"')
    assert '<div id="bulk-status" hx-swap-oob="innerHTML"><p class="notice notice--success">2 moved.</p></div>' in html
