"""Expired sessions and cache rows are deleted by the worker, and the cache keeps its
live rate-limit counts however many people log in (ats/housekeeping.py)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

import config.settings
from ats import tasks


@pytest.fixture
def database_cache(settings):
    # The suite's tests use private in-memory caches (conftest.fresh_cache); these use the project's.
    settings.CACHES = config.settings.CACHES
    cache.clear()
    yield cache
    cache.clear()


def cache_keys() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM ats_cache")
        return {key for (key,) in cursor.fetchall()}


@pytest.mark.django_db
def test_the_cache_keeps_every_live_count_past_djangos_300_entries(database_cache):
    # As many rate-limit counts as a few hundred people logging in at once.
    for number in range(400):
        database_cache.set(f"login-count-{number}", number, timeout=300)

    assert database_cache.get_many([f"login-count-{number}" for number in range(400)]) == {
        f"login-count-{number}": number for number in range(400)
    }


@pytest.mark.django_db
def test_the_worker_deletes_expired_sessions_and_cache_rows_and_keeps_live_ones(database_cache):
    now = timezone.now()
    Session.objects.create(session_key="expired0session0key", session_data="", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="live0session0key000", session_data="", expire_date=now + timedelta(days=1))
    database_cache.set("expired", 1, timeout=0)  # stored as expired a second ago
    database_cache.set("live", 2, timeout=300)
    assert {":1:expired", ":1:live"} <= cache_keys()

    deleted = tasks.delete_expired_sessions_and_cache.call_local()

    assert deleted == (1, 1)
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live0session0key000"]
    assert cache_keys() == {":1:live"}
    assert database_cache.get("live") == 2
