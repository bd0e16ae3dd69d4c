import pytest
from django.contrib import admin
from django.urls import reverse

from ats.forms.base import TextRules
from ats.models import ApplicationHistory


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["company", "user", "job", "application", "applicationhistory"])
def test_it_shows_every_changelist_and_change_page(admin_client, application, model):
    objects = {
        "company": application.job.company,
        "user": application.candidate,
        "job": application.job,
        "application": application,
        "applicationhistory": application.history.get(),
    }
    assert admin_client.get(reverse(f"admin:ats_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:ats_{model}_change", args=[objects[model].pk])).status_code == 200


@pytest.mark.django_db
def test_it_searches_and_filters_applications(admin_client, application):
    response = admin_client.get(reverse("admin:ats_application_changelist"), {"q": "casey", "stage__exact": "Applied"})
    assert response.status_code == 200
    assert "casey" in response.content.decode()


@pytest.mark.django_db
def test_history_can_be_neither_added_changed_nor_deleted(admin_client, application):
    row = application.history.get()
    assert admin_client.get(reverse("admin:ats_applicationhistory_add")).status_code == 403
    assert admin_client.get(reverse("admin:ats_applicationhistory_delete", args=[row.pk])).status_code == 403
    response = admin_client.post(
        reverse("admin:ats_applicationhistory_change", args=[row.pk]), {"note": "rewritten", "to_stage": "Hired"}
    )
    assert response.status_code == 403
    assert ApplicationHistory.objects.get(pk=row.pk).note == ""


@pytest.mark.django_db
def test_the_stage_cannot_be_changed_in_the_admin(admin_client, application):
    url = reverse("admin:ats_application_change", args=[application.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="stage"' not in page

    admin_client.post(
        url, {"stage": "Hired", "cover_letter": "changed", "history-TOTAL_FORMS": "0", "history-INITIAL_FORMS": "1"}
    )
    application.refresh_from_db()
    assert application.stage == "Applied"
    assert application.history.count() == 1


@pytest.mark.django_db
def test_the_user_admin_lists_names_and_time_zones_and_edits_phone_and_link(admin_client, candidate):
    changelist = admin_client.get("/admin/ats/user/").content.decode()
    assert "column-time_zone" in changelist and "column-first_name" in changelist
    change = admin_client.get(f"/admin/ats/user/{candidate.pk}/change/").content.decode()
    for field in ("time_zone", "phone", "link"):
        assert f'name="{field}"' in change
    add = admin_client.get("/admin/ats/user/add/").content.decode()
    for field in ("first_name", "last_name", "time_zone"):
        assert f'name="{field}"' in add


@pytest.mark.django_db
def test_a_company_added_in_the_admin_gets_the_default_rejection_reasons(admin_client):
    from ats import workflow
    from ats.models import Company

    response = admin_client.post(reverse("admin:ats_company_add"), {"name": "Initech", "retention_days": "365"})

    assert response.status_code == 302
    codes = list(Company.objects.get(name="Initech").rejection_reasons.values_list("code", flat=True))
    assert sorted(codes) == sorted(code for code, _ in workflow.DEFAULT_REJECTION_REASONS)


@pytest.mark.django_db
def test_every_admin_form_keeps_the_sites_text_rules(rf, superuser):
    request = rf.get("/admin/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "ats":
            continue
        assert issubclass(model_admin.get_form(request), TextRules), model
        for inline in model_admin.get_inline_instances(request):
            assert issubclass(inline.get_formset(request).form, TextRules), (model, inline)


@pytest.mark.django_db
def test_a_company_name_with_a_line_break_is_refused_in_the_admin(admin_client, acme):
    response = admin_client.post(reverse("admin:ats_company_change", args=[acme.pk]), {"name": "Acme\r\nInc"})

    assert response.status_code == 200
    assert "Remove the line breaks, tabs and other control characters" in response.content.decode()
    acme.refresh_from_db()
    assert acme.name == "Acme"
