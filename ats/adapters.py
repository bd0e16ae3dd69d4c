from allauth.account.adapter import DefaultAccountAdapter

from ats.models import User


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user: User, form, commit: bool = True) -> User:
        # Sign-up is public: it never grants a company role, whatever fields a
        # crafted request adds. Recruiters join through their own flows.
        user.role = User.Role.CANDIDATE
        user.company = None
        user.is_staff = False
        user.is_superuser = False
        return super().save_user(request, user, form, commit=commit)
