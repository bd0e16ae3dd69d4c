"""A board card's menu (GET /workspace/applications/<pk>/menu/), which board.js loads when
the menu opens: the moves from the stage the board showed, the tag toggles, for whom."""

import pytest

from ats.tests import factories
from ats.tests.workspace.board_page import menu_url
from ats.workflow import Stage


@pytest.mark.django_db
def test_it_offers_the_moves_from_the_stage_the_board_showed(client, recruiter, application):
    client.force_login(recruiter)
    response = client.get(menu_url(application, "Applied"))
    html = response.content.decode()
    name = application.candidate.display_name
    assert response.status_code == 200
    assert f'hx-post="/workspace/applications/{application.pk}/move/"' in html
    assert 'hx-swap="none"' in html
    assert '<input type="hidden" name="from_stage" value="Applied">' in html
    assert f'aria-label="Move {name} to Screening"' in html
    assert f'aria-label="Reject {name}… (give a reason)"' in html
    assert "Interview" not in html


@pytest.mark.django_db
def test_a_card_shown_in_an_older_stage_moves_from_that_stage(client, recruiter, application):
    # The board showed it in Applied; someone moved it since. A move from the menu is then refused as stale.
    application.stage = Stage.SCREENING
    application.save(update_fields=["stage"])
    client.force_login(recruiter)
    html = client.get(menu_url(application, "Applied")).content.decode()
    assert '<input type="hidden" name="from_stage" value="Applied">' in html
    assert 'value="Screening"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("from_stage", ["", "Nowhere", "%00"])
def test_without_a_known_stage_it_offers_the_moves_from_where_the_card_is(client, recruiter, application, from_stage):
    client.force_login(recruiter)
    response = client.get(f"/workspace/applications/{application.pk}/menu/?from_stage={from_stage}")
    assert response.status_code == 200
    assert '<input type="hidden" name="from_stage" value="Applied">' in response.content.decode()


@pytest.mark.django_db
def test_it_keeps_the_boards_state_in_its_forms(client, recruiter, application):
    client.force_login(recruiter)
    html = client.get(menu_url(application, "Applied") + "&q=kim&evil=1").content.decode()
    assert html.count('<input type="hidden" name="board_state" value="q=kim">') == 1


@pytest.mark.django_db
def test_a_final_card_without_tags_has_nothing_to_offer(client, recruiter, job):
    hired = factories.ApplicationFactory(job=job, stage=Stage.HIRED)
    client.force_login(recruiter)
    html = client.get(menu_url(hired, "Hired")).content.decode()
    assert "Nothing to do here now." in html
    assert "<form" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider_recruiter", "outsider_hiring_manager"])
def test_other_companies_get_404_for_a_card_menu(client, request, application, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(menu_url(application, "Applied")).status_code == 404


@pytest.mark.django_db
def test_the_candidate_cannot_open_a_card_menu_of_their_application(client, candidate, application):
    client.force_login(candidate)
    assert client.get(menu_url(application, "Applied")).status_code in (403, 404)


@pytest.mark.django_db
def test_the_card_menu_takes_only_get(client, recruiter, application):
    client.force_login(recruiter)
    assert client.post(menu_url(application, "Applied")).status_code == 405
