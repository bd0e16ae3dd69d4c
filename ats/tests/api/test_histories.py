"""GET /api/histories/: the stage changes of the applications the user may see, oldest first;
the team's notes and names for the team only."""

from ats.services.applications import application_withdraw


def move(client, application, **payload):
    return client.post(f"/api/applications/{application.pk}/change-stage/", payload, format="json")


def test_histories_filter_by_application_oldest_first(api_as, recruiter, application, board):
    client = api_as(recruiter)
    move(client, application, stage="Screening")
    move(client, application, stage="Interview")

    response = client.get(f"/api/histories/?application={application.pk}")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(row["from_stage"], row["to_stage"]) for row in rows] == [
        ("", "Applied"),
        ("Applied", "Screening"),
        ("Screening", "Interview"),
    ]
    assert rows[1]["changed_by_name"] == recruiter.display_name


def test_a_candidate_sees_only_the_history_of_their_own_applications(api_as, candidate, application, board):
    response = api_as(candidate).get("/api/histories/")

    assert [row["application"] for row in response.json()["results"]] == [application.pk]


def test_a_candidate_never_receives_the_teams_rejection_reason(api_as, candidate, recruiter, application, board):
    api_as(recruiter).post(
        f"/api/applications/{application.pk}/change-stage/",
        {"stage": "Rejected", "reason": "not_qualified", "note": "Internal: weak SQL"},
        format="json",
    )

    candidate_rows = api_as(candidate).get(f"/api/histories/?application={application.pk}").json()["results"]
    team_rows = api_as(recruiter).get(f"/api/histories/?application={application.pk}").json()["results"]

    assert [(row["to_stage"], row["note"], row["changed_by"]) for row in candidate_rows] == [
        ("Applied", "", None),
        ("Rejected", "", None),
    ]
    assert "weak SQL" not in str(candidate_rows)
    assert "qualified" not in str(candidate_rows)
    assert candidate_rows[-1]["reason"] == {"code": "not_selected", "label": "Not selected"}
    assert candidate_rows[0]["reason"] is None
    assert team_rows[-1]["reason"] == {"code": "not_qualified", "label": "Not qualified"}
    assert team_rows[-1]["note"] == "Internal: weak SQL"
    assert team_rows[-1]["changed_by"] == recruiter.pk


def test_a_candidate_sees_their_own_withdrawal_as_withdrawn(api_as, candidate, application, board):
    application_withdraw(application=application, candidate=candidate)

    rows = api_as(candidate).get(f"/api/histories/?application={application.pk}").json()["results"]

    assert rows[-1]["reason"] == {"code": "withdrawn", "label": "Withdrawn"}


def test_with_see_all_off_the_assigned_hiring_manager_still_reads_the_teams_notes(
    api_as, settings, recruiter, hiring_manager, application
):
    move(api_as(recruiter), application, stage="Screening", note="Strong CV")
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False

    rows = api_as(hiring_manager).get(f"/api/histories/?application={application.pk}").json()["results"]

    assert [(row["to_stage"], row["note"], row["changed_by"]) for row in rows] == [
        ("Applied", "", application.candidate_id),
        ("Screening", "Strong CV", recruiter.pk),
    ]
