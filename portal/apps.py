from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "portal"

    def ready(self) -> None:
        from .admin_thai import name_roots_in_thai

        post_migrate.connect(name_roots_in_thai, sender=self, dispatch_uid="portal.name_roots_in_thai")
