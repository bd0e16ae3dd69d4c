"""The API's authentication: simplejwt's tokens and DRF's sessions, refusing (403) a
team member whose company requires two-factor and who has not set it up yet
(ats.two_factor): a token issued before the company switched it on stops working
until they have."""

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework import authentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication

from ats.models import User
from ats.two_factor import API_SET_UP_MESSAGE, must_set_up_two_factor


def _refuse_without_two_factor(result: tuple | None) -> tuple | None:
    if result is not None and must_set_up_two_factor(result[0]):
        raise PermissionDenied(API_SET_UP_MESSAGE, code="two_factor_required")
    return result


class _UsersWithTheirCompany:
    """What simplejwt looks a token's user up in (`user_model.objects.get`, `DoesNotExist`):
    users with their company in the same query, whose requirement is read on every request."""

    objects = User.objects.select_related("company")
    DoesNotExist = User.DoesNotExist


class TwoFactorJWTAuthentication(JWTAuthentication):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user_model = _UsersWithTheirCompany  # type: ignore[assignment]

    def authenticate(self, request: Request) -> tuple | None:
        return _refuse_without_two_factor(super().authenticate(request))


class TwoFactorSessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request: Request) -> tuple | None:
        return _refuse_without_two_factor(super().authenticate(request))


class TwoFactorJWTScheme(SimpleJWTScheme):
    """The API schema describes our JWT authentication as simplejwt's."""

    target_class = "ats.api.authentication.TwoFactorJWTAuthentication"


class TwoFactorSessionScheme(SessionScheme):
    """The API schema describes our session authentication as DRF's."""

    target_class = "ats.api.authentication.TwoFactorSessionAuthentication"
