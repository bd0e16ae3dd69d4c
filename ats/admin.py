from allauth.account.decorators import secure_admin_login
from auditlog.models import LogEntry
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ats import audit, tasks
from ats.forms.base import TextRules
from ats.models import (
    Application,
    ApplicationHistory,
    ApplicationNote,
    Company,
    Interview,
    InterviewSlot,
    Invitation,
    Job,
    OutboxEmail,
    RejectionReason,
    Scorecard,
    ScorecardRating,
    Tag,
    User,
)
from ats.selectors.audit import actor_wording
from ats.services.accounts import api_tokens_end
from ats.services.reasons import rejection_reasons_ensure_defaults

# The admin login gets allauth's rate limits too.
# allauth documents this assignment as the way to rate-limit the admin login.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "ATS operations"
admin.site.site_title = "ATS admin"


def with_text_rules(form_class: type) -> type:
    """`form_class` with the rules of ats.text on its text fields, like every form of the site's."""
    return form_class if issubclass(form_class, TextRules) else type(form_class.__name__, (TextRules, form_class), {})


class ModelAdmin(admin.ModelAdmin):
    """The admin's pages for one model. An operator's form keeps the site's text rules (no control
    characters, one line where one is meant): what the admin saves, every page shows."""

    # A link typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_form(self, request, obj=None, change=False, **kwargs):
        return with_text_rules(super().get_form(request, obj, change=change, **kwargs))

    def get_changelist_form(self, request, **kwargs):
        return with_text_rules(super().get_changelist_form(request, **kwargs))


class TabularInline(admin.TabularInline):
    """An inline of related rows, with the same text rules as ModelAdmin."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = with_text_rules(formset.form)
        return formset


class ReadOnlyAdminMixin:
    """Rows an operator may look at but never add, change or delete (append-only records)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Company)
