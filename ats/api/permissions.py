"""DRF's door to the django-rules permissions of `ats/rules.py`."""

from rest_framework.permissions import BasePermission


class RulesPermission(BasePermission):
    """Ask the rule a view names for a collection action (`view.rules`: action → perm,
    message) before the request body is read: create, apply.

    Actions on one object are asked by the view's `get_object`, through the same
    scoped lookups as the pages (`ats.views.lookups`): 404 for anything outside
    what the user may see, 403 with the rule's message for what they may see but
    not do. An action the view does not name needs only a login.
    """

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        rule = view.rules.get(view.action)
        if rule is None or view.detail:
            return True
        perm, self.message = rule
        return request.user.has_perm(perm)


class RulesViewMixin:
    """For viewsets (with `permission_classes = [RulesPermission]`): `rules` maps an
    action to (permission, refusal message)."""

    rules: dict[str, tuple[str, str]] = {}

    def rule_for_action(self, default_perm: str) -> dict[str, str]:
        """The lookup's keyword arguments for the current action: its permission and refusal message."""
        perm, denied = self.rules.get(self.action, (default_perm, ""))  # type: ignore[attr-defined]
        return {"perm": perm, "denied": denied}
