"""Who may act in bulk and follow a bulk action, and the selector that agrees."""

import uuid

import pytest

from ats.models import BulkAction
from ats.selectors.bulk import bulk_actions_visible_to
from ats.tests.conftest import PERSONAS


def allowed(people, perm, obj=None) -> set[str]:
    return {name for name, user in people.items() if user.has_perm(perm, obj)}


def action_by(actor) -> BulkAction:
    return BulkAction.objects.create(token=uuid.uuid4(), company=actor.company, actor=actor, kind="advance", total=0)


@pytest.mark.django_db
def test_the_hiring_team_acts_in_bulk_and_candidates_do_not(people):
    assert allowed(people, "ats.act_in_bulk") == {
        "recruiter",
        "outsider_recruiter",
        "hiring_manager",
        "other_hiring_manager",
        "outsider_hiring_manager",
    }


@pytest.mark.django_db
def test_a_hiring_managers_action_is_theirs_and_their_recruiters_to_follow(people, hiring_manager):
    action = action_by(hiring_manager)
    assert allowed(people, "ats.view_bulk_action", action) == {"recruiter", "hiring_manager"}


@pytest.mark.django_db
def test_a_recruiters_action_is_followed_by_its_company_recruiters_only(people, recruiter):
    action = action_by(recruiter)
    assert allowed(people, "ats.view_bulk_action", action) == {"recruiter"}


@pytest.mark.django_db
def test_the_selector_shows_the_actions_the_rule_lets_you_follow(people, recruiter, hiring_manager, outsider_recruiter):
    actions = [action_by(recruiter), action_by(hiring_manager), action_by(outsider_recruiter)]
    for name in PERSONAS:
        user = people[name]
        visible = set(bulk_actions_visible_to(user).values_list("pk", flat=True))
        for action in actions:
            assert (action.pk in visible) == user.has_perm("ats.view_bulk_action", action), (name, action.actor)
