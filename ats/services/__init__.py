"""Every write and workflow of the product, one module per area.

Services are keyword-only and typed. Each runs in one transaction, validates
against the workflow table, writes history and queues its emails in that same
transaction, and refuses with one of the project's own exceptions
(`ats.exceptions`), leaving the database exactly as it was.

Permissions are not checked here: callers (views, the API) ask the rules
first. Services enforce what is true whoever asks: only candidates apply, only
open jobs take applications, only the workflow's moves happen.

Callers import the area module's functions (`from ats.services.applications
import application_change_stage`); this package re-exports nothing.
"""
