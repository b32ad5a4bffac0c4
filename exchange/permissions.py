"""Who may see and answer what in the admin: editors (and superusers) every centre's
requests, feedback and visiting rules; a centre's contributors only their own centre's.
See https://docs.wagtail.org/en/stable/extending/custom_permissions.html"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from wagtail.permission_policies.base import BasePermissionPolicy

from learning_centres.models import CentreAccess
from learning_centres.roles import EDITORS


def is_editor(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.groups.filter(name=EDITORS).exists()))


def own_centre_ids(user) -> QuerySet:
    return CentreAccess.objects.filter(group__user=user).values("centre_id")


class CentreScopedPermissionPolicy(BasePermissionPolicy):
    def __init__(self, model, centre_lookup: str, editor_actions: tuple[str, ...], contributor_actions: tuple[str, ...]):
        super().__init__(model)
        self.centre_lookup = centre_lookup
        self.editor_actions = editor_actions
        self.contributor_actions = contributor_actions

    def user_has_permission(self, user, action) -> bool:
        if not user.is_active:
            return False
        if is_editor(user):
            return action in self.editor_actions
        return action in self.contributor_actions and own_centre_ids(user).exists()

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action) -> QuerySet:
        instances = self.model._default_manager.all()
        if not self.user_has_permission(user, action):
            return instances.none()
        if is_editor(user):
            return instances
        return instances.filter(**{f"{self.centre_lookup}__in": own_centre_ids(user)})

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        for action in actions:
            if self.user_has_permission(user, action):
                return self.instances_user_has_permission_for(user, action)
        return self.model._default_manager.none()

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def users_with_any_permission(self, actions) -> QuerySet:
        users = get_user_model().objects.filter(is_active=True)
        editors = Q(is_superuser=True) | Q(groups__name=EDITORS)
        if any(action in self.contributor_actions for action in actions):
            return users.filter(editors | Q(groups__centre_access__isnull=False)).distinct()
        if any(action in self.editor_actions for action in actions):
            return users.filter(editors).distinct()
        return users.none()

    def users_with_permission(self, action) -> QuerySet:
        return self.users_with_any_permission([action])
