"""ats/audit.py: what an entry keeps (actor, time, address, no personal data), the
client address behind proxies, the append-only guard, and forgetting an actor."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from ats import audit
from ats.tests import factories
from ats.tests.audit.conftest import entries, everything_stored


@pytest.mark.django_db
def test_an_entry_keeps_who_what_when_and_no_copy_of_the_object(recruiter, application):
    before = timezone.now()
    entry = audit.record(
        audit.Event.MOVED, application, actor=recruiter, changes={"stage": ("Applied", "Screening")}, history_id=7
    )
    entry.refresh_from_db()
    assert before <= entry.timestamp <= timezone.now()
    assert (entry.actor, entry.actor_email) == (recruiter, recruiter.email)
    assert entry.object_repr == f"Application {application.pk}"
    assert (entry.object_id, entry.object_pk) == (application.pk, str(application.pk))
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.changes == {"stage": ["Applied", "Screening"]}
    assert entry.additional_data == {"event": "moved", "history_id": 7}
    assert entry.serialized_data is None
    # Outside a request: no address.
    assert entry.remote_addr is None


@pytest.mark.django_db
def test_reading_events_are_auditlogs_access_action(recruiter, application):
    for event in (audit.Event.VIEWED, audit.Event.RESUME_DOWNLOADED, audit.Event.EXPORTED):
        assert audit.record(event, application, actor=recruiter).action == LogEntry.Action.ACCESS
    assert audit.record(audit.Event.ERASED, application, actor=None).action == LogEntry.Action.DELETE


@pytest.mark.django_db
def test_a_candidates_name_and_email_never_land_in_an_entry(candidate, application):
    audit.record(audit.Event.RESUME_DOWNLOADED, application, actor=candidate)
    audit.record(audit.Event.ERASED, candidate, actor=candidate)
    [download, erased] = entries()
    assert download.actor == candidate
    assert download.actor_email == ""
    assert erased.object_repr == f"User {candidate.pk}"
    stored = everything_stored()
    for personal in (candidate.email, candidate.first_name, candidate.last_name, candidate.username):
        assert personal not in stored


@pytest.mark.django_db
def test_a_view_is_recorded_once_per_person_within_the_window(recruiter, other_hiring_manager, application):
    assert audit.record_view(application, actor=recruiter) is not None
    assert audit.record_view(application, actor=recruiter) is None
    # Another person's view is theirs.
    assert audit.record_view(application, actor=other_hiring_manager) is not None
    # Past the window, a new one.
    LogEntry.objects.filter(actor=recruiter).update(timestamp=timezone.now() - audit.VIEW_WINDOW - timedelta(seconds=1))
    assert audit.record_view(application, actor=recruiter) is not None
    assert len(entries("viewed")) == 3


@pytest.mark.django_db
def test_many_entries_at_once(recruiter, job):
    applications = [factories.ApplicationFactory(job=job) for _ in range(3)]
    assert audit.record_many(audit.Event.EXPORTED, applications, actor=recruiter, format="csv") == 3
    assert sorted(entry.object_id for entry in entries("exported")) == sorted(a.pk for a in applications)
    assert {entry.additional_data["format"] for entry in entries()} == {"csv"}


# The address ---------------------------------------------------------------------------------


def request(remote_addr: str = "10.0.0.5", forwarded: str | None = None):
    made = RequestFactory().get("/", REMOTE_ADDR=remote_addr)
    if forwarded is not None:
        made.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return made


def test_without_trusted_proxies_the_address_is_the_connections(settings):
    settings.ATS_TRUSTED_PROXY_COUNT = 0
    # X-Forwarded-For is anyone's to send: ignored.
    assert audit.client_address(request("198.51.100.7", forwarded="1.2.3.4")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        # One proxy of ours appended what it saw; what the client claimed stands left of it.
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        (1, "203.0.113.9", "203.0.113.9"),
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "203.0.113.9:5555", "203.0.113.9"),
        # Fewer entries than proxies, or not an address: unknown rather than a guess.
        (2, "203.0.113.9", None),
        (1, "", None),
        (1, "not-an-address", None),
    ],
)
def test_behind_trusted_proxies_the_address_is_the_outermost_proxys_view(settings, count, forwarded, expected):
    settings.ATS_TRUSTED_PROXY_COUNT = count
    assert audit.client_address(request(forwarded=forwarded)) == expected


@pytest.mark.django_db
def test_an_entry_recorded_while_serving_a_request_carries_its_address(recruiter, application):
    with audit.request_address(request("203.0.113.20")):
        entry = audit.record(audit.Event.VIEWED, application, actor=recruiter)
    after = audit.record(audit.Event.VIEWED, application, actor=recruiter)
    assert entry.remote_addr == "203.0.113.20"
    assert after.remote_addr is None


# Append-only ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_entry_can_be_neither_changed_nor_deleted(recruiter, application):
    entry = audit.record(audit.Event.VIEWED, application, actor=recruiter)
    entry.remote_addr = "192.0.2.1"
    # Each in a savepoint: a refused delete spoils the transaction it ran in.
    with pytest.raises(audit.AuditLogIsAppendOnly), transaction.atomic():
        entry.save()
    with pytest.raises(audit.AuditLogIsAppendOnly), transaction.atomic():
        entry.delete()
    with pytest.raises(audit.AuditLogIsAppendOnly), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).delete()
    entry = LogEntry.objects.get(pk=entry.pk)
    assert entry.remote_addr is None


@pytest.mark.django_db
def test_deleting_an_account_keeps_its_entries(recruiter, application):
    audit.record(audit.Event.VIEWED, application, actor=recruiter)
    email = recruiter.email
    recruiter.delete()
    [entry] = entries()
    assert (entry.actor, entry.actor_email) == (None, email)


# Forgetting an actor -------------------------------------------------------------------------


@pytest.mark.django_db
def test_forget_actor_blanks_their_email_and_keeps_the_entries(recruiter, hiring_manager, application):
    audit.record(audit.Event.VIEWED, application, actor=recruiter)
    audit.record(audit.Event.MOVED, application, actor=recruiter, changes={"stage": ("Applied", "Screening")})
    audit.record(audit.Event.VIEWED, application, actor=hiring_manager)

    assert audit.forget_actor(recruiter) == 2

    assert [(e.actor, e.actor_email) for e in entries()] == [
        (recruiter, ""),
        (recruiter, ""),
        (hiring_manager, hiring_manager.email),
    ]
    recruiter.delete()
    assert recruiter.email not in everything_stored()
    assert len(entries()) == 3
    # Twice is harmless.
    assert audit.forget_actor(hiring_manager) == 1
    assert audit.forget_actor(hiring_manager) == 0
