"""Fixtures shared by the workspace modules (the personas come from ats/tests/conftest.py)."""

import re

import pytest

from ats.models import OutboxEmail
from ats.services.team import invitation_create


@pytest.fixture
def invited(acme, recruiter):
    """An invitation to join Acme as hiring manager, and the token from its email (stored in the outbox)."""
    invitation, _ = invitation_create(
        company=acme, invited_by=recruiter, email="Newbie@Example.com", role="hiring_manager"
    )
    token = re.search(r"/invitations/([\w-]+)/", OutboxEmail.objects.get(to="newbie@example.com").text_body).group(1)
    return invitation, token
