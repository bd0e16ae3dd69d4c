"""The rejection reasons page (/workspace/reasons/) and its changes (/workspace/reasons/<pk>/):
recruiters of the company only."""

import pytest

from ats.services.applications import application_change_stage


def codes(company) -> list[str]:
    return list(company.rejection_reasons.order_by("position", "id").values_list("code", flat=True))


@pytest.mark.django_db
def test_a_recruiter_sees_the_list_in_order_with_the_system_reasons_marked(client, recruiter):
    client.force_login(recruiter)
    response = client.get("/workspace/reasons/")
    assert response.status_code == 200
    html = response.content.decode()
    labels = ["Not qualified", "Another candidate chosen", "Position filled", "No response", "Withdrawn", "Other"]
    positions = [html.index(f'<span class="reason-row__label">{label}</span>') for label in labels]
    assert positions == sorted(positions)
    assert html.count("built in") == 2
    assert 'href="/workspace/reasons/"' in client.get("/workspace/team/").content.decode()


@pytest.mark.django_db
def test_a_recruiter_adds_a_reason_at_the_end(client, recruiter, acme):
    client.force_login(recruiter)
    response = client.post("/workspace/reasons/", {"label": "Salary expectations"})
    assert response.status_code == 302
    assert codes(acme)[-1] == "salary_expectations"
    assert "Salary expectations" in client.get("/workspace/reasons/").content.decode()


@pytest.mark.django_db
def test_a_taken_name_is_refused_on_the_form(client, recruiter, acme):
    client.force_login(recruiter)
    response = client.post("/workspace/reasons/", {"label": "Other"})
    assert response.status_code == 422
    assert "There is already a reason called “Other”." in response.content.decode()
    assert len(codes(acme)) == 6


@pytest.mark.django_db
def test_a_recruiter_renames_reorders_deactivates_and_reactivates(client, recruiter, acme):
    reason = acme.rejection_reasons.get(code="no_response")
    client.force_login(recruiter)
    url = f"/workspace/reasons/{reason.pk}/"

    client.post(url, {"action": "rename", "label": "Stopped replying"})
    client.post(url, {"action": "up"})
    client.post(url, {"action": "deactivate"})
    reason.refresh_from_db()
    assert (reason.code, reason.label, reason.active) == ("no_response", "Stopped replying", False)
    assert codes(acme)[2] == "no_response"

    client.post(url, {"action": "reactivate"})
    reason.refresh_from_db()
    assert reason.active


@pytest.mark.django_db
def test_removing_a_reason_in_use_deactivates_it_and_says_so(client, recruiter, application):
    application_change_stage(application=application, to_stage="Rejected", actor=recruiter, reason="position_filled")
    reason = application.job.company.rejection_reasons.get(code="position_filled")
    client.force_login(recruiter)

    response = client.post(f"/workspace/reasons/{reason.pk}/", {"action": "remove"}, follow=True)

    reason.refresh_from_db()
    assert reason.active is False
    assert "recorded on past rejections, so it is deactivated instead of removed" in response.content.decode()


@pytest.mark.django_db
def test_a_system_reason_stays_active_with_a_message(client, recruiter, acme):
    other = acme.rejection_reasons.get(code="other")
    client.force_login(recruiter)

    response = client.post(f"/workspace/reasons/{other.pk}/", {"action": "deactivate"}, follow=True)

    other.refresh_from_db()
    assert other.active
    assert "used by the product itself" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hiring_manager", "candidate"])
def test_the_page_is_403_for_everyone_but_recruiters(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/workspace/reasons/").status_code == 403
    assert client.post("/workspace/reasons/", {"label": "Sneaky"}).status_code == 403


@pytest.mark.django_db
def test_a_hiring_manager_of_the_company_gets_403_for_a_change(client, hiring_manager, acme):
    reason = acme.rejection_reasons.get(code="no_response")
    client.force_login(hiring_manager)
    assert client.post(f"/workspace/reasons/{reason.pk}/", {"action": "deactivate"}).status_code == 403
    reason.refresh_from_db()
    assert reason.active


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider_recruiter", "candidate"])
def test_another_companys_reason_does_not_exist_for_others(client, request, acme, who):
    reason = acme.rejection_reasons.get(code="no_response")
    client.force_login(request.getfixturevalue(who))
    response = client.post(f"/workspace/reasons/{reason.pk}/", {"action": "rename", "label": "Hacked"})
    assert response.status_code == 404
    reason.refresh_from_db()
    assert reason.label == "No response"


@pytest.mark.django_db
def test_an_outsider_recruiter_manages_only_their_own_list(client, outsider_recruiter, globex, acme):
    client.force_login(outsider_recruiter)
    client.post("/workspace/reasons/", {"label": "Relocation"})
    assert "relocation" in codes(globex)
    assert "relocation" not in codes(acme)
    assert "Relocation" in client.get("/workspace/reasons/").content.decode()


@pytest.mark.django_db
def test_a_superuser_is_pointed_to_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get("/workspace/reasons/").status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/workspace/reasons/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
