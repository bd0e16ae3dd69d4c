"""What the database keeps that expires: sessions and the cache's rows.

Django deletes neither by itself. Expired sessions stay until `clearsessions`
runs; the database cache deletes expired rows only while culling, which it
does only once the table holds more than MAX_ENTRIES rows, and then it also
drops a third of the live ones, rate-limit counts included. So settings give
the cache room (CACHES' MAX_ENTRIES), and the worker runs this every ten
minutes (ats.tasks.delete_expired_sessions_and_cache).
"""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils import timezone


def sessions_delete_expired() -> int:
    """Delete the sessions past their expiry date; returns how many."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


def cache_delete_expired() -> int:
    """Delete the expired rows of every database cache; returns how many (0 for other caches)."""
    deleted = 0
    for alias, options in settings.CACHES.items():
        cache = caches[alias]
        if not isinstance(cache, DatabaseCache):
            continue
        connection = connections[router.db_for_write(cache.cache_model_class)]
        # A database cache's LOCATION is its table.
        table, expires = connection.ops.quote_name(str(options["LOCATION"])), connection.ops.quote_name("expires")
        with connection.cursor() as cursor:
            # The statement DatabaseCache._cull runs first, without the cull that follows it.
            cursor.execute(
                f"DELETE FROM {table} WHERE {expires} < %s",  # noqa: S608 (the table is the settings', not input)
                [connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))],
            )
            deleted += cursor.rowcount
    return deleted
