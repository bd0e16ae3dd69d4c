"""The board in real Chromium: pointer drags, refusals, the keyboard, hiring managers,
polling, and axe-core on the board and the application page."""

import pytest
from playwright.sync_api import expect

from ats.models import Application, ApplicationHistory, OutboxEmail
from ats.services.applications import application_change_stage
from ats.tests import factories
from ats.tests.browser.conftest import PHONE
from ats.workflow import Stage


@pytest.fixture
def team(db):
    acme = factories.CompanyFactory(name="Acme")
    recruiter = factories.RecruiterFactory(company=acme, first_name="Rita", last_name="Reyes")
    manager = factories.HiringManagerFactory(company=acme, first_name="Max", last_name="Moreau")
    job = factories.JobFactory(company=acme, title="Backend Engineer")
    job.hiring_managers.add(manager)
    alex = factories.ApplicationFactory(job=job, candidate__first_name="Alex", candidate__last_name="Kim")
    factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
    return {"company": acme, "recruiter": recruiter, "manager": manager, "job": job, "alex": alex}


def card(page, stage: str, application):
    return page.locator(f'[data-stage="{stage}"] [data-application-id="{application.pk}"]')


def hold_over(page, source, stage: str, *, grab: str = ".board-card__meta") -> tuple[float, float]:
    """Press on the card (on `grab`, a part of it) and move it over the middle of
    `stage`'s column, still held.

    Returns the point it is held at, for the second move SortableJS needs to drop there.
    """
    source.locator(grab).hover()
    page.mouse.down()
    target = page.locator(f'[data-stage="{stage}"] .board-cards').bounding_box()
    x, y = target["x"] + target["width"] / 2, target["y"] + target["height"] / 2
    page.mouse.move(x, y, steps=8)
    return x, y


def drag(page, source, stage: str, *, grab: str = ".board-card__meta") -> None:
    """A real pointer drag: press on the card, move over the target column twice, release."""
    x, y = hold_over(page, source, stage, grab=grab)
    page.mouse.move(x + 3, y + 3, steps=4)
    page.mouse.up()


@pytest.mark.django_db(transaction=True)
def test_a_recruiter_drags_a_card_from_applied_to_screening(page, log_in, team, assert_accessible):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    assert_accessible(page)

    drag(page, card(page, "Applied", alex), "Screening")

    # SortableJS moves the card at once; the server's answer is what counts.
    expect(page.locator("#board-status")).to_contain_text("Alex Kim moved to Screening.")
    expect(card(page, "Screening", alex)).to_be_visible()
    expect(card(page, "Applied", alex)).to_have_count(0)
    expect(page.locator('[data-stage="Screening"] .board-column__count')).to_contain_text("1")
    alex.refresh_from_db()
    assert alex.stage == Stage.SCREENING
    row = ApplicationHistory.objects.filter(application=alex).last()
    assert (row.from_stage, row.to_stage, row.changed_by_id) == ("Applied", "Screening", team["recruiter"].pk)

    page.reload()
    expect(card(page, "Screening", alex)).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_drag_from_applied_to_offer_is_refused_and_reverted(page, log_in, team):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    x, y = hold_over(page, card(page, "Applied", alex), "Offer")
    # While dragging, the columns the card may not go to are marked.
    expect(page.locator('.board-column[data-stage="Offer"]')).to_have_class(
        "board-column board-column--Offer board-column--blocked"
    )
    expect(page.locator('.board-column[data-stage="Screening"]')).to_contain_class("board-column--allowed")
    page.mouse.move(x + 3, y + 3, steps=4)
    page.mouse.up()

    expect(page.locator("#board-status")).to_contain_text("An application in Applied can't move to Offer.")
    expect(card(page, "Applied", alex)).to_be_visible()
    expect(card(page, "Offer", alex)).to_have_count(0)
    expect(page.locator(".board-column--blocked")).to_have_count(0)
    alex.refresh_from_db()
    assert alex.stage == Stage.APPLIED
    assert alex.history.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_card_moves_with_the_keyboard_only(page, log_in, team):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    # Tab from the filter field to the first card's link, then to its Move button,
    # which opens the menu of the moves it may make.
    page.locator("#board-q").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Alex Kim", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(card(page, "Applied", alex).locator("summary")).to_be_focused()
    expect(page.get_by_role("button", name="Move Alex Kim to Screening")).to_be_hidden()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Move Alex Kim to Screening")).to_be_focused()
    page.keyboard.press("Enter")

    expect(card(page, "Screening", alex)).to_be_visible()
    expect(page.locator("#board-status")).to_contain_text("Alex Kim moved to Screening.")
    # Focus stays on the moved card, in its new column.
    expect(card(page, "Screening", alex).get_by_role("link", name="Alex Kim", exact=True)).to_be_focused()
    alex.refresh_from_db()
    assert alex.stage == Stage.SCREENING


