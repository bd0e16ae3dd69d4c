"""The candidates list's "last activity": one write, called by every service that does something to an application."""

from datetime import datetime

from django.utils import timezone

from ats.models import Application


def activity_record(*, application_id: int, at: datetime | None = None) -> None:
    """Mark `application_id` as last touched `at` (now by default); an earlier time never replaces a later one."""
    at = at or timezone.now()
    Application.objects.filter(pk=application_id, last_activity_at__lt=at).update(last_activity_at=at)
