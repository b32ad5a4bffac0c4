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
        from . import signals  # noqa: F401  (connects the index-update signals)
        from .backends.database.sync import fill_after_migrate

        post_migrate.connect(fill_after_migrate, dispatch_uid="portal_search.fill_after_migrate")
