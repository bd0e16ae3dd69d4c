"""How a request's user is found: allauth's authentication (username or email, its
rate limits), with the user's company read in the same query. Nearly every page of the
workspace shows or checks it (the navigation, the two-factor requirement, every scope),
which cost a query of its own on each request."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from ats.models import User


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        user = User._default_manager.select_related("company").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
