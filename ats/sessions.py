"""The session engine: Django's database sessions, refusing a malformed session cookie
before it reaches the database.

Django makes session keys of 32 lowercase letters and digits. A cookie holding
anything else (a NUL byte, say, which PostgreSQL refuses in a query) is no session
at all: the visitor is simply anonymous, never an error page.
"""

import string

from django.contrib.sessions.backends import db

SESSION_KEY_CHARACTERS = frozenset(string.ascii_lowercase + string.digits)


class SessionStore(db.SessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        # Django's own test (at least 8 characters), and only the characters it uses.
        return bool(key) and len(key or "") >= 8 and set(key or "") <= SESSION_KEY_CHARACTERS
