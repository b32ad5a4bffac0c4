"""Thai names for what Wagtail's migrations create in English: the root page (the explorer's
breadcrumbs), the root collection (every collection menu) and the default "Moderators
approval" workflow and task (the workflow reports' filters; learning_centres.roles uses its
own). Renamed after migrate, only while they still carry Wagtail's default name."""

from django.db import transaction

ROOT_PAGE_TITLE = "ทุกเว็บไซต์"
ROOT_COLLECTION_NAME = "ทั่วไป"
WAGTAIL_DEFAULT_NAME = "Root"
DEFAULT_MODERATION_NAME = "อนุมัติโดยผู้ตรวจ (ค่าเริ่มต้น)"
WAGTAIL_DEFAULT_MODERATION = "Moderators approval"


@transaction.atomic
def name_roots_in_thai(using: str = "default", **kwargs) -> None:
    from wagtail.models import Collection, Page, Task, Workflow

    Page.objects.using(using).filter(depth=1, title=WAGTAIL_DEFAULT_NAME).update(title=ROOT_PAGE_TITLE, draft_title=ROOT_PAGE_TITLE)
    Collection.objects.using(using).filter(depth=1, name=WAGTAIL_DEFAULT_NAME).update(name=ROOT_COLLECTION_NAME)
    Workflow.objects.using(using).filter(name=WAGTAIL_DEFAULT_MODERATION).update(name=DEFAULT_MODERATION_NAME)
    Task.objects.using(using).filter(name=WAGTAIL_DEFAULT_MODERATION).update(name=DEFAULT_MODERATION_NAME)
