"""The audit log in the admin: operators list and filter all of it and read an entry;
nobody, a superuser included, adds, changes or deletes one."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ats import audit
from ats.services.applications import application_change_stage

LIST = "admin:auditlog_logentry_changelist"


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def logged(recruiter, hiring_manager, application):
    audit.record(audit.Event.VIEWED, application, actor=recruiter)
    application_change_stage(application=application, to_stage="Screening", actor=hiring_manager)
    audit.record(audit.Event.ROLE_CHANGED, hiring_manager, actor=recruiter, changes={"role": ("a", "b")})
    return list(LogEntry.objects.order_by("pk"))


def listed(response) -> list[int]:
    return sorted(entry.pk for entry in response.context["cl"].result_list)


@pytest.mark.django_db
def test_operators_list_everything(admin_client, logged):
    response = admin_client.get(reverse(LIST))
    assert response.status_code == 200
    assert listed(response) == [entry.pk for entry in logged]
    html = response.content.decode()
    assert "Viewed the application" in html and "Moved" in html and "Changed the role" in html


@pytest.mark.django_db
def test_the_list_filters_by_event_action_actor_type_date_and_object_id(
    admin_client, logged, hiring_manager, application
):
    viewed, moved, role = logged
    url = reverse(LIST)
    assert listed(admin_client.get(url, {"event": "moved"})) == [moved.pk]
    assert listed(admin_client.get(url, {"action__exact": LogEntry.Action.ACCESS})) == [viewed.pk]
    assert listed(admin_client.get(url, {"actor__id__exact": hiring_manager.pk})) == [moved.pk]
    user_type = ContentType.objects.get_for_model(type(hiring_manager))
    assert listed(admin_client.get(url, {"content_type__id__exact": user_type.pk})) == [role.pk]
    day = viewed.timestamp
    dated = admin_client.get(url, {"timestamp__year": day.year, "timestamp__month": day.month})
    assert len(listed(dated)) == 3
    searched = admin_client.get(url, {"q": str(application.pk), "content_type__id__exact": moved.content_type_id})
    assert listed(searched) == [viewed.pk, moved.pk]
    # Text that is no id or address finds nothing, without an error.
    assert listed(admin_client.get(url, {"q": "x' OR 1=1"})) == []


@pytest.mark.django_db
def test_an_entry_reads_but_offers_no_change_or_delete(admin_client, logged):
    entry = logged[1]
    response = admin_client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Applied" in html and "Screening" in html
    assert 'name="_save"' not in html
    assert "deletelink" not in html
    assert "delete_selected" not in admin_client.get(reverse(LIST)).content.decode()


@pytest.mark.django_db
def test_nobody_adds_changes_or_deletes_an_entry(admin_client, logged):
    entry = logged[0]
    change = reverse("admin:auditlog_logentry_change", args=[entry.pk])
    assert admin_client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
    assert admin_client.post(reverse("admin:auditlog_logentry_add"), {"object_repr": "x"}).status_code == 403
    assert admin_client.post(change, {"object_repr": "rewritten", "remote_addr": "192.0.2.1"}).status_code == 403
    delete = reverse("admin:auditlog_logentry_delete", args=[entry.pk])
    assert admin_client.get(delete).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    bulk = admin_client.post(
        reverse(LIST), {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert bulk.status_code in (200, 302)
    assert LogEntry.objects.count() == len(logged)
    entry.refresh_from_db()
    assert entry.object_repr.startswith("Application ")


@pytest.mark.django_db
def test_the_team_has_no_way_into_the_log(client, recruiter, logged):
    client.force_login(recruiter)
    response = client.get(reverse(LIST))
    assert response.status_code in (302, 403)
    assert "Viewed the application" not in response.content.decode()