@pytest.mark.django_db(transaction=True)
def test_a_hiring_manager_moves_on_an_assigned_job_and_only_reads_another(page, log_in, team, assert_accessible):
    other_job = factories.JobFactory(company=team["company"], title="Designer")
    other = factories.ApplicationFactory(job=other_job, candidate__first_name="Sam", candidate__last_name="Patel")
    base = log_in(team["manager"])
    alex = team["alex"]

    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    drag(page, card(page, "Applied", alex), "Screening")
    # SortableJS moves the card at once; the server's answer is what counts.
    expect(page.locator("#board-status")).to_contain_text("Alex Kim moved to Screening.")
    expect(card(page, "Screening", alex)).to_be_visible()
    alex.refresh_from_db()
    assert alex.stage == Stage.SCREENING

    page.goto(f"{base}/workspace/jobs/{other_job.pk}/board/")
    expect(card(page, "Applied", other)).to_be_visible()
    expect(page.get_by_text("only recruiters and this job's hiring managers can move its cards")).to_be_visible()
    expect(page.get_by_role("button", name="Move Sam Patel to Screening")).to_have_count(0)
    # The server would refuse a move anyway; what counts is that the read-only board
    # never lets the card go nor posts one.
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    applied = card(page, "Applied", other)
    hold_over(page, applied, "Screening")
    expect(page.locator(".board-card--chosen, .board-card--ghost")).to_have_count(0)
    page.mouse.up()
    # A drop posts from the mouseup handler itself, so a request the page starts
    # now comes after any POST the drop made, and Playwright reports requests in
    # the order the page starts them: once this one is seen, `posts` is complete.
    with page.expect_request(lambda request: "after-the-drop" in request.url):
        page.evaluate("() => fetch(location.pathname + '?after-the-drop', {method: 'HEAD'})")
    expect(applied).to_be_visible()
    expect(card(page, "Screening", other)).to_have_count(0)
    assert posts == []
    assert Application.objects.get(pk=other.pk).stage == Stage.APPLIED
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_a_manager_unassigned_meanwhile_is_told_the_drop_was_not_saved(page, log_in, team):
    base = log_in(team["manager"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    team["job"].hiring_managers.remove(team["manager"])

    drag(page, card(page, "Applied", alex), "Screening")

    expect(page.get_by_role("status").filter(has_text="That could not be saved")).to_contain_text(
        "you may no longer have access"
    )
    expect(card(page, "Applied", alex)).to_be_visible()
    expect(card(page, "Screening", alex)).to_have_count(0)
    expect(page.get_by_text("only recruiters and this job's hiring managers can move its cards")).to_be_visible()
    alex.refresh_from_db()
    assert alex.stage == Stage.APPLIED
    assert alex.history.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failure", ["server error", "network error"])
def test_a_drop_that_fails_is_reported_and_the_board_reloaded(page, log_in, team, failure):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    move = f"**/workspace/applications/{alex.pk}/move/"
    if failure == "server error":
        page.route(move, lambda route: route.fulfill(status=500, body="Server error"))
    else:
        page.route(move, lambda route: route.abort())

    drag(page, card(page, "Applied", alex), "Screening")

    expect(page.locator("#board-status")).to_contain_text("That move could not be saved")
    expect(card(page, "Applied", alex)).to_be_visible()
    expect(card(page, "Screening", alex)).to_have_count(0)
    alex.refresh_from_db()
    assert alex.stage == Stage.APPLIED
    # Dragging works again at once, without waiting for a poll.
    page.unroute(move)
    drag(page, card(page, "Applied", alex), "Screening")
    expect(page.locator("#board-status")).to_contain_text("Alex Kim moved to Screening.")
    expect(card(page, "Screening", alex)).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_drop_on_rejected_asks_for_the_reason_in_place_and_rejects(page, log_in, team, assert_accessible):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    x, y = hold_over(page, card(page, "Applied", alex), "Rejected")
    expect(page.locator('.board-column[data-stage="Rejected"]')).to_contain_class("board-column--needs-reason")
    page.mouse.move(x + 3, y + 3, steps=4)
    page.mouse.up()

    dialog = page.get_by_role("dialog", name="Reject Alex Kim")
    expect(dialog).to_be_visible()
    assert_accessible(page)
    # No reason: refused in place, nothing sent.
    dialog.get_by_role("button", name="Reject").click()
    expect(dialog.get_by_role("alert")).to_have_text("Choose a reason.")
    assert Application.objects.get(pk=alex.pk).stage == Stage.APPLIED

    dialog.get_by_label("Not qualified").check()
    dialog.get_by_label("Note for the team").fill("Looking for more Go experience.")
    expect(dialog.get_by_label("Send the candidate the courteous email")).to_be_checked()
    dialog.get_by_role("button", name="Reject").click()

    expect(dialog).to_be_hidden()
    expect(page.locator("#board-status")).to_contain_text("Alex Kim moved to Rejected.")
    expect(card(page, "Rejected", alex)).to_be_visible()
    row = ApplicationHistory.objects.get(application=alex, to_stage=Stage.REJECTED)
    assert (row.from_stage, row.reason.code, row.note, row.notify_candidate) == (
        "Applied",
        "not_qualified",
        "Looking for more Go experience.",
        True,
    )
    assert OutboxEmail.objects.filter(to=alex.candidate.email, dedupe_key__startswith="stage_changed:").exists()


@pytest.mark.django_db(transaction=True)
def test_cancelling_the_reason_dialog_puts_the_card_back(page, log_in, team):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    drag(page, card(page, "Applied", alex), "Rejected")
    dialog = page.get_by_role("dialog", name="Reject Alex Kim")
    expect(dialog).to_be_visible()

    dialog.get_by_role("button", name="Cancel").click()

    expect(dialog).to_be_hidden()
    expect(card(page, "Applied", alex)).to_be_visible()
    expect(card(page, "Rejected", alex)).to_have_count(0)
    assert posts == []
    assert Application.objects.get(pk=alex.pk).stage == Stage.APPLIED


@pytest.mark.django_db(transaction=True)
def test_the_card_menus_reject_opens_the_dialog_and_an_unticked_email_is_not_sent(page, log_in, team):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    expect(page.get_by_role("button", name="Move Alex Kim to Rejected")).to_have_count(0)
    card(page, "Applied", alex).locator("summary").click()
    card(page, "Applied", alex).get_by_role("link", name="Reject Alex Kim…").click()

    dialog = page.get_by_role("dialog", name="Reject Alex Kim")
    dialog.get_by_label("Position filled").check()
    dialog.get_by_label("Send the candidate the courteous email").uncheck()
    dialog.get_by_role("button", name="Reject").click()

    expect(card(page, "Rejected", alex)).to_be_visible()
    row = ApplicationHistory.objects.get(application=alex, to_stage=Stage.REJECTED)
    assert (row.reason.code, row.notify_candidate) == ("position_filled", False)
    assert not OutboxEmail.objects.filter(to=alex.candidate.email, dedupe_key__startswith="stage_changed:").exists()


@pytest.mark.django_db(transaction=True)
def test_on_a_touch_screen_cards_scroll_the_board_and_drag_after_a_press(page, log_in, team):
    base = log_in(team["recruiter"])
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    applied = card(page, "Applied", team["alex"])
    expect(applied).to_be_visible()
    # `none` would hand every touch on a card to SortableJS, and a finger could not scroll.
    assert applied.evaluate("card => getComputedStyle(card).touchAction") == "manipulation"
    options = applied.evaluate(
        "card => { const o = Sortable.get(card.parentElement).options; return [o.delay, o.delayOnTouchOnly]; }"
    )
    assert options == [200, True]


@pytest.mark.django_db(transaction=True)
def test_a_teammates_move_shows_up_without_a_reload(page, log_in, team):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    application_change_stage(application=alex, to_stage=Stage.SCREENING, actor=team["manager"])
    expect(card(page, "Screening", alex)).to_be_visible(timeout=12_000)


@pytest.mark.django_db(transaction=True)
def test_the_application_page_is_accessible_and_rejects_with_a_reason(page, log_in, team, assert_accessible):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    page.get_by_role("link", name="Alex Kim", exact=True).click()
    expect(page.get_by_role("heading", name="Alex Kim")).to_be_visible()
    assert_accessible(page)

    expect(page.get_by_label("Not qualified")).to_be_hidden()
    page.locator("summary", has_text="Reject…").click()
    assert_accessible(page)
    page.get_by_label("Position filled").check()
    page.get_by_label("Note (optional)").fill("Looking for more Go experience.")
    page.get_by_label("Send the candidate the courteous email").uncheck()
    page.get_by_role("button", name="Reject Alex Kim").click()
    expect(page.locator(".timeline")).to_contain_text("Reason: Position filled · not emailed")
    expect(page.locator(".timeline")).to_contain_text("Looking for more Go experience.")
    alex.refresh_from_db()
    assert alex.stage == Stage.REJECTED

    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_board_fits_a_phone_and_is_accessible(page, log_in, team, assert_accessible):
    base = log_in(team["recruiter"])
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    expect(card(page, "Applied", team["alex"])).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_job_and_team_pages_are_accessible(page, log_in, team, assert_accessible):
    base = log_in(team["recruiter"])
    for path in ("/workspace/", f"/workspace/jobs/{team['job'].pk}/", "/workspace/team/"):
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    base = log_in(team["manager"])
    page.goto(base + "/workspace/assigned/")
    expect(page.get_by_role("heading", name="Backend Engineer")).to_be_visible()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_board_filters_by_name_as_you_type(page, log_in, team):
    base = log_in(team["recruiter"])
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    expect(page.locator(".board-card")).to_have_count(2)
    page.get_by_label("Filter by candidate name").fill("alex")
    expect(page.locator(".board-card")).to_have_count(1)
    expect(card(page, "Applied", team["alex"])).to_be_visible()
    assert page.url.endswith("?q=alex")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("grab", [".board-card__name", ".board-card__meta"], ids=["by-the-name", "by-the-middle"])
def test_a_card_is_dragged_by_any_part_of_it(page, log_in, team, grab):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")

    drag(page, card(page, "Applied", alex), "Screening", grab=grab)

    expect(page.locator("#board-status")).to_contain_text("Alex Kim moved to Screening.")
    expect(card(page, "Screening", alex)).to_be_visible()
    # A drag that started on the name did not open the application.
    assert page.url.endswith(f"/workspace/jobs/{team['job'].pk}/board/")
    alex.refresh_from_db()
    assert alex.stage == Stage.SCREENING


@pytest.mark.django_db(transaction=True)
def test_a_click_on_the_name_without_moving_opens_the_application(page, log_in, team):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")

    card(page, "Applied", alex).locator(".board-card__name").click()

    expect(page.get_by_role("heading", name="Alex Kim")).to_be_visible()
    assert page.url.endswith(f"/workspace/applications/{alex.pk}/")


@pytest.mark.django_db(transaction=True)
def test_a_fast_drag_lands_in_the_column_under_the_pointer(page, log_in, team):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    card(page, "Applied", alex).locator(".board-card__meta").hover()
    page.mouse.down()
    # Five quick steps, released over Hired's heading rather than its list of cards:
    # the column under the pointer, where SortableJS's placeholder has not arrived.
    title = page.locator('[data-stage="Hired"] .board-column__title').bounding_box()
    page.mouse.move(title["x"] + title["width"] / 2, title["y"] + title["height"] / 2, steps=5)
    page.mouse.up()

    # The server is asked about Hired, the column the card was released over.
    expect(page.locator("#board-status")).to_contain_text("An application in Applied can't move to Hired.")
    expect(card(page, "Applied", alex)).to_be_visible()
    alex.refresh_from_db()
    assert alex.stage == Stage.APPLIED


@pytest.mark.django_db(transaction=True)
def test_the_six_columns_fit_a_laptop_and_a_phone_scrolls_them_one_by_one(page, log_in, team, assert_accessible):
    base = log_in(team["recruiter"])
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    board = page.locator("#board")
    assert board.evaluate("board => board.scrollWidth <= board.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    rejected = page.locator('.board-column[data-stage="Rejected"]').bounding_box()
    assert rejected["x"] + rejected["width"] <= 1280

    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert board.evaluate("board => getComputedStyle(board).scrollSnapType").startswith("x")
    applied = page.locator('.board-column[data-stage="Applied"]').bounding_box()
    assert applied["width"] > PHONE["width"] * 0.75
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_a_drop_swaps_in_its_two_columns_a_refused_one_restores_them_and_polling_goes_on(page, log_in, team):
    base = log_in(team["recruiter"])
    alex = team["alex"]
    interviewing = Application.objects.get(job=team["job"], stage=Stage.INTERVIEW)
    page.goto(f"{base}/workspace/jobs/{team['job'].pk}/board/")
    count = lambda stage: page.locator(f'[data-stage="{stage}"] .board-column__count')  # noqa: E731
    # A column the drop doesn't touch stays the same element.
    page.evaluate("document.querySelector('[data-stage=\"Interview\"]').dataset.untouched = 'yes'")

    drag(page, card(page, "Applied", alex), "Screening")
    expect(page.locator("#board-status")).to_contain_text("Alex Kim moved to Screening.")
    expect(card(page, "Screening", alex)).to_be_visible()
    expect(count("Applied")).to_contain_text("0")
    expect(count("Screening")).to_contain_text("1")
    expect(page.locator('[data-stage="Interview"][data-untouched="yes"]')).to_have_count(1)

    # Refused: both columns come back as they are, and the untouched ones still take drags.
    drag(page, card(page, "Screening", alex), "Hired")
    expect(page.locator("#board-status")).to_contain_text("can't move to Hired")
    expect(card(page, "Screening", alex)).to_be_visible()
    expect(card(page, "Hired", alex)).to_have_count(0)
    expect(count("Screening")).to_contain_text("1")
    expect(count("Hired")).to_contain_text("0")
    alex.refresh_from_db()
    assert alex.stage == Stage.SCREENING

    drag(page, card(page, "Interview", interviewing), "Offer")
    expect(card(page, "Offer", interviewing)).to_be_visible()
    expect(count("Offer")).to_contain_text("1")

    # A teammate's move still shows up by polling.
    application_change_stage(application=alex, to_stage=Stage.INTERVIEW, actor=team["manager"])
    expect(card(page, "Interview", alex)).to_be_visible(timeout=12_000)
    expect(count("Screening")).to_contain_text("0")
