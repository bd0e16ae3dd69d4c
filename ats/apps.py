from django.apps import AppConfig


class AtsConfig(AppConfig):
    name = "ats"
    verbose_name = "Applicant tracking"

    def ready(self) -> None:
        from allauth.account.signals import password_reset

        from ats.adapters import lift_login_lockout
        from ats.audit import connect_guards

        password_reset.connect(lift_login_lockout, dispatch_uid="ats.lift_login_lockout")
        connect_guards()
