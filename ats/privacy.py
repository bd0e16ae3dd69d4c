"""The privacy notice: one version string, shown on /privacy/ and kept with each
application whose candidate accepted it (and asked of API clients by name)."""

import datetime

# Change both when the notice's text (templates/ats/privacy.html) changes: applications
# keep the version their candidate accepted.
PRIVACY_NOTICE_VERSION = "2026-11-29"
PRIVACY_NOTICE_DATE = datetime.date(2026, 11, 29)

# How long a finished data export can be downloaded before it is deleted.
DATA_EXPORT_LIFETIME = datetime.timedelta(hours=24)
