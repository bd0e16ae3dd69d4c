"""GET /api/applications/, apply and change-stage: behaviour and every 400."""

import pytest

from ats.models import Application, ApplicationHistory, Job, OutboxEmail, RejectionReason
from ats.tests import factories
from ats.tests.factories import pdf_upload
from ats.workflow import Stage

# Apply ---------------------------------------------------------------------------------


def test_a_candidate_applies_with_a_resume_as_multipart(api_as, other_candidate, job):
    response = api_as(other_candidate).post(
        "/api/applications/apply/",
        {"job": job.pk, "accept_privacy_notice": True, "cover_letter": "Hello!", "resume": pdf_upload()},
        format="multipart",
    )

    assert response.status_code == 201
    application = Application.objects.get(candidate=other_candidate, job=job)
    assert application.cover_letter == "Hello!"
    assert application.resume.name.endswith(".pdf")
    assert response.json()["resume_url"] == f"http://testserver/applications/{application.pk}/resume/"


def test_a_resume_that_is_not_a_document_is_a_400_and_nothing_is_stored(api_as, other_candidate, job):
    response = api_as(other_candidate).post(
        "/api/applications/apply/",
        {"job": job.pk, "accept_privacy_notice": True, "resume": pdf_upload("cv.pdf", b"MZ not a pdf")},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Your resume must be a PDF or a Word (.docx) document."}
    assert not Application.objects.filter(candidate=other_candidate).exists()


def test_applying_twice_is_a_400(api_as, candidate, application, job):
    response = api_as(candidate).post(
        "/api/applications/apply/", {"job": job.pk, "accept_privacy_notice": True}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "You have already applied to “Backend Engineer”."}
    assert Application.objects.filter(candidate=candidate).count() == 1


def test_applying_to_a_closed_job_is_a_400(api_as, candidate, acme):
    closed = factories.JobFactory(company=acme, title="Old", status=Job.Status.CLOSED)

    response = api_as(candidate).post(
        "/api/applications/apply/", {"job": closed.pk, "accept_privacy_notice": True}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "“Old” is not accepting applications any more."}


def test_a_draft_job_does_not_exist_for_a_candidate(api_as, candidate, acme):
    draft = factories.JobFactory(company=acme, status=Job.Status.DRAFT)

    response = api_as(candidate).post(
        "/api/applications/apply/", {"job": draft.pk, "accept_privacy_notice": True}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"job": [f"There is no job with id {draft.pk}."]}
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [({}, "job"), ({"job": "one"}, "job"), ({"job": None}, "job"), ({"job": 1, "resume": "cv.pdf"}, "resume")],
)
def test_bad_apply_input_is_a_400_naming_the_field(api_as, candidate, job, payload, field):
    response = api_as(candidate).post("/api/applications/apply/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()


def post_json(client, body: str):
    return client.post("/api/applications/apply/", data=body, content_type="application/json")


@pytest.mark.parametrize(
    "value", ["{pk}.9", "{pk}.0", "{pk}e0", "true", '"{pk}.0"', '" {pk}x"', "[{pk}]", '{{"id": {pk}}}']
)
def test_a_job_id_that_is_not_a_whole_number_is_a_400_and_nothing_is_stored(api_as, other_candidate, job, value):
    # 7.9 applied to job 7 (the lookup truncated it).
    response = post_json(api_as(other_candidate), '{"job": ' + value.format(pk=job.pk) + "}")

    assert response.status_code == 400
    assert "job" in response.json(), response.json()
    assert not Application.objects.filter(candidate=other_candidate).exists()


def test_a_number_beyond_a_double_is_a_400_and_nothing_is_stored(api_as, other_candidate, job):
    # It became infinity, and the job lookup a 500 (OverflowError).
    response = post_json(api_as(other_candidate), '{"job": 1e400}')

    assert response.status_code == 400
    assert response.json() == {"detail": "JSON parse error - The number 1e400 is too large."}
    assert not Application.objects.exists()


def test_a_job_id_may_be_sent_as_a_string_of_digits_as_a_form_sends_it(api_as, other_candidate, job):
    response = post_json(api_as(other_candidate), f'{{"job": "{job.pk}", "accept_privacy_notice": true}}')

    assert response.status_code == 201
    assert Application.objects.get(candidate=other_candidate).job == job


def test_malformed_json_is_a_400(api_as, candidate):
    response = api_as(candidate).post("/api/applications/apply/", data='{"job": ', content_type="application/json")

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


# Change stage -----------------------------------------------------------------------


def move(client, application, **payload):
    return client.post(f"/api/applications/{application.pk}/change-stage/", payload, format="json")


def test_a_move_records_who_and_the_note(api_as, recruiter, application):
    response = move(api_as(recruiter), application, stage="Screening", note="Strong CV")

    assert response.status_code == 200
    assert response.json()["allowed_stages"] == ["Interview", "Rejected"]
    row = ApplicationHistory.objects.get(application=application, to_stage=Stage.SCREENING)
    assert (row.from_stage, row.changed_by, row.note) == ("Applied", recruiter, "Strong CV")


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            {"stage": "Promoted"},
            "“Promoted” is not a stage. Choose one of: Applied, Screening, Interview, Offer, Hired, Rejected.",
        ),
        (
            {"stage": "Offer"},
            "An application in Applied can't move to Offer. From Applied it can go to Screening or Rejected.",
        ),
        (
            {"stage": "Screening", "from_stage": "Interview"},
            "This application is now in Applied, not Interview: someone else moved it. "
            "The board has been refreshed; try again if the move still makes sense.",
        ),
    ],
)
def test_a_refused_move_is_a_400_with_the_reason(api_as, recruiter, application, payload, message):
    response = move(api_as(recruiter), application, **payload)

    assert response.status_code == 400
    assert response.json() == {"detail": message}
    assert Application.objects.get(pk=application.pk).stage == Stage.APPLIED
    assert application.history.count() == 1


