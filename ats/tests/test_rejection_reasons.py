"""Each company's list of rejection reasons: the defaults (at sign-up and, for
companies that existed before, in the migration), and the recruiters' changes."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ats import workflow
from ats.exceptions import InvalidReason
from ats.models import Company, RejectionReason
from ats.services.accounts import company_signup
from ats.services.applications import application_change_stage
from ats.services.reasons import (
    rejection_reason_create,
    rejection_reason_move,
    rejection_reason_remove,
    rejection_reason_rename,
    rejection_reason_set_active,
    rejection_reasons_ensure_defaults,
)

DEFAULT_CODES = [code for code, _ in workflow.DEFAULT_REJECTION_REASONS]


def codes(company) -> list[str]:
    return list(company.rejection_reasons.order_by("position", "id").values_list("code", flat=True))


@pytest.mark.django_db
def test_a_company_created_at_sign_up_gets_the_default_reasons():
    user = company_signup(
        company_name="Initech",
        username="bill",
        email="bill@initech.example",
        password="pw-for-tests-1234",
        first_name="Bill",
        last_name="Lumbergh",
    )

    assert codes(user.company) == DEFAULT_CODES
    assert list(user.company.rejection_reasons.values_list("label", flat=True)) == [
        "Not qualified",
        "Another candidate chosen",
        "Position filled",
        "No response",
        "Withdrawn",
        "Other",
    ]
    assert all(user.company.rejection_reasons.values_list("active", flat=True))


@pytest.mark.django_db
def test_ensuring_the_defaults_twice_adds_only_what_is_missing_and_keeps_renamed_labels():
    company = Company.objects.create(name="Initech")
    rejection_reasons_ensure_defaults(company=company)
    company.rejection_reasons.filter(code="no_response").update(label="Ghosted us")
    company.rejection_reasons.filter(code="position_filled").delete()

    rejection_reasons_ensure_defaults(company=company)

    assert sorted(codes(company)) == sorted(DEFAULT_CODES)
    assert company.rejection_reasons.get(code="no_response").label == "Ghosted us"


@pytest.mark.django_db
def test_a_new_reason_gets_a_stable_code_from_its_label_and_goes_last(acme):
    reason = rejection_reason_create(company=acme, label="  Salary   expectations ")
    again = rejection_reason_create(company=acme, label="Salary expectations (2)")

    assert (reason.code, reason.label) == ("salary_expectations", "Salary expectations")
    assert again.code == "salary_expectations_2"
    assert codes(acme)[-2:] == ["salary_expectations", "salary_expectations_2"]

    rejection_reason_rename(reason=reason, label="Pay gap")
    reason.refresh_from_db()
    assert (reason.code, reason.label) == ("salary_expectations", "Pay gap")


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "message"), [("  ", "Give the reason a name"), ("not QUALIFIED", "already")])
def test_a_reason_needs_a_free_name(acme, label, message):
    with pytest.raises(InvalidReason, match=message):
        rejection_reason_create(company=acme, label=label)
    assert codes(acme) == DEFAULT_CODES


@pytest.mark.django_db
def test_the_same_name_is_free_in_another_company(acme, globex):
    reason = rejection_reason_create(company=globex, label="Relocation")
    assert reason.company == globex
    assert "relocation" not in codes(acme)


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["withdrawn", "other"])
def test_system_reasons_can_be_neither_deactivated_nor_removed(acme, code):
    reason = acme.rejection_reasons.get(code=code)

    with pytest.raises(InvalidReason, match="used by the product itself"):
        rejection_reason_set_active(reason=reason, active=False)
    with pytest.raises(InvalidReason, match="used by the product itself"):
        rejection_reason_remove(reason=reason)

    reason.refresh_from_db()
    assert reason.active


@pytest.mark.django_db
def test_a_reason_in_use_is_deactivated_instead_of_removed_and_can_come_back(application, recruiter):
    reason = application.job.company.rejection_reasons.get(code="no_response")
    application_change_stage(application=application, to_stage="Rejected", actor=recruiter, reason="no_response")

    assert rejection_reason_remove(reason=reason) is False
    reason.refresh_from_db()
    assert reason.active is False
    assert application.history.get(to_stage="Rejected").reason == reason

    rejection_reason_set_active(reason=reason, active=True)
    reason.refresh_from_db()
    assert reason.active is True


@pytest.mark.django_db
def test_an_unused_reason_is_removed(acme):
    reason = acme.rejection_reasons.get(code="position_filled")

    assert rejection_reason_remove(reason=reason) is True
    assert "position_filled" not in codes(acme)


@pytest.mark.django_db
def test_moving_a_reason_reorders_the_list_and_stops_at_the_ends(acme):
    other = acme.rejection_reasons.get(code="other")
    rejection_reason_move(reason=other, offset=-1)
    assert codes(acme)[-2:] == ["other", "withdrawn"]

    first = acme.rejection_reasons.get(code="not_qualified")
    rejection_reason_move(reason=first, offset=-1)
    rejection_reason_move(reason=first, offset=1)
    assert codes(acme)[:2] == ["another_candidate_chosen", "not_qualified"]
    assert list(acme.rejection_reasons.order_by("position").values_list("position", flat=True)) == list(range(6))


# The migration ------------------------------------------------------------------------

BEFORE = [("ats", "0006_user_profile")]
MIGRATION = importlib.import_module("ats.migrations.0007_rejection_reasons")


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_companies_the_defaults_and_old_rejections_the_reason_other():
    """Real rows written before the migration (with the models as they were then), then the migration."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    company = old.get_model("ats", "Company").objects.create(name="Legacy")
    old.get_model("ats", "Company").objects.create(name="No applications")
    user_model = old.get_model("ats", "User")
    candidate = user_model.objects.create(username="old-candidate", role="candidate")
    job = old.get_model("ats", "Job").objects.create(
        company=company, title="Welder", description="Weld.", status="open"
    )
    application_model = old.get_model("ats", "Application")
    history = old.get_model("ats", "ApplicationHistory")
    rejected = application_model.objects.create(candidate=candidate, job=job, stage="Rejected")
    history.objects.create(application=rejected, from_stage="", to_stage="Applied")
    history.objects.create(application=rejected, from_stage="Applied", to_stage="Rejected", note="No licence")
    live = application_model.objects.create(
        candidate=user_model.objects.create(username="other-candidate", role="candidate"), job=job, stage="Screening"
    )
    history.objects.create(application=live, from_stage="", to_stage="Applied")
    history.objects.create(application=live, from_stage="Applied", to_stage="Screening", note="Promising")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    for name in ("Legacy", "No applications"):
        assert codes(Company.objects.get(name=name)) == DEFAULT_CODES
    rows = {
        row.to_stage: row
        for row in Company.objects.get(name="Legacy").jobs.get().applications.get(stage="Rejected").history.all()
    }
    assert rows["Rejected"].reason == RejectionReason.objects.get(company__name="Legacy", code="other")
    assert rows["Rejected"].note == "No licence"
    assert rows["Rejected"].notify_candidate is True
    assert rows["Applied"].reason is None
    screening = Company.objects.get(name="Legacy").jobs.get().applications.get(stage="Screening").history
    assert list(screening.values_list("reason", "note")) == [(None, ""), (None, "Promising")]


@pytest.mark.django_db
def test_the_migrations_defaults_are_the_products_defaults():
    # The migration keeps its own copy (a migration must not change with the code); today they agree.
    assert MIGRATION.DEFAULT_REASONS == workflow.DEFAULT_REJECTION_REASONS


@pytest.mark.django_db
def test_the_migration_function_leaves_a_company_that_has_its_reasons_alone(acme):
    from django.apps import apps

    acme.rejection_reasons.filter(code="other").update(label="Something else")

    MIGRATION.add_default_reasons_and_backfill(apps, None)

    assert codes(acme) == DEFAULT_CODES
    assert acme.rejection_reasons.get(code="other").label == "Something else"
