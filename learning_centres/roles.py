"""Editorial roles and the review workflow, set up idempotently after every migrate.

- Editors (DLA/ThaiHealth) publish anywhere and review submissions.
- Contributors reach the admin; each centre has its own group that grants add/change (never
  publish) on that centre's subtree and on the centre's image/document collection, so a
  contributor writes only their own centre's case studies and submits them for review.
  See https://docs.wagtail.org/en/stable/topics/permissions.html
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import CentreAccess

EDITORS = "Editors"
CONTRIBUTORS = "Contributors"
CENTRE_GROUP_PREFIX = "ผู้เขียน: "
REVIEW_WORKFLOW = "ตรวจทานก่อนเผยแพร่"
REVIEW_TASK = "บรรณาธิการตรวจทาน"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtaildocs", "choose_document"),
]
CONTRIBUTOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
EDITOR_MODEL_PERMISSIONS = [
    ("learning_centres", "add_localadministrativeorganisation"),
    ("learning_centres", "change_localadministrativeorganisation"),
    ("learning_centres", "delete_localadministrativeorganisation"),
    ("learning_centres", "change_focusarea"),
    ("learning_centres", "add_targetgroup"),
    ("learning_centres", "change_targetgroup"),
    ("learning_centres", "add_fundingsource"),
    ("learning_centres", "change_fundingsource"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
    ("portal_search", "add_searchsynonym"),
    ("portal_search", "change_searchsynonym"),
    ("portal_search", "delete_searchsynonym"),
]


def _permission(app_label: str, codename: str) -> Permission | None:
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _grant_model_permissions(group: Group, permissions: list[tuple[str, str]]) -> None:
    found = [p for p in (_permission(app, code) for app, code in permissions) if p]
    group.permissions.add(*found)


def _grant_collection(group: Group, collection: Collection, permissions: list[tuple[str, str]]) -> None:
    for app_label, codename in permissions:
        permission = _permission(app_label, codename)
        if permission:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


def _grant_pages(group: Group, page: Page, codenames: list[str]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=_page_permission(codename))


@transaction.atomic
def ensure_roles(using: str = "default", **kwargs) -> None:
    # post_migrate reaches this app before Django has created the permission rows of apps
    # listed after it (search promotions, our search app): create them all first.
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    access_admin = _permission("wagtailadmin", "access_admin")
    if root_page is None or root_collection is None or access_admin is None:
        return  # Wagtail's own data is not there yet (partial migrate)

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(access_admin)
    _grant_model_permissions(editors, EDITOR_MODEL_PERMISSIONS)
    _grant_pages(editors, root_page, EDITOR_PAGE_PERMISSIONS)
    _grant_collection(editors, root_collection, EDITOR_COLLECTION_PERMISSIONS)

    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS)
    contributors.permissions.add(access_admin)

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # Replace Wagtail's default "Moderators approval" on the root with ours.
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def original_centre(centre):
    """The Thai original of a centre page (its English alias or translation shares its group)."""
    from django.conf import settings

    if centre.locale.language_code == settings.LANGUAGE_CODE:
        return centre
    source = type(centre).objects.filter(translation_key=centre.translation_key, locale__language_code=settings.LANGUAGE_CODE).first()
    return source or centre


@transaction.atomic
def ensure_centre_access(centre) -> Group:
    """Give a centre its contributor group and image/document collection (idempotent).

    The group's page rights cover the centre in every language tree, so a contributor can
    also translate their own centre's pages (and nobody else's)."""
    access = CentreAccess.objects.filter(centre=centre).select_related("group", "collection").first()
    if access is None:
        name = f"{CENTRE_GROUP_PREFIX}{centre.title}"[:140]
        if Group.objects.filter(name=name).exists():
            name = f"{name[:120]} ({centre.pk})"
        group = Group.objects.create(name=name)
        collection = Collection.get_first_root_node().add_child(name=centre.title[:255])
        access = CentreAccess.objects.create(centre=centre, group=group, collection=collection)
    access_admin = _permission("wagtailadmin", "access_admin")
    if access_admin:
        access.group.permissions.add(access_admin)
    for page in Page.objects.filter(translation_key=centre.translation_key):
        _grant_pages(access.group, page, CONTRIBUTOR_PAGE_PERMISSIONS)
    _grant_collection(access.group, access.collection, CONTRIBUTOR_COLLECTION_PERMISSIONS)
    return access.group


def add_contributor(user, centre) -> None:
    """Let `user` write case studies for `centre` (and only there)."""
    group = ensure_centre_access(centre)
    user.groups.add(group, Group.objects.get(name=CONTRIBUTORS))