def test_nothing_moves_out_of_a_final_stage(api_as, recruiter, application):
    client = api_as(recruiter)
    assert move(client, application, stage="Rejected").status_code == 200

    response = move(client, application, stage="Screening")

    assert response.status_code == 400
    assert response.json() == {"detail": "This application is Rejected, which is final: it can't move to Screening."}


def test_a_rejection_without_a_reason_records_other_as_its_reason(api_as, recruiter, application):
    assert move(api_as(recruiter), application, stage="Rejected").status_code == 200

    row = application.history.get(to_stage=Stage.REJECTED)
    assert (row.reason.code, row.note) == ("other", "")


def test_a_rejection_records_the_reason_code_sent_and_its_note(api_as, recruiter, application):
    response = move(api_as(recruiter), application, stage="Rejected", reason="position_filled", note="Hired inside")

    assert response.status_code == 200
    row = application.history.get(to_stage=Stage.REJECTED)
    assert (row.reason.code, row.reason.company, row.note) == (
        "position_filled",
        application.job.company,
        "Hired inside",
    )


@pytest.mark.parametrize("code", ["promoted", "no_response_inactive"])
def test_an_unknown_or_inactive_reason_is_a_400_listing_the_choices(api_as, recruiter, application, code):
    RejectionReason.objects.filter(company=application.job.company, code="no_response").update(active=False)
    sent = "no_response" if code == "no_response_inactive" else code

    response = move(api_as(recruiter), application, stage="Rejected", reason=sent)

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith(
        f"“{sent}” is not one of this company's reasons. Choose one of: not_qualified (Not qualified)"
    )
    assert "no_response" not in detail.split("Choose one of:")[1]
    assert Application.objects.get(pk=application.pk).stage == Stage.APPLIED


def test_another_companys_reason_code_is_refused(api_as, recruiter, application, globex):
    RejectionReason.objects.create(company=globex, code="globex_only", label="Globex only")

    response = move(api_as(recruiter), application, stage="Rejected", reason="globex_only")

    assert response.status_code == 400
    assert Application.objects.get(pk=application.pk).stage == Stage.APPLIED


def test_a_rejection_can_skip_the_candidates_email(api_as, recruiter, application):
    response = move(api_as(recruiter), application, stage="Rejected", reason="other", notify_candidate=False)

    assert response.status_code == 200
    assert not OutboxEmail.objects.filter(
        to=application.candidate.email, dedupe_key__startswith="stage_changed:"
    ).exists()


def test_a_note_over_the_limit_is_a_400_naming_the_limit(api_as, recruiter, application):
    response = move(api_as(recruiter), application, stage="Screening", note="x" * 5001)

    assert response.status_code == 400
    assert response.json() == {"note": ["Ensure this field has no more than 5000 characters (it has 5001)."]}
    assert Application.objects.get(pk=application.pk).stage == Stage.APPLIED


def test_moving_to_the_current_stage_changes_nothing(api_as, recruiter, application):
    response = move(api_as(recruiter), application, stage="Applied", from_stage="Applied")

    assert response.status_code == 200
    assert response.json()["stage"] == "Applied"
    assert application.history.count() == 1


def test_a_move_without_a_stage_is_a_400(api_as, recruiter, application):
    response = move(api_as(recruiter), application)

    assert response.status_code == 400
    assert response.json() == {"stage": ["This field is required."]}


# Lists ----------------------------------------------------------------------------------


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_it_filters_applications_by_stage_and_job(api_as, recruiter, board, job):
    client = api_as(recruiter)

    assert set(ids(client.get("/api/applications/?stage=Screening"))) == {board["screening"].pk, board["elsewhere"].pk}
    assert ids(client.get(f"/api/applications/?stage=Screening&job={job.pk}")) == [board["screening"].pk]
    assert set(ids(client.get(f"/api/applications/?job={job.pk}"))) == {
        board["applied"].pk,
        board["screening"].pk,
        board["offer"].pk,
    }


def test_it_orders_and_pages_applications(api_as, recruiter, board):
    client = api_as(recruiter)
    oldest_first = [board[name].pk for name in ("applied", "screening", "offer", "elsewhere")]

    first = client.get("/api/applications/?ordering=created_at&page_size=3")
    second = client.get("/api/applications/?ordering=created_at&page_size=3&page=2")

    assert first.json()["count"] == 4
    assert ids(first) + ids(second) == oldest_first
    assert ids(client.get("/api/applications/?ordering=-created_at")) == oldest_first[::-1]


@pytest.mark.parametrize("query", ["stage=Promoted", "job=first"])
def test_a_bad_application_filter_is_a_400(api_as, recruiter, query):
    response = api_as(recruiter).get(f"/api/applications/?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


@pytest.mark.parametrize("url", ["/api/applications/", "/api/histories/", "/api/jobs/"])
def test_a_list_page_costs_the_same_few_queries_however_many_rows(
    api_as, recruiter, job, url, django_assert_max_num_queries
):
    client = api_as(recruiter)
    factories.ApplicationFactory.create_batch(15, job=job)

    with django_assert_max_num_queries(4):
        response = client.get(url)

    assert response.status_code == 200
    assert response.json()["count"] >= 1
