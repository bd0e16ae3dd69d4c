"""Reads scoped to who asks, one module per area. Each queryset holds only
what the user may see, mirroring the permissions in `ats/rules.py`; views and
the API list through these and never filter by hand.

Callers import the area module's functions; this package re-exports nothing.
"""