class CompanyAdmin(ModelAdmin):
    list_display = ["name", "require_two_factor", "retention_days", "created_at"]
    list_filter = ["require_two_factor"]
    search_fields = ["name"]

    def save_model(self, request, obj: Company, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # A company made here can reject from its first day, like one made at sign-up.
        rejection_reasons_ensure_defaults(company=obj)


@admin.register(User)
class UserAdmin(ModelAdmin, DjangoUserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "email",
        "role",
        "company",
        "time_zone",
        "is_staff",
        "is_active",
    ]
    list_filter = ["role", "company", "is_staff", "is_superuser", "is_active"]
    search_fields = ["username", "email", "first_name", "last_name", "company__name"]
    list_select_related = ["company"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Profile"), {"fields": ("time_zone", "phone", "link")}),
        (_("Hiring"), {"fields": ("role", "company")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Person"), {"fields": ("first_name", "last_name", "email", "time_zone")}),
        (_("Hiring"), {"fields": ("role", "company")}),
    )

    def save_model(self, request, obj: User, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # A deactivated account's API refresh tokens end for good, not only while it is inactive.
            api_tokens_end(user=obj)
        if change:
            # In the admin's transaction, as the change it records.
            _audit_account_change(actor=request.user, user=obj, form=form)


def _audit_account_change(*, actor: User, user: User, form) -> None:
    """The audit entries of a role change and a (de)activation made in the admin."""
    if "role" in form.changed_data:
        before = form.initial.get("role")
        audit.record(audit.Event.ROLE_CHANGED, user, actor=actor, changes={"role": (before, user.role)})
    if "is_active" in form.changed_data:
        event = audit.Event.REACTIVATED if user.is_active else audit.Event.DEACTIVATED
        audit.record(event, user, actor=actor)


@admin.register(Job)
class JobAdmin(ModelAdmin):
    list_display = ["title", "company", "status", "employment_type", "location", "created_at"]
    list_filter = ["status", "employment_type", "company"]
    search_fields = ["title", "description", "location", "company__name"]
    list_select_related = ["company"]
    date_hierarchy = "created_at"
    # Assignment notifies the hiring manager and checks their company: it goes
    # through the service (the recruiter workspace), not a bare admin widget.
    readonly_fields = ["assigned_hiring_managers", "created_at", "updated_at"]
    exclude = ["hiring_managers"]

    @admin.display(description="hiring managers")
    def assigned_hiring_managers(self, job: Job) -> str:
        return ", ".join(str(manager) for manager in job.hiring_managers.all()) or "—"


class ApplicationHistoryInline(ReadOnlyAdminMixin, TabularInline):
    model = ApplicationHistory
    fields = readonly_fields = ("changed_at", "from_stage", "to_stage", "changed_by", "note")
    extra = 0
    ordering = ["changed_at", "id"]


@admin.register(Application)
class ApplicationAdmin(ModelAdmin):
    list_display = ["candidate", "job", "stage", "stage_changed_at", "created_at"]
    list_filter = ["stage", "resume_text_status", "job__company", "job__status"]
    search_fields = [
        "candidate__username",
        "candidate__email",
        "candidate__first_name",
        "candidate__last_name",
        "job__title",
    ]
    list_select_related = ["candidate", "job", "job__company"]
    date_hierarchy = "created_at"
    # The stage only moves through the stage service, which checks the workflow and
    # writes history; the admin shows it and never edits it. What the candidate sent
    # is theirs: shown, never rewritten. The resume is served by the permission-checked
    # download view, never by a storage URL.
    fields = readonly_fields = (
        "candidate",
        "job",
        "stage",
        "stage_changed_at",
        "resume_download",
        "resume_text_status",
        "cover_letter",
        "privacy_notice_version",
        "privacy_consented_at",
        "created_at",
        "updated_at",
    )
    inlines = [ApplicationHistoryInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            application = self.get_object(request, object_id)
            if application is not None and self.has_view_permission(request, application):
                # An operator's read is recorded as a recruiter's is.
                audit.record_view(application, actor=request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="resume")
    def resume_download(self, application: Application) -> str:
        if not application.resume:
            return "—"
        return format_html('<a href="{}">Download the resume</a>', reverse("resume_download", args=[application.pk]))

    def save_model(self, request, obj: Application, form, change: bool) -> None:
        # `obj` was read when the request began: saving it whole wrote back the stage
        # read then over a move made since, and the history's next move then failed.
        # Only the fields the form edits (none today) are written.
        editable = {field.name for field in Application._meta.concrete_fields} - set(self.readonly_fields)
        changed = [name for name in form.changed_data if name in editable]
        if changed:
            obj.save(update_fields=[*changed, "updated_at"])

    def has_add_permission(self, request) -> bool:
        # Applications are created by candidates through the service (once per job).
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # An application is the subject of its append-only history (which protects it
        # in the database too); candidates withdraw, privacy erases, nobody deletes.
        return False


@admin.register(ApplicationHistory)
class ApplicationHistoryAdmin(ReadOnlyAdminMixin, ModelAdmin):
    list_display = ["application", "from_stage", "to_stage", "changed_by", "changed_at"]
    list_filter = ["to_stage", "from_stage"]
    search_fields = ["application__candidate__username", "application__job__title", "note"]
    list_select_related = ["application__candidate", "application__job", "application__job__company", "changed_by"]
    date_hierarchy = "changed_at"


@admin.register(OutboxEmail)
class OutboxEmailAdmin(ModelAdmin):
    list_display = ["subject", "to", "status", "attempts", "short_error", "created_at", "sent_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["to", "subject", "dedupe_key", "last_error"]
    date_hierarchy = "created_at"
    actions = ["retry_failed"]
    # A message is what was rendered when its change happened; the admin shows
    # it and can only send it again (the action), never rewrite it: every field is read-only.
    fields = readonly_fields = (
        "to",
        "subject",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "dedupe_key",
        "created_at",
        "updated_at",
        "text_body",
        "html_body",
    )

    @admin.display(description="last error")
    def short_error(self, email: OutboxEmail) -> str:
        return (email.last_error[:80] + "…") if len(email.last_error) > 80 else email.last_error or "—"

    @admin.action(description="Retry the selected failed emails", permissions=["change"])
    def retry_failed(self, request, queryset) -> None:
        retried = tasks.emails_retry_failed(email_ids=list(queryset.values_list("pk", flat=True)))
        skipped = queryset.count() - retried
        if retried:
            self.message_user(request, f"{retried} failed email(s) queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(request, f"{skipped} email(s) were not failed and were left alone.", messages.WARNING)

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(ModelAdmin):
    list_display = ["email", "company", "role", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role", "company"]
    search_fields = ["email", "company__name"]
    list_select_related = ["company", "invited_by"]
    # The token exists only in the email; the stored hash is of no use to an operator.
    exclude = ["token_hash"]
    readonly_fields = ["company", "email", "role", "invited_by", "created_at", "accepted_at", "accepted_by"]

    def has_add_permission(self, request) -> bool:
        # Invitations are sent by recruiters, through the service that emails the link.
        return False


@admin.register(ApplicationNote)
class ApplicationNoteAdmin(ModelAdmin):
    list_display = ["application", "author", "created_at"]
    search_fields = ["body", "author__username", "application__candidate__username"]
    list_select_related = ["application__candidate", "application__job", "author"]
    raw_id_fields = ["application", "author"]


class InterviewSlotInline(TabularInline):
    model = InterviewSlot
    extra = 0


@admin.register(Interview)
class InterviewAdmin(ModelAdmin):
    """Operators look; the team schedules in the workspace, where overlaps are refused
    and invitations go out."""

    list_display = ["title", "application", "status", "starts_at", "duration", "sequence"]
    list_filter = ["status"]
    search_fields = ["title", "application__candidate__username", "application__candidate__last_name"]
    list_select_related = ["application__candidate", "application__job"]
    raw_id_fields = ["application", "organizer"]
    filter_horizontal = ["interviewers"]
    readonly_fields = ["uid", "sequence", "reminded_sequence", "created_at", "updated_at"]
    inlines = [InterviewSlotInline]


class ScorecardRatingInline(TabularInline):
    model = ScorecardRating
    extra = 0


@admin.register(Scorecard)
class ScorecardAdmin(ModelAdmin):
    list_display = ["application", "author", "interview", "recommendation", "submitted_at"]
    list_filter = ["recommendation"]
    search_fields = ["notes", "author__username", "application__candidate__username"]
    list_select_related = ["application__candidate", "application__job", "author", "interview"]
    raw_id_fields = ["application", "interview", "author"]
    inlines = [ScorecardRatingInline]


@admin.register(RejectionReason)
class RejectionReasonAdmin(ModelAdmin):
    """Operators look at companies' lists; recruiters manage them in the workspace."""

    list_display = ["label", "code", "company", "position", "active"]
    list_filter = ["active", "company"]
    search_fields = ["label", "code", "company__name"]
    list_select_related = ["company"]
    ordering = ["company__name", "position", "id"]
    # A code is stable once history uses it; deleting goes through the workspace (deactivate when in use).
    readonly_fields = ["company", "code"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Tag)
class TagAdmin(ModelAdmin):
    """Operators look at companies' tags; recruiters manage them in the workspace."""

    list_display = ["name", "company", "applications_count", "created_at"]
    list_filter = ["company"]
    search_fields = ["name", "company__name"]
    list_select_related = ["company"]
    readonly_fields = ["company", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(applications_total=Count("applications"))

    @admin.display(description="applications", ordering="applications_total")
    def applications_count(self, tag: Tag) -> int:
        return tag.applications_total  # type: ignore[attr-defined]

    def has_add_permission(self, request) -> bool:
        # A tag's name is checked by the workspace's service (case, length, whitespace).
        return False


# The audit log ----------------------------------------------------------------------------

# auditlog's own admin offers deletion to superusers and links to its own views: ours shows
# entries only (ats/audit.py writes them; nobody adds, changes or deletes one here).
if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)


class AuditEventFilter(admin.SimpleListFilter):
    title = "event"
    parameter_name = "event"

    def lookups(self, request, model_admin):
        return audit.Event.choices

    def queryset(self, request, queryset):
        if self.value() in audit.Event.values:
            return queryset.filter(additional_data__event=self.value())
        return queryset


@admin.register(LogEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["timestamp", "event", "subject", "who", "remote_addr"]
    list_filter = [
        AuditEventFilter,
        "action",
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("content_type", admin.RelatedOnlyFieldListFilter),
    ]
    # Exact matches only. Not the IP address: PostgreSQL's inet column refuses text that
    # is not one, and a search box takes anything.
    search_fields = ["=object_pk", "=actor_email"]
    search_help_text = "An object's id (an application's number) or an actor's email, exactly."
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "timestamp"
    ordering = ["-timestamp", "-pk"]
    fields = readonly_fields = (
        "timestamp",
        "event",
        "action",
        "content_type",
        "subject",
        "changes_made",
        "additional_data",
        "actor",
        "actor_email",
        "remote_addr",
    )

    @admin.display(description="object", ordering="object_id")
    def subject(self, entry: LogEntry) -> str:
        """ "Application 8", linked to its admin page while it exists."""
        model = entry.content_type.model_class()
        if model is None or not admin.site.is_registered(model):
            return entry.object_repr
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[entry.object_pk])
        return format_html('<a href="{}">{}</a>', url, entry.object_repr)

    @admin.display(description="actor", ordering="actor")
    def who(self, entry: LogEntry) -> str:
        return actor_wording(entry)

    @admin.display(description="changes")
    def changes_made(self, entry: LogEntry) -> str:
        changes = entry.changes or {}
        return "; ".join(f"{field}: {before} → {after}" for field, (before, after) in changes.items()) or "—"

    @admin.display(description="event")
    def event(self, entry: LogEntry) -> str:
        value = (entry.additional_data or {}).get("event", "")
        return audit.Event(value).label if value in audit.Event.values else "—"

    def get_actions(self, request):
        # No bulk delete, not even for a superuser.
        return {}
