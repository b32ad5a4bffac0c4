from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("การค้นหา")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: models and the page models must be loaded first.
        from wagtail.models import Page

        from . import signals  # noqa: F401  (connects the index-update signals)
        from .backends.database.sync import fill_after_migrate

        # Pages are indexed by the portal's outbox and searched through it, never written into
        # Wagtail's own index (search.wagtail_backend); without this, Wagtail's handlers would
        # queue a task per page save that loads the page to write nothing. Read by
        # modelsearch's ready(), which runs after this one (INSTALLED_APPS order).
        Page.search_auto_update = False

        post_migrate.connect(fill_after_migrate, dispatch_uid="portal_search.fill_after_migrate")
