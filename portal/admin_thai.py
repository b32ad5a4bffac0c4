"""Thai names for the two roots Wagtail's migrations create in English ("Root"): editors see
the root page in the explorer's breadcrumbs and the root collection in every collection menu.
Renamed once after migrate, only while they still carry Wagtail's default name."""

from django.db import transaction

ROOT_PAGE_TITLE = "ทุกเว็บไซต์"
ROOT_COLLECTION_NAME = "ทั่วไป"
WAGTAIL_DEFAULT_NAME = "Root"


@transaction.atomic
def name_roots_in_thai(using: str = "default", **kwargs) -> None:
    from wagtail.models import Collection, Page

    Page.objects.using(using).filter(depth=1, title=WAGTAIL_DEFAULT_NAME).update(title=ROOT_PAGE_TITLE, draft_title=ROOT_PAGE_TITLE)
    Collection.objects.using(using).filter(depth=1, name=WAGTAIL_DEFAULT_NAME).update(name=ROOT_COLLECTION_NAME)
