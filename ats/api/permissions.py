"""DRF's door to the django-rules permissions of `ats/rules.py`."""

from rest_framework.permissions import BasePermission


class RulesPermission(BasePermission):
    """Ask the rule a view names for its action (`view.rules`, action → perm, with a message).

    Actions on a collection (create, apply) ask the rule without an object
    before the request body is read. Actions on one object ask it with the
    object, after the view's scoped lookup has answered 404 for anything the
    user may not see. An action the view does not name needs only a login.
    """

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        rule = view.rules.get(view.action)
        if rule is None or view.detail:
            return True
        return self._ask(request, rule, None)

    def has_object_permission(self, request, view, obj) -> bool:
        rule = view.rules.get(view.action)
        return rule is None or self._ask(request, rule, obj)

    def _ask(self, request, rule: tuple[str, str], obj) -> bool:
        perm, self.message = rule
        return request.user.has_perm(perm, obj)
