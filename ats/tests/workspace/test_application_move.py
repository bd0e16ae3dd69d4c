"""The move endpoint (POST /workspace/applications/<pk>/move/) that the board's drags, its
"Move to" buttons and the application page post to."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ats.models import Application, ApplicationHistory, OutboxEmail, User
from ats.services.applications import application_change_stage
from ats.tests import factories
from ats.tests.workspace.board_page import board_columns, board_url, card_ids, column_html, move_url
from ats.workflow import BOARD_ORDER, Stage


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
@pytest.mark.parametrize(
    "state",
    [
        "q=%00",
        "q=%00&tag=%00&show_Applied=%00",
        "show_Applied=" + "9" * 5000,
        "&".join(f"x{number}=1" for number in range(2000)),
    ],
    ids=["nul", "nul-everywhere", "huge-number", "too-many-fields"],
)
def test_a_bad_board_state_still_answers_the_move_with_the_whole_board(client, recruiter, application, job, state):
    # The move was saved, then the answer's board failed (a 500 on PostgreSQL for the NUL).
    client.force_login(recruiter)
    response = client.post(
        move_url(application),
        {"from_stage": "Applied", "to_stage": "Screening", "board_state": state},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert card_ids(response.content.decode(), "Screening") == [application.pk]
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
def test_a_move_to_rejected_keeps_the_reason_code_and_the_note(client, recruiter, application):
    client.force_login(recruiter)
    client.post(
        move_url(application),
        {"from_stage": "Applied", "to_stage": "Rejected", "reason": "not_qualified", "note": "No Go."},
    )
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    row = application.history.last()
    assert (row.reason.code, row.note, row.notify_candidate) == ("not_qualified", "No Go.", True)
    assert OutboxEmail.objects.filter(dedupe_key=f"stage_changed:{row.pk}:{application.candidate.pk}").exists()


@pytest.mark.django_db
def test_a_move_to_rejected_can_skip_the_candidates_email(client, recruiter, application):
    client.force_login(recruiter)
    # A checkbox form sends a hidden "false" before the box, so an unticked box says no.
    client.post(
        move_url(application),
        {"from_stage": "Applied", "to_stage": "Rejected", "reason": "other", "notify_candidate": ["false"]},
    )
    row = application.history.last()
    assert (row.to_stage, row.notify_candidate) == ("Rejected", False)
    assert not OutboxEmail.objects.filter(dedupe_key=f"stage_changed:{row.pk}:{application.candidate.pk}").exists()


@pytest.mark.django_db
def test_a_ticked_box_after_the_hidden_false_keeps_the_email(client, recruiter, application):
    client.force_login(recruiter)
    client.post(
        move_url(application),
        {"from_stage": "Applied", "to_stage": "Rejected", "reason": "other", "notify_candidate": ["false", "true"]},
    )
    assert application.history.last().notify_candidate is True


@pytest.mark.django_db
def test_a_move_with_an_unknown_reason_is_refused_with_the_choices(client, recruiter, application, job):
    client.force_login(recruiter)
    response = client.post(
        move_url(application),
        {"from_stage": "Applied", "to_stage": "Rejected", "reason": "promoted"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert (
        "“promoted” is not one of this company&#x27;s reasons. Choose one of: not_qualified"
        in response.content.decode()
    )
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider_recruiter", "outsider_hiring_manager", "other_candidate"])
def test_other_companies_and_other_candidates_get_404_for_a_move(client, request, application, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(move_url(application), {"from_stage": "Applied", "to_stage": "Screening"})
    assert response.status_code == 404
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


@pytest.mark.django_db
def test_it_moves_from_the_page_and_comes_back_to_it(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(
        f"/workspace/applications/{application.pk}/move/",
        {"from_stage": "Applied", "to_stage": "Screening", "next": "detail"},
    )
    assert response.url == f"/workspace/applications/{application.pk}/"
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    assert "Applied → Screening" in client.get(response.url).content.decode()


# The drop's answer: the columns it touched, out of band ------------------------------------------------------------


def _oob_columns(html: str) -> dict[str, list[int]]:
    columns = board_columns(html)
    for stage, column in columns.items():
        assert f'id="board-column-{stage}"' in column.html
        assert 'hx-swap-oob="true"' in column.html
    return {stage: column.card_ids for stage, column in columns.items()}


@pytest.mark.django_db
def test_a_drop_answers_with_the_two_columns_it_changed_and_their_counts(client, recruiter, application, job):
    other = factories.ApplicationFactory(job=job)
    client.force_login(recruiter)
    response = client.post(
        move_url(application), {"from_stage": "Applied", "to_stage": "Screening"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _oob_columns(html) == {"Applied": [other.pk], "Screening": [application.pk]}
    assert 'id="board"' not in html
    assert '<span class="board-column__count">1<' in column_html(html, "Applied")
    assert '<span class="board-column__count">1<' in column_html(html, "Screening")
    assert '<div id="board-status" hx-swap-oob="innerHTML">' in html


@pytest.mark.django_db
def test_a_refused_drop_answers_with_the_truth_of_both_columns(client, recruiter, application, job):
    client.force_login(recruiter)
    response = client.post(
        move_url(application), {"from_stage": "Applied", "to_stage": "Hired"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert _oob_columns(response.content.decode()) == {"Applied": [application.pk], "Hired": []}


@pytest.mark.django_db
def test_a_stale_drop_also_answers_with_the_column_the_card_is_really_in(client, recruiter, application, job):
    application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
    client.force_login(recruiter)
    response = client.post(
        move_url(application),
        {"from_stage": "Applied", "to_stage": "Rejected", "reason": "other"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    columns = _oob_columns(response.content.decode())
    assert columns == {"Applied": [], "Screening": [application.pk], "Rejected": []}


@pytest.mark.django_db
def test_a_drop_that_names_no_stage_answers_with_the_whole_board(client, recruiter, application, job):
    client.force_login(recruiter)
    response = client.post(
        move_url(application), {"from_stage": "Applied", "to_stage": "Nowhere"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert '<div id="board" class="board"' in html
    assert 'hx-swap-oob="true"' in html.split("<section", 1)[0]
    assert list(board_columns(html)) == list(BOARD_ORDER)


@pytest.mark.django_db
def test_a_drop_that_emails_the_candidate_costs_at_most_ten_queries_for_10_and_1000_applications(
    client, recruiter, acme
):
    """The session, the user, the application; the move (its stage read again, the
    conditional update, the history, the audit entry, the candidate's email in the
    outbox); the two columns' counts and cards. The test's transaction adds savepoints
    around the move, which in production are the transaction's BEGIN and COMMIT: not counted."""
    client.force_login(recruiter)
    counts = []
    for size in (10, 1000):
        job = factories.JobFactory(company=acme)
        candidates = factories.CandidateFactory.build_batch(size)
        for index, candidate in enumerate(candidates):
            candidate.username, candidate.email = f"c{job.pk}-{index}", f"c{job.pk}-{index}@example.com"
        User.objects.bulk_create(candidates)
        applications = Application.objects.bulk_create(
            Application(job=job, candidate=candidate, stage=BOARD_ORDER[index % 2])
            for index, candidate in enumerate(User.objects.filter(username__startswith=f"c{job.pk}-"))
        )
        ApplicationHistory.objects.bulk_create(
            ApplicationHistory(application=application, to_stage="Applied") for application in applications
        )
        moving = [application for application in applications if application.stage == Stage.APPLIED][:2]
        client.post(move_url(moving[0]), {"from_stage": "Applied", "to_stage": "Screening"}, HTTP_HX_REQUEST="true")
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                move_url(moving[1]), {"from_stage": "Applied", "to_stage": "Screening"}, HTTP_HX_REQUEST="true"
            )
        assert response.status_code == 200
        assert '<span class="board-column__count">' in column_html(response.content.decode(), "Screening")
        statements = [query["sql"] for query in queries if "SAVEPOINT" not in query["sql"]]
        assert len(statements) <= 10, "\n".join(s[:120] for s in statements)
        assert OutboxEmail.objects.filter(to=moving[1].candidate.email, subject__contains=job.title).exists()
        counts.append(len(statements))
    assert counts[0] == counts[1]
