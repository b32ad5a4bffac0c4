from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_tables(**kwargs) -> None:
    """The rate-limit counters live in a database cache table; `migrate` creates it, so no
    deployment or test database can be without it."""
    from django.core.management import call_command

    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "portal"

    def ready(self) -> None:
        post_migrate.connect(create_cache_tables, sender=self)
