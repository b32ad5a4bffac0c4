from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import FocusArea


class UndeletablePermissionPolicy(ModelPermissionPolicy):
    """Nobody, superusers included, may delete these rows from the admin."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def register() -> None:
    register_permission_policy(FocusArea, UndeletablePermissionPolicy(FocusArea), exact_class=True)
